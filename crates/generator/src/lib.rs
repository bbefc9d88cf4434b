//! Synthetic project-bank sheets, statistically like the real ones, with their ground truth.
//!
//! [`generate`] writes `count` sheets to `OUT/sheets/NNNNNNN.txt` (or `.html`), the ground truth
//! of every sheet to `OUT/truth.jsonl` (one [`Truth`] per line, in index order) and the run's
//! settings and counts to `OUT/generator.json`. [`generate_one`] makes one sheet in memory.
//!
//! Determinism: sheet `i` of seed `s` is drawn from its own ChaCha8 stream
//! ([`sheet_rng`]`(s, i)`), so it is byte-identical across runs, platforms and thread counts, and
//! independent of `count` (the first 1 000 sheets of a 100 000 run are the 1 000 of a 1 000 run).
//!
//! What is drawn, and how (see `sheet.rs`):
//! - layout: 2007–2013 (50 %), 2014–2020 (35 %), 2021–2027 (15 %), each exactly as the sample
//!   pages lay it out; HTML for a `html_share` of the sheets;
//! - region weighted by its number of municipalities, one to forty municipalities in its
//!   counties (half the projects have one); 8 % of the later layouts are national
//!   (`ESF Nationellt`) with municipalities anywhere;
//! - owners of every type; total budget log-normal (median 8 MSEK, σ 0.9; pre-studies median
//!   400 kSEK), ESF share uniform 30–70 %; start dates within the layout's programme period;
//! - body sections from a filler vocabulary without any lexicon word, with 0–3 target groups
//!   and 0–4 methods planted twice each (once in the summary), in varied surface forms and
//!   compounds; 10 % of sheets plant nothing;
//! - with probability `defect_rate`, a sheet gets one deliberate defect (a second one with
//!   probability 25 %): a field omitted, its label left empty, or its value malformed, as
//!   recorded in [`Truth::defects`].

mod html;
mod reference;
mod render;
mod sheet;
mod truth;
mod vocab;

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

pub use reference::{Municipality, Reference, Region, reference};
pub use truth::{Contact, Defect, DefectKind, Format, Layout, Period, Truth};
pub use vocab::{METHODS, TARGET_GROUPS};

/// What to generate.
#[derive(Debug, Clone, Serialize)]
pub struct GeneratorConfig {
    /// Number of sheets.
    pub count: u64,
    pub seed: u64,
    /// Fraction of sheets written as HTML pages (0..=1).
    pub html_share: f64,
    /// Fraction of sheets given deliberate defects (0..=1).
    pub defect_rate: f64,
    /// Worker threads for [`generate`] (the output does not depend on it, so it is not written
    /// to `generator.json`).
    #[serde(skip)]
    pub threads: usize,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            count: 1000,
            seed: 1,
            html_share: 0.2,
            defect_rate: 0.05,
            threads: 1,
        }
    }
}

