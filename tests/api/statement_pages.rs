//! The public statement pages, on versions written straight into the
//! database (so that they are tested apart from publishing).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::enums::Language;
use entity::statement_version::{self, ActiveModel};
use entity::values::Packed;
use reqwest::header;
use ropa::register::organization;
use ropa::statement::document::{Paragraph, Section, StatementDocument};
use ropa::statement::render;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::TestApp;

/// A small statement; `marker` goes into a paragraph, so that versions differ.
pub fn document(language: Language, marker: &str) -> StatementDocument {
    let (title, who, purposes, rights) = match language {
        Language::Nl => (
            "Privacyverklaring",
            "Wie wij zijn",
            "Wat wij verwerken en waarom",
            "Uw rechten",
        ),
        Language::En => (
            "Privacy statement",
            "Who we are",
            "What we process and why",
            "Your rights",
        ),
    };
    StatementDocument {
        language,
        title: title.into(),
        intro: vec![Paragraph::plain(format!("Intro {marker}."), vec![])],
        summary: None,
        sections: vec![
            Section {
                id: "who-we-are".into(),
                title: who.into(),
                paragraphs: vec![Paragraph::plain(
                    "Acme B.V., privacy@acme.example, https://acme.example",
                    vec![],
                )],
                subsections: vec![],
            },
            Section {
                id: "purposes".into(),
                title: purposes.into(),
                paragraphs: vec![],
                subsections: vec![Section {
                    id: "purpose-webshop".into(),
                    title: "Webshop".into(),
                    paragraphs: vec![Paragraph::list(
                        format!("Orders {marker}."),
                        vec!["name".into(), "address".into()],
                        vec![],
                    )],
                    subsections: vec![],
                }],
            },
            Section {
                id: "rights".into(),
                title: rights.into(),
                paragraphs: vec![Paragraph::plain("Access, erasure.", vec![])],
                subsections: vec![],
            },
        ],
    }
}

/// A version to write with [`insert_version`].
pub struct NewVersion {
    pub language: Language,
    pub version: i32,
    pub document: StatementDocument,
    pub published_at: DateTime<Utc>,
    pub effective_from: Option<NaiveDate>,
    pub summary: String,
    pub material: bool,
    pub diff: Option<Value>,
}

impl NewVersion {
    pub fn new(language: Language, version: i32, marker: &str) -> Self {
        NewVersion {
            language,
            version,
            document: document(language, marker),
            published_at: Utc::now() - Duration::days(30 - i64::from(version)),
            effective_from: None,
            summary: format!("Summary {version}"),
            material: false,
            diff: None,
        }
    }
}

/// Writes a published version of `slug`'s statement, rendered by the
/// renderers, and makes the pages read it at once, as publishing does.
pub async fn insert_version(
    app: &TestApp,
    slug: &str,
    new: NewVersion,
) -> statement_version::Model {
    let org = organization::find_by_slug(&app.app.db, slug)
        .await
        .unwrap()
        .expect("organization exists");
    let document = serde_json::to_string(&new.document).unwrap();
    let version = ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(org.id),
        language: Set(new.language),
        version: Set(new.version),
        published_at: Set(new.published_at),
        published_by: Set("tester".into()),
        summary: Set(new.summary),
        material: Set(new.material),
        effective_from: Set(new.effective_from),
        markdown: Set(Packed::pack(&render::markdown(&new.document)).unwrap()),
        html: Set(Packed::pack(&render::html(&new.document)).unwrap()),
        content_hash: Set(format!("hash-{}", document)),
        document: Set(Packed::pack(&document).unwrap()),
        snapshot: Set(Packed::pack(
            &json!({ "organization": { "legalName": org.legal_name } }).to_string(),
        )
        .unwrap()),
        diff: Set(new
            .diff
            .map(|diff| Packed::pack(&diff.to_string()).unwrap())),
        accepted_findings: Set(Default::default()),
        justification: Set(None),
    }
    .insert(&app.app.db)
    .await
    .expect("version is written");
    app.app.published.forget(org.id);
    version
}

pub async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    app.client
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .expect("request is sent")
}

