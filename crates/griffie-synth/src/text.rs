//! Dutch-looking words for a synthetic corpus: titles, summaries, sentences, paragraphs and
//! lists, made from the phrase banks in [`super::words`].
//!
//! The text only has to look like council prose to a person skimming a page and to exercise the
//! renderer (headings, lists, identifiers in running text); it does not have to make sense.

use fastrand::Rng;
use griffie::format_dutch;
use griffie::{DatePrecision, DocType, MotionStatus};
use jiff::civil::Date;
use jiff::ToSpan;

use super::plan::Planned;
use super::words::{BULLETS, PARTNERS, SENTENCES, VERZOEKT};

/// What placeholders in a pattern are filled with.
pub struct Ctx<'a> {
    pub theme: &'a str,
    pub municipality: &'a str,
    pub date: Date,
}

/// Fills `{t}`, `{p}`, `{g}`, `{y}`, `{y2}`, `{n}`, `{a}`, `{d}`, `{f}` in `pattern`.
pub fn fill(rng: &mut Rng, ctx: &Ctx, pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 40);
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').expect("placeholders are closed");
        match &rest[start + 1..end] {
            "t" => out.push_str(ctx.theme),
            "p" => out.push_str(PARTNERS[rng.usize(0..PARTNERS.len())]),
            "g" => out.push_str(ctx.municipality),
            "y" => out.push_str(&ctx.date.year().to_string()),
            "y2" => out.push_str(&(ctx.date.year() + 1).to_string()),
            "n" => out.push_str(&rng.u32(12..2400).to_string()),
            "a" => out.push_str(&amount(rng)),
            "d" => out.push_str(&dutch(shift(ctx.date, -rng.i32(30..900)))),
            "f" => out.push_str(&dutch(shift(ctx.date, rng.i32(90..400)))),
            other => panic!("unknown placeholder {{{other}}}"),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn shift(date: Date, days: i32) -> Date {
    date.checked_add(days.days()).expect("date in range")
}

/// "11 juli 2024".
pub fn dutch(date: Date) -> String {
    format_dutch(date, DatePrecision::Day)
}

/// An amount in Dutch notation: "1.250.000".
fn amount(rng: &mut Rng) -> String {
    let value = rng.u32(5..2500) * 1000;
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

pub fn pick<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(0..list.len())]
}

/// The text with its first letter in capitals.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `n` sentences, never the same pattern twice in a row.
pub fn sentences(rng: &mut Rng, ctx: &Ctx, n: usize) -> String {
    let mut out = String::new();
    let mut last = usize::MAX;
    for _ in 0..n {
        let mut k = rng.usize(0..SENTENCES.len());
        if k == last {
            k = (k + 1) % SENTENCES.len();
        }
        last = k;
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&fill(rng, ctx, SENTENCES[k]));
    }
    out
}

/// A Markdown list of `n` distinct items from `bank`, the last one closed with a full stop.
pub fn list(rng: &mut Rng, ctx: &Ctx, bank: &[&str], n: usize) -> String {
    let mut chosen: Vec<usize> = Vec::new();
    while chosen.len() < n.min(bank.len()) {
        let k = rng.usize(0..bank.len());
        if !chosen.contains(&k) {
            chosen.push(k);
        }
    }
    let mut out = String::new();
    for (i, &k) in chosen.iter().enumerate() {
        let mut item = capitalise(&fill(rng, ctx, bank[k]));
        if i + 1 == chosen.len() {
            item = format!("{}.", item.trim_end_matches(';'));
        }
        out.push_str("- ");
        out.push_str(&item);
        out.push('\n');
    }
    out
}

/// A bullet list of actions.
pub fn bullets(rng: &mut Rng, ctx: &Ctx, n: usize) -> String {
    list(rng, ctx, BULLETS, n)
}

/// What a motion asks the college to do. Depends on the motion's own seed only, so the letter
/// that settles it can quote the same requests.
pub fn motion_requests(motion: &Planned, municipality: &str) -> String {
    let mut rng = Rng::with_seed(motion.seed ^ 0x005E_ED0F_4EC4);
    let ctx = Ctx {
        theme: motion.theme,
        municipality,
        date: motion.date,
    };
    let n = 2 + rng.usize(0..3);
    list(&mut rng, &ctx, VERZOEKT, n)
}

