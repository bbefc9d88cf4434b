//! Word lists and sentence templates.
//!
//! Filler sentences are written so that they contain no word of the target-group and method
//! lexicon (`crates/analysis/data/lexicon.toml`): a label is only found where it was planted.
//! Planted surface forms each list every label the lexicon would read from them (`språkpraktik`
//! is both `praktik` and `språkstöd`), so a form is only used when all its labels are planted.

/// How a planted form fits a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A plural noun phrase naming people: `unga`, `långtidsarbetslösa`.
    People,
    /// A definite noun naming a phenomenon: `ungdomsarbetslösheten`, `sjukfrånvaron`.
    Phenomenon,
    /// An activity: `praktik`, `coachning`.
    Activity,
    /// Places or posts: `praktikplatser`, `arbetsträningsplatser`.
    Places,
    /// People who help: `mentorer`, `handledare`.
    Helpers,
}

/// One planted surface form.
pub struct Form {
    pub text: &'static str,
    pub slot: Slot,
    /// Every contract label the lexicon reads from this form.
    pub labels: &'static [&'static str],
}

const fn f(text: &'static str, slot: Slot, labels: &'static [&'static str]) -> Form {
    Form { text, slot, labels }
}

pub const TARGET_GROUPS: &[&str] = &[
    "unga",
    "långtidsarbetslösa",
    "utrikes födda",
    "personer med funktionsnedsättning",
    "sjukskrivna",
    "försörjningsstöd",
    "äldre",
    "sysselsatta",
    "företagare",
];

pub const METHODS: &[&str] = &[
    "mentorskap",
    "coachning",
    "praktik",
    "arbetsträning",
    "kartläggning",
    "validering",
    "socialt företagande",
    "entreprenörskap",
    "utbildning",
    "vägledning",
    "språkstöd",
    "handledning",
];

use Slot::{Activity, Helpers, People, Phenomenon, Places};

pub const GROUP_FORMS: &[Form] = &[
    f("unga", People, &["unga"]),
    f("ungdomar", People, &["unga"]),
    f("unga vuxna", People, &["unga"]),
    f("ungdomsarbetslösheten", Phenomenon, &["unga"]),
    f("långtidsarbetslösa", People, &["långtidsarbetslösa"]),
    f(
        "långtidsarbetslösa kvinnor och män",
        People,
        &["långtidsarbetslösa"],
    ),
    f(
        "långtidsarbetslösheten",
        Phenomenon,
        &["långtidsarbetslösa"],
    ),
    f("utrikes födda", People, &["utrikes födda"]),
    f("utrikesfödda kvinnor", People, &["utrikes födda"]),
    f("nyanlända", People, &["utrikes födda"]),
    f("personer med utländsk bakgrund", People, &["utrikes födda"]),
    f(
        "personer med funktionsnedsättning",
        People,
        &["personer med funktionsnedsättning"],
    ),
    f(
        "personer med neuropsykiatriska funktionsnedsättningar",
        People,
        &["personer med funktionsnedsättning"],
    ),
    f(
        "personer med funktionshinder",
        People,
        &["personer med funktionsnedsättning"],
    ),
    f(
        "personer med nedsatt arbetsförmåga",
        People,
        &["personer med funktionsnedsättning"],
    ),
    f("sjukskrivna", People, &["sjukskrivna"]),
    f("långtidssjukskrivna", People, &["sjukskrivna"]),
    f("sjukfrånvaron", Phenomenon, &["sjukskrivna"]),
    f(
        "personer med försörjningsstöd",
        People,
        &["försörjningsstöd"],
    ),
    f(
        "hushåll med ekonomiskt bistånd",
        People,
        &["försörjningsstöd"],
    ),
    f("äldre arbetssökande", People, &["äldre"]),
    f("seniorer", People, &["äldre"]),
    f("äldre arbetskraft", People, &["äldre"]),
    f("anställda", People, &["sysselsatta"]),
    f("sysselsatta", People, &["sysselsatta"]),
    f("yrkesverksamma", People, &["sysselsatta"]),
    f("företagare", People, &["företagare"]),
    f("småföretagare", People, &["företagare"]),
    f("egenföretagare", People, &["företagare"]),
];

pub const METHOD_FORMS: &[Form] = &[
    f("mentorskap", Activity, &["mentorskap"]),
    f("mentorer", Helpers, &["mentorskap"]),
    f("coachning", Activity, &["coachning"]),
    f("jobbcoacher", Helpers, &["coachning"]),
    f("praktik", Activity, &["praktik"]),
    f("praktikplatser", Places, &["praktik"]),
    f("arbetspraktik", Activity, &["praktik"]),
    f("språkpraktik", Activity, &["praktik", "språkstöd"]),
    f("arbetsträning", Activity, &["arbetsträning"]),
    f("arbetsträningsplatser", Places, &["arbetsträning"]),
    f("arbetsprövning", Activity, &["arbetsträning"]),
    f("kartläggning", Activity, &["kartläggning"]),
    f("individuella handlingsplaner", Activity, &["kartläggning"]),
    f("validering", Activity, &["validering"]),
    f("validering av reell kompetens", Activity, &["validering"]),
    f("socialt företagande", Activity, &["socialt företagande"]),
    f("sociala företag", Places, &["socialt företagande"]),
    f("arbetskooperativ", Places, &["socialt företagande"]),
    f("entreprenörskap", Activity, &["entreprenörskap"]),
    f("nyföretagande", Activity, &["entreprenörskap"]),
    f("utbildning", Activity, &["utbildning"]),
    f("yrkesutbildning", Activity, &["utbildning"]),
    f("vägledning", Activity, &["vägledning"]),
    f("studie- och yrkesvägledning", Activity, &["vägledning"]),
    f("språkstöd", Activity, &["språkstöd"]),
    f("språkträning", Activity, &["språkstöd"]),
    f("yrkessvenska", Activity, &["språkstöd"]),
    f("handledning", Activity, &["handledning"]),
    f("handledare", Helpers, &["handledning"]),
];

/// Sentences planting a form; `{X}` is the form, `{P}` a place, `{S}` a sector.
pub fn planting_templates(slot: Slot) -> &'static [&'static str] {
    match slot {
        People => &[
            "Projektet vänder sig till {X} i {P}.",
            "Målgruppen är {X} som står långt från arbetsmarknaden.",
            "Insatserna riktas särskilt till {X} i {P}.",
            "Många av deltagarna är {X} med behov av samordnat stöd.",
            "Vi vill stärka möjligheterna för {X} att nå egen försörjning.",
            "Projektet ska öppna nya vägar in i {S} för {X}.",
            "Erfarenheterna från {P} visar att {X} behöver ett samlat stöd.",
        ],
        Phenomenon => &[
            "{X} är hög i {P} och behöver mötas med nya arbetssätt.",
            "Projektet ska bidra till att minska {X} i {P}.",
            "Den senaste analysen visar att {X} har ökat i {P}.",
        ],
        Activity => &[
            "Deltagarna erbjuds {X} utifrån sina egna behov.",
            "En central del av arbetet är {X} i nära samverkan med arbetsgivare inom {S}.",
            "Metoden bygger på {X} under hela projekttiden.",
            "Projektet kombinerar {X} med regelbunden uppföljning.",
            "Under genomförandet används {X} som ett verktyg för att nå arbete.",
        ],
        Places => &[
            "Projektet ska ta fram fler {X} inom {S} i {P}.",
            "Tillsammans med arbetsgivare skapas {X} som anpassas efter deltagarnas förutsättningar.",
            "Vi bygger upp ett nätverk av {X} i {P}.",
        ],
        Helpers => &[
            "Deltagarna får stöd av {X} under hela processen.",
            "Projektet knyter {X} till varje deltagare från första dagen.",
            "Erfarna {X} följer deltagarna på vägen mot arbete.",
        ],
    }
}

