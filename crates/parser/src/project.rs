//! The `Project` record of the outside contract (`docs/contract.md`).
//!
//! Field names and JSON shape are the contract: scripts and the HTTP API rely on them. New fields may
//! be added; existing ones are never renamed without a note in `docs/`.

use serde::{Deserialize, Serialize};

/// One project sheet, as read from the project bank.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Stable across re-ingests: the case number when the sheet has one, otherwise a hash of
    /// title, owner and period.
    pub id: String,
    /// The file or URL the sheet came from.
    pub source: String,
    pub title: String,
    /// As written, e.g. `Programområde 2 Ökat arbetskraftsutbud`.
    pub programme_area: Option<String>,
    /// `Förstudie`, `Förprojektering`, `Genomförande`, `Avslutat`... as written.
    pub phase: Option<String>,
    pub owner: Option<String>,
    /// Derived from `owner`: `kommun`, `region`, `myndighet`, `ideell`, `företag`, `övrig`.
    pub owner_type: Option<String>,
    pub contact: Contact,
    /// Beviljat ESF-stöd, whole kronor.
    pub esf_grant_sek: Option<i64>,
    /// Total projektbudget, whole kronor.
    pub total_budget_sek: Option<i64>,
    /// Grant divided by total budget, 0..1.
    pub esf_share: Option<f64>,
    pub period: Period,
    /// One of the eight ESF regions (spelled as in `esf_regions.csv`), or `Nationellt`.
    pub region: Option<String>,
    /// Official short names of the 290 municipalities; unknown names kept as written.
    pub municipalities: Vec<String>,
    /// Derived from `municipalities`, e.g. `Östergötlands län`.
    pub counties: Vec<String>,
    pub co_financiers: Vec<String>,
    pub partners: Vec<String>,
    pub target_groups: Vec<String>,
    pub methods: Vec<String>,
    /// Case number: `Projektnummer` (2014–2020) or `Diarienummer` (2021–2027).
    pub case_number: Option<String>,
    /// `Planerat antal deltagare` (or `Antal deltagare`).
    pub planned_participants: Option<i64>,
    /// Every other `Label: value` pair of the header, in page order, never dropped.
    pub other_fields: Vec<Field>,
    pub sections: Vec<Section>,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Dates as ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Option<String>,
    pub end: Option<String>,
}

/// A header label the parser has no typed field for, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

/// A headed body section (Sammanfattning, Bakgrund, ...), in page order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub text: String,
    /// ISO 639-1 code detected by whatlang (`sv`, `en`), or null when too short to tell.
    pub lang: Option<String>,
}

/// What could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub field: String,
    pub message: String,
}

impl Project {
    pub fn warn(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning {
            field: field.into(),
            message: message.into(),
        });
    }
}
