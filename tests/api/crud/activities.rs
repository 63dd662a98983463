//! Processing activities: every field kept through create, update and
//! archive, and the list filtered by status, text, legal basis, data
//! subjects and processor.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::{
    archive_and_check, assert_stale_update_conflicts, create, create_query, get, key_id, list,
    list_ids, names, nl_en, only, setup, update, ACTIVITY, DATA_CATEGORY, DATA_SUBJECT_CATEGORY,
    PROCESSOR,
};
use crate::common::{error_code, id_of, time, TestApp};

const ACTIVITY_FIELDS: &str = "id revision createdAt updatedAt archivedAt
    name(language: EN) nl: name(language: NL) nameTranslations { language text }
    purpose(language: EN) purposeTranslations { language text }
    purposeCategory status owner position dpiaRequired
    legalBases { code legitimateInterest(language: EN) nlInterest: legitimateInterest(language: NL) }
    dataCategories { id key specialCategory } dataSubjectCategories { id key }
    recipients { id name }
    retention { period trigger description(language: EN) }
    specialCategoryConditions
    transfers { country safeguard recipient { id name } description(language: EN) }
    sources { kind description(language: EN) nl: description(language: NL) descriptionTranslations { language text } }
    securityMeasures(language: EN) automatedDecisionMaking(language: EN)
    automatedDecisionMakingTranslations { language text } requirement(language: EN)";

