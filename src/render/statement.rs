//! The accessibility statement page, `/toegankelijkheid/`, from `accessibility:` in
//! `griffie.yaml` (see [`crate::accessibility`]): the model statement's facts in plain Dutch.

use serde::Serialize;

use crate::accessibility::{Escalation, Statement};
use crate::render::pages::{page_context, Page, SiteView};
use crate::urls;
use crate::view::{DateView, Views};

/// What `accessibility.html` shows.
#[derive(Debug, Clone, Serialize)]
struct StatementView<'a> {
    organisation: &'a str,
    status_letter: &'static str,
    status_text: String,
    status: &'static str,
    date: Option<DateView>,
    checks: &'a [String],
    audits: Vec<AuditView<'a>>,
    known_problems: &'a [crate::accessibility::KnownProblem],
    contact: &'a crate::accessibility::Contact,
    /// `tel:` address of the phone number: digits and `+` only.
    phone_href: Option<String>,
    escalation: Escalation,
}

#[derive(Debug, Clone, Serialize)]
struct AuditView<'a> {
    date: Option<DateView>,
    auditor: &'a str,
    report: Option<&'a str>,
}

fn date(lang: crate::i18n::Lang, text: &str) -> Option<DateView> {
    text.parse::<jiff::civil::Date>().ok().map(|d| DateView::day(lang, d))
}

/// The page, when the configuration has a statement.
pub(crate) fn accessibility_page<'a>(views: &Views<'a>, site_view: &'a SiteView) -> Option<Page<'a>> {
    let statement: &Statement = views.site.config.accessibility.as_ref()?;
    let (status_letter, status_text) = statement.status.label(views.lang);
    let view = StatementView {
        organisation: &statement.organisation,
        status_letter,
        status_text,
        status: match statement.status {
            crate::accessibility::Status::Voldoet => "voldoet",
            crate::accessibility::Status::VoldoetGedeeltelijk => "voldoet-gedeeltelijk",
            crate::accessibility::Status::EersteMaatregelen => "eerste-maatregelen",
            crate::accessibility::Status::VoldoetNiet => "voldoet-niet",
        },
        date: date(views.lang, &statement.date),
        checks: &statement.checks,
        audits: statement
            .audits
            .iter()
            .map(|a| AuditView {
                date: date(views.lang, &a.date),
                auditor: &a.auditor,
                report: a.report.as_deref(),
            })
            .collect(),
        known_problems: &statement.known_problems,
        contact: &statement.contact,
        phone_href: statement.contact.phone.as_ref().map(|phone| {
            let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            format!("tel:{digits}")
        }),
        escalation: statement
            .escalation
            .clone()
            .unwrap_or_else(|| Escalation::default_route(views.lang)),
    };
    let description =
        Some(crate::t!(views.lang => "site.statement.description", organisation = statement.organisation));
    let title = crate::t!(views.lang => "site.statement.title");
    let mut context = page_context(site_view, views, &title, urls::STATEMENT, "", description);
    context.insert("statement", view);
    Some(Page {
        path: urls::file(urls::STATEMENT),
        template: "accessibility.html",
        context,
    })
}
