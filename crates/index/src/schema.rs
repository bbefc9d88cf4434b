//! The schema, in one place, derived from the `Project` record.
//!
//! | field | kind | from |
//! |---|---|---|
//! | `id` | raw, indexed, stored | `id` |
//! | `title`, `title_folded` | Swedish text (+ ASCII-folded twin), positions | `title` |
//! | `summary`, `summary_folded` | Swedish text | the `Sammanfattning` section |
//! | `body`, `body_folded` | Swedish text | every other non-English section |
//! | `english` | English text | sections with `lang == "en"` |
//! | `owner`, `owner_folded` | Swedish text | `owner` |
//! | `names`, `names_folded` | Swedish text | region, municipalities, counties, co-financiers, partners |
//! | facets (see [`FACETS`]) | raw string, indexed + fast | region, counties, municipalities, ... |
//! | `total_budget_sek`, `esf_grant_sek` | i64 indexed + fast | |
//! | `esf_share` | f64 fast | |
//! | `start_days`, `end_days` | i64 indexed + fast, days since 1970-01-01 | `period` |
//! | `start_year_n` | i64 indexed + fast | year of `period.start` |
//! | `project` | stored JSON | the whole `Project` (display, export) |

use projektsok_analysis::{ENGLISH, SWEDISH, SWEDISH_FOLDED};
use projektsok_parser::Project;
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// A facet: its public name (filter parameter, `facets` key, `group_by` value) and how a
/// project yields its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Region,
    County,
    Municipality,
    Phase,
    ProgrammeArea,
    OwnerType,
    TargetGroup,
    Method,
    StartYear,
}

/// Every facet, in the order facets are listed in answers.
pub const FACETS: [Facet; 9] = [
    Facet::Region,
    Facet::County,
    Facet::Municipality,
    Facet::Phase,
    Facet::ProgrammeArea,
    Facet::OwnerType,
    Facet::TargetGroup,
    Facet::Method,
    Facet::StartYear,
];

impl Facet {
    /// Position in [`FACETS`] (the enum lists the facets in that order).
    pub fn position(self) -> usize {
        self as usize
    }

