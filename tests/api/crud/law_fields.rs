//! What the statement needs the register to say: a joint controller's
//! arrangement, a recipient whose country is not known, profiling apart
//! from Art. 22 decisions, direct marketing, and which part of a purpose
//! rests on which basis. Each kept through create, update and read, and
//! refused where it contradicts the entry.

use serde_json::{json, Value};

use super::{create, create_query, get, nl_en, setup, update, update_query, ACTIVITY, PROCESSOR};
use crate::common::{error_code, id_of, TestApp};

const PARTY_FIELDS: &str = "id revision role country transferSafeguard
    jointArrangement(language: EN) nl: jointArrangement(language: NL)
    jointArrangementTranslations { language text }";

const LAW_FIELDS: &str = "id revision directMarketing
    profiling(language: EN) profilingTranslations { language text }
    automatedDecisionMaking(language: EN)
    legalBases { code appliesTo(language: EN) nl: appliesTo(language: NL) appliesToTranslations { language text } }";

/// The field a refused request names, after checking it was refused as
/// invalid input.
fn refused_field(response: &Value) -> &str {
    assert_eq!(error_code(response), "VALIDATION_FAILED", "{response:#}");
    response["errors"][0]["extensions"]["field"]
        .as_str()
        .unwrap_or_default()
}

async fn refused_create(app: &TestApp, token: &str, kind: &super::Kind, input: Value) -> String {
    let response = app
        .gql(
            Some(token),
            &create_query(kind, "id"),
            json!({ "input": input }),
        )
        .await;
    refused_field(&response).to_string()
}

fn page(arrangement: Option<Value>) -> Value {
    let mut input =
        json!({ "name": "Social Network Ltd", "role": "JOINT_CONTROLLER", "country": "IE" });
    if let Some(arrangement) = arrangement {
        input["jointArrangement"] = arrangement;
    }
    input
}

#[tokio::test]
async fn a_joint_controller_keeps_the_essence_of_the_arrangement() {
    let (app, _admin, editor) = setup().await;
    let created = create(
        &app,
        &editor,
        &PROCESSOR,
        page(Some(nl_en(
            "Ieder beantwoordt vragen over eigen gegevens.",
            "Each answers questions about its own data.",
        ))),
        PARTY_FIELDS,
    )
    .await;
    assert_eq!(
        created["jointArrangement"],
        "Each answers questions about its own data."
    );
    assert_eq!(
        created["nl"],
        "Ieder beantwoordt vragen over eigen gegevens."
    );
    let id = id_of(&created);
    let changed = update(
        &app,
        &editor,
        &PROCESSOR,
        &id,
        page(Some(nl_en(
            "De pagina-eigenaar beantwoordt alle vragen.",
            "The page owner answers all questions.",
        ))),
        1,
        PARTY_FIELDS,
    )
    .await;
    assert_eq!(changed["revision"], 2);
    assert_eq!(
        get(&app, &editor, &PROCESSOR, &id, PARTY_FIELDS).await["jointArrangement"],
        "The page owner answers all questions."
    );

    // Required for a joint controller, on create and on update; refused
    // for any other role. Nothing changes.
    assert_eq!(
        refused_create(&app, &editor, &PROCESSOR, page(None)).await,
        "input.jointArrangement"
    );
    let response = app
        .gql(
            Some(&editor),
            &update_query(&PROCESSOR, "id"),
            json!({ "id": id, "input": page(None), "rev": 2 }),
        )
        .await;
    assert_eq!(refused_field(&response), "input.jointArrangement");
    let mut processor = page(Some(nl_en("x", "x")));
    processor["role"] = json!("PROCESSOR");
    assert_eq!(
        refused_create(&app, &editor, &PROCESSOR, processor).await,
        "input.jointArrangement"
    );
    let kept = get(&app, &editor, &PROCESSOR, &id, PARTY_FIELDS).await;
    assert_eq!(kept["revision"], 2);
    assert_eq!(
        kept["jointArrangement"],
        "The page owner answers all questions."
    );
}

