//! What a new organization starts with: the seeded legal bases and the
//! default catalogue of data and data subject categories.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{list, setup, DATA_CATEGORY, DATA_SUBJECT_CATEGORY};

#[tokio::test]
async fn legal_bases_are_seeded_with_dutch_and_english_explanations() {
    let (app, _admin, editor) = setup().await;
    let data = app
        .gql_ok(
            &editor,
            "{ legalBases { code kind article name nameEn: name(language: EN)
                explanation nl: explanation(language: NL) en: explanation(language: EN)
                explanationTranslations { language text } } }",
            json!({}),
        )
        .await;
    let bases = data["legalBases"].as_array().unwrap();
    let of_kind =
        |kind: &str| -> Vec<&Value> { bases.iter().filter(|b| b["kind"] == kind).collect() };

    let art6 = of_kind("ART6");
    let codes: Vec<&str> = art6.iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "CONSENT",
            "CONTRACT",
            "LEGAL_OBLIGATION",
            "VITAL_INTERESTS",
            "PUBLIC_TASK",
            "LEGITIMATE_INTERESTS"
        ]
    );
    let articles: Vec<&str> = art6
        .iter()
        .map(|b| b["article"].as_str().unwrap())
        .collect();
    assert_eq!(
        articles,
        ["6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)"]
    );
    let consent = art6[0];
    assert_eq!(consent["name"], "toestemming");
    assert_eq!(consent["nameEn"], "consent");

    // The Art. 9(2) conditions carry the `SpecialCategoryCondition` names an
    // activity's `specialCategoryConditions` uses.
    let art9 = of_kind("ART9");
    let codes: BTreeSet<&str> = art9.iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            "EXPLICIT_CONSENT",
            "EMPLOYMENT_SOCIAL_SECURITY",
            "VITAL_INTERESTS",
            "NOT_FOR_PROFIT",
            "MADE_PUBLIC",
            "LEGAL_CLAIMS",
            "SUBSTANTIAL_PUBLIC_INTEREST",
            "HEALTH_CARE",
            "PUBLIC_HEALTH",
            "ARCHIVING_RESEARCH"
        ])
    );
    assert!(art9
        .iter()
        .all(|b| b["article"].as_str().unwrap().starts_with("9(2)(")));
    assert_eq!(bases.len(), 16);

    for basis in bases {
        let nl = basis["nl"].as_str().unwrap();
        let en = basis["en"].as_str().unwrap();
        assert!(!nl.is_empty() && !en.is_empty(), "{basis}");
        assert_ne!(nl, en, "{basis} has a Dutch and an English explanation");
        assert_eq!(basis["explanation"], nl, "NL is the default language");
        assert_eq!(
            basis["explanationTranslations"],
            json!([{ "language": "NL", "text": nl }, { "language": "EN", "text": en }])
        );
    }
}

#[tokio::test]
async fn a_new_organization_starts_with_the_default_catalogue() {
    let (app, _admin, editor) = setup().await;
    for kind in [&DATA_CATEGORY, &DATA_SUBJECT_CATEGORY] {
        let nodes = list(
            &app,
            &editor,
            kind,
            json!(null),
            "key nl: name(language: NL) en: name(language: EN) revision archivedAt",
        )
        .await;
        assert!(nodes.len() >= 5, "{} has a catalogue", kind.list);
        for node in &nodes {
            let nl = node["nl"].as_str().unwrap();
            let en = node["en"].as_str().unwrap();
            assert!(!nl.is_empty() && !en.is_empty(), "{node}");
            assert_eq!(node["revision"], 1);
            assert!(node["archivedAt"].is_null());
        }
        let keys: BTreeSet<&str> = nodes.iter().map(|n| n["key"].as_str().unwrap()).collect();
        assert_eq!(keys.len(), nodes.len(), "catalogue keys are unique");
    }
    let categories = list(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!(null),
        "key nl: name(language: NL) en: name(language: EN) specialCategory",
    )
    .await;
    let email = categories
        .iter()
        .find(|c| c["key"] == "contact.email")
        .expect("contact.email is in the catalogue");
    assert_eq!(email["nl"], "e-mailadres");
    assert_eq!(email["en"], "e-mail address");
    assert_eq!(email["specialCategory"], false);
    assert!(
        categories.iter().any(|c| c["specialCategory"] == true),
        "the catalogue has a special category"
    );
    let subjects = list(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        json!(null),
        "key nl: name(language: NL) en: name(language: EN)",
    )
    .await;
    let customers = subjects
        .iter()
        .find(|s| s["key"] == "customers")
        .expect("customers are in the catalogue");
    assert_eq!(customers["nl"], "klanten");
    assert_eq!(customers["en"], "customers");
}
