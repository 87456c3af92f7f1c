//! Phrase banks for synthetic text: sentence patterns, list items, headings, names, parties.
//!
//! Placeholders in patterns: `{t}` a theme ("inkoop jeugdhulp"), `{p}` a partner, `{g}` the
//! municipality, `{y}` / `{y2}` this year and next, `{n}` a count, `{a}` an amount in euros,
//! `{d}` an earlier and `{f}` a later date in Dutch ("11 juli 2024"). [`super::text::fill`]
//! substitutes them.

pub const SENTENCES: &[&str] = &[
    "Het college werkt aan een betere aanpak van {t}.",
    "In {y} is een start gemaakt met een nieuwe aanpak van {t}.",
    "Samen met {p} kijken wij hoe {t} verder kan worden verbeterd.",
    "De afgelopen periode is veel aandacht uitgegaan naar {t}.",
    "Uit de evaluatie blijkt dat de inzet op {t} effect heeft, maar dat er ook knelpunten zijn.",
    "Het budget voor {t} bedraagt € {a} per jaar.",
    "In {y} maakten {n} inwoners gebruik van de regelingen rond {t}.",
    "Wij verwachten dat de kosten van {t} de komende jaren verder stijgen.",
    "Daarom stellen wij voor de middelen voor {t} gerichter in te zetten.",
    "Dit vraagt om een zorgvuldige afweging tussen kwaliteit, toegankelijkheid en betaalbaarheid.",
    "Wij houden u op de hoogte van de ontwikkelingen rond {t}.",
    "De gesprekken met {p} verlopen constructief.",
    "Daarbij maken wij gebruik van de ervaringen die andere Twentse gemeenten hebben opgedaan.",
    "Het is belangrijk dat inwoners weten waar zij terechtkunnen met vragen over {t}.",
    "In de wijken merken wij dat {t} steeds vaker onderwerp van gesprek is.",
    "Een deel van de maatregelen is al uitgevoerd; de overige maatregelen volgen in {y2}.",
    "De uitvoering ligt grotendeels op schema.",
    "Wel zien wij dat de personele capaciteit onder druk staat.",
    "De financiële gevolgen zijn verwerkt in de begroting voor {y2}.",
    "Met {p} zijn afspraken gemaakt over de verdere uitwerking van {t}.",
    "Wij vinden het belangrijk hierover met uw raad in gesprek te blijven.",
    "De resultaten nemen wij op in de eerstvolgende voortgangsrapportage.",
    "Ook landelijk staat {t} hoog op de agenda.",
    "De regionale afspraken bieden daarvoor een goede basis.",
    "Dat betekent dat wij scherpere keuzes moeten maken dan voorheen.",
    "Een onafhankelijk bureau heeft in opdracht van de gemeente onderzoek gedaan naar {t}.",
    "De aanbevelingen uit dat onderzoek nemen wij grotendeels over.",
    "Inwoners, ondernemers en maatschappelijke organisaties zijn betrokken bij de uitwerking.",
    "Over de planning informeren wij u in het vierde kwartaal van {y}.",
    "Sinds {d} is het aantal meldingen over {t} met ongeveer {n} toegenomen.",
    "De toegang tot {t} moet eenvoudig en laagdrempelig blijven.",
    "Hiervoor is eenmalig € {a} beschikbaar gesteld.",
    "De monitor laat zien dat de doelen voor {t} voor een groot deel worden gehaald.",
    "Waar nodig sturen wij bij, in nauw overleg met {p}.",
    "Bij de uitwerking houden wij rekening met de gevolgen voor de uitvoeringsorganisatie.",
    "De komende maanden werken wij de plannen voor {t} verder uit.",
    "Dit past binnen de kaders die uw raad eerder heeft vastgesteld.",
    "De ervaringen van inwoners zijn daarbij een belangrijke graadmeter.",
    "Wij zien kansen om {t} beter te verbinden met het werk van de wijkteams.",
    "Tegelijkertijd is de financiële ruimte van de gemeente beperkt.",
    "Het Rijk heeft aangekondigd de bijdrage voor {t} vanaf {y2} te verlagen.",
    "Ook {p} onderschrijven het belang van een gezamenlijke aanpak.",
    "In {g} ligt het gebruik van {t} hoger dan gemiddeld in Nederland.",
    "Het gaat om een structurele opgave, die niet in één jaar is opgelost.",
];

pub const PARTNERS: &[&str] = &[
    "de Twentse gemeenten",
    "SamenTwente",
    "de woningcorporaties",
    "het onderwijs",
    "zorgaanbieders",
    "de GGD Twente",
    "maatschappelijke partners",
    "de provincie Overijssel",
    "ondernemers in de stad",
    "de politie",
    "de wijkraden",
    "het Rijk",
    "de zorgverzekeraar",
    "welzijnsorganisaties",
];

pub const BULLETS: &[&str] = &[
    "het versterken van de samenwerking met {p};",
    "het verlagen van de kosten van {t};",
    "heldere informatie voor inwoners over {t};",
    "een jaarlijkse rapportage aan de raad;",
    "het benutten van landelijke subsidies;",
    "het monitoren van de resultaten per wijk;",
    "het terugdringen van de wachttijden;",
    "een vast aanspreekpunt voor inwoners en ondernemers;",
    "het verder digitaliseren van de dienstverlening;",
    "afspraken met {p} over de uitvoering;",
    "een pilot in twee wijken, met een evaluatie na een jaar;",
    "extra inzet op preventie en vroegsignalering;",
    "het actualiseren van de regels voor {t};",
    "een onderzoek naar de effecten van {t};",
];

