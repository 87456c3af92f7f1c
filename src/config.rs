//! The site configuration, `griffie.yaml` in the project folder.
//!
//! It holds what is true of the whole site and not of one document: the municipality and its
//! postal address (the letterhead), the site title, the public base URL, the language, and the
//! house-style defaults of letters. Read once; every renderer gets it read-only.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Code;
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::Lang;
use crate::regular_file::ReadError;
use crate::yaml::{Bounds, YamlError};

/// The file name looked for in the project folder.
pub const CONFIG_FILE: &str = "griffie.yaml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name, shown in every page's header and `<title>`.
    pub title: String,
    /// The municipality, e.g. `Almelo`.
    pub municipality: String,
    /// Public address of the site, e.g. `https://raad.almelo.nl/`. Its path part (if any) is
    /// put before every link, so the site can live in a sub-folder.
    pub base_url: String,
    /// Interface language of the site (its pages and PDFs): `nl` (default) or `en`. Content is
    /// never translated. Not the language of griffie's own messages, which the command line
    /// chooses (see `crate::i18n`).
    #[serde(default = "default_language")]
    pub language: String,
    /// One or two sentences about the site, for the home page and search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// The postal address lines of the letterhead.
    #[serde(default)]
    pub address: Vec<String>,
    /// Documents per page on list pages.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// Rows per page of the motievolglijst (one page unless the archive is very large).
    #[serde(default = "default_motion_page_size")]
    pub motion_page_size: usize,
    /// House-style defaults for letters.
    #[serde(default)]
    pub letters: LetterDefaults,
    /// Titles and descriptions of dossiers, by topic slug. A topic without an entry is shown
    /// with its slug as title ("passend-onderwijs" → "Passend onderwijs").
    #[serde(default)]
    pub topics: BTreeMap<String, TopicConfig>,
    /// The accessibility statement (toegankelijkheidsverklaring) published at
    /// `/toegankelijkheid/`; see [`crate::accessibility`].
    #[serde(default)]
    pub accessibility: Option<crate::accessibility::Statement>,
    /// The council's parties (fracties), by slug: who votes, and the address of each party's
    /// page (`/fracties/<slug>/`). See [`crate::parties`].
    #[serde(default)]
    pub parties: BTreeMap<String, crate::parties::Party>,
    /// The seats of each party per council term, oldest first; without terms, votes are shown
    /// by party and no seats are counted.
    #[serde(default)]
    pub council_terms: Vec<crate::parties::CouncilTerm>,
    /// The Woo index: the publisher and the information category of each type; see
    /// [`crate::woo`].
    #[serde(default)]
    pub woo: crate::woo::WooConfig,
}

/// How a dossier presents itself.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// Text a letter shows when its front matter does not say otherwise.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LetterDefaults {
    pub addressee: Option<String>,
    pub salutation: Option<String>,
    pub closing: Option<String>,
    pub sender: Option<String>,
}

fn default_language() -> String {
    "nl".to_string()
}

fn default_page_size() -> usize {
    50
}

fn default_motion_page_size() -> usize {
    500
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: String::new(),
            municipality: String::new(),
            base_url: "/".to_string(),
            language: default_language(),
            description: None,
            address: Vec::new(),
            page_size: default_page_size(),
            motion_page_size: default_motion_page_size(),
            letters: LetterDefaults::default(),
            topics: BTreeMap::new(),
            accessibility: None,
            parties: BTreeMap::new(),
            council_terms: Vec::new(),
            woo: crate::woo::WooConfig::default(),
        }
    }
}

impl Config {
    /// The site's interface language (`language:`); Dutch when the value is not one griffie
    /// speaks (loading refuses such a value, so that only happens to hand-made configs).
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }

    /// The path part of `base_url` without trailing slash: `""` or e.g. `"/raad"`.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        path.trim_end_matches('/').to_string()
    }

    /// A dossier's title: its `topics:` entry's, else its slug as words.
    pub fn topic_title(&self, slug: &str) -> String {
        self.topics
            .get(slug)
            .map_or_else(|| crate::slug::as_words(slug), |t| t.title.clone())
    }

    /// `base_url` without trailing slash, for absolute links (feeds, sitemaps).
    pub fn site_origin(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    pub fn raadsbrief_addressee(&self) -> String {
        self.letters
            .addressee
            .clone()
            .unwrap_or_else(|| format!("Aan de raad van de gemeente {}", self.municipality))
    }

    pub fn salutation(&self) -> String {
        self.letters
            .salutation
            .clone()
            .unwrap_or_else(|| "Geachte leden van de raad,".to_string())
    }

    pub fn closing(&self) -> String {
        self.letters
            .closing
            .clone()
            .unwrap_or_else(|| "Hoogachtend,".to_string())
    }

    pub fn sender(&self) -> String {
        self.letters
            .sender
            .clone()
            .unwrap_or_else(|| format!("Burgemeester en Wethouders van {}", self.municipality))
    }
}

/// What keeps the whole site out of the Woo index, told once per run: no publisher, or an
/// address that is not https. Warnings, not errors: the site itself is fine without the index.
pub(crate) fn woo_warnings(config: &Config, shown: &Path) -> Vec<Diagnostic> {
    if config.woo.publisher.is_none() {
        return vec![
            Diagnostic::warning(Code::WooNoPublisher, shown, crate::t!("woo.no_publisher"))
                .hint(crate::t!("woo.no_publisher_hint")),
        ];
    }
    if !config.base_url.starts_with("https://") {
        return vec![
            Diagnostic::warning(Code::WooNotHttps, shown, crate::t!("woo.not_https"))
                .hint(crate::t!("woo.not_https_hint")),
        ];
    }
    Vec::new()
}

