//! Ingest: add or replace projects by `id`, one commit per batch.
//!
//! Replacing is `delete_term(id)` followed by `add_document` in the same batch, so running an
//! ingest twice leaves one copy of each project. A batch is committed once, so a crash leaves
//! the last commit whole; the index's reader reloads after the commit, and searchers opened
//! before it keep answering from the previous commit meanwhile.
//!
//! [`ProjectWriter::ingest_files`] reads and parses on worker threads (tantivy analyses on its
//! own) but adds in file order, so batches, "updated" counts and which of two sheets with the
//! same id wins are the same as one file after the other.

use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};

use projektsok_parser::Project;
use serde::Serialize;
use tantivy::collector::Count;
use tantivy::indexer::NoMergePolicy;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Searcher, TantivyDocument, Term};

use crate::Index;
use crate::error::{IndexError, Result};
use crate::schema::Fields;

/// Memory budget of the writer (shared by its threads); segments are flushed when it is full,
/// so a larger one means fewer, larger segments and less merging.
const WRITER_HEAP_BYTES: usize = 512_000_000;
/// Files parsed and added between two commits in [`ProjectWriter::ingest_files`]: each commit
/// waits for tantivy's indexing threads to write their segments, so they are few.
pub const FILES_PER_COMMIT: usize = 20_000;
/// Files read and parsed ahead of the one being added (bounds the memory they hold).
const FILES_IN_FLIGHT: usize = 256;

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

/// A project made into its document (off the writer's thread), or why it could not be.
enum Sheet {
    Ready {
        id: String,
        warnings: usize,
        doc: TantivyDocument,
    },
    Failed(IngestFailure),
}

impl Sheet {
    fn failed(source: impl Into<String>, message: impl Into<String>) -> Sheet {
        Sheet::Failed(IngestFailure {
            source: source.into(),
            message: message.into(),
        })
    }

    fn of_project(fields: &Fields, p: &Project) -> Sheet {
        if p.id.trim().is_empty() {
            return Sheet::failed(&p.source, "project has an empty id");
        }
        match fields.document(p) {
            Ok(doc) => Sheet::Ready {
                id: p.id.clone(),
                warnings: p.warnings.len(),
                doc,
            },
            Err(e) => Sheet::failed(&p.source, e.to_string()),
        }
    }

    /// Reads and parses one sheet file (text or HTML).
    fn of_file(fields: &Fields, path: &Path) -> Sheet {
        let source = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => match projektsok_parser::parse_bytes(&source, &bytes) {
                Ok(p) => Sheet::of_project(fields, &p),
                Err(e) => Sheet::failed(source, e.to_string()),
            },
            Err(e) => Sheet::failed(source, e.to_string()),
        }
    }
}

/// The single writer of an index (holds tantivy's writer lock until dropped).
pub struct ProjectWriter<'a> {
    index: &'a Index,
    writer: IndexWriter,
    /// Searcher of the index as this writer found it.
    before: Searcher,
    /// Ids this writer added (true) or deleted (false) since: as the only writer, it knows
    /// whether they are in the index without asking it.
    touched: HashMap<String, bool>,
}

