//! The Projektsök query language, Meilisearch/Lucene style.
//!
//! A hand-written recursive-descent parser from a query string to an [`Ast`] whose every node
//! carries the byte [`Span`] it came from, so errors point at the fault
//! (`unbalanced quote at column 12`). It never panics: every input gives an [`Ast`] or a
//! [`QueryError`]. The crate knows nothing about tantivy; `projektsok-index` compiles the AST.
//!
//! # Grammar
//!
//! ```text
//! query      := ws* ( "*" | or_expr )? ws*         empty or "*" matches every project
//! or_expr    := and_expr ( "OR" and_expr )*         OR binds looser than AND
//! and_expr   := unary ( "AND"? unary )*             juxtaposition means AND
//! unary      := ( "-" | "NOT" ws ) primary | primary
//! primary    := "(" or_expr ")" | phrase | field_clause | word
//! phrase     := '"' any-char-but-quote* '"'
//! field_clause := FIELD ":" ( phrase | range | comparison | word )
//! comparison := ( ">" | ">=" | "<" | "<=" | "=" )? NUMBER
//! range      := NUMBER? ".." NUMBER?                 inclusive both ends, either may be open
//! word       := a run of characters other than whitespace, '(', ')' and '"'
//! NUMBER     := digits, optionally grouped with '_' (5_000_000)
//! ```
//!
//! Operators `OR`, `AND` and `NOT` are upper case only; `or` is an ordinary word. A `-` only
//! negates at the start of a word (`covid-19` is one word).
//!
//! Fields (Swedish aliases in brackets):
//! * facet fields, exact value, case- and diacritics-insensitive when compiled by the index:
//!   `region`, `county` (`län`, `lan`), `municipality` (`kommun`), `phase` (`fas`),
//!   `programme_area` (`programomrade`, `programområde`), `owner_type` (`ägartyp`, `agartyp`),
//!   `target_group` (`målgrupp`, `malgrupp`), `method` (`metod`), `id`;
//! * text fields, analysed like free text: `title` (`titel`), `owner` (`ägare`, `agare`);
//! * numeric fields: `budget` (total budget, SEK), `grant` (`stöd`, `stod`: ESF grant, SEK),
//!   `year` (`år`, `ar`: start year).
//!
//! Caps: at most [`MAX_QUERY_CHARS`] characters, [`MAX_CLAUSES`] clauses (words, phrases and
//! field clauses) and [`MAX_DEPTH`] levels of parentheses.

use std::fmt;

use serde::Serialize;

/// Longest accepted query, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most leaf clauses (words, phrases, field clauses) in one query.
pub const MAX_CLAUSES: usize = 64;
/// Deepest nesting of parentheses.
pub const MAX_DEPTH: usize = 16;

/// A byte range of the query string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// The fields a `field:value` clause may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Region,
    County,
    Municipality,
    Phase,
    ProgrammeArea,
    OwnerType,
    TargetGroup,
    Method,
    Id,
    Title,
    Owner,
    Budget,
    Grant,
    Year,
}

/// What kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Exact value of a facet (keyword) field.
    Keyword,
    /// Analysed text.
    Text,
    /// Whole numbers with comparisons and ranges.
    Numeric,
}

impl Field {
    /// Every field, canonical names in the order of the docs.
    pub const ALL: [Field; 14] = [
        Field::Region,
        Field::County,
        Field::Municipality,
        Field::Phase,
        Field::ProgrammeArea,
        Field::OwnerType,
        Field::TargetGroup,
        Field::Method,
        Field::Id,
        Field::Title,
        Field::Owner,
        Field::Budget,
        Field::Grant,
        Field::Year,
    ];

