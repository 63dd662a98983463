//! Data categories: created, read, updated and archived, and filtered by
//! text and special category.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{
    archive_and_check, assert_stale_update_conflicts, create, get, list, list_ids, names, nl_en,
    only, setup, update, DATA_CATEGORY,
};
use crate::common::{id_of, time, TestApp};

const DATA_CATEGORY_FIELDS: &str = "id key name nl: name(language: NL) en: name(language: EN)
    nameTranslations { language text } description(language: EN)
    descriptionTranslations { language text } specialCategory criminalData
    revision createdAt updatedAt archivedAt";

#[tokio::test]
async fn data_categories_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let catalogue = list_ids(&app, &editor, &DATA_CATEGORY, json!(null)).await;

    let created = create(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!({
            "key": "health.allergies",
            "name": nl_en("allergieën", "allergies"),
            "description": nl_en("Allergieën die u ons meldt", "Allergies you tell us about"),
            "specialCategory": true,
            "criminalData": false,
        }),
        DATA_CATEGORY_FIELDS,
    )
    .await;
    assert_eq!(created["key"], "health.allergies");
    assert_eq!(created["name"], "allergieën", "NL is the default language");
    assert_eq!(created["nl"], "allergieën");
    assert_eq!(created["en"], "allergies");
    assert_eq!(
        created["nameTranslations"],
        json!([{ "language": "NL", "text": "allergieën" }, { "language": "EN", "text": "allergies" }])
    );
    assert_eq!(created["description"], "Allergies you tell us about");
    assert_eq!(
        created["descriptionTranslations"].as_array().unwrap().len(),
        2
    );
    assert_eq!(created["specialCategory"], true);
    assert_eq!(created["criminalData"], false);
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    assert_eq!(time(&created["createdAt"]), time(&created["updatedAt"]));
    let id = id_of(&created);

    // Read back by id and in the list.
    let read = get(&app, &editor, &DATA_CATEGORY, &id, DATA_CATEGORY_FIELDS).await;
    assert_eq!(read, created);
    let listed = list_ids(&app, &editor, &DATA_CATEGORY, json!(null)).await;
    assert_eq!(listed.len(), catalogue.len() + 1);
    assert!(listed.contains(&id));
    let unknown = get(
        &app,
        &editor,
        &DATA_CATEGORY,
        "0190b6a4-0000-7000-8000-000000000000",
        "id",
    )
    .await;
    assert!(unknown.is_null(), "an unknown id reads as null");

    // Update: the input replaces the entry; the revision rises by one.
    let input = json!({
        "key": "health.food_allergies",
        "name": nl_en("voedselallergieën", "food allergies"),
        "criminalData": true,
    });
    let updated = update(
        &app,
        &editor,
        &DATA_CATEGORY,
        &id,
        input.clone(),
        1,
        DATA_CATEGORY_FIELDS,
    )
    .await;
    assert_eq!(updated["id"], id);
    assert_eq!(updated["key"], "health.food_allergies");
    assert_eq!(updated["nl"], "voedselallergieën");
    assert_eq!(updated["en"], "food allergies");
    assert!(updated["description"].is_null());
    assert_eq!(updated["descriptionTranslations"], json!([]));
    assert_eq!(updated["specialCategory"], false);
    assert_eq!(updated["criminalData"], true);
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));
    assert_eq!(
        get(&app, &editor, &DATA_CATEGORY, &id, DATA_CATEGORY_FIELDS).await,
        updated
    );

    assert_stale_update_conflicts(
        &app,
        &editor,
        &DATA_CATEGORY,
        &id,
        json!({ "key": "health.other", "name": only("EN", "other") }),
        1,
        DATA_CATEGORY_FIELDS,
    )
    .await;

    archive_and_check(&app, &editor, &DATA_CATEGORY, &id, 2).await;
}

/// Keys of the data categories a filter lets through.
async fn category_keys(app: &TestApp, token: &str, filter: Value) -> BTreeSet<String> {
    list(app, token, &DATA_CATEGORY, filter, "key")
        .await
        .iter()
        .map(|n| n["key"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn data_categories_filter_by_text_and_special_category() {
    let (app, _admin, editor) = setup().await;
    let all = category_keys(&app, &editor, json!(null)).await;
    let catalogue_special = category_keys(&app, &editor, json!({ "specialCategory": true })).await;
    assert!(catalogue_special.contains("special.health"));

    create(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!({ "key": "health.allergies", "name": nl_en("allergieën", "allergies"), "specialCategory": true }),
        "id",
    )
    .await;
    let fax = create(
        &app,
        &editor,
        &DATA_CATEGORY,
        json!({ "key": "contact.fax", "name": nl_en("faxnummer", "fax number") }),
        "id revision",
    )
    .await;

    let special = category_keys(&app, &editor, json!({ "specialCategory": true })).await;
    let mut expected = catalogue_special.clone();
    expected.insert("health.allergies".into());
    assert_eq!(special, expected);
    let ordinary = category_keys(&app, &editor, json!({ "specialCategory": false })).await;
    assert!(ordinary.contains("contact.fax") && ordinary.contains("contact.email"));
    assert!(ordinary.is_disjoint(&special));
    assert_eq!(ordinary.len() + special.len(), all.len() + 2);

    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "fax" })).await,
        names(&["contact.fax"])
    );
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "FAXNUMMER" })).await,
        names(&["contact.fax"]),
        "Dutch names match, case-insensitively"
    );
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "ALLERGIES" })).await,
        names(&["health.allergies"])
    );
    let contact = category_keys(&app, &editor, json!({ "search": "contact." })).await;
    assert!(contact.contains("contact.fax") && contact.contains("contact.email"));
    assert!(
        contact.iter().all(|k| k.starts_with("contact.")),
        "{contact:?}"
    );
    assert_eq!(
        category_keys(
            &app,
            &editor,
            json!({ "search": "allerg", "specialCategory": true })
        )
        .await,
        names(&["health.allergies"])
    );
    assert_eq!(
        category_keys(
            &app,
            &editor,
            json!({ "search": "allerg", "specialCategory": false })
        )
        .await,
        names(&[])
    );
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "no such category" })).await,
        names(&[])
    );

    // Archived entries leave the search too, unless asked for.
    archive_and_check(&app, &editor, &DATA_CATEGORY, &id_of(&fax), 1).await;
    assert_eq!(
        category_keys(&app, &editor, json!({ "search": "fax" })).await,
        names(&[])
    );
    assert_eq!(
        category_keys(
            &app,
            &editor,
            json!({ "search": "fax", "includeArchived": true })
        )
        .await,
        names(&["contact.fax"])
    );
}
