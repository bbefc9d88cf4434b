//! The ground truth written beside the sheets, one JSON object per line of `truth.jsonl`.
//!
//! Field names follow the contract's `Project` record so a checker can compare a parsed record
//! with its truth field by field. Policy for deliberately broken fields (`defects`):
//! - `omitted` (label and value left out) and `empty` (label written, value empty): the truth
//!   holds `null` / `[]`, because the page says nothing a reader could take;
//! - `malformed` (`ca 300 000 kr`, `1,5 Mkr`, `2016 - 2019`): the truth holds the value the
//!   generator meant, and `written` holds what the page says instead.
//!
//! Derived fields (`esf_share` from grant and budget, `counties` from municipalities,
//! `owner_type` from owner) are not clean when a field they derive from is not:
//! [`Truth::is_clean`] knows this.

use serde::{Deserialize, Serialize};

/// The three page layouts of the project bank, by programme period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layout {
    /// Labels glued to their values (`ProjektägareBjurholms kommun`), bullet lists at the end.
    #[serde(rename = "2007-2013")]
    Esf2007,
    /// `Label:` then the value on the next line; `Projektnummer`, amounts without `kr`.
    #[serde(rename = "2014-2020")]
    Esf2014,
    /// ESF+ pages: `Diarienummer`, `Startdatum`/`Slutdatum`, programme area as a letter.
    #[serde(rename = "2021-2027")]
    Esf2021,
}

impl Layout {
    pub const ALL: [Layout; 3] = [Layout::Esf2007, Layout::Esf2014, Layout::Esf2021];

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Esf2007 => "2007-2013",
            Layout::Esf2014 => "2014-2020",
            Layout::Esf2021 => "2021-2027",
        }
    }
}

/// How the sheet is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The text rendering of a project-bank page (`.txt`).
    Text,
    /// A project-bank-like HTML page (`.html`).
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Html => "html",
        }
    }
}

/// What was done to a field on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DefectKind {
    /// Label and value left out.
    Omitted,
    /// Label written with an empty value.
    Empty,
    /// Value written in a form a strict reader does not accept (`ca 300 000 kr`).
    Malformed,
}

/// One deliberate defect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Defect {
    /// Contract field: `total_budget_sek`, `esf_grant_sek`, `period`, `owner`, `contact.name`,
    /// `contact.email`, `contact.phone`, `region`, `programme_area`, `phase`, `case_number`,
    /// `planned_participants`, `municipalities`, `co_financiers`, `partners`.
    pub field: String,
    pub kind: DefectKind,
    /// The label as the page writes it (`Total projektbudget`).
    pub label: String,
    /// What the page says instead of the clean value (`ca 300 000 kr`); `None` when omitted.
    pub written: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// Everything the generator wrote into one sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    /// Path relative to the output folder: `sheets/0000042.txt`.
    pub file: String,
    pub index: u64,
    pub format: Format,
    pub layout: Layout,
    pub title: String,
    pub case_number: Option<String>,
    pub programme_area: Option<String>,
    pub phase: Option<String>,
    pub owner: Option<String>,
    /// `kommun`, `region`, `myndighet`, `ideell`, `företag`.
    pub owner_type: Option<String>,
    pub contact: Contact,
    pub esf_grant_sek: Option<i64>,
    pub total_budget_sek: Option<i64>,
    pub esf_share: Option<f64>,
    pub period: Period,
    /// Canonical region name (`Småland och öarna`, or `Nationellt` for national projects).
    pub region: Option<String>,
    /// The region as the page writes it (`ESF Nationellt`).
    pub region_written: Option<String>,
    pub municipalities: Vec<String>,
    /// Sorted, distinct.
    pub counties: Vec<String>,
    pub co_financiers: Vec<String>,
    pub partners: Vec<String>,
    pub planned_participants: Option<i64>,
    /// Planted target groups (contract spellings), sorted.
    pub target_groups: Vec<String>,
    /// Planted methods (contract spellings), sorted.
    pub methods: Vec<String>,
    /// Section headings written, in page order (2007–2013 body sections and the lists).
    pub sections: Vec<String>,
    /// Banner lines written before the title (`Logotyp på utskrifter`, `Stäng`...).
    pub banners: Vec<String>,
    pub defects: Vec<Defect>,
}

impl Truth {
    /// Whether `field` (a contract field name; `contact.name` style for contact parts, or
    /// `contact`/`period` as a whole) was written cleanly, counting derived fields.
    pub fn is_clean(&self, field: &str) -> bool {
        let touched = |f: &str| self.defects.iter().any(|d| d.field == f);
        match field {
            "contact" => !["contact.name", "contact.email", "contact.phone"]
                .iter()
                .any(|f| touched(f)),
            "esf_share" => !touched("esf_grant_sek") && !touched("total_budget_sek"),
            "counties" => !touched("municipalities"),
            "owner_type" => !touched("owner"),
            "period.start" | "period.end" => !touched("period"),
            other => !touched(other),
        }
    }
}
