//! Publishing the statement: versions, diffs, the public query.

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, TestApp};

const PUBLISH: &str = "mutation($language: Language!, $summary: String!, $material: Boolean, $effectiveFrom: Date,
                         $acceptFindings: [String!], $justification: String) {
    publishStatement(language: $language, summary: $summary, material: $material, effectiveFrom: $effectiveFrom,
                     acceptFindings: $acceptFindings, justification: $justification) {
        id version summary material effectiveFrom contentHash markdown html publishedBy
        diff { semantic { kind entityType description } text } } }";

const CREATE_ACTIVITY: &str = "mutation($input: ProcessingActivityInput!) {
    createProcessingActivity(input: $input) { id revision } }";

fn activity(name: &str, basis: &str, category: &Value) -> Value {
    json!({
        "name": [{ "language": "NL", "text": name }, { "language": "EN", "text": name }],
        "purpose": [{ "language": "NL", "text": format!("Doel van {name}") }, { "language": "EN", "text": format!("Purpose of {name}") }],
        "status": "ACTIVE",
        "legalBases": [{ "code": basis }],
        "dataCategoryIds": [category],
        "dataSubjectCategoryIds": [],
    })
}

async fn first_category(app: &TestApp, token: &str) -> Value {
    app.gql_ok(
        token,
        "{ dataCategories(first: 1) { nodes { id } } }",
        json!({}),
    )
    .await["dataCategories"]["nodes"][0]["id"]
        .clone()
}

async fn publish(app: &TestApp, token: &str, language: &str, summary: &str) -> Value {
    app.gql(
        Some(token),
        PUBLISH,
        json!({ "language": language, "summary": summary }),
    )
    .await
}

#[tokio::test]
async fn publishing_numbers_versions_and_keeps_their_diff() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let category = first_category(&app, &token).await;
    let created = app
        .gql_ok(
            &token,
            CREATE_ACTIVITY,
            json!({ "input": activity("Webshop", "CONTRACT", &category) }),
        )
        .await;
    let activity_id = created["createProcessingActivity"]["id"].clone();

    let first = publish(&app, &token, "NL", "Eerste versie").await;
    let first = &first["data"]["publishStatement"];
    assert_eq!(first["version"], 1);
    assert!(first["diff"].is_null());
    assert!(first["markdown"].as_str().unwrap().contains("Webshop"));
    assert_eq!(first["publishedBy"], "tester");

    let unchanged = publish(&app, &token, "NL", "Niets nieuws").await;
    assert_eq!(error_code(&unchanged), "CONFLICT");

    // Change a legal basis and add a purpose: both show in the semantic diff.
    let mut input = activity("Webshop", "CONSENT", &category);
    app.gql_ok(
        &token,
        "mutation($id: ID!, $input: ProcessingActivityInput!) { updateProcessingActivity(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": activity_id, "input": input.take() }),
    )
    .await;
    app.gql_ok(
        &token,
        CREATE_ACTIVITY,
        json!({ "input": activity("Nieuwsbrief", "CONSENT", &category) }),
    )
    .await;
    let second = publish(&app, &token, "NL", "Nieuwsbrief toegevoegd").await;
    let second = &second["data"]["publishStatement"];
    assert_eq!(second["version"], 2);
    let kinds: Vec<&str> = second["diff"]["semantic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"ACTIVITY_ADDED"), "{kinds:?}");
    assert!(kinds.contains(&"LEGAL_BASIS_CHANGED"), "{kinds:?}");
    let text = second["diff"]["text"].as_str().unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with('+') && l.contains("Nieuwsbrief")),
        "{text}"
    );

    let versions = app
        .gql_ok(&token, "{ statementVersions(language: NL) { totalCount nodes { version summary previous { version } } } }", json!({}))
        .await;
    assert_eq!(versions["statementVersions"]["totalCount"], 2);
    assert_eq!(
        versions["statementVersions"]["nodes"][1]["previous"]["version"],
        1
    );

    let diff = app
        .gql_ok(
            &token,
            "query($from: ID!, $to: ID!) { statementDiff(from: $from, to: $to) { semantic { kind } text } }",
            json!({ "from": first["id"], "to": second["id"] }),
        )
        .await;
    assert!(!diff["statementDiff"]["semantic"]
        .as_array()
        .unwrap()
        .is_empty());

    // The English statement is numbered on its own.
    let english = publish(&app, &token, "EN", "First version").await;
    assert_eq!(english["data"]["publishStatement"]["version"], 1);

    // The history page and the feed show the change.
    let history = app.page("/statements/acme/nl/versions").await;
    assert!(history.contains("Nieuwsbrief toegevoegd"));
    assert!(
        history.contains("Nieuw doel: Nieuwsbrief"),
        "the semantic change is on the history page"
    );
    let feed = app.page("/statements/acme/nl/feed.atom").await;
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
}

