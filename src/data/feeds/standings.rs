//! What each committed version of a motion says about its standing (`status:` and `due:`),
//! for the status changes in the motion's feed.
//!
//! Reading every version back from git is the slow part of the feeds: an archive of 10,000
//! documents with 20 versions each holds some 56,000 motion versions, seconds of blob reading.
//! A blob's content never changes, so what it says is kept by blob id: in memory for the
//! process (a preview session makes the feeds again after every edit) and between builds in
//! `.griffie-cache/feeds/standings.json`, so a build reads only versions it has not seen. The
//! cache only saves time: a missing, old or unreadable file (written and read through
//! [`crate::cache_file`], so also one cut short) means reading the blobs again, and the answers
//! are the same either way.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use jiff::civil::Date;
use serde::Deserialize;

use crate::document_versions::VersionRef;
use crate::history::{BlobReader, ObjectId};
use crate::model::{DocType, MotionStatus};
use crate::source::SourceKind;

/// Bump when the saved shape or the reading rules change.
const FORMAT: u32 = 2;
const FILE: &str = "standings.json";

/// What a version says about the motion's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    pub status: MotionStatus,
    pub due: Option<Date>,
}

/// Answers by blob id; `None`: the version does not read as a motion.
fn known() -> &'static Mutex<HashMap<ObjectId, Option<Standing>>> {
    static KNOWN: OnceLock<Mutex<HashMap<ObjectId, Option<Standing>>>> = OnceLock::new();
    KNOWN.get_or_init(Default::default)
}

/// Something was learnt since the cache file was last read or written.
static ADDED: AtomicBool = AtomicBool::new(false);

/// What `version` says: known already, or read from git once.
pub(crate) fn of(reader: Option<&mut BlobReader>, version: &VersionRef) -> Option<Standing> {
    if let Some(standing) = known().lock().ok().and_then(|k| k.get(&version.blob).copied()) {
        return standing;
    }
    // Without the blob (no reader, a shallow clone) there is no answer to keep.
    let bytes = reader.and_then(|r| r.read(version.blob))?;
    let standing = read(&version.path, bytes);
    if let Ok(mut known) = known().lock() {
        known.insert(version.blob, standing);
        ADDED.store(true, Ordering::Relaxed);
    }
    standing
}

/// The fields of a motion's front matter that make its standing.
#[derive(Deserialize)]
struct StandingFields {
    #[serde(rename = "type")]
    doc_type: String,
    status: String,
    due: Option<String>,
}

/// `status:` and `due:` of a version's source, by the loader's rules for those fields. Only
/// these fields of the front matter are read: the whole document (body, every other field)
/// would cost several times more. `None` when the version does not read as a motion.
pub(crate) fn read(path: &str, bytes: Vec<u8>) -> Option<Standing> {
    let path = Path::new(path);
    let file = crate::source::parse_source(path, bytes, SourceKind::of(path)?).ok()?;
    let fields: StandingFields =
        crate::yaml::from_str(file.front_matter_text(), crate::yaml::Bounds::FRONT_MATTER).ok()?;
    if !DocType::from_slug(&fields.doc_type).is_some_and(DocType::is_voted) {
        return None;
    }
    Some(Standing {
        status: MotionStatus::from_slug(&fields.status)?,
        due: match fields.due {
            Some(text) => Some(crate::dates::parse_date(&text).ok()?),
            None => None,
        },
    })
}

/// What the file keeps: blob id → `[status, due]`, or `null` for a version that is not a motion.
type Saved = BTreeMap<String, Option<(String, Option<String>)>>;

/// Adds what `dir` holds from earlier builds to what the process knows.
pub(crate) fn load(dir: &Path) {
    let Some(saved) = crate::cache_file::read_json::<Saved>(&dir.join(FILE), FORMAT) else {
        return;
    };
    let Ok(mut known) = known().lock() else {
        return;
    };
    for (blob, answer) in saved {
        let Ok(blob) = ObjectId::from_hex(blob.as_bytes()) else {
            continue;
        };
        let standing = match answer {
            None => None,
            Some((status, due)) => {
                let Some(status) = MotionStatus::from_slug(&status) else {
                    continue;
                };
                let due = match due.map(|d| crate::dates::parse_date(&d)) {
                    Some(Ok(date)) => Some(date),
                    Some(Err(_)) => continue,
                    None => None,
                };
                Some(Standing { status, due })
            }
        };
        known.entry(blob).or_insert(standing);
    }
}

/// Writes what the process knows to `dir`, if it learnt something; failures are ignored (the
/// next build reads the blobs again).
pub(crate) fn save(dir: &Path) {
    if !ADDED.swap(false, Ordering::Relaxed) {
        return;
    }
    let standings: Saved = match known().lock() {
        Ok(known) => known
            .iter()
            .map(|(blob, standing)| {
                let answer = standing.map(|s| (s.status.slug().to_string(), s.due.map(|d| d.to_string())));
                (blob.to_string(), answer)
            })
            .collect(),
        Err(_) => return,
    };
    crate::cache_file::write_json(&dir.join(FILE), FORMAT, &standings);
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_version_is_read_for_its_status_and_due_date_only() {
        let read = |text: &str| read("moties/x.md", text.as_bytes().to_vec());
        let motion = "---\nid: x\ntype: motie\ntitle: X\ndate: 2025-01-01\nstatus: aangenomen\ndue: 2025-12-31 # streefdatum\n---\n\nTekst.\n";
        assert_eq!(
            read(motion),
            Some(Standing {
                status: MotionStatus::Aangenomen,
                due: Some(date(2025, 12, 31))
            })
        );
        assert_eq!(
            read(&motion.replace("due: 2025-12-31 # streefdatum\n", "")).map(|s| s.due),
            Some(None)
        );
        assert_eq!(read(&motion.replace("type: motie", "type: raadsbrief")), None);
        assert_eq!(read(&motion.replace("status: aangenomen", "status: misschien")), None);
        assert_eq!(read(&motion.replace("2025-12-31", "2025-02-30")), None);
        assert_eq!(read("---\n: : :\n---\n"), None);
    }
}
