//! Export of any query as CSV or JSONL, streamed document by document to any `io::Write`
//! (the full result set is never held in memory). Order: index order (segment by segment).
//!
//! CSV: RFC 4180 via the `csv` crate, UTF-8, a header row, one row per project, columns in
//! [`CSV_COLUMNS`] order, lists joined with `"; "`, missing values empty.
//! JSONL: one contract `Project` JSON object per line.

use std::io::Write;

use projektsok_parser::Project;
use serde::{Deserialize, Serialize};
use tantivy::query::EnableScoring;
use tantivy::{DocSet, TERMINATED, TantivyDocument};

use crate::error::{IndexError, Result};
use crate::filters::Filters;
use crate::schema;
use crate::search::{build_query, text_query};
use crate::{Index, project_of};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Jsonl,
}

impl std::str::FromStr for ExportFormat {
    type Err = IndexError;

    fn from_str(s: &str) -> Result<ExportFormat> {
        match s.trim().to_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" | "ndjson" => Ok(ExportFormat::Jsonl),
            _ => Err(IndexError::Unknown {
                what: "format",
                name: s.to_string(),
                allowed: "csv, jsonl".into(),
            }),
        }
    }
}

/// CSV columns, in order.
pub const CSV_COLUMNS: [&str; 25] = [
    "id",
    "title",
    "programme_area",
    "phase",
    "owner",
    "owner_type",
    "contact_name",
    "contact_email",
    "contact_phone",
    "esf_grant_sek",
    "total_budget_sek",
    "esf_share",
    "period_start",
    "period_end",
    "region",
    "municipalities",
    "counties",
    "co_financiers",
    "partners",
    "target_groups",
    "methods",
    "case_number",
    "planned_participants",
    "summary",
    "source",
];

/// Separator of list values in CSV cells.
pub const LIST_SEPARATOR: &str = "; ";

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// The CSV row of a project, in [`CSV_COLUMNS`] order.
pub fn csv_row(p: &Project) -> Vec<String> {
    vec![
        p.id.clone(),
        p.title.clone(),
        opt(&p.programme_area),
        opt(&p.phase),
        opt(&p.owner),
        opt(&p.owner_type),
        opt(&p.contact.name),
        opt(&p.contact.email),
        opt(&p.contact.phone),
        opt(&p.esf_grant_sek),
        opt(&p.total_budget_sek),
        opt(&p.esf_share),
        opt(&p.period.start),
        opt(&p.period.end),
        opt(&p.region),
        p.municipalities.join(LIST_SEPARATOR),
        p.counties.join(LIST_SEPARATOR),
        p.co_financiers.join(LIST_SEPARATOR),
        p.partners.join(LIST_SEPARATOR),
        p.target_groups.join(LIST_SEPARATOR),
        p.methods.join(LIST_SEPARATOR),
        opt(&p.case_number),
        opt(&p.planned_participants),
        schema::summary_text(p),
        p.source.clone(),
    ]
}

impl Index {
    /// Writes every project matching `q` and `filters` to `out`; returns how many.
    pub fn export(
        &self,
        q: &str,
        filters: &Filters,
        format: ExportFormat,
        out: impl Write,
    ) -> Result<u64> {
        let searcher = self.searcher();
        let (_, text) = text_query(self, &searcher, q)?;
        let query = build_query(self, &searcher, text.as_deref(), filters, None)?;
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher))?;
        let mut csv_out = None;
        let mut json_out = None;
        match format {
            ExportFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_COLUMNS)?;
                csv_out = Some(w);
            }
            ExportFormat::Jsonl => json_out = Some(std::io::BufWriter::new(out)),
        }
        let mut n = 0u64;
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(4)?;
            let mut scorer = weight.scorer(segment, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    let d: TantivyDocument = store.get(doc)?;
                    let p = project_of(&self.fields, &d)?;
                    if let Some(w) = csv_out.as_mut() {
                        w.write_record(csv_row(&p))?;
                    }
                    if let Some(w) = json_out.as_mut() {
                        serde_json::to_writer(&mut *w, &p)?;
                        w.write_all(b"\n")?;
                    }
                    n += 1;
                }
                doc = scorer.advance();
            }
        }
        if let Some(mut w) = csv_out {
            w.flush()?;
        }
        if let Some(mut w) = json_out {
            w.flush()?;
        }
        Ok(n)
    }
}
