//! Trackers (cookies and similar technologies): created, read, updated and
//! archived; whether consent is required; their input checked; and the
//! list filters.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{
    archive_and_check, assert_stale_update_conflicts, create, create_query, get, list_ids, nl_en,
    setup, update, ACTIVITY, PROCESSOR, TRACKER,
};
use crate::common::{error_code, id_of, time, TestApp};

const TRACKER_FIELDS: &str = "id name category purpose(language: EN)
    purposeTranslations { language text } provider { id name } duration consentRequired
    activities { id } revision createdAt updatedAt archivedAt
    history { totalCount nodes { action } }";

async fn processor(app: &TestApp, token: &str, name: &str, role: &str) -> String {
    let input = json!({ "name": name, "role": role, "country": "NL" });
    id_of(&create(app, token, &PROCESSOR, input, "id").await)
}

async fn activity(app: &TestApp, token: &str, name: &str) -> String {
    let input = json!({
        "name": nl_en(name, name),
        "purpose": nl_en("Testen", "Testing"),
        "status": "ACTIVE",
        "legalBases": [{ "code": "CONSENT" }],
        "dataCategoryIds": [],
        "dataSubjectCategoryIds": [],
    });
    id_of(&create(app, token, &ACTIVITY, input, "id").await)
}

fn tracker(name: &str, category: &str) -> Value {
    json!({ "name": name, "category": category, "purpose": nl_en("Bezoek tellen.", "Counting visits.") })
}

#[tokio::test]
async fn trackers_are_created_read_updated_and_archived() {
    let (app, _admin, editor) = setup().await;
    let analytics = processor(&app, &editor, "Stats Ltd", "INDEPENDENT_CONTROLLER").await;
    let webshop = activity(&app, &editor, "Webshop").await;
    let mut input = tracker("_ga", "ANALYTICS");
    input["providerId"] = json!(analytics);
    input["duration"] = json!("P2Y");
    input["activityIds"] = json!([webshop]);
    let created = create(&app, &editor, &TRACKER, input, TRACKER_FIELDS).await;
    let id = id_of(&created);
    assert_eq!(created["name"], "_ga");
    assert_eq!(created["category"], "ANALYTICS");
    assert_eq!(created["purpose"], "Counting visits.");
    assert_eq!(
        created["provider"],
        json!({ "id": analytics, "name": "Stats Ltd" })
    );
    assert_eq!(created["duration"], "P2Y");
    assert_eq!(
        created["consentRequired"], true,
        "analytics read by a controller of its own need consent"
    );
    assert_eq!(created["activities"], json!([{ "id": webshop }]));
    assert_eq!(created["revision"], 1);
    assert_eq!(created["history"]["nodes"], json!([{ "action": "create" }]));
    assert_eq!(
        get(&app, &editor, &TRACKER, &id, TRACKER_FIELDS).await,
        created
    );

    // Our own, for the session: exempt analytics.
    let mut own = tracker("_pk_ses", "ANALYTICS");
    own["activityIds"] = json!([webshop]);
    let updated = update(&app, &editor, &TRACKER, &id, own.clone(), 1, TRACKER_FIELDS).await;
    assert_eq!(updated["name"], "_pk_ses");
    assert!(updated["provider"].is_null());
    assert!(
        updated["duration"].is_null(),
        "until the browser session ends"
    );
    assert_eq!(updated["consentRequired"], false);
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["history"]["totalCount"], 2);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));

    assert_stale_update_conflicts(&app, &editor, &TRACKER, &id, own, 1, TRACKER_FIELDS).await;
    archive_and_check(&app, &editor, &TRACKER, &id, 2).await;
}

#[tokio::test]
async fn consent_follows_the_kind_and_the_analytics_exemption() {
    let (app, _admin, editor) = setup().await;
    let ours = processor(&app, &editor, "Hosting B.V.", "PROCESSOR").await;
    let theirs = processor(&app, &editor, "Adnet Ltd", "INDEPENDENT_CONTROLLER").await;
    let cases = [
        ("STRICTLY_NECESSARY", Some(&theirs), false),
        ("FUNCTIONAL", None, true),
        ("ANALYTICS", None, false),
        ("ANALYTICS", Some(&ours), false),
        ("ANALYTICS", Some(&theirs), true),
        ("MARKETING", None, true),
        ("MARKETING", Some(&ours), true),
        ("SOCIAL_MEDIA", Some(&theirs), true),
    ];
    for (index, (category, provider, consent)) in cases.into_iter().enumerate() {
        let mut input = tracker(&format!("cookie_{index}"), category);
        input["providerId"] = json!(provider);
        let created = create(&app, &editor, &TRACKER, input, "consentRequired").await;
        assert_eq!(
            created["consentRequired"], consent,
            "{category} placed by {provider:?}"
        );
    }
}

