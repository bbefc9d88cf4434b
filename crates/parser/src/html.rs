//! A project-bank HTML page into the text rendering the text parser reads.
//!
//! [`sheet_text`] parses the page with `scraper` (html5ever, so malformed markup is repaired the way
//! a browser would) and writes the visible content of the page as the 2014–2027 text layout:
//!
//! ```text
//! Projekttitel                      <- <h1>
//!
//! Projektägare:                     <- a label/value pair of the header block
//! Bjurholms kommun
//! Beviljat ESF-stöd:
//! 3 742 943 kr
//!
//! Sammanfattning                    <- <h2> … <h6>, with a blank line before and after
//!
//! Första stycket.                   <- <p>, followed by a blank line
//! Rad ett                           <- <br> is a line break inside a paragraph
//! Rad två
//!
//!   • Arbetsförmedlingen Umeå       <- <ul>/<ol> <li>, one line per item
//! ```
//!
//! # What is left out
//! Only what a reader sees as the page's content is written. Dropped with everything inside them:
//! `script`, `style`, `noscript`, `template`, `head`, `nav`, forms and their controls (`form`,
//! `button`, `input`, `select`, `textarea`...), embedded media (`svg`, `img`, `iframe`...),
//! `dialog`; `header` and `footer` unless they sit inside the page's content (`main`, `article`,
//! `section`), where they are the content's own header; elements that are hidden (`hidden`,
//! `aria-hidden="true"`, an inline `display:none`/`visibility:hidden`) or only for screen readers
//! (`sr-only`, `visually-hidden`); site chrome by role (`navigation`, `banner`, `contentinfo`,
//! `alert`, `alertdialog`, `dialog`, `search`, `menu`, `menubar`, `tooltip`); and any element whose
//! `id`, `class` or `aria-label` mentions cookie, banner, consent, notice, alert, skip, breadcrumb,
//! menu (or the Swedish `meny`, `kakor`, `samtycke`): cookie notices, the "Stäng" webinar banner,
//! skip links, breadcrumbs. Links to the page in another language (`<a hreflang=…>`, the project
//! bank's "In English") are navigation too and are dropped. One exception: an element around the
//! page's first `h1` is not dropped for being a `banner` (a hero banner holding the title) or a
//! `header` (other chrome words still drop it).
//!
//! # Where the content is
//! The first `main`, else the first `[role=main]`, else the first `article`, else `body`; the first
//! of these that yields any text is used. When the chosen element holds no `h1` but the page has one
//! elsewhere (a page header above `main`), that `h1` is written first as the title. Should the
//! chrome rules leave nothing at all (a wrapper whose class happens to say `banner`), the body is
//! written again with only the hard rules (scripts, styles, forms, hidden elements).
//!
//! # Header block: label/value pairs
//! Every label is written on its own line as the page's label text (whitespace collapsed) with a
//! `:` added when absent, and its value on the following line(s), so the text parser always sees
//! the 2014-style `Label:` / value layout, whatever period the page is from. A label without a
//! value gives the label line alone; an empty label gives no line. Labels are recognised in these
//! shapes:
//! - `<dt>` of a definition list (`<dd>` is the value);
//! - a table row `<tr><th>Label</th><td>value</td></tr>`, or `<tr><td>Label</td><td>value</td></tr>`
//!   in a table whose rows all have exactly two cells (other tables: one line per row, cells joined
//!   with ` | `);
//! - an element whose class names it a label (a class token `label`, or ending in `-label`,
//!   `_label`, `label`, `-key`, `-term`, `-rubrik`), or a `<label>` element: the rest of its
//!   container, or the next sibling, is the value (a `<p>` in a value is a line of it, not a
//!   paragraph). Headings are never labels, and a label class inside a heading is a badge;
//! - `<strong>`/`<b>` opening its block with text ending in `:` and followed by inline content on
//!   the same line (`<p><strong>Projektägare:</strong> Bjurholms kommun</p>`);
//! - a `div` or `li` whose only content is a `<strong>`/`<b>` followed by one other element
//!   (`<div><strong>Projektfas</strong><span>Genomförande</span></div>`).
//!
//! Containers of such pairs (a `p` or `li` around a pair) are written without the blank line or
//! bullet they would otherwise get, so the header block stays one run of lines.
//!
//! # Text
//! Entities are decoded (by html5ever). Runs of HTML whitespace (space, tab, CR, LF, FF) inside
//! inline text collapse to one space, and lines are trimmed of them at both ends; U+00A0 and other
//! non-HTML whitespace are kept as written (amounts use `&nbsp;` as thousands separator). `pre`
//! keeps its line breaks. At most one blank line is written in a row. Inside a list item, line
//! breaks become spaces so that each item is one `  • item` line (nested lists indent two more
//! spaces per level). Other C0 control characters are dropped.
//!
//! # Robustness
//! Nothing here panics on any input. The tree is walked with an explicit cursor (no recursion), so
//! 100 000 nested elements cannot overflow the stack; every look-around (siblings, children) is
//! bounded, so the walk is linear in the size of the page. html5ever itself is not linear in the
//! nesting depth (every start tag walks the stack of open elements: 100 000 nested `div`s take
//! seconds, a 50 MB page of them would take hours), so before parsing, a lexical pass drops the
//! tags that would nest deeper than [`MAX_DEPTH`] (512; real pages nest a few dozen deep), keeping
//! their text. A 50 MB page renders in about a second (release build). Input without any `<` is not
//! HTML: it is returned with its line structure (line endings normalised to `\n`), so that a text
//! sheet handed here by mistake still reads.

use scraper::{ElementRef, Html, Node};

/// `ego_tree::NodeRef<'a, Node>`, named through scraper (which does not re-export `ego_tree`).
type NodeRef<'a> = <ElementRef<'a> as std::ops::Deref>::Target;

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "form",
    "button", "input", "select", "textarea", "option", "optgroup", "datalist", "output",
    "progress", "meter", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "canvas", "audio", "video", "picture", "source", "track", "img", "image", "map", "area",
    "dialog", "param",
];

/// Words in `id`, `class` or `aria-label` that mark site chrome.
const CHROME_WORDS: &[&str] = &[
    "cookie",
    "banner",
    "consent",
    "notice",
    "alert",
    "skip",
    "breadcrumb",
    "menu",
    "meny",
    "kakor",
    "samtycke",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader",
    "screenreader",
];

/// `role` values that mark site chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "alert",
    "alertdialog",
    "dialog",
    "search",
    "menu",
    "menubar",
    "tooltip",
];

