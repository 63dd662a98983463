//! The demo organization's privacy statement, built from its register and
//! rendered to Markdown, compared with `tests/golden/rezulto.{nl,en}.md`.
//! Run with `UPDATE_GOLDEN=1` to rewrite the golden files after an intended
//! change, and read the difference before committing it.
//!
//! Register ids differ per run: every UUID in the output is replaced by
//! `<id-N>`, numbered in order of first appearance, before comparing.

use std::path::PathBuf;

use chrono::NaiveDate;
use entity::enums::Language;
use ropa::db::Scope;
use ropa::statement::build::{build, BuildContext};

use crate::common::TestApp;

/// What the seed statement says of one purpose: `(its part's heading, what
/// the part must say)`, in the Dutch statement.
const SEED_PURPOSE_FACTS: &[(&str, &str)] = &[
    // Name, phone number, e-mail address and interests for newsletters.
    (
        "### Nieuwsbrieven\n",
        "- Naam\n- Telefoonnummer\n- E-mailadres\n- Voorkeuren en interesses\n",
    ),
    // The follow-up after a purchase rests on an interest in marketing.
    (
        "### Nieuws, evenementen en aanbiedingen\n",
        "Gerechtvaardigd belang",
    ),
    // Fraud prevention as a legitimate interest of selling and delivering.
    (
        "### Verkoop en levering van producten, diensten en trainingen\n",
        "fraude",
    ),
];

/// The part of `markdown` from `heading` to the next heading.
fn part<'m>(markdown: &'m str, heading: &str) -> Option<&'m str> {
    let start = markdown.find(heading)? + heading.len();
    let rest = &markdown[start..];
    Some(rest.find("\n#").map_or(rest, |end| &rest[..end]))
}

/// What the seed statement says, as the Dutch statement must say it too.
const SEED_FACTS: &[&str] = &[
    "Rezulto B.V.",
    "Euclideslaan 265",
    "84541423",
    "privacy@rezulto.nl",
    "Autoriteit Persoonsgegevens",
    "vier weken",
    "twintig werkdagen",
    "twee jaar",
    // Legitimate interests include preventing fraud.
    "fraude met bestellingen en betalingen",
    // The processing complies with the law.
    "Algemene Verordening Gegevensbescherming (AVG)",
    "Telecommunicatiewet",
    // Through the websites one orders, uses online services and shows interest.
    "onze (online) diensten",
    "via onze websites laat weten dat u interesse hebt",
    "geïnteresseerden",
    // The statement may change; read the version in force.
    "Wij kunnen deze privacyverklaring wijzigen",
    "welke versie nu van kracht is",
];

pub(crate) fn golden(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file)
}

/// Whether `text` starts with a UUID in its hyphenated form.
fn uuid_at(text: &[u8]) -> bool {
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let mut at = 0;
    for (i, len) in GROUPS.into_iter().enumerate() {
        let Some(group) = text.get(at..at + len) else {
            return false;
        };
        if !group.iter().all(u8::is_ascii_hexdigit) {
            return false;
        }
        at += len;
        if i < GROUPS.len() - 1 {
            if text.get(at) != Some(&b'-') {
                return false;
            }
            at += 1;
        }
    }
    true
}

/// Every UUID replaced by `<id-N>`, the same UUID by the same N.
pub(crate) fn stable_ids(text: &str) -> String {
    const LEN: usize = 36;
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(offset) = rest
        .char_indices()
        .find(|&(i, _)| uuid_at(&rest.as_bytes()[i..]))
        .map(|(i, _)| i)
    {
        let id = &rest[offset..offset + LEN];
        let n = match seen.iter().position(|s| *s == id) {
            Some(n) => n + 1,
            None => {
                seen.push(id);
                seen.len()
            }
        };
        out.push_str(&rest[..offset]);
        out.push_str(&format!("<id-{n}>"));
        rest = &rest[offset + LEN..];
    }
    out.push_str(rest);
    out
}

#[test]
fn ids_are_replaced_consistently() {
    let a = "0192f3a4-5b6c-7d8e-9f00-112233445566";
    let b = "0192F3A4-5B6C-7D8E-9F00-112233445567";
    let text = format!("#purpose-{a} x {b} y {a} z 0192f3a4-5b6c");
    assert_eq!(
        stable_ids(&text),
        "#purpose-<id-1> x <id-2> y <id-1> z 0192f3a4-5b6c"
    );
}

