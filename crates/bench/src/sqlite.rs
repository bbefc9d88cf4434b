//! The peer: the same records in SQLite (bundled) with an FTS5 index, and the same query mix in
//! SQL. What a team would build instead of a search engine:
//! - `projects`: one row per project (facet columns, budget, grant, share, dates, texts);
//! - `facet_values(facet, value, doc)`: every facet value of every project (multi-valued facets
//!   too), indexed both ways, for filters and `GROUP BY` facet counts;
//! - `fts`: FTS5 over title, summary and body, external content (`projects`), tokenizer
//!   `unicode61 remove_diacritics 2`, ranked by `bm25` with the title weighted over the summary
//!   over the body (as our schema boosts them); snippets by FTS5's `snippet()`.
//!
//! A search answers like ours: total, a page of hits (relevance or budget order, offset paging)
//! with a snippet, and counts of all nine facets with multi-select semantics (each facet's
//! counts leave out that facet's own filter), top 50 values each.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use projektsok_index::{FACETS, Facet, SearchRequest, Sort};
use projektsok_parser::Project;
use rusqlite::{Connection, params, params_from_iter};

use crate::mix::{Action, Query};

pub struct Peer {
    conn: Connection,
    /// Document frequency of every FTS5 token (from `fts5vocab`), for picking the distinctive
    /// terms of a "similar" query; loaded once, like a real service would cache it.
    df: HashMap<String, u64>,
    docs: u64,
}

const SCHEMA: &str = "
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
PRAGMA temp_store = MEMORY;
CREATE TABLE projects(
  rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT, summary TEXT, body TEXT,
  owner TEXT, region TEXT, budget INTEGER, esf_grant INTEGER, esf_share REAL,
  start_date TEXT, end_date TEXT);
