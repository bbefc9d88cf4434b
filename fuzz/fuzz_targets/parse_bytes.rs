//! `parse_bytes` must never panic, whatever the bytes; when it parses, the record must
//! serialise. Seeds (`scripts/fuzz`): `corpus/` and the HTML fixtures `crates/parser/tests/fixtures/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(project) = projektsok_parser::parse_bytes("fuzz", data) {
        assert!(!project.id.is_empty());
    }
});