#[tokio::test]
async fn a_recipient_may_be_of_unknown_country() {
    let (app, _admin, editor) = setup().await;
    let unknown = json!({ "name": "Mailing houses", "role": "PROCESSOR", "country": "zz" });
    let created = create(&app, &editor, &PROCESSOR, unknown.clone(), PARTY_FIELDS).await;
    assert_eq!(created["country"], "ZZ", "the documented code for unknown");
    assert!(
        created["transferSafeguard"].is_null(),
        "no safeguard is demanded"
    );
    assert!(created["jointArrangement"].is_null());
    assert_eq!(created["jointArrangementTranslations"], json!([]));
    // A safeguard already agreed may be recorded while the country is unknown.
    let mut with_safeguard = unknown.clone();
    with_safeguard["transferSafeguard"] = json!("STANDARD_CONTRACTUAL_CLAUSES");
    let changed = update(
        &app,
        &editor,
        &PROCESSOR,
        &id_of(&created),
        with_safeguard,
        1,
        PARTY_FIELDS,
    )
    .await;
    assert_eq!(changed["transferSafeguard"], "STANDARD_CONTRACTUAL_CLAUSES");
    // Other codes that are no country stay refused.
    let mut nowhere = unknown;
    nowhere["country"] = json!("XX");
    assert_eq!(
        refused_create(&app, &editor, &PROCESSOR, nowhere).await,
        "input.country"
    );
}

fn activity(bases: Value) -> Value {
    json!({
        "name": nl_en("Nieuwsbrief", "Newsletter"),
        "purpose": nl_en("De nieuwsbrief sturen.", "Sending the newsletter."),
        "status": "ACTIVE",
        "legalBases": bases,
        "dataCategoryIds": [],
        "dataSubjectCategoryIds": [],
    })
}

fn consent_and_interest() -> Value {
    json!([
        { "code": "CONSENT", "appliesTo": nl_en("de nieuwsbrief", "the newsletter") },
        {
            "code": "LEGITIMATE_INTERESTS",
            "legitimateInterest": nl_en("Wij willen weten wat werkt.", "We want to know what works."),
            "appliesTo": nl_en("het meten van kliks", "measuring clicks"),
        },
    ])
}

#[tokio::test]
async fn an_activity_keeps_profiling_decisions_direct_marketing_and_parts_of_bases() {
    let (app, _admin, editor) = setup().await;
    let mut input = activity(consent_and_interest());
    input["profiling"] = nl_en(
        "Wij stemmen de inhoud af op uw kliks.",
        "We tailor the content to your clicks.",
    );
    input["directMarketing"] = json!(true);
    let created = create(&app, &editor, &ACTIVITY, input, LAW_FIELDS).await;
    assert_eq!(created["directMarketing"], true);
    assert_eq!(
        created["profiling"],
        "We tailor the content to your clicks."
    );
    assert!(
        created["automatedDecisionMaking"].is_null(),
        "profiling is no decision"
    );
    assert_eq!(created["legalBases"][0]["appliesTo"], "the newsletter");
    assert_eq!(created["legalBases"][1]["nl"], "het meten van kliks");
    assert_eq!(
        created["legalBases"][1]["appliesToTranslations"],
        json!([
            { "language": "NL", "text": "het meten van kliks" },
            { "language": "EN", "text": "measuring clicks" }
        ])
    );

    // Left out, each is gone after an update: the input is the whole entry.
    let id = id_of(&created);
    let mut plain = activity(json!([{ "code": "CONSENT" }]));
    plain["automatedDecisionMaking"] = nl_en(
        "Een score bepaalt of u mag deelnemen.",
        "A score decides whether you may take part.",
    );
    let changed = update(&app, &editor, &ACTIVITY, &id, plain, 1, LAW_FIELDS).await;
    assert_eq!(changed["directMarketing"], false);
    assert!(changed["profiling"].is_null());
    assert_eq!(changed["profilingTranslations"], json!([]));
    assert_eq!(
        changed["automatedDecisionMaking"],
        "A score decides whether you may take part."
    );
    assert!(changed["legalBases"][0]["appliesTo"].is_null());
    assert_eq!(
        get(&app, &editor, &ACTIVITY, &id, LAW_FIELDS).await,
        changed
    );
}

#[tokio::test]
async fn blank_law_texts_are_refused_by_field() {
    let (app, _admin, editor) = setup().await;
    let mut bases = consent_and_interest();
    bases[1]["appliesTo"] = json!([{ "language": "EN", "text": "  " }]);
    assert_eq!(
        refused_create(&app, &editor, &ACTIVITY, activity(bases)).await,
        "input.legalBases.1.appliesTo.0.text"
    );
    let mut profiled = activity(consent_and_interest());
    profiled["profiling"] = json!([{ "language": "EN", "text": "" }]);
    assert_eq!(
        refused_create(&app, &editor, &ACTIVITY, profiled).await,
        "input.profiling.0.text"
    );
    let blank = page(Some(json!([{ "language": "NL", "text": " " }])));
    assert_eq!(
        refused_create(&app, &editor, &PROCESSOR, blank).await,
        "input.jointArrangement.0.text"
    );
}