/// Filler sentences (no lexicon word); `{P}` place, `{S}` sector, `{N}` a number, `{Q}` a
/// percentage, `{Y}` a year before the project, `{C}` a country.
pub const FILLER_SUMMARY: &[&str] = &[
    "Projektet syftar till att öka deltagarnas möjlighet till arbete och egen försörjning.",
    "Fokus ligger på deltagarnas förmåga och på vägarna till arbetsmarknaden i {P}.",
    "Projektet drivs i samverkan mellan de aktörer som stödjer deltagaren i processen.",
    "Arbetet ska leda till nya arbetssätt som kan leva vidare efter projekttiden.",
    "Projektet utgår från individens förutsättningar och arbetsmarknadens behov inom {S}.",
    "En viktig del av projektet är samverkan mellan myndigheter, kommuner och civilsamhället.",
    "Projektet ska pröva en sammanhållen modell för stöd på vägen mot arbete i {P}.",
];

pub const FILLER_BACKGROUND: &[&str] = &[
    "Arbetsmarknaden i {P} har förändrats snabbt under de senaste åren.",
    "Samverkan mellan kommun, region och statliga aktörer behöver stärkas.",
    "Tidigare satsningar har visat att ett samordnat arbetssätt ger bättre resultat.",
    "Behovet av nya arbetssätt har lyfts fram i flera lokala analyser under {Y}.",
    "Många arbetsgivare inom {S} har svårt att rekrytera rätt kompetens.",
    "Projektidén har förankrats hos de samverkande parterna under hösten {Y}.",
    "Statistiken visar att andelen personer i arbete i {P} är lägre än i riket som helhet.",
    "I {P} finns i dag omkring {N} personer som står utanför arbetsmarknaden.",
    "Efterfrågan på arbetskraft inom {S} väntas öka under de kommande åren.",
    "En förstudie genomfördes under {Y} och pekade ut flera utvecklingsområden.",
    "Flera aktörer arbetar redan i dag med målgruppen, men insatserna är splittrade.",
    "Avstånden i {P} gör att deltagarna ofta har långt till närmaste arbetsplats.",
    "Regionens strategi för tillväxt lyfter fram {S} som en viktig bransch.",
    "Det saknas i dag en gemensam bild av deltagarnas behov hos de berörda parterna.",
];

