//! Optimistic concurrency: an update names the revision it is based on; a
//! stale one is a `CONFLICT` that changes nothing, and of two concurrent
//! updates of one entry exactly one wins, completely.

use ropa::auth::Role;
use serde_json::{json, Value};

use crate::auth::{
    activity_input, archive_mutation, create, processor_input, register_state, revision,
    update_mutation, Entries, KINDS,
};
use crate::common::{error_code, TestApp};

const ROUNDS: usize = 10;

async fn audit_count(app: &TestApp, token: &str) -> i64 {
    register_state(app, token).await["auditEvents"]["totalCount"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_stale_revision_is_a_conflict_and_changes_nothing() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let e = Entries::create(&app, &admin, "stale").await;
    // Every entry moves on to revision 2.
    for kind in KINDS {
        let id = e.id(kind);
        let data = app
            .gql_ok(
                &admin,
                &update_mutation(kind),
                json!({ "id": id, "input": e.input(kind, "stale.second"), "rev": 1 }),
            )
            .await;
        assert_eq!(data[format!("update{kind}")]["revision"], 2, "{kind}");
    }
    let register = register_state(&app, &admin).await;
    let state = e.state(&app, &admin).await;
    for kind in KINDS {
        let id = e.id(kind);
        for rev in [1, 0, 3, 99] {
            let what = format!("update {kind} at revision {rev}");
            let response = app
                .gql(
                    Some(&admin),
                    &update_mutation(kind),
                    json!({ "id": id, "input": e.input(kind, "stale.third"), "rev": rev }),
                )
                .await;
            assert_eq!(error_code(&response), "CONFLICT", "{what}: {response}");
            assert!(response["data"].is_null(), "{what}");
            let response = app
                .gql(
                    Some(&admin),
                    &archive_mutation(kind),
                    json!({ "id": id, "rev": rev }),
                )
                .await;
            assert_eq!(
                error_code(&response),
                "CONFLICT",
                "archive {kind} at {rev}: {response}"
            );
        }
        assert_eq!(revision(&app, &admin, kind, id).await, 2, "{kind}");
    }
    assert_eq!(
        e.state(&app, &admin).await,
        state,
        "values and revisions are unchanged"
    );
    assert_eq!(
        register_state(&app, &admin).await,
        register,
        "no audit events"
    );

    // The organization and its rights policy too.
    let org = "mutation($rev: Int!) { updateOrganization(input: { legalName: \"Changed\", defaultLanguage: EN }, expectedRevision: $rev) { revision } }";
    let policy = "mutation($rev: Int!, $p: String!) { updateRightsPolicy(input: { responsePeriod: $p }, expectedRevision: $rev) { revision responsePeriod } }";
    app.gql_ok(&admin, org, json!({ "rev": 1 })).await;
    app.gql_ok(&admin, policy, json!({ "rev": 0, "p": "P4W" }))
        .await;
    for rev in [1, 0, 5] {
        let response = app.gql(Some(&admin), org, json!({ "rev": rev })).await;
        assert_eq!(error_code(&response), "CONFLICT", "organization at {rev}");
    }
    for rev in [0, 2] {
        // A second "first save" (revision 0) conflicts too.
        let response = app
            .gql(Some(&admin), policy, json!({ "rev": rev, "p": "P1M" }))
            .await;
        assert_eq!(error_code(&response), "CONFLICT", "rights policy at {rev}");
    }
    let data = app
        .gql_ok(
            &admin,
            "{ organization { revision legalName } rightsPolicy { revision responsePeriod } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data,
        json!({
            "organization": { "revision": 2, "legalName": "Changed" },
            "rightsPolicy": { "revision": 1, "responsePeriod": "P4W" },
        })
    );
}

/// Sends two updates of one entry at once, both based on the same
/// revision; returns which one won (0 or 1) after checking that exactly
/// one did and the other got `CONFLICT`.
async fn race(app: &TestApp, tokens: [&str; 2], query: &str, variables: [Value; 2]) -> usize {
    let [first, second] = variables;
    let (a, b) = tokio::join!(
        app.gql(Some(tokens[0]), query, first),
        app.gql(Some(tokens[1]), query, second)
    );
    let ok = |r: &Value| r["errors"].is_null();
    match (ok(&a), ok(&b)) {
        (true, false) => {
            assert_eq!(error_code(&b), "CONFLICT", "the loser: {b}");
            0
        }
        (false, true) => {
            assert_eq!(error_code(&a), "CONFLICT", "the loser: {a}");
            1
        }
        _ => panic!("exactly one update should win:\n{a}\n{b}"),
    }
}

#[tokio::test]
async fn of_two_concurrent_updates_exactly_one_wins() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let editors = [
        app.token_for("editor-a", Some("acme"), Role::Editor),
        app.token_for("editor-b", Some("acme"), Role::Editor),
    ];
    let processor = create(&app, &admin, "Processor", processor_input("Racer")).await;
    let mut wins = [0; 2];
    for round in 0..ROUNDS {
        let rev = revision(&app, &admin, "Processor", &processor).await;
        let events = audit_count(&app, &admin).await;
        let names = [format!("A{round}"), format!("B{round}")];
        let countries = ["NL", "BE"];
        let variables = [0, 1].map(|i| {
            let mut input = processor_input(&names[i]);
            input["country"] = json!(countries[i]);
            json!({ "id": processor, "input": input, "rev": rev })
        });
        let winner = race(
            &app,
            [&editors[0], &editors[1]],
            &update_mutation("Processor"),
            variables,
        )
        .await;
        wins[winner] += 1;
        let data = app
            .gql_ok(
                &admin,
                "query($id: ID!) { processor(id: $id) { revision name country history(first: 100) { totalCount nodes { actor } } } }",
                json!({ "id": processor }),
            )
            .await;
        let stored = &data["processor"];
        assert_eq!(
            stored["revision"],
            rev + 1,
            "round {round}: one new revision"
        );
        assert_eq!(
            stored["name"], names[winner],
            "round {round}: the winner's name"
        );
        assert_eq!(
            stored["country"], countries[winner],
            "round {round}: the winner's country"
        );
        assert_eq!(
            audit_count(&app, &admin).await,
            events + 1,
            "round {round}: one audit event"
        );
        let history = stored["history"]["nodes"].as_array().unwrap();
        let actor = ["editor-a", "editor-b"][winner];
        assert_eq!(history.last().unwrap()["actor"], actor, "round {round}");
    }
    eprintln!("processor races won: {wins:?}");
}

