//! Meetings, parties and votes, built by the real binary from the `council-site` fixture (a
//! fictional council): a meeting's agenda and the documents on it know each other, votes per
//! party are counted with the seats of their council term, parties have pages and JSON, and
//! every mistake a clerk can make in them is reported at its line.

use std::path::Path;

use crate::support::{build_ok, documents_json, edit, griffie, main_of, project, read, with_code, write};

/// The `--format json` report of `griffie check` in `dir`.
fn check_json(dir: &Path) -> serde_json::Value {
    let output = griffie(dir, &["check", "--no-pdf", "--format", "json"]);
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// (path, line, column) of a reported diagnostic.
fn place(d: &serde_json::Value) -> (String, u64, u64) {
    (
        d["path"].as_str().unwrap().to_string(),
        d["location"]["line"].as_u64().unwrap(),
        d["location"]["column"].as_u64().unwrap(),
    )
}

#[test]
fn the_fixture_builds_without_problems() {
    let dir = project("council-site");
    let report = check_json(dir.path());
    let diagnostics = report["diagnostics"].as_array().unwrap();
    // The one warning the fixture means to show: a commitment past its due date.
    let problems: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["severity"] != "note" && d["code"] != "commitment-overdue")
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(with_code(&report, "commitment-overdue").len(), 1);
}

#[test]
fn a_meeting_and_the_documents_on_its_agenda_know_each_other() {
    let dir = project("council-site");
    build_ok(dir.path());
    let meeting = read(dir.path(), "output/documenten/raad-2025-06-12/index.html");
    let agenda = main_of(&meeting);
    // In agenda order, under their item, with their result.
    let first = agenda.find("Moties vreemd aan de orde van de dag").expect("item 4a");
    let speeltuinen = agenda.find("/documenten/motie-speeltuinen/").expect("its motion");
    let fietspaden = agenda.find("/documenten/motie-fietspaden/").expect("the other motion");
    let closing = agenda.find("Sluiting").expect("item 5");
    assert!(first < speeltuinen && speeltuinen < fietspaden && fietspaden < closing);
    assert!(agenda.contains("<span class=\"agenda__number\">4a.</span>"));
    assert!(agenda.contains("status--verworpen"), "results are shown");
    assert!(agenda.contains("19:30") && agenda.contains("Raadzaal, stadhuis Voorbeeldstad"));

    // The motion does not name its meeting, yet its page links it.
    let motion = read(dir.path(), "output/documenten/motie-speeltuinen/index.html");
    assert!(main_of(&motion).contains("Besloten in"));
    assert!(main_of(&motion).contains("href=\"/documenten/raad-2025-06-12/\""));

    let json = documents_json(dir.path());
    assert_eq!(json["motie-speeltuinen"]["meeting"], "raad-2025-06-12");
    assert_eq!(json["raadsbrief-speeltuinen"]["meeting"], serde_json::Value::Null);
    let held = &json["raad-2025-06-12"];
    assert_eq!(held["kind"], "raad");
    assert_eq!(held["status"], "gehouden");
    // Oldest first, then by id; the decision is there through its proposal, and the
    // commitments made in the meeting are there too.
    assert_eq!(
        held["meeting_of"],
        serde_json::json!([
            "raadsvoorstel-speelruimteplan",
            "amendement-speelruimte-schrappen",
            "amendement-speelruimte-wijken",
            "besluit-speelruimteplan",
            "motie-fietspaden",
            "motie-speeltuinen",
            "toezegging-fietsenstallingen",
            "toezegging-speelplekkenkaart"
        ])
    );
    assert_eq!(held["agenda"][2]["number"], "4a");
    assert_eq!(
        held["agenda"][2]["documents"],
        serde_json::json!(["motie-speeltuinen", "motie-fietspaden"])
    );
    assert_eq!(json["raad-2026-12-17"]["status"], "gepland");
}