pub const FILLER_PURPOSE: &[&str] = &[
    "Syftet är att öka deltagarnas möjligheter till arbete eller studier.",
    "Projektet ska utveckla metoder som kan leva vidare i ordinarie verksamhet.",
    "Arbetet ska bidra till en hållbar samverkan mellan de deltagande parterna.",
    "Det övergripande syftet är att fler ska nå egen försörjning i {P}.",
    "Projektet ska skapa en tydligare väg från samhällets stöd till arbete inom {S}.",
];

pub const FILLER_GOALS: &[&str] = &[
    "Minst {Q} procent av deltagarna ska ha gått vidare till arbete eller studier vid projektets slut.",
    "Minst {N} deltagare ska ha tagit del av projektets insatser.",
    "Samverkansmodellen ska vara införd hos samtliga parter när projektet avslutas.",
    "Deltagarnas upplevda hälsa ska ha förbättrats enligt den enkät som används vid start och avslut.",
    "Minst {N} arbetsgivare inom {S} ska ha deltagit i projektets nätverk.",
];

pub const FILLER_ACCESS: &[&str] = &[
    "Lokalerna är tillgängliga och informationen finns i flera format.",
    "Projektet följer en tillgänglighetsplan som tas fram under mobiliseringsfasen.",
    "Tillgängligheten ses över tillsammans med de lokala intresseorganisationerna.",
    "Allt informationsmaterial tas fram i lättläst form.",
];

pub const FILLER_EQUALITY: &[&str] = &[
    "Jämställdhetsperspektivet integreras i alla delar av projektet.",
    "Statistik redovisas uppdelad på kön och följs upp varje kvartal.",
    "Projektet ska motverka könsstereotypa val och arbeta för lika villkor för kvinnor och män.",
    "En jämställdhetsanalys görs i början av projektet och följs upp vid halvtid.",
];

pub const FILLER_TRANSNATIONAL: &[&str] = &[
    "Ingen transnationell verksamhet.",
    "Projektet samarbetar med partners i {C} kring erfarenhetsutbyte och metodutveckling.",
    "Studiebesök planeras hos en motsvarande verksamhet i {C}.",
];

pub const COUNTRIES: &[&str] = &[
    "Finland",
    "Norge",
    "Danmark",
    "Tyskland",
    "Polen",
    "Estland",
    "Nederländerna",
    "Irland",
    "Italien",
    "Spanien",
];

pub const SECTORS: &[&str] = &[
    "vården",
    "industrin",
    "besöksnäringen",
    "handeln",
    "byggsektorn",
    "transportsektorn",
    "IT-branschen",
    "skogsnäringen",
    "livsmedelsindustrin",
    "omsorgen",
    "restaurangbranschen",
    "lantbruket",
    "logistiken",
    "energisektorn",
    "kulturlivet",
];

