//! Localized fields: read in one language with its fallbacks, and as
//! translations, on every type of the schema.

use serde_json::json;

use super::organization::UPDATE_ORGANIZATION;
use super::{create, get, list, nl_en, only, setup, DATA_SUBJECT_CATEGORY};
use crate::common::id_of;

#[tokio::test]
async fn localized_fields_fall_back_to_the_default_language() {
    let (app, admin, editor) = setup().await;
    let fields = "default: name nl: name(language: NL) en: name(language: EN)
        nameTranslations { language text } description(language: EN) descriptionTranslations { language text }";
    let both = id_of(
        &create(
            &app,
            &editor,
            &DATA_SUBJECT_CATEGORY,
            json!({ "key": "alumni", "name": nl_en("oud-cursisten", "alumni") }),
            "id",
        )
        .await,
    );
    let dutch = id_of(
        &create(
            &app,
            &editor,
            &DATA_SUBJECT_CATEGORY,
            json!({ "key": "volunteers", "name": only("NL", "vrijwilligers") }),
            "id",
        )
        .await,
    );
    let english = id_of(
        &create(
            &app,
            &editor,
            &DATA_SUBJECT_CATEGORY,
            json!({ "key": "partners", "name": only("EN", "partners") }),
            "id",
        )
        .await,
    );

    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &both, fields).await;
    assert_eq!(read["default"], "oud-cursisten");
    assert_eq!(read["nl"], "oud-cursisten");
    assert_eq!(read["en"], "alumni");
    assert_eq!(
        read["nameTranslations"],
        json!([{ "language": "NL", "text": "oud-cursisten" }, { "language": "EN", "text": "alumni" }])
    );
    assert!(read["description"].is_null(), "no text, no fallback");
    assert_eq!(read["descriptionTranslations"], json!([]));

    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &dutch, fields).await;
    assert_eq!(
        read["en"], "vrijwilligers",
        "EN falls back to NL, the default"
    );
    assert_eq!(read["default"], "vrijwilligers");
    assert_eq!(
        read["nameTranslations"],
        json!([{ "language": "NL", "text": "vrijwilligers" }])
    );

    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &english, fields).await;
    assert_eq!(
        read["nl"], "partners",
        "without the default language, any translation"
    );
    assert_eq!(read["default"], "partners");

    // The fallback follows the organization's default language.
    app.gql_ok(
        &admin,
        UPDATE_ORGANIZATION,
        json!({ "input": { "legalName": "acme B.V.", "defaultLanguage": "EN" }, "rev": 1 }),
    )
    .await;
    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &both, fields).await;
    assert_eq!(read["default"], "alumni");
    assert_eq!(read["nl"], "oud-cursisten");
    let listed = list(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        json!({ "search": "alumni" }),
        "name",
    )
    .await;
    assert_eq!(listed, vec![json!({ "name": "alumni" })]);
    let read = get(&app, &editor, &DATA_SUBJECT_CATEGORY, &dutch, fields).await;
    assert_eq!(read["en"], "vrijwilligers");
    assert_eq!(read["default"], "vrijwilligers");
}

/// DESIGN: every localized field `x` is readable as `x(language: Language)`
/// and as `xTranslations: [LocalizedText!]!`. Checked on the schema itself,
/// so a new type cannot offer only one of the two.
#[tokio::test]
async fn every_localized_field_is_readable_in_one_language_and_as_translations() {
    let (app, _admin, editor) = setup().await;
    let schema = app
        .gql_ok(
            &editor,
            "{ __schema { types { name kind fields { name args { name type { name kind ofType { name } } } } } } }",
            json!({}),
        )
        .await;
    let mut checked = 0;
    let mut gaps = Vec::new();
    for ty in schema["__schema"]["types"].as_array().unwrap() {
        if ty["kind"] != "OBJECT" || ty["name"].as_str().unwrap().starts_with("__") {
            continue;
        }
        let fields = ty["fields"].as_array().unwrap();
        for field in fields {
            let name = field["name"].as_str().unwrap();
            let Some(base) = name.strip_suffix("Translations") else {
                continue;
            };
            checked += 1;
            let takes_language =
                fields.iter().any(|f| {
                    f["name"] == base
                        && f["args"].as_array().unwrap().iter().any(|arg| {
                            arg["name"] == "language" && arg["type"]["name"] == "Language"
                        })
                });
            if !takes_language {
                gaps.push(format!("{}.{base}(language: Language)", ty["name"]));
            }
        }
    }
    assert!(gaps.is_empty(), "missing: {}", gaps.join(", "));
    assert!(checked >= 20, "only {checked} localized fields found");
}
