//! How long a run and its stages took, for `--timings` and `griffie serve`'s round reports.
//!
//! One clock for every place that times itself (a build's stages, render's parts, a preview
//! round's steps), so a lap always runs from the end of the previous one: no time falls between
//! two stages, and none is counted twice.

use std::time::{Duration, Instant};

/// A clock started once, with named laps.
#[derive(Debug)]
pub struct Stopwatch {
    started: Instant,
    lap_started: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        let now = Instant::now();
        Stopwatch {
            started: now,
            lap_started: now,
            laps: Vec::new(),
        }
    }

    /// Records the time since the previous lap (or the start) as `name`; the next lap starts now.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.lap_started));
        self.lap_started = now;
    }

    /// Adds laps timed elsewhere (the parts of the stage just ended), after the ones so far.
    /// The current lap runs on.
    pub(crate) fn extend(&mut self, laps: &[(&'static str, Duration)]) {
        self.laps.extend_from_slice(laps);
    }

    /// The time since the start.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Each lap with the time it took, in order.
    pub(crate) fn into_laps(self) -> Vec<(&'static str, Duration)> {
        self.laps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_follow_each_other_and_sum_to_at_most_the_whole() {
        let mut clock = Stopwatch::start();
        std::thread::sleep(Duration::from_millis(2));
        clock.lap("one");
        clock.extend(&[("one: part", Duration::from_millis(1))]);
        clock.lap("two");
        let whole = clock.elapsed();
        let laps = clock.into_laps();
        let names: Vec<&str> = laps.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["one", "one: part", "two"]);
        assert!(laps[0].1 >= Duration::from_millis(2));
        assert!(laps[0].1 + laps[2].1 <= whole);
    }
}