pub const TITLE_WORDS: &[&str] = &[
    "Visioncenter",
    "Kraftverket",
    "Spektra",
    "Jobbfokus",
    "Galaxhopen",
    "Bryggan",
    "Kompassen",
    "Steget vidare",
    "Nya vägar",
    "Framtidsverkstaden",
    "Mötesplats",
    "Horisont",
    "Språnget",
    "Drivkraft",
    "Växtkraft",
    "Impuls",
    "Navet",
    "Landa",
    "Byggstenen",
    "Tillsammans",
    "Klara",
    "Dubbelt så bra",
    "Gröna Rum",
    "Hälsa & arbete",
    "Vägen framåt",
    "Nästa steg",
    "Ljuspunkten",
    "Fyrtornet",
    "Startbanan",
    "Kraftsamling",
    "Trampolinen",
    "Motor",
    "Sprint",
    "Livslinjen",
    "Arena",
    "Jobbstigen",
    "Samsyn",
    "Lotsen",
    "Öppna dörrar",
    "Pilotmodell",
];

pub const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Kerstin",
    "Emma",
    "Ingrid",
    "Marie",
    "Malin",
    "Jenny",
    "Hanna",
    "Linda",
    "Susanne",
    "Gabriella",
    "Birgitta",
    "Agneta",
    "Jessica",
    "Marita",
    "Åsa",
    "Ulrika",
    "Elin",
    "Johanna",
    "Lars",
    "Mikael",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Peter",
    "Thomas",
    "Jan",
    "Daniel",
    "Fredrik",
    "Hans",
    "Stefan",
    "Mats",
    "Magnus",
    "Eddie",
    "Tomas",
    "Henric",
    "Christer",
    "Kenny",
    "Johnny",
    "Jörgen",
    "Björn",
    "Göran",
    "Ali",
    "Fatima",
    "Ahmed",
    "Leila",
    "Nils",
    "Olof",
    "Sofia",
    "Amir",
    "Zeynep",
];

pub const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Olofsson",
    "Lindqvist",
    "Lindgren",
    "Berg",
    "Axelsson",
    "Bergström",
    "Lundberg",
    "Lind",
    "Lundgren",
    "Lundqvist",
    "Mattsson",
    "Berglund",
    "Fredriksson",
    "Sandberg",
    "Henriksson",
    "Davidsson",
    "Lilja",
    "Öberg Molin",
    "Burak",
    "Stenberg",
    "Sjöberg",
    "Dahlgren",
    "Sunder",
    "Eklund",
    "Åberg",
    "Ström",
    "Holm",
    "Sundqvist",
    "Nyström",
    "Hassan",
    "Yilmaz",
    "Mohammadi",
    "Ek",
    "Wallin",
    "Engström",
    "Forsberg",
];

pub const PHONE_AREAS: &[&str] = &[
    "08", "010", "011", "013", "016", "018", "019", "021", "023", "026", "031", "035", "036",
    "040", "042", "044", "046", "054", "060", "063", "090", "0142", "0470", "0640", "0932", "0920",
    "0980", "0703", "0705", "0709", "0730", "0725",
];

pub const FOLKHOGSKOLOR: &[&str] = &[
    "Grimslövs",
    "Tollare",
    "Mora",
    "Hola",
    "Kalix",
    "Önnestads",
    "Sävstaholms",
    "Hällefors",
    "Vindelns",
    "Ljungskile",
    "Fristads",
    "Molkoms",
];

pub const ORG_WORDS: &[&str] = &[
    "Framsteg",
    "Nordljus",
    "Kompetenshuset",
    "Brobyggarna",
    "Vägvisaren",
    "Livskraft",
    "Mosaik",
    "Resurscentrum",
    "Tallkotten",
    "Solrosen",
    "Kvarnen",
    "Utsikten",
];

pub const PARTNER_POOL: &[&str] = &[
    "Studieförbundet Vuxenskolan",
    "Samteam",
    "proAros",
    "Hushållningssällskapet",
    "Svenska kyrkan",
    "Röda Korset",
    "ABF",
    "Sensus studieförbund",
    "Stadsmissionen",
    "Folkuniversitetet",
    "Almi",
    "Nyföretagarcentrum",
    "Rädda Barnen",
];

