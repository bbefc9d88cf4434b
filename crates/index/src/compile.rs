//! Query-language AST (`projektsok-query`) to tantivy queries.
//!
//! A free word becomes a disjunction over the text fields, each with its boost (title >
//! summary > owner > body/names > English; an ASCII word searches the ASCII-folded twins, a
//! word with diacritics the plain fields, see [`Mode`]), plus its synonym/abbreviation
//! expansions at a lower boost. A word the analyzer drops entirely (punctuation, stopwords)
//! constrains nothing.
//!
//! # Matching strategy: all words when possible, otherwise the most words
//!
//! Words typed next to each other (`mentorskap för unga i Norrland`) are an *implicit*
//! conjunction, and users mean "sheets about these things", not "sheets containing every one
//! of these words". So, like Meilisearch's matching strategy or Elasticsearch's
//! `minimum_should_match`, the N plain words of an implicit conjunction (N >= 2, counted after
//! dropping words that analyse to nothing) become SHOULD clauses of one boolean query with a
//! minimum number of matching words `m`, chosen per query:
//!
//! * `m = N` (every word, exactly the strict AND) when that alone finds at least
//!   [`ENOUGH_HITS`] sheets;
//! * otherwise the largest `m` in `N-1, ..., 1` that finds at least [`ENOUGH_HITS`] sheets, and
//!   `m = 1` (any word) when none does. Up to 5 words every value is tried; beyond, only
//!   `N-1`, `N-2`, `ceil(2N/3)`, `ceil(N/2)` and 1, so at most six counting passes.
//!
//! Each try is counted with early termination (it stops at [`ENOUGH_HITS`] matches), so the
//! usual case, a strict AND with plenty of hits, costs one short pass.
//!
//! A relaxed conjunction also gets a coordination bonus: for each of the (at most
//! [`COORD_LEVELS`]) top levels `k > m` up to `N`, an optional clause "at least `k` words"
//! adds the words' scores again, so a sheet matching more of the words ranks above one that
//! matches a single rare word many times. The strict form (`m = N`) has no extra clause. The count is taken on the
//! text query alone, before facet and range filters, so the meaning of the words does not change
//! when a filter is ticked and facet counts stay consistent with the hits. Hits, totals, facet
//! counts, stats, export and snippets all use the query compiled here (one compile path).
//!
//! What stays strict: words joined by an explicit `AND` (a conjunction with any explicit `AND`
//! is strict throughout), phrases, `field:value` clauses and exclusions (always required or
//! excluded, also next to relaxed words), `OR` (a disjunction, as before), and everything under
//! a negation.
//!
//! Multi-word synonyms: a run of 2–[`MAX_SPAN`](projektsok_analysis::synonyms::MAX_SPAN) words
//! of an implicit conjunction that `synonyms::expand_query` knows as a whole
//! (`ekonomiskt bistånd` → `försörjningsstöd`) is one clause: the conjunction of its words, OR
//! its expansions at [`SPAN_SYNONYM_BOOST`].

use std::ops::Bound;

use projektsok_analysis::Analyzer;
use projektsok_query::{Ast, CmpOp, Field as QField, FieldKind, FieldValue, Node};
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, TERMINATED, Term};

use crate::error::Result;
use crate::filters::{all, i64_range, keyword_query, resolve_keyword};
use crate::schema::{Facet, Fields};

/// Boost of synonym expansions relative to the word itself.
const SYNONYM_BOOST: f32 = 0.4;

/// Boost of the expansion of a multi-word span (`ekonomiskt bistånd` → `försörjningsstöd`).
const SPAN_SYNONYM_BOOST: f32 = 0.5;

/// Hits the strict form of an implicit conjunction must find to be kept strict (a first page).
pub(crate) const ENOUGH_HITS: usize = 10;

#[derive(Clone, Copy)]
enum Lang {
    Sv,
    SvFolded,
    En,
}

