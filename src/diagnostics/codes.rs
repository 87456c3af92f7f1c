//! The registry of diagnostic codes: every kind of problem griffie reports, with the code that
//! names it, the severity it is reported with and a line on what it means.
//!
//! A code is a contract: the human report, `--format json` and the GitHub annotations print it,
//! and CI scripts and editors match on it, so a published code never changes (the message, in
//! the message language, may). Every [`super::Diagnostic`] is made from a [`Code`], so no code
//! exists outside this table; the README's list of codes ("Problem codes") is tested against
//! it in both directions.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Severity;

/// Declares [`Code`] and its table from one row per code: variant, code, severities (the
/// usual one first), description.
macro_rules! registry {
    ($($variant:ident = $code:literal, [$($severity:ident),+], $what:literal;)+) => {
        /// A kind of problem. The variants are in the order of the README's list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $($variant,)+
        }

        impl Code {
            /// Every code, in the order of the README's list.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The code as printed (kebab-case): the stable name tools match on.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)+
                }
            }

            /// The severities a problem of this kind is reported with, the usual one first.
            pub fn severities(self) -> &'static [Severity] {
                match self {
                    $(Code::$variant => &[$(Severity::$severity),+],)+
                }
            }

            /// What the code means, in one line (English, as in the README).
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $what,)+
                }
            }
        }
    };
}

