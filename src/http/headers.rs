//! The security headers, in one place. Every response gets
//! `Referrer-Policy: no-referrer` (a statement page's links must not tell
//! other sites who read it), `X-Content-Type-Options: nosniff`, and a
//! `Content-Security-Policy`: the page's own when it set one (statement
//! pages, GraphiQL), else one that allows nothing, framing included.
//!
//! Framing is allowed to one party only: an organization may show its own
//! statement in a frame on its own websites, so statement pages list those
//! websites' origins in `frame-ancestors`; every other answer says `'none'`.

use axum::http::header::{CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of every answer that sets none of its own: JSON, text, the
/// server's own error answers.
const NOTHING_ALLOWED: &str = "default-src 'none'; frame-ancestors 'none'";

/// Adds the security headers to every response of `router`.
pub fn secure(router: Router) -> Router {
    router
        .layer(SetResponseHeaderLayer::overriding(
            REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NOTHING_ALLOWED),
        ))
}

/// A page's `Content-Security-Policy`: its `directives`, and
/// `frame-ancestors` with `origins` (each from [`origin`]), or `'none'`.
pub fn content_security_policy(directives: &str, origins: &[String]) -> HeaderValue {
    let ancestors = if origins.is_empty() {
        "'none'".to_string()
    } else {
        origins.join(" ")
    };
    HeaderValue::from_str(&format!("{directives}; frame-ancestors {ancestors}"))
        // Unreachable with clean origins; refusing everything is the safe answer.
        .unwrap_or_else(|_| HeaderValue::from_static(NOTHING_ALLOWED))
}

/// The origin of a website address (`https://www.example.nl/privacy` ->
/// `https://www.example.nl`), lower case; `None` unless it is a plain
/// `http(s)://host[:port]` with an ASCII host name or IP address.
///
/// Websites are the organization's own input and go into a header: a
/// value with a `;`, a quote, a space, a `*` or user info could add
/// directives or widen the list, so anything but a clean origin is left
/// out. An internationalized host must be written in its `xn--` form.
pub fn origin(website: &str) -> Option<String> {
    let (scheme, rest) = website.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest[..end].to_ascii_lowercase();
    let (host, port) = split_port(&authority)?;
    if !(is_host_name(host) || is_ip_literal(host)) {
        return None;
    }
    Some(match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

/// `host:port` -> (`host`, the port); `[::1]:8080` keeps its brackets.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let split_at = match authority.rfind(':') {
        Some(colon) if !authority[colon..].contains(']') => colon,
        _ => return Some((authority, None)),
    };
    let digits = &authority[split_at + 1..];
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let port = digits.parse::<u16>().ok().filter(|port| *port > 0)?;
    Some((&authority[..split_at], Some(port)))
}

/// Dot-separated labels of letters, digits and inner hyphens (IPv4
/// addresses are of this shape too).
fn is_host_name(host: &str) -> bool {
    host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// `[` hexadecimal digits, colons and dots `]`: an IPv6 address.
fn is_ip_literal(host: &str) -> bool {
    host.strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .is_some_and(|address| {
            address.contains(':')
                && address
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_become_origins() {
        for (website, expected) in [
            ("https://www.example.nl/privacy", "https://www.example.nl"),
            ("HTTPS://Shop.Example.COM", "https://shop.example.com"),
            ("http://example.com:8080/x?y#z", "http://example.com:8080"),
            (
                " https://xn--bcher-kva.example ",
                "https://xn--bcher-kva.example",
            ),
            ("https://192.0.2.1", "https://192.0.2.1"),
            ("https://[2001:db8::1]:8443/", "https://[2001:db8::1]:8443"),
            ("https://example.com?x", "https://example.com"),
        ] {
            assert_eq!(origin(website).as_deref(), Some(expected), "{website}");
        }
    }

    #[test]
    fn anything_else_stays_out_of_the_header() {
        for website in [
            "https://example.com;script-src",
            "https://example.com; script-src *",
            "https://example.com' 'unsafe-inline'",
            "https://*.example.com",
            "https://user@example.com",
            "https://evil.example\\@example.com",
            "https://example.com:0",
            "https://example.com:99999",
            "https://example.com:",
            "https://bücher.example",
            "https://-example.com",
            "https://example..com",
            "https://",
            "https://[::1",
            "https://[javascript]",
            "javascript:alert(1)",
            "ftp://example.com",
            "example.com",
            "https://example.com\r\nSet-Cookie: x",
            "",
        ] {
            assert_eq!(origin(website), None, "{website:?}");
        }
    }

    #[test]
    fn policies_name_the_origins_or_none() {
        assert_eq!(
            content_security_policy("default-src 'none'", &[]),
            "default-src 'none'; frame-ancestors 'none'"
        );
        let origins = [
            "https://a.example".to_string(),
            "http://b.example:81".into(),
        ];
        assert_eq!(
            content_security_policy("default-src 'none'", &origins),
            "default-src 'none'; frame-ancestors https://a.example http://b.example:81"
        );
    }
}
