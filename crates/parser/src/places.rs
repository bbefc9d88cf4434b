//! Municipalities, counties and ESF regions, normalised against the reference tables
//! (`data/municipality_county.csv`, `data/esf_regions.csv`, embedded at build time so the binary
//! needs no files at run time).
//!
//! Extension to the eight regions of `esf_regions.csv`: national projects (`ESF Nationellt`,
//! `Nationellt`) get the region `Nationellt`, which has no counties and is never in conflict
//! with the municipalities.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use crate::text::fold;

const MUNICIPALITY_CSV: &str = include_str!("../data/municipality_county.csv");
const REGION_CSV: &str = include_str!("../data/esf_regions.csv");

/// The region of national projects (not one of the eight geographic ESF regions).
pub(crate) const NATIONAL: &str = "Nationellt";

/// Spellings of national scope.
const NATIONAL_SPELLINGS: &[&str] = &[
    "nationellt",
    "nationell",
    "esf nationellt",
    "hela sverige",
    "hela landet",
    "riksomfattande",
];

/// Genitive and official forms the table's `municipality_name` column does not cover.
const EXTRA_SPELLINGS: &[(&str, &str)] = &[
    ("falu", "Falun"),
    ("falu kommun", "Falun"),
    ("region gotland", "Gotland"),
    ("gotlands kommun", "Gotland"),
];

pub(crate) struct Municipality {
    pub name: String,
    pub county: String,
}

struct Tables {
    municipalities: Vec<Municipality>,
    /// Folded spelling → index into `municipalities`.
    by_spelling: HashMap<String, usize>,
    /// Folded region spelling → canonical region name.
    regions: HashMap<String, String>,
    /// Canonical region → its counties.
    region_counties: HashMap<String, BTreeSet<String>>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(load);

fn csv_rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split(',').map(str::trim).collect())
}

fn load() -> Tables {
    let mut municipalities: Vec<Municipality> = Vec::new();
    let mut by_spelling = HashMap::new();
    for row in csv_rows(MUNICIPALITY_CSV) {
        let [_, long, short, _, county, ..] = row.as_slice() else {
            continue;
        };
        if by_spelling.contains_key(&fold(short)) {
            continue;
        }
        let index = municipalities.len();
        municipalities.push(Municipality {
            name: (*short).to_string(),
            county: (*county).to_string(),
        });
        // Official and everyday forms: `Bjurholms kommun`, `Malmö stad`, `Göteborgs Stad`,
        // `Borås Stad` (no extra genitive s after s), `Upplands-Bro` with a space.
        let genitive = if short.ends_with(['s', 'x', 'z']) {
            (*short).to_string()
        } else {
            format!("{short}s")
        };
        for spelling in [
            (*short).to_string(),
            (*long).to_string(),
            format!("{short} kommun"),
            format!("{genitive} kommun"),
            format!("{short} stad"),
            format!("{genitive} stad"),
            format!("{genitive} kommunstyrelse"),
            short.replace('-', " "),
        ] {
            by_spelling.entry(fold(&spelling)).or_insert(index);
        }
    }
    for (spelling, name) in EXTRA_SPELLINGS {
        if let Some(index) = municipalities.iter().position(|m| m.name == *name) {
            by_spelling.insert(fold(spelling), index);
        }
    }
    let mut regions = HashMap::new();
    let mut region_counties: HashMap<String, BTreeSet<String>> = HashMap::new();
    for row in csv_rows(REGION_CSV) {
        let [region, _, _, county, ..] = row.as_slice() else {
            continue;
        };
        regions.insert(region_key(region), (*region).to_string());
        region_counties
            .entry((*region).to_string())
            .or_default()
            .insert((*county).to_string());
    }
    for spelling in NATIONAL_SPELLINGS {
        regions.insert(region_key(spelling), NATIONAL.to_string());
    }
    Tables {
        municipalities,
        by_spelling,
        regions,
        region_counties,
    }
}

/// `Småland & Öarna` and `Småland och öarna` fold to the same key; a leading `ESF-region` or
/// `Region` is dropped.
fn region_key(raw: &str) -> String {
    let folded = fold(&raw.replace('&', " och "));
    let stripped = ["esf-region ", "esfregion ", "region "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(&folded);
    stripped.to_string()
}

/// The canonical ESF region (`Småland och öarna`, `Nationellt`) for a page's spelling.
pub(crate) fn canonical_region(raw: &str) -> Option<&'static str> {
    TABLES.regions.get(&region_key(raw)).map(String::as_str)
}

/// The counties of a canonical region (empty for `Nationellt` or unknown).
pub(crate) fn region_counties(region: &str) -> Option<&'static BTreeSet<String>> {
    TABLES.region_counties.get(region)
}

/// The municipality a page's spelling names: `Malmö stad`, `Bjurholms kommun`, `BJURHOLM`,
/// `Region Gotland`, `Falu kommun`.
pub(crate) fn municipality(raw: &str) -> Option<&'static Municipality> {
    let tables = &*TABLES;
    let folded = fold(raw.trim_end_matches(['.', ',']));
    let index = tables.by_spelling.get(&folded).or_else(|| {
        // `Mjölby kommun, Socialförvaltningen` and `Kommun: Mjölby` variants are not names;
        // but `Mjölbys kommun` (a stray genitive) still is.
        let base = folded
            .strip_suffix(" kommun")
            .or_else(|| folded.strip_suffix(" stad"))?;
        tables
            .by_spelling
            .get(base)
            .or_else(|| tables.by_spelling.get(base.strip_suffix('s')?))
    })?;
    tables.municipalities.get(*index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipalities() {
        for (raw, name) in [
            ("Malmö stad", "Malmö"),
            ("Göteborgs Stad", "Göteborg"),
            ("Bjurholms kommun", "Bjurholm"),
            ("Bjurholm", "Bjurholm"),
            ("  bjurholm ", "Bjurholm"),
            ("BJURHOLMS  KOMMUN", "Bjurholm"),
            ("Region Gotland", "Gotland"),
            ("Falu kommun", "Falun"),
            ("Borås Stad", "Borås"),
            ("Upplands Bro", "Upplands-Bro"),
            ("Ödeshög", "Ödeshög"),
            ("Östra Göinge", "Östra Göinge"),
            ("Lilla Edets kommun", "Lilla Edet"),
        ] {
            assert_eq!(
                municipality(raw).map(|m| m.name.as_str()),
                Some(name),
                "{raw}"
            );
        }
        assert_eq!(
            municipality("Mjölby").map(|m| m.county.as_str()),
            Some("Östergötlands län")
        );
        assert!(municipality("Atlantis").is_none());
    }

    #[test]
    fn regions() {
        assert_eq!(
            canonical_region("Småland & Öarna"),
            Some("Småland och öarna")
        );
        assert_eq!(
            canonical_region("Småland och Öarna"),
            Some("Småland och öarna")
        );
        assert_eq!(canonical_region("ESF Nationellt"), Some(NATIONAL));
        assert_eq!(canonical_region("Nationellt"), Some(NATIONAL));
        assert_eq!(
            canonical_region("östra mellansverige"),
            Some("Östra Mellansverige")
        );
        assert_eq!(canonical_region("Mars"), None);
        assert!(region_counties("Sydsverige").unwrap().contains("Skåne län"));
    }
}