fn header(response: &reqwest::Response, name: header::HeaderName) -> &str {
    response
        .headers()
        .get(&name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

async fn text(app: &TestApp, path: &str) -> String {
    let response = get(app, path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    response.text().await.unwrap()
}

/// `acme` with versions 1 and 2 in Dutch, both in effect (2 is current).
async fn acme_with_two_versions() -> TestApp {
    let app = TestApp::start().await;
    app.organization("acme").await;
    insert_version(&app, "acme", NewVersion::new(Language::Nl, 1, "one")).await;
    let mut second = NewVersion::new(Language::Nl, 2, "two");
    second.summary = "Webwinkel toegevoegd".into();
    second.material = true;
    second.diff = Some(json!({
        "semantic": [
            { "kind": "ACTIVITY_ADDED", "description": "Verwerking toegevoegd: <Webwinkel>" },
            { "kind": "PROCESSOR_ADDED", "description": "Verwerker toegevoegd: Mailhuis" }
        ],
        "text": "--- versie 1\n+++ versie 2\n@@ -1,3 +1,3 @@\n-Intro one.\n+Intro two.\n <b>unchanged</b>"
    }));
    insert_version(&app, "acme", second).await;
    app
}

#[tokio::test]
async fn the_version_in_effect_as_html_markdown_and_json() {
    let app = acme_with_two_versions().await;

    let response = get(&app, "/statements/acme/nl").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    let html = response.text().await.unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("acme B.V."), "the organization's name");
    assert!(html.contains("Intro two."), "the newest version");
    assert!(!html.contains("Intro one."));
    assert!(
        html.contains("<h2 id=\"toc-heading\">Inhoud</h2>"),
        "the table of contents"
    );
    assert!(html.contains("<a href=\"#purpose-webshop\">Webshop</a>"));
    assert!(html.contains("<section id=\"purpose-webshop\">\n<h3>Webshop</h3>"));
    assert!(html.contains("<a href=\"mailto:privacy@acme.example\">"));
    assert!(html.contains("Laatst gewijzigd op"));
    assert!(html.contains("href=\"/statements/acme/nl/versions\">Versiegeschiedenis</a>"));
    assert!(!html.contains("<script"), "no script needed");
    assert!(!html.contains("Vanaf "), "nothing announced");

    let response = get(&app, "/statements/acme/nl.md").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, header::CONTENT_TYPE),
        "text/markdown; charset=utf-8"
    );
    let markdown = response.text().await.unwrap();
    assert_eq!(markdown, render::markdown(&document(Language::Nl, "two")));

    let response = get(&app, "/statements/acme/nl.json").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, header::CONTENT_TYPE).starts_with("application/json"));
    let json: Value = response.json().await.unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["language"], "nl");
    assert_eq!(json["inEffect"], true);
    assert_eq!(json["material"], true);
    assert_eq!(json["summary"], "Webwinkel toegevoegd");
    assert_eq!(json["organization"]["slug"], "acme");
    assert!(json["upcoming"].is_null());
    let stored: StatementDocument = serde_json::from_value(json["document"].clone()).unwrap();
    assert_eq!(stored, document(Language::Nl, "two"));
}

#[tokio::test]
async fn english_pages_speak_english() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    insert_version(&app, "acme", NewVersion::new(Language::En, 1, "one")).await;
    let html = text(&app, "/statements/acme/en").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains(">Contents</h2>"));
    assert!(html.contains("Last changed on"));
    assert!(html.contains(">Version history</a>"));
    let history = text(&app, "/statements/acme/en/versions").await;
    assert!(history.contains("<h1>Version history</h1>"));
    assert!(history.contains("The first published version."));
    // Nothing in Dutch.
    assert_eq!(get(&app, "/statements/acme/nl").await.status(), 404);
}

