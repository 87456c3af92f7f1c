//! Official document numbers ("kenmerken") and finding them in running text.
//!
//! Letters cite each other by number, printed in several ways: "Raad-7975", "Raad - 2408221",
//! "(D/25/737910)". One normal form makes these comparable: the prefix in capitals, a `-` for
//! any dash with any spacing, `/` kept. Finding mentions is a single regex scan per text plus a
//! hash lookup per candidate, so its cost grows with the text, never with the corpus.

use std::sync::LazyLock;

use regex::Regex;

/// A prefix of letters, then a dash (any kind, any spacing) or a slash, then digits, possibly
/// with more `/digits` groups. The word boundaries are ASCII ones (`(?-u:\b)`): a Unicode `\b`
/// makes the regex crate fall back to a slow engine on text with é, ë or €, which cost over a
/// second on 10,000 documents.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)([A-Za-z]{1,16})(?:[ \t\u{a0}]*([-\u{2010}\u{2011}\u{2013}\u{2014}])[ \t\u{a0}]*|(/))(\d+(?:/\d+)*)(?-u:\b)",
    )
    .expect("identifier pattern is valid")
});

/// The normal form of an identifier, or `None` if it does not have the shape of one
/// (and so could never be recognised in text).
pub fn normalise(identifier: &str) -> Option<String> {
    let captures = CANDIDATE.captures(identifier.trim())?;
    let whole = captures.get(0)?;
    if whole.start() != 0 || whole.end() != identifier.trim().len() {
        return None;
    }
    Some(normal_form(&captures))
}

fn normal_form(captures: &regex::Captures) -> String {
    let separator = if captures.get(3).is_some() { "/" } else { "-" };
    format!("{}{}{}", captures[1].to_uppercase(), separator, &captures[4])
}

/// Whether `cited` (a candidate as written) is surely meant as an official number: a capital
/// first letter and at least four digits ("Raad-7975", "D/25/737910"). Linking accepts every
/// candidate that matches a known number; warning about unknown ones needs this stricter test,
/// or ordinary text ("voorzieningen/3", "week-2") would be flagged.
pub(crate) fn is_citation(cited: &str) -> bool {
    let capital = cited.chars().next().is_some_and(char::is_uppercase);
    capital && cited.chars().filter(char::is_ascii_digit).count() >= 4
}

/// A possible identifier in a text: its byte range and normal form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: std::ops::Range<usize>,
    pub normal: String,
}

/// Every identifier-shaped piece of `text`, in order.
pub fn find_candidates(text: &str) -> impl Iterator<Item = Mention> + '_ {
    CANDIDATE.captures_iter(text).filter_map(|captures| {
        let whole = captures.get(0)?;
        Some(Mention {
            range: whole.range(),
            normal: normal_form(&captures),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_number_like_citations_count_as_citations() {
        assert!(is_citation("Raad-7975"));
        assert!(is_citation("D/25/737910"));
        assert!(!is_citation("voorzieningen/3"));
        assert!(!is_citation("Week-12"));
    }

    #[test]
    fn printed_forms_share_one_normal_form() {
        assert_eq!(normalise("Raad-7975").as_deref(), Some("RAAD-7975"));
        assert_eq!(normalise("Raad - 2408221").as_deref(), Some("RAAD-2408221"));
        assert_eq!(normalise("DCS – 2382087").as_deref(), Some("DCS-2382087"));
        assert_eq!(normalise("D/25/737910").as_deref(), Some("D/25/737910"));
        assert_eq!(normalise("zomaar tekst"), None);
    }

    #[test]
    fn finds_mentions_in_running_text() {
        let text = "geïnformeerd op 28 maart 2025 (D/25/737910), zie ook Raad - 2408221 en Raad-7975.";
        let found: Vec<String> = find_candidates(text).map(|m| m.normal).collect();
        assert_eq!(found, ["D/25/737910", "RAAD-2408221", "RAAD-7975"]);
        let first = find_candidates(text).next().unwrap();
        assert_eq!(&text[first.range], "D/25/737910");
    }
}
