//! The fixed list of dossiers a synthetic corpus draws from, with the themes its titles and
//! sentences are made of. Fixed, so that the same seed always gives the same corpus.

/// One dossier: its slug (the `topics` value), how `griffie.yaml` presents it, how often it
/// comes up, and the subjects documents about it are written about.
pub struct Topic {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Relative frequency: jeugdzorg and the budget come up far more often than sport.
    pub weight: u32,
    /// Noun phrases without article, usable after "de aanpak van" and at the start of a title.
    pub themes: &'static [&'static str],
}

pub const TOPICS: &[Topic] = &[
    Topic {
        slug: "jeugdzorg",
        title: "Jeugdzorg",
        weight: 10,
        description: "Hoe de gemeente de jeugdzorg inricht en inkoopt, en wat dat kost.",
        themes: &[
            "inkoop jeugdhulp",
            "wachtlijsten in de jeugd-ggz",
            "pleegzorg en gezinshuizen",
            "jeugdhulp in het onderwijs",
            "het voorkomen van uithuisplaatsing",
            "de wijkcoaches jeugd",
        ],
    },
    Topic {
        slug: "wmo",
        title: "Wmo en ondersteuning",
        weight: 8,
        description: "Ondersteuning thuis op grond van de Wet maatschappelijke ondersteuning.",
        themes: &[
            "huishoudelijke ondersteuning",
            "dagbesteding",
            "beschermd wonen",
            "mantelzorgondersteuning",
            "hulpmiddelen en woningaanpassingen",
            "de eigen bijdrage Wmo",
        ],
    },
    Topic {
        slug: "armoedebeleid",
        title: "Armoedebeleid",
        weight: 5,
        description: "Regelingen voor inwoners met een laag inkomen en de aanpak van armoede.",
        themes: &[
            "het kindpakket",
            "de energietoeslag",
            "minimaregelingen",
            "armoede onder werkenden",
            "het meedoenbudget",
            "de samenwerking met de voedselbank",
        ],
    },
    Topic {
        slug: "schuldhulpverlening",
        title: "Schuldhulpverlening",
        weight: 3,
        description: "Vroegsignalering en hulp bij problematische schulden.",
        themes: &[
            "vroegsignalering van schulden",
            "budgetbeheer",
            "schuldsanering",
            "geldzorgen bij jongeren",
            "de inzet van schuldhulpmaatjes",
        ],
    },
    Topic {
        slug: "onderwijs",
        title: "Onderwijs",
        weight: 5,
        description: "Onderwijshuisvesting, leerplicht en de aansluiting tussen school en zorg.",
        themes: &[
            "onderwijshuisvesting",
            "voortijdig schoolverlaten",
            "voor- en vroegschoolse educatie",
            "passend onderwijs",
            "laaggeletterdheid",
            "het integraal huisvestingsplan onderwijs",
        ],
    },
    Topic {
        slug: "wonen",
        title: "Wonen",
        weight: 8,
        description: "Woningbouw, betaalbare woningen en de afspraken met de corporaties.",
        themes: &[
            "sociale huurwoningen",
            "woningen voor starters",
            "huisvesting van arbeidsmigranten",
            "de prestatieafspraken met corporaties",
            "doorstroming op de woningmarkt",
            "tijdelijke woonvormen",
        ],
    },
    Topic {
        slug: "ruimtelijke-ordening",
        title: "Ruimtelijke ordening",
        weight: 5,
        description: "De omgevingsvisie, het omgevingsplan en de invoering van de Omgevingswet.",
        themes: &[
            "de omgevingsvisie",
            "het omgevingsplan",
            "de invoering van de Omgevingswet",
            "het bestemmingsplan buitengebied",
            "transformatie van leegstaande kantoren",
        ],
    },
    Topic {
        slug: "verkeer",
        title: "Verkeer en mobiliteit",
        weight: 5,
        description: "Verkeersveiligheid, fietsroutes, parkeren en openbaar vervoer.",
        themes: &[
            "verkeersveiligheid rond scholen",
            "het fietsnetwerk",
            "parkeren in de binnenstad",
            "het openbaar vervoer",
            "de reconstructie van de ringweg",
            "laadpalen voor elektrische auto's",
        ],
    },
    Topic {
        slug: "openbare-ruimte",
        title: "Openbare ruimte",
        weight: 4,
        description: "Beheer en onderhoud van straten, groen en speelplekken.",
        themes: &[
            "onderhoud van wegen en groen",
            "zwerfafval",
            "speelplekken",
            "het bomenbeleid",
            "wijkbudgetten",
            "klimaatadaptatie in de wijken",
        ],
    },
    Topic {
        slug: "duurzaamheid",
        title: "Duurzaamheid",
        weight: 4,
        description: "Afval, circulaire economie en biodiversiteit.",
        themes: &[
            "afvalinzameling en recycling",
            "de circulaire economie",
            "biodiversiteit",
            "het verduurzamen van gemeentelijk vastgoed",
            "vergroening van schoolpleinen",
        ],
    },
    Topic {
        slug: "energietransitie",
        title: "Energietransitie",
        weight: 5,
        description: "Van aardgas af: warmte, zon, wind en energiearmoede.",
        themes: &[
            "de transitievisie warmte",
            "zonneparken",
            "de regionale energiestrategie",
            "energiearmoede",
            "isolatie van huurwoningen",
            "het warmtenet",
        ],
    },
    Topic {
        slug: "veiligheid",
        title: "Veiligheid",
        weight: 5,
        description: "Openbare orde, ondermijning en het integraal veiligheidsplan.",
        themes: &[
            "de aanpak van ondermijning",
            "cameratoezicht",
            "jeugdoverlast",
            "het integraal veiligheidsplan",
            "woninginbraken",
            "de inzet van boa's",
        ],
    },
    Topic {
        slug: "economie",
        title: "Economie en werk",
        weight: 4,
        description: "Bedrijvigheid, werkgelegenheid en de Participatiewet.",
        themes: &[
            "het vestigingsklimaat voor bedrijven",
            "bedrijventerreinen",
            "de arbeidsmarktregio Twente",
            "begeleiding naar werk",
            "de uitvoering van de Participatiewet",
            "het ondernemersloket",
        ],
    },
    Topic {
        slug: "binnenstad",
        title: "Binnenstad",
        weight: 3,
        description: "Een levendige binnenstad: winkels, wonen, evenementen.",
        themes: &[
            "leegstand in de binnenstad",
            "de herinrichting van de Grotestraat",
            "evenementen in het centrum",
            "het winkelgebied",
            "wonen boven winkels",
        ],
    },
    Topic {
        slug: "cultuur",
        title: "Cultuur en erfgoed",
        weight: 3,
        description: "Bibliotheek, theater, cultuureducatie en monumenten.",
        themes: &[
            "de bibliotheek",
            "het theater",
            "cultuureducatie",
            "monumentenzorg",
            "het cultuurhuis",
            "de amateurkunst",
        ],
    },
    Topic {
        slug: "sport",
        title: "Sport en bewegen",
        weight: 3,
        description: "Sportaccommodaties, het zwembad en sportstimulering.",
        themes: &[
            "sportaccommodaties",
            "het zwembad",
            "sportstimulering voor jongeren",
            "het lokaal sportakkoord",
            "een beweegvriendelijke openbare ruimte",
        ],
    },
    Topic {
        slug: "financien",
        title: "Financiën",
        weight: 8,
        description: "Begroting, jaarrekening, voorjaarsnota en lokale lasten.",
        themes: &[
            "de begroting",
            "de jaarrekening",
            "de voorjaarsnota",
            "het weerstandsvermogen",
            "de lokale lasten",
            "de uitkering uit het gemeentefonds",
        ],
    },
    Topic {
        slug: "participatie",
        title: "Burgerparticipatie",
        weight: 3,
        description: "Hoe inwoners meedenken en meebeslissen.",
        themes: &[
            "de wijkraden",
            "het uitdaagrecht",
            "de participatieverordening",
            "het inwonerspanel",
            "de samenwerking met dorpsraden",
        ],
    },
    Topic {
        slug: "samentwente",
        title: "SamenTwente",
        weight: 4,
        description: "Samenwerking van de Twentse gemeenten in SamenTwente.",
        themes: &[
            "de kerntakendiscussie SamenTwente",
            "de regionale samenwerking in Twente",
            "de Twentse Agenda",
            "de begroting van SamenTwente",
            "de Regio Deal Twente",
        ],
    },
    Topic {
        slug: "gezondheid",
        title: "Publieke gezondheid",
        weight: 3,
        description: "Preventie, de GGD en een gezonde leefomgeving.",
        themes: &[
            "de taken van de GGD Twente",
            "preventie van overgewicht",
            "alcohol- en drugsgebruik onder jongeren",
            "eenzaamheid onder ouderen",
            "het lokaal gezondheidsbeleid",
        ],
    },
];

/// A topic drawn by weight.
pub fn pick(rng: &mut fastrand::Rng) -> usize {
    let total: u32 = TOPICS.iter().map(|t| t.weight).sum();
    let mut roll = rng.u32(0..total);
    for (i, topic) in TOPICS.iter().enumerate() {
        if roll < topic.weight {
            return i;
        }
        roll -= topic.weight;
    }
    TOPICS.len() - 1
}