#[tokio::test]
async fn the_history_lists_every_version_with_what_changed() {
    let app = acme_with_two_versions().await;
    let html = text(&app, "/statements/acme/nl/versions").await;
    assert!(html.contains("<h1>Versiegeschiedenis</h1>"));
    let two = html.find("Versie 2</a>").expect("version 2 is listed");
    let one = html.find("Versie 1</a>").expect("version 1 is listed");
    assert!(two < one, "newest first");
    assert!(html.contains("href=\"/statements/acme/nl/versions/1\""));
    assert!(html.contains("Webwinkel toegevoegd"), "the summary");
    assert!(html.contains("Summary 1"));
    assert!(html.contains("Wezenlijke wijziging"), "the material flag");
    assert!(html.contains("Geldt nu"), "which one is in effect");
    assert!(
        html.contains("<li>Verwerking toegevoegd: &lt;Webwinkel&gt;</li>"),
        "semantic changes, escaped"
    );
    assert!(html.contains("<li>Verwerker toegevoegd: Mailhuis</li>"));
    assert!(html.contains("<details>\n<summary>Toon de tekstwijzigingen</summary>"));
    assert!(html
        .contains("<span class=\"del\">-Intro one.</span><span class=\"add\">+Intro two.</span>"));
    assert!(
        html.contains("<span> &lt;b&gt;unchanged&lt;/b&gt;</span>"),
        "the text diff, escaped"
    );
    assert!(html.contains("De eerste gepubliceerde versie."));
    let today = Utc::now().date_naive();
    let published = (Utc::now() - Duration::days(28)).date_naive();
    assert!(
        html.contains(&format!("<time datetime=\"{published}\">")),
        "dates"
    );
    assert!(today > published);
}

#[tokio::test]
async fn an_earlier_version_by_number() {
    let app = acme_with_two_versions().await;
    let html = text(&app, "/statements/acme/nl/versions/1").await;
    assert!(html.contains("Intro one."));
    assert!(!html.contains("Intro two."));
    assert!(
        html.contains("Dit is een eerdere versie (versie 1)"),
        "{html}"
    );
    assert!(html.contains("<a href=\"/statements/acme/nl\">Lees de huidige versie</a>"));

    let markdown = text(&app, "/statements/acme/nl/versions/1.md").await;
    assert_eq!(markdown, render::markdown(&document(Language::Nl, "one")));
    let json: Value =
        serde_json::from_str(&text(&app, "/statements/acme/nl/versions/1.json").await).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["inEffect"], false);
    assert_eq!(json["currentVersion"], 2);
    assert_eq!(json["document"]["intro"][0]["text"], "Intro one.");

    let current = text(&app, "/statements/acme/nl/versions/2").await;
    assert!(current.contains("Intro two."));
    assert!(!current.contains("eerdere versie"));
}

#[tokio::test]
async fn the_atom_feed_lists_the_versions_newest_first() {
    let app = acme_with_two_versions().await;
    let response = get(&app, "/statements/acme/nl/feed.atom").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, header::CONTENT_TYPE),
        "application/atom+xml; charset=utf-8"
    );
    assert!(response.headers().contains_key(header::ETAG));
    let xml = response.text().await.unwrap();
    let elements = parse_xml(&xml);
    assert_eq!(elements[0], "feed");
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">"));
    for required in [
        "feed/id",
        "feed/title",
        "feed/updated",
        "feed/author/name",
        "feed/link",
    ] {
        assert!(
            elements.iter().any(|e| e == required),
            "{required} in {elements:?}"
        );
    }
    assert_eq!(
        elements.iter().filter(|e| *e == "feed/entry").count(),
        2,
        "{xml}"
    );
    for required in ["id", "title", "updated", "link", "summary"] {
        let count = elements
            .iter()
            .filter(|e| **e == format!("feed/entry/{required}"))
            .count();
        assert_eq!(count, 2, "every entry has a {required}");
    }
    let two = xml.find("/statements/acme/nl/versions/2").unwrap();
    let one = xml.find("/statements/acme/nl/versions/1").unwrap();
    assert!(two < one, "newest first");
    assert!(
        xml.contains("<summary>Webwinkel toegevoegd. Wezenlijke wijziging.</summary>"),
        "{xml}"
    );
    assert!(xml.contains("<id>urn:uuid:"));
    assert!(
        xml.contains("<li>Verwerking toegevoegd: &lt;Webwinkel&gt;</li><li>Verwerker toegevoegd: Mailhuis</li>"),
        "what changed, escaped: {xml}"
    );
    assert_eq!(
        elements
            .iter()
            .filter(|e| *e == "feed/entry/content")
            .count(),
        1,
        "only a version with changes has content"
    );
    let updated = xml
        .split("<updated>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    assert!(DateTime::parse_from_rfc3339(updated).is_ok(), "{updated}");
}