/// Elements that start and end a line (besides those with their own rule below).
const BLOCKS: &[&str] = &[
    "html",
    "body",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "figure",
    "figcaption",
    "address",
    "center",
    "details",
    "summary",
    "fieldset",
    "legend",
    "hgroup",
    "caption",
    "dd",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "search",
];

/// Deepest element nesting handed to html5ever, whose tree construction takes time proportional to
/// the depth for every tag (scope checks walk the stack of open elements): 100 000 nested `div`s
/// take seconds, a 50 MB page of them hours. Real pages nest a few dozen deep.
const MAX_DEPTH: usize = 512;

/// How far look-arounds (siblings, children) go; keeps the walk linear on pathological input.
const LOOK: usize = 16;

/// The text rendering of a project-bank HTML page; see the module docs for the mapping.
pub(crate) fn sheet_text(html: &str) -> String {
    if !html.contains('<') {
        return plain_text(html);
    }
    let html = limit_depth(html, MAX_DEPTH);
    render(&Html::parse_document(&html))
}

/// The text rendering of a parsed page.
fn render(doc: &Html) -> String {
    let root = doc.tree.root();

    let mut main = None;
    let mut role_main = None;
    let mut article = None;
    let mut body = None;
    let mut first_h1 = None;
    for node in root.descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        match el.name() {
            "main" if main.is_none() => main = Some(node),
            "article" if article.is_none() => article = Some(node),
            "body" if body.is_none() => body = Some(node),
            "h1" if first_h1.is_none() => first_h1 = Some(node),
            _ => {}
        }
        if role_main.is_none()
            && el
                .attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main"))
        {
            role_main = Some(node);
        }
    }

    for start in [main, role_main, article, body].into_iter().flatten() {
        let mut w = Writer::new(Rules::Chrome, first_h1);
        if let Some(h1) = first_h1
            && !is_ancestor(start, h1)
            && !subtree_has(start, "h1")
            && !inside_chrome(h1)
        {
            walk(h1, &mut w);
        }
        walk(start, &mut w);
        let text = w.finish();
        if !text.is_empty() {
            return text;
        }
    }
    // Nothing survived the chrome rules: write the whole body with only the hard rules.
    let mut w = Writer::new(Rules::Hard, first_h1);
    walk(body.unwrap_or(root), &mut w);
    w.finish()
}

/// Elements commonly left unclosed (`<p>a<p>b`, `<li>`), not counted as nesting by [`limit_depth`].
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rtc", "rp",
    "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// Void elements: no end tag, no nesting.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "image", "basefont", "bgsound",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Drops the start tags (and their matching end tags) that would nest elements deeper than
/// `max_depth`, by a lexical count of tags, keeping all text. Borrowed when nothing is dropped,
/// which is every real page; the count is approximate (implied end tags are not modelled, hence
/// [`IMPLIED_END`]), which only matters for pages deep enough to be dropped from anyway.
fn limit_depth(html: &str, max_depth: usize) -> std::borrow::Cow<'_, str> {
    if scan_depth(html, max_depth, None) <= max_depth {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan_depth(html, max_depth, Some(&mut out));
    std::borrow::Cow::Owned(out)
}