impl Lang {
    fn analyzer(self) -> Analyzer {
        match self {
            Lang::Sv => Analyzer::SWEDISH.for_query(),
            Lang::SvFolded => Analyzer::SWEDISH_FOLDED.for_query(),
            Lang::En => Analyzer::ENGLISH.for_query(),
        }
    }
}

/// A Swedish text field and its ASCII-folded twin, with the field's boost.
#[derive(Clone, Copy)]
struct TextField {
    sv: Field,
    folded: Field,
    boost: f32,
}

/// Boost of the English field.
const ENGLISH_BOOST: f32 = 0.8;

/// Fields of free-text search: title > summary > owner > body = names.
fn text_fields(f: &Fields) -> Vec<TextField> {
    let tf = |sv, folded, boost| TextField { sv, folded, boost };
    vec![
        tf(f.title, f.title_folded, 3.0),
        tf(f.summary, f.summary_folded, 2.0),
        tf(f.owner, f.owner_folded, 1.5),
        tf(f.body, f.body_folded, 1.0),
        tf(f.names, f.names_folded, 1.0),
    ]
}

/// A term or phrase query for `text` on one field, or None when the analyzer keeps no token.
fn field_text_query(field: Field, lang: Lang, text: &str) -> Option<Box<dyn Query>> {
    let tokens = lang.analyzer().tokens(text);
    match tokens.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            Term::from_field_text(field, &tokens[0].text),
            IndexRecordOption::WithFreqs,
        ))),
        _ => {
            let first = tokens[0].position;
            let terms: Vec<(usize, Term)> = tokens
                .iter()
                .map(|t| {
                    (
                        t.position.saturating_sub(first),
                        Term::from_field_text(field, &t.text),
                    )
                })
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
}

/// How a text is matched against a [`TextField`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Searching: ASCII text (`malmo`, `kooperativ`) on the folded twin only, which matches
    /// everything the plain field would plus the spellings with diacritics; text with
    /// diacritics on the plain field only. One field per boost level keeps queries lean.
    Search,
    /// Highlighting: plain fields (the snippet generator reads those), twins as well.
    Highlight,
}

/// Disjunction over the text fields of `text` (word or phrase), with synonym expansions.
fn text_query(
    fields: &[TextField],
    english: Option<Field>,
    text: &str,
    mode: Mode,
) -> Option<Box<dyn Query>> {
    let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let add = |subs: &mut Vec<(Occur, Box<dyn Query>)>, t: &str, boost: f32| {
        for tf in fields {
            let mut targets = Vec::new();
            if mode == Mode::Highlight || !t.is_ascii() {
                targets.push((tf.sv, Lang::Sv, tf.boost));
            }
            if mode == Mode::Highlight || t.is_ascii() {
                targets.push((tf.folded, Lang::SvFolded, tf.boost));
            }
            for (field, lang, b) in targets {
                if let Some(q) = field_text_query(field, lang, t) {
                    subs.push((Occur::Should, Box::new(BoostQuery::new(q, b * boost))));
                }
            }
        }
        if let Some(en) = english
            && let Some(q) = field_text_query(en, Lang::En, t)
        {
            subs.push((
                Occur::Should,
                Box::new(BoostQuery::new(q, ENGLISH_BOOST * boost)),
            ));
        }
    };
    add(&mut subs, text, 1.0);
    if !subs.is_empty() {
        for e in projektsok_analysis::synonyms::expansions(text) {
            add(&mut subs, &e, SYNONYM_BOOST);
        }
    }
    if subs.is_empty() {
        None
    } else {
        Some(Box::new(BooleanQuery::new(subs)))
    }
}

/// Most coordination levels added to a relaxed conjunction (see the module docs).
const COORD_LEVELS: usize = 3;