CREATE TABLE facet_values(facet INTEGER NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, content='projects', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2');
";

const INDEXES: &str = "
CREATE INDEX projects_id ON projects(id);
CREATE INDEX projects_budget ON projects(budget);
CREATE INDEX fv_value ON facet_values(facet, value, doc);
CREATE INDEX fv_doc ON facet_values(doc, facet, value);
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');
ANALYZE;
";

fn facet_id(f: Facet) -> i64 {
    FACETS.iter().position(|x| *x == f).unwrap_or(0) as i64
}

/// The facet values of a project, as our schema indexes them.
fn facet_values(p: &Project) -> Vec<(Facet, String)> {
    let mut out = Vec::new();
    let mut add = |f: Facet, v: &str| out.push((f, v.to_string()));
    if let Some(r) = &p.region {
        add(Facet::Region, r);
    }
    for c in &p.counties {
        add(Facet::County, c);
    }
    for m in &p.municipalities {
        add(Facet::Municipality, m);
    }
    if let Some(v) = &p.phase {
        add(Facet::Phase, v);
    }
    if let Some(v) = &p.programme_area {
        add(Facet::ProgrammeArea, v);
    }
    if let Some(v) = &p.owner_type {
        add(Facet::OwnerType, v);
    }
    for v in &p.target_groups {
        add(Facet::TargetGroup, v);
    }
    for v in &p.methods {
        add(Facet::Method, v);
    }
    if let Some(y) = p.period.start.as_deref().and_then(|s| s.get(..4)) {
        add(Facet::StartYear, y);
    }
    out.sort_by(|a, b| {
        facet_id(a.0)
            .cmp(&facet_id(b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    out.dedup();
    out
}

impl Peer {
    /// A new database at `path` (replaced if present).
    pub fn create(path: &Path) -> Result<Peer> {
        let _ = std::fs::remove_file(path);
        let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        conn.execute_batch(SCHEMA)
            .context("creating the SQLite schema")?;
        Ok(Peer {
            conn,
            df: HashMap::new(),
            docs: 0,
        })
    }

    /// Adds projects; `first_rowid` is the rowid of the first (file index + 1).
    pub fn add(&mut self, first_rowid: i64, projects: &[Project]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO projects(rowid, id, title, summary, body, owner, region, budget, esf_grant, esf_share, start_date, end_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut fts = tx.prepare_cached(
                "INSERT INTO fts(rowid, title, summary, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut fv = tx.prepare_cached(
                "INSERT INTO facet_values(facet, value, doc) VALUES (?1, ?2, ?3)",
            )?;
            for (i, p) in projects.iter().enumerate() {
                let rowid = first_rowid + i as i64;
                let summary = projektsok_index::schema::summary_text(p);
                let body = projektsok_index::schema::body_text(p);
                ins.execute(params![
                    rowid,
                    p.id,
                    p.title,
                    summary,
                    body,
                    p.owner,
                    p.region,
                    p.total_budget_sek,
                    p.esf_grant_sek,
                    p.esf_share,
                    p.period.start,
                    p.period.end
                ])?;
                fts.execute(params![rowid, p.title, summary, body])?;
                for (f, v) in facet_values(p) {
                    fv.execute(params![facet_id(f), v, rowid])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Builds the secondary indexes, merges the FTS5 index and loads the token frequencies.
    pub fn finish(&mut self) -> Result<()> {
        self.conn
            .execute_batch("INSERT INTO fts(fts) VALUES('optimize');")
            .context("optimising FTS5")?;
        self.conn.execute_batch(INDEXES).context("indexes")?;
        self.docs = self
            .conn
            .query_row("SELECT count(*) FROM projects", [], |r| r.get::<_, i64>(0))?
            as u64;
        let mut st = self.conn.prepare("SELECT term, doc FROM fts_vocab")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (t, d) = row?;
            self.df.insert(t, d as u64);
        }
        Ok(())
    }

    /// Rowids matching `q` as an FTS5 expression (the full hit set), for recall.
    pub fn matching_rowids(&self, fts_query: &str) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT rowid FROM fts WHERE fts MATCH ?1")?;
        let rows = st.query_map([fts_query], |r| r.get::<_, i64>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// Runs a query of the mix; returns hits (total) or groups, like [`crate::mix::run_ours`].
    pub fn run(&self, q: &Query) -> Result<u64> {
        match &q.action {
            Action::Search(req) => self.search(req),
            Action::Stats(_) => self.stats_by_region(),
            Action::SimilarId(id) => {
                let (rowid, text): (i64, String) = self.conn.query_row(
                    "SELECT rowid, coalesce(title,'') || ' ' || coalesce(summary,'') || ' ' || coalesce(body,'') FROM projects WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                self.similar(&text, Some(rowid))
            }
            Action::SimilarText(text) => self.similar(text, None),
        }
    }

    /// A search: total, page of hits with snippets, nine multi-select facet counts.
    fn search(&self, req: &SearchRequest) -> Result<u64> {
        let fts_q = to_fts(&req.q);
        // The text match and the ranges, materialised once.
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS base(doc INTEGER PRIMARY KEY); DELETE FROM base;",
        )?;
        let mut range = String::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(v) = req.filters.budget_min {
            range.push_str(" AND p.budget >= ?");
            args.push(v.into());
        }
        if let Some(v) = req.filters.budget_max {
            range.push_str(" AND p.budget <= ?");
            args.push(v.into());
        }
        match &fts_q {
            Some(m) => {
                let mut a = vec![rusqlite::types::Value::from(m.clone())];
                a.extend(args.iter().cloned());
                self.conn.execute(
                    &format!("INSERT INTO base SELECT fts.rowid FROM fts JOIN projects p ON p.rowid = fts.rowid WHERE fts MATCH ?{range}"),
                    params_from_iter(a),
                )?;
            }
            None => {
                self.conn.execute(
                    &format!("INSERT INTO base SELECT p.rowid FROM projects p WHERE 1{range}"),
                    params_from_iter(args.iter().cloned()),
                )?;
            }
        }
        // Facet filters: `doc IN (…)` per filtered facet.
        let active: Vec<(Facet, Vec<String>)> = FACETS
            .iter()
            .filter_map(|f| req.filters.values(*f).map(|v| (*f, v.to_vec())))
            .collect();
        let filter_sql = |col: &str, except: Option<Facet>, a: &mut Vec<rusqlite::types::Value>| {
            let mut s = String::new();
            for (f, values) in &active {
                if Some(*f) == except {
                    continue;
                }
                let marks = vec!["?"; values.len()].join(",");
                s.push_str(&format!(
                    " AND {col} IN (SELECT doc FROM facet_values WHERE facet = {} AND value IN ({marks}))",
                    facet_id(*f)
                ));
                a.extend(
                    values
                        .iter()
                        .map(|v| rusqlite::types::Value::from(v.clone())),
                );
            }
            s
        };
        let mut a = Vec::new();
        let fs = filter_sql("b.doc", None, &mut a);
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM base b WHERE 1{fs}"),
            params_from_iter(a),
            |r| r.get(0),
        )?;
        // The page.
        let offset = (req.page.max(1) - 1) * req.per_page;
        let order = match req.sort {
            Sort::BudgetDesc => "p.budget DESC",
            Sort::BudgetAsc => "p.budget ASC",
            Sort::StartDesc => "p.start_date DESC",
            Sort::StartAsc => "p.start_date ASC",
            Sort::Relevance => "bm25(fts, 3.0, 2.0, 1.0)",
        };
        let mut a: Vec<rusqlite::types::Value> = Vec::new();
        let mut n = 0usize;
        let mut page_rows = |sql: String, a: Vec<rusqlite::types::Value>| -> Result<()> {
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = st.query(params_from_iter(a))?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let snippet: String = row.get::<_, Option<String>>(8)?.unwrap_or_default();
                n += id.len() + snippet.len();
            }
            Ok(())
        };
        match &fts_q {
            Some(m) => {
                a.push(m.clone().into());
                a.extend(args.iter().cloned());
                let fs = filter_sql("fts.rowid", None, &mut a);
                page_rows(
                    format!(
                        "SELECT p.id, p.title, p.owner, p.region, p.budget, p.esf_grant, p.start_date, p.end_date,
                                snippet(fts, -1, '<mark>', '</mark>', '…', 40)
                         FROM fts JOIN projects p ON p.rowid = fts.rowid
                         WHERE fts MATCH ?{range}{fs} ORDER BY {order} LIMIT {} OFFSET {offset}",
                        req.per_page
                    ),
                    a,
                )?;
            }
            None => {
                a.extend(args.iter().cloned());
                let fs = filter_sql("p.rowid", None, &mut a);
                let order = if req.sort == Sort::Relevance {
                    "p.rowid"
                } else {
                    order
                };
                page_rows(
                    format!(
                        "SELECT p.id, p.title, p.owner, p.region, p.budget, p.esf_grant, p.start_date, p.end_date,
                                substr(p.summary, 1, 240)
                         FROM projects p WHERE 1{range}{fs} ORDER BY {order} LIMIT {} OFFSET {offset}",
                        req.per_page
                    ),
                    a,
                )?;
            }
        }
        std::hint::black_box(n);
        // Facet counts, multi-select.
        let facet_size = req.facet_size.clamp(1, 1000);
        for f in FACETS {
            let mut a = Vec::new();
            let fs = filter_sql("b.doc", Some(f), &mut a);
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT fv.value, count(*) AS c FROM base b
                 JOIN facet_values fv ON fv.doc = b.doc AND fv.facet = {}
                 WHERE 1{fs} GROUP BY fv.value ORDER BY c DESC, fv.value LIMIT {facet_size}",
                facet_id(f)
            ))?;
            let mut rows = st.query(params_from_iter(a))?;
            while let Some(row) = rows.next()? {
                std::hint::black_box(row.get::<_, i64>(1)?);
            }
        }
        Ok(total as u64)
    }

    /// Budget and grant figures per region (count, sum, mean, median, min, max; mean share).
    fn stats_by_region(&self) -> Result<u64> {
        let mut groups = 0u64;
        let mut st = self.conn.prepare_cached(
            "SELECT region, count(*), sum(budget), avg(budget), min(budget), max(budget),
                    sum(esf_grant), avg(esf_grant), min(esf_grant), max(esf_grant), avg(esf_share)
             FROM projects GROUP BY region",
        )?;
        let mut rows = st.query([])?;
        while let Some(row) = rows.next()? {
            std::hint::black_box(row.get::<_, Option<f64>>(3)?);
            groups += 1;
        }
        // Medians: the middle one or two of each group, by window functions.
        for col in ["budget", "esf_grant"] {
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT k, avg(v) FROM (
                   SELECT region AS k, {col} AS v,
                          row_number() OVER (PARTITION BY region ORDER BY {col}) AS rn,
                          count(*) OVER (PARTITION BY region) AS n
                   FROM projects WHERE {col} IS NOT NULL)
                 WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY k"
            ))?;
            let mut rows = st.query([])?;
            while let Some(row) = rows.next()? {
                std::hint::black_box(row.get::<_, Option<f64>>(1)?);
            }
        }
        Ok(groups)
    }

    /// Similar: the 30 most distinctive terms of the text (tf·idf, terms in more than half the
    /// projects skipped) ORed, ranked by bm25, the source project left out.
    fn similar(&self, text: &str, exclude: Option<i64>) -> Result<u64> {
        let mut tf: HashMap<String, u32> = HashMap::new();
        for w in tokens(text) {
            *tf.entry(w).or_default() += 1;
        }
        let n = self.docs.max(1) as f64;
        let mut scored: Vec<(f64, String)> = tf
            .into_iter()
            .filter_map(|(t, c)| {
                let df = *self.df.get(&t)? as f64;
                if df / n > 0.5 {
                    return None;
                }
                Some((c as f64 * (n / df).ln(), t))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.truncate(30);
        if scored.is_empty() {
            return Ok(0);
        }
        let m = scored
            .iter()
            .map(|(_, t)| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        let mut st = self.conn.prepare_cached(
            "SELECT p.id, p.title FROM fts JOIN projects p ON p.rowid = fts.rowid
             WHERE fts MATCH ?1 AND fts.rowid != ?2 ORDER BY bm25(fts, 3.0, 2.0, 1.0) LIMIT 10",
        )?;
        let mut rows = st.query(params![m, exclude.unwrap_or(-1)])?;
        let mut hits = 0;
        while let Some(row) = rows.next()? {
            std::hint::black_box(row.get::<_, String>(0)?);
            hits += 1;
        }
        Ok(hits)
    }
}

/// Lower-cased words with diacritics removed, as `unicode61 remove_diacritics 2` indexes them.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| w.to_lowercase().chars().map(fold).collect())
        .collect()
}

fn fold(c: char) -> char {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
        'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' => 'u',
        other => other,
    }
}

/// Our query language's subset used by the mix, as an FTS5 expression: words ANDed, quoted
/// phrases kept. `None` for an empty query (everything).
pub fn to_fts(q: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut rest = q.trim();
    while !rest.is_empty() {
        if let Some(stripped) = rest.strip_prefix('"') {
            let end = stripped.find('"').unwrap_or(stripped.len());
            let phrase = tokens(&stripped[..end]).join(" ");
            if !phrase.is_empty() {
                parts.push(format!("\"{phrase}\""));
            }
            rest = stripped.get(end + 1..).unwrap_or("").trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            for t in tokens(&rest[..end]) {
                parts.push(format!("\"{t}\""));
            }
            rest = rest[end..].trim_start();
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join(" AND "))
    }
}