/// One pass of [`limit_depth`]: the deepest nesting seen (capped at `max_depth + 1`); with `out`,
/// writes the input less the tags beyond `max_depth`.
fn scan_depth(html: &str, max_depth: usize, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut dropped = 0usize;
    let mut copied = 0usize; // bytes of `html` before this index are written (or dropped)
    let mut foreign = 0usize; // open `svg`/`math` elements
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, i + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let is_end = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(is_end);
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if matches!(rest.get(1), Some(b'!' | b'?')) {
                i = find(bytes, i + 2, b">").map_or(bytes.len(), |e| e + 1);
            } else {
                i += 1;
            }
            continue;
        }
        let mut name_end = name_start;
        while name_end < bytes.len()
            && !bytes[name_end].is_ascii_whitespace()
            && !matches!(bytes[name_end], b'/' | b'>')
        {
            name_end += 1;
        }
        let tag_end = tag_end(bytes, name_end);
        let name = html[name_start..name_end].to_ascii_lowercase();
        // `<x/>` closes itself only in SVG and MathML; `<div/>` opens a `div`.
        let self_closing = foreign > 0 && tag_end >= 2 && bytes[tag_end - 2] == b'/';
        if matches!(name.as_str(), "svg" | "math") {
            if is_end {
                foreign = foreign.saturating_sub(1);
            } else if !(tag_end >= 2 && bytes[tag_end - 2] == b'/') {
                foreign += 1;
            }
        }
        let mut drop_tag = false;
        if is_end {
            if !IMPLIED_END.contains(&name.as_str()) && !VOID.contains(&name.as_str()) {
                if dropped > 0 {
                    dropped -= 1;
                    drop_tag = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            // Skip the element's text: a `<` in a script is not a tag.
            let close = format!("</{name}");
            i = find_ci(bytes, tag_end, close.as_bytes())
                .map_or(bytes.len(), |at| self::tag_end(bytes, at + close.len()));
            continue;
        } else if !self_closing
            && !IMPLIED_END.contains(&name.as_str())
            && !VOID.contains(&name.as_str())
        {
            if depth >= max_depth {
                dropped += 1;
                drop_tag = true;
                deepest = max_depth + 1;
                if out.is_none() {
                    return deepest;
                }
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        if drop_tag && let Some(out) = out.as_deref_mut() {
            out.push_str(&html[copied..i]);
            copied = tag_end;
        }
        i = tag_end;
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    deepest
}

/// The index just past the `>` ending a tag whose name ends at `from` (a quoted attribute value
/// may hold `>`).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_eq = false;
    while i < bytes.len() {
        let b = bytes[i];
        if after_eq && (b == b'"' || b == b'\'') {
            i = find(bytes, i + 1, &[b]).map_or(bytes.len(), |e| e + 1);
            after_eq = false;
            continue;
        }
        if b == b'>' {
            return i + 1;
        }
        if b == b'=' {
            after_eq = true;
        } else if !b.is_ascii_whitespace() {
            after_eq = false;
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Input that is not HTML at all: kept line by line.
fn plain_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 1);
    for ch in text.chars() {
        if ch == '\n' || ch == '\t' || !ch.is_control() || !ch.is_ascii() {
            out.push(ch);
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn is_ancestor(ancestor: NodeRef<'_>, node: NodeRef<'_>) -> bool {
    node.ancestors().any(|a| a == ancestor)
}

fn subtree_has(start: NodeRef<'_>, name: &str) -> bool {
    start
        .descendants()
        .any(|n| n.value().as_element().is_some_and(|e| e.name() == name))
}

/// Whether an ancestor of the page's `h1` is dropped or chrome (a `header`, `footer` or banner
/// around a title is not).
fn inside_chrome(h1: NodeRef<'_>) -> bool {
    h1.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|e| hard_dropped(e) || chrome_dropped(e, false, || true))
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// Everything in the module docs.
    Chrome,
    /// Only [`hard_dropped`]: scripts, styles, forms, media and hidden elements.
    Hard,
}

/// Whether an element is dropped with its subtree whatever the rules: scripts, styles, forms,
/// media, hidden elements.
fn hard_dropped(el: &scraper::node::Element) -> bool {
    if DROPPED.contains(&el.name()) || el.attr("hidden").is_some() {
        return true;
    }
    if el
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_ascii_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Whether an element is site chrome (navigation, site header and footer, cookie and banner
/// blocks). `holds_title` tells (lazily) whether the element holds the page's `h1`: then a
/// `banner` (a hero banner around the title) and a `header`/`footer` are not chrome.
fn chrome_dropped(
    el: &scraper::node::Element,
    in_content: bool,
    holds_title: impl Fn() -> bool,
) -> bool {
    let name = el.name();
    if name == "nav" || (name == "a" && el.attr("hreflang").is_some()) {
        return true;
    }
    let mut banner_only = true;
    let mut chrome = false;
    if matches!(name, "header" | "footer") && !in_content {
        chrome = true;
    }
    if let Some(role) = el.attr("role") {
        for r in role.to_ascii_lowercase().split_ascii_whitespace() {
            if CHROME_ROLES.contains(&r) {
                chrome = true;
                banner_only &= r == "banner";
            }
        }
    }
    for attr in ["id", "class", "aria-label"] {
        if let Some(v) = el.attr(attr) {
            let v = v.to_lowercase();
            for word in CHROME_WORDS {
                if v.contains(word) {
                    chrome = true;
                    banner_only &= *word == "banner";
                }
            }
        }
    }
    chrome && !(banner_only && holds_title())
}

/// Whether a class attribute names its element a label.
fn label_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|token| {
        let t = token.to_ascii_lowercase();
        t == "label"
            || t.ends_with("label")
            || t.ends_with("-key")
            || t.ends_with("_key")
            || t.ends_with("-term")
            || t.ends_with("_term")
            || t.ends_with("-rubrik")
            || t.ends_with("_rubrik")
            || t == "key"
            || t == "term"
            || t == "rubrik"
    })
}

/// A node that counts as content (an element, or text that is not only HTML whitespace).
fn significant(node: NodeRef<'_>) -> bool {
    match node.value() {
        Node::Element(_) => true,
        Node::Text(t) => !t.chars().all(is_html_space),
        _ => false,
    }
}

fn element_name<'a>(node: NodeRef<'a>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Inline elements: allowed as the value next to a `<strong>` label.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "font"
    )
}

/// The first `LOOK` significant children of a node.
fn significant_children<'a>(node: NodeRef<'a>) -> Vec<NodeRef<'a>> {
    node.children()
        .take(4 * LOOK)
        .filter(|c| significant(*c))
        .take(LOOK)
        .collect()
}

/// Whether a `<strong>`/`<b>` is a label: it opens its block, its own text ends with `:`, and
/// inline content follows it on the same line; or it is one of exactly two elements of a `div`/`li`.
fn strong_is_label(node: NodeRef<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return false;
    };
    let Some(parent_name) = element_name(parent) else {
        return false;
    };
    if !matches!(parent_name, "p" | "div" | "li" | "dd" | "td" | "span") {
        return false;
    }
    let kids = significant_children(parent);
    if kids.first() != Some(&node) {
        return false;
    }
    let Some(next) = kids.get(1).copied() else {
        return false;
    };
    let next_inline = match next.value() {
        Node::Text(_) => true,
        Node::Element(e) => is_inline(e.name()),
        _ => false,
    };
    if !next_inline {
        return false;
    }
    // The label's own text: its direct text children (bounded).
    let own: String = node
        .children()
        .take(LOOK)
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .collect();
    let own = own.trim_matches(is_html_space);
    if own.is_empty() || own.chars().count() > 100 {
        return false;
    }
    if own.ends_with(':') {
        return true;
    }
    // `<div><strong>Projektfas</strong><span>Genomförande</span></div>`
    matches!(parent_name, "div" | "li") && kids.len() == 2 && next.value().as_element().is_some()
}

/// Whether an element is a label (the start of a label/value pair). `kv_table` tells whether the
/// innermost table is a two-column key/value table.
fn is_label(el: &scraper::node::Element, node: NodeRef<'_>, kv_table: bool) -> bool {
    match el.name() {
        "dt" | "label" => return true,
        "th" | "td" => return cell_is_label(node, el.name() == "th", kv_table),
        "strong" | "b" if strong_is_label(node) => return true,
        _ => {}
    }
    el.attr("class").is_some_and(label_class)
}

/// A table cell that is a row's label: the first of a row's two cells, a `th` beside a `td`, or a
/// `td` in a table whose rows all have two cells.
fn cell_is_label(node: NodeRef<'_>, is_th: bool, kv_table: bool) -> bool {
    let Some(row) = node.parent() else {
        return false;
    };
    let mut cells = Vec::with_capacity(3);
    for c in row.children().take(4 * LOOK) {
        if let Some(name) = element_name(c)
            && matches!(name, "td" | "th")
        {
            cells.push((c, name == "th"));
            if cells.len() > 2 {
                break;
            }
        }
    }
    if cells.len() != 2 || cells[0].0 != node {
        return false;
    }
    let value_is_td = !cells[1].1;
    if is_th { value_is_td } else { kv_table }
}