#[tokio::test]
async fn concurrent_archive_and_update_do_not_both_apply() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let editor = app.token("acme", Role::Editor);
    for round in 0..ROUNDS {
        let id = create(
            &app,
            &admin,
            "Processor",
            processor_input(&format!("P{round}")),
        )
        .await;
        let (update_query, archive_query) =
            (update_mutation("Processor"), archive_mutation("Processor"));
        let (update, archive) = tokio::join!(
            app.gql(
                Some(&editor),
                &update_query,
                json!({ "id": id, "input": processor_input("Renamed"), "rev": 1 }),
            ),
            app.gql(Some(&editor), &archive_query, json!({ "id": id, "rev": 1 }),)
        );
        let data = app
            .gql_ok(
                &admin,
                "query($id: ID!) { processor(id: $id) { revision name archivedAt } }",
                json!({ "id": id }),
            )
            .await;
        let stored = &data["processor"];
        assert_eq!(stored["revision"], 2, "round {round}");
        match (update["errors"].is_null(), archive["errors"].is_null()) {
            (true, false) => {
                assert_eq!(error_code(&archive), "CONFLICT");
                assert_eq!(stored["name"], "Renamed");
                assert!(stored["archivedAt"].is_null());
            }
            (false, true) => {
                assert_eq!(error_code(&update), "CONFLICT");
                assert_eq!(stored["name"], format!("P{round}"));
                assert!(stored["archivedAt"].is_string());
            }
            _ => panic!("exactly one should win:\n{update}\n{archive}"),
        }
    }
}