pub const COFINANCIER_UNITS: &[&str] = &[
    "Socialkontoret",
    "Individ och Familjeomsorgen",
    "Omsorgs- och socialförvaltningen",
    "IFO/Omvårdnadsförvaltningen",
    "Arbetsmarknadsenheten",
    "Kommunstyrelsen",
    "Socialtjänsten",
];

pub const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Parts of composed background sentences: `{opening} {actor} {verb} {object} {tail}.`
pub const OPENINGS: &[&str] = &[
    "Under {Y}",
    "I {P}",
    "Sedan flera år",
    "Enligt den regionala analysen",
    "Inom {S}",
    "Under förstudien",
    "I dag",
    "Under projekttiden",
    "På sikt",
    "Tillsammans med arbetsgivarna",
];

pub const ACTORS: &[&str] = &[
    "kommunen",
    "regionen",
    "de samverkande parterna",
    "projektledningen",
    "styrgruppen",
    "arbetsgivarna",
    "civilsamhällets organisationer",
    "Arbetsförmedlingen",
    "Försäkringskassan",
    "samordningsförbundet",
    "näringslivet",
    "socialtjänsten",
    "hälso- och sjukvården",
    "projektgruppen",
];

pub const VERBS: &[&str] = &[
    "har identifierat behov av",
    "vill utveckla",
    "ska förankra",
    "behöver stärka",
    "har prövat",
    "ska följa upp",
    "vill sprida",
    "har analyserat",
    "bygger upp",
    "samordnar",
    "efterfrågar",
    "ska dokumentera",
];

pub const OBJECTS: &[&str] = &[
    "nya former av samverkan",
    "gemensamma rutiner",
    "en modell för tidiga insatser",
    "arbetssätt som bygger på delaktighet",
    "stödet kring deltagarna",
    "kontakterna med arbetsgivare",
    "uppföljningen av resultat",
    "en digital plattform för samarbete",
    "lokala nätverk",
    "metoder för motiverande samtal",
    "strukturer för erfarenhetsutbyte",
    "rutiner för överlämning mellan myndigheter",
    "en gemensam ingång för deltagarna",
    "en tydligare ansvarsfördelning",
    "flexibla lösningar för resor och schema",
    "hälsofrämjande aktiviteter",
];

pub const TAILS: &[&str] = &[
    "i {P}",
    "inom {S}",
    "under hela projekttiden",
    "för att nå bättre resultat",
    "på längre sikt",
    "i nära dialog med deltagarna",
    "utifrån lokala förutsättningar",
    "",
];

/// Themes a project keeps coming back to (so that similar projects share words).
pub const THEMES: &[&[&str]] = &[
    &["digitala verktyg", "digital delaktighet", "e-tjänster"],
    &["hälsa och livsstil", "fysisk aktivitet", "friskvård"],
    &["klimatsmarta lösningar", "hållbar energi", "återbruk"],
    &[
        "kultur och skapande",
        "musik och teater",
        "kreativa verkstäder",
    ],
    &["landsbygdens utveckling", "lokal service", "långa avstånd"],
    &["bostad och boende", "trygga boendemiljöer", "hyresvärdar"],
    &[
        "idrott och föreningsliv",
        "idrottsföreningar",
        "föreningslivet",
    ],
    &["mat och måltider", "storkök", "livsmedelshantering"],
    &["turism och besöksnäring", "säsongsarbete", "naturturism"],
    &["transporter och körkort", "körkortsstöd", "kollektivtrafik"],
    &[
        "omvårdnad och omsorg",
        "vård- och omsorgsyrken",
        "hemtjänst",
    ],
    &[
        "bygg och fastighet",
        "fastighetsskötsel",
        "anläggningsarbete",
    ],
];

/// Sentences about a theme; `{T}` is a theme phrase.
pub const THEME_SENTENCES: &[&str] = &[
    "{T} är en röd tråd i projektet.",
    "Projektet lägger särskild vikt vid {T}.",
    "Erfarenheterna av {T} i {P} är goda.",
    "Arbetet med {T} sker i nära samverkan med lokala aktörer.",
    "Deltagarna får möjlighet att pröva på {T}.",
];