/// Whether every row of a table (directly or in `thead`/`tbody`/`tfoot`) has exactly two cells.
fn is_kv_table(table: NodeRef<'_>) -> bool {
    let mut rows = 0usize;
    let mut check_row = |row: NodeRef<'_>| -> bool {
        let cells = row
            .children()
            .filter(|c| element_name(*c).is_some_and(|n| matches!(n, "td" | "th")))
            .take(3)
            .count();
        if cells == 0 {
            return true;
        }
        rows += 1;
        cells == 2
    };
    for child in table.children() {
        match element_name(child) {
            Some("tr") if !check_row(child) => return false,
            Some("thead" | "tbody" | "tfoot") => {
                for row in child.children() {
                    if element_name(row) == Some("tr") && !check_row(row) {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    rows > 0
}

/// The significant sibling before a node, if within reach.
fn prev_significant(node: NodeRef<'_>) -> Option<NodeRef<'_>> {
    let mut sib = node.prev_sibling();
    for _ in 0..4 * LOOK {
        let s = sib?;
        if significant(s) {
            return Some(s);
        }
        sib = s.prev_sibling();
    }
    None
}

/// Whether a `p` is (part of) a label's value (`<dd><p>…</p></dd>`, `<td><p>…</p></td>`,
/// `<span class=label>…</span><p>…</p>`, `<div class=label>…</div><div><p>…</p></div>`): then it
/// is a line of the header block, without blank lines around it.
fn in_value(node: NodeRef<'_>, kv_table: bool) -> bool {
    let is_label_node = |n: NodeRef<'_>| {
        n.value()
            .as_element()
            .is_some_and(|e| is_label(e, n, kv_table))
    };
    let Some(parent) = node.parent() else {
        return false;
    };
    if matches!(element_name(parent), Some("dd" | "dt" | "td" | "th")) {
        return true;
    }
    prev_significant(node).is_some_and(is_label_node)
        || prev_significant(parent).is_some_and(is_label_node)
}

/// Whether a `p` or `li` holds a label/value pair (then it gets no blank line or bullet).
fn holds_pair(node: NodeRef<'_>, kv_table: bool) -> bool {
    significant_children(node).first().is_some_and(|first| {
        first
            .value()
            .as_element()
            .is_some_and(|e| is_label(e, *first, kv_table))
    })
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Walks the subtree of `start` (inclusive) with an explicit cursor, writing it to `w`.
fn walk<'a>(start: NodeRef<'a>, w: &mut Writer<'a>) {
    let mut node = start;
    'outer: loop {
        if w.open(node, node == start) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            w.close();
        }
        loop {
            if node == start {
                break 'outer;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'outer;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    w.close();
                }
                None => break 'outer,
            }
        }
    }
}

/// What closing an opened element does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Close {
    Nothing,
    Line,
    Blank,
    Heading,
    Label,
    List,
    Item,
    Table,
    Pre,
    Content,
    PairItem,
}

struct Writer<'a> {
    rules: Rules,
    /// The page's first `h1`.
    title: Option<NodeRef<'a>>,
    out: String,
    line: String,
    /// Whether `line` holds text (not only a bullet prefix).
    line_has_text: bool,
    pending_space: bool,
    /// Indentation of the bullet the next text starts with.
    pending_bullet: Option<usize>,
    stack: Vec<Close>,
    pre: usize,
    /// Open headings: inside one, a `label` class is a badge, not a label.
    headings: usize,
    lists: usize,
    items: usize,
    content: usize,
    /// Key/value-ness of the open tables, innermost last.
    tables: Vec<bool>,
}

impl<'a> Writer<'a> {
    fn new(rules: Rules, title: Option<NodeRef<'a>>) -> Self {
        Writer {
            rules,
            title,
            out: String::new(),
            line: String::new(),
            line_has_text: false,
            pending_space: false,
            pending_bullet: None,
            stack: Vec::new(),
            pre: 0,
            headings: 0,
            lists: 0,
            items: 0,
            content: 0,
            tables: Vec::new(),
        }
    }

