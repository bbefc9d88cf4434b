//! Query-language AST (`projektsok-query`) to tantivy queries.
//!
//! A free word becomes a disjunction over the text fields, each with its boost (title >
//! summary > owner > body/names > English; an ASCII word searches the ASCII-folded twins, a
//! word with diacritics the plain fields, see [`Mode`]), plus its synonym/abbreviation
//! expansions at a lower boost. Words are ANDed. A word the analyzer
//! drops entirely (punctuation) constrains nothing.

use std::ops::Bound;

use projektsok_analysis::Analyzer;
use projektsok_query::{Ast, CmpOp, Field as QField, FieldKind, FieldValue, Node};
use tantivy::Searcher;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::error::Result;
use crate::filters::{all, i64_range, keyword_query, resolve_keyword};
use crate::schema::{Facet, Fields};

/// Boost of synonym expansions relative to the word itself.
const SYNONYM_BOOST: f32 = 0.4;

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

/// Compiles ASTs to tantivy queries against one searcher (for keyword resolution).
pub(crate) struct Compiler<'a> {
    pub fields: &'a Fields,
    pub searcher: &'a Searcher,
}

impl Compiler<'_> {
    /// The whole query; `None` matches everything.
    pub fn compile(&self, ast: &Ast) -> Result<Option<Box<dyn Query>>> {
        match &ast.root {
            None => Ok(None),
            Some(n) => self.node(n),
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

    fn node(&self, node: &Node) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::Word { text, .. } | Node::Phrase { text, .. } => Ok(text_query(
                &text_fields(self.fields),
                Some(self.fields.english),
                text,
                Mode::Search,
            )),
            Node::Field { field, value, .. } => self.field(*field, value),
            Node::Not { node, .. } => Ok(Some(match self.node(node)? {
                // NOT (everything) matches nothing.
                None => keyword_query(self.fields.id, Vec::new()),
                Some(q) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, all()),
                    (Occur::MustNot, q),
                ])),
            })),
            Node::And { nodes, .. } => {
                let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let mut positives = 0;
                for n in nodes {
                    if let Node::Not { node: inner, .. } = n {
                        match self.node(inner)? {
                            Some(q) => subs.push((Occur::MustNot, q)),
                            None => return Ok(Some(keyword_query(self.fields.id, Vec::new()))),
                        }
                    } else if let Some(q) = self.node(n)? {
                        subs.push((Occur::Must, q));
                        positives += 1;
                    }
                }
                if subs.is_empty() {
                    return Ok(None);
                }
                if positives == 0 {
                    subs.push((Occur::Must, all()));
                }
                Ok(Some(Box::new(BooleanQuery::new(subs))))
            }
            Node::Or { nodes, .. } => {
                let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for n in nodes {
                    match self.node(n)? {
                        // One side matches everything, so the OR does.
                        None => return Ok(None),
                        Some(q) => subs.push((Occur::Should, q)),
                    }
                }
                Ok(Some(Box::new(BooleanQuery::new(subs))))
            }
        }
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