/// Checks that `xml` is well-formed enough (balanced tags, known entities,
/// no stray `<` or `&`) and returns the path of every element, in order.
fn parse_xml(xml: &str) -> Vec<String> {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .expect("an XML declaration");
    let mut open: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        let end = rest[start..].find('>').expect("tag is closed") + start;
        let tag = &rest[start + 1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop().as_deref(), Some(name), "closing tag matches");
        } else {
            let name = tag
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches('/')
                .to_string();
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':'),
                "{tag}"
            );
            let path = open
                .iter()
                .chain([&name])
                .cloned()
                .collect::<Vec<_>>()
                .join("/");
            elements.push(path);
            if !tag.ends_with('/') {
                open.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    check_text(rest);
    assert!(open.is_empty(), "unclosed {open:?}");
    elements
}

fn check_text(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity)
            || (entity.starts_with("&#") && entity.len() <= 10);
        assert!(known, "unknown entity {entity}");
    }
}

#[tokio::test]
async fn pages_carry_etags_and_answer_304() {
    let app = acme_with_two_versions().await;
    let response = get(&app, "/statements/acme/nl").await;
    let etag = header(&response, header::ETAG).to_string();
    let last_modified = header(&response, header::LAST_MODIFIED).to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 10,
        "a strong ETag: {etag}"
    );
    assert!(
        DateTime::parse_from_rfc2822(&last_modified).is_ok(),
        "{last_modified}"
    );
    assert_eq!(
        header(&response, header::CACHE_CONTROL),
        "public, max-age=60"
    );

    let conditional = |name: header::HeaderName, value: String| {
        let app = &app;
        async move {
            app.client
                .get(format!("{}/statements/acme/nl", app.url))
                .header(name, value)
                .send()
                .await
                .unwrap()
        }
    };
    let before = app.statements();
    let response = conditional(header::IF_NONE_MATCH, etag.clone()).await;
    assert_eq!(response.status(), 304);
    assert!(
        app.statements() - before <= 2,
        "a 304 does not load the statement"
    );
    assert_eq!(header(&response, header::ETAG), etag);
    assert_eq!(
        header(&response, header::CACHE_CONTROL),
        "public, max-age=60"
    );
    assert!(response.text().await.unwrap().is_empty());

    let response = conditional(header::IF_NONE_MATCH, "\"other\"".into()).await;
    assert_eq!(response.status(), 200);
    let response = conditional(header::IF_MODIFIED_SINCE, last_modified.clone()).await;
    assert_eq!(response.status(), 304);
    let response = conditional(
        header::IF_MODIFIED_SINCE,
        "Mon, 01 Jan 2001 00:00:00 GMT".into(),
    )
    .await;
    assert_eq!(response.status(), 200);

    // Each representation and page has its own tag.
    let mut tags = vec![etag.clone()];
    for path in [
        "nl.md",
        "nl.json",
        "nl/versions",
        "nl/versions/1",
        "nl/feed.atom",
    ] {
        let response = get(&app, &format!("/statements/acme/{path}")).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers().contains_key(header::LAST_MODIFIED),
            "{path}"
        );
        tags.push(header(&response, header::ETAG).to_string());
    }
    let distinct: std::collections::BTreeSet<_> = tags.iter().collect();
    assert_eq!(distinct.len(), tags.len(), "{tags:?}");

    // An announcement changes the page, and so its tag. (Last-Modified
    // counts whole seconds: the organization was created in this one.)
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let mut third = NewVersion::new(Language::Nl, 3, "three");
    third.published_at = Utc::now();
    third.effective_from = Some(Utc::now().date_naive() + Duration::days(14));
    insert_version(&app, "acme", third).await;
    let response = conditional(header::IF_NONE_MATCH, etag.clone()).await;
    assert_eq!(response.status(), 200);
    assert_ne!(header(&response, header::ETAG), etag);
    let response = conditional(header::IF_MODIFIED_SINCE, last_modified).await;
    assert_eq!(response.status(), 200, "Last-Modified moved on too");
}