#[tokio::test]
async fn demo_statement_matches_the_golden_files() {
    let app = TestApp::start().await;
    let db = &app.app.db;
    ropa::demo::load(db).await.expect("the demo loads");
    let org = ropa::register::organization::find_by_slug(db, ropa::demo::SLUG)
        .await
        .expect("organizations are readable")
        .expect("the demo organization exists");
    let scope = Scope::new(db.clone(), org.id, org.default_language, "test".into());
    let snapshot = scope
        .read_consistent(async |tx| ropa::register_snapshot::load(tx).await)
        .await
        .expect("the snapshot loads");
    assert!(!snapshot.activities.is_empty(), "the demo has activities");

    let mut mismatches = Vec::new();
    for language in Language::ALL {
        let context = BuildContext {
            last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
            history_url: Some(format!("/statements/rezulto/{}/versions", language.code())),
        };
        let document = build(&snapshot, language, &context);
        let markdown = ropa::statement::render::markdown(&document);

        if language == Language::Nl {
            for fact in SEED_FACTS {
                assert!(
                    markdown.contains(fact),
                    "the Dutch statement lacks `{fact}`:\n{markdown}"
                );
            }
            assert!(markdown.contains("2 februari 2026"), "no last-changed date");
            for (heading, fact) in SEED_PURPOSE_FACTS {
                let part = part(&markdown, heading)
                    .unwrap_or_else(|| panic!("no part `{heading}`:\n{markdown}"));
                assert!(
                    part.contains(fact),
                    "the part `{heading}` lacks `{fact}`:\n{part}"
                );
            }
        }
        for activity in &snapshot.activities {
            let name = activity
                .activity
                .name
                .get(language.code())
                .expect("demo activities are named in both languages");
            assert!(
                markdown.contains(&format!("### {name}\n")),
                "{}: no part for `{name}`",
                language.code()
            );
        }

        mismatches.extend(compare(
            &format!("rezulto.{}.md", language.code()),
            &markdown,
        ));
    }
    assert_no_mismatches(&mismatches);
}

/// The Markdown compared with its golden file `file`, its ids made stable:
/// the difference, if any. With `UPDATE_GOLDEN=1` the file is rewritten.
pub(crate) fn compare(file: &str, markdown: &str) -> Option<String> {
    let markdown = stable_ids(markdown);
    let path = golden(file);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("golden folder");
        std::fs::write(&path, &markdown).expect("golden file is written");
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    (expected != markdown).then(|| {
        let diff = similar::TextDiff::from_lines(&expected, &markdown)
            .unified_diff()
            .header("golden", "generated")
            .to_string();
        format!("{}:\n{diff}", path.display())
    })
}

pub(crate) fn assert_no_mismatches(mismatches: &[String]) {
    assert!(
        mismatches.is_empty(),
        "the statement differs from the golden files (UPDATE_GOLDEN=1 rewrites them):\n{}",
        mismatches.join("\n")
    );
}

/// The demo as `serve --demo` publishes it: the Markdown on the public page
/// is the golden statement, but for the day it was published.
#[tokio::test]
async fn the_published_demo_statement_is_the_golden_one() {
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    ropa::demo::publish_statements(&app.app.db)
        .await
        .expect("the demo statement is published");
    let golden_day = NaiveDate::from_ymd_opt(2026, 2, 2).expect("a date");
    for language in Language::ALL {
        let served = app
            .page(&format!("/statements/rezulto/{}.md", language.code()))
            .await;
        let wording = ropa::wording::wording(language);
        let today = chrono::Utc::now().date_naive();
        let markdown = stable_ids(&served).replace(&wording.date(today), &wording.date(golden_day));
        let expected = std::fs::read_to_string(golden(&format!("rezulto.{}.md", language.code())))
            .expect("the golden file");
        assert!(
            markdown == expected,
            "{}: the published statement differs from the golden file:\n{}",
            language.code(),
            similar::TextDiff::from_lines(&expected, &markdown).unified_diff()
        );
    }
}