    /// The canonical name, as in the filters of the HTTP API.
    pub fn name(self) -> &'static str {
        match self {
            Field::Region => "region",
            Field::County => "county",
            Field::Municipality => "municipality",
            Field::Phase => "phase",
            Field::ProgrammeArea => "programme_area",
            Field::OwnerType => "owner_type",
            Field::TargetGroup => "target_group",
            Field::Method => "method",
            Field::Id => "id",
            Field::Title => "title",
            Field::Owner => "owner",
            Field::Budget => "budget",
            Field::Grant => "grant",
            Field::Year => "year",
        }
    }

    pub fn kind(self) -> FieldKind {
        match self {
            Field::Title | Field::Owner => FieldKind::Text,
            Field::Budget | Field::Grant | Field::Year => FieldKind::Numeric,
            _ => FieldKind::Keyword,
        }
    }

    /// Looks a field up by canonical name or Swedish alias, case-insensitively.
    pub fn from_name(name: &str) -> Option<Field> {
        let lower = name.to_lowercase();
        let field = match lower.as_str() {
            "region" => Field::Region,
            "county" | "län" | "lan" => Field::County,
            "municipality" | "kommun" => Field::Municipality,
            "phase" | "fas" => Field::Phase,
            "programme_area" | "program_area" | "programområde" | "programomrade" => {
                Field::ProgrammeArea
            }
            "owner_type" | "ägartyp" | "agartyp" => Field::OwnerType,
            "target_group" | "målgrupp" | "malgrupp" => Field::TargetGroup,
            "method" | "metod" => Field::Method,
            "id" => Field::Id,
            "title" | "titel" => Field::Title,
            "owner" | "ägare" | "agare" => Field::Owner,
            "budget" | "total_budget_sek" => Field::Budget,
            "grant" | "stöd" | "stod" | "esf_grant_sek" => Field::Grant,
            "year" | "år" | "ar" | "start_year" => Field::Year,
            _ => return None,
        };
        Some(field)
    }

    fn known_list() -> String {
        Field::ALL
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A numeric comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
}

/// The value of a `field:value` clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FieldValue {
    /// `field:word`
    Word(String),
    /// `field:"two words"`
    Phrase(String),
    /// `field:>5`, `field:5` (Eq)
    Compare(CmpOp, i64),
    /// `field:1..5`, `field:1..`, `field:..5`, both ends inclusive.
    Range(Option<i64>, Option<i64>),
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Node {
    Word {
        text: String,
        span: Span,
    },
    Phrase {
        text: String,
        span: Span,
    },
    Field {
        field: Field,
        value: FieldValue,
        span: Span,
    },
    /// Matches what the inner node does not.
    Not {
        node: Box<Node>,
        span: Span,
    },
    And {
        nodes: Vec<Node>,
        span: Span,
    },
    Or {
        nodes: Vec<Node>,
        span: Span,
    },
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Word { span, .. }
            | Node::Phrase { span, .. }
            | Node::Field { span, .. }
            | Node::Not { span, .. }
            | Node::And { span, .. }
            | Node::Or { span, .. } => *span,
        }
    }

    /// Free-text words and phrases of the query outside any negation (for highlighting and
    /// similar-text hints).
    pub fn positive_texts(&self, out: &mut Vec<String>) {
        match self {
            Node::Word { text, .. } | Node::Phrase { text, .. } => out.push(text.clone()),
            Node::Field {
                field: Field::Title | Field::Owner,
                value: FieldValue::Word(t) | FieldValue::Phrase(t),
                ..
            } => out.push(t.clone()),
            Node::Field { .. } | Node::Not { .. } => {}
            Node::And { nodes, .. } | Node::Or { nodes, .. } => {
                for n in nodes {
                    n.positive_texts(out);
                }
            }
        }
    }
}

/// A parsed query. `root == None` matches every project (empty query or `*`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ast {
    pub root: Option<Node>,
}

/// Why a query could not be parsed. `column` is 1-based, in characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at column {column}")]
pub struct QueryError {
    pub message: String,
    /// 1-based character column of the fault.
    pub column: usize,
    /// Byte span of the fault in the query.
    pub span: Span,
}

