//! Builds that are killed, caches that are cut short, and two griffies at once, on the real
//! binary with generated corpora (`griffie_synth`, with git history):
//!
//! - a second `griffie build` beside a running `griffie serve` is refused (exit code 3, the
//!   other process named), and a killed one leaves no lock behind;
//! - what a killed build leaves (temporary files, staging folders) is cleaned up by the next;
//! - with every cache and manifest file cut short between two builds, a withdrawn document's
//!   text reaches no output file, and the output equals a clean build;
//! - `kill -9` at many moments of a rebuild (ignored in the default run; `.ci/run` runs it):
//!   `output/` is always the whole old site or the whole new one, never missing or a mix, and
//!   the next build succeeds and is byte-identical to a clean one.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support;
use crate::support::git::{commit_all, git};
use crate::support::{griffie, stderr};

/// In the withdrawn document's title, body and change note only: any hit after the
/// withdrawal is a leak.
const SECRET: &str = "Klaverblad";
const MARKER: &str = ".griffie-output";

/// A generated project with two commits on top of its history: `a` gives one letter personal
/// data, `b` withdraws that letter and edits a few other documents.
struct Corpus {
    _temp: tempfile::TempDir,
    dir: PathBuf,
    /// Where reference builds and snapshots go, outside the project.
    scratch: PathBuf,
    /// A copy of the binary under test: the target folder may be shared, and a build from
    /// another checkout must not replace it halfway through.
    griffie: PathBuf,
    a: String,
    b: String,
    /// The withdrawn letter's id.
    withdrawn: String,
}

fn corpus(docs: usize, history: usize, seed: u64) -> Corpus {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("project");
    let scratch = temp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    let binary = temp.path().join("griffie");
    std::fs::copy(support::griffie_bin(), &binary).unwrap();
    let history = griffie_synth::HistoryOptions::for_docs(docs, history);
    support::synthetic_history(&dir, docs, seed, &history);

    let letter = first_file(&dir.join("content/raadsbrieven"));
    let text = std::fs::read_to_string(&letter).unwrap();
    let id = field(&text, "id");
    let title_line = format!("title: {}\n", raw_field(&text, "title"));
    let personal = text.replacen(&title_line, "title: Gegevens van Jansje Klaverblad\n", 1)
        + "\nJansje Klaverblad woont aan de Dorpsstraat 17 en heeft schulden.\n";
    std::fs::write(&letter, &personal).unwrap();
    let when = last_commit_time(&dir);
    commit_all(
        &dir,
        "Adres van Klaverblad aangevuld",
        &format!("{} +0200", when + 86_400),
    );
    let a = support::git::head(&dir);

    let date_line = format!("date: {}\n", raw_field(&text, "date"));
    let day = jiff::Timestamp::from_second(when + 2 * 86_400)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let withdrawn = personal.replacen(
        &date_line,
        &format!("{date_line}withdrawn:\n  date: {day}\n  reason: Bevat persoonsgegevens (Woo, artikel 5.1)\n"),
        1,
    );
    std::fs::write(&letter, withdrawn).unwrap();
    for (i, file) in markdown_files(&dir.join("content")).iter().enumerate() {
        if i % 10 == 3 && *file != letter {
            let mut text = std::fs::read_to_string(file).unwrap();
            text.push_str("\nBijgewerkt na de raadsvergadering.\n");
            std::fs::write(file, text).unwrap();
        }
    }
    commit_all(&dir, "Brief ingetrokken", &format!("{} +0200", when + 2 * 86_400));
    let b = support::git::head(&dir);
    Corpus {
        _temp: temp,
        dir,
        scratch,
        griffie: binary,
        a,
        b,
        withdrawn: id,
    }
}

impl Corpus {
    fn checkout(&self, commit: &str) {
        git(&self.dir, &["checkout", "-q", "--detach", commit]);
    }

    fn output(&self) -> PathBuf {
        self.dir.join("output")
    }

    fn cache(&self) -> PathBuf {
        self.dir.join(".griffie-cache")
    }

    /// Everything builds leave in the project: output, its sibling folders, the cache.
    fn build_state(&self) -> [PathBuf; 5] {
        [
            self.output(),
            self.dir.join(".output.staging"),
            self.dir.join(".output.previous"),
            self.dir.join(".output.linking"),
            self.cache(),
        ]
    }

    fn forget_builds(&self) {
        for path in self.build_state() {
            if path.exists() {
                std::fs::remove_dir_all(&path).unwrap();
            }
        }
    }