#[test]
fn a_party_vote_is_counted_with_the_seats_of_its_term_and_shown_as_a_table() {
    let dir = project("council-site");
    build_ok(dir.path());
    let json = documents_json(dir.path());
    let vote = &json["motie-speeltuinen"]["vote"];
    // Stadspartij 9 + GroenLinks 7 + 2 of Sociaal for; Liberalen 6 + 3 of Sociaal against.
    assert_eq!(vote["seats_for"], 18);
    assert_eq!(vote["seats_against"], 9);
    assert_eq!(vote["for"], serde_json::json!(["stadspartij", "groen"]));
    assert_eq!(vote["against"], serde_json::json!(["liberalen"]));
    assert_eq!(vote["split"][0]["party"], "sociaal");
    assert_eq!(vote["term"], "2022-03-30");

    let page = read(dir.path(), "output/documenten/motie-speeltuinen/index.html");
    let table = crate::support::element(&page, "<table class=\"vote-table\">", "</table>");
    assert!(
        table.contains("<caption id=\"stemming__tabel\">Stemming per fractie over"),
        "the table is named, and its scrolling region by it"
    );
    assert!(page.contains("<section class=\"table-scroll\" tabindex=\"0\" aria-labelledby=\"stemming__tabel\">"));
    assert!(table
        .contains("<th scope=\"row\"><a href=\"/fracties/stadspartij/\">Stadspartij</a></th><td>9</td><td>Voor</td>"));
    assert!(table.contains("Verdeeld (2 voor, 3 tegen)"), "{table}");
    assert!(table.contains("<td>18</td>") && table.contains("<td>9</td>"));
}

#[test]
fn each_party_has_a_page_and_json_with_its_votes_newest_first() {
    let dir = project("council-site");
    build_ok(dir.path());
    let page = read(dir.path(), "output/fracties/liberalen/index.html");
    let rows = main_of(&page);
    // Both motions are of one day: by id, so fietspaden before speeltuinen.
    let fietspaden = rows.find("/documenten/motie-fietspaden/").expect("a vote for");
    let speeltuinen = rows.find("/documenten/motie-speeltuinen/").expect("a vote against");
    assert!(fietspaden < speeltuinen);
    assert!(rows.contains("Met de meerderheid"));
    let index = read(dir.path(), "output/fracties/index.html");
    assert!(index.contains("href=\"/fracties/groen/\""));

    let parties: serde_json::Value = serde_json::from_str(&read(dir.path(), "output/api/parties.json")).unwrap();
    let liberalen = parties
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "liberalen")
        .expect("the party is in the JSON");
    let votes = liberalen["votes"].as_array().unwrap();
    assert_eq!(votes.len(), 3);
    // All of one day, so by id. Against the adopted amendment and motion, for the rejected
    // motion: never with the majority.
    let documents: Vec<&str> = votes.iter().map(|v| v["document"].as_str().unwrap()).collect();
    assert_eq!(
        documents,
        ["amendement-speelruimte-wijken", "motie-fietspaden", "motie-speeltuinen"]
    );
    let positions: Vec<&str> = votes.iter().map(|v| v["vote"].as_str().unwrap()).collect();
    assert_eq!(positions, ["against", "for", "against"]);
    assert!(votes.iter().all(|v| v["with_majority"] == false));
    let stadspartij = parties
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "stadspartij")
        .unwrap();
    assert_eq!(stadspartij["votes"][0]["with_majority"], true);
    assert_eq!(stadspartij["seats"][1]["seats"], 8);
}

