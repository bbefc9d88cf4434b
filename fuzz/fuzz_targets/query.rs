//! The query-language parser must never panic, and what it returns must be usable: every span
//! of the tree and of an error lies inside the query on character boundaries (the API and the
//! CLI slice the query with them), an error's column is within the query, `pointer` works, and
//! parsing is deterministic. Seeds: `fuzz/seeds/query/` (the documented syntax, the
//! pathological queries of the hostile-HTTP test).
#![no_main]

use libfuzzer_sys::fuzz_target;
use projektsok_query::{Node, Span, parse};

fn check_span(input: &str, span: Span) {
    assert!(span.start <= span.end, "span {span:?} is reversed");
    assert!(
        input.get(span.start..span.end).is_some(),
        "span {span:?} is not a slice of the {} bytes of the query",
        input.len()
    );
}

fn walk(input: &str, node: &Node, depth: usize) {
    assert!(
        depth <= 4 * projektsok_query::MAX_DEPTH + 8,
        "tree deeper than the nesting cap"
    );
    check_span(input, node.span());
    match node {
        Node::Not { node, .. } => walk(input, node, depth + 1),
        Node::And { nodes, .. } | Node::Or { nodes, .. } => {
            for n in nodes {
                walk(input, n, depth + 1);
            }
        }
        Node::Word { .. } | Node::Phrase { .. } | Node::Field { .. } => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let first = parse(input);
    match &first {
        Ok(ast) => {
            if let Some(root) = &ast.root {
                walk(input, root, 0);
                let mut texts = Vec::new();
                root.positive_texts(&mut texts);
            }
        }
        Err(e) => {
            check_span(input, e.span);
            assert!(
                e.column >= 1 && e.column <= input.chars().count() + 1,
                "column {} outside a query of {} characters",
                e.column,
                input.chars().count()
            );
            let _ = e.pointer(input);
            let _ = e.to_string();
        }
    }
    assert_eq!(first, parse(input), "parsing is not deterministic");
});
