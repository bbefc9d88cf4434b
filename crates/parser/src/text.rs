//! Character-level clean-up shared by every layout: line endings, the many Unicode spaces the
//! project bank uses as thousands separators, invisible characters, and bullet markers.

/// Normalises line endings (CRLF and lone CR become LF) and spaces (NBSP, thin space, tabs...
/// become a plain space); drops invisible characters (zero-width, BOM, soft hyphen) and stray
/// control characters. One linear pass that copies untouched runs wholesale, so a 50 MB file
/// costs about one `memcpy`.
pub(crate) fn normalize(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match next_attention(&bytes[i..]) {
            Some(skip) => i += skip,
            None => break,
        }
        // `b` is ASCII or a UTF-8 lead byte, so `i` is a char boundary.
        out.push_str(&input[copied..i]);
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        let mut len = c.len_utf8();
        match c {
            '\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    len += 1;
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}' => out.push(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
        i += len;
        copied = i;
    }
    out.push_str(&input[copied..]);
    out
}

/// The index of the first byte that [`needs_attention`]: 16 bytes at a time, a test without an
/// early exit that the compiler vectorises, then the position within the block.
fn next_attention(bytes: &[u8]) -> Option<usize> {
    let (blocks, _) = bytes.as_chunks::<16>();
    let clean = blocks
        .iter()
        .take_while(|b| {
            b.iter()
                .fold(0u8, |any, &b| any | u8::from(needs_attention(b)))
                == 0
        })
        .count();
    let at = clean * 16;
    bytes[at..]
        .iter()
        .position(|&b| needs_attention(b))
        .map(|n| at + n)
}

/// Bytes that may start a character [`normalize`] changes: ASCII controls except LF, and the
/// UTF-8 lead bytes of U+0080–U+00BF (C1 controls, NBSP, soft hyphen), U+1680, U+2000–U+206F,
/// U+3000 and U+FEFF. Everything else is copied as is.
fn needs_attention(b: u8) -> bool {
    // `&` and `|`, not `&&` and `||`: without branches, [`next_attention`] tests a block of
    // bytes in vector registers
    (b < 0x20) & (b != b'\n')
        | (b == 0x7f)
        | (b == 0xc2)
        | (b == 0xe1)
        | (b == 0xe2)
        | (b == 0xe3)
        | (b == 0xef)
}

/// Collapses runs of spaces inside a value (`Coompanion  Västmanland`) and trims it.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Bullet markers seen in list renderings; `-` and `*` only count when followed by a space or
/// a letter/digit (`-50 % i arbete`), which [`strip_bullet`] checks.
const BULLETS: &[char] = &[
    '•', '·', '▪', '◦', '●', '○', '■', '–', '-', '*', '»', '‣', '⁃',
];

/// If `line` (already trimmed) starts with a bullet marker, the item text after it.
pub(crate) fn strip_bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = chars.as_str();
    // `--` or `-` alone are rules, not bullets.
    let next = rest.chars().next()?;
    if BULLETS.contains(&next) {
        return None;
    }
    let item = rest.trim();
    (!item.is_empty()).then_some(item)
}

/// Lowercase and single-spaced, for case- and spacing-insensitive lookups.
pub(crate) fn fold(s: &str) -> String {
    collapse_spaces(&s.to_lowercase())
}

/// [`fold`] into `buf` without allocating, for looking a line up in a table of folded names:
/// `None` when it does not fit (so it is longer than any name of the table). Lowercases char by
/// char, so a final `Σ` becomes `σ` rather than `ς`: no table has either.
pub(crate) fn fold_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let mut len = 0;
    for word in s.split_whitespace() {
        if len > 0 {
            *buf.get_mut(len)? = b' ';
            len += 1;
        }
        for c in word.chars() {
            if c.is_ascii() {
                *buf.get_mut(len)? = c.to_ascii_lowercase() as u8;
                len += 1;
                continue;
            }
            for c in c.to_lowercase() {
                let end = len + c.len_utf8();
                c.encode_utf8(buf.get_mut(len..end)?);
                len = end;
            }
        }
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// At most `max` bytes of `s`, cut back to a char boundary (never slices inside a character).
pub(crate) fn prefix_at_most(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_line_endings_and_spaces() {
        assert_eq!(normalize("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalize("17\u{a0}069\u{202f}852\tkr"), "17 069 852 kr");
        assert_eq!(normalize("\u{feff}Tit\u{ad}el\u{200b}"), "Titel");
        assert_eq!(normalize("a\u{0}b\u{7}c"), "abc");
        assert_eq!(normalize("åäö – “citat” …\r"), "åäö – “citat” …\n");
        assert_eq!(normalize("\u{85}x\u{2028}"), "\nx\n");
    }

    proptest::proptest! {
        #[test]
        fn next_attention_is_the_first_such_byte(
            bytes in proptest::collection::vec(proptest::sample::select(
                b"ab\n\r\t\x7f\xc2\xc3\xe2".to_vec()), 0..100),
        ) {
            proptest::prop_assert_eq!(
                next_attention(&bytes),
                bytes.iter().position(|&b| needs_attention(b))
            );
        }
    }

    #[test]
    fn bullets() {
        assert_eq!(strip_bullet("• Boxholm"), Some("Boxholm"));
        assert_eq!(strip_bullet("·Mjölby"), Some("Mjölby"));
        assert_eq!(strip_bullet("- Vadstena"), Some("Vadstena"));
        assert_eq!(strip_bullet("-50 % i arbete"), Some("50 % i arbete"));
        assert_eq!(strip_bullet("--"), None);
        assert_eq!(strip_bullet("•"), None);
        assert_eq!(strip_bullet("Boxholm"), None);
    }

    proptest::proptest! {
        #[test]
        fn fold_into_is_fold(s in "[ aAåÅİß\u{a0}\t:-]{0,12}") {
            let mut buf = [0u8; 24];
            let folded = fold(&s);
            proptest::prop_assert_eq!(
                fold_into(&s, &mut buf),
                (folded.len() <= 24).then_some(folded.as_str())
            );
        }
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix_at_most("åäö", 3), "å");
        assert_eq!(prefix_at_most("åäö", 100), "åäö");
    }
}