fn descriptions(version: &Value) -> Vec<String> {
    version["diff"]["semantic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["description"].as_str().unwrap().to_string())
        .collect()
}

fn assert_described(changes: &[String], expected: &[&str]) {
    for description in expected {
        assert!(
            changes.iter().any(|c| c == description),
            "{description:?} is not among {changes:#?}"
        );
    }
}

/// Creates an entry and gives its id.
async fn create(
    app: &TestApp,
    token: &str,
    mutation: &str,
    input_type: &str,
    input: Value,
) -> Value {
    let query = format!("mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ id }} }}");
    app.gql_ok(token, &query, json!({ "input": input })).await[mutation]["id"].clone()
}

#[tokio::test]
async fn one_publish_describes_each_register_change_in_the_readers_language() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let name = json!([{ "language": "NL", "text": "naam" }, { "language": "EN", "text": "name" }]);
    let category = create(
        &app,
        &token,
        "createDataCategory",
        "DataCategoryInput",
        json!({ "key": "test.name", "name": name }),
    )
    .await;
    let shipper = json!({ "name": "Verzendhuizen", "role": "PROCESSOR", "country": "NL" });
    let shipper = create(&app, &token, "createProcessor", "ProcessorInput", shipper).await;
    let signed = json!({ "processorId": shipper, "status": "SIGNED", "signedOn": "2026-01-01" });
    let agreement = create(
        &app,
        &token,
        "createProcessingAgreement",
        "ProcessingAgreementInput",
        signed.clone(),
    )
    .await;
    let mut webshop = activity("Webshop", "CONTRACT", &category);
    webshop["recipientIds"] = json!([shipper]);
    webshop["retention"] = json!({ "period": "P2Y" });
    let webshop_id = create(
        &app,
        &token,
        "createProcessingActivity",
        "ProcessingActivityInput",
        webshop.clone(),
    )
    .await;
    let mut stats = json!({ "name": "_stats", "category": "ANALYTICS", "duration": "P13M",
        "providerId": shipper, "activityIds": [webshop_id],
        "purpose": [{ "language": "NL", "text": "Wij tellen bezoeken." },
                    { "language": "EN", "text": "We count visits." }] });
    let stats_id = create(&app, &token, "createTracker", "TrackerInput", stats.clone()).await;
    for (language, summary) in [("NL", "Eerste versie"), ("EN", "First version")] {
        let first = publish(&app, &token, language, summary).await;
        assert_eq!(first["data"]["publishStatement"]["version"], 1, "{first:#}");
    }

    // One round of register edits.
    let revision = app
        .gql_ok(&token, "{ organization { revision } }", json!({}))
        .await["organization"]["revision"]
        .clone();
    let address = json!({ "street": "Straat 1", "postalCode": "1234 AB", "city": "Utrecht", "country": "NL" });
    app.gql_ok(
        &token,
        "mutation($input: UpdateOrganizationInput!, $revision: Int!) { updateOrganization(input: $input, expectedRevision: $revision) { id } }",
        json!({ "revision": revision, "input": { "legalName": "Acme Retail B.V.", "defaultLanguage": "NL",
                                                "address": address, "privacyEmail": "privacy@acme.example" } }),
    )
    .await;
    let renamed = json!([{ "language": "NL", "text": "volledige naam" }, { "language": "EN", "text": "full name" }]);
    app.gql_ok(
        &token,
        "mutation($id: ID!, $input: DataCategoryInput!) { updateDataCategory(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": category, "input": { "key": "test.name", "name": renamed } }),
    )
    .await;
    let mailer = json!({ "name": "Mailmoment", "role": "PROCESSOR", "country": "NL" });
    let mailer = create(&app, &token, "createProcessor", "ProcessorInput", mailer).await;
    webshop["legalBases"] = json!([{ "code": "CONSENT" }]);
    webshop["recipientIds"] = json!([shipper, mailer]);
    webshop["retention"] =
        json!({ "period": "P7Y", "trigger": "LAST_PURCHASE_OR_SUBSCRIPTION_END" });
    // Only the English purpose changes: no news for Dutch readers.
    webshop["purpose"][1]["text"] = json!("Purpose of Webshop, returns included");
    app.gql_ok(
        &token,
        "mutation($id: ID!, $input: ProcessingActivityInput!) { updateProcessingActivity(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": webshop_id, "input": webshop }),
    )
    .await;
    // The cookie is now our own and stays longer.
    stats["providerId"] = Value::Null;
    stats["duration"] = json!("P2Y");
    app.gql_ok(
        &token,
        "mutation($id: ID!, $input: TrackerInput!) { updateTracker(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": stats_id, "input": stats }),
    )
    .await;
    let mut expired = signed;
    expired["status"] = json!("EXPIRED");
    app.gql_ok(
        &token,
        "mutation($id: ID!, $input: ProcessingAgreementInput!) { updateProcessingAgreement(id: $id, input: $input, expectedRevision: 1) { id } }",
        json!({ "id": agreement, "input": expired }),
    )
    .await;

    // Both processors now lack an agreement in force: published over, with a reason.
    let accepting = |language: &str, summary: &str| {
        json!({ "language": language, "summary": summary,
                "acceptFindings": ["PROCESSOR_WITHOUT_AGREEMENT"],
                "justification": "Nieuwe overeenkomsten liggen ter ondertekening" })
    };
    let dutch = app
        .gql(Some(&token), PUBLISH, accepting("NL", "Nieuwe ontvanger"))
        .await;
    let dutch = &dutch["data"]["publishStatement"];
    let changes = descriptions(dutch);
    assert_described(
        &changes,
        &[
            "Gegevens van de organisatie: naam gewijzigd van ‘acme B.V.’ naar ‘Acme Retail B.V.’",
            "Gegevens van de organisatie gewijzigd: adres",
            "Grondslag van Webshop gewijzigd van uitvoering van een overeenkomst naar toestemming",
            "Webshop deelt gegevens nu ook met: Mailmoment",
            "Bewaartermijn bij Webshop gewijzigd van ‘twee jaar’ naar ‘zeven jaar na uw laatste aankoop of het einde van uw abonnement’",
            "Gegevens hernoemd van ‘naam’ naar ‘volledige naam’",
            "Nieuwe ontvanger: Mailmoment",
            "Verwerkersovereenkomst met Verzendhuizen gewijzigd van getekend naar verlopen",
            "Cookie ‘_stats’: aanbieder gewijzigd van ‘Verzendhuizen’ naar onszelf",
            "Cookie ‘_stats’: bewaartermijn gewijzigd van dertien maanden naar twee jaar",
        ],
    );
    let kinds: Vec<&str> = dutch["diff"]["semantic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"PURPOSE_CHANGED"), "{kinds:?}");
    assert!(kinds.contains(&"DATA_CATEGORY_RENAMED"), "{kinds:?}");
    let text = dutch["diff"]["text"].as_str().unwrap();
    assert!(text.starts_with("--- versie 1\n+++ versie 2\n"), "{text}");

    let english = app
        .gql(Some(&token), PUBLISH, accepting("EN", "New recipient"))
        .await;
    let english = &english["data"]["publishStatement"];
    assert_described(
        &descriptions(english),
        &[
            "Description of the purpose Webshop changed",
            "Legal basis of Webshop changed from performance of a contract to consent",
            "Data renamed from ‘name’ to ‘full name’",
            "Processing agreement with Verzendhuizen changed from signed to expired",
            "Cookie ‘_stats’: provider changed from ‘Verzendhuizen’ to ourselves",
            "Cookie ‘_stats’: duration changed from thirteen months to two years",
        ],
    );
    let text = english["diff"]["text"].as_str().unwrap();
    assert!(text.starts_with("--- version 1\n+++ version 2\n"), "{text}");

    // The history page shows the stored changes as they were described.
    let history = app.page("/statements/acme/nl/versions").await;
    for description in [
        "Grondslag van Webshop gewijzigd van uitvoering van een overeenkomst naar toestemming",
        "Verwerkersovereenkomst met Verzendhuizen gewijzigd van getekend naar verlopen",
        "Gegevens hernoemd van ‘naam’ naar ‘volledige naam’",
        "--- versie 1",
    ] {
        assert!(
            history.contains(description),
            "{description:?} in {history}"
        );
    }
    assert!(!history.contains("Description of the purpose"), "{history}");
    // So does the feed, in the entry of version 2.
    let feed = app.page("/statements/acme/nl/feed.atom").await;
    let entry = &feed[feed.find("<entry>").expect("an entry")..];
    assert!(entry.contains("/statements/acme/nl/versions/2"), "{feed}");
    assert!(
        entry.contains("<li>Nieuwe ontvanger: Mailmoment</li>"),
        "{feed}"
    );
}