#[tokio::test]
async fn a_version_announced_for_later_is_announced_not_shown() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    insert_version(&app, "acme", NewVersion::new(Language::Nl, 1, "one")).await;
    let effective = Utc::now().date_naive() + Duration::days(10);
    let mut next = NewVersion::new(Language::Nl, 2, "two");
    next.published_at = Utc::now();
    next.effective_from = Some(effective);
    next.material = true;
    next.summary = "Nieuwe ontvanger: <Mailhuis>".into();
    insert_version(&app, "acme", next).await;

    let html = text(&app, "/statements/acme/nl").await;
    assert!(html.contains("Intro one."), "the version in effect");
    assert!(!html.contains("Intro two."));
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    use chrono::Datelike;
    let date = format!(
        "{} {} {}",
        effective.day(),
        months[effective.month0() as usize],
        effective.year()
    );
    assert!(
        html.contains(&format!(
            "Vanaf {date} geldt een nieuwe versie van deze privacyverklaring."
        )),
        "the announcement: {html}"
    );
    assert!(html.contains("<a href=\"/statements/acme/nl/versions/2\">Lees de nieuwe versie</a>"));
    assert!(
        html.contains("Nieuwe ontvanger: &lt;Mailhuis&gt;"),
        "what changes, escaped"
    );

    let json: Value = serde_json::from_str(&text(&app, "/statements/acme/nl.json").await).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["upcoming"]["version"], 2);
    assert_eq!(json["upcoming"]["effectiveFrom"], effective.to_string());
    assert_eq!(
        text(&app, "/statements/acme/nl.md").await,
        render::markdown(&document(Language::Nl, "one"))
    );

    let announced = text(&app, "/statements/acme/nl/versions/2").await;
    assert!(announced.contains("Intro two."));
    assert!(
        announced.contains(&format!("Deze versie geldt vanaf {date}.")),
        "{announced}"
    );
    assert!(
        announced.contains(&format!(
            "<p>Geldt vanaf <time datetime=\"{effective}\">{date}</time> · Versie 2</p>"
        )),
        "the footer does not say it changed already: {announced}"
    );
    let history = text(&app, "/statements/acme/nl/versions").await;
    assert!(history.contains("Aangekondigd"));
    assert!(history.contains(&format!("<time datetime=\"{effective}\">{date}</time>")));
    let feed = text(&app, "/statements/acme/nl/feed.atom").await;
    assert!(feed.contains(&format!("Geldt vanaf {date}.")), "{feed}");
}

/// An organization whose first version applies only later shows that
/// version, saying from when; it does not vanish until then.
#[tokio::test]
async fn a_first_version_announced_for_later_is_shown_as_coming() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let effective = Utc::now().date_naive() + Duration::days(10);
    let mut first = NewVersion::new(Language::Nl, 1, "one");
    first.effective_from = Some(effective);
    insert_version(&app, "acme", first).await;

    let html = text(&app, "/statements/acme/nl").await;
    assert!(html.contains("Intro one."), "{html}");
    assert!(html.contains("Deze versie geldt vanaf"), "{html}");
    let json: Value = serde_json::from_str(&text(&app, "/statements/acme/nl.json").await).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["inEffect"], false);
    assert_eq!(json["currentVersion"], Value::Null);
}

#[tokio::test]
async fn unknown_things_are_a_small_html_404() {
    let app = acme_with_two_versions().await;
    app.organization("empty").await;
    for path in [
        "/statements/nobody/nl",
        "/statements/nobody/nl.json",
        "/statements/nobody/nl/versions",
        "/statements/nobody/nl/feed.atom",
        "/statements/acme/de",
        "/statements/acme/de.md",
        "/statements/acme/nl.txt",
        "/statements/acme/EN",
        "/statements/acme/de/versions",
        "/statements/acme/de/feed.atom",
        "/statements/acme/en",
        "/statements/acme/en/versions/1",
        "/statements/acme/nl/versions/3",
        "/statements/acme/nl/versions/0",
        "/statements/acme/nl/versions/-1",
        "/statements/acme/nl/versions/x.json",
        "/statements/acme/nl/versions/99999999999",
        "/statements/empty/nl",
        "/statements/empty/nl.md",
        "/statements/empty/nl/versions",
        "/statements/empty/nl/versions/1",
        "/statements/empty/nl/feed.atom",
        "/statements",
        "/statements/",
        "/statements/acme",
        "/statements/acme/nl/",
        "/statements/acme/nl/versions/",
        "/statements/acme/nl/versions.json",
        "/statements/acme/nl/versions/1/",
        "/statements/acme/nl/versions/01",
        "/statements/acme/nl.json/",
        "/statements/acme/nl/feed.atom.md",
        "/statements/acme/nl/extra/path",
    ] {
        let response = get(&app, path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(
            header(&response, header::CONTENT_TYPE),
            "text/html; charset=utf-8",
            "{path}"
        );
        let html = response.text().await.unwrap();
        assert!(
            html.contains("<h1>Niet gevonden</h1>") || html.contains("<h1>Not found</h1>"),
            "{path}: {html}"
        );
    }
    let html = get(&app, "/statements/acme/de").await.text().await.unwrap();
    assert!(
        html.contains("Not found") && html.contains("Niet gevonden"),
        "both languages when unknown"
    );
    let html = get(&app, "/statements/acme/en/extra/path")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Not found") && !html.contains("Niet gevonden"),
        "the language the path names: {html}"
    );
}