/// The minimums tried for `n` words, most first: every value down to 1 for `n <= 5`, and
/// `n`, `n-1`, `n-2`, `ceil(2n/3)`, `ceil(n/2)`, 1 beyond (at most six counting passes).
fn tries(n: usize) -> Vec<usize> {
    let mut v = vec![
        n,
        n.saturating_sub(1),
        n.saturating_sub(2),
        (2 * n).div_ceil(3),
        n.div_ceil(2),
        n.saturating_sub(3),
        n.saturating_sub(4),
        1,
    ];
    if n > 5 {
        v.truncate(5);
        v.push(1);
    }
    v.retain(|&m| m >= 1 && m <= n);
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.dedup();
    v
}

/// Whether `query` matches at least `k` live documents; stops counting at `k`.
fn has_at_least(searcher: &Searcher, query: &dyn Query, k: usize) -> Result<bool> {
    if k == 0 {
        return Ok(true);
    }
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut n = 0usize;
    for reader in searcher.segment_readers() {
        let alive = reader.alive_bitset();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                n += 1;
                if n >= k {
                    return Ok(true);
                }
            }
            doc = scorer.advance();
        }
    }
    Ok(false)
}

/// Whether the source between two sibling nodes holds an explicit `AND`.
fn explicit_and_between(source: &str, a: &Node, b: &Node) -> bool {
    let (from, to) = (a.span().end, b.span().start);
    if from > to {
        return false;
    }
    source
        .get(from..to)
        .is_some_and(|gap| gap.split_whitespace().any(|t| t == "AND"))
}

/// Compiles ASTs to tantivy queries against one searcher (for keyword resolution and the
/// hit counts of the matching strategy).
pub(crate) struct Compiler<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
    /// The query text the AST was parsed from (tells explicit `AND` from juxtaposition).
    pub source: &'a str,
}