#[tokio::test]
async fn only_admins_publish_and_the_public_sees_only_published_versions() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let category = first_category(&app, &token).await;
    app.gql_ok(
        &token,
        CREATE_ACTIVITY,
        json!({ "input": activity("Webshop", "CONTRACT", &category) }),
    )
    .await;

    let editor = app.token("acme", Role::Editor);
    assert_eq!(
        error_code(&publish(&app, &editor, "NL", "Poging").await),
        "FORBIDDEN"
    );

    let public = "query($version: Int) { publishedStatement(organization: \"acme\", language: NL, version: $version) { version markdown } }";
    let nothing = app.gql(None, public, json!({})).await;
    assert!(nothing["data"]["publishedStatement"].is_null());

    publish(&app, &token, "NL", "Eerste versie").await;
    // An unpublished change and a draft never show publicly.
    let mut draft = activity("Geheim concept", "CONSENT", &category);
    draft["status"] = json!("DRAFT");
    app.gql_ok(&token, CREATE_ACTIVITY, json!({ "input": draft }))
        .await;
    app.gql_ok(
        &token,
        CREATE_ACTIVITY,
        json!({ "input": activity("Nog niet gepubliceerd", "CONSENT", &category) }),
    )
    .await;

    let shown = app.gql(None, public, json!({})).await;
    let markdown = shown["data"]["publishedStatement"]["markdown"]
        .as_str()
        .unwrap();
    assert!(markdown.contains("Webshop"));
    assert!(!markdown.contains("Geheim concept") && !markdown.contains("Nog niet gepubliceerd"));
    let preview = app
        .gql_ok(
            &token,
            "{ statementPreview(language: NL) { sections { title subsections { title } } } }",
            json!({}),
        )
        .await;
    let preview = preview.to_string();
    assert!(preview.contains("Nog niet gepubliceerd") && !preview.contains("Geheim concept"));

    let page = app.page("/statements/acme/nl").await;
    assert!(page.contains("Webshop"));
    assert!(!page.contains("Geheim concept") && !page.contains("Nog niet gepubliceerd"));

    // The page is held in memory now; publishing shows the new version at
    // once.
    publish(&app, &token, "NL", "Tweede versie").await;
    let page = app.page("/statements/acme/nl").await;
    assert!(page.contains("Nog niet gepubliceerd"), "{page}");
    assert!(!page.contains("Geheim concept"));

    // Who published and the register behind it are for the organization's
    // members only: anyone else reads null, whatever their role.
    let private = "{ publishedStatement(organization: \"acme\", language: NL) { version publishedBy snapshot } }";
    let outsider = app.publishing_organization("outsider").await;
    let operator = app.token_for("operator", None, Role::Operator);
    for token in [None, Some(outsider.as_str()), Some(operator.as_str())] {
        let who = app.gql(token, private, json!({})).await;
        assert!(who["errors"].is_null(), "{who}");
        assert_eq!(who["data"]["publishedStatement"]["version"], 2, "{who}");
        assert!(
            who["data"]["publishedStatement"]["publishedBy"].is_null(),
            "{who}"
        );
        assert!(
            who["data"]["publishedStatement"]["snapshot"].is_null(),
            "{who}"
        );
    }
    let member = app
        .gql_ok(&app.token("acme", Role::Viewer), private, json!({}))
        .await;
    assert_eq!(member["publishedStatement"]["publishedBy"], "tester");
    assert!(
        member["publishedStatement"]["snapshot"].is_object(),
        "{member}"
    );
    let unknown = app
        .gql(
            None,
            "{ publishedStatement(organization: \"nobody\", language: NL) { version } }",
            json!({}),
        )
        .await;
    assert!(unknown["data"]["publishedStatement"].is_null());
}