#[tokio::test]
async fn processing_activities_keep_every_field() {
    let (app, _admin, editor) = setup().await;
    let email = key_id(&app, &editor, &DATA_CATEGORY, "contact.email").await;
    let health = key_id(&app, &editor, &DATA_CATEGORY, "special.health").await;
    let customers = key_id(&app, &editor, &DATA_SUBJECT_CATEGORY, "customers").await;
    let subscribers = key_id(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        "newsletter_subscribers",
    )
    .await;
    let mailer = id_of(
        &create(
            &app,
            &editor,
            &PROCESSOR,
            json!({ "name": "Mailer B.V.", "role": "PROCESSOR", "country": "NL" }),
            "id",
        )
        .await,
    );
    let analytics = id_of(
        &create(
            &app,
            &editor,
            &PROCESSOR,
            json!({ "name": "Analytics Inc.", "role": "PROCESSOR", "country": "US", "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES" }),
            "id",
        )
        .await,
    );

    let mut input = json!({
        "name": nl_en("Nieuwsbrief", "Newsletter"),
        "purpose": nl_en("Het versturen van onze nieuwsbrief", "Sending our newsletter"),
        "purposeCategory": "dpv:DirectMarketing",
        "status": "ACTIVE",
        "owner": "Marketing",
        "legalBases": [
            { "code": "CONSENT" },
            {
                "code": "LEGITIMATE_INTERESTS",
                "legitimateInterest": nl_en(
                    "Klanten informeren over vergelijkbare producten",
                    "Informing customers about similar products"
                )
            }
        ],
        "dataCategoryIds": [email, health],
        "dataSubjectCategoryIds": [customers, subscribers],
        "recipientIds": [mailer, analytics],
        "retention": {
            "period": "P2Y",
            "trigger": "LAST_PURCHASE",
            "description": nl_en("Twee jaar na de laatste aankoop", "Two years after the last purchase")
        },
        "specialCategoryConditions": ["EXPLICIT_CONSENT"],
        "transfers": [{
            "country": "us",
            "recipientId": analytics,
            "safeguard": "STANDARD_CONTRACTUAL_CLAUSES",
            "description": only("EN", "EU standard contractual clauses of 2021")
        }],
        "sources": [
            { "kind": "DATA_SUBJECT" },
            { "kind": "SOCIAL_MEDIA", "description": nl_en("LinkedIn-profiel", "LinkedIn profile") }
        ],
        "securityMeasures": nl_en("Versleuteling en toegangsbeheer", "Encryption and access control"),
        "automatedDecisionMaking": nl_en("Segmentatie op klikgedrag", "Segmentation by click behaviour"),
        "requirement": nl_en(
            "Niet verplicht; zonder e-mailadres geen nieuwsbrief",
            "Not required; without an e-mail address there is no newsletter"
        ),
        "dpiaRequired": true,
        "position": 3,
    });

    // Special category data needs an Art. 9(2) condition, and a legitimate
    // interests basis needs its interest spelled out.
    let mut without_condition = input.clone();
    without_condition["specialCategoryConditions"] = json!([]);
    let response = app
        .gql(
            Some(&editor),
            &create_query(&ACTIVITY, "id"),
            json!({ "input": without_condition }),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "input.specialCategoryConditions"
    );
    let mut without_interest = input.clone();
    without_interest["legalBases"][1]
        .as_object_mut()
        .unwrap()
        .remove("legitimateInterest");
    let response = app
        .gql(
            Some(&editor),
            &create_query(&ACTIVITY, "id"),
            json!({ "input": without_interest }),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "input.legalBases.1.legitimateInterest"
    );
    assert!(
        list_ids(&app, &editor, &ACTIVITY, json!({ "includeArchived": true }))
            .await
            .is_empty()
    );

    let created = create(&app, &editor, &ACTIVITY, input.clone(), ACTIVITY_FIELDS).await;
    let id = id_of(&created);
    assert_eq!(created["revision"], 1);
    assert!(created["archivedAt"].is_null());
    assert_eq!(created["name"], "Newsletter");
    assert_eq!(created["nl"], "Nieuwsbrief");
    assert_eq!(created["nameTranslations"].as_array().unwrap().len(), 2);
    assert_eq!(created["purpose"], "Sending our newsletter");
    assert_eq!(created["purposeCategory"], "dpv:DirectMarketing");
    assert_eq!(created["status"], "ACTIVE");
    assert_eq!(created["owner"], "Marketing");
    assert_eq!(created["position"], 3);
    assert_eq!(created["dpiaRequired"], true);
    assert_eq!(
        created["legalBases"],
        json!([
            { "code": "CONSENT", "legitimateInterest": null, "nlInterest": null },
            {
                "code": "LEGITIMATE_INTERESTS",
                "legitimateInterest": "Informing customers about similar products",
                "nlInterest": "Klanten informeren over vergelijkbare producten"
            }
        ])
    );
    assert_eq!(
        created["dataCategories"],
        json!([
            { "id": email, "key": "contact.email", "specialCategory": false },
            { "id": health, "key": "special.health", "specialCategory": true }
        ])
    );
    assert_eq!(
        created["dataSubjectCategories"],
        json!([
            { "id": customers, "key": "customers" },
            { "id": subscribers, "key": "newsletter_subscribers" }
        ])
    );
    assert_eq!(
        created["recipients"],
        json!([
            { "id": mailer, "name": "Mailer B.V." },
            { "id": analytics, "name": "Analytics Inc." }
        ])
    );
    assert_eq!(
        created["retention"],
        json!({ "period": "P2Y", "trigger": "LAST_PURCHASE", "description": "Two years after the last purchase" })
    );
    assert_eq!(
        created["specialCategoryConditions"],
        json!(["EXPLICIT_CONSENT"])
    );
    assert_eq!(
        created["transfers"],
        json!([{
            "country": "US",
            "safeguard": "STANDARD_CONTRACTUAL_CLAUSES",
            "recipient": { "id": analytics, "name": "Analytics Inc." },
            "description": "EU standard contractual clauses of 2021"
        }])
    );
    assert_eq!(
        created["sources"],
        json!([
            { "kind": "DATA_SUBJECT", "description": null, "nl": null, "descriptionTranslations": [] },
            { "kind": "SOCIAL_MEDIA", "description": "LinkedIn profile", "nl": "LinkedIn-profiel", "descriptionTranslations": [
                { "language": "NL", "text": "LinkedIn-profiel" },
                { "language": "EN", "text": "LinkedIn profile" }
            ] }
        ])
    );
    assert_eq!(created["securityMeasures"], "Encryption and access control");
    assert_eq!(
        created["automatedDecisionMaking"],
        "Segmentation by click behaviour"
    );
    assert_eq!(
        created["requirement"],
        "Not required; without an e-mail address there is no newsletter"
    );

    assert_eq!(
        get(&app, &editor, &ACTIVITY, &id, ACTIVITY_FIELDS).await,
        created
    );
    assert_eq!(
        list_ids(&app, &editor, &ACTIVITY, json!(null)).await,
        BTreeSet::from([id.clone()])
    );

    // The update replaces fields and links; absent optional fields are cleared.
    input = json!({
        "name": nl_en("Nieuwsbrief (oud)", "Newsletter (old)"),
        "purpose": only("NL", "Het versturen van onze nieuwsbrief"),
        "status": "RETIRED",
        "legalBases": [{ "code": "CONTRACT" }],
        "dataCategoryIds": [email],
        "dataSubjectCategoryIds": [subscribers],
        "recipientIds": [mailer],
        "retention": { "trigger": "CONSENT_WITHDRAWN" },
    });
    let updated = update(
        &app,
        &editor,
        &ACTIVITY,
        &id,
        input.clone(),
        1,
        ACTIVITY_FIELDS,
    )
    .await;
    assert_eq!(updated["revision"], 2);
    assert_eq!(updated["createdAt"], created["createdAt"]);
    assert!(time(&updated["updatedAt"]) > time(&created["updatedAt"]));
    assert_eq!(updated["name"], "Newsletter (old)");
    assert_eq!(
        updated["purpose"], "Het versturen van onze nieuwsbrief",
        "a missing translation falls back to the default language"
    );
    assert_eq!(updated["status"], "RETIRED");
    assert!(updated["owner"].is_null());
    assert!(updated["purposeCategory"].is_null());
    assert_eq!(updated["position"], 0);
    assert_eq!(updated["dpiaRequired"], false);
    assert_eq!(
        updated["legalBases"],
        json!([{ "code": "CONTRACT", "legitimateInterest": null, "nlInterest": null }])
    );
    assert_eq!(
        updated["dataCategories"],
        json!([{ "id": email, "key": "contact.email", "specialCategory": false }])
    );
    assert_eq!(
        updated["dataSubjectCategories"],
        json!([{ "id": subscribers, "key": "newsletter_subscribers" }])
    );
    assert_eq!(
        updated["recipients"],
        json!([{ "id": mailer, "name": "Mailer B.V." }])
    );
    assert_eq!(
        updated["retention"],
        json!({ "period": null, "trigger": "CONSENT_WITHDRAWN", "description": null })
    );
    assert_eq!(updated["specialCategoryConditions"], json!([]));
    assert_eq!(updated["transfers"], json!([]));
    assert_eq!(updated["sources"], json!([]));
    assert!(updated["securityMeasures"].is_null());
    assert!(updated["automatedDecisionMaking"].is_null());
    assert_eq!(updated["automatedDecisionMakingTranslations"], json!([]));
    assert!(updated["requirement"].is_null());
    assert_eq!(
        get(&app, &editor, &ACTIVITY, &id, ACTIVITY_FIELDS).await,
        updated
    );

    assert_stale_update_conflicts(&app, &editor, &ACTIVITY, &id, input, 1, ACTIVITY_FIELDS).await;
    archive_and_check(&app, &editor, &ACTIVITY, &id, 2).await;
}

