//! The Markdown body of each synthetic document, shaped like its type: a raadsbrief of about two
//! A4 pages with sections, a motion with its "constaterende dat / verzoekt het college", a long
//! plan with numbered chapters. Bodies mention other documents by their official numbers, so the
//! identifier linking in `render` has work to do.

use fastrand::Rng;
use griffie::format_dutch;
use griffie::DocType;

use super::plan::Planned;
use super::text::{self, capitalise, dutch, pick, sentences, word_count, Ctx};
use super::words::{CONSTATERENDE, LETTER_HEADINGS, OVERWEGENDE, PLAN_HEADINGS};

/// A body being written, with its running word count.
struct Body<'a> {
    rng: Rng,
    ctx: Ctx<'a>,
    out: String,
    /// Sentences naming other documents, placed into the first paragraphs as they come.
    mentions: Vec<String>,
}

impl<'a> Body<'a> {
    fn new(doc: &'a Planned, docs: &[Planned], municipality: &'a str) -> Body<'a> {
        let mut rng = Rng::with_seed(doc.seed);
        let ctx = Ctx {
            theme: doc.theme,
            municipality,
            date: doc.date,
        };
        let mentions = doc
            .mentions
            .iter()
            .map(|&j| mention(&mut rng, &ctx, &docs[j]))
            .collect();
        Body {
            rng,
            ctx,
            out: String::with_capacity(6000),
            mentions,
        }
    }

    fn words(&self) -> usize {
        word_count(&self.out)
    }

    fn push(&mut self, block: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(block.trim_end());
        self.out.push('\n');
    }

    fn heading(&mut self, text: &str) {
        self.push(&format!("## {text}"));
    }

    /// A paragraph of `min..=max` sentences, opened by a pending mention if there is one.
    fn paragraph(&mut self, min: usize, max: usize) {
        let n = self.rng.usize(min..=max);
        let mut text = sentences(&mut self.rng, &self.ctx, n);
        if let Some(mention) = self.mentions.pop() {
            text = format!("{mention} {text}");
        }
        self.push(&text);
    }

    fn bullets(&mut self, intro: &str, min: usize, max: usize) {
        let n = self.rng.usize(min..=max);
        let items = text::bullets(&mut self.rng, &self.ctx, n);
        self.push(intro);
        self.push(&items);
    }

    /// Sections with headings from `bank` until the body has about `target` words (it stops at
    /// the first paragraph boundary past it).
    fn sections(&mut self, bank: &[&str], target: usize, numbered: bool) {
        let mut order: Vec<usize> = (0..bank.len()).collect();
        self.rng.shuffle(&mut order);
        let mut list_done = false;
        for (n, &k) in order.iter().enumerate() {
            if n > 0 && self.words() >= target {
                break;
            }
            let heading = if numbered {
                format!("{}. {}", n + 1, bank[k])
            } else {
                bank[k].to_string()
            };
            self.heading(&heading);
            for p in 0..self.rng.usize(1..=3) {
                if p > 0 && self.words() >= target {
                    break;
                }
                self.paragraph(3, 6);
            }
            if (!list_done || self.rng.u32(0..100) < 20) && self.words() < target {
                let intro = pick(
                    &mut self.rng,
                    &["Concreet gaat het om:", "Wij zetten in op:", "Het gaat daarbij om:"],
                );
                self.bullets(intro, 3, 5);
                list_done = true;
            }
        }
        while let Some(mention) = self.mentions.pop() {
            self.push(&mention);
        }
    }
}

/// A sentence naming document `other` by its first official number.
fn mention(rng: &mut Rng, ctx: &Ctx, other: &Planned) -> String {
    let k = &other.identifiers[0];
    let d = format_dutch(other.date, other.precision);
    match rng.usize(0..4) {
        0 => format!("Zoals gemeld in {k} werken wij verder aan {}.", ctx.theme),
        1 => format!("In ons stuk van {d} ({k}) hebben wij u hierover eerder geïnformeerd."),
        2 => format!("Zie hiervoor ook ‘{}’ ({k}).", other.title),
        _ => format!("Dit sluit aan bij wat eerder is vastgelegd in {k}."),
    }
}