#[tokio::test]
async fn a_material_change_can_be_announced_ahead() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let category = first_category(&app, &token).await;
    app.gql_ok(
        &token,
        CREATE_ACTIVITY,
        json!({ "input": activity("Webshop", "CONTRACT", &category) }),
    )
    .await;
    publish(&app, &token, "NL", "Eerste versie").await;
    app.gql_ok(
        &token,
        CREATE_ACTIVITY,
        json!({ "input": activity("Profilering", "CONSENT", &category) }),
    )
    .await;
    let next_month = (chrono::Utc::now().date_naive() + chrono::Duration::days(30)).to_string();
    let announced = app
        .gql(
            Some(&token),
            PUBLISH,
            json!({ "language": "NL", "summary": "Nieuw doel", "material": true, "effectiveFrom": next_month }),
        )
        .await;
    assert_eq!(
        announced["data"]["publishStatement"]["version"], 2,
        "{announced:#}"
    );
    assert_eq!(
        announced["data"]["publishStatement"]["effectiveFrom"],
        next_month.as_str()
    );
    let current = app
        .gql(
            None,
            "{ publishedStatement(organization: \"acme\", language: NL) { version } }",
            json!({}),
        )
        .await;
    assert_eq!(current["data"]["publishedStatement"]["version"], 1);
    let past = app
        .gql(
            Some(&token),
            PUBLISH,
            json!({ "language": "NL", "summary": "Te laat", "effectiveFrom": "2020-01-01" }),
        )
        .await;
    assert_eq!(error_code(&past), "VALIDATION_FAILED");
}

