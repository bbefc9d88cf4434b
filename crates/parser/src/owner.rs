//! `owner_type` from the owner's name, by an ordered rule table: the first rule that matches
//! wins, so specific names come before generic endings.
//!
//! Decisions a reviewer should know:
//! - `ideell` is tested first: a folkhögskola is not a högskola, and a stiftelse or förening
//!   named after a city is not the city.
//! - Samordningsförbund and kommunalförbund (`Göteborgsregionen`) are joint bodies of several
//!   municipalities (and, for samordningsförbund, the region and state agencies) acting at a
//!   regional level: `region`.
//! - Named state agencies (Arbetsförmedlingen, Försäkringskassan, Länsstyrelsen) are tested
//!   before the municipal word endings, so `Arbetsförmedlingen Kundtjänstkontoret` stays a
//!   `myndighet`; generic agency endings (`...verket`, `...myndigheten`, universitet, högskola)
//!   come after them.
//! - A municipality's own units (`Utbildningsförvaltningen`, `Socialkontoret`,
//!   `Kommunstyrelsen`, `Kävlinge Lärcentrum`) and a bare municipality name are `kommun`.

use crate::places;

/// How a rule matches one lowercased word of the owner's name.
#[derive(Clone, Copy)]
enum Pat {
    /// The whole word.
    Word(&'static str),
    /// A word starting with this.
    Prefix(&'static str),
    /// A word ending with this.
    Suffix(&'static str),
}

use Pat::{Prefix, Suffix, Word};

const RULES: &[(&str, Pat)] = &[
    // Civil society first.
    ("ideell", Suffix("folkhögskola")),
    ("ideell", Suffix("folkhögskolan")),
    ("ideell", Suffix("förening")),
    ("ideell", Suffix("föreningen")),
    ("ideell", Prefix("riksförbund")),
    ("ideell", Suffix("idrottsförbund")),
    ("ideell", Prefix("stiftelse")),
    ("ideell", Prefix("studieförbund")),
    ("ideell", Word("medborgarskolan")),
    ("ideell", Word("vuxenskolan")),
    ("ideell", Word("abf")),
    ("ideell", Word("sensus")),
    ("ideell", Word("bilda")),
    ("ideell", Word("studiefrämjandet")),
    ("ideell", Word("folkuniversitetet")),
    ("ideell", Word("coompanion")),
    ("ideell", Word("ek.")),
    ("ideell", Word("ideell")),
    ("ideell", Word("ideella")),
    ("ideell", Word("röda")),
    ("ideell", Word("församling")),
    // Companies.
    ("företag", Word("ab")),
    ("företag", Word("aktiebolag")),
    ("företag", Word("hb")),
    ("företag", Word("kb")),
    ("företag", Word("handelsbolag")),
    ("företag", Word("kommanditbolag")),
    ("företag", Word("(publ)")),
    // Named state agencies.
    ("myndighet", Prefix("arbetsförmedling")),
    ("myndighet", Prefix("försäkringskassa")),
    ("myndighet", Prefix("länsstyrelse")),
    ("myndighet", Word("kriminalvården")),
    ("myndighet", Word("migrationsverket")),
    // Regions, county councils and joint public bodies.
    ("region", Word("region")),
    ("region", Prefix("regionförbund")),
    ("region", Prefix("landsting")),
    ("region", Word("göteborgsregionen")),
    ("region", Prefix("samordningsförbund")),
    ("region", Prefix("kommunalförbund")),
    ("region", Word("regionen")),
    // Municipalities and their units.
    ("kommun", Word("kommun")),
    ("kommun", Word("kommuner")),
    ("kommun", Word("stad")),
    ("kommun", Word("stads")),
    ("kommun", Prefix("kommunstyrelse")),
    ("kommun", Suffix("förvaltningen")),
    ("kommun", Suffix("förvaltning")),
    ("kommun", Suffix("kontoret")),
    ("kommun", Suffix("nämnden")),
    ("kommun", Word("lärcentrum")),
    ("kommun", Suffix("lärcentrum")),
    // Other state bodies.
    ("myndighet", Suffix("verket")),
    ("myndighet", Suffix("myndigheten")),
    ("myndighet", Suffix("universitet")),
    ("myndighet", Suffix("universitetet")),
    ("myndighet", Word("högskola")),
    ("myndighet", Word("högskolan")),
    ("myndighet", Suffix("inspektionen")),
    ("myndighet", Suffix("kassan")),
];

/// The owner type for an owner's name; `övrig` when no rule matches.
pub(crate) fn owner_type(owner: &str) -> &'static str {
    let lower = owner.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '–'))
        .filter(|w| !w.is_empty())
        .collect();
    for (kind, pat) in RULES {
        let hit = words.iter().any(|w| {
            let w =
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != ')' && c != '.');
            match pat {
                Word(p) => w == *p,
                Prefix(p) => w.starts_with(p),
                Suffix(p) => w.ends_with(p),
            }
        });
        if hit {
            return kind;
        }
    }
    // A bare municipality name (`Mjölby`) or its first part (`Mjölby, Socialtjänsten`).
    let first_part = owner.split(',').next().unwrap_or(owner);
    if places::municipality(first_part).is_some() {
        return "kommun";
    }
    "övrig"
}

/// `X, X` (the later layouts repeat the owner) becomes `X`; anything else is kept as written.
pub(crate) fn dedupe_owner(owner: &str) -> String {
    let parts: Vec<&str> = owner.split(',').map(str::trim).collect();
    let first = parts[0].to_lowercase();
    if parts.len() > 1 && parts.iter().all(|p| p.to_lowercase() == first) {
        return parts[0].to_string();
    }
    owner.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_types() {
        for (owner, kind) in [
            ("Bjurholms kommun", "kommun"),
            ("Malmö stad", "kommun"),
            ("Utbildningsförvaltningen", "kommun"),
            ("Socialkontoret", "kommun"),
            ("Krokoms kommun, Kommunstyrelsen", "kommun"),
            ("Kävlinge Lärcentrum", "kommun"),
            ("Mjölby", "kommun"),
            ("Region Gävleborg, Arbetsmarknad och kompetens", "region"),
            ("Landstinget i Värmland", "region"),
            ("Regionförbundet Östsam", "region"),
            ("Göteborgsregionen", "region"),
            ("Samordningsförbundet RAR", "region"),
            ("Arbetsförmedlingen Gävle Hk", "myndighet"),
            ("Försäkringskassan", "myndighet"),
            ("Länsstyrelsen i Skåne", "myndighet"),
            ("Skatteverket", "myndighet"),
            ("Högskolan i Gävle", "myndighet"),
            ("Umeå universitet", "myndighet"),
            ("Grimslövs folkhögskola", "ideell"),
            ("MEDBORGARSKOLAN VÄRMLAND-ÖREBRO LÄN", "ideell"),
            ("Studieförbundet Vuxenskolan", "ideell"),
            ("Coompanion Kooperativ Utveckling Stockholms län", "ideell"),
            ("Stiftelsen Activa", "ideell"),
            ("Henric Burak AB", "företag"),
            ("Arbetsgivarringen Kalmarsund AB", "företag"),
            ("Något Annat", "övrig"),
        ] {
            assert_eq!(owner_type(owner), kind, "{owner}");
        }
    }

    #[test]
    fn repeated_owner() {
        assert_eq!(
            dedupe_owner("Göteborgsregionen, Göteborgsregionen"),
            "Göteborgsregionen"
        );
        assert_eq!(
            dedupe_owner("Region Gävleborg, Arbetsmarknad och kompetens"),
            "Region Gävleborg, Arbetsmarknad och kompetens"
        );
    }
}