/// The Markdown body of document `i`.
pub fn body(docs: &[Planned], i: usize, municipality: &str) -> String {
    let doc = &docs[i];
    let mut body = Body::new(doc, docs, municipality);
    match doc.doc_type {
        DocType::Raadsbrief => raadsbrief(&mut body, docs, doc),
        DocType::Brief => brief(&mut body),
        DocType::Motie => motie(&mut body, doc),
        DocType::Amendement => amendement(&mut body, docs, doc),
        DocType::Raadsvoorstel => raadsvoorstel(&mut body),
        DocType::Besluit => besluit(&mut body),
        DocType::Plan => plan(&mut body),
        DocType::Vergadering => vergadering(&mut body, docs, doc),
        DocType::Toezegging => toezegging(&mut body, doc),
    }
    body.out
}

fn raadsbrief(body: &mut Body, docs: &[Planned], doc: &Planned) {
    let target = body.rng.usize(580..=780);
    let settled: Vec<&Planned> = doc.settles.iter().map(|&m| &docs[m]).collect();
    match doc
        .responds_to
        .first()
        .map(|&m| &docs[m])
        .filter(|m| m.doc_type == DocType::Motie)
    {
        Some(motion) => {
            let status = motion.motion.as_ref().map_or("behandeld", |m| m.status.slug());
            body.push(&format!(
                "Op {} heeft uw raad de motie ‘{}’ {status}. In deze motie verzoekt uw raad het college om:",
                dutch(motion.date),
                motion.title
            ));
            body.push(&text::motion_requests(motion, body.ctx.municipality));
            body.paragraph(2, 3);
        }
        None => {
            let opening = format!("Met deze raadsbrief informeren wij u over {}.", body.ctx.theme);
            let rest = sentences(&mut body.rng, &body.ctx, 3);
            body.push(&format!("{opening} {rest}"));
        }
    }
    body.sections(LETTER_HEADINGS, target, false);
    if settled.is_empty() {
        body.heading("Vervolg");
        body.paragraph(2, 3);
    } else {
        body.heading("Afdoening");
        let titles: Vec<String> = settled.iter().map(|m| format!("‘{}’", m.title)).collect();
        let word = if titles.len() == 1 { "de motie" } else { "de moties" };
        body.push(&format!(
            "Met deze brief beschouwen wij {word} {} als afgedaan.",
            titles.join(" en ")
        ));
    }
}

fn brief(body: &mut Body) {
    let target = body.rng.usize(300..=600);
    let opening = format!(
        "Graag informeren wij u over het standpunt van de gemeente {} over {}.",
        body.ctx.municipality, body.ctx.theme
    );
    let rest = sentences(&mut body.rng, &body.ctx, 3);
    body.push(&format!("{opening} {rest}"));
    body.sections(LETTER_HEADINGS, target, false);
    body.push("Wij zijn graag bereid onze reactie in een gesprek toe te lichten.");
}

fn meeting(body: &Body) -> String {
    format!(
        "De raad van de gemeente {}, in vergadering bijeen op {},",
        body.ctx.municipality,
        dutch(body.ctx.date)
    )
}

fn motie(body: &mut Body, doc: &Planned) {
    body.push(&meeting(body));
    body.heading("Constaterende dat");
    let n = body.rng.usize(2..=4);
    let items = text::list(&mut body.rng, &body.ctx, CONSTATERENDE, n);
    body.push(&items);
    body.heading("Overwegende dat");
    let n = body.rng.usize(2..=3);
    let items = text::list(&mut body.rng, &body.ctx, OVERWEGENDE, n);
    body.push(&items);
    body.heading("Verzoekt het college");
    body.push(&text::motion_requests(doc, body.ctx.municipality));
    body.push("en gaat over tot de orde van de dag.");
}