/// English names of the activities a filter lets through.
async fn activity_names(app: &TestApp, token: &str, filter: Value) -> BTreeSet<String> {
    list(app, token, &ACTIVITY, filter, "name(language: EN)")
        .await
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn activities_filter_by_status_text_legal_basis_data_subjects_and_processor() {
    let (app, _admin, editor) = setup().await;
    let email = key_id(&app, &editor, &DATA_CATEGORY, "contact.email").await;
    let name = key_id(&app, &editor, &DATA_CATEGORY, "identity.name").await;
    let device = key_id(&app, &editor, &DATA_CATEGORY, "online.device").await;
    let subscribers = key_id(
        &app,
        &editor,
        &DATA_SUBJECT_CATEGORY,
        "newsletter_subscribers",
    )
    .await;
    let employees = key_id(&app, &editor, &DATA_SUBJECT_CATEGORY, "employees").await;
    let visitors = key_id(&app, &editor, &DATA_SUBJECT_CATEGORY, "website_visitors").await;
    let mut processors = Vec::new();
    for name in ["Mailer", "Payroll Partners", "Analytics"] {
        processors.push(id_of(
            &create(
                &app,
                &editor,
                &PROCESSOR,
                json!({ "name": name, "role": "PROCESSOR", "country": "NL" }),
                "id",
            )
            .await,
        ));
    }
    let [mailer, payroll, analytics] = <[String; 3]>::try_from(processors).unwrap();

    let activity = |nl: &str,
                    en: &str,
                    purpose: &str,
                    status: &str,
                    bases: Value,
                    categories: Value,
                    subjects: Value,
                    recipients: Value| {
        json!({
            "name": nl_en(nl, en),
            "purpose": only("EN", purpose),
            "status": status,
            "legalBases": bases,
            "dataCategoryIds": categories,
            "dataSubjectCategoryIds": subjects,
            "recipientIds": recipients,
        })
    };
    let inputs = [
        activity(
            "Nieuwsbrief",
            "Newsletter",
            "Sending the monthly newsletter",
            "ACTIVE",
            json!([{ "code": "CONSENT" }]),
            json!([email]),
            json!([subscribers]),
            json!([mailer]),
        ),
        activity(
            "Salarisadministratie",
            "Payroll",
            "Paying salaries",
            "DRAFT",
            json!([{ "code": "LEGAL_OBLIGATION" }, { "code": "CONTRACT" }]),
            json!([name]),
            json!([employees]),
            json!([payroll]),
        ),
        activity(
            "Webstatistieken",
            "Website analytics",
            "Measuring how the website is used",
            "ACTIVE",
            json!([{ "code": "LEGITIMATE_INTERESTS", "legitimateInterest": only("EN", "Improving the site") }]),
            json!([device, email]),
            json!([visitors, subscribers]),
            json!([analytics, mailer]),
        ),
        activity(
            "Prijsvraag 2020",
            "Contest 2020",
            "Running the 2020 contest",
            "RETIRED",
            json!([{ "code": "CONSENT" }]),
            json!([name]),
            json!([]),
            json!([]),
        ),
    ];
    let mut ids = Vec::new();
    for input in inputs {
        ids.push(id_of(&create(&app, &editor, &ACTIVITY, input, "id").await));
    }
    archive_and_check(&app, &editor, &ACTIVITY, &ids[3], 1).await;

    let cases = [
        (
            json!(null),
            names(&["Newsletter", "Payroll", "Website analytics"]),
        ),
        (
            json!({ "includeArchived": true }),
            names(&["Newsletter", "Payroll", "Website analytics", "Contest 2020"]),
        ),
        (
            json!({ "status": "ACTIVE" }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (json!({ "status": "DRAFT" }), names(&["Payroll"])),
        (json!({ "status": "RETIRED" }), names(&[])),
        (
            json!({ "status": "RETIRED", "includeArchived": true }),
            names(&["Contest 2020"]),
        ),
        (json!({ "search": "newsletter" }), names(&["Newsletter"])),
        (json!({ "search": "NIEUWSBRIEF" }), names(&["Newsletter"])),
        (json!({ "search": "salar" }), names(&["Payroll"])),
        (
            json!({ "search": "website" }),
            names(&["Website analytics"]),
        ),
        (json!({ "search": "  monthly " }), names(&["Newsletter"])),
        (json!({ "search": "%" }), names(&[])),
        (json!({ "search": "_" }), names(&[])),
        (json!({ "search": "contest" }), names(&[])),
        (
            json!({ "search": "" }),
            names(&["Newsletter", "Payroll", "Website analytics"]),
        ),
        (json!({ "legalBasis": "CONSENT" }), names(&["Newsletter"])),
        (json!({ "legalBasis": "CONTRACT" }), names(&["Payroll"])),
        (
            json!({ "legalBasis": "LEGAL_OBLIGATION" }),
            names(&["Payroll"]),
        ),
        (
            json!({ "legalBasis": "LEGITIMATE_INTERESTS" }),
            names(&["Website analytics"]),
        ),
        (json!({ "legalBasis": "PUBLIC_TASK" }), names(&[])),
        (
            json!({ "dataCategoryId": email }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (json!({ "dataCategoryId": name }), names(&["Payroll"])),
        (
            json!({ "dataSubjectCategoryId": subscribers }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (
            json!({ "dataSubjectCategoryId": employees }),
            names(&["Payroll"]),
        ),
        (
            json!({ "processorId": mailer }),
            names(&["Newsletter", "Website analytics"]),
        ),
        (json!({ "processorId": payroll }), names(&["Payroll"])),
        (
            json!({ "processorId": analytics }),
            names(&["Website analytics"]),
        ),
        (
            json!({ "status": "ACTIVE", "legalBasis": "CONSENT", "processorId": mailer }),
            names(&["Newsletter"]),
        ),
        (
            json!({ "dataCategoryId": email, "search": "analytics" }),
            names(&["Website analytics"]),
        ),
        (
            json!({ "status": "DRAFT", "processorId": mailer }),
            names(&[]),
        ),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            activity_names(&app, &editor, filter.clone()).await,
            expected,
            "filter {filter}"
        );
    }

    let response = app
        .gql(
            Some(&editor),
            "{ processingActivities(filter: { processorId: \"nope\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "filter.processorId"
    );
}