    /// `griffie build` to completion; panics unless it succeeds.
    fn build(&self, pdf: bool, extra: &[&str]) {
        let mut args = vec!["build", "--quiet"];
        if !pdf {
            args.push("--no-pdf");
        }
        args.extend_from_slice(extra);
        let run = Command::new(&self.griffie)
            .args(&args)
            .current_dir(&self.dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap();
        assert!(run.status.success(), "build failed:\n{}", stderr(&run));
    }

    /// A clean build of `commit` (empty cache) into a folder outside the project.
    fn reference(&self, commit: &str, pdf: bool) -> Tree {
        self.checkout(commit);
        self.forget_builds();
        let folder = self.scratch.join(format!("reference-{}-{pdf}", &commit[..8]));
        self.build(pdf, &["--output", folder.to_str().unwrap()]);
        self.forget_builds();
        tree(&folder)
    }
}

/// The first Markdown file under `folder`, by path.
fn first_file(folder: &Path) -> PathBuf {
    markdown_files(folder).into_iter().next().expect("a letter")
}

fn markdown_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
}

fn raw_field<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
        .unwrap_or_else(|| panic!("no {name}: in\n{text}"))
}

fn field(text: &str, name: &str) -> String {
    raw_field(text, name).trim_matches('"').to_string()
}

fn last_commit_time(dir: &Path) -> i64 {
    git(dir, &["log", "-1", "--format=%ct"]).trim().parse().unwrap()
}

/// A folder's files: path → blake3 of the bytes.
type Tree = BTreeMap<String, blake3::Hash>;

fn tree(folder: &Path) -> Tree {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(folder).unwrap().to_string_lossy().into_owned();
            (relative, blake3::hash(&std::fs::read(e.path()).unwrap()))
        })
        .collect()
}

/// How two trees differ, briefly, for a failure message.
fn difference(actual: &Tree, expected: &Tree) -> String {
    let missing: Vec<&String> = expected.keys().filter(|p| !actual.contains_key(*p)).take(5).collect();
    let extra: Vec<&String> = actual.keys().filter(|p| !expected.contains_key(*p)).take(5).collect();
    let changed: Vec<&String> = actual
        .iter()
        .filter(|(p, h)| expected.get(*p).is_some_and(|e| e != *h))
        .map(|(p, _)| p)
        .take(5)
        .collect();
    format!(
        "{} files against {} expected; missing {missing:?}, extra {extra:?}, different {changed:?}",
        actual.len(),
        expected.len()
    )
}