#[test]
fn the_calendar_of_meetings_holds_planned_meetings_at_their_time() {
    let dir = project("council-site");
    build_ok(dir.path());
    let ics = read(dir.path(), "output/vergaderingen/vergaderingen.ics");
    assert!(ics.contains("UID:vergadering-raad-2026-12-17@raad.voorbeeldstad.example\r\n"));
    assert!(ics.contains("DTSTART:20261217T200000\r\n"));
    assert!(ics.contains("LOCATION:Raadzaal\\, stadhuis Voorbeeldstad\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
}

#[test]
fn an_unknown_party_is_reported_where_it_is_written_with_the_likely_slug() {
    let dir = project("council-site");
    edit(
        dir.path(),
        "content/moties/motie-fietspaden.md",
        "against: [stadspartij, groen]",
        "against: [stadspartij, GroenLinks]",
    );
    edit(
        dir.path(),
        "content/moties/motie-speeltuinen.md",
        "party: groen}",
        "party: groenn}",
    );
    let report = check_json(dir.path());
    let unknown = with_code(&report, "unknown-party");
    assert_eq!(unknown.len(), 2, "{report:#}");
    let mut places: Vec<_> = unknown.iter().map(|d| place(d)).collect();
    places.sort();
    assert_eq!(
        places,
        [
            ("content/moties/motie-fietspaden.md".to_string(), 9, 58),
            ("content/moties/motie-speeltuinen.md".to_string(), 10, 30),
        ]
    );
    for d in unknown {
        assert!(d["hint"].as_str().unwrap().contains("`groen`"), "{d:#}");
    }
}

#[test]
fn a_result_the_seats_contradict_is_a_warning() {
    let dir = project("council-site");
    edit(
        dir.path(),
        "content/moties/motie-fietspaden.md",
        "status: verworpen",
        "status: aangenomen",
    );
    let report = check_json(dir.path());
    let warnings = with_code(&report, "vote-contradicts-status");
    assert_eq!(warnings.len(), 1, "{report:#}");
    assert_eq!(
        place(warnings[0]),
        ("content/moties/motie-fietspaden.md".to_string(), 6, 9)
    );
    assert_eq!(warnings[0]["severity"], "warning");
    assert!(
        warnings[0]["message"].as_str().unwrap().contains("11"),
        "{}",
        warnings[0]["message"]
    );
}

#[test]
fn a_document_off_its_meetings_agenda_or_date_is_a_warning() {
    let dir = project("council-site");
    write(
        dir.path(),
        "content/moties/motie-laat.md",
        "---\nid: motie-laat\ntype: motie\ntitle: Laat ingediend\ndate: 2025-06-13\nstatus: ingetrokken\nmeeting: raad-2025-06-12\n---\n\nTekst.\n",
    );
    write(
        dir.path(),
        "content/moties/motie-fout.md",
        "---\nid: motie-fout\ntype: motie\ntitle: Verkeerde vergadering\ndate: 2025-06-12\nstatus: ingetrokken\nmeeting: raadsbrief-speeltuinen\n---\n\nTekst.\n",
    );
    let report = check_json(dir.path());
    let off = with_code(&report, "not-on-agenda");
    assert_eq!(off.len(), 1, "{report:#}");
    assert_eq!(place(off[0]), ("content/moties/motie-laat.md".to_string(), 7, 10));
    let date = with_code(&report, "meeting-date");
    assert_eq!(date.len(), 1, "{report:#}");
    let wrong = with_code(&report, "not-a-meeting");
    assert_eq!(wrong.len(), 1, "{report:#}");
    assert_eq!(wrong[0]["severity"], "error");

    // The meeting lists the document it does not have on its agenda all the same.
    edit(
        dir.path(),
        "content/moties/motie-fout.md",
        "meeting: raadsbrief-speeltuinen\n",
        "",
    );
    build_ok(dir.path());
    let meeting = read(dir.path(), "output/documenten/raad-2025-06-12/index.html");
    assert!(meeting.contains("Ook in deze vergadering besloten"));
    assert!(meeting.contains("/documenten/motie-laat/"));
}

#[test]
fn mistakes_in_a_meeting_are_reported_at_their_line() {
    let dir = project("council-site");
    let path = "content/vergaderingen/raad-2026-12-17.yaml";
    edit(dir.path(), path, "kind: raad", "kind: raadd");
    edit(dir.path(), path, "start: \"20:00\"", "start: \"8 uur\"");
    let report = check_json(dir.path());
    let invalid = with_code(&report, "invalid-value");
    let mut places: Vec<_> = invalid.iter().map(|d| place(d)).collect();
    places.sort();
    assert_eq!(
        places,
        [(path.to_string(), 5, 7), (path.to_string(), 7, 8)],
        "{report:#}"
    );
    assert!(invalid.iter().any(|d| d["hint"].as_str().unwrap().contains("`raad`")));

    let dir = project("council-site");
    edit(
        dir.path(),
        path,
        "  - title: Opening\n",
        "  - title: Opening\n    documents: [motie-speeltuin]\n",
    );
    let report = check_json(dir.path());
    let unknown = with_code(&report, "unknown-id");
    assert_eq!(unknown.len(), 1, "{report:#}");
    assert_eq!(place(unknown[0]), (path.to_string(), 11, 17));
    assert!(unknown[0]["hint"].as_str().unwrap().contains("motie-speeltuinen"));
}

#[test]
fn config_terms_name_only_configured_parties() {
    let dir = project("council-site");
    edit(dir.path(), "griffie.yaml", "sociaal: 4}", "socaal: 4}");
    let report = check_json(dir.path());
    let unknown = with_code(&report, "unknown-party");
    assert_eq!(unknown.len(), 1, "{report:#}");
    assert_eq!(place(unknown[0]), ("griffie.yaml".to_string(), 21, 53));
    assert!(unknown[0]["hint"].as_str().unwrap().contains("`sociaal`"));
}

#[test]
fn a_proposal_knows_its_amendments_and_decision_and_the_dossier_shows_the_chain() {
    let dir = project("council-site");
    build_ok(dir.path());
    let proposal_page = read(dir.path(), "output/documenten/raadsvoorstel-speelruimteplan/index.html");
    let proposal = main_of(&proposal_page);
    let section = &proposal[proposal
        .find("id=\"doc__amendementen\"")
        .expect("an amendments section")..];
    let (rejected, adopted) = (
        section
            .find("/documenten/amendement-speelruimte-schrappen/")
            .expect("the rejected one"),
        section
            .find("/documenten/amendement-speelruimte-wijken/")
            .expect("the adopted one"),
    );
    // Oldest first (same day: by id), each with its result.
    assert!(rejected < adopted);
    assert!(section[rejected..adopted].contains("status--verworpen"));
    assert!(section[adopted..].contains("status--aangenomen"));
    assert!(proposal.contains("Besluit van de raad</dt><dd><a href=\"/documenten/besluit-speelruimteplan/\""));

    let amendment_page = read(dir.path(), "output/documenten/amendement-speelruimte-wijken/index.html");
    let amendment = main_of(&amendment_page);
    assert!(amendment.contains("Wijzigt raadsvoorstel</dt><dd><a href=\"/documenten/raadsvoorstel-speelruimteplan/\""));
    let decision_page = read(dir.path(), "output/documenten/besluit-speelruimteplan/index.html");
    let decision = main_of(&decision_page);
    assert!(
        decision.contains("Besluit op raadsvoorstel</dt><dd><a href=\"/documenten/raadsvoorstel-speelruimteplan/\"")
    );
    // The decision names no meeting: it was taken where its proposal was decided.
    assert!(decision.contains("Besloten in</dt><dd><a href=\"/documenten/raad-2025-06-12/\""));

    let json = documents_json(dir.path());
    let p = &json["raadsvoorstel-speelruimteplan"];
    assert_eq!(
        p["amendments"],
        serde_json::json!(["amendement-speelruimte-schrappen", "amendement-speelruimte-wijken"])
    );
    assert_eq!(p["decided_by"], "besluit-speelruimteplan");
    assert_eq!(p["amends"], serde_json::Value::Null);
    assert_eq!(
        json["amendement-speelruimte-wijken"]["amends"],
        "raadsvoorstel-speelruimteplan"
    );
    assert_eq!(
        json["besluit-speelruimteplan"]["decides"],
        "raadsvoorstel-speelruimteplan"
    );
    assert_eq!(json["besluit-speelruimteplan"]["meeting"], "raad-2025-06-12");
    assert_eq!(json["motie-speeltuinen"]["amendments"], serde_json::json!([]));

    let dossier_page = read(dir.path(), "output/dossiers/speelruimte/index.html");
    let dossier = main_of(&dossier_page);
    assert!(dossier.contains("Gewijzigd door amendement: <a href=\"/documenten/amendement-speelruimte-wijken/\">"));
    assert!(dossier.contains("Besluit van de raad: <a href=\"/documenten/besluit-speelruimteplan/\">"));
    assert!(dossier.contains("Besluit op raadsvoorstel: <a href=\"/documenten/raadsvoorstel-speelruimteplan/\">"));
}

#[test]
fn amends_and_decides_must_name_a_proposal() {
    let dir = project("council-site");
    let amendment = "content/amendementen/amendement-speelruimte-wijken.md";
    edit(
        dir.path(),
        amendment,
        "amends: raadsvoorstel-speelruimteplan",
        "amends: motie-speeltuinen",
    );
    let decision = "content/besluiten/besluit-speelruimteplan.md";
    edit(
        dir.path(),
        decision,
        "decides: raadsvoorstel-speelruimteplan",
        "decides: raadsvoorstel-speelruimteplam",
    );
    let motion = "content/moties/motie-fietspaden.md";
    edit(
        dir.path(),
        motion,
        "status: verworpen",
        "status: verworpen\namends: raadsvoorstel-speelruimteplan",
    );
    let report = check_json(dir.path());

    let wrong_type = with_code(&report, "not-a-proposal");
    assert_eq!(wrong_type.len(), 1, "{report:#}");
    assert_eq!(place(wrong_type[0]), (amendment.to_string(), 6, 9));
    assert!(wrong_type[0]["message"]
        .as_str()
        .unwrap()
        .contains("`motie-speeltuinen`"));

    let unknown = with_code(&report, "unknown-id");
    assert_eq!(unknown.len(), 1, "{report:#}");
    assert_eq!(place(unknown[0]), (decision.to_string(), 6, 10));
    assert!(unknown[0]["hint"]
        .as_str()
        .unwrap()
        .contains("raadsvoorstel-speelruimteplan"));

    let misplaced = with_code(&report, "misplaced-field");
    assert_eq!(misplaced.len(), 1, "{report:#}");
    assert_eq!(place(misplaced[0]), (motion.to_string(), 7, 1));
    assert!(
        misplaced[0]["hint"].as_str().unwrap().contains("amendement"),
        "{:#}",
        misplaced[0]
    );
}

#[test]
fn a_second_decision_on_one_proposal_is_a_warning() {
    let dir = project("council-site");
    let second = read(dir.path(), "content/besluiten/besluit-speelruimteplan.md")
        .replace("id: besluit-speelruimteplan", "id: besluit-speelruimteplan-herzien");
    write(
        dir.path(),
        "content/besluiten/besluit-speelruimteplan-herzien.md",
        &second,
    );
    let report = check_json(dir.path());
    let twice = with_code(&report, "decided-twice");
    assert_eq!(twice.len(), 1, "{report:#}");
    assert_eq!(
        place(twice[0]),
        ("content/besluiten/besluit-speelruimteplan.md".to_string(), 6, 10),
        "reported at the later of the two in reading order"
    );
    assert!(twice[0]["message"]
        .as_str()
        .unwrap()
        .contains("besluit-speelruimteplan-herzien"));
}

#[test]
fn a_meeting_pdf_has_its_agenda_with_results_and_a_motion_pdf_its_counted_party_vote() {
    let dir = project("council-site");
    build_ok(dir.path());
    let pdf = |id: &str| {
        let bytes = std::fs::read(dir.path().join(format!("output/documenten/{id}/{id}.pdf")))
            .unwrap_or_else(|e| panic!("no PDF for {id}: {e}"));
        crate::support::pdf_text(&bytes)
    };
    let meeting = pdf("raad-2025-06-12");
    for part in [
        "Raadsvergadering 12 juni 2025",
        "19:30",
        "Raadzaal, stadhuis Voorbeeldstad",
        "Agenda",
        "4a. Moties vreemd aan de orde van de dag",
        "Brede fietspaden langs de singel",
        "Verworpen",
        "Een speelplek in elke wijk",
        "Besluitenlijst",
    ] {
        assert!(
            meeting.contains(part),
            "`{part}` missing from the meeting PDF:\n{meeting}"
        );
    }
    // 9 + 7 seats for, 6 against, sociaal split 2 for and 3 against.
    let motion = pdf("motie-speeltuinen");
    assert!(motion.contains("18 stemmen voor, 9 tegen"), "{motion}");
}

#[test]
fn commitments_are_tracked_with_the_motions_settled_by_letters_and_overdue_alike() {
    let dir = project("council-site");
    let output = griffie(dir.path(), &["build"]);
    assert!(output.status.success(), "{}", crate::support::stderr(&output));
    let report = check_json(dir.path());
    let overdue = with_code(&report, "commitment-overdue");
    assert_eq!(overdue.len(), 1, "{report:#}");
    assert_eq!(
        place(overdue[0]),
        ("content/toezeggingen/toezegging-fietsenstallingen.md".to_string(), 8, 6)
    );

    // One tracker for both, newest first (same day: by id), each with its type.
    let tracker = main_of(&read(dir.path(), "output/motievolglijst/index.html")).to_string();
    assert!(tracker.contains("<h1>Moties en toezeggingen</h1>"));
    let ids = [
        "motie-fietspaden",
        "motie-speeltuinen",
        "toezegging-fietsenstallingen",
        "toezegging-speelplekkenkaart",
    ];
    let places: Vec<usize> = ids
        .iter()
        .map(|id| {
            tracker
                .find(&format!("/documenten/{id}/\""))
                .unwrap_or_else(|| panic!("{id} listed"))
        })
        .collect();
    assert!(places.windows(2).all(|w| w[0] < w[1]), "{places:?}");
    assert!(tracker.contains("Toezegging · burgemeester E. Visser"));
    assert!(tracker.contains("status--open status--overdue"));

    let page = read(dir.path(), "output/documenten/toezegging-speelplekkenkaart/index.html");
    let page = main_of(&page);
    assert!(page.contains("Toegezegd door</dt><dd>wethouder P. de Wit"));
    assert!(page.contains("Toegezegd in</dt><dd><a href=\"/documenten/raad-2025-06-12/\""));
    assert!(page.contains("Afgedaan op <time datetime=\"2025-09-22\">"));
    assert!(
        !page.contains("orde van de dag"),
        "no motion formula around a commitment"
    );

    let json = documents_json(dir.path());
    let open = &json["toezegging-fietsenstallingen"];
    assert_eq!(open["effective_status"], "open");
    assert_eq!(open["overdue"], true);
    assert_eq!(open["made_by"], "burgemeester E. Visser");
    assert_eq!(open["meeting"], "raad-2025-06-12");
    assert_eq!(json["toezegging-speelplekkenkaart"]["effective_status"], "afgedaan");
    assert_eq!(
        json["toezegging-speelplekkenkaart"]["settled_by"],
        serde_json::json!(["raadsbrief-speelplekkenkaart"])
    );
    assert!(
        json["motie-speeltuinen"].get("made_by").is_none(),
        "only commitments have made_by"
    );

    let csv = read(dir.path(), "output/motievolglijst/moties.csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("toezegging-fietsenstallingen,"))
        .expect("a CSV row");
    assert!(
        row.ends_with(",toezegging,burgemeester E. Visser,raad-2025-06-12"),
        "{row}"
    );
    assert!(csv.lines().next().unwrap().ends_with(",url,type,made_by,meeting"));

    // Unfolded (RFC 5545 folds lines at 75 octets).
    let ics = read(dir.path(), "output/motievolglijst/moties.ics").replace("\r\n ", "");
    assert!(ics.contains("SUMMARY:Streefdatum toezegging: Onderzoek naar fietsenstallingen bij scholen"));
    assert!(ics.contains("UID:streefdatum-toezegging-fietsenstallingen@"));

    let feed = read(dir.path(), "output/documenten/toezegging-speelplekkenkaart/atom.xml");
    assert!(
        feed.contains("/documenten/raadsbrief-speelplekkenkaart/"),
        "its feed carries the letter"
    );
    assert!(feed.contains("<subtitle>Wat er gebeurt met de toezegging "), "{feed}");

    let bytes = std::fs::read(
        dir.path()
            .join("output/documenten/toezegging-fietsenstallingen/toezegging-fietsenstallingen.pdf"),
    )
    .unwrap();
    let text = crate::support::pdf_text(&bytes);
    for part in [
        "Toezegging",
        "Toegezegd door",
        "burgemeester E. Visser",
        "Raadsvergadering 12 juni 2025",
        "1 maart 2026",
    ] {
        assert!(text.contains(part), "`{part}` missing from the commitment PDF:\n{text}");
    }
}

#[test]
fn only_motions_and_commitments_can_be_settled_and_made_by_is_a_commitments_field() {
    let dir = project("council-site");
    let letter = "content/raadsbrieven/raadsbrief-speelplekkenkaart.md";
    edit(
        dir.path(),
        letter,
        "settles: [toezegging-speelplekkenkaart]",
        "settles: [raad-2025-06-12]",
    );
    let motion = "content/moties/motie-fietspaden.md";
    edit(
        dir.path(),
        motion,
        "status: verworpen",
        "status: verworpen\nmade_by: wethouder X",
    );
    let report = check_json(dir.path());
    let not_motion = with_code(&report, "settles-not-motion");
    assert_eq!(not_motion.len(), 1, "{report:#}");
    assert!(not_motion[0]["message"]
        .as_str()
        .unwrap()
        .contains("geen motie of toezegging"));
    let misplaced = with_code(&report, "misplaced-field");
    assert_eq!(misplaced.len(), 1, "{report:#}");
    assert_eq!(place(misplaced[0]), (motion.to_string(), 7, 1));
    assert!(misplaced[0]["hint"].as_str().unwrap().contains("toezegging"));
}

#[test]
fn meetings_and_commitments_have_versions_and_can_be_withdrawn() {
    use crate::support::git::{commit_all, init_project_repo};
    let dir = project("council-site");
    let root = dir.path();
    init_project_repo(root, &[]);
    commit_all(root, "Eerste publicatie", "2025-06-13T10:00:00+02:00");
    let meeting = "content/vergaderingen/raad-2025-06-12.md";
    edit(
        root,
        meeting,
        "De agenda is ongewijzigd vastgesteld.",
        "De agenda is met één wijziging vastgesteld.",
    );
    commit_all(root, "Correctie besluitenlijst", "2025-06-20T10:00:00+02:00");
    let commitment = "content/toezeggingen/toezegging-fietsenstallingen.md";
    edit(
        root,
        commitment,
        "due: 2026-03-01\n",
        "due: 2026-03-01\nwithdrawn:\n  date: 2025-07-01\n  reason: Bevat persoonsgegevens\n",
    );
    commit_all(root, "Toezegging ingetrokken", "2025-07-01T10:00:00+02:00");
    build_ok(root);

    // The meeting's second version shows what changed in the besluitenlijst.
    let v2 = read(root, "output/documenten/raad-2025-06-12/v2/index.html");
    assert!(
        v2.contains("één wijziging"),
        "the second version has the corrected text"
    );
    assert!(v2.contains("<del") && v2.contains("<ins"), "and marks what changed");
    assert!(root
        .join("output/documenten/raad-2025-06-12/v1/raad-2025-06-12.pdf")
        .is_file());

    // A withdrawn commitment leaves a tombstone: its reason, no text, no PDF.
    let tombstone = read(root, "output/documenten/toezegging-fietsenstallingen/index.html");
    assert!(!tombstone.contains("fietsenstallingen er bij de scholen"));
    assert!(tombstone.contains("Bevat persoonsgegevens"));
    assert!(!root
        .join("output/documenten/toezegging-fietsenstallingen/toezegging-fietsenstallingen.pdf")
        .exists());
    let json = documents_json(root);
    assert_eq!(json["toezegging-fietsenstallingen"]["state"], "withdrawn");
    assert_eq!(json["raad-2025-06-12"]["version"], 2);
}

#[test]
fn search_filters_by_meeting_and_party() {
    let dir = project("council-site");
    build_ok(dir.path());
    let search = read(dir.path(), "output/zoeken/index.html");
    let parties = crate::support::element(&search, "<select id=\"zoeken__fractie\"", "</select>");
    assert!(parties.contains("data-filter=\"party\""));
    for name in ["GroenLinks", "Liberalen", "Sociaal Voorbeeldstad", "Stadspartij"] {
        assert!(
            parties.contains(&format!("<option>{name}</option>")),
            "{name} in {parties}"
        );
    }
    let meetings = crate::support::element(&search, "<select id=\"zoeken__vergadering\"", "</select>");
    assert!(meetings.contains("data-filter=\"meeting\""));
    assert!(
        meetings.contains("<option>Raadsvergadering 12 juni 2025, 12 juni 2025</option>"),
        "{meetings}"
    );
}
