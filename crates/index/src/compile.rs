//! Query-language AST (`projektsok-query`) to tantivy queries.
//!
//! A free word becomes a disjunction over the text fields, each with its boost (title >
//! summary > owner > body/names/English; the ASCII-folded twins at half the boost), plus its
//! synonyms/abbreviation expansions at a lower boost. Words are ANDed. A word the analyzer
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
/// Boost of an ASCII-folded twin relative to its field.
const FOLDED_BOOST: f32 = 0.5;

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

/// (field, analyzer, boost) of free-text search.
fn text_fields(f: &Fields) -> Vec<(Field, Lang, f32)> {
    vec![
        (f.title, Lang::Sv, 3.0),
        (f.title_folded, Lang::SvFolded, 3.0 * FOLDED_BOOST),
        (f.summary, Lang::Sv, 2.0),
        (f.summary_folded, Lang::SvFolded, 2.0 * FOLDED_BOOST),
        (f.owner, Lang::Sv, 1.5),
        (f.owner_folded, Lang::SvFolded, 1.5 * FOLDED_BOOST),
        (f.body, Lang::Sv, 1.0),
        (f.body_folded, Lang::SvFolded, FOLDED_BOOST),
        (f.names, Lang::Sv, 1.0),
        (f.names_folded, Lang::SvFolded, FOLDED_BOOST),
        (f.english, Lang::En, 0.8),
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
                .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
                .collect();
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
}

/// Disjunction over `fields` of `text` (word or phrase), with synonym expansions.
fn text_query(fields: &[(Field, Lang, f32)], text: &str, expand: bool) -> Option<Box<dyn Query>> {
    let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let add = |subs: &mut Vec<(Occur, Box<dyn Query>)>, t: &str, boost: f32| {
        for (field, lang, b) in fields {
            if let Some(q) = field_text_query(*field, *lang, t) {
                subs.push((Occur::Should, Box::new(BoostQuery::new(q, b * boost))));
            }
        }
    };
    add(&mut subs, text, 1.0);
    if expand && !subs.is_empty() {
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
            .filter_map(|t| text_query(&fields, t, true))
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
            Node::Word { text, .. } => Ok(text_query(&text_fields(self.fields), text, true)),
            Node::Phrase { text, .. } => Ok(text_query(&text_fields(self.fields), text, true)),
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
                    QField::Owner => vec![
                        (f.owner, Lang::Sv, 1.5),
                        (f.owner_folded, Lang::SvFolded, 1.5 * FOLDED_BOOST),
                    ],
                    _ => vec![
                        (f.title, Lang::Sv, 3.0),
                        (f.title_folded, Lang::SvFolded, 3.0 * FOLDED_BOOST),
                    ],
                };
                let text = match value {
                    FieldValue::Word(t) | FieldValue::Phrase(t) => t.clone(),
                    FieldValue::Compare(_, n) => n.to_string(),
                    FieldValue::Range(..) => return Ok(None),
                };
                Ok(text_query(&fields, &text, true))
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