#[tokio::test]
async fn concurrent_activity_updates_keep_the_winners_links() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let editors = [
        app.token_for("editor-a", Some("acme"), Role::Editor),
        app.token_for("editor-b", Some("acme"), Role::Editor),
    ];
    let e = Entries::create(&app, &admin, "race").await;
    let mut categories = Vec::new();
    let mut subjects = Vec::new();
    let mut processors = Vec::new();
    for i in 0..3 {
        categories.push(
            create(
                &app,
                &admin,
                "DataCategory",
                crate::auth::category_input(&format!("race.c{i}")),
            )
            .await,
        );
        subjects.push(
            create(
                &app,
                &admin,
                "DataSubjectCategory",
                crate::auth::subject_input(&format!("race.s{i}")),
            )
            .await,
        );
        processors.push(
            create(
                &app,
                &admin,
                "Processor",
                processor_input(&format!("Race {i}")),
            )
            .await,
        );
    }
    // Two disjoint sets of links; A also keeps the original entries.
    let a_links = (
        vec![&e.data_category, &categories[0], &categories[1]],
        vec![&subjects[0]],
        vec![&processors[0], &e.processor],
    );
    let b_links = (
        vec![&categories[2]],
        vec![&subjects[2], &subjects[1], &e.data_subject_category],
        vec![&processors[2]],
    );
    let inputs = |round: usize| {
        let mut a = activity_input(&format!("A{round}"), &a_links.0, &a_links.1, &a_links.2);
        a["legalBases"] = json!([{ "code": "CONSENT" }]);
        a["retention"] = json!({ "period": "P1Y" });
        let mut b = activity_input(&format!("B{round}"), &b_links.0, &b_links.1, &b_links.2);
        b["legalBases"] = json!([
            { "code": "CONTRACT" },
            { "code": "LEGITIMATE_INTERESTS", "legitimateInterest": [{ "language": "EN", "text": "Fraud prevention" }] },
        ]);
        b["retention"] = json!({ "period": "P7Y" });
        [a, b]
    };
    let ids = |list: &[&Value]| {
        json!(list
            .iter()
            .map(|id| json!({ "id": id }))
            .collect::<Vec<_>>())
    };
    let expected = [
        (
            ids(&a_links.0),
            ids(&a_links.1),
            ids(&a_links.2),
            json!(["CONSENT"]),
            "P1Y",
        ),
        (
            ids(&b_links.0),
            ids(&b_links.1),
            ids(&b_links.2),
            json!(["CONTRACT", "LEGITIMATE_INTERESTS"]),
            "P7Y",
        ),
    ];
    for round in 0..ROUNDS {
        let rev = revision(&app, &admin, "ProcessingActivity", &e.activity).await;
        let events = audit_count(&app, &admin).await;
        let [a, b] = inputs(round);
        let winner = race(
            &app,
            [&editors[0], &editors[1]],
            &update_mutation("ProcessingActivity"),
            [
                json!({ "id": e.activity, "input": a, "rev": rev }),
                json!({ "id": e.activity, "input": b, "rev": rev }),
            ],
        )
        .await;
        let data = app
            .gql_ok(
                &admin,
                "query($id: ID!) { processingActivity(id: $id) { revision name(language: EN)
                   dataCategories { id } dataSubjectCategories { id } recipients { id }
                   legalBases { code } retention { period } } }",
                json!({ "id": e.activity }),
            )
            .await;
        let stored = &data["processingActivity"];
        let (categories, subjects, recipients, bases, period) = &expected[winner];
        assert_eq!(stored["revision"], rev + 1, "round {round}");
        assert_eq!(
            stored["name"],
            ["A", "B"][winner].to_string() + &round.to_string()
        );
        assert_eq!(
            &stored["dataCategories"], categories,
            "round {round}: categories"
        );
        assert_eq!(
            &stored["dataSubjectCategories"], subjects,
            "round {round}: subjects"
        );
        assert_eq!(
            &stored["recipients"], recipients,
            "round {round}: recipients"
        );
        let codes: Vec<Value> = stored["legalBases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["code"].clone())
            .collect();
        assert_eq!(&json!(codes), bases, "round {round}: legal bases");
        assert_eq!(stored["retention"]["period"], *period, "round {round}");
        assert_eq!(audit_count(&app, &admin).await, events + 1, "round {round}");
        // The audit trail records the winner's links as the state after.
        let data = app
            .gql_ok(
                &admin,
                "query($id: ID!) { processingActivity(id: $id) { history(first: 100) { nodes { actor action after } } } }",
                json!({ "id": e.activity }),
            )
            .await;
        let history = data["processingActivity"]["history"]["nodes"]
            .as_array()
            .unwrap();
        let last = history.last().unwrap();
        assert_eq!(
            last["actor"],
            ["editor-a", "editor-b"][winner],
            "round {round}"
        );
        assert_eq!(last["action"], "update");
        let links = [&a_links, &b_links][winner];
        assert_eq!(
            last["after"]["dataCategoryIds"],
            json!(links.0),
            "round {round}"
        );
        assert_eq!(
            last["after"]["dataSubjectCategoryIds"],
            json!(links.1),
            "round {round}"
        );
        assert_eq!(
            last["after"]["recipientIds"],
            json!(links.2),
            "round {round}"
        );
    }
}

