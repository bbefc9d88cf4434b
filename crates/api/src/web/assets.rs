//! CSS and JS, embedded in the binary. Pages link to content-hashed names
//! (`/assets/style.3f2a….css`), served with `Cache-Control: immutable` for a year; the plain
//! names (`/assets/style.css`) are served too, revalidated by `ETag`.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
    /// `style.<hash>.css`
    hashed: String,
    etag: String,
}

const FILES: [(&str, &str, &[u8]); 2] = [
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/style.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/app.js"),
    ),
];

/// FNV-1a, 64 bits: enough to tell versions of a file apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(name, content_type, body)| {
            let hash = format!("{:016x}", fnv1a(body));
            let hashed = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{}.{ext}", &hash[..12]),
                None => format!("{name}.{}", &hash[..12]),
            };
            Asset {
                name,
                content_type,
                body,
                hashed,
                etag: format!("\"{hash}\""),
            }
        })
        .collect()
});

/// The URL of an asset, by its plain name, with the content hash in it.
pub fn href(name: &str) -> String {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| format!("/assets/{}", a.hashed))
        .unwrap_or_else(|| format!("/assets/{name}"))
}

/// `GET /assets/{file}`
pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((asset, immutable)) = ASSETS.iter().find_map(|a| {
        if a.hashed == file {
            Some((a, true))
        } else if a.name == file {
            Some((a, false))
        } else {
            None
        }
    }) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "no such asset",
        )
            .into_response();
    };
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "public, no-cache"
    };
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == asset.etag || t.trim() == "*")
        });
    let mut common = HeaderMap::new();
    common.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&asset.etag) {
        common.insert(header::ETAG, v);
    }
    if matches {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    common.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    (common, asset.body).into_response()
}