#[tokio::test]
async fn register_text_with_html_comes_out_escaped() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let nasty = "<script>alert(1)</script> **bold** [x](y) <img src=x onerror=alert(2)>";
    let mut version = NewVersion::new(Language::Nl, 1, "one");
    version.document.title = nasty.into();
    version.document.sections[0].title = nasty.into();
    version.document.sections[0]
        .paragraphs
        .push(Paragraph::list(nasty, vec![nasty.into()], vec![]));
    version.summary = nasty.into();
    version.diff =
        Some(json!({ "semantic": [{ "kind": "X", "description": nasty }], "text": nasty }));
    let fragment = render::html(&version.document);
    assert!(
        !fragment.contains("<script") && !fragment.contains("<img"),
        "{fragment}"
    );
    assert!(fragment.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](y) &lt;img src=x onerror=alert(2)&gt;"
    ));
    let markdown = render::markdown(&version.document);
    assert!(markdown.contains(
        r"\<script\>alert(1)\</script\> \*\*bold\*\* \[x\](y) \<img src=x onerror=alert(2)\>"
    ));
    insert_version(&app, "acme", version).await;

    for path in [
        "/statements/acme/nl",
        "/statements/acme/nl/versions/1",
        "/statements/acme/nl/versions",
    ] {
        let html = text(&app, path).await;
        assert!(
            !html.contains("<script") && !html.contains("<img"),
            "{path}: {html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{path}");
    }
    let feed = text(&app, "/statements/acme/nl/feed.atom").await;
    assert!(!feed.contains("<script") && feed.contains("&lt;script&gt;"));
    parse_xml(&feed);
    let json: Value = serde_json::from_str(&text(&app, "/statements/acme/nl.json").await).unwrap();
    assert_eq!(
        json["document"]["title"], nasty,
        "JSON carries the text as it is"
    );
}

/// A change of the organization itself (its name is on every page) shows
/// only once it is published.
#[tokio::test]
async fn unpublished_organization_changes_never_show() {
    let app = TestApp::start().await;
    let admin = app.publishing_organization("acme").await;
    app.gql_ok(
        &admin,
        "mutation { publishStatement(language: NL, summary: \"eerste\") { version } }",
        json!({}),
    )
    .await;
    let paths = [
        "/statements/acme/nl",
        "/statements/acme/nl.md",
        "/statements/acme/nl.json",
        "/statements/acme/nl/versions",
        "/statements/acme/nl/versions/1",
        "/statements/acme/nl/feed.atom",
    ];
    let mut before = Vec::new();
    for path in paths {
        let response = get(&app, path).await;
        let etag = header(&response, header::ETAG).to_string();
        let modified = header(&response, header::LAST_MODIFIED).to_string();
        let body = response.text().await.unwrap();
        assert!(body.contains("acme B.V."), "{path}: {body}");
        before.push((etag, modified));
    }

    let revision = app
        .gql_ok(&admin, "{ organization { revision } }", json!({}))
        .await["organization"]["revision"]
        .clone();
    app.gql_ok(
        &admin,
        "mutation($input: UpdateOrganizationInput!, $revision: Int!) {
            updateOrganization(input: $input, expectedRevision: $revision) { legalName } }",
        json!({ "input": { "legalName": "Geheim Nieuw B.V.", "defaultLanguage": "NL" }, "revision": revision }),
    )
    .await;

    for (path, (etag, modified)) in paths.iter().zip(&before) {
        let response = get(&app, path).await;
        assert_eq!(header(&response, header::ETAG), etag, "{path}");
        assert_eq!(header(&response, header::LAST_MODIFIED), modified, "{path}");
        let body = response.text().await.unwrap();
        assert!(!body.contains("Geheim"), "{path}: {body}");
        assert!(body.contains("acme B.V."), "{path}: {body}");
    }
}