/// A title fitting the document's type and theme.
pub fn title(rng: &mut Rng, docs: &[Planned], i: usize) -> String {
    let doc = &docs[i];
    if let Some(&m) = doc.settles.first() {
        return format!("Afdoening motie {}", lower_first(&docs[m].title));
    }
    if let Some(&m) = doc.responds_to.first().filter(|&&m| docs[m].doc_type == DocType::Motie) {
        return format!("Stand van zaken motie {}", lower_first(&docs[m].title));
    }
    let patterns: &[&str] = match doc.doc_type {
        DocType::Raadsbrief => &[
            "Voortgang {t}",
            "Stand van zaken {t}",
            "Informatie over {t}",
            "Evaluatie {t}",
            "Ontwikkelingen rond {t}",
            "{t}",
            "Uitkomsten onderzoek {t}",
            "Tussenrapportage {t} {y}",
        ],
        DocType::Motie => &[
            "Meer aandacht voor {t}",
            "Onderzoek naar {t}",
            "Geen bezuiniging op {t}",
            "Betere communicatie over {t}",
            "Regie op {t}",
            "Investeren in {t}",
            "Toekomstbestendig maken van {t}",
        ],
        DocType::Amendement => &[
            "Extra middelen voor {t}",
            "Schrappen bezuiniging op {t}",
            "Tijdelijke regeling {t}",
        ],
        DocType::Raadsvoorstel => &[
            "Vaststellen beleidskader {t}",
            "Krediet voor {t}",
            "Wijziging verordening {t}",
            "Kaderbrief {t} {y}",
        ],
        DocType::Besluit => &["Besluit {t}", "Verordening {t} {y}", "Vaststelling {t}"],
        DocType::Plan => &[
            "Beleidsplan {t} {y}–{y4}",
            "Uitvoeringsprogramma {t} {y}",
            "Visie op {t}",
            "Rapport {t}",
        ],
        DocType::Vergadering => &["Vergadering van de gemeenteraad"],
        DocType::Toezegging => &["Toezegging over {t}"],
        DocType::Brief => &[
            "Reactie op consultatie {t}",
            "Zienswijze {t}",
            "Verzoek om overleg over {t}",
            "Antwoord op uw brief over {t}",
        ],
    };
    let year = doc.date.year();
    let pattern = pick(rng, patterns).replace("{y4}", &(year + 4).to_string());
    capitalise(&pattern.replace("{t}", doc.theme).replace("{y}", &year.to_string()))
}

/// One or two sentences for lists and search results.
pub fn summary(rng: &mut Rng, docs: &[Planned], i: usize, municipality: &str) -> String {
    let doc = &docs[i];
    let t = doc.theme;
    let date = format_dutch(doc.date, doc.precision);
    match (doc.doc_type, &doc.motion) {
        (DocType::Raadsbrief, _) if !doc.settles.is_empty() => {
            let m = &docs[doc.settles[0]];
            format!(
                "Het college beantwoordt de motie ‘{}’ van {} en beschouwt die hiermee als afgedaan.",
                m.title,
                dutch(m.date)
            )
        }
        (DocType::Raadsbrief, _) => format!("Het college informeert de raad over {t}."),
        (DocType::Brief, _) => format!("Brief van het college van {municipality} over {t}."),
        (DocType::Motie, Some(m)) => {
            let first = motion_requests(doc, municipality);
            let first = first
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("- ")
                .trim_end_matches([';', '.']);
            format!(
                "Motie, {} op {date}, die het college verzoekt {}.",
                status_word(m.status),
                lower_first(first)
            )
        }
        (DocType::Amendement, Some(m)) => {
            format!("Amendement over {t}, {} op {date}.", status_word(m.status))
        }
        (DocType::Raadsvoorstel, _) => {
            format!("Het college stelt de raad voor een besluit te nemen over {t}.")
        }
        (DocType::Besluit, _) => format!("Besluit van de raad van {municipality} over {t}."),
        (DocType::Plan, _) => {
            let extra = ["", " Met doelen, maatregelen en een planning voor de komende jaren."][rng.usize(0..2)];
            format!("Plan over {t}.{extra}")
        }
        (DocType::Vergadering, _) => format!("Vergadering van de raad van {municipality} op {date}."),
        (DocType::Toezegging, _) => format!("Toezegging van het college over {t}, gedaan op {date}."),
        (DocType::Motie | DocType::Amendement, None) => {
            format!("Voorstel van raadsleden over {t}.")
        }
    }
}

fn status_word(status: MotionStatus) -> &'static str {
    status.slug()
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Number of words, as a reader would count them.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_formats_amounts() {
        let mut rng = Rng::with_seed(1);
        let ctx = Ctx {
            theme: "de bibliotheek",
            municipality: "Almelo",
            date: Date::constant(2024, 7, 11),
        };
        let text = fill(&mut rng, &ctx, "In {g} kost {t} in {y} € {a}.");
        assert!(text.starts_with("In Almelo kost de bibliotheek in 2024 € "), "{text}");
        assert!(!text.contains('{'));
        assert_eq!(capitalise("één keer"), "Één keer");
    }
}