impl QueryError {
    fn new(input: &str, span: Span, message: impl Into<String>) -> QueryError {
        let start = span.start.min(input.len());
        let column = input
            .get(..start)
            .map(|s| s.chars().count())
            .unwrap_or(start)
            + 1;
        QueryError {
            message: message.into(),
            column,
            span,
        }
    }

    /// The query with a caret line under the fault, for terminals.
    pub fn pointer(&self, input: &str) -> String {
        let pad: String = " ".repeat(self.column.saturating_sub(1));
        format!("{input}\n{pad}^")
    }
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Ast, QueryError> {
    let chars = input.chars().count();
    if chars > MAX_QUERY_CHARS {
        let cut = input
            .char_indices()
            .nth(MAX_QUERY_CHARS)
            .map(|(i, _)| i)
            .unwrap_or(input.len());
        return Err(QueryError::new(
            input,
            Span::new(cut, input.len()),
            format!("query too long ({chars} characters, at most {MAX_QUERY_CHARS})"),
        ));
    }
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(Ast { root: None });
    }
    let mut p = Parser {
        input,
        pos: 0,
        clauses: 0,
        depth: 0,
    };
    let root = p.or_expr()?;
    p.skip_ws();
    if p.pos < input.len() {
        let span = Span::new(p.pos, p.pos + p.peek_char().map_or(1, char::len_utf8));
        let msg = if p.peek_char() == Some(')') {
            "unbalanced parenthesis: ')' without '('".to_string()
        } else {
            "unexpected input".to_string()
        };
        return Err(QueryError::new(input, span, msg));
    }
    Ok(Ast { root: Some(root) })
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    clauses: usize,
    depth: usize,
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && c != '(' && c != ')' && c != '"'
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek_char() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn err(&self, span: Span, message: impl Into<String>) -> QueryError {
        QueryError::new(self.input, span, message)
    }

    /// The operator keyword at the current position, if the next word is exactly `kw`.
    fn at_keyword(&self, kw: &str) -> bool {
        let rest = self.rest();
        rest.starts_with(kw)
            && rest[kw.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '(' || c == '"' || c == ')')
    }

    fn or_expr(&mut self) -> Result<Node, QueryError> {
        let start = self.pos;
        let mut nodes = vec![self.and_expr()?];
        loop {
            self.skip_ws();
            if self.at_keyword("OR") {
                let op = Span::new(self.pos, self.pos + 2);
                self.pos += 2;
                self.skip_ws();
                if self.pos >= self.input.len() || self.peek_char() == Some(')') {
                    return Err(self.err(op, "OR needs a term on both sides"));
                }
                nodes.push(self.and_expr()?);
            } else {
                break;
            }
        }
        if nodes.len() == 1 {
            Ok(nodes.remove(0))
        } else {
            let end = nodes.last().map_or(self.pos, |n| n.span().end);
            Ok(Node::Or {
                nodes,
                span: Span::new(start, end),
            })
        }
    }