    /// Handles a node on the way down; `true` if it was opened (its children follow, then
    /// [`Writer::close`]).
    fn open(&mut self, node: NodeRef<'a>, is_start: bool) -> bool {
        let el = match node.value() {
            Node::Text(t) => {
                self.text(t);
                return false;
            }
            Node::Document | Node::Fragment => {
                self.stack.push(Close::Nothing);
                return true;
            }
            Node::Element(el) => el,
            _ => return false,
        };
        let name = el.name();
        if !is_start
            && (hard_dropped(el)
                || self.rules == Rules::Chrome
                    && chrome_dropped(el, self.content > 0, || {
                        self.title.is_some_and(|t| is_ancestor(node, t))
                    }))
        {
            return false;
        }
        let kv = self.tables.last().copied().unwrap_or(false);
        let close = match name {
            "br" => {
                self.hard_break();
                return false;
            }
            "hr" => {
                self.blank();
                return false;
            }
            "wbr" => return false,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.blank();
                self.headings += 1;
                Close::Heading
            }
            // Before `p`, `li`, cells...: `<p class="label">`, `<li class="label">` are labels.
            _ if self.headings == 0 && is_label(el, node, kv) => {
                self.break_line();
                self.pending_bullet = None;
                Close::Label
            }
            "p" => {
                if self.items > 0 || holds_pair(node, kv) || in_value(node, kv) {
                    self.break_line();
                    Close::Line
                } else {
                    self.blank();
                    Close::Blank
                }
            }
            "ul" | "ol" | "menu" | "dir" => {
                if self.items > 0 {
                    self.break_line();
                } else {
                    self.blank();
                }
                self.lists += 1;
                Close::List
            }
            "li" => {
                self.break_line();
                if holds_pair(node, kv) {
                    Close::PairItem
                } else {
                    self.pending_bullet = Some(2 * self.lists.max(1));
                    self.items += 1;
                    Close::Item
                }
            }
            "dl" => {
                self.blank();
                Close::Blank
            }
            "table" => {
                self.blank();
                self.tables.push(is_kv_table(node));
                Close::Table
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.blank();
                self.pre += 1;
                Close::Pre
            }
            "th" | "td" => {
                if is_label(el, node, kv) {
                    self.break_line();
                    Close::Label
                } else {
                    if self.line_has_text {
                        self.line.push_str(" |");
                        self.pending_space = true;
                    }
                    Close::Nothing
                }
            }
            "main" | "article" | "section" => {
                self.break_line();
                self.content += 1;
                Close::Content
            }
            _ if el
                .attr("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main")) =>
            {
                self.break_line();
                self.content += 1;
                Close::Content
            }
            _ if BLOCKS.contains(&name) => {
                self.break_line();
                Close::Line
            }
            _ => Close::Nothing,
        };
        self.stack.push(close);
        true
    }

    fn close(&mut self) {
        let Some(close) = self.stack.pop() else {
            return;
        };
        match close {
            Close::Nothing => {}
            Close::Line | Close::PairItem => self.break_line(),
            Close::Blank => self.blank(),
            Close::Heading => {
                self.headings = self.headings.saturating_sub(1);
                self.blank();
            }
            Close::Label => self.end_label(),
            Close::List => {
                self.lists = self.lists.saturating_sub(1);
                if self.items > 0 {
                    self.break_line();
                } else {
                    self.blank();
                }
            }
            Close::Item => {
                self.break_line();
                self.pending_bullet = None;
                self.items = self.items.saturating_sub(1);
            }
            Close::Table => {
                self.tables.pop();
                self.blank();
            }
            Close::Pre => {
                self.pre = self.pre.saturating_sub(1);
                self.blank();
            }
            Close::Content => {
                self.content = self.content.saturating_sub(1);
                self.break_line();
            }
        }
    }

    fn text(&mut self, text: &str) {
        for ch in text.chars() {
            if self.pre > 0 && ch == '\n' {
                self.hard_break();
            } else if self.pre > 0 && ch == '\r' {
                // `\r\n` and lone `\r` were normalised by the tokenizer; nothing to do.
            } else if is_html_space(ch) {
                self.pending_space = true;
            } else if ch.is_control() && ch.is_ascii() {
                // other C0 controls carry nothing
            } else {
                self.push_char(ch);
            }
        }
    }

    fn push_char(&mut self, ch: char) {
        if !self.line_has_text {
            if let Some(indent) = self.pending_bullet.take() {
                self.line.extend(std::iter::repeat_n(' ', indent));
                self.line.push_str("• ");
            }
        } else if self.pending_space {
            self.line.push(' ');
        }
        self.pending_space = false;
        self.line.push(ch);
        self.line_has_text = true;
    }

    fn break_line(&mut self) {
        if self.line_has_text {
            self.out.push_str(self.line.trim_end_matches(is_html_space));
            self.out.push('\n');
        }
        self.line.clear();
        self.line_has_text = false;
        self.pending_space = false;
    }

    /// `<br>`: ends the line; a `<br>` on an empty line makes a blank line. Inside a list item,
    /// a space (an item stays on one line).
    fn hard_break(&mut self) {
        if self.items > 0 && self.pre == 0 {
            self.pending_space = true;
        } else if self.line_has_text {
            self.break_line();
        } else {
            self.break_line();
            self.blank_line_only();
        }
    }

    /// Ends the line and makes sure a blank line follows what was written.
    fn blank(&mut self) {
        self.break_line();
        self.blank_line_only();
    }

    fn blank_line_only(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn end_label(&mut self) {
        if self.line_has_text {
            let trimmed_len = self.line.trim_end_matches(is_html_space).len();
            self.line.truncate(trimmed_len);
            if !self.line.ends_with(':') {
                self.line.push(':');
            }
        }
        self.break_line();
    }

    fn finish(mut self) -> String {
        self.break_line();
        let len = self.out.trim_end_matches('\n').len();
        self.out.truncate(len);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>")
    }

    #[test]
    fn title_headings_paragraphs() {
        let html = page(
            "<main><h1>Kraftverket</h1><h2>Sammanfattning</h2><p>Ett stycke.</p><p>Ett till.</p>\
             <h3>Underrubrik</h3><p>Sista.</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "Kraftverket\n\nSammanfattning\n\nEtt stycke.\n\nEtt till.\n\nUnderrubrik\n\nSista.\n"
        );
    }

    #[test]
    fn inline_markup_and_whitespace_collapse() {
        let html = page(
            "<main><p>\n   Ett <em>två</em>\n\t <strong>tre <a href='#'>fyra</a></strong>fem\n   \
             <span><span><b>sex</b></span></span>  </p></main>",
        );
        assert_eq!(sheet_text(&html), "Ett två tre fyrafem sex\n");
    }

    #[test]
    fn entities_decoded_and_nbsp_kept() {
        let html = page(
            "<main><p>Bj&ouml;rn &amp; &lt;b&gt; 3&nbsp;742&nbsp;943&#160;kr&nbsp;&nbsp;x &#x2013; &rdquo;</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "Björn & <b> 3\u{a0}742\u{a0}943\u{a0}kr\u{a0}\u{a0}x – ”\n"
        );
    }

    #[test]
    fn br_is_a_line_break() {
        let html = page("<main><p>Rad ett<br>Rad två<br/>\n<br>Nytt stycke</p><p>Sist</p></main>");
        assert_eq!(
            sheet_text(&html),
            "Rad ett\nRad två\n\nNytt stycke\n\nSist\n"
        );
    }

    #[test]
    fn lists_are_bullet_lines() {
        let html = page(
            "<main><h2>Kommun</h2><ul><li>Bjuv</li><li> Lund <br>stad</li><li><p>Malmö</p></li>\
             <li>Skåne<ul><li>Ystad</li></ul></li></ul><ol><li>Ett</li></ol><p>Efter</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "Kommun\n\n  • Bjuv\n  • Lund stad\n  • Malmö\n  • Skåne\n    • Ystad\n\n  • Ett\n\nEfter\n"
        );
    }

    #[test]
    fn div_span_pairs() {
        let html = page(
            "<main><h1>T</h1><div class='facts'>\
             <div class='row'><span class='facts__label'>Projektägare</span><span>Bjurholms kommun</span></div>\
             <div class='row'><span class='label'>Region:</span> <span>Övre Norrland</span></div>\
             <div class='row'><strong>Projektfas</strong><span>Genomförande</span></div>\
             <div class='row'><span class='facts__label'>Stödmottagarens address</span><span></span></div>\
             <div class='row'><span class='facts__label'> </span><span>utan etikett</span></div>\
             </div><h2>Sammanfattning</h2><p>Text.</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "T\n\nProjektägare:\nBjurholms kommun\nRegion:\nÖvre Norrland\nProjektfas:\nGenomförande\n\
             Stödmottagarens address:\nutan etikett\n\nSammanfattning\n\nText.\n"
        );
    }

    #[test]
    fn strong_label_with_colon() {
        let html = page(
            "<main><h1>T</h1><p><strong>Projektnummer:</strong> 2015/00646</p>\
             <p><b>Region:</b><span>Norra Mellansverige</span></p>\
             <div><strong>Stödmottagarens address:</strong></div>\
             <p><strong>Målet är:</strong><br>-50 % i arbete.</p>\
             <p><strong>Behov och problem</strong> I bakgrunden.</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "T\n\nProjektnummer:\n2015/00646\nRegion:\nNorra Mellansverige\nStödmottagarens address:\n\n\
             Målet är:\n-50 % i arbete.\n\nBehov och problem I bakgrunden.\n"
        );
    }

    #[test]
    fn key_value_tables() {
        let th = page(
            "<main><h1>T</h1><table><tbody><tr><th>Projektfas</th><td>Genomförande</td></tr>\
             <tr><th scope=row>Region:</th><td><a href='#'>Sydsverige</a></td></tr></tbody></table>\
             <h2>S</h2></main>",
        );
        assert_eq!(
            sheet_text(&th),
            "T\n\nProjektfas:\nGenomförande\nRegion:\nSydsverige\n\nS\n"
        );
        let td = page(
            "<main><table><tr><td>A</td><td>1</td></tr><tr><td>B</td><td></td></tr></table></main>",
        );
        assert_eq!(sheet_text(&td), "A:\n1\nB:\n");
        let grid = page(
            "<main><table><tr><th>År</th><th>Kostnad</th><th>Stöd</th></tr>\
             <tr><td>2011</td><td>10</td><td>5</td></tr></table></main>",
        );
        assert_eq!(sheet_text(&grid), "År | Kostnad | Stöd\n2011 | 10 | 5\n");
    }

    #[test]
    fn definition_lists() {
        let html = page(
            "<main><h1>T</h1><dl><dt>Projektägare</dt><dd>Kävlinge Lärcentrum</dd>\
             <div><dt>E-post:</dt><dd><a href='mailto:x@y.se'>x@y.se</a></dd></div>\
             <dt>Tom</dt><dd></dd><dt></dt><dd>Ingen etikett</dd></dl><p>Efter</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "T\n\nProjektägare:\nKävlinge Lärcentrum\nE-post:\nx@y.se\nTom:\nIngen etikett\n\nEfter\n"
        );
    }

    #[test]
    fn paragraphs_in_values_stay_in_the_header_block() {
        let html = page(
            "<main><h1>T</h1><dl><dt>Projektägare</dt><dd><p>Kävlinge Lärcentrum</p></dd>\
             <dt>Region</dt><dd><p>Sydsverige</p></dd></dl>\
             <table><tr><th>Projektfas</th><td><p>Genomförande</p></td></tr></table>\
             <div class='row'><div class='field-label'>Kontaktperson</div>\
             <div class='field-value'><p>Christer Stenberg</p></div></div>\
             <div><span class='label'>E-post</span><p>c@k.se</p></div>\
             <h2>Sammanfattning</h2><p>Text.</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "T\n\nProjektägare:\nKävlinge Lärcentrum\nRegion:\nSydsverige\n\nProjektfas:\n\
             Genomförande\n\nKontaktperson:\nChrister Stenberg\nE-post:\nc@k.se\n\nSammanfattning\n\nText.\n"
        );
    }

    #[test]
    fn labels_and_values_as_paragraphs() {
        let html = page(
            "<main><h1>T</h1><div class='facts'><p class='field-label'>Projektägare</p>\
             <p class='field-value'>Henric Burak AB</p><p class='field-label'>Region</p>\
             <p class='field-value'>Östra Mellansverige</p></div><p>Text.</p></main>",
        );
        assert_eq!(
            sheet_text(&html),
            "T\n\nProjektägare:\nHenric Burak AB\nRegion:\nÖstra Mellansverige\n\nText.\n"
        );
        // A heading stays a heading, whatever its class says.
        let html = page("<main><h2 class='section-label'>Syfte</h2><p>Text.</p></main>");
        assert_eq!(sheet_text(&html), "Syfte\n\nText.\n");
    }

    #[test]
    fn a_label_class_in_a_heading_is_a_badge() {
        let html =
            page("<main><h1>Klara <span class='label label-success'>Avslutat</span></h1></main>");
        assert_eq!(sheet_text(&html), "Klara Avslutat\n");
    }

    #[test]
    fn list_items_holding_pairs_get_no_bullet() {
        let html = page(
            "<main><ul class='facts'><li><span class='label'>Region</span><span>Stockholm</span></li>\
             <li><strong>Fas:</strong> Avslutat</li></ul></main>",
        );
        assert_eq!(sheet_text(&html), "Region:\nStockholm\nFas:\nAvslutat\n");
    }

    #[test]
    fn chrome_is_skipped() {
        let html = page(
            "<a class='skip-link' href='#m'>Hoppa till innehållet</a>\
             <header class='site'><img alt='Logotyp på utskrifter'><nav><a>Start</a></nav></header>\
             <div id='cookie-consent'><p>Vi använder kakor</p><button>OK</button></div>\
             <main id='m'>\
             <div class='alert-banner'><button>Stäng</button><p>3 december - Webbinarium</p></div>\
             <div role='alert'>Varning</div><div class='notice'>Covid</div>\
             <nav aria-label='Brödsmulor'><a>Hem</a></nav><ol class='breadcrumb'><li>Hem</li></ol>\
             <article><header><h1>Titel</h1></header>\
             <script>var a = '<p>inte text</p>';</script><style>p { color: red }</style>\
             <noscript>Aktivera JavaScript</noscript><template><p>mall</p></template>\
             <p hidden>dold</p><p aria-hidden='true'>dold</p><p style='display: none'>dold</p>\
             <span class='sr-only'>skärmläsare</span>\
             <p><a href='/en/' hreflang='en'>In English</a></p>\
             <form><label>Sök</label><input value='x'><select><option>A</option></select></form>\
             <p>Innehåll</p><footer>Senast uppdaterad 2020</footer></article>\
             <div aria-label='Meny'>meny</div><div role='navigation'>nav</div></main>\
             <footer class='site-footer'>Svenska ESF-rådet</footer>",
        );
        assert_eq!(
            sheet_text(&html),
            "Titel\n\nInnehåll\n\nSenast uppdaterad 2020\n"
        );
    }

    #[test]
    fn main_content_is_found() {
        // `main` wins over what is around it.
        let html = page("<div>Sidhuvud</div><main><p>Innehåll</p></main><div>Sidfot</div>");
        assert_eq!(sheet_text(&html), "Innehåll\n");
        // `[role=main]`, then `article`.
        let html = page("<div>Runt</div><div role='main'><p>Roll</p></div>");
        assert_eq!(sheet_text(&html), "Roll\n");
        let html = page("<div>Runt</div><article><p>Artikel</p></article>");
        assert_eq!(sheet_text(&html), "Artikel\n");
        // No landmark: the body, less its site header and footer.
        let html = page("<header>Sajt</header><h1>Titel</h1><p>Text</p><footer>Fot</footer>");
        assert_eq!(sheet_text(&html), "Titel\n\nText\n");
        // An empty `main` falls back to the body.
        let html = page("<main></main><h1>Titel</h1>");
        assert_eq!(sheet_text(&html), "Titel\n");
        // The title in a page header above `main`.
        let html =
            page("<header class='page-header'><h1>Titel</h1></header><main><p>Text</p></main>");
        assert_eq!(sheet_text(&html), "Titel\n\nText\n");
        // A hero banner around the title is not chrome; a cookie box is.
        let html = page(
            "<main><div class='project-banner'><h1>Titel</h1><p>Ingress</p></div>\
             <div class='cookie-banner'><p>Kakor</p></div><p>Text</p></main>",
        );
        assert_eq!(sheet_text(&html), "Titel\n\nIngress\n\nText\n");
        let html = page("<div role='banner'><h1>Titel</h1></div><main><p>Text</p></main>");
        assert_eq!(sheet_text(&html), "Titel\n\nText\n");
        // ... but not an h1 of chrome.
        let html = page("<div class='cookie'><h1>Kakor</h1></div><main><p>Text</p></main>");
        assert_eq!(sheet_text(&html), "Text\n");
    }

    #[test]
    fn everything_chrome_falls_back_to_hard_rules() {
        let html = page("<div class='page-with-banner'><h1>Titel</h1><script>x</script></div>");
        assert_eq!(sheet_text(&html), "Titel\n");
    }

    #[test]
    fn pre_keeps_lines() {
        let html = page("<main><pre>a  b\n  c\n</pre><p>d</p></main>");
        assert_eq!(sheet_text(&html), "a b\nc\n\nd\n");
    }

    #[test]
    fn deeply_nested_input_does_not_overflow() {
        let n = 100_000;
        for (open, close) in [
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<b>", "</b>"),
            ("<ul><li>", "</li></ul>"),
            ("<table><tr><td>", "</td></tr></table>"),
            ("<dl><dt>", "</dt></dl>"),
            ("<p><a>", "</a></p>"),
            ("<div/>", ""),
        ] {
            let html = format!("{}djup{}", open.repeat(n), close.repeat(n));
            let text = sheet_text(&html);
            assert!(
                text.contains("djup"),
                "{open}: {:?}",
                &text[..text.len().min(80)]
            );
            let unclosed = format!("{}djup", open.repeat(n));
            assert!(sheet_text(&unclosed).contains("djup"), "{open} unclosed");
        }
    }

    /// The walk itself on a tree 100 000 elements deep (built directly: html5ever would take
    /// seconds to build it, which is why [`limit_depth`] exists).
    #[test]
    fn walking_a_very_deep_tree_does_not_overflow() {
        let mut doc = Html::parse_document("<main><div class='label'>x</div></main>");
        let find = |doc: &Html, name: &str| {
            doc.tree
                .root()
                .descendants()
                .find(|n| element_name(*n) == Some(name))
                .map(|n| n.id())
                .unwrap()
        };
        let div_id = find(&doc, "div");
        let div = doc.tree.get(div_id).unwrap().value().clone();
        let mut id = find(&doc, "main");
        for _ in 0..100_000 {
            id = doc.tree.get_mut(id).unwrap().append(div.clone()).id();
        }
        let text = Node::Text(scraper::node::Text {
            text: scraper::StrTendril::from("djup"),
        });
        doc.tree.get_mut(id).unwrap().append(text);
        let out = render(&doc);
        assert!(out.contains("djup:"), "{}", &out[..out.len().min(80)]);
    }

    /// Lines compared modulo whitespace: each line trimmed, runs of blank lines as one, no blank
    /// lines at either end.
    fn normalised(lines: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for line in lines {
            let line = line.trim_matches(is_html_space);
            if !line.is_empty() || out.last().is_some_and(|l| !l.is_empty()) {
                out.push(line.to_string());
            }
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        out
    }

    fn read(path: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Each fixture renders as its text twin: the same title, every header pair glued back into
    /// the twin's `LabelValue` line, and the same body line for line (modulo whitespace).
    #[test]
    fn fixtures_render_as_their_text_twins() {
        for name in [
            "001_0e62bca8852f1a35",
            "002_2883a2fc11e8d12c",
            "003_2c740ab609feea10",
            "004_a9bc3cbe2c0d61c5",
        ] {
            let out = sheet_text(&read(&format!("tests/fixtures/{name}.html")));
            let twin = read(&format!("../../corpus/{name}.txt"));
            let out: Vec<&str> = out.lines().collect();
            let twin: Vec<&str> = twin.lines().collect();
            let header_start = twin
                .iter()
                .position(|l| l.starts_with("Programområde"))
                .unwrap();
            let english = twin.iter().position(|l| *l == "In English").unwrap();
            let title = twin[..header_start]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap();
            assert_eq!(out[0], *title, "{name}: title");
            assert_eq!(out[1], "", "{name}: blank line after the title");
            let header_end = 2 + out[2..].iter().position(|l| l.is_empty()).unwrap();
            let glued: Vec<String> = out[2..header_end]
                .chunks(2)
                .map(|pair| format!("{}{}", pair[0].trim_end_matches(':'), pair[1]))
                .collect();
            assert_eq!(glued, twin[header_start..english], "{name}: header");
            assert_eq!(
                normalised(&out[header_end..]),
                normalised(&twin[english + 1..]),
                "{name}: body"
            );
        }
        // 2014–2027 pages: the whole rendering is the twin from its title on.
        for name in [
            "05_ung-i-gavleborg",
            "07_klara",
            "08_forstudie-grona-rum-asf-mitt",
        ] {
            let out = sheet_text(&read(&format!("tests/fixtures/{name}.html")));
            let twin = read(&format!("../../corpus/excerpts/{name}.txt"));
            let twin: Vec<&str> = twin.lines().collect();
            let first_label = (2..twin.len())
                .find(|&k| twin[k].ends_with(':') && twin[k - 1].is_empty())
                .unwrap();
            let out: Vec<&str> = out.lines().collect();
            assert_eq!(
                normalised(&out),
                normalised(&twin[first_label - 2..]),
                "{name}"
            );
        }
    }

    #[test]
    fn depth_limit_only_touches_deep_input() {
        let shallow = page("<div><div><p>a<p>b</div></div><script>if (a < b) {}</script>");
        assert!(matches!(
            limit_depth(&shallow, 8),
            std::borrow::Cow::Borrowed(_)
        ));
        let icons = format!("<svg>{}</svg><p>x</p>", "<path d='M0 0'/>".repeat(100));
        assert!(matches!(
            limit_depth(&icons, 8),
            std::borrow::Cow::Borrowed(_)
        ));
        let slashed = "<div/>".repeat(20);
        assert_eq!(limit_depth(&slashed, 8).matches("<div").count(), 8);
        let deep = format!("{}x{}", "<div class='a>b'>".repeat(20), "</div>".repeat(20));
        let limited = limit_depth(&deep, 8);
        assert_eq!(limited.matches("<div").count(), 8);
        assert_eq!(limited.matches("</div>").count(), 8);
        assert!(limited.contains('x'));
    }

    #[test]
    fn garbage_does_not_panic() {
        for input in [
            "",
            "<",
            ">",
            "</",
            "<<<>>>",
            "<!--",
            "<!-- unclosed comment <p>x</p>",
            "<![CDATA[x]]>",
            "<?xml version='1.0'?><root><p>x</p></root>",
            "</p></br></div>",
            "<p <p <p",
            "<table><td>x<td>y</table></table>",
            "<html><html><body><body><main><main>",
            "<script>",
            "<style>",
            "<textarea>",
            "<plaintext>x",
            "<svg><foreignObject><p>x</p></foreignObject></svg>",
            "<math><mi>x</mi></math>",
            "<a href='x>y'>z</a>",
            "<div class=\"cookie\"",
            "\u{0}\u{1}\u{fffd}<p>\u{0}x</p>",
            "<p>\u{202e}\u{2028}\u{200b}</p>",
            "&#xD800;&#0;&#x110000;&bogus;&",
        ] {
            let _ = sheet_text(input);
        }
        let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        let _ = sheet_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn plain_text_keeps_its_lines() {
        assert_eq!(
            sheet_text("Titel\r\n\r\nProjektägare:\r\nX\r\n"),
            "Titel\n\nProjektägare:\nX\n"
        );
        assert_eq!(sheet_text(""), "");
    }

    #[test]
    fn control_characters_are_dropped() {
        let html = page("<main><p>a\u{1}b\u{7f}c\u{0}d\u{85}e</p></main>");
        assert_eq!(sheet_text(&html), "abcd\u{85}e\n");
    }

    #[test]
    fn huge_page_is_linear() {
        let para = "<p>Ett stycke med <em>lite</em> text &ouml; och&nbsp;mer.</p>\n";
        let html = page(&format!("<main><h1>T</h1>{}</main>", para.repeat(50_000)));
        let text = sheet_text(&html);
        assert_eq!(text.matches("Ett stycke").count(), 50_000);
    }

    const TAGS: &[&str] = &[
        "div", "p", "span", "b", "strong", "em", "a", "br", "h1", "h2", "h3", "ul", "ol", "li",
        "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "main", "article", "section",
        "header", "footer", "nav", "script", "style", "pre", "form", "button", "template", "label",
        "select", "option", "svg", "math", "noscript", "textarea", "title", "img", "hr", "body",
        "html", "head",
    ];
    const ATTRS: &[&str] = &[
        "",
        " class=\"label\"",
        " class=\"cookie-banner\"",
        " class=\"project-facts__label\"",
        " hidden",
        " aria-hidden=\"true\"",
        " role=\"main\"",
        " role=\"navigation\"",
        " style=\"display:none\"",
        " hreflang=\"en\"",
        " id=\"x\"",
        " class='a>b'",
    ];
    const TEXTS: &[&str] = &[
        "Projektägare",
        "Region:",
        " ",
        "\n",
        "&nbsp;",
        "&ouml;",
        "&amp",
        "3 742 943 kr",
        "•",
        "<",
        ">",
        "&",
        "<!--",
        "-->",
        "<![CDATA[",
        "\u{0}",
        "\u{a0}",
    ];

    fn tag_soup() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            (0..TAGS.len(), 0..ATTRS.len()).prop_map(|(t, a)| format!("<{}{}>", TAGS[t], ATTRS[a])),
            (0..TAGS.len()).prop_map(|t| format!("</{}>", TAGS[t])),
            (0..TEXTS.len()).prop_map(|t| TEXTS[t].to_string()),
            "[a-zåäö <>/=\"'&;!-]{0,12}",
        ];
        proptest::collection::vec(piece, 0..200).prop_map(|v| v.concat())
    }

    /// Inline chrome that may be dropped anywhere between tags without changing the rendering.
    const INLINE_CHROME: &[&str] = &[
        "<script>document.write('<p>x</p>')</script>",
        "<style>p { color: red }</style>",
        "<span hidden>dold</span>",
        "<span aria-hidden=\"true\">dold</span>",
        "<span class=\"sr-only\">skärmläsare</span>",
        "<span style=\"display: none\">dold</span>",
        "<button type=\"button\">Stäng</button>",
        "<a href=\"/en/\" hreflang=\"en\">In English</a>",
        "<input type=\"hidden\" name=\"x\" value=\"y\">",
        "<img src=\"x.png\" alt=\"Logotyp på utskrifter\">",
        "<!-- <p>kommentar</p> -->",
        "<noscript>Aktivera JavaScript</noscript>",
        "<template><p>mall</p></template>",
        "<svg><title>ikon</title><path d=\"M0 0\"/></svg>",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn inline_chrome_anywhere_changes_nothing(
            fixture in 0..3usize,
            inserts in proptest::collection::vec((any::<proptest::sample::Index>(), 0..INLINE_CHROME.len()), 1..8),
        ) {
            let name = ["001_0e62bca8852f1a35", "002_2883a2fc11e8d12c", "003_2c740ab609feea10"][fixture];
            let html = read(&format!("tests/fixtures/{name}.html"));
            let expected = sheet_text(&html);
            let start = html.find("<main").unwrap();
            let end = html.find("</main>").unwrap();
            let tags: Vec<usize> = html[start..end].match_indices('<').map(|(i, _)| start + i).collect();
            let mut at: Vec<(usize, &str)> = inserts
                .iter()
                .map(|(i, c)| (tags[i.index(tags.len())], INLINE_CHROME[*c]))
                .collect();
            at.sort();
            let mut changed = html.clone();
            for (pos, chrome) in at.iter().rev() {
                changed.insert_str(*pos, chrome);
            }
            prop_assert_eq!(sheet_text(&changed), expected);
        }

        #[test]
        fn never_panics_on_arbitrary_strings(s in any::<String>()) {
            let _ = sheet_text(&s);
            // ... and on the HTML path, which input without `<` does not take.
            let _ = sheet_text(&format!("<main><p>{s}"));
            let _ = sheet_text(&format!("<table><tr><td><{s}>{s}</td><dl><dt>{s}<dd>{s}"));
        }

        #[test]
        fn never_panics_on_tag_soup(s in tag_soup()) {
            let text = sheet_text(&s);
            // The output is lines: no trailing spaces, never two blank lines in a row.
            prop_assert!(!text.contains("\n\n\n"));
            prop_assert!(text.lines().all(|l| !l.ends_with(' ')));
        }

        #[test]
        fn text_of_a_paragraph_survives(words in proptest::collection::vec("[A-Za-zÅÄÖåäö0-9]{1,10}", 1..20)) {
            let html = page(&format!("<main><p>{}</p></main>", words.join(" \n ")));
            prop_assert_eq!(sheet_text(&html), format!("{}\n", words.join(" ")));
        }
    }
}
