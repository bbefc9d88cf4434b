//! Bytes to text: BOM, UTF-8, or Windows-1252 (older exports are Latin-1, and Windows-1252 is a
//! superset of it for every printable character), and a refusal of binary data.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::ParseError;

pub(crate) struct Decoded<'a> {
    /// Borrowed from the bytes when they are UTF-8: the parser copies the text while
    /// normalising it anyway.
    pub text: Cow<'a, str>,
    /// Set when the bytes were not UTF-8; becomes a warning on the `encoding` field.
    pub note: Option<String>,
}

/// Magic numbers of formats that are certainly not a sheet, for a clearer message.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP/Office file"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "gzip data"),
];

/// How much of the start is inspected for binary content.
const SAMPLE: usize = 64 * 1024;

pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, ParseError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ParseError::NotASheet("empty file".into()));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let note =
            had_errors.then(|| format!("invalid {} sequences replaced by U+FFFD", encoding.name()));
        return checked(text, note);
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let note = Some(format!("{} without BOM", encoding.name()));
        return checked(text, note);
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| sample.starts_with(magic)) {
        return Err(ParseError::NotASheet(format!("binary data ({what})")));
    }
    binary_check(sample)?;
    // (encoding_rs validates the corpus sheets' UTF-8 three to four times as fast as
    // `str::from_utf8`)
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded { text, note: None }),
        None => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text,
                note: Some("not valid UTF-8; decoded as Windows-1252 (Latin-1)".into()),
            })
        }
    }
}

/// UTF-16 without a BOM shows as NUL bytes in every other position of mostly-ASCII text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    // (a memchr: most files have no NUL at all)
    if sample.len() < 8 || !sample.contains(&0) {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= pairs * 7 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Text has next to no control bytes; binary data has NULs and many of them.
fn binary_check(sample: &[u8]) -> Result<(), ParseError> {
    // (branch-free counts in u8 lanes, which the compiler vectorises; NULs only among controls)
    let count = |is: fn(u8) -> bool| -> usize {
        sample
            .chunks(255)
            .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(is(b)))))
            .sum()
    };
    let controls = count(|b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c));
    let nuls = if controls > 0 { count(|b| b == 0) } else { 0 };
    if nuls > 0 || controls * 100 > sample.len() {
        return Err(ParseError::NotASheet(format!(
            "binary data ({nuls} NUL and {controls} control bytes in the first {} bytes)",
            sample.len()
        )));
    }
    Ok(())
}

/// Decoded UTF-16 must still look like text, and must not be blank.
fn checked(text: Cow<'_, str>, note: Option<String>) -> Result<Decoded<'_>, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::NotASheet("empty file".into()));
    }
    let sample = crate::text::prefix_at_most(&text, SAMPLE);
    let total = sample.chars().count();
    let controls = sample
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 100 > total {
        return Err(ParseError::NotASheet(format!(
            "binary data ({controls} control characters after decoding)"
        )));
    }
    Ok(Decoded { text, note })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Projektägare".as_bytes()).unwrap();
        assert_eq!(d.text, "Projektägare");
        assert!(d.note.is_none());
    }

    #[test]
    fn latin1_is_decoded_with_note() {
        let d = decode(b"Projekt\xe4gare").unwrap();
        assert_eq!(d.text, "Projektägare");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn boms() {
        assert_eq!(decode(b"\xef\xbb\xbfHej").unwrap().text, "Hej");
        assert_eq!(decode(b"\xff\xfeH\0e\0j\0").unwrap().text, "Hej");
        assert_eq!(decode(b"\xfe\xff\0H\0e\0j").unwrap().text, "Hej");
        let le: Vec<u8> = "Projektägare Bjurholm"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&le).unwrap().text, "Projektägare Bjurholm");
    }

    #[test]
    fn refuses_empty_and_binary() {
        for bytes in [&b""[..], b"  \n\r\n\t "] {
            let err = decode(bytes).err().unwrap().to_string();
            assert!(err.contains("empty file"), "{err}");
        }
        let err = decode(b"abc\0\x01\x02def").err().unwrap().to_string();
        assert!(err.contains("binary data"), "{err}");
        let err = decode(b"%PDF-1.4 ...").err().unwrap().to_string();
        assert!(err.contains("PDF"), "{err}");
    }
}