/// GETs `path` with `Accept-Encoding: accept` (none when empty).
async fn get_encoded(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{path}", app.url));
    if !accept.is_empty() {
        request = request.header(header::ACCEPT_ENCODING, accept);
    }
    request.send().await.expect("answered")
}

fn decoded(coding: Option<&str>, body: &[u8]) -> String {
    let mut out = Vec::new();
    match coding {
        None => out.extend_from_slice(body),
        Some("gzip") => {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut out)
                .expect("gzip decodes");
        }
        Some("br") => brotli::BrotliDecompress(&mut &body[..], &mut out).expect("brotli decodes"),
        Some(other) => panic!("unexpected coding {other}"),
    }
    String::from_utf8(out).expect("UTF-8")
}

#[tokio::test]
async fn pages_come_compressed_as_the_client_accepts() {
    let app = acme_with_two_versions().await;
    for path in [
        "/statements/acme/nl",
        "/statements/acme/nl.md",
        "/statements/acme/nl/versions",
        "/statements/acme/nl/feed.atom",
    ] {
        let plain = get_encoded(&app, path, "").await;
        assert_eq!(header(&plain, header::VARY), "Accept-Encoding", "{path}");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let plain_etag = header(&plain, header::ETAG).to_string();
        let plain_body = plain.text().await.unwrap();
        let mut etags = vec![plain_etag.clone()];
        for (accept, coding) in [("gzip, deflate", "gzip"), ("gzip, br;q=0.9", "br")] {
            let response = get_encoded(&app, path, accept).await;
            assert_eq!(response.status(), 200, "{path} {accept}");
            assert_eq!(header(&response, header::CONTENT_ENCODING), coding);
            assert_eq!(header(&response, header::VARY), "Accept-Encoding");
            let etag = header(&response, header::ETAG).to_string();
            let body = response.bytes().await.unwrap();
            assert!(body.len() < plain_body.len(), "{path} {coding} is smaller");
            assert_eq!(decoded(Some(coding), &body), plain_body, "{path} {coding}");
            etags.push(etag);
        }
        etags.sort();
        etags.dedup();
        assert_eq!(etags.len(), 3, "each coding has its own ETag: {etags:?}");

        // A client holding the page in any coding revalidates it.
        for etag in &etags {
            let response = app
                .client
                .get(format!("{}{path}", app.url))
                .header(header::IF_NONE_MATCH, etag)
                .header(header::ACCEPT_ENCODING, "br")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 304, "{path} {etag}");
        }
    }
}

#[tokio::test]
async fn a_page_many_ask_for_at_once_is_rendered_once() {
    let app = acme_with_two_versions().await;
    get_encoded(&app, "/statements/acme/nl", "br").await;
    let before = app.statements();
    let asked = (0..16).map(|_| get_encoded(&app, "/statements/acme/nl/versions/1", "br"));
    for response in futures_util::future::join_all(asked).await {
        assert_eq!(response.status(), 200);
    }
    // One read of the version, and what the pages decide from when a
    // second has passed since it was read.
    let ran = app.statements() - before;
    assert!(ran <= 3, "{ran} SQL statements for one page asked 16 times");
}

#[tokio::test]
async fn warm_pages_are_answered_without_the_database() {
    let app = acme_with_two_versions().await;
    let paths = [
        "/statements/acme/nl",
        "/statements/acme/nl.json",
        "/statements/acme/nl/versions",
        "/statements/acme/nl/versions/1",
        "/statements/acme/nl/feed.atom",
    ];
    for path in paths {
        get_encoded(&app, path, "br").await;
    }
    let before = app.statements();
    let start = std::time::Instant::now();
    for _ in 0..5 {
        for path in paths {
            for accept in ["", "gzip", "br"] {
                let response = get_encoded(&app, path, accept).await;
                assert_eq!(response.status(), 200, "{path} {accept}");
            }
        }
    }
    // What the pages decide from is read again (two statements) at most
    // once a second, however many pages are asked for.
    let ran = app.statements() - before;
    let most = 2 * (start.elapsed().as_secs() + 1);
    assert!(ran <= most, "{ran} SQL statements for 75 warm pages");
}