/// A `griffie.yaml` that could not be used as written.
pub(crate) struct Rejected {
    pub problems: Vec<Diagnostic>,
    /// What the build goes on with, so it still reports every document's own problems: the
    /// defaults, plus the parties when the file could be parsed, so that a typo in a seat count
    /// does not turn every recorded vote into an unknown-party error as well.
    pub fallback: Box<Config>,
}

impl Rejected {
    fn unparsed(problems: Vec<Diagnostic>) -> Rejected {
        Rejected {
            problems,
            fallback: Box::default(),
        }
    }
}

/// Reads and checks `griffie.yaml`. `shown` is the path as shown in diagnostics.
pub(crate) fn load_config(path: &Path, shown: &Path) -> Result<Config, Rejected> {
    read_config(path, shown)
        .map_err(Rejected::unparsed)
        .and_then(|(config, text)| {
            let problems = check_config(&config, &text, shown);
            if problems.is_empty() {
                Ok(config)
            } else {
                Err(Rejected {
                    problems,
                    fallback: Box::new(Config {
                        parties: config.parties,
                        ..Config::default()
                    }),
                })
            }
        })
}

/// The parsed file and its text (for the locations of later checks).
fn read_config(path: &Path, shown: &Path) -> Result<(Config, String), Vec<Diagnostic>> {
    let unreadable = |error: String| {
        vec![Diagnostic::error(
            Code::MissingConfig,
            shown,
            crate::t!("config.unreadable", error = error),
        )
        .hint(crate::t!("config.unreadable_hint", file = CONFIG_FILE))]
    };
    let bytes = match crate::regular_file::read_bounded(path, crate::limits::MAX_CONFIG_BYTES as u64) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(err)) => return Err(unreadable(err.to_string())),
        Err(ReadError::NotAFile) => return Err(unreadable(crate::t!("load.special_file"))),
        Err(ReadError::TooLarge { limit }) => {
            let limit = crate::i18n::number(limit as usize);
            return Err(vec![Diagnostic::error(
                Code::FileTooLarge,
                shown,
                crate::t!("limits.file_too_large", limit = limit),
            )
            .hint(crate::t!("limits.config_too_large_hint"))]);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => return Err(unreadable(err.to_string())),
    };
    let config: Config = crate::yaml::from_str(&text, Bounds::CONFIG).map_err(|err| {
        let err = match err {
            YamlError::Parse(err) => err,
            YamlError::Bound { exceeded, at } => {
                let at = at.unwrap_or(0);
                return vec![Diagnostic::error(exceeded.code(), shown, exceeded.message())
                    .at(Location::in_text(&text, at, at))
                    .hint(exceeded.hint())];
            }
        };
        let message = err.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        let location = err.location().map(|l| Location::in_text(&text, l.index(), l.index()));
        let hint = if message.starts_with("accessibility") {
            crate::t!("accessibility.config_hint")
        } else {
            crate::t!("config.invalid_hint")
        };
        vec![
            Diagnostic::error(Code::Config, shown, crate::t!("config.invalid", error = message))
                .at_opt(location)
                .hint(hint),
        ]
    })?;
    Ok((config, text))
}

fn check_config(config: &Config, text: &str, shown: &Path) -> Vec<Diagnostic> {
    let at = |key: &str| {
        let start = text.find(&format!("{key}:")).unwrap_or(0);
        Location::in_text(text, start, start + key.len())
    };
    let mut problems = Vec::new();
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://")) {
        problems.push(
            Diagnostic::error(
                Code::Config,
                shown,
                crate::t!("config.base_url", value = config.base_url),
            )
            .at(at("base_url"))
            .hint(crate::t!("config.base_url_hint")),
        );
    }
    if Lang::from_code(&config.language).is_none() {
        problems.push(
            Diagnostic::error(
                Code::Config,
                shown,
                crate::t!("config.language", value = config.language),
            )
            .at(at("language"))
            .hint(crate::t!("config.language_hint")),
        );
    }
    if config.motion_page_size == 0 {
        problems.push(
            Diagnostic::error(Code::Config, shown, crate::t!("config.motion_page_size"))
                .at(at("motion_page_size"))
                .hint(crate::t!("config.motion_page_size_hint")),
        );
    }
    if config.page_size == 0 {
        problems.push(
            Diagnostic::error(Code::Config, shown, crate::t!("config.page_size"))
                .at(at("page_size"))
                .hint(crate::t!("config.page_size_hint")),
        );
    }
    if let Some(statement) = &config.accessibility {
        problems.extend(statement.check(text, shown));
    }
    problems.extend(crate::woo::check(&config.woo, text, shown));
    problems.extend(crate::parties::check(
        &config.parties,
        &config.council_terms,
        text,
        shown,
    ));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_url() {
        let mut config = Config {
            base_url: "https://raad.almelo.nl/".into(),
            ..Config::default()
        };
        assert_eq!(config.base_path(), "");
        config.base_url = "https://example.org/almelo/raad/".into();
        assert_eq!(config.base_path(), "/almelo/raad");
    }
}