impl GeneratorConfig {
    fn validate(&self) -> Result<(), GeneratorError> {
        if !(0.0..=1.0).contains(&self.html_share) {
            return Err(GeneratorError::InvalidConfig(format!(
                "html_share must be within 0..=1, got {}",
                self.html_share
            )));
        }
        if !(0.0..=1.0).contains(&self.defect_rate) {
            return Err(GeneratorError::InvalidConfig(format!(
                "defect_rate must be within 0..=1, got {}",
                self.defect_rate
            )));
        }
        Ok(())
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum GeneratorError {
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("writing the truth: {0}")]
    Json(#[from] serde_json::Error),
    #[error("a worker thread panicked")]
    Worker,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> GeneratorError + '_ {
    move |source| GeneratorError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// One sheet in memory.
#[derive(Debug, Clone)]
pub struct GeneratedSheet {
    /// The page: text or HTML, as `truth.format` says.
    pub content: String,
    pub truth: Truth,
}

/// What a run wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub count: u64,
    pub text: u64,
    pub html: u64,
    /// Sheets per layout (`2007-2013`...).
    pub layouts: BTreeMap<String, u64>,
    /// Sheets with at least one defect.
    pub defective_sheets: u64,
    /// Defects by kind (`omitted`, `empty`, `malformed`).
    pub defects: BTreeMap<String, u64>,
    /// Bytes of sheets written (not counting the truth).
    pub bytes: u64,
    /// Wall time of the run, in seconds (not written to `generator.json`).
    #[serde(skip)]
    pub seconds: f64,
}

impl Summary {
    fn add(&mut self, sheet: &GeneratedSheet) {
        self.count += 1;
        match sheet.truth.format {
            Format::Text => self.text += 1,
            Format::Html => self.html += 1,
        }
        *self
            .layouts
            .entry(sheet.truth.layout.as_str().to_string())
            .or_default() += 1;
        if !sheet.truth.defects.is_empty() {
            self.defective_sheets += 1;
        }
        for d in &sheet.truth.defects {
            let kind = match d.kind {
                DefectKind::Omitted => "omitted",
                DefectKind::Empty => "empty",
                DefectKind::Malformed => "malformed",
            };
            *self.defects.entry(kind.to_string()).or_default() += 1;
        }
        self.bytes += sheet.content.len() as u64;
    }

    fn merge(&mut self, other: Summary) {
        self.count += other.count;
        self.text += other.text;
        self.html += other.html;
        for (k, v) in other.layouts {
            *self.layouts.entry(k).or_default() += v;
        }
        self.defective_sheets += other.defective_sheets;
        for (k, v) in other.defects {
            *self.defects.entry(k).or_default() += v;
        }
        self.bytes += other.bytes;
    }
}

/// The random stream of sheet `index` for `seed`.
pub fn sheet_rng(seed: u64, index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(index);
    rng
}

/// One sheet drawn from `rng` with the default settings (20 % HTML, 5 % defects).
pub fn generate_one<R: Rng>(rng: &mut R, index: u64) -> GeneratedSheet {
    generate_one_with(rng, index, &GeneratorConfig::default())
}

/// One sheet drawn from `rng` with the `html_share` and `defect_rate` of `config`.
pub fn generate_one_with<R: Rng>(
    rng: &mut R,
    index: u64,
    config: &GeneratorConfig,
) -> GeneratedSheet {
    let options = sheet::Options {
        html_share: config.html_share,
        defect_rate: config.defect_rate,
    };
    let (sheet, truth) = sheet::build(rng, index, options);
    let content = match truth.format {
        Format::Text => render::text(&sheet),
        Format::Html => html::page(&sheet, index),
    };
    GeneratedSheet { content, truth }
}

/// Sheet `index` of the run `config` describes, exactly as [`generate`] writes it.
pub fn generate_sheet(config: &GeneratorConfig, index: u64) -> GeneratedSheet {
    generate_one_with(&mut sheet_rng(config.seed, index), index, config)
}

/// Sheets per batch: each batch is split among the threads, then its truth lines are written in
/// index order.
const BATCH: u64 = 2048;

/// Write `config.count` sheets, `truth.jsonl` and `generator.json` under `out_dir`.
pub fn generate(config: &GeneratorConfig, out_dir: &Path) -> Result<Summary, GeneratorError> {
    config.validate()?;
    let started = Instant::now();
    let sheets_dir = out_dir.join("sheets");
    fs::create_dir_all(&sheets_dir).map_err(io_err(&sheets_dir))?;
    let truth_path = out_dir.join("truth.jsonl");
    let mut truth_out = BufWriter::new(File::create(&truth_path).map_err(io_err(&truth_path))?);
    let threads = config.threads.max(1) as u64;
    let mut summary = Summary::default();

    let mut batch_start = 0;
    while batch_start < config.count {
        let batch_end = (batch_start + BATCH).min(config.count);
        let results: Vec<Result<(String, Summary), GeneratorError>> = if threads == 1 {
            vec![write_range(config, &sheets_dir, batch_start, batch_end, 1)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let sheets_dir = &sheets_dir;
                        scope.spawn(move || {
                            write_range(config, sheets_dir, batch_start + t, batch_end, threads)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(Err(GeneratorError::Worker)))
                    .collect()
            })
        };
        // Worker t holds indices t, t+threads, ...: interleave their lines back into order.
        let mut parts: Vec<std::vec::IntoIter<String>> = Vec::with_capacity(results.len());
        for result in results {
            let (lines, part) = result?;
            summary.merge(part);
            parts.push(
                lines
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
                    .into_iter(),
            );
        }
        for i in 0..(batch_end - batch_start) {
            let worker = (i % threads) as usize;
            if let Some(line) = parts.get_mut(worker).and_then(Iterator::next) {
                truth_out
                    .write_all(line.as_bytes())
                    .and_then(|()| truth_out.write_all(b"\n"))
                    .map_err(io_err(&truth_path))?;
            }
        }
        batch_start = batch_end;
    }
    truth_out.flush().map_err(io_err(&truth_path))?;

    let meta_path = out_dir.join("generator.json");
    let meta = serde_json::json!({ "config": config, "summary": summary });
    fs::write(&meta_path, serde_json::to_string_pretty(&meta)? + "\n")
        .map_err(io_err(&meta_path))?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Generate and write sheets `from, from+step, ... < to`; returns their truth lines and counts.
fn write_range(
    config: &GeneratorConfig,
    sheets_dir: &Path,
    from: u64,
    to: u64,
    step: u64,
) -> Result<(String, Summary), GeneratorError> {
    let mut lines = String::new();
    let mut summary = Summary::default();
    let mut index = from;
    while index < to {
        let sheet = generate_sheet(config, index);
        let path = sheets_dir.join(format!("{index:07}.{}", sheet.truth.format.extension()));
        fs::write(&path, sheet.content.as_bytes()).map_err(io_err(&path))?;
        lines.push_str(&serde_json::to_string(&sheet.truth)?);
        lines.push('\n');
        summary.add(&sheet);
        index += step;
    }
    Ok((lines, summary))
}