    /// Public name; also the tantivy field name.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Region => "region",
            Facet::County => "county",
            Facet::Municipality => "municipality",
            Facet::Phase => "phase",
            Facet::ProgrammeArea => "programme_area",
            Facet::OwnerType => "owner_type",
            Facet::TargetGroup => "target_group",
            Facet::Method => "method",
            Facet::StartYear => "start_year",
        }
    }

    /// Looks a facet up by its public name (a few aliases accepted).
    pub fn from_name(name: &str) -> Option<Facet> {
        let n = name.trim().to_lowercase();
        FACETS
            .iter()
            .copied()
            .find(|f| f.name() == n)
            .or(match n.as_str() {
                "counties" | "län" => Some(Facet::County),
                "municipalities" | "kommun" => Some(Facet::Municipality),
                "target_groups" | "målgrupp" => Some(Facet::TargetGroup),
                "methods" | "metod" => Some(Facet::Method),
                "year" | "år" => Some(Facet::StartYear),
                _ => None,
            })
    }

    /// Comma-separated public names, for error messages.
    pub fn allowed() -> String {
        FACETS
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The values of this facet for a project (multi-valued for counties, municipalities,
    /// target groups and methods).
    pub fn values(self, p: &Project) -> Vec<String> {
        let one = |v: &Option<String>| {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        let many = |v: &[String]| {
            let mut out: Vec<String> = Vec::new();
            for s in v {
                let s = s.trim();
                if !s.is_empty() && !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
            }
            out
        };
        match self {
            Facet::Region => one(&p.region),
            Facet::County => many(&p.counties),
            Facet::Municipality => many(&p.municipalities),
            Facet::Phase => one(&p.phase),
            Facet::ProgrammeArea => one(&p.programme_area),
            Facet::OwnerType => one(&p.owner_type),
            Facet::TargetGroup => many(&p.target_groups),
            Facet::Method => many(&p.methods),
            Facet::StartYear => start_year(p).map(|y| y.to_string()).into_iter().collect(),
        }
    }
}

/// Handles of every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    pub id: Field,
    pub title: Field,
    pub title_folded: Field,
    pub summary: Field,
    pub summary_folded: Field,
    pub body: Field,
    pub body_folded: Field,
    pub english: Field,
    pub owner: Field,
    pub owner_folded: Field,
    pub names: Field,
    pub names_folded: Field,
    /// One per entry of [`FACETS`], same order.
    pub facets: Vec<Field>,
    pub total_budget_sek: Field,
    pub esf_grant_sek: Field,
    pub esf_share: Field,
    pub start_days: Field,
    pub end_days: Field,
    pub start_year_n: Field,
    pub project: Field,
}

/// Numeric fast-field names (for sorting and statistics).
pub const BUDGET: &str = "total_budget_sek";
pub const GRANT: &str = "esf_grant_sek";
pub const SHARE: &str = "esf_share";
pub const START_DAYS: &str = "start_days";
pub const START_YEAR_N: &str = "start_year_n";

fn text(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

impl Fields {
    /// Builds the schema.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let title = b.add_text_field("title", text(SWEDISH));
        let title_folded = b.add_text_field("title_folded", text(SWEDISH_FOLDED));
        let summary = b.add_text_field("summary", text(SWEDISH));
        let summary_folded = b.add_text_field("summary_folded", text(SWEDISH_FOLDED));
        let body = b.add_text_field("body", text(SWEDISH));
        let body_folded = b.add_text_field("body_folded", text(SWEDISH_FOLDED));
        let english = b.add_text_field("english", text(ENGLISH));
        let owner = b.add_text_field("owner", text(SWEDISH));
        let owner_folded = b.add_text_field("owner_folded", text(SWEDISH_FOLDED));
        let names = b.add_text_field("names", text(SWEDISH));
        let names_folded = b.add_text_field("names_folded", text(SWEDISH_FOLDED));
        let facets = FACETS
            .iter()
            .map(|f| b.add_text_field(f.name(), STRING | FAST))
            .collect();
        let total_budget_sek = b.add_i64_field(BUDGET, INDEXED | FAST);
        let esf_grant_sek = b.add_i64_field(GRANT, INDEXED | FAST);
        let esf_share = b.add_f64_field(SHARE, FAST);
        let start_days = b.add_i64_field(START_DAYS, INDEXED | FAST);
        let end_days = b.add_i64_field("end_days", INDEXED | FAST);
        let start_year_n = b.add_i64_field(START_YEAR_N, INDEXED | FAST);
        let project = b.add_text_field("project", STORED);
        Fields {
            schema: b.build(),
            id,
            title,
            title_folded,
            summary,
            summary_folded,
            body,
            body_folded,
            english,
            owner,
            owner_folded,
            names,
            names_folded,
            facets,
            total_budget_sek,
            esf_grant_sek,
            esf_share,
            start_days,
            end_days,
            start_year_n,
            project,
        }
    }

    /// The tantivy field of a facet.
    pub fn facet(&self, facet: Facet) -> Field {
        let i = FACETS.iter().position(|f| *f == facet).unwrap_or(0);
        self.facets[i]
    }

    /// The tantivy document of a project.
    pub fn document(&self, p: &Project) -> Result<TantivyDocument, serde_json::Error> {
        let mut d = TantivyDocument::default();
        d.add_text(self.id, &p.id);
        d.add_text(self.title, &p.title);
        d.add_text(self.title_folded, &p.title);
        for s in &p.sections {
            if is_english(s.lang.as_deref()) {
                d.add_text(self.english, &s.text);
            } else if is_summary(&s.heading) {
                d.add_text(self.summary, &s.text);
                d.add_text(self.summary_folded, &s.text);
            } else {
                d.add_text(self.body, &s.text);
                d.add_text(self.body_folded, &s.text);
            }
        }
        if let Some(o) = &p.owner {
            d.add_text(self.owner, o);
            d.add_text(self.owner_folded, o);
        }
        let names = name_texts(p);
        for n in &names {
            d.add_text(self.names, n);
            d.add_text(self.names_folded, n);
        }
        for (facet, field) in FACETS.iter().zip(&self.facets) {
            for v in facet.values(p) {
                d.add_text(*field, &v);
            }
        }
        if let Some(b) = p.total_budget_sek {
            d.add_i64(self.total_budget_sek, b);
        }
        if let Some(g) = p.esf_grant_sek {
            d.add_i64(self.esf_grant_sek, g);
        }
        if let Some(s) = p.esf_share
            && s.is_finite()
        {
            d.add_f64(self.esf_share, s);
        }
        if let Some(days) = p.period.start.as_deref().and_then(days_from_iso) {
            d.add_i64(self.start_days, days);
        }
        if let Some(days) = p.period.end.as_deref().and_then(days_from_iso) {
            d.add_i64(self.end_days, days);
        }
        if let Some(y) = start_year(p) {
            d.add_i64(self.start_year_n, y);
        }
        d.add_text(self.project, serde_json::to_string(p)?);
        Ok(d)
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

pub(crate) fn is_english(lang: Option<&str>) -> bool {
    lang.is_some_and(|l| l.eq_ignore_ascii_case("en"))
}

pub(crate) fn is_summary(heading: &str) -> bool {
    heading.trim().to_lowercase().starts_with("sammanfattning")
}

/// The Sammanfattning text of a project (empty if none).
pub fn summary_text(p: &Project) -> String {
    p.sections
        .iter()
        .filter(|s| is_summary(&s.heading) && !is_english(s.lang.as_deref()))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The non-summary, non-English section texts.
pub fn body_text(p: &Project) -> String {
    p.sections
        .iter()
        .filter(|s| !is_summary(&s.heading) && !is_english(s.lang.as_deref()))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn name_texts(p: &Project) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    out.extend(p.region.iter().cloned());
    out.extend(p.municipalities.iter().cloned());
    out.extend(p.counties.iter().cloned());
    out.extend(p.co_financiers.iter().cloned());
    out.extend(p.partners.iter().cloned());
    out
}

/// Year of `period.start`, when it reads as `YYYY-...`.
pub fn start_year(p: &Project) -> Option<i64> {
    let s = p.period.start.as_deref()?;
    let y = s.get(..4)?;
    if y.chars().all(|c| c.is_ascii_digit()) {
        y.parse().ok()
    } else {
        None
    }
}

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date (proleptic Gregorian), None if malformed.
pub fn days_from_iso(s: &str) -> Option<i64> {
    let mut it = s.trim().splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days since 1970-01-01 of January 1st of `year`.
pub fn days_of_year_start(year: i64) -> i64 {
    days_from_iso(&format!("{year:04}-01-01")).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_positions_follow_facets() {
        for (i, f) in FACETS.iter().enumerate() {
            assert_eq!(f.position(), i, "{f:?}");
        }
    }

    #[test]
    fn days() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2000-03-01"), Some(11_017));
        assert_eq!(days_from_iso("2010-01-15"), Some(14_624));
        assert_eq!(days_from_iso("2010-13-15"), None);
        assert_eq!(days_from_iso("x"), None);
        assert_eq!(days_of_year_start(1971), 365);
    }

    #[test]
    fn facet_names_round_trip() {
        for f in FACETS {
            assert_eq!(Facet::from_name(f.name()), Some(f));
        }
        assert_eq!(Facet::from_name("år"), Some(Facet::StartYear));
        assert_eq!(Facet::from_name("nope"), None);
    }
}
