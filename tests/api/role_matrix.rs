//! The role matrix, generated from the schema: every root field, called by
//! every kind of caller, is allowed or refused as the table below says. A
//! root field missing from the table fails the test, so a new one is given
//! its role on purpose.

use ropa::auth::Role;
use serde_json::json;

use crate::auth::Entries;
use crate::common::TestApp;
use crate::schema_walk::{Call, Schema, Values};

/// The least a caller must be for a root field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Needs {
    Anyone,
    Viewer,
    Editor,
    Admin,
    /// The platform role, with or without an organization.
    Operator,
}

const NEEDS: &[(&str, Needs)] = &[
    ("publishedStatement", Needs::Anyone),
    ("organization", Needs::Viewer),
    ("processingActivities", Needs::Viewer),
    ("processingActivity", Needs::Viewer),
    ("dataCategories", Needs::Viewer),
    ("dataCategory", Needs::Viewer),
    ("dataSubjectCategories", Needs::Viewer),
    ("dataSubjectCategory", Needs::Viewer),
    ("legalBases", Needs::Viewer),
    ("rightsPolicy", Needs::Viewer),
    ("processors", Needs::Viewer),
    ("processor", Needs::Viewer),
    ("processingAgreements", Needs::Viewer),
    ("processingAgreement", Needs::Viewer),
    ("trackers", Needs::Viewer),
    ("tracker", Needs::Viewer),
    ("auditEvents", Needs::Viewer),
    ("statementPreview", Needs::Viewer),
    ("statementVersions", Needs::Viewer),
    ("statementVersion", Needs::Viewer),
    ("statementDiff", Needs::Viewer),
    ("complianceReport", Needs::Viewer),
    ("registerExport", Needs::Viewer),
    ("createDataCategory", Needs::Editor),
    ("updateDataCategory", Needs::Editor),
    ("archiveDataCategory", Needs::Editor),
    ("createDataSubjectCategory", Needs::Editor),
    ("updateDataSubjectCategory", Needs::Editor),
    ("archiveDataSubjectCategory", Needs::Editor),
    ("createProcessor", Needs::Editor),
    ("updateProcessor", Needs::Editor),
    ("archiveProcessor", Needs::Editor),
    ("createProcessingAgreement", Needs::Editor),
    ("updateProcessingAgreement", Needs::Editor),
    ("archiveProcessingAgreement", Needs::Editor),
    ("createProcessingActivity", Needs::Editor),
    ("updateProcessingActivity", Needs::Editor),
    ("archiveProcessingActivity", Needs::Editor),
    ("createTracker", Needs::Editor),
    ("updateTracker", Needs::Editor),
    ("archiveTracker", Needs::Editor),
    ("updateOrganization", Needs::Admin),
    ("updateRightsPolicy", Needs::Admin),
    ("publishStatement", Needs::Admin),
    ("importRegister", Needs::Admin),
    ("createOrganization", Needs::Operator),
];

#[derive(Clone, Copy, Debug)]
enum Caller {
    Nobody,
    Member(Role),
    /// A platform operator; with `org`, it administers that organization.
    Operator {
        org: bool,
    },
}

impl Caller {
    const ALL: [Caller; 6] = [
        Caller::Nobody,
        Caller::Member(Role::Viewer),
        Caller::Member(Role::Editor),
        Caller::Member(Role::Admin),
        Caller::Operator { org: false },
        Caller::Operator { org: true },
    ];

    fn token(self, app: &TestApp) -> Option<String> {
        match self {
            Caller::Nobody => None,
            Caller::Member(role) => Some(app.token("acme", role)),
            Caller::Operator { org } => {
                Some(app.token_for("operator", org.then_some("acme"), Role::Operator))
            }
        }
    }

    /// The code a refusal has, or `None` when the caller may.
    fn refusal(self, needs: Needs) -> Option<&'static str> {
        let allowed = match (self, needs) {
            (_, Needs::Anyone) => true,
            (Caller::Nobody, _) => return Some("UNAUTHENTICATED"),
            (Caller::Operator { .. }, Needs::Operator) => true,
            (Caller::Operator { org }, _) => org,
            (Caller::Member(_), Needs::Operator) => false,
            (Caller::Member(role), Needs::Viewer) => role >= Role::Viewer,
            (Caller::Member(role), Needs::Editor) => role >= Role::Editor,
            (Caller::Member(role), Needs::Admin) => role >= Role::Admin,
        };
        (!allowed).then_some("FORBIDDEN")
    }
}

#[tokio::test]
async fn every_root_field_answers_each_caller_as_the_table_says() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let entries = Entries::create(&app, &admin, "acme").await;
    let schema = Schema::read(&app).await;
    let id = entries.activity.as_str().unwrap().to_string();
    let values = Values {
        id: &id,
        organization: "acme",
        base64: "",
    };
    let calls = schema.calls(&values);
    let mut in_schema: Vec<&str> = calls.iter().map(|c| c.field.as_str()).collect();
    let mut in_table: Vec<&str> = NEEDS.iter().map(|(field, _)| *field).collect();
    in_schema.sort();
    in_table.sort();
    assert_eq!(
        in_schema, in_table,
        "give every root field its role in NEEDS"
    );

    for call in &calls {
        let needs = NEEDS.iter().find(|(f, _)| *f == call.field).unwrap().1;
        for caller in Caller::ALL {
            let response = app
                .gql(
                    caller.token(&app).as_deref(),
                    &minimal(&schema, call),
                    json!({}),
                )
                .await;
            let code = response["errors"][0]["extensions"]["code"].as_str();
            match caller.refusal(needs) {
                Some(expected) => {
                    assert_eq!(code, Some(expected), "{caller:?} {}: {response}", call.head);
                    assert!(
                        response["data"].is_null(),
                        "{caller:?} {}: {response}",
                        call.head
                    );
                }
                None => assert!(
                    !matches!(code, Some("UNAUTHENTICATED" | "FORBIDDEN")),
                    "{caller:?} {}: {response}",
                    call.head
                ),
            }
        }
    }
}

/// The call selecting as little as its type allows.
fn minimal(schema: &Schema, call: &Call) -> String {
    let keyword = if call.mutation { "mutation" } else { "query" };
    let selection = if schema.is_leaf(&call.returns) {
        ""
    } else {
        "{ __typename }"
    };
    format!("{keyword} {{ {} {selection} }}", call.head)
}