    fn and_expr(&mut self) -> Result<Node, QueryError> {
        self.skip_ws();
        let start = self.pos;
        let mut nodes = Vec::new();
        loop {
            self.skip_ws();
            match self.peek_char() {
                None | Some(')') => break,
                _ => {}
            }
            if self.at_keyword("OR") {
                if nodes.is_empty() {
                    return Err(self.err(
                        Span::new(self.pos, self.pos + 2),
                        "OR needs a term on both sides",
                    ));
                }
                break;
            }
            if self.at_keyword("AND") {
                let op = Span::new(self.pos, self.pos + 3);
                if nodes.is_empty() {
                    return Err(self.err(op, "AND needs a term on both sides"));
                }
                self.pos += 3;
                self.skip_ws();
                if self.pos >= self.input.len()
                    || self.peek_char() == Some(')')
                    || self.at_keyword("OR")
                    || self.at_keyword("AND")
                {
                    return Err(self.err(op, "AND needs a term on both sides"));
                }
                continue;
            }
            nodes.push(self.unary()?);
        }
        match nodes.len() {
            0 => {
                let span = Span::new(self.pos, self.pos + 1);
                if self.peek_char() == Some(')') {
                    Err(self.err(span, "empty parentheses"))
                } else {
                    Err(self.err(span, "expected a search term"))
                }
            }
            1 => Ok(nodes.remove(0)),
            _ => {
                let end = nodes.last().map_or(self.pos, |n| n.span().end);
                Ok(Node::And {
                    nodes,
                    span: Span::new(start, end),
                })
            }
        }
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        let start = self.pos;
        let negated = if self.peek_char() == Some('-') {
            self.pos += 1;
            match self.peek_char() {
                None => {
                    return Err(
                        self.err(Span::new(start, start + 1), "nothing to exclude after '-'")
                    );
                }
                Some(c) if c.is_whitespace() || c == ')' => {
                    return Err(
                        self.err(Span::new(start, start + 1), "nothing to exclude after '-'")
                    );
                }
                Some('-') => {
                    return Err(self.err(Span::new(self.pos, self.pos + 1), "double '-'"));
                }
                _ => {}
            }
            true
        } else if self.at_keyword("NOT") {
            self.pos += 3;
            self.skip_ws();
            if self.pos >= self.input.len()
                || self.peek_char() == Some(')')
                || self.at_keyword("OR")
            {
                return Err(self.err(Span::new(start, start + 3), "nothing to exclude after NOT"));
            }
            true
        } else {
            false
        };
        let node = self.primary()?;
        if negated {
            let end = node.span().end;
            Ok(Node::Not {
                node: Box::new(node),
                span: Span::new(start, end),
            })
        } else {
            Ok(node)
        }
    }