impl<'a> ProjectWriter<'a> {
    pub(crate) fn new(index: &'a Index) -> Result<ProjectWriter<'a>> {
        let writer = index.index.writer(WRITER_HEAP_BYTES)?;
        // A writer killed inside a commit leaves files that the same operations, run again,
        // would create again (a segment's deletes at the same opstamp): remove them first.
        writer.garbage_collect_files().wait()?;
        index.reader.reload()?;
        Ok(ProjectWriter {
            index,
            writer,
            before: index.reader.searcher(),
            touched: HashMap::new(),
        })
    }

    fn fields(&self) -> &Fields {
        &self.index.fields
    }

    fn exists(&self, id: &str) -> Result<bool> {
        if let Some(&present) = self.touched.get(id) {
            return Ok(present);
        }
        let q = TermQuery::new(
            Term::from_field_text(self.fields().id, id),
            IndexRecordOption::Basic,
        );
        Ok(self.before.search(&q, &Count)? > 0)
    }

    /// Adds or replaces (by `id`) one project; visible after [`ProjectWriter::commit`].
    /// Returns true when it replaced an existing project.
    pub fn add(&mut self, project: &Project) -> Result<bool> {
        let doc = self.fields().document(project)?;
        self.add_document(&project.id, doc)
    }

    fn add_document(&mut self, id: &str, doc: TantivyDocument) -> Result<bool> {
        let existed = self.exists(id)?;
        self.writer
            .delete_term(Term::from_field_text(self.fields().id, id));
        self.writer.add_document(doc)?;
        self.touched.insert(id.to_string(), true);
        Ok(existed)
    }

    /// Deletes a project by id (visible after commit).
    pub fn delete(&mut self, id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields().id, id));
        self.touched.insert(id.to_string(), false);
    }

    /// Commits the batch and reloads the index's reader.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.index.reader.reload()?;
        Ok(())
    }

    /// Adds or replaces a batch of projects with one commit.
    pub fn ingest<'p>(
        &mut self,
        projects: impl IntoIterator<Item = &'p Project>,
    ) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        for p in projects {
            let sheet = Sheet::of_project(self.fields(), p);
            self.record(sheet, &mut report)?;
        }
        self.commit()?;
        Ok(report)
    }

    fn record(&mut self, sheet: Sheet, report: &mut IngestReport) -> Result<()> {
        match sheet {
            Sheet::Ready { id, warnings, doc } => {
                if self.add_document(&id, doc)? {
                    report.updated += 1;
                } else {
                    report.ingested += 1;
                }
                report.warnings += warnings;
            }
            Sheet::Failed(f) => report.failed.push(f),
        }
        Ok(())
    }

    /// Parses and ingests files, committing every [`FILES_PER_COMMIT`] files and at the end.
    /// `progress` is called after each file with the number done so far.
    ///
    /// A bulk load (at least as many files as the index held projects) ends with its segments
    /// merged into one, and merges nothing before: every query pays per segment (term
    /// lookups, collectors), and one segment answers the bench's query mix about a fifth
    /// faster than ten (docs/BENCHMARKS.md). A smaller ingest leaves merging to tantivy's
    /// policy, so adding a few sheets never rewrites a large index.
    pub fn ingest_files(
        &mut self,
        files: &[PathBuf],
        progress: impl FnMut(usize, &Path),
    ) -> Result<IngestReport> {
        let bulk = files.len() as u64 >= self.before.num_docs();
        if bulk {
            self.writer.set_merge_policy(Box::new(NoMergePolicy));
        }
        let report = self.add_files(files, progress)?;
        if bulk {
            self.merge_into_one()?;
        }
        Ok(report)
    }

    /// Merges every segment of the index into one (committed when done; readers answer from
    /// the old segments meanwhile) and reloads the reader.
    fn merge_into_one(&mut self) -> Result<()> {
        let segments = self.index.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer.merge(&segments).wait()?;
            self.index.reader.reload()?;
        }
        Ok(())
    }

    /// [`ProjectWriter::ingest_files`] without the merge.
    fn add_files(
        &mut self,
        files: &[PathBuf],
        mut progress: impl FnMut(usize, &Path),
    ) -> Result<IngestReport> {
        let index = self.index;
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let (work_tx, work_rx) = mpsc::channel::<usize>();
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<(usize, Sheet)>();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                scope.spawn(move || {
                    // Ends when the writer's side hangs up (all sent, or an error).
                    let next = || work_rx.lock().ok()?.recv().ok();
                    while let Some(i) = next() {
                        // A panic on one file fails that file only (and cannot leave the
                        // writer waiting for it).
                        let sheet = catch_unwind(AssertUnwindSafe(|| {
                            Sheet::of_file(&index.fields, &files[i])
                        }))
                        .unwrap_or_else(|_| {
                            Sheet::failed(files[i].display().to_string(), "panicked reading it")
                        });
                        if done_tx.send((i, sheet)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut total = IngestReport::default();
            let mut batch = IngestReport::default();
            let mut sent = 0;
            let mut ready: BTreeMap<usize, Sheet> = BTreeMap::new();
            for (i, path) in files.iter().enumerate() {
                // Keep FILES_IN_FLIGHT files ahead; the channels never block, so no deadlock.
                while sent < files.len() && sent < i + FILES_IN_FLIGHT {
                    work_tx.send(sent).map_err(|_| worker_gone())?;
                    sent += 1;
                }
                let sheet = loop {
                    if let Some(sheet) = ready.remove(&i) {
                        break sheet;
                    }
                    let (j, sheet) = done_rx.recv().map_err(|_| worker_gone())?;
                    ready.insert(j, sheet);
                };
                self.record(sheet, &mut batch)?;
                if (i + 1) % FILES_PER_COMMIT == 0 {
                    self.commit()?;
                    total.absorb(std::mem::take(&mut batch));
                }
                progress(i + 1, path);
            }
            drop(work_tx);
            self.commit()?;
            total.absorb(batch);
            Ok(total)
        })
    }
}

/// The parsing threads hung up early (they catch panics, so only a bug gets here: an error
/// rather than a hang).
fn worker_gone() -> IndexError {
    IndexError::Io(std::io::Error::other("an ingest worker thread stopped"))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(case: usize, title: &str) -> String {
        format!("Diarienummer:\n2025/{case:05}\nNamn:\n{title}\n\nProjektet stödjer unga.\n")
    }

    /// More files than are parsed ahead, added in file order: a later sheet with the same id
    /// replaces the earlier one, and a file that is no sheet fails alone.
    #[test]
    fn files_are_added_in_order_and_failures_stay_alone() {
        let dir = tempfile::tempdir().unwrap();
        let n = FILES_IN_FLIGHT + 44;
        let files: Vec<PathBuf> = (0..n)
            .map(|i| {
                let path = dir.path().join(format!("{i:04}.txt"));
                let text = match i {
                    150 => "\0\u{1}binary".to_string(),
                    _ if i == n - 1 => sheet(10, "Senare"),
                    _ => sheet(i, "Först"),
                };
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        let index = Index::create_in_ram().unwrap();
        let mut done = Vec::new();
        let report = index
            .writer()
            .unwrap()
            .ingest_files(&files, |i, _| done.push(i))
            .unwrap();
        assert_eq!(done, (1..=n).collect::<Vec<_>>());
        assert_eq!((report.ingested, report.updated), (n - 2, 1));
        assert_eq!(report.failed.len(), 1);
        assert!(report.failed[0].source.ends_with("0150.txt"));
        index.reload().unwrap();
        assert_eq!(index.num_projects(), (n - 2) as u64);
        let replaced = index.get("2025-00010").unwrap().unwrap();
        assert_eq!(replaced.title, "Senare");
    }

    /// A bulk load ends in one segment; a small ingest into a larger index merges nothing.
    #[test]
    fn a_bulk_load_ends_in_one_segment() {
        let dir = tempfile::tempdir().unwrap();
        let write = |range: std::ops::Range<usize>| -> Vec<PathBuf> {
            range
                .map(|i| {
                    let path = dir.path().join(format!("{i:04}.txt"));
                    std::fs::write(&path, sheet(i, "Först")).unwrap();
                    path
                })
                .collect()
        };
        let index = Index::create_in_ram().unwrap();
        let segments = || index.tantivy().searchable_segment_ids().unwrap().len();
        index
            .writer()
            .unwrap()
            .ingest_files(&write(0..40), |_, _| {})
            .unwrap();
        assert_eq!(segments(), 1);
        // Unmerged, the segment of the 40 and the new one(s) would remain.
        let bulk = write(40..100);
        index
            .writer()
            .unwrap()
            .ingest_files(&bulk, |_, _| {})
            .unwrap();
        assert_eq!(segments(), 1, "60 files into 40 projects is a bulk load");
        index
            .writer()
            .unwrap()
            .ingest_files(&write(100..102), |_, _| {})
            .unwrap();
        // One new segment per indexing thread that got a file: one or two.
        assert!(segments() > 1, "2 files into 100 projects are not merged");
        index.reload().unwrap();
        assert_eq!(index.num_projects(), 102);
    }

    /// A writer killed after writing a commit's files but before its meta.json: the same
    /// ingest run again must not trip over those files.
    #[test]
    fn a_rerun_after_a_commit_cut_short_completes() {
        let project = |id: &str, title: &str| Project {
            id: id.into(),
            title: title.into(),
            ..Project::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let files = || -> HashMap<PathBuf, Vec<u8>> {
            std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| {
                    let path = e.unwrap().path();
                    let bytes = std::fs::read(&path).unwrap();
                    (path, bytes)
                })
                .collect()
        };
        {
            // The base in one segment, so that replacing one project leaves it living.
            let index = Index::open_or_create(dir.path()).unwrap();
            let mut w = index
                .tantivy()
                .writer_with_num_threads(1, 15_000_000)
                .unwrap();
            for i in 0..3 {
                let doc = index.fields().document(&project(&format!("p{i}"), "Först"));
                w.add_document(doc.unwrap()).unwrap();
            }
            w.commit().unwrap();
        }
        let base = files();
        let rerun = || {
            let index = Index::open_or_create(dir.path()).unwrap();
            let report = index.writer().unwrap().ingest([&project("p0", "Senare")]);
            (index, report)
        };
        assert_eq!(rerun().1.unwrap().updated, 1);
        // The cut: that commit's files stay (the base segment's deletes among them) and are
        // listed as tantivy's (which it does before writing one), the base's meta.json and
        // segments come back.
        for (path, bytes) in base {
            if !path.ends_with(".managed.json") {
                std::fs::write(path, bytes).unwrap();
            }
        }
        let (index, report) = rerun();
        assert_eq!(report.unwrap().updated, 1);
        index.reload().unwrap();
        assert_eq!(index.num_projects(), 3);
        assert_eq!(index.get("p0").unwrap().unwrap().title, "Senare");
    }
}
