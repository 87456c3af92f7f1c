//! How synthetic documents point at each other: letters that answer and settle motions,
//! decisions that follow proposals, references and identifiers mentioned in the text.
//!
//! Called oldest document first, with pools of what came before, so every link points back in
//! time: a letter settles only an adopted motion (`motie`) dated strictly before it, and takes
//! it out of the pool, so no motion is settled twice.

use fastrand::Rng;
use griffie::{DocType, MotionStatus};

use super::plan::Planned;

/// What earlier documents later ones can point at.
#[derive(Default)]
pub struct Pools {
    /// Adopted motions (type `motie`) nobody has settled yet.
    open_motions: Vec<usize>,
    /// Motions a letter may answer: not rejected or withdrawn (answering those is warned about).
    motions: Vec<usize>,
    voorstellen: Vec<usize>,
    with_identifiers: Vec<usize>,
}

impl Pools {
    /// Adopted motions that no letter has settled.
    pub fn open_motions(&self) -> &[usize] {
        &self.open_motions
    }

    pub fn add(&mut self, docs: &[Planned], i: usize) {
        let doc = &docs[i];
        if let Some(motion) = &doc.motion {
            let answerable = !matches!(motion.status, MotionStatus::Verworpen | MotionStatus::Ingetrokken);
            if doc.doc_type == DocType::Motie && answerable {
                self.motions.push(i);
                if motion.status == MotionStatus::Aangenomen {
                    self.open_motions.push(i);
                }
            }
        }
        if doc.doc_type == DocType::Raadsvoorstel {
            self.voorstellen.push(i);
        }
        if !doc.identifiers.is_empty() {
            self.with_identifiers.push(i);
        }
    }
}

pub fn link(rng: &mut Rng, docs: &mut [Planned], i: usize, pools: &mut Pools) {
    let date = docs[i].date;
    let before = |j: usize| docs[j].date < date;
    let mut responds_to = Vec::new();
    let mut settles = Vec::new();
    let written = !docs[i].metadata_only;
    match docs[i].doc_type {
        DocType::Raadsbrief if written && rng.u32(0..100) < 45 => {
            let count = if rng.u32(0..100) < 10 { 2 } else { 1 };
            for _ in 0..count {
                if let Some(m) = take_open_motion(rng, &mut pools.open_motions, &before) {
                    settles.push(m);
                    responds_to.push(m);
                }
            }
        }
        DocType::Raadsbrief if rng.u32(0..100) < 8 => {
            responds_to.extend(pick_recent(rng, &pools.motions, 200, &before))
        }
        DocType::Brief if rng.u32(0..100) < 15 && i > 0 => responds_to.push(i - 1 - rng.usize(0..i.min(300))),
        DocType::Besluit if rng.u32(0..100) < 60 => {
            responds_to.extend(pick_recent(rng, &pools.voorstellen, 3, &before))
        }
        _ => {}
    }
    let mut references = Vec::new();
    if docs[i].doc_type == DocType::Amendement && rng.u32(0..100) < 80 {
        references.extend(pick_recent(rng, &pools.voorstellen, 3, &before));
    }
    let wanted = match (docs[i].doc_type.is_voted(), rng.u32(0..100)) {
        (true, 0..=14) => 1,
        (true, _) | (false, 0..=29) => 0,
        (false, 30..=64) => 1,
        (false, 65..=89) => 2,
        (false, _) => 3,
    };
    for _ in 0..wanted.min(i) {
        let j = i - 1 - rng.usize(0..i.min(500));
        if !responds_to.contains(&j) && !references.contains(&j) {
            references.push(j);
        }
    }
    let mut mentions = Vec::new();
    if written && !docs[i].doc_type.is_voted() {
        for _ in 0..[0, 1, 1, 2, 2][rng.usize(0..5)] {
            if let Some(j) = pick_recent(rng, &pools.with_identifiers, 400, &|_| true) {
                if !mentions.contains(&j) {
                    mentions.push(j);
                }
            }
        }
    }
    let doc = &mut docs[i];
    (doc.responds_to, doc.settles, doc.references, doc.mentions) = (responds_to, settles, references, mentions);
}

/// An open adopted motion dated strictly before the letter, removed from the pool.
fn take_open_motion(rng: &mut Rng, open: &mut Vec<usize>, before: &dyn Fn(usize) -> bool) -> Option<usize> {
    for _ in 0..4 {
        if open.is_empty() {
            return None;
        }
        let k = rng.usize(0..open.len());
        if before(open[k]) {
            return Some(open.swap_remove(k));
        }
    }
    None
}

/// One of the last `window` entries of `pool` that passes `ok`, if a few tries find one.
fn pick_recent(rng: &mut Rng, pool: &[usize], window: usize, ok: &dyn Fn(usize) -> bool) -> Option<usize> {
    for _ in 0..4 {
        if pool.is_empty() {
            return None;
        }
        let j = pool[pool.len() - 1 - rng.usize(0..pool.len().min(window))];
        if ok(j) {
            return Some(j);
        }
    }
    None
}