#[tokio::test]
async fn concurrent_publishes_number_versions_without_gaps() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let category = first_category(&app, &token).await;
    for round in 0..4 {
        app.gql_ok(
            &token,
            CREATE_ACTIVITY,
            json!({ "input": activity(&format!("Doel {round}"), "CONSENT", &category) }),
        )
        .await;
        let (a, b, c) = tokio::join!(
            publish(&app, &token, "NL", "a"),
            publish(&app, &token, "NL", "b"),
            publish(&app, &token, "EN", "c"),
        );
        let published = [&a, &b]
            .iter()
            .filter(|r| r.get("errors").is_none())
            .count();
        assert_eq!(
            published, 1,
            "one of two identical publishes wins: {a:#} {b:#}"
        );
        for refused in [&a, &b].iter().filter(|r| r.get("errors").is_some()) {
            assert_eq!(error_code(refused), "CONFLICT");
        }
        assert!(c.get("errors").is_none(), "{c:#}");
    }
    for language in ["NL", "EN"] {
        let versions = app
            .gql_ok(
                &token,
                "query($l: Language!) { statementVersions(language: $l, first: 100) { nodes { version } } }",
                json!({ "l": language }),
            )
            .await;
        let numbers: Vec<i64> = versions["statementVersions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["version"].as_i64().unwrap())
            .collect();
        assert_eq!(numbers, vec![1, 2, 3, 4], "{language}");
    }
}