/// The input errors of a tracker, each a `VALIDATION_FAILED` on its field
/// that writes nothing.
#[tokio::test]
async fn tracker_input_is_checked() {
    let (app, admin, editor) = setup().await;
    let webshop = activity(&app, &editor, "Webshop").await;
    let gone = processor(&app, &editor, "Gone B.V.", "PROCESSOR").await;
    app.gql_ok(
        &editor,
        "mutation($id: ID!) { archiveProcessor(id: $id, expectedRevision: 1) { id } }",
        json!({ "id": gone }),
    )
    .await;
    app.organization("beta").await;
    let beta = app.token("beta", ropa::auth::Role::Editor);
    let foreign = processor(&app, &beta, "Beta B.V.", "PROCESSOR").await;
    let foreign_activity = activity(&app, &beta, "Beta shop").await;

    let with = |field: &str, value: Value| {
        let mut input = tracker("_ga", "ANALYTICS");
        input[field] = value;
        input
    };
    let cases = [
        (with("name", json!("  ")), "input.name"),
        (with("name", json!("x".repeat(201))), "input.name"),
        (with("name", json!("a\u{7}b")), "input.name"),
        (with("purpose", json!([])), "input.purpose"),
        (with("duration", json!("two years")), "input.duration"),
        (with("duration", json!("P")), "input.duration"),
        (with("providerId", json!("not-an-id")), "input.providerId"),
        (with("providerId", json!(foreign)), "input.providerId"),
        (with("providerId", json!(gone)), "input.providerId"),
        (
            with("activityIds", json!([foreign_activity])),
            "input.activityIds.0",
        ),
        (
            with("activityIds", json!([webshop, webshop])),
            "input.activityIds.1",
        ),
        (
            with("activityIds", json!([webshop, "x"])),
            "input.activityIds.1",
        ),
    ];
    for (input, field) in cases {
        let response = app
            .gql(
                Some(&editor),
                &create_query(&TRACKER, "id"),
                json!({ "input": input }),
            )
            .await;
        assert_eq!(
            error_code(&response),
            "VALIDATION_FAILED",
            "{input}: {response}"
        );
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{input}: {response}"
        );
        assert!(response["data"].is_null());
    }
    let count = app
        .gql_ok(
            &admin,
            "{ trackers(filter: { includeArchived: true }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(count["trackers"]["totalCount"], 0, "nothing was written");
}

#[tokio::test]
async fn trackers_filter_by_kind_provider_activity_and_text() {
    let (app, _admin, editor) = setup().await;
    let hosting = processor(&app, &editor, "Hosting B.V.", "PROCESSOR").await;
    let (shop, news) = (
        activity(&app, &editor, "Webshop").await,
        activity(&app, &editor, "Nieuwsbrief").await,
    );
    let mut ids = Vec::new();
    for (name, category, provider, activities) in [
        ("session", "STRICTLY_NECESSARY", None, vec![&shop]),
        ("_pk_id", "ANALYTICS", Some(&hosting), vec![&shop, &news]),
        ("mc_cid", "MARKETING", None, vec![&news]),
    ] {
        let mut input = tracker(name, category);
        input["providerId"] = json!(provider);
        input["activityIds"] = json!(activities);
        ids.push(id_of(&create(&app, &editor, &TRACKER, input, "id").await));
    }
    let set = |indexes: &[usize]| -> BTreeSet<String> {
        indexes.iter().map(|&i| ids[i].clone()).collect()
    };
    let filtered = |filter: Value| list_ids(&app, &editor, &TRACKER, filter);
    assert_eq!(filtered(json!(null)).await, set(&[0, 1, 2]));
    assert_eq!(
        filtered(json!({ "category": "MARKETING" })).await,
        set(&[2])
    );
    assert_eq!(filtered(json!({ "providerId": hosting })).await, set(&[1]));
    assert_eq!(filtered(json!({ "activityId": news })).await, set(&[1, 2]));
    assert_eq!(filtered(json!({ "activityId": shop })).await, set(&[0, 1]));
    assert_eq!(filtered(json!({ "search": "PK_" })).await, set(&[1]));
    assert_eq!(
        filtered(json!({ "search": "visits" })).await,
        set(&[0, 1, 2])
    );
    let activities = get(&app, &editor, &TRACKER, &ids[1], "activities { id }").await;
    assert_eq!(
        activities["activities"],
        json!([{ "id": shop }, { "id": news }]),
        "in their order"
    );
}
