//! Writes need `Authorization: Bearer <token>`; [`Admin`] is the extractor that checks it.
//!
//! With no token configured every write is refused (403); a missing or wrong token is a 401.
//! The comparison takes the same time whatever the given token is (it depends on the length of
//! the configured token only), and the token is never logged.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use subtle::{Choice, ConstantTimeEq};

use crate::AppState;
use crate::error::ApiError;

/// Proof that the request carries the admin token. Put it first among a write handler's
/// arguments, so it is checked before the body is read.
#[derive(Debug, Clone, Copy)]
pub struct Admin;

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Admin, ApiError> {
        let Some(expected) = state.admin_token() else {
            return Err(ApiError::WritesDisabled);
        };
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Err(ApiError::Unauthorized(
                "this endpoint needs an 'Authorization: Bearer <token>' header".into(),
            ));
        };
        let given = bearer(header.as_bytes()).ok_or_else(|| {
            ApiError::Unauthorized("the Authorization header must be 'Bearer <token>'".into())
        })?;
        if token_matches(expected.as_bytes(), given) {
            Ok(Admin)
        } else {
            Err(ApiError::Unauthorized("wrong token".into()))
        }
    }
}

/// The token of a `Bearer <token>` header value (scheme case-insensitive).
fn bearer(value: &[u8]) -> Option<&[u8]> {
    let (scheme, rest) = value.split_at_checked(7)?;
    if !scheme.eq_ignore_ascii_case(b"bearer ") {
        return None;
    }
    let token = rest.trim_ascii();
    (!token.is_empty()).then_some(token)
}

/// Constant-time equality whose running time depends on `expected.len()` only.
pub(crate) fn token_matches(expected: &[u8], given: &[u8]) -> bool {
    let mut same: Choice = (expected.len() as u64).ct_eq(&(given.len() as u64));
    for (i, e) in expected.iter().enumerate() {
        let g = given.get(i).copied().unwrap_or(0);
        same &= e.ct_eq(&g);
    }
    bool::from(same)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert!(token_matches(b"secret", b"secret"));
        assert!(!token_matches(b"secret", b"secre"));
        assert!(!token_matches(b"secret", b"secrets"));
        assert!(!token_matches(b"secret", b"Secret"));
        assert!(!token_matches(b"secret", b""));
        assert_eq!(bearer(b"Bearer abc"), Some(&b"abc"[..]));
        assert_eq!(bearer(b"bearer  abc "), Some(&b"abc"[..]));
        assert_eq!(bearer(b"Basic abc"), None);
        assert_eq!(bearer(b"Bearer "), None);
        assert_eq!(bearer(b"Bear"), None);
    }
}
