//! Stable project ids: the case number as a slug, or an FNV-1a hash of title, owner and period.
//! FNV-1a is written out here because std's hashers may change between Rust versions, and ids
//! must survive re-ingests.

/// `2015/00646` → `2015-00646`, `23-040-S06` → `23-040-s06`: lowercase ASCII letters, digits
/// and single dashes.
pub(crate) fn slug(case_number: &str) -> String {
    let mut out = String::with_capacity(case_number.len());
    for c in case_number.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// 64-bit FNV-1a.
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

/// `p-<16 hex>` from title, owner, start and end (missing parts empty).
pub(crate) fn hashed(title: &str, owner: &str, start: &str, end: &str) -> String {
    let key = format!("{title}|{owner}|{start}|{end}");
    format!("p-{:016x}", fnv1a64(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("2015/00646"), "2015-00646");
        assert_eq!(slug("23-040-S06"), "23-040-s06");
        assert_eq!(slug(" /Ä 1 "), "1");
    }

    #[test]
    fn fnv_known_values() {
        // Reference vectors of FNV-1a 64.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(
            hashed(
                "Kraftverket",
                "Bjurholms kommun",
                "2011-02-28",
                "2014-02-28"
            )
            .len(),
            18
        );
    }
}
