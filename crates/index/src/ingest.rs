//! Ingest: add or replace projects by `id`, one commit per batch.
//!
//! Replacing is `delete_term(id)` followed by `add_document` in the same batch, so running an
//! ingest twice leaves one copy of each project. A batch is committed once, so a crash leaves
//! the last commit whole; the index's reader reloads after the commit, and searchers opened
//! before it keep answering from the previous commit meanwhile.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use projektsok_parser::Project;
use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Searcher, Term};

use crate::Index;
use crate::error::Result;
use crate::schema::Fields;

/// Memory budget of the writer (shared by its threads).
const WRITER_HEAP_BYTES: usize = 128_000_000;
/// Files parsed and added between two commits in [`ProjectWriter::ingest_files`].
pub const FILES_PER_COMMIT: usize = 2_000;

/// A file (or project) that could not be ingested, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestFailure {
    pub source: String,
    pub message: String,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Projects not in the index before.
    pub ingested: usize,
    /// Projects that replaced a project with the same id.
    pub updated: usize,
    /// Total parser warnings of the ingested projects.
    pub warnings: usize,
    pub failed: Vec<IngestFailure>,
}

impl IngestReport {
    /// `ingested N, updated N, warnings N, failed N`
    pub fn summary(&self) -> String {
        format!(
            "ingested {}, updated {}, warnings {}, failed {}",
            self.ingested,
            self.updated,
            self.warnings,
            self.failed.len()
        )
    }

    fn absorb(&mut self, other: IngestReport) {
        self.ingested += other.ingested;
        self.updated += other.updated;
        self.warnings += other.warnings;
        self.failed.extend(other.failed);
    }
}

/// The single writer of an index (holds tantivy's writer lock until dropped).
pub struct ProjectWriter<'a> {
    index: &'a Index,
    writer: IndexWriter,
    /// Searcher of the last commit, to tell new projects from updates.
    searcher: Searcher,
    /// Ids added since the last commit.
    pending: HashSet<String>,
}

impl<'a> ProjectWriter<'a> {
    pub(crate) fn new(index: &'a Index) -> Result<ProjectWriter<'a>> {
        let writer = index.index.writer(WRITER_HEAP_BYTES)?;
        index.reader.reload()?;
        Ok(ProjectWriter {
            index,
            writer,
            searcher: index.reader.searcher(),
            pending: HashSet::new(),
        })
    }

    fn fields(&self) -> &Fields {
        &self.index.fields
    }

    fn exists(&self, id: &str) -> Result<bool> {
        if self.pending.contains(id) {
            return Ok(true);
        }
        let q = TermQuery::new(
            Term::from_field_text(self.fields().id, id),
            IndexRecordOption::Basic,
        );
        Ok(self.searcher.search(&q, &Count)? > 0)
    }

    /// Adds or replaces (by `id`) one project; visible after [`ProjectWriter::commit`].
    /// Returns true when it replaced an existing project.
    pub fn add(&mut self, project: &Project) -> Result<bool> {
        let existed = self.exists(&project.id)?;
        let doc = self.fields().document(project)?;
        let id_term = Term::from_field_text(self.fields().id, &project.id);
        self.writer.delete_term(id_term);
        self.writer.add_document(doc)?;
        self.pending.insert(project.id.clone());
        Ok(existed)
    }

    /// Deletes a project by id (visible after commit).
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields().id, id));
        self.pending.remove(id);
    }

    /// Commits the batch and reloads the index's reader.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.index.reader.reload()?;
        self.searcher = self.index.reader.searcher();
        self.pending.clear();
        Ok(())
    }

    /// Adds or replaces a batch of projects with one commit.
    pub fn ingest<'p>(
        &mut self,
        projects: impl IntoIterator<Item = &'p Project>,
    ) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        for p in projects {
            self.count(p, &mut report)?;
        }
        self.commit()?;
        Ok(report)
    }

    fn count(&mut self, p: &Project, report: &mut IngestReport) -> Result<()> {
        if p.id.trim().is_empty() {
            report.failed.push(IngestFailure {
                source: p.source.clone(),
                message: "project has an empty id".into(),
            });
            return Ok(());
        }
        if self.add(p)? {
            report.updated += 1;
        } else {
            report.ingested += 1;
        }
        report.warnings += p.warnings.len();
        Ok(())
    }

    /// Parses one sheet (text or HTML) and adds it, without committing.
    pub fn add_bytes(
        &mut self,
        source: &str,
        bytes: &[u8],
        report: &mut IngestReport,
    ) -> Result<()> {
        match projektsok_parser::parse_bytes(source, bytes) {
            Ok(p) => self.count(&p, report),
            Err(e) => {
                report.failed.push(IngestFailure {
                    source: source.to_string(),
                    message: e.to_string(),
                });
                Ok(())
            }
        }
    }

    /// Parses and ingests files, committing every [`FILES_PER_COMMIT`] files and at the end.
    /// `progress` is called after each file with the number done so far.
    pub fn ingest_files(
        &mut self,
        files: &[PathBuf],
        mut progress: impl FnMut(usize, &Path),
    ) -> Result<IngestReport> {
        let mut total = IngestReport::default();
        let mut batch = IngestReport::default();
        for (i, path) in files.iter().enumerate() {
            let source = path.display().to_string();
            match std::fs::read(path) {
                Ok(bytes) => self.add_bytes(&source, &bytes, &mut batch)?,
                Err(e) => batch.failed.push(IngestFailure {
                    source,
                    message: e.to_string(),
                }),
            }
            if (i + 1) % FILES_PER_COMMIT == 0 {
                self.commit()?;
                total.absorb(std::mem::take(&mut batch));
            }
            progress(i + 1, path);
        }
        self.commit()?;
        total.absorb(batch);
        Ok(total)
    }
}

/// Sheet files under `paths`: files as given, folders walked recursively for `*.txt`,
/// `*.html`, `*.htm` (sorted). Paths that do not exist or cannot be listed are failures.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<IngestFailure>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut failed);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            failed.push(IngestFailure {
                source: p.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    (files, failed)
}

fn is_sheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "html" | "htm"))
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failed: &mut Vec<IngestFailure>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failed.push(IngestFailure {
                source: dir.display().to_string(),
                message: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, files, failed);
        } else if is_sheet(&p) {
            files.push(p);
        }
    }
}