    fn count_clause(&mut self, span: Span) -> Result<(), QueryError> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(self.err(span, format!("too many clauses (at most {MAX_CLAUSES})")));
        }
        Ok(())
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let start = self.pos;
        match self.peek_char() {
            Some('(') => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.err(
                        Span::new(start, start + 1),
                        format!("parentheses nested too deep (at most {MAX_DEPTH})"),
                    ));
                }
                self.pos += 1;
                self.skip_ws();
                if self.peek_char() == Some(')') {
                    return Err(self.err(Span::new(start, self.pos + 1), "empty parentheses"));
                }
                if self.pos >= self.input.len() {
                    return Err(self.err(
                        Span::new(start, start + 1),
                        "unbalanced parenthesis: '(' is never closed",
                    ));
                }
                let inner = self.or_expr()?;
                self.skip_ws();
                if self.peek_char() != Some(')') {
                    return Err(self.err(
                        Span::new(start, start + 1),
                        "unbalanced parenthesis: '(' is never closed",
                    ));
                }
                self.pos += 1;
                self.depth -= 1;
                Ok(inner)
            }
            Some('"') => {
                let (text, span) = self.phrase()?;
                self.count_clause(span)?;
                if text.trim().is_empty() {
                    return Err(self.err(span, "empty phrase"));
                }
                Ok(Node::Phrase { text, span })
            }
            Some(')') => Err(self.err(
                Span::new(start, start + 1),
                "unbalanced parenthesis: ')' without '('",
            )),
            None => Err(self.err(Span::new(start, start + 1), "expected a search term")),
            Some(_) => self.word_or_field(),
        }
    }

    /// At a `"`: reads to the closing quote.
    fn phrase(&mut self) -> Result<(String, Span), QueryError> {
        let start = self.pos;
        self.pos += 1;
        match self.rest().find('"') {
            Some(i) => {
                let text = self.rest()[..i].to_string();
                self.pos += i + 1;
                Ok((text, Span::new(start, self.pos)))
            }
            None => Err(self.err(Span::new(start, start + 1), "unbalanced quote")),
        }
    }

    fn take_word(&mut self) -> (String, Span) {
        let start = self.pos;
        let len = self
            .rest()
            .char_indices()
            .find(|(_, c)| !is_word_char(*c))
            .map_or(self.rest().len(), |(i, _)| i);
        self.pos += len;
        (
            self.input[start..self.pos].to_string(),
            Span::new(start, self.pos),
        )
    }

    fn word_or_field(&mut self) -> Result<Node, QueryError> {
        let start = self.pos;
        let rest = self.rest();
        // A field clause: identifier chars then ':'.
        let ident_len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphabetic() || *c == '_'))
            .map_or(rest.len(), |(i, _)| i);
        if ident_len > 0 && rest[ident_len..].starts_with(':') {
            let name = &rest[..ident_len];
            let name_span = Span::new(start, start + ident_len);
            let Some(field) = Field::from_name(name) else {
                return Err(self.err(
                    name_span,
                    format!(
                        "unknown field '{name}' (known: {}); put it in quotes to search for the text",
                        Field::known_list()
                    ),
                ));
            };
            self.pos += ident_len + 1;
            let value_start = self.pos;
            let missing_value = self
                .peek_char()
                .is_none_or(|c| c.is_whitespace() || c == ')' || c == '(');
            if missing_value {
                // An empty span where the value belongs: a one-byte span could run past the
                // end of the query or into a multi-byte space.
                return Err(self.err(
                    Span::new(value_start, value_start),
                    format!("missing value after '{name}:'"),
                ));
            }
            let value = match self.peek_char() {
                Some('"') => {
                    let (text, span) = self.phrase()?;
                    if text.trim().is_empty() {
                        return Err(self.err(span, format!("empty value for '{name}:'")));
                    }
                    match field.kind() {
                        FieldKind::Numeric => parse_numeric(
                            self.input,
                            &text,
                            Span::new(span.start + 1, span.end - 1),
                            field,
                        )?,
                        _ => FieldValue::Phrase(text),
                    }
                }
                _ => {
                    let (text, span) = self.take_word();
                    match field.kind() {
                        FieldKind::Numeric => parse_numeric(self.input, &text, span, field)?,
                        _ => FieldValue::Word(text),
                    }
                }
            };
            let span = Span::new(start, self.pos);
            self.count_clause(span)?;
            return Ok(Node::Field { field, value, span });
        }
        let (text, span) = self.take_word();
        self.count_clause(span)?;
        if text.contains(':') && text.starts_with(':') {
            return Err(self.err(span, "missing field name before ':'"));
        }
        Ok(Node::Word { text, span })
    }
}

fn parse_number(input: &str, text: &str, span: Span, field: Field) -> Result<i64, QueryError> {
    let cleaned: String = text.chars().filter(|c| *c != '_').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit()) {
        return Err(QueryError::new(
            input,
            span,
            format!("'{text}' is not a whole number (for '{field}:')"),
        ));
    }
    cleaned
        .parse::<i64>()
        .map_err(|_| QueryError::new(input, span, format!("number '{text}' is too large")))
}