/// Eight editors each add a purpose and publish at once: every publish that
/// found a change gets the next number, the others are refused, and the
/// numbers have no gap and no duplicate.
#[tokio::test]
async fn publishes_racing_register_edits_number_versions_without_gaps() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let category = first_category(&app, &token).await;
    let edit_and_publish = |n: usize| {
        let (app, token, category) = (&app, &token, &category);
        async move {
            let name = format!("Doel {n}");
            app.gql_ok(
                token,
                CREATE_ACTIVITY,
                json!({ "input": activity(&name, "CONSENT", category) }),
            )
            .await;
            publish(app, token, "NL", &name).await
        }
    };
    let results = futures_util::future::join_all((0..8).map(edit_and_publish)).await;
    let mut numbers: Vec<i64> = Vec::new();
    for result in &results {
        match result.get("errors") {
            None => numbers.push(
                result["data"]["publishStatement"]["version"]
                    .as_i64()
                    .unwrap(),
            ),
            Some(_) => assert_eq!(error_code(result), "CONFLICT", "{result:#}"),
        }
    }
    numbers.sort_unstable();
    let expected: Vec<i64> = (1..=numbers.len() as i64).collect();
    assert_eq!(numbers, expected, "gapless, no duplicates");
    let stored = app
        .gql_ok(
            &token,
            "{ statementVersions(language: NL, first: 100) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(stored["statementVersions"]["totalCount"], numbers.len());
    // Every edit came before some publish, so the newest version holds all.
    let newest = app
        .gql_ok(
            &token,
            "{ publishedStatement(organization: \"acme\", language: NL) { version markdown } }",
            json!({}),
        )
        .await;
    assert_eq!(newest["publishedStatement"]["version"], numbers.len());
    let markdown = newest["publishedStatement"]["markdown"]
        .as_str()
        .unwrap()
        .to_string();
    for n in 0..8 {
        assert!(markdown.contains(&format!("Doel {n}")), "{markdown}");
    }
    // A higher number never holds an older register: each version keeps the
    // purposes of the one before it.
    let all = app
        .gql_ok(
            &token,
            "{ statementVersions(language: NL, first: 8) { nodes { version markdown } } }",
            json!({}),
        )
        .await;
    let mut versions = all["statementVersions"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    versions.sort_by_key(|v| v["version"].as_i64());
    let purposes = |v: &Value| -> Vec<usize> {
        let markdown = v["markdown"].as_str().unwrap();
        (0..8)
            .filter(|n| markdown.contains(&format!("Doel {n}")))
            .collect()
    };
    for pair in versions.windows(2) {
        let (older, newer) = (purposes(&pair[0]), purposes(&pair[1]));
        assert!(
            older.iter().all(|n| newer.contains(n)),
            "version {} holds {older:?}, version {} only {newer:?}",
            pair[0]["version"],
            pair[1]["version"]
        );
    }
}

#[tokio::test]
async fn register_texts_come_out_escaped() {
    let app = TestApp::start().await;
    let token = app.publishing_organization("acme").await;
    let category = first_category(&app, &token).await;
    let hostile = "<script>alert(1)</script> **vet** [link](https://evil.example) | # kop";
    app.gql_ok(
        &token,
        CREATE_ACTIVITY,
        json!({ "input": activity(hostile, "CONSENT", &category) }),
    )
    .await;
    let published = publish(&app, &token, "NL", "Eerste versie").await;
    let version = &published["data"]["publishStatement"];
    let html = version["html"].as_str().unwrap();
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let markdown = version["markdown"].as_str().unwrap();
    assert!(markdown.contains(r"\*\*vet\*\*"), "{markdown}");
    assert!(markdown.contains(r"\[link\]"), "{markdown}");
    assert!(!markdown.contains("<script>"), "{markdown}");
    let page = app.page("/statements/acme/nl").await;
    assert!(!page.contains("<script>") && page.contains("&lt;script&gt;"));
}
