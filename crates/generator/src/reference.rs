//! The reference tables of the parser crate (290 municipalities with their counties; the eight
//! ESF regions with their counties), embedded at build time from `../parser/data/` so the
//! generator and the parser always agree on spellings.

use std::sync::LazyLock;

const MUNICIPALITY_CSV: &str = include_str!("../../parser/data/municipality_county.csv");
const REGION_CSV: &str = include_str!("../../parser/data/esf_regions.csv");

/// One municipality of `municipality_county.csv`.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// Official short name, e.g. `Upplands Väsby` (what the sheets' `Kommun` list writes).
    pub name: &'static str,
    /// Full name, e.g. `Upplands Väsby kommun` (used for owners).
    pub full_name: &'static str,
    /// County, e.g. `Stockholms län`.
    pub county: &'static str,
    /// County short name, e.g. `Stockholm` (used for `Region X` owners).
    pub county_short: &'static str,
}

/// One of the eight ESF regions and its counties.
#[derive(Debug, Clone)]
pub struct Region {
    pub name: &'static str,
    pub nuts2: &'static str,
    pub counties: Vec<&'static str>,
    /// Indices into [`Reference::municipalities`] of the municipalities in those counties.
    pub municipalities: Vec<usize>,
}

/// Both tables, parsed once.
#[derive(Debug)]
pub struct Reference {
    pub municipalities: Vec<Municipality>,
    pub regions: Vec<Region>,
}

impl Reference {
    /// The municipality with this short name.
    pub fn municipality(&self, name: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.name == name)
    }

    /// The region with this name.
    pub fn region(&self, name: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.name == name)
    }
}

/// The embedded tables.
pub fn reference() -> &'static Reference {
    &REFERENCE
}

static REFERENCE: LazyLock<Reference> = LazyLock::new(load);

fn rows(csv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    csv.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split(',').map(str::trim).collect())
}

fn load() -> Reference {
    let municipalities: Vec<Municipality> = rows(MUNICIPALITY_CSV)
        .filter(|cols| cols.len() >= 6)
        .map(|cols| Municipality {
            full_name: cols[1],
            name: cols[2],
            county: cols[4],
            county_short: cols[5],
        })
        .collect();
    let mut regions: Vec<Region> = Vec::new();
    for cols in rows(REGION_CSV).filter(|cols| cols.len() >= 4) {
        let (name, nuts2, county) = (cols[0], cols[1], cols[3]);
        let index = match regions.iter().position(|r| r.name == name) {
            Some(index) => index,
            None => {
                regions.push(Region {
                    name,
                    nuts2,
                    counties: Vec::new(),
                    municipalities: Vec::new(),
                });
                regions.len() - 1
            }
        };
        regions[index].counties.push(county);
    }
    for region in &mut regions {
        region.municipalities = municipalities
            .iter()
            .enumerate()
            .filter(|(_, m)| region.counties.contains(&m.county))
            .map(|(i, _)| i)
            .collect();
    }
    Reference {
        municipalities,
        regions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete() {
        let r = reference();
        assert_eq!(r.municipalities.len(), 290);
        assert_eq!(r.regions.len(), 8);
        let covered: usize = r.regions.iter().map(|r| r.municipalities.len()).sum();
        assert_eq!(covered, 290, "every municipality is in exactly one region");
    }
}