fn parse_numeric(
    input: &str,
    text: &str,
    span: Span,
    field: Field,
) -> Result<FieldValue, QueryError> {
    if let Some(i) = text.find("..") {
        let (lo, hi) = (&text[..i], &text[i + 2..]);
        let lo_span = Span::new(span.start, span.start + i);
        let hi_span = Span::new(span.start + i + 2, span.end);
        let lo = if lo.is_empty() {
            None
        } else {
            Some(parse_number(input, lo, lo_span, field)?)
        };
        let hi = if hi.is_empty() {
            None
        } else {
            Some(parse_number(input, hi, hi_span, field)?)
        };
        if lo.is_none() && hi.is_none() {
            return Err(QueryError::new(
                input,
                span,
                "a range needs at least one end",
            ));
        }
        if let (Some(l), Some(h)) = (lo, hi)
            && l > h
        {
            return Err(QueryError::new(
                input,
                span,
                format!("empty range: {l} is greater than {h}"),
            ));
        }
        return Ok(FieldValue::Range(lo, hi));
    }
    let (op, skip) = if text.starts_with(">=") {
        (CmpOp::Ge, 2)
    } else if text.starts_with("<=") {
        (CmpOp::Le, 2)
    } else if text.starts_with('>') {
        (CmpOp::Gt, 1)
    } else if text.starts_with('<') {
        (CmpOp::Lt, 1)
    } else if text.starts_with('=') {
        (CmpOp::Eq, 1)
    } else {
        (CmpOp::Eq, 0)
    };
    let n = parse_number(
        input,
        &text[skip..],
        Span::new(span.start + skip, span.end),
        field,
    )?;
    Ok(FieldValue::Compare(op, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Node {
        match parse(s) {
            Ok(Ast { root: Some(n) }) => n,
            other => panic!("{s:?}: {other:?}"),
        }
    }

    fn e(s: &str) -> QueryError {
        match parse(s) {
            Err(e) => e,
            Ok(a) => panic!("{s:?} parsed: {a:?}"),
        }
    }

    #[test]
    fn empty_and_star_match_all() {
        assert_eq!(parse("").unwrap().root, None);
        assert_eq!(parse("   ").unwrap().root, None);
        assert_eq!(parse(" * ").unwrap().root, None);
    }

    #[test]
    fn words_are_anded() {
        let n = p("socialt företagande");
        let Node::And { nodes, span } = n else {
            panic!()
        };
        assert_eq!(nodes.len(), 2);
        assert_eq!(span, Span::new(0, "socialt företagande".len()));
        assert!(matches!(&nodes[1], Node::Word { text, .. } if text == "företagande"));
    }

    #[test]
    fn phrase_exclusion_or_parens() {
        let n = p(r#""socialt företagande" -praktik (unga OR äldre)"#);
        let Node::And { nodes, .. } = n else { panic!() };
        assert!(
            matches!(&nodes[0], Node::Phrase { text, span } if text == "socialt företagande" && span.start == 0)
        );
        assert!(
            matches!(&nodes[1], Node::Not { node, .. } if matches!(**node, Node::Word { ref text, .. } if text == "praktik"))
        );
        assert!(matches!(&nodes[2], Node::Or { nodes, .. } if nodes.len() == 2));
    }

    #[test]
    fn or_binds_looser_than_and() {
        let n = p("a b OR c");
        let Node::Or { nodes, .. } = n else { panic!() };
        assert!(matches!(&nodes[0], Node::And { .. }));
        assert!(matches!(&nodes[1], Node::Word { .. }));
        let n = p("a AND b");
        assert!(matches!(n, Node::And { ref nodes, .. } if nodes.len() == 2));
        let n = p("NOT a b");
        assert!(matches!(n, Node::And { ref nodes, .. } if matches!(nodes[0], Node::Not { .. })));
    }

    #[test]
    fn lowercase_or_is_a_word_and_hyphen_inside_word() {
        let n = p("unga or äldre covid-19");
        let Node::And { nodes, .. } = n else { panic!() };
        assert_eq!(nodes.len(), 4);
        assert!(matches!(&nodes[3], Node::Word { text, .. } if text == "covid-19"));
    }

    #[test]
    fn field_clauses() {
        assert_eq!(
            p(r#"region:"Övre Norrland""#),
            Node::Field {
                field: Field::Region,
                value: FieldValue::Phrase("Övre Norrland".into()),
                span: Span::new(0, r#"region:"Övre Norrland""#.len())
            }
        );
        assert!(
            matches!(p("kommun:Mjölby"), Node::Field { field: Field::Municipality, value: FieldValue::Word(ref w), .. } if w == "Mjölby")
        );
        assert!(matches!(
            p("budget:>5000000"),
            Node::Field {
                field: Field::Budget,
                value: FieldValue::Compare(CmpOp::Gt, 5_000_000),
                ..
            }
        ));
        assert!(matches!(
            p("grant:<=1_000_000"),
            Node::Field {
                field: Field::Grant,
                value: FieldValue::Compare(CmpOp::Le, 1_000_000),
                ..
            }
        ));
        assert!(matches!(
            p("year:2010..2012"),
            Node::Field {
                field: Field::Year,
                value: FieldValue::Range(Some(2010), Some(2012)),
                ..
            }
        ));
        assert!(matches!(
            p("år:2015.."),
            Node::Field {
                field: Field::Year,
                value: FieldValue::Range(Some(2015), None),
                ..
            }
        ));
        assert!(matches!(
            p("year:2015"),
            Node::Field {
                value: FieldValue::Compare(CmpOp::Eq, 2015),
                ..
            }
        ));
        assert!(matches!(p("-phase:Förstudie"), Node::Not { .. }));
    }

    #[test]
    fn error_positions() {
        let err = e(r#"unga "socialt företagande"#);
        assert_eq!(err.column, 6);
        assert!(err.message.contains("unbalanced quote"), "{err}");
        assert_eq!(err.to_string(), "unbalanced quote at column 6");

        let err = e("(unga OR äldre");
        assert_eq!(err.column, 1);
        assert!(err.message.contains("never closed"));

        let err = e("unga)");
        assert_eq!(err.column, 5);
        assert!(err.message.contains("without '('"));

        let err = e("åäö budget:>fem");
        assert_eq!(err.column, 13, "{err}");
        assert!(err.message.contains("not a whole number"));

        let err = e("foo:bar");
        assert_eq!(err.column, 1);
        assert!(err.message.contains("unknown field 'foo'"));

        let err = e("region:");
        assert_eq!(err.column, 8);
        let err = e("unga OR");
        assert_eq!(err.column, 6);
        let err = e("OR unga");
        assert_eq!(err.column, 1);
        let err = e("unga - praktik");
        assert_eq!(err.column, 6);
        let err = e("()");
        assert_eq!(err.column, 1);
        let err = e("year:2012..2010");
        assert!(err.message.contains("empty range"));
        let err = e("year:..");
        assert!(err.message.contains("at least one end"));
        let err = e(r#""""#);
        assert!(err.message.contains("empty phrase"));
    }

    #[test]
    fn caps() {
        let long = "a ".repeat(600);
        assert!(e(&long).message.contains("too long"));
        let many = "a ".repeat(65);
        let err = e(&many);
        assert!(err.message.contains("too many clauses"));
        assert_eq!(err.column, 129);
        let deep = "(".repeat(20) + "a" + &")".repeat(20);
        assert!(e(&deep).message.contains("nested too deep"));
        assert!(parse(&"a ".repeat(64)).is_ok());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "-",
            "--a",
            "\"",
            "(",
            ")",
            "((",
            "a:b:c",
            ":a",
            "NOT",
            "NOT NOT a",
            "a AND",
            "AND",
            "a OR OR b",
            "budget:>",
            "budget:>=",
            "year:...",
            "year:1..2..3",
            "ü:1",
            "é",
            "\u{0}",
            "-(",
            "region:\"",
            "a (b",
            "a) (b",
            "budget:99999999999999999999999",
            "year:-5",
        ] {
            let _ = parse(s);
        }
    }

    #[test]
    fn pointer_marks_the_column() {
        let q = "unga \"x";
        let err = e(q);
        assert_eq!(err.pointer(q), "unga \"x\n     ^");
    }
}

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    proptest! {
        /// Any input parses or fails with a column inside the query (plus one past the end).
        #[test]
        fn never_panics(s in r#"[a-zåäö0-9 :"()\-<>=.*_ORANDT]{0,80}"#) {
            match super::parse(&s) {
                Ok(_) => {}
                Err(e) => {
                    prop_assert!(e.column >= 1);
                    prop_assert!(e.column <= s.chars().count() + 1);
                }
            }
        }

        #[test]
        fn never_panics_on_any_unicode(s in "\\PC{0,60}") {
            let _ = super::parse(&s);
        }
    }
}
