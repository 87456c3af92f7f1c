//! The language of griffie's own messages: Dutch by default (clerks are Dutch), English on
//! request (`--lang en` or `GRIFFIE_LANG=en`, read by the binary).
//!
//! The language is process-wide: the binary sets it once with [`set_language`] before any
//! work, and every message made afterwards — diagnostics, hints, the closing summary, `griffie
//! new` and `griffie serve` lines — is in that language. A library user that never sets it gets
//! Dutch. It concerns messages to people only: no output file (HTML, PDF, JSON under `output/`)
//! depends on it, and diagnostic codes (`unknown-field`) and the `severity` values of
//! `--format json` stay the same in every language, because tools rely on them.
//!
//! The texts live in one catalog, `locales/griffie.yml` (rust-i18n's `_version: 2` format: per
//! key the Dutch and the English text side by side), embedded at compile time. Code asks for a
//! text with [`crate::t!`]: `t!("fields.unknown", name = key)`; `%{name}` in the text is
//! replaced by the value. Tests check that every key has both languages and that every key the
//! code uses exists.
//!
//! The same catalog holds the site's interface texts (keys under `site.`, plus the month names):
//! those are looked up in the site's language (`language:` in `griffie.yaml`, see
//! `Config::lang`) with `t!(lang => "site.…")` or [`translate_in`], and by the templates with
//! their `t(key=…)` function, never in the process's message language.

use std::ffi::OsString;
use std::sync::atomic::{AtomicU8, Ordering};

/// The catalog, so that a change to it recompiles the crate (rust-i18n reads it in a macro,
/// which cargo does not track by itself); the tests read it too.
pub const CATALOG: &str = include_str!("../locales/griffie.yml");

/// The environment variable for a standing preference (a clerk's shell, a CI job).
pub const ENV_VAR: &str = "GRIFFIE_LANG";

/// A language griffie speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Dutch, the default.
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Every language, in the order they are offered (`nl`, `en`).
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The code used on the command line, in `GRIFFIE_LANG` and in the catalog.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// `nl` or `en` (no other spelling); `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

/// The language a command line asks for: the last `--lang <code>` or `--lang=<code>` of `args`
/// (the whole command line, program name first) before a `--`, else `env` (the value of
/// [`ENV_VAR`]), else Dutch. The binary reads it before parsing its arguments, so that its help
/// texts and usage errors are in that language too. A code other than `nl` or `en` counts as
/// not given: the argument parser refuses it as a usage error.
pub fn requested(args: &[OsString], env: Option<OsString>) -> Lang {
    let mut flag = None;
    let mut args = args.iter().skip(1).map(|arg| arg.to_str().unwrap_or(""));
    while let Some(arg) = args.next() {
        match arg {
            "--" => break,
            "--lang" => flag = args.next(),
            _ => {
                if let Some(code) = arg.strip_prefix("--lang=") {
                    flag = Some(code);
                }
            }
        }
    }
    let env = env.and_then(|value| value.into_string().ok());
    flag.and_then(Lang::from_code)
        .or_else(|| env.as_deref().and_then(Lang::from_code))
        .unwrap_or_default()
}

static LANGUAGE: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of every message from now on, for the whole process.
pub fn set_language(lang: Lang) {
    LANGUAGE.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are made in.
pub fn language() -> Lang {
    match LANGUAGE.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Nl,
    }
}

/// A value put into a message. Anything `Display` is escaped first: messages quote source
/// text, and a title with a line break or an escape character must not start a line in a CI
/// log or send a command to a terminal.
pub trait MessageArg {
    fn message_arg(&self) -> String;
}

impl<T: std::fmt::Display + ?Sized> MessageArg for T {
    fn message_arg(&self) -> String {
        crate::escape::visible(&self.to_string()).into_owned()
    }
}