pub const LETTER_HEADINGS: &[&str] = &[
    "Aanleiding",
    "Stand van zaken",
    "Wat hebben we gedaan?",
    "Resultaten",
    "Financiële gevolgen",
    "Samenwerking in de regio",
    "Communicatie",
    "Planning",
    "Risico's",
    "Achtergrond",
    "Kernboodschap",
    "Ervaringen van inwoners",
    "Landelijke ontwikkelingen",
    "Uitvoering",
];

pub const PLAN_HEADINGS: &[&str] = &[
    "Inleiding",
    "Aanleiding en doel",
    "Wettelijk kader",
    "Analyse",
    "Wat willen we bereiken?",
    "Wat gaan we daarvoor doen?",
    "Rol van de gemeente",
    "Samenwerking met partners",
    "Financiën",
    "Monitoring en evaluatie",
    "Risico's en beheersmaatregelen",
    "Planning",
    "Communicatie",
    "Participatie",
    "Uitvoeringsagenda",
];

pub const CONSTATERENDE: &[&str] = &[
    "{t} onder druk staat;",
    "het aantal meldingen over {t} de afgelopen jaren is gestegen;",
    "inwoners zich zorgen maken over {t};",
    "in de begroting nog geen middelen zijn opgenomen voor {t};",
    "andere gemeenten in Twente al een aanpak voor {t} hebben;",
    "de raad eerder heeft gevraagd om duidelijkheid over {t};",
];

pub const OVERWEGENDE: &[&str] = &[
    "het van belang is dat {t} voor iedereen toegankelijk blijft;",
    "preventie op de lange termijn kosten bespaart;",
    "een integrale aanpak betere resultaten geeft dan losse maatregelen;",
    "de raad zijn kaderstellende rol goed moet kunnen vervullen;",
    "inwoners en ondernemers duidelijkheid verdienen;",
];

pub const VERZOEKT: &[&str] = &[
    "een plan van aanpak op te stellen voor {t};",
    "de raad voor {f} te informeren over de voortgang;",
    "in overleg te gaan met {p} over {t};",
    "de benodigde middelen op te nemen in de voorjaarsnota;",
    "te onderzoeken of {t} eenvoudiger kan worden georganiseerd;",
    "inwoners actief te betrekken bij de uitwerking;",
    "jaarlijks te rapporteren over de resultaten van {t};",
];

pub const SURNAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "van Dijk",
    "Schouten",
    "Hoekstra",
    "Kuipers",
    "Nijhuis",
    "Oude Luttikhuis",
    "Kamphuis",
    "Wolters",
    "Brinkman",
    "ter Horst",
    "Hofman",
    "Lammers",
    "Yilmaz",
    "Kaya",
    "Bulut",
    "Tijhuis",
    "Haverkamp",
    "Bruggink",
];

pub const INITIALS: &[&str] = &[
    "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T.", "W.",
    "Y.", "A.J.", "J.H.", "M.M.", "H.W.", "R.T.", "E.M.", "G.J.", "P.A.",
];

pub const PARTIES: &[&str] = &[
    "VVD",
    "CDA",
    "PvdA",
    "GroenLinks",
    "D66",
    "SP",
    "ChristenUnie",
    "Sterk Lokaal",
    "Almelo Centraal",
    "PVV",
    "Leefbaar Almelo",
    "Hart voor Almelo",
];

pub const ORGANISATIONS: &[&str] = &[
    "Ministerie van Volksgezondheid, Welzijn en Sport",
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Gedeputeerde Staten van Overijssel",
    "Stichting Welzijn Twente",
    "Woningstichting De Woonplaats",
    "Waterschap Vechtstromen",
    "Veiligheidsregio Twente",
    "GGD Twente",
    "Stichting Leergeld",
    "Ondernemersvereniging Centrum",
    "Het bestuur van SamenTwente",
    "Wijkraad Noord",
];

pub const STREETS: &[&str] = &[
    "Postbus",
    "Grotestraat",
    "Hofstraat",
    "Wierdensestraat",
    "Bornerbroeksestraat",
    "Marktstraat",
    "Stationsplein",
    "Nieuwstraat",
];

pub const PLACES: &[(&str, &str)] = &[
    ("2500 EJ", "Den Haag"),
    ("8000 GB", "Zwolle"),
    ("7600 AA", "Almelo"),
    ("7500 AA", "Enschede"),
    ("7550 GZ", "Hengelo"),
    ("7601 BZ", "Almelo"),
];

pub const ATTACHMENTS: &[&str] = &[
    "Voortgangsrapportage",
    "Overzicht maatregelen",
    "Evaluatierapport",
    "Monitor",
    "Financieel overzicht",
    "Planning",
    "Verslag inwonersbijeenkomst",
];

/// Letters are signed by the secretary and the mayor in office: (until year, secretaris, burgemeester).
pub const SIGNATORIES: &[(i16, &str, &str)] = &[
    (2017, "F.W. Kamphuis", "H.J. Bosman"),
    (2020, "F.W. Kamphuis", "M.A. de Ruiter"),
    (2023, "J.H. Brinkman", "M.A. de Ruiter"),
    (9999, "J.H. Brinkman", "R.T. Verhoef"),
];

pub const PLAN_AUTHORS: &[&str] = &[
    "Regio Twente",
    "SamenTwente",
    "De 14 Twentse gemeenten",
    "Rekenkamer Almelo",
    "Adviesbureau Lagerweij",
];