fn amendement(body: &mut Body, docs: &[Planned], doc: &Planned) {
    let proposal = doc
        .references
        .first()
        .map(|&j| &docs[j])
        .filter(|d| d.doc_type == DocType::Raadsvoorstel);
    let read = match proposal {
        Some(p) => format!("gelezen het raadsvoorstel ‘{}’,", p.title),
        None => "gelezen het voorstel van burgemeester en wethouders,".to_string(),
    };
    body.push(&format!("{} {read}", meeting(body)));
    body.heading("Besluit");
    body.push("het ontwerpbesluit als volgt te wijzigen:");
    let items = text::bullets(&mut body.rng, &body.ctx, 2);
    body.push(&items);
    body.heading("Toelichting");
    body.paragraph(3, 5);
}

fn raadsvoorstel(body: &mut Body) {
    let target = body.rng.usize(500..=900);
    body.heading("Samenvatting");
    body.paragraph(2, 4);
    body.heading("Voorgesteld besluit");
    let theme = body.ctx.theme;
    let decisions = [
        format!("1. In te stemmen met de voorgestelde aanpak van {theme}."),
        "2. De benodigde middelen beschikbaar te stellen en de begroting daarop aan te passen.".to_string(),
        "3. Het college te vragen de raad jaarlijks over de voortgang te informeren.".to_string(),
    ];
    body.push(&decisions.join("\n"));
    body.sections(
        &[
            "Inleiding",
            "Argumenten",
            "Kanttekeningen",
            "Financiën",
            "Duurzaamheid",
            "Vervolg",
        ],
        target,
        false,
    );
}

fn besluit(body: &mut Body) {
    let start = format!(
        "De raad van de gemeente {};\n\ngelezen het voorstel van burgemeester en wethouders;\n\nbesluit:",
        body.ctx.municipality
    );
    body.push(&start);
    let theme = capitalise(body.ctx.theme);
    body.push(&format!(
        "1. {theme} vast te stellen zoals in de bijlage beschreven.\n2. Dit besluit in werking te laten treden op de dag na bekendmaking."
    ));
    body.heading("Toelichting");
    body.paragraph(3, 6);
    body.paragraph(2, 4);
}

/// A besluitenlijst: what the meeting did with each document on its agenda.
fn vergadering(body: &mut Body, docs: &[Planned], doc: &Planned) {
    body.heading("Besluitenlijst");
    let agenda = doc.council_meeting.as_ref().map_or(&[][..], |m| &m.agenda[..]);
    let lines: Vec<String> = agenda
        .iter()
        .map(|&i| {
            let item = &docs[i];
            let what = if item.doc_type == DocType::Amendement {
                "Het amendement"
            } else {
                "De motie"
            };
            let status = item.motion.as_ref().map_or("behandeld", |m| m.status.slug());
            format!("- {what} ‘{}’ is {status}.", item.title)
        })
        .collect();
    body.push(&lines.join("\n"));
    body.heading("Verslag");
    body.paragraph(2, 3);
}

/// What the portfolio holder promised, as the minutes record it.
fn toezegging(body: &mut Body, doc: &Planned) {
    let (made_by, due) = doc.commitment.unwrap_or(("het college", doc.date));
    body.push(&format!(
        "{} zegt toe de raad vóór {} schriftelijk te informeren over {}.",
        capitalise(made_by),
        dutch(due),
        body.ctx.theme
    ));
    body.paragraph(1, 2);
}

fn plan(body: &mut Body) {
    let target = body.rng.usize(1500..=3000);
    let opening = format!(
        "Dit plan beschrijft hoe de gemeente {} de komende jaren werkt aan {}.",
        body.ctx.municipality, body.ctx.theme
    );
    let rest = sentences(&mut body.rng, &body.ctx, 4);
    body.push(&format!("{opening} {rest}"));
    body.sections(PLAN_HEADINGS, target, true);
    while body.words() < target {
        body.paragraph(4, 6);
    }
}