impl Compiler<'_> {
    /// The whole query; `None` matches everything.
    pub fn compile(&self, ast: &Ast) -> Result<Option<Box<dyn Query>>> {
        match &ast.root {
            None => Ok(None),
            Some(n) => self.node(n, true),
        }
    }

    /// Positive free-text parts only (for snippets).
    pub fn highlight_query(&self, ast: &Ast) -> Option<Box<dyn Query>> {
        let mut texts = Vec::new();
        if let Some(n) = &ast.root {
            n.positive_texts(&mut texts);
        }
        let fields = text_fields(self.fields);
        let subs: Vec<(Occur, Box<dyn Query>)> = texts
            .iter()
            .filter_map(|t| text_query(&fields, None, t, Mode::Highlight))
            .map(|q| (Occur::Should, q))
            .collect();
        if subs.is_empty() {
            None
        } else {
            Some(Box::new(BooleanQuery::new(subs)))
        }
    }

    /// `relax`: implicit conjunctions below may be relaxed (false under a negation).
    fn node(&self, node: &Node, relax: bool) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::Word { text, .. } | Node::Phrase { text, .. } => Ok(text_query(
                &text_fields(self.fields),
                Some(self.fields.english),
                text,
                Mode::Search,
            )),
            Node::Field { field, value, .. } => self.field(*field, value),
            Node::Not { node, .. } => Ok(Some(match self.node(node, false)? {
                // NOT (everything) matches nothing.
                None => keyword_query(self.fields.id, Vec::new()),
                Some(q) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, all()),
                    (Occur::MustNot, q),
                ])),
            })),
            Node::And { nodes, .. } => self.and(nodes, relax),
            Node::Or { nodes, .. } => {
                let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for n in nodes {
                    match self.node(n, relax)? {
                        // One side matches everything, so the OR does.
                        None => return Ok(None),
                        Some(q) => subs.push((Occur::Should, q)),
                    }
                }
                Ok(Some(Box::new(BooleanQuery::new(subs))))
            }
        }
    }

    /// A conjunction: strict, or (implicit, plain words) relaxed per the module docs.
    fn and(&self, nodes: &[Node], relax: bool) -> Result<Option<Box<dyn Query>>> {
        let implicit = relax
            && nodes
                .windows(2)
                .all(|w| !explicit_and_between(self.source, &w[0], &w[1]));
        // Required and excluded clauses, and the plain-word units (SHOULD when relaxed).
        let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut units: Vec<Box<dyn Query>> = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            let n = &nodes[i];
            if let Node::Not { node: inner, .. } = n {
                match self.node(inner, false)? {
                    Some(q) => subs.push((Occur::MustNot, q)),
                    None => return Ok(Some(keyword_query(self.fields.id, Vec::new()))),
                }
                i += 1;
                continue;
            }
            if implicit && matches!(n, Node::Word { .. }) {
                if let Some((len, q)) = self.synonym_span(&nodes[i..])? {
                    units.push(q);
                    i += len;
                    continue;
                }
                if let Some(q) = self.node(n, relax)? {
                    units.push(q);
                }
                i += 1;
                continue;
            }
            if let Some(q) = self.node(n, relax)? {
                subs.push((Occur::Must, q));
            }
            i += 1;
        }
        let must = |subs: &[(Occur, Box<dyn Query>)], units: &[Box<dyn Query>], m: usize| {
            let mut all_subs: Vec<(Occur, Box<dyn Query>)> =
                subs.iter().map(|(o, q)| (*o, q.box_clone())).collect();
            if m >= units.len() {
                all_subs.extend(units.iter().map(|q| (Occur::Must, q.box_clone())));
            } else if !units.is_empty() {
                let should = units
                    .iter()
                    .map(|q| (Occur::Should, q.box_clone()))
                    .collect();
                all_subs.push((
                    Occur::Must,
                    Box::new(BooleanQuery::with_minimum_required_clauses(
                        should,
                        m.max(1),
                    )),
                ));
                // Coordination: each further word matched beyond `m` adds the sum again.
                let n = units.len();
                for k in (m.max(1) + 1).max(n.saturating_sub(COORD_LEVELS - 1))..=n {
                    let more = units
                        .iter()
                        .map(|q| (Occur::Should, q.box_clone()))
                        .collect();
                    all_subs.push((
                        Occur::Should,
                        Box::new(BooleanQuery::with_minimum_required_clauses(more, k)),
                    ));
                }
            }
            if !all_subs.iter().any(|(o, _)| *o == Occur::Must) && !all_subs.is_empty() {
                all_subs.push((Occur::Must, all()));
            }
            all_subs
        };
        let n = units.len();
        let mut chosen = n;
        if n >= 2 {
            chosen = 1;
            for m in tries(n) {
                let q = BooleanQuery::new(must(&subs, &units, m));
                if has_at_least(self.searcher, &q, ENOUGH_HITS)? {
                    chosen = m;
                    break;
                }
            }
        }
        let final_subs = must(&subs, &units, chosen);
        if final_subs.is_empty() {
            return Ok(None);
        }
        Ok(Some(Box::new(BooleanQuery::new(final_subs))))
    }

    /// The longest run (2+ words) of plain words at the start of `nodes` that
    /// `synonyms::expand_query` expands as a whole, compiled as one clause: its words ANDed,
    /// OR its expansions at [`SPAN_SYNONYM_BOOST`]. None when no such run starts here.
    fn synonym_span(&self, nodes: &[Node]) -> Result<Option<(usize, Box<dyn Query>)>> {
        let words: Vec<&str> = nodes
            .iter()
            .take(projektsok_analysis::synonyms::MAX_SPAN)
            .map_while(|n| match n {
                Node::Word { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for len in (2..=words.len()).rev() {
            let joined = words[..len].join(" ");
            let found = projektsok_analysis::synonyms::expand_query(&joined);
            let [(span, expansions)] = found.as_slice() else {
                continue;
            };
            if span.split_whitespace().count() != len || expansions.is_empty() {
                continue;
            }
            let mut conj: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for n in &nodes[..len] {
                if let Some(q) = self.node(n, false)? {
                    conj.push((Occur::Must, q));
                }
            }
            let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            if !conj.is_empty() {
                alts.push((Occur::Should, Box::new(BooleanQuery::new(conj))));
            }
            let fields = text_fields(self.fields);
            for e in expansions {
                if let Some(q) = text_query(&fields, Some(self.fields.english), e, Mode::Search) {
                    alts.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(q, SPAN_SYNONYM_BOOST)),
                    ));
                }
            }
            if alts.is_empty() {
                continue;
            }
            return Ok(Some((len, Box::new(BooleanQuery::new(alts)))));
        }
        Ok(None)
    }

    fn field(&self, field: QField, value: &FieldValue) -> Result<Option<Box<dyn Query>>> {
        let f = self.fields;
        match field.kind() {
            FieldKind::Text => {
                let fields = match field {
                    QField::Owner => vec![TextField {
                        sv: f.owner,
                        folded: f.owner_folded,
                        boost: 1.5,
                    }],
                    _ => vec![TextField {
                        sv: f.title,
                        folded: f.title_folded,
                        boost: 3.0,
                    }],
                };
                let text = match value {
                    FieldValue::Word(t) | FieldValue::Phrase(t) => t.clone(),
                    FieldValue::Compare(_, n) => n.to_string(),
                    FieldValue::Range(..) => return Ok(None),
                };
                Ok(text_query(&fields, None, &text, Mode::Search))
            }
            FieldKind::Keyword => {
                let text = match value {
                    FieldValue::Word(t) | FieldValue::Phrase(t) => t.clone(),
                    FieldValue::Compare(_, n) => n.to_string(),
                    FieldValue::Range(..) => return Ok(None),
                };
                let target = match field {
                    QField::Region => f.facet(Facet::Region),
                    QField::County => f.facet(Facet::County),
                    QField::Municipality => f.facet(Facet::Municipality),
                    QField::Phase => f.facet(Facet::Phase),
                    QField::ProgrammeArea => f.facet(Facet::ProgrammeArea),
                    QField::OwnerType => f.facet(Facet::OwnerType),
                    QField::TargetGroup => f.facet(Facet::TargetGroup),
                    QField::Method => f.facet(Facet::Method),
                    _ => f.id,
                };
                let values = if target == f.id {
                    vec![text]
                } else {
                    resolve_keyword(self.searcher, target, &text)?
                };
                Ok(Some(keyword_query(target, values)))
            }
            FieldKind::Numeric => {
                let target = match field {
                    QField::Budget => f.total_budget_sek,
                    QField::Grant => f.esf_grant_sek,
                    _ => f.start_year_n,
                };
                let (lo, hi) = match value {
                    FieldValue::Compare(op, n) => match op {
                        CmpOp::Eq => (Some(Bound::Included(*n)), Some(Bound::Included(*n))),
                        CmpOp::Gt => (Some(Bound::Excluded(*n)), None),
                        CmpOp::Ge => (Some(Bound::Included(*n)), None),
                        CmpOp::Lt => (None, Some(Bound::Excluded(*n))),
                        CmpOp::Le => (None, Some(Bound::Included(*n))),
                    },
                    FieldValue::Range(lo, hi) => (lo.map(Bound::Included), hi.map(Bound::Included)),
                    // The parser never yields text for numeric fields.
                    FieldValue::Word(_) | FieldValue::Phrase(_) => return Ok(None),
                };
                Ok(Some(Box::new(i64_range(target, lo, hi))))
            }
        }
    }
}

#[cfg(test)]
mod matching_tests {
    use super::tries;

    #[test]
    fn minimums_tried() {
        assert_eq!(tries(0), Vec::<usize>::new());
        assert_eq!(tries(1), [1]);
        assert_eq!(tries(2), [2, 1]);
        assert_eq!(tries(5), [5, 4, 3, 2, 1]);
        assert_eq!(tries(9), [9, 8, 7, 6, 5, 1]);
        assert_eq!(tries(64), [64, 63, 62, 43, 32, 1]);
    }
}