/// The text of a file as a reader or a search could see it: gzip (Pagefind) unpacked, a PDF's
/// text extracted; lower case, without spaces and hyphens (a PDF may hyphenate a word).
fn readable_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut unpacked)
            .unwrap_or_else(|e| panic!("{} is not gzip: {e}", path.display()));
        String::from_utf8_lossy(&unpacked).into_owned()
    } else if path.extension().is_some_and(|x| x == "pdf") {
        pdf_extract::extract_text_from_mem(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    };
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The files of `folder` in which [`SECRET`] can be read.
fn files_with_secret(folder: &Path) -> Vec<String> {
    let secret = SECRET.to_lowercase();
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| readable_text(e.path()).contains(&secret))
        .map(|e| e.path().strip_prefix(folder).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// Temporary files of [`griffie::is_cache_temporary`] anywhere under `folder`.
fn temporaries(folder: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| griffie::is_cache_temporary(&e.file_name().to_string_lossy()))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn a_second_griffie_is_refused_while_one_runs_and_a_killed_one_does_not_block() {
    let dir = support::project("valid-site");
    let preview = support::serve::start(dir.path());
    let refused = griffie(dir.path(), &["build"]);
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(
        message.contains("er werkt al een andere griffie aan dit project")
            && message.contains(&format!("`griffie serve`, proces {}", preview.child.id())),
        "names the preview that holds the lock: {message}"
    );
    assert!(!dir.path().join("output").exists(), "the refused build wrote nothing");
    let english = support::griffie_with_env(dir.path(), &["build"], &[("GRIFFIE_LANG", "en")]);
    assert!(stderr(&english).contains("another griffie is already working on this project"));

    drop(preview); // SIGKILL: the kernel releases its lock
    assert!(dir.path().join(".griffie-cache/lock").is_file(), "the file stays");
    support::build_ok(dir.path());
    // `check` writes no output and takes no lock: it runs beside a preview.
    let _preview = support::serve::start(dir.path());
    let check = griffie(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn what_a_killed_build_leaves_behind_is_cleaned_up_by_the_next() {
    let dir = support::project("valid-site");
    support::build_ok(dir.path());
    support::build_ok(dir.path());
    let cache = dir.path().join(".griffie-cache");
    // Temporary files of a process that no longer runs (ids above the kernel's limit never do).
    let mut left = Vec::new();
    for folder in ["pdf", "history", "search", "feeds", ""] {
        let path = cache.join(folder).join(".entry.4999999-7.tmp");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "half").unwrap();
        left.push(path);
    }
    let manifests = std::fs::read_dir(cache.join("outputs"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    left.push(manifests.join("manifests/.0123.4999999-0.tmp"));
    std::fs::write(left.last().unwrap(), "half").unwrap();
    // A `.previous` folder beside the staging folder: killed between two renames of the
    // fallback publish (or left by an older griffie).
    let previous = dir.path().join(".output.previous");
    support::copy_dir(&dir.path().join("output"), &previous);
    let before = support::snapshot_tree(&dir.path().join("output"));

    support::build_ok(dir.path());
    if cfg!(target_os = "linux") {
        let remaining: Vec<&PathBuf> = left.iter().filter(|p| p.exists()).collect();
        assert!(remaining.is_empty(), "left behind: {remaining:?}");
    }
    assert!(!previous.exists(), "one folder to reuse is enough");
    assert!(dir.path().join(".output.staging").join(MARKER).is_file());
    assert_eq!(support::snapshot_tree(&dir.path().join("output")), before);
}

/// How much of a file's length stays.
type Cut = fn(u64) -> u64;

/// Cut every file under `folder` to what `cut` leaves of its length.
fn truncate_all(folder: &Path, cut: Cut) -> usize {
    let mut count = 0;
    for entry in walkdir::WalkDir::new(folder).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_file() {
            let file = std::fs::File::options().write(true).open(entry.path()).unwrap();
            let length = file.metadata().unwrap().len();
            file.set_len(cut(length)).unwrap();
            count += 1;
        }
    }
    count
}

#[test]
fn with_every_cache_and_manifest_cut_short_a_withdrawn_text_is_published_nowhere() {
    let corpus = corpus(40, 2, 5);
    let clean = corpus.reference(&corpus.b, true);
    let cuts: [(&str, Cut); 3] = [
        ("emptied", |_| 0),
        ("cut in half", |n| n / 2),
        ("one byte short", |n| n.saturating_sub(1)),
    ];
    for (name, cut) in cuts {
        corpus.forget_builds();
        corpus.checkout(&corpus.a);
        // Twice: the output and the folder the next build reuses both hold the letter.
        corpus.build(true, &[]);
        corpus.build(true, &[]);
        let leaking = files_with_secret(&corpus.output());
        assert!(
            leaking.iter().any(|p| p.ends_with(".pdf")) && leaking.iter().any(|p| p.ends_with(".html")),
            "before the withdrawal the letter's text is in pages and PDFs: {leaking:?}"
        );
        corpus.checkout(&corpus.b);
        let files = truncate_all(&corpus.cache(), cut);
        assert!(files >= 5, "manifests, PDFs, history, feeds, search: {files} files");
        corpus.build(true, &[]);
        let leaks = files_with_secret(&corpus.output());
        assert!(leaks.is_empty(), "{name}: the withdrawn text is still in {leaks:?}");
        let built = tree(&corpus.output());
        assert!(built == clean, "{name}: {}", difference(&built, &clean));
        let withdrawn = corpus.output().join("documenten").join(&corpus.withdrawn);
        let pdfs = walkdir::WalkDir::new(&withdrawn)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            .count();
        assert_eq!(pdfs, 0, "{name}: no PDF of the withdrawn letter");
    }
}

/// Where a killed build was when it died, as its traces on disk tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Moment {
    /// Rendering or pruning: `output/` is the old site, the staging folder names no manifest.
    BeforeSwap,
    /// Publishing: the staging folder names its manifest, the exchange has not happened yet.
    DuringSwap,
    /// The new site is in `output/`; the process was killed while tidying up.
    AfterSwap,
    /// The build had ended before the kill.
    Finished,
}

/// One kind of build to kill: with or without PDFs, and what is known about its timing.
struct Kind {
    pdf: bool,
    /// The project (output, staging folder, cache) as it is before the rebuild.
    snapshot: PathBuf,
    old: Tree,
    new: Tree,
    /// How long the rebuild takes, and when it swaps the output: first from two builds
    /// watched to the end, then moved towards where kills land half before, half after it.
    duration: Duration,
    swap: Duration,
}

/// What watching a build saw.
struct Watched {
    /// `None`: killed.
    exit: Option<std::process::ExitStatus>,
    /// When the output's marker changed to the new site's.
    swapped: Option<Duration>,
    took: Duration,
    /// Polls of the output folder, and how many found it missing.
    polls: usize,
    missing: usize,
}

fn marker_of(folder: &Path) -> Option<Vec<u8>> {
    std::fs::read(folder.join(MARKER)).ok()
}

/// Runs `griffie build` in `dir`, looking at the output's marker every millisecond, and kills
/// it (SIGKILL) at `kill_at` if it is still running.
fn watch_build(corpus: &Corpus, pdf: bool, kill_at: Option<Duration>) -> Watched {
    let dir = &corpus.dir;
    let old_marker = marker_of(&dir.join("output"));
    let mut command = Command::new(&corpus.griffie);
    command
        .args(["build", "--quiet"])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    if !pdf {
        command.arg("--no-pdf");
    }
    let started = Instant::now();
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let mut watched = Watched {
        exit: None,
        swapped: None,
        took: Duration::ZERO,
        polls: 0,
        missing: 0,
    };
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            watched.exit = Some(status);
            break;
        }
        let marker = marker_of(&dir.join("output"));
        watched.polls += 1;
        if marker.is_none() {
            watched.missing += 1;
        } else if watched.swapped.is_none() && marker != old_marker {
            watched.swapped = Some(started.elapsed());
        }
        if kill_at.is_some_and(|at| started.elapsed() >= at) {
            child.kill().unwrap();
            child.wait().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    watched.took = started.elapsed();
    watched
}

/// `cp -a from to`, replacing `to`.
fn copy_exactly(from: &Path, to: &Path) {
    if to.exists() {
        std::fs::remove_dir_all(to).unwrap();
    }
    if from.exists() {
        let status = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
        assert!(status.success());
    }
}

fn save_state(corpus: &Corpus, snapshot: &Path) {
    std::fs::create_dir_all(snapshot).unwrap();
    for path in corpus.build_state() {
        copy_exactly(&path, &snapshot.join(path.file_name().unwrap()));
    }
}

fn restore_state(corpus: &Corpus, snapshot: &Path) {
    for path in corpus.build_state() {
        copy_exactly(&snapshot.join(path.file_name().unwrap()), &path);
    }
}

/// The project after builds of `a`'s parent and of `a`, with `b` checked out: the rebuild to
/// kill is the one that withdraws the letter.
fn prepare(corpus: &Corpus, pdf: bool, new: Tree) -> Kind {
    corpus.forget_builds();
    corpus.checkout(&format!("{}~1", corpus.a));
    corpus.build(pdf, &[]);
    corpus.checkout(&corpus.a);
    corpus.build(pdf, &[]);
    let old = tree(&corpus.output());
    let page = corpus
        .output()
        .join("documenten")
        .join(&corpus.withdrawn)
        .join("index.html");
    assert!(
        std::fs::read_to_string(page).unwrap().contains(SECRET),
        "the letter is published at first"
    );
    corpus.checkout(&corpus.b);
    let snapshot = corpus.scratch.join(format!("snapshot-{pdf}"));
    save_state(corpus, &snapshot);
    let mut kind = Kind {
        pdf,
        snapshot,
        old,
        new,
        duration: Duration::MAX,
        swap: Duration::ZERO,
    };
    // Two rebuilds watched to the end: how long they take and when they swap. The shorter one
    // sets the kill moments, so that a slow first run does not put most of them after the end.
    for _ in 0..2 {
        restore_state(corpus, &kind.snapshot);
        let watched = watch_build(corpus, pdf, None);
        assert!(watched.exit.is_some_and(|s| s.success()));
        kind.duration = kind.duration.min(watched.took);
        kind.swap = watched.swapped.expect("the watched build swapped the output");
    }
    kind
}

/// Killed rebuilds (and the clean rebuilds after them) in the kill test.
const ROUNDS: usize = 64;

/// The kill test: many `kill -9`s of a rebuild, at seeded random moments. After each, the
/// output must be the old site or the new one, whole, and the next build must make exactly a
/// clean build's site.
#[test]
#[ignore = "runs for minutes; .ci/run runs it: cargo test --test testsuite crash_consistency::killed_rebuilds -- --ignored"]
fn killed_rebuilds_leave_the_old_or_the_new_site_and_the_next_build_is_clean() {
    let started = Instant::now();
    let docs = 100;
    let corpus = corpus(docs, 3, 9);
    let references = [corpus.reference(&corpus.b, false), corpus.reference(&corpus.b, true)];
    assert!(
        files_with_secret(&corpus.scratch).is_empty(),
        "clean builds publish no secret"
    );
    let [without, with] = references;
    let mut kinds = [prepare(&corpus, false, without), prepare(&corpus, true, with)];
    println!(
        "corpus: {docs} documents, 3 versions on average; rebuild {} ms ({} files) without PDFs, {} ms ({} files) with; set-up {} s",
        kinds[0].duration.as_millis(),
        kinds[0].new.len(),
        kinds[1].duration.as_millis(),
        kinds[1].new.len(),
        started.elapsed().as_secs()
    );

    let mut rng = fastrand::Rng::with_seed(2024);
    let mut outcomes: BTreeMap<(bool, Moment), usize> = BTreeMap::new();
    let (mut polls, mut kills) = (0, 0);
    let mut kill_moments = Vec::new();
    // Most kills without PDFs (fast), every fourth with them.
    for round in 0..ROUNDS {
        let kind = &mut kinds[usize::from(round % 4 == 3)];
        restore_state(&corpus, &kind.snapshot);
        // Half anywhere in the build, half within 15 ms of the swap.
        let near_swap = rng.bool();
        let kill_at = if near_swap {
            (kind.swap + Duration::from_millis(rng.u64(0..=30))).saturating_sub(Duration::from_millis(15))
        } else {
            kind.duration.mul_f64(rng.f64())
        };
        let watched = watch_build(&corpus, kind.pdf, Some(kill_at));
        polls += watched.polls;
        assert_eq!(
            watched.missing, 0,
            "round {round}: output/ was missing while the build ran"
        );
        let output = tree(&corpus.output());
        let staging_names_manifest = std::fs::read_to_string(corpus.dir.join(".output.staging").join(MARKER))
            .is_ok_and(|m| m.contains("manifest: "));
        let moment = match watched.exit {
            Some(status) => {
                assert!(status.success(), "round {round}: the build failed by itself");
                assert!(output == kind.new, "round {round}: {}", difference(&output, &kind.new));
                Moment::Finished
            }
            None if output == kind.old && staging_names_manifest => Moment::DuringSwap,
            None if output == kind.old => Moment::BeforeSwap,
            None if output == kind.new => Moment::AfterSwap,
            None => panic!(
                "round {round}: killed at {} ms, output/ is neither site: against the old: {}; against the new: {}",
                kill_at.as_millis(),
                difference(&output, &kind.old),
                difference(&output, &kind.new)
            ),
        };
        if watched.exit.is_none() {
            kills += 1;
        }
        *outcomes.entry((kind.pdf, moment)).or_default() += 1;

        // The next build succeeds, cleans up and makes exactly a clean build's site.
        let next = watch_build(&corpus, kind.pdf, None);
        assert!(
            next.exit.is_some_and(|s| s.success()),
            "round {round}: the build after the kill failed"
        );
        assert_eq!(
            next.missing, 0,
            "round {round}: output/ was missing during the next build"
        );
        let output = tree(&corpus.output());
        assert!(
            output == kind.new,
            "round {round} ({moment:?}): the next build differs from a clean one: {}",
            difference(&output, &kind.new)
        );
        let left = temporaries(&corpus.dir);
        assert!(left.is_empty(), "round {round}: temporary files left: {left:?}");
        assert!(!corpus.dir.join(".output.previous").exists());
        // Builds vary by tens of milliseconds: aim where the swap was just now.
        if near_swap {
            let step = Duration::from_millis(4);
            kind.swap = match moment {
                Moment::BeforeSwap | Moment::DuringSwap => kind.swap + step,
                Moment::AfterSwap | Moment::Finished => kind.swap.saturating_sub(step),
            };
        }
        kill_moments.push(kill_at.as_millis());
    }
    kill_moments.sort_unstable();
    println!(
        "{kills} kills in {ROUNDS} rebuilds (seed 2024), at {}–{} ms, median {} ms; {polls} looks at output/ while they ran, never missing",
        kill_moments[0],
        kill_moments[kill_moments.len() - 1],
        kill_moments[kill_moments.len() / 2]
    );
    for ((pdf, moment), count) in &outcomes {
        let pdfs = if *pdf { "with PDFs" } else { "without PDFs" };
        println!("  {moment:?} {pdfs}: {count}, output/ whole, next build identical to a clean one");
    }
    println!("in {} s", started.elapsed().as_secs());
    let before = outcomes
        .iter()
        .filter(|((_, m), _)| *m == Moment::BeforeSwap)
        .map(|(_, n)| n)
        .sum::<usize>();
    assert!(
        before >= 10,
        "the kills mostly land while the build renders: {outcomes:?}"
    );
    assert!(kills >= ROUNDS / 2, "most rounds are killed: {outcomes:?}");
}
