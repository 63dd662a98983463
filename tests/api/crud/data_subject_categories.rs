//! Data subject categories: created, read, updated and archived.

use serde_json::json;

use super::{
    archive_and_check, assert_stale_update_conflicts, create, get, list, nl_en, only, setup,
    update, DATA_SUBJECT_CATEGORY,
};
use crate::common::{id_of, time};

const SUBJECT_FIELDS: &str = "id key name(language: EN) nl: name(language: NL)
    nameTranslations { language text } description(language: NL)
    revision createdAt updatedAt archivedAt";

#[tokio::test]
async fn data_subject_categories_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let created = create(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        json!({
            "key": "customer.alumni",
            "name": nl_en("oud-cursisten", "alumni"),
            "description": nl_en("Wie eerder een cursus volgde", "Former course participants"),
        }),
        SUBJECT_FIELDS,
    )
    .await;
    assert_eq!(created["key"], "customer.alumni");
    assert_eq!(created["name"], "alumni");
    assert_eq!(created["nl"], "oud-cursisten");
    assert_eq!(created["description"], "Wie eerder een cursus volgde");
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    let id = id_of(&created);

    assert_eq!(
        get(&app, &editor, &DATA_SUBJECT_CATEGORY, &id, SUBJECT_FIELDS).await,
        created
    );
    let listed = list(&app, &editor, &DATA_SUBJECT_CATEGORY, json!(null), "id key").await;
    assert!(listed
        .iter()
        .any(|n| n["id"] == id && n["key"] == "customer.alumni"));

    let updated = update(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        &id,
        json!({ "key": "customer.former", "name": nl_en("oud-klanten", "former customers") }),
        1,
        SUBJECT_FIELDS,
    )
    .await;
    assert_eq!(updated["key"], "customer.former");
    assert_eq!(updated["name"], "former customers");
    assert_eq!(updated["nl"], "oud-klanten");
    assert!(updated["description"].is_null());
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));

    let second = update(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        &id,
        json!({ "key": "customer.former", "name": only("NL", "voormalige klanten") }),
        2,
        SUBJECT_FIELDS,
    )
    .await;
    assert_eq!(second["revision"], 3);
    assert_eq!(
        second["nameTranslations"],
        json!([{ "language": "NL", "text": "voormalige klanten" }])
    );
    assert!(time(&second["updatedAt"]) > time(&updated["updatedAt"]));

    assert_stale_update_conflicts(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        &id,
        json!({ "key": "customer.stale", "name": only("EN", "stale") }),
        2,
        SUBJECT_FIELDS,
    )
    .await;
    archive_and_check(&app, &editor, &DATA_SUBJECT_CATEGORY, &id, 3).await;
}
