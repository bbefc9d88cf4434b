//! Compound splitting on real words from the corpus: expected parts (dictionary forms, as
//! `compound::split` returns them; `[]` = stays whole). Needs the system word list
//! (`apt-get install -y wswedish`) at build time.

use projektsok_analysis::compound;

const TABLE: &[(&str, &[&str])] = &[
    // the examples
    ("långtidsarbetslösa", &["långtid", "arbetslösa"]),
    ("ungdomsarbetslösheten", &["ungdom", "arbetslösheten"]),
    ("språkpraktik", &["språk", "praktik"]),
    ("arbetsmarknadsinsatser", &["arbetsmarknad", "insatser"]),
    (
        "kompetensutvecklingsinsatser",
        &["kompetensutveckling", "insatser"],
    ),
    // from the sheets
    ("praktikplatser", &["praktik", "platser"]),
    ("praktikperioden", &["praktik", "perioden"]),
    ("arbetspraktik", &["arbete", "praktik"]),
    ("funktionsnedsättningar", &["funktion", "nedsättningar"]),
    ("heltidssjukskrivna", &["heltid", "sjukskrivna"]),
    ("långtidssjukskrivna", &["långtid", "sjukskrivna"]),
    ("arbetskraftsutbud", &["arbetskraft", "utbud"]),
    ("arbetsplatsambassadörer", &["arbetsplats", "ambassadörer"]),
    ("utvecklingstrappan", &["utveckling", "trappan"]),
    ("tillgänglighetsarbetet", &["tillgänglighet", "arbetet"]),
    ("samverkansmodell", &["samverkan", "modell"]),
    ("handledningssamtal", &["handledning", "samtal"]),
    ("sysselsättningsinsatser", &["sysselsättning", "insatser"]),
    ("integrationsprocessen", &["integration", "processen"]),
    ("utbildningsinsatser", &["utbildning", "insatser"]),
    ("arbetsprövningsplats", &["arbetsprövning", "plats"]),
    ("samverkansgruppen", &["samverkan", "gruppen"]),
    ("kunskapsöverföring", &["kunskap", "överföring"]),
    ("arbetsträning", &["arbete", "träning"]),
    ("arbetsträningsplatser", &["arbetsträning", "platser"]),
    ("meritportfölj", &["merit", "portfölj"]),
    ("arbetskooperativ", &["arbete", "kooperativ"]),
    (
        "jämställdhetsperspektivet",
        &["jämställdhet", "perspektivet"],
    ),
    ("genomförandeprojekt", &["genomförande", "projekt"]),
    ("språkprogression", &[]), // `progression` is not in wswedish: stays whole
    ("arbetsförmedlingen", &[]), // lexicalised; `arbets` is not written as a word
    ("företagshälsovård", &["företag", "hälsovård"]),
    ("hälsoinspiratörer", &["hälsa", "inspiratörer"]),
    // words that must stay whole
    ("kommun", &[]),
    ("arbete", &[]),
    ("arbetslösa", &[]),
    ("kompetensutveckling", &["kompetens", "utveckling"]),
    ("förstudien", &[]),
    ("verksamheten", &[]),
    ("tillgänglighet", &[]),
    ("deltagarna", &[]),
    ("förutsättningar", &[]),
    ("utbildning", &[]),
    ("handledning", &[]),
    ("örebro", &[]),
    ("västerås", &[]),
    ("bjurholms", &[]),
    ("coompanion", &[]),
];

#[test]
fn split_table() {
    assert!(
        compound::wordlist_len() > 50_000,
        "the Swedish word list was not embedded ({}); install it: apt-get install -y wswedish",
        compound::wordlist_source()
    );
    let mut wrong = Vec::new();
    for (word, expected) in TABLE {
        let got = compound::split(word);
        let ok = got.iter().map(String::as_str).eq(expected.iter().copied());
        println!("{} {word:<30} -> {got:?}", if ok { "ok  " } else { "MISS" });
        if !ok {
            wrong.push(format!("{word}: expected {expected:?}, got {got:?}"));
        }
    }
    println!(
        "split table: {}/{} as expected (word list: {})",
        TABLE.len() - wrong.len(),
        TABLE.len(),
        compound::wordlist_source()
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}