registry! {
    // The project's files.
    Unreadable = "unreadable", [Error], "a file or folder of the project cannot be read";
    FileTooLarge = "file-too-large", [Error], "a source file or `griffie.yaml` is larger than its limit";
    SymlinkSkipped = "symlink-skipped", [Warning], "a symbolic link in `content/`: skipped, never followed";
    SpecialFileSkipped = "special-file-skipped", [Warning], "a FIFO, socket or device in `content/`: skipped, never opened";
    NotADocument = "not-a-document", [Warning], "a file in `content/` that is neither `.md` nor `.yaml` (names starting with `_` are left alone)";
    // Sources: text and front matter.
    NotUtf8 = "not-utf8", [Error], "a source file that is not UTF-8 text";
    MissingFrontMatter = "missing-front-matter", [Error], "a Markdown document that does not start with front matter between `---` lines";
    UnclosedFrontMatter = "unclosed-front-matter", [Error], "front matter without its closing `---` line";
    YamlSyntax = "yaml-syntax", [Error], "front matter (or a `.yaml` record) that is not valid YAML";
    YamlTooLarge = "yaml-too-large", [Error], "front matter larger than its limit";
    YamlTooManyNodes = "yaml-too-many-nodes", [Error], "more YAML values than the limit, `*alias` references counted in";
    YamlTooDeep = "yaml-too-deep", [Error], "lists and mappings nested deeper than the limit";
    ListTooLong = "list-too-long", [Error], "a list or mapping with more items than the limit";
    Placeholder = "placeholder", [Error], "a placeholder `«…»` left by `griffie new`";
    // Bodies.
    MarkdownTooDeep = "markdown-too-deep", [Error], "Markdown elements nested deeper than the limit";
    ParagraphTooLong = "paragraph-too-long", [Error], "a paragraph, heading or table cell longer than the limit";
    EmptyHeading = "empty-heading", [Warning], "a heading without text, left out of page and PDF";
    EmptyBody = "empty-body", [Warning], "a Markdown document without text after its front matter";
    // Fields.
    WrongType = "wrong-type", [Error], "a value of the wrong kind (a list where text belongs, text where a list belongs, …)";
    MissingField = "missing-field", [Error], "a required field that is missing or empty";
    UnknownField = "unknown-field", [Error], "a field no document has (with \"did you mean\")";
    MisplacedField = "misplaced-field", [Error], "a field that belongs to another type of document";
    InvalidDate = "invalid-date", [Error], "a date not written `YYYY-MM-DD`, or one that does not exist (`2024-02-30`)";
    InvalidId = "invalid-id", [Error], "an id that is not lower-case letters, digits and single hyphens";
    InvalidTopic = "invalid-topic", [Error], "a topic that is not a slug";
    InvalidValue = "invalid-value", [Error], "a value the field does not take (`status`, `date_precision`, `vote`, submitters, signatories)";
    UnknownType = "unknown-type", [Error], "a `type` that is not a document type";
    // The corpus: ids, numbers and relations.
    DuplicateId = "duplicate-id", [Error], "an id used by two documents (both files named)";
    DuplicateIdentifier = "duplicate-identifier", [Error], "an official number listed by two documents";
    UnusualIdentifier = "unusual-identifier", [Warning], "an official number of an unusual form, which mentions in text do not link to";
    UnknownId = "unknown-id", [Error], "a relation to an id no document has (with \"did you mean\")";
    SelfLink = "self-link", [Error], "a document that names itself in a relation";
    DuplicateLink = "duplicate-link", [Warning], "an id listed twice in one relation";
    SettlesNotMotion = "settles-not-motion", [Error], "`settles` naming something that is not a motion or commitment";
    AnswerBeforeQuestion = "answer-before-question", [Warning], "an answer dated before its question";
    UnknownIdentifier = "unknown-identifier", [Warning], "an official number cited in the text that no document carries";
    // Motions.
    MotionOverdue = "motion-overdue", [Warning], "an adopted motion past its `due` date and not settled";
    MotionNoDue = "motion-no-due", [Warning], "an adopted motion without a `due` date";
    CommitmentOverdue = "commitment-overdue", [Warning], "a commitment (toezegging) past its `due` date and not settled";
    CommitmentNoDue = "commitment-no-due", [Warning], "a commitment (toezegging) without a `due` date";
    AnswersUnadopted = "answers-unadopted", [Warning], "a letter answering a rejected or withdrawn motion";
    SettlesUnadopted = "settles-unadopted", [Warning], "settling a motion that was not adopted";
    SettlesBeforeMotion = "settles-before-motion", [Warning], "settling a motion dated later than the settling document";
    // Meetings and votes.
    NotAMeeting = "not-a-meeting", [Error], "`meeting` naming a document that is not a `vergadering`";
    NotOnAgenda = "not-on-agenda", [Warning], "a document whose `meeting` does not list it on its agenda";
    MeetingDate = "meeting-date", [Warning], "a document dated otherwise than the meeting it was decided in";
    NotAProposal = "not-a-proposal", [Error], "`amends` or `decides` naming a document that is not a `raadsvoorstel`";
    DecidedTwice = "decided-twice", [Warning], "a second `besluit` that `decides` the same proposal";
    UnknownParty = "unknown-party", [Error], "a party slug (in a vote, a submitter, a council term) that `parties:` does not list (with \"did you mean\")";
    VoteSeats = "vote-seats", [Warning], "a vote per party that does not fit the seats of its council term";
    VoteContradictsStatus = "vote-contradicts-status", [Warning], "a recorded result that the vote contradicts (adopted with as many or more votes against)";
    // The Woo index.
    WooCategory = "woo-category", [Error], "a Woo information category that article 3.3 does not have (in `woo_category:` or under `woo: categories:`), with the allowed values";
    WooNoPublisher = "woo-no-publisher", [Warning], "no `woo: publisher:` in `griffie.yaml`: the site makes no DiWoo sitemaps, so the Woo index finds none of its documents";
    WooNoCategory = "woo-no-category", [Warning], "a document whose type has no Woo information category (neither configured nor `geen`), so it stays out of the Woo index";
    WooNoPdf = "woo-no-pdf", [Warning], "a document in a Woo category without text, so without the PDF the Woo index links to";
    WooNotHttps = "woo-not-https", [Warning], "a `base_url` that is not https, which the Woo index does not harvest";
    OriA = "ori-a", [Warning], "a held meeting without agenda items, which ORI-A cannot describe: left out of `griffie export ori-a`";
    // Rendering.
    UnsafeHtml = "unsafe-html", [Warning], "HTML with script, styles or an embedded object, removed from the page";
    UnsafeLink = "unsafe-link", [Warning], "a link address that is not allowed (such as `javascript:`), removed";
    MissingAlt = "missing-alt", [Error], "an image without alt text";
    Template = "template", [Error], "a page or PDF template that is missing, unreadable or wrong (reported once, at the template)";
    Pdf = "pdf", [Error], "a PDF typst cannot make: a character no PDF font has (pointed at in the text), or a typst warning";
    PdfContent = "pdf-content", [Error], "a block of the text that typst refuses to put in the PDF, at the line of that block";
    PdfTemplate = "pdf-template", [Error], "a mistake in a PDF template, at its line in the template";
    Search = "search", [Error], "the search index cannot be made";
    Write = "write", [Error], "an output file that cannot be written or copied";
    BrokenLink = "broken-link", [Error, Note], "a link inside the site to no page or file (a note in the text of an archived version)";
    BrokenAnchor = "broken-anchor", [Error, Note], "a link to an `#anker` that is not on its page (a note in the text of an archived version)";
    // The site configuration.
    MissingConfig = "missing-config", [Error], "`griffie.yaml` cannot be read";
    Config = "config", [Error], "a mistake in `griffie.yaml`, its accessibility statement included";
    NoAccessibilityStatement = "no-accessibility-statement", [Note], "`griffie.yaml` has no `accessibility:` section, so the site has no accessibility statement";
    // Version history.
    NoHistory = "no-history", [Note], "no git history (no repository, or no commits): every document is a draft";
    ShallowHistory = "shallow-history", [Warning], "a shallow clone: documents lack their early versions";
    Uncommitted = "uncommitted", [Note], "uncommitted changes: changed documents are shown as drafts";
    // griffie itself.
    InternalError = "internal-error", [Error], "a bug in griffie or a library it uses, while handling this file; the rest of the run goes on";
}