#[tokio::test]
async fn concurrent_creates_of_one_key_make_one_entry() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let editors = [
        app.token_for("editor-a", Some("acme"), Role::Editor),
        app.token_for("editor-b", Some("acme"), Role::Editor),
    ];
    for round in 0..ROUNDS {
        let before = register_state(&app, &admin).await;
        let key = format!("race.key{round}");
        let variables = ["A", "B"].map(|name| {
            let mut input = crate::auth::category_input(&key);
            input["name"] = crate::auth::text(name);
            json!({ "input": input })
        });
        let winner = race(
            &app,
            [&editors[0], &editors[1]],
            &crate::auth::create_mutation("DataCategory"),
            variables,
        )
        .await;
        let after = register_state(&app, &admin).await;
        let count = |state: &Value, list: &str| state[list]["totalCount"].as_i64().unwrap();
        assert_eq!(
            count(&after, "dataCategories"),
            count(&before, "dataCategories") + 1
        );
        assert_eq!(
            count(&after, "auditEvents"),
            count(&before, "auditEvents") + 1
        );
        let data = app
            .gql_ok(
                &admin,
                "query($key: String!) { dataCategories(filter: { search: $key }) { nodes { key name(language: EN) } } }",
                json!({ "key": key }),
            )
            .await;
        assert_eq!(
            data["dataCategories"]["nodes"],
            json!([{ "key": key, "name": (["A", "B"][winner]) }]),
            "round {round}"
        );
    }
}

#[tokio::test]
async fn concurrent_first_saves_of_the_rights_policy_make_one_policy() {
    let app = TestApp::start().await;
    let policy = "mutation($p: String!) { updateRightsPolicy(input: { responsePeriod: $p }, expectedRevision: 0) { id revision } }";
    for round in 0..ROUNDS {
        // A fresh organization each round: its policy was never saved.
        let slug = format!("org-{round}");
        let admin = app.organization(&slug).await;
        let winner = race(
            &app,
            [&admin, &admin],
            policy,
            [json!({ "p": "P2W" }), json!({ "p": "P3W" })],
        )
        .await;
        let data = app
            .gql_ok(
                &admin,
                "{ rightsPolicy { revision responsePeriod }
                   auditEvents(filter: { entityType: \"RightsPolicy\" }) { totalCount } }",
                json!({}),
            )
            .await;
        assert_eq!(data["rightsPolicy"]["revision"], 1, "round {round}");
        assert_eq!(
            data["rightsPolicy"]["responsePeriod"],
            ["P2W", "P3W"][winner]
        );
        assert_eq!(data["auditEvents"]["totalCount"], 1, "round {round}");
        // The one policy goes on from revision 1.
        let update = "mutation { updateRightsPolicy(input: { responsePeriod: \"P1M\" }, expectedRevision: 1) { revision } }";
        let data = app.gql_ok(&admin, update, json!({})).await;
        assert_eq!(data["updateRightsPolicy"]["revision"], 2);
    }
}
