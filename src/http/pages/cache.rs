//! Rendered page bodies, kept per process with their gzip and brotli
//! encodings: a page takes a while to render and compress, and never
//! changes for its ETag.

use std::io::Write;
use std::sync::LazyLock;

use axum::body::Bytes;
use axum::http::{header, HeaderMap};

use crate::bounded::{BoundedCache, Weighed};
use crate::error::AppError;

/// Rendered pages by organization slug and ETag. The ETag covers all a page
/// shows, so an entry is never stale; several replicas each keep their own.
pub(super) static RENDERED: LazyLock<BoundedCache<(String, String), Rendered>> =
    LazyLock::new(|| BoundedCache::new(MOST_BYTES));

/// The cache holds at most this many bytes of bodies (all encodings); the
/// oldest pages go first.
const MOST_BYTES: usize = 48 * 1024 * 1024;

/// Brotli's quality: 5 compresses a large statement in milliseconds, to
/// within a few percent of the best.
const BROTLI_QUALITY: u32 = 5;

/// A content coding a client may accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best coding `Accept-Encoding` allows: brotli, then gzip, else
    /// none. A coding with `q=0` is refused.
    pub(super) fn negotiate(request: &HeaderMap) -> Encoding {
        let accepted: Vec<&str> = request
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|item| {
                let mut parts = item.split(';').map(str::trim);
                let coding = parts.next()?;
                let weight = parts
                    .find_map(|part| part.strip_prefix("q="))
                    .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
                (weight > 0.0).then_some(coding)
            })
            .collect();
        let allows = |coding: &str| {
            accepted
                .iter()
                .any(|a| a.eq_ignore_ascii_case(coding) || *a == "*")
        };
        if allows("br") {
            Encoding::Brotli
        } else if allows("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    /// Its `Content-Encoding` token; none for identity.
    pub(super) fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

/// One page's body in every coding.
pub(super) struct Rendered {
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

impl Rendered {
    /// `body` in every coding, compressed on a thread of the blocking pool:
    /// a large statement takes tens of milliseconds to compress, which
    /// would hold up the other requests of an async worker.
    pub(super) async fn compress(body: String) -> Result<Rendered, AppError> {
        tokio::task::spawn_blocking(move || Rendered::new(body))
            .await
            .map_err(|error| AppError::Internal(format!("compressing a page: {error}")))
    }

    fn new(body: impl Into<Bytes>) -> Rendered {
        let identity = body.into();
        Rendered {
            gzip: gzip(&identity),
            brotli: brotli(&identity),
            identity,
        }
    }

    pub(super) fn body(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Identity => self.identity.clone(),
            Encoding::Gzip => self.gzip.clone(),
            Encoding::Brotli => self.brotli.clone(),
        }
    }
}

impl Weighed for Rendered {
    fn bytes(&self) -> usize {
        self.identity.len() + self.gzip.len() + self.brotli.len()
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to memory cannot fail.
    encoder.write_all(body).expect("gzip into memory");
    Bytes::from(encoder.finish().expect("gzip into memory"))
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, 22);
        writer.write_all(body).expect("brotli into memory");
    }
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accepting(value: &str) -> Encoding {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        Encoding::negotiate(&headers)
    }

    #[test]
    fn the_best_accepted_coding_is_chosen() {
        assert_eq!(accepting("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(accepting("gzip"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(accepting("br;q=0.0, gzip;q=0"), Encoding::Identity);
        assert_eq!(accepting("identity"), Encoding::Identity);
        assert_eq!(accepting("*"), Encoding::Brotli);
        assert_eq!(Encoding::negotiate(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn encodings_decode_to_the_body() {
        let body = "a statement ".repeat(1000);
        let page = Rendered::new(body.clone());
        let mut gunzipped = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&page.body(Encoding::Gzip)[..]),
            &mut gunzipped,
        )
        .unwrap();
        assert_eq!(gunzipped, body);
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &page.body(Encoding::Brotli)[..], &mut unbrotlied).unwrap();
        assert_eq!(unbrotlied, body.as_bytes());
        assert!(page.body(Encoding::Brotli).len() < body.len() / 10);
    }
}