impl Code {
    /// The usual severity of this kind of problem.
    pub fn severity(self) -> Severity {
        self.severities()[0]
    }

    /// Whether this kind of problem is ever reported as `severity`.
    pub fn allows(self, severity: Severity) -> bool {
        self.severities().contains(&severity)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Written as its code, e.g. `"unknown-field"`.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Ordered by code, as the code strings were before there was a registry.
impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The rows of the README's list of codes: (code, severity, what).
    fn readme_rows() -> Vec<(String, String, String)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("README.md is readable");
        let (_, section) = readme
            .split_once("\n#### Problem codes\n")
            .expect("the README has a section \"Problem codes\"");
        let section = section.split("\n#").next().unwrap_or_default();
        section
            .lines()
            .filter(|line| line.starts_with("| `"))
            .map(|line| {
                let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
                assert_eq!(cells.len(), 3, "a row of code, severity and what: {line}");
                let code = cells[0].trim_matches('`');
                (code.to_string(), cells[1].to_string(), cells[2].to_string())
            })
            .collect()
    }

    /// How the README writes a code's severities: `error`, `error or note`.
    fn severity_words(code: Code) -> String {
        let words: Vec<&str> = code
            .severities()
            .iter()
            .map(|severity| match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            })
            .collect();
        words.join(" or ")
    }

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "`{name}` is in the registry twice");
            let kebab = name.split('-').all(|word| {
                word.starts_with(|c: char| c.is_ascii_lowercase())
                    && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
            assert!(kebab, "`{name}` is not kebab-case");
        }
    }

    #[test]
    fn every_code_has_severities_and_a_one_line_description() {
        for &code in Code::ALL {
            let severities = code.severities();
            assert!(!severities.is_empty(), "{code}");
            let distinct: BTreeSet<_> = severities.iter().collect();
            assert_eq!(distinct.len(), severities.len(), "{code} names a severity twice");
            let what = code.description();
            assert!(!what.is_empty() && !what.contains(['\n', '|']), "{code}: {what:?}");
        }
    }

    #[test]
    fn readme_lists_every_code_and_only_those() {
        let rows = readme_rows();
        let listed: BTreeSet<&str> = rows.iter().map(|(code, _, _)| code.as_str()).collect();
        let registry: BTreeSet<&str> = Code::ALL.iter().map(|code| code.as_str()).collect();
        let missing: Vec<&&str> = registry.difference(&listed).collect();
        assert!(missing.is_empty(), "codes missing from the README's list: {missing:?}");
        let unknown: Vec<&&str> = listed.difference(&registry).collect();
        assert!(
            unknown.is_empty(),
            "codes in the README's list that griffie does not have: {unknown:?}"
        );
        assert_eq!(rows.len(), listed.len(), "a code is listed twice in the README");
    }

    #[test]
    fn readme_rows_say_what_the_registry_says() {
        for (name, severity, what) in readme_rows() {
            let Some(&code) = Code::ALL.iter().find(|code| code.as_str() == name) else {
                continue;
            };
            let row = format!("| `{code}` | {} | {} |", severity_words(code), code.description());
            assert_eq!(
                (severity.as_str(), what.as_str()),
                (severity_words(code).as_str(), code.description()),
                "the README's row of `{code}` should read:\n{row}"
            );
        }
    }

    #[test]
    fn a_code_is_written_as_its_name() {
        assert_eq!(serde_json::to_string(&Code::UnknownField).unwrap(), "\"unknown-field\"");
        assert_eq!(Code::BrokenAnchor.to_string(), "broken-anchor");
        assert!(Code::BrokenLink.allows(Severity::Note) && !Code::BrokenLink.allows(Severity::Warning));
        assert_eq!(Code::Uncommitted.severity(), Severity::Note);
    }
}