/// griffie's own text put into a message as it is, line breaks included (a multi-line example
/// of a field). Never for text that came from a source file.
pub struct Verbatim(pub &'static str);

impl MessageArg for Verbatim {
    fn message_arg(&self) -> String {
        self.0.to_string()
    }
}

/// The text of `key` in the process's language, with `%{name}` replaced by each value.
pub fn translate(key: &str, args: &[(&str, String)]) -> String {
    translate_in(language(), key, args)
}

/// The text of `key` in `lang`. A key without a text in `lang` falls back to the other
/// language (the tests make sure that never happens), an unknown key shows as `nl.key`.
pub fn translate_in(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let text = crate::_rust_i18n_translate(lang.code(), key);
    if args.is_empty() {
        return text.into_owned();
    }
    let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
    let values: Vec<String> = args.iter().map(|(_, value)| value.clone()).collect();
    rust_i18n::replace_patterns(&text, &names, &values)
}

/// Whether the catalog has a text for `key` (templates ask for keys at run time).
pub fn has_key(key: &str) -> bool {
    crate::_rust_i18n_try_translate(Lang::Nl.code(), key).is_some()
}

/// `12345` as its readers group digits: `12.345` in Dutch, `12,345` in English.
pub fn number(n: usize) -> String {
    number_in(language(), n)
}

fn number_in(lang: Lang, n: usize) -> String {
    let separator = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Seconds with one decimal: `1,2` in Dutch, `1.2` in English.
pub fn seconds(duration: std::time::Duration) -> String {
    seconds_in(language(), duration)
}

fn seconds_in(lang: Lang, duration: std::time::Duration) -> String {
    let text = format!("{:.1}", duration.as_secs_f64());
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// `one` when `n` is 1, else `many` (both languages make plurals this way).
pub fn plural(n: usize, one: String, many: String) -> String {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "1 document", "1.234 documenten".
pub fn count_documents(n: usize) -> String {
    let shown = number(n);
    plural(
        n,
        crate::t!("count.documents_one", n = shown),
        crate::t!("count.documents_many", n = shown),
    )
}

/// A stage of a build's or a preview round's timings (`--timings`) as people read it.
pub fn stage_name(stage: &str) -> String {
    match stage {
        "load" => crate::t!("stage.load"),
        "history" => crate::t!("stage.history"),
        "resolve" => crate::t!("stage.resolve"),
        "versions" => crate::t!("stage.versions"),
        "render (check only)" => crate::t!("stage.render_check"),
        "render" => crate::t!("stage.render"),
        "render: PDFs and documents" => crate::t!("stage.render_documents"),
        "render: versions" => crate::t!("stage.render_versions"),
        "render: lists" => crate::t!("stage.render_lists"),
        "render: data" => crate::t!("stage.render_data"),
        "write" => crate::t!("stage.write"),
        "read" => crate::t!("stage.read"),
        "pages to make" => crate::t!("stage.select"),
        "render after the reload" => crate::t!("stage.render_later"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_each_language_does() {
        assert_eq!(number_in(Lang::Nl, 7), "7");
        assert_eq!(number_in(Lang::Nl, 2170), "2.170");
        assert_eq!(number_in(Lang::Nl, 202_035), "202.035");
        assert_eq!(number_in(Lang::Nl, 1_000_000), "1.000.000");
        assert_eq!(number_in(Lang::En, 1_000_000), "1,000,000");
    }

    #[test]
    fn seconds_have_the_language_decimal_mark() {
        let took = std::time::Duration::from_millis(1234);
        assert_eq!(seconds_in(Lang::Nl, took), "1,2");
        assert_eq!(seconds_in(Lang::En, took), "1.2");
    }

    #[test]
    fn texts_come_in_the_asked_language_with_values_filled_in() {
        let args = [("name", "tittle".to_string())];
        assert_eq!(
            translate_in(Lang::Nl, "fields.unknown", &args),
            "onbekend veld `tittle`"
        );
        assert_eq!(
            translate_in(Lang::En, "fields.unknown", &args),
            "unknown field `tittle`"
        );
    }

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_beats_the_environment_and_dutch_is_the_default() {
        let env = || Some(OsString::from("en"));
        assert_eq!(requested(&args(&["griffie", "check"]), None), Lang::Nl);
        assert_eq!(requested(&args(&["griffie", "check"]), env()), Lang::En);
        assert_eq!(requested(&args(&["griffie", "check", "--lang", "nl"]), env()), Lang::Nl);
        assert_eq!(requested(&args(&["griffie", "--lang=en", "check"]), None), Lang::En);
        assert_eq!(requested(&args(&["griffie", "--lang", "xx"]), env()), Lang::En);
        assert_eq!(
            requested(&args(&["griffie", "new", "brief", "--", "--lang", "en"]), None),
            Lang::Nl
        );
    }

    #[test]
    fn language_codes_are_exactly_nl_and_en() {
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("nl"), Some(Lang::Nl));
        assert_eq!(Lang::from_code("EN"), None);
        assert_eq!(Lang::from_code("de"), None);
    }
}
