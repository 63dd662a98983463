use axum::http::{header, HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate};
use entity::enums::Language;
use headers::{HeaderMapExt, IfModifiedSince};
use serde_json::json;
use uuid::Uuid;

use super::address::{parse_number, split_format, Format};
use super::cache::Encoding;
use super::conditional::Validators;
use super::feed::feed_id;
use super::history::{read_diff, DiffLine};
use super::templates::{not_found, NAMES, TEMPLATES};
use super::words::long_date;

#[test]
fn path_segments() {
    assert_eq!(split_format("nl"), ("nl", Format::Html));
    assert_eq!(split_format("nl.md"), ("nl", Format::Markdown));
    assert_eq!(split_format("en.json"), ("en", Format::Json));
    assert_eq!(split_format("nl.txt"), ("nl.txt", Format::Html));
    assert_eq!(parse_number("3"), Some(3));
    for bad in ["0", "01", "-1", "+1", "", "x", "99999999999", "1.5"] {
        assert_eq!(parse_number(bad), None, "{bad}");
    }
}

#[test]
fn conditional_requests() {
    let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let validators = Validators::new(&[0xab, 0x01], at, Encoding::Identity);
    assert_eq!(validators.tag, "ab01");
    let none_match = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, value.parse().unwrap());
        headers
    };
    let modified_since = |since: DateTime<chrono::Utc>| {
        let mut headers = HeaderMap::new();
        headers.typed_insert(IfModifiedSince::from(std::time::SystemTime::from(since)));
        headers
    };
    assert!(validators.fresh(&none_match("\"ab01\"")));
    assert!(validators.fresh(&none_match("\"b\", W/\"ab01\"")));
    assert!(validators.fresh(&none_match("*")));
    assert!(!validators.fresh(&none_match("\"b\"")));
    assert!(!validators.fresh(&none_match("ab01")));
    assert!(validators.fresh(&modified_since(at)));
    let earlier = at - chrono::Duration::seconds(1);
    assert!(!validators.fresh(&modified_since(earlier)));
    let mut yesterday = HeaderMap::new();
    yesterday.insert(header::IF_MODIFIED_SINCE, "yesterday".parse().unwrap());
    assert!(!validators.fresh(&yesterday));
    assert!(!validators.fresh(&HeaderMap::new()));

    let response = validators.not_modified();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    let sent = |name| response.headers()[name].to_str().unwrap();
    assert_eq!(sent(header::ETAG), "\"ab01\"");
    assert_eq!(sent(header::LAST_MODIFIED), "Tue, 14 Nov 2023 22:13:20 GMT");
    assert_eq!(sent(header::CACHE_CONTROL), "public, max-age=60");
}

#[test]
fn dates_and_ids() {
    let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    assert_eq!(long_date(date, Language::Nl), "1 maart 2026");
    assert_eq!(long_date(date, Language::En), "1 March 2026");
    let id = feed_id(Uuid::nil(), Language::Nl);
    assert_eq!(id, feed_id(Uuid::nil(), Language::Nl));
    assert_ne!(id, feed_id(Uuid::nil(), Language::En));
    assert!(id.starts_with("urn:uuid:"));
}

#[test]
fn diffs_are_read_leniently() {
    let diff = json!({
        "semantic": [{"kind": "ACTIVITY_ADDED", "description": "Added <b>"}, {"kind": "X"}, "plain"],
        "text": "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same",
    });
    let (changes, text) = read_diff(Some(&diff.to_string()));
    assert_eq!(changes, ["Added <b>", "X", "plain"]);
    let classes: Vec<_> = text.lines().map(|l| DiffLine::new(l).class).collect();
    assert_eq!(
        classes,
        [
            Some("hunk"),
            Some("hunk"),
            Some("hunk"),
            Some("del"),
            Some("add"),
            None
        ]
    );
    assert_eq!(read_diff(Some("\"odd\"")), (vec![], String::new()));
    assert_eq!(read_diff(Some("not JSON")), (vec![], String::new()));
    assert_eq!(read_diff(None), (vec![], String::new()));
}

#[test]
fn every_template_renders() {
    let response = not_found(None);
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    for name in NAMES {
        assert!(TEMPLATES.env.get_template(name).is_ok(), "{name}");
    }
}
