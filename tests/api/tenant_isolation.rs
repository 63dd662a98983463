//! Tenant isolation, tried by walking the schema: with a token of
//! organization B, every query and mutation (the public one included) is
//! called with the ids of organization A's register, selecting every field
//! below it. Nothing of A may be returned, changed or counted. A new
//! resolver or field is attacked the day it is added.

use aho_corasick::AhoCorasick;
use base64::Engine;
use ropa::auth::Role;
use serde_json::{json, Value};

use crate::auth::Entries;
use crate::common::TestApp;
use crate::schema_walk::{Call, Schema, Values};

const A: &str = ropa::demo::SLUG;
/// Who publishes A's statement: a name no one outside A may read.
const A_PUBLISHER: &str = "a-private-publisher-subject";
/// Why A published over a blocking finding: for A's members only.
const A_JUSTIFICATION: &str = "a-private-justification-4711";

#[tokio::test]
async fn no_field_reaches_another_organizations_register() {
    let app = TestApp::start().await;
    let b_admin = app.organization("bravo").await;
    Entries::create(&app, &b_admin, "bravo").await;
    let schema = Schema::read(&app).await;
    let counts_alone = counts(&app, &schema, &b_admin).await;

    let a = Register::plant(&app).await;
    assert_eq!(
        counts(&app, &schema, &b_admin).await,
        counts_alone,
        "B counts nothing of A"
    );
    let b_backup = backup(&app, &b_admin).await;
    let private = Secrets::new(&a.strings(&b_backup));
    let unpublished = Secrets::new(
        &a.strings(&b_backup)
            .into_iter()
            .filter(|s| !a.public_text.contains(s.as_str()))
            .collect::<Vec<_>>(),
    );

    let base64 = base64::engine::general_purpose::STANDARD.encode(a.backup.to_string());
    let mut attempts = 0;
    for id in &a.ids {
        let values = Values {
            id,
            organization: A,
            base64: &base64,
        };
        for call in schema.calls(&values) {
            let secrets = if call.field == "publishedStatement" {
                &unpublished
            } else {
                &private
            };
            for response in answers(&app, &schema, &call, &values, &b_admin).await {
                secrets.assert_absent(&response, &call.head);
                attempts += 1;
            }
        }
    }
    assert!(attempts > 200, "only {attempts} calls were tried");
    assert_eq!(a.state(&app).await, a.state, "A's register is unchanged");
}

/// The answers to `call`: one request selecting everything, or one per
/// field where that costs more than one request may.
async fn answers(
    app: &TestApp,
    schema: &Schema,
    call: &Call,
    values: &Values<'_>,
    token: &str,
) -> Vec<Value> {
    let whole = app
        .gql(Some(token), &schema.request(call, values), json!({}))
        .await;
    let message = whole["errors"][0]["message"].as_str().unwrap_or_default();
    if !message.starts_with("query refused") && message != "Query is too complex." {
        return vec![whole];
    }
    let mut answers = Vec::new();
    for request in schema.requests_per_field(call, values) {
        answers.push(app.gql(Some(token), &request, json!({})).await);
    }
    answers
}

/// Every list's `totalCount` as `token` sees it.
async fn counts(app: &TestApp, schema: &Schema, token: &str) -> Vec<(String, Value)> {
    let values = Values {
        id: "00000000-0000-0000-0000-000000000000",
        organization: A,
        base64: "",
    };
    let mut counts = Vec::new();
    for call in schema.calls(&values).iter().filter(|c| !c.mutation) {
        if !call.returns.ends_with("Connection") {
            continue;
        }
        let query = format!("{{ {} {{ totalCount }} }}", call.head);
        let response = app.gql(Some(token), &query, json!({})).await;
        counts.push((call.field.clone(), response["data"].clone()));
    }
    assert!(counts.len() >= 6, "{counts:?}");
    counts
}

async fn backup(app: &TestApp, token: &str) -> Value {
    let data = app
        .gql_ok(
            token,
            "{ registerExport(format: BACKUP_JSON) { base64 } }",
            json!({}),
        )
        .await;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data["registerExport"]["base64"].as_str().unwrap())
        .unwrap();
    let mut backup: Value = serde_json::from_slice(&bytes).unwrap();
    backup["exportedAt"] = Value::Null;
    backup
}

/// Organization A: the demo register, published.
struct Register {
    backup: Value,
    /// An id of each kind of entry, of a published version and of A itself.
    ids: Vec<String>,
    /// The text of A's published versions, which anyone may read.
    public_text: String,
    /// What must not change: the register and its audit trail.
    state: (Value, Value),
}

impl Register {
    async fn plant(app: &TestApp) -> Register {
        ropa::demo::load(&app.app.db).await.expect("the demo loads");
        let admin = app.token_for(A_PUBLISHER, Some(A), Role::Admin);
        let accepted = marketing_cookie_on_an_interest(app, &admin).await;
        let mut public_text = String::new();
        let mut ids = Vec::new();
        for language in ["NL", "EN"] {
            let data = app
                .gql_ok(
                    &admin,
                    "mutation($language: Language!, $accept: [String!], $why: String) {
                        publishStatement(language: $language, summary: \"Eerste versie\",
                                         acceptFindings: $accept, justification: $why) {
                        id version summary markdown html document { title } } }",
                    json!({ "language": language, "accept": [accepted], "why": A_JUSTIFICATION }),
                )
                .await;
            let version = &data["publishStatement"];
            public_text += &version.to_string();
            ids.push(version["id"].as_str().unwrap().to_string());
        }
        // The pages and `publishedStatement` show the whole document.
        for language in ["nl", "en"] {
            public_text += &app.page(&format!("/statements/{A}/{language}.json")).await;
        }
        let backup = backup(app, &admin).await;
        ids.push(backup["organization"]["id"].as_str().unwrap().to_string());
        for list in backup.as_object().unwrap().values() {
            if let Some(first) = list.as_array().and_then(|l| l.first()) {
                ids.push(first["id"].as_str().unwrap().to_string());
            }
        }
        let mut register = Register {
            backup,
            ids,
            public_text,
            state: (Value::Null, Value::Null),
        };
        register.state = register.state(app).await;
        register
    }

    async fn state(&self, app: &TestApp) -> (Value, Value) {
        let viewer = app.token(A, Role::Viewer);
        let audit = app
            .gql_ok(
                &viewer,
                "{ auditEvents(first: 1) { totalCount } statementVersions(language: NL) { totalCount } }",
                json!({}),
            )
            .await;
        (backup(app, &viewer).await, audit)
    }

    /// A's texts, references and ids that B's own register does not hold.
    /// Enum values, dates and short words ("security" is in "social
    /// security") are anybody's.
    fn strings(&self, b_backup: &Value) -> Vec<String> {
        let b_text = b_backup.to_string();
        let mut found = Vec::new();
        collect_strings(&self.backup, &mut found);
        found.push(A_PUBLISHER.to_string());
        found.push(A_JUSTIFICATION.to_string());
        found.extend(self.ids.iter().cloned());
        found.sort();
        found.dedup();
        found
            .into_iter()
            .filter(|s| distinctive(s))
            .filter(|s| !s.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
            .filter(|s| !b_text.contains(&serde_json::to_string(s).unwrap()))
            .collect()
    }
}

/// Gives A a marketing cookie serving an activity on a legitimate
/// interest, a blocking finding its publishes accept: the key accepted.
async fn marketing_cookie_on_an_interest(app: &TestApp, admin: &str) -> String {
    let activities = app
        .gql_ok(
            admin,
            "{ processingActivities(first: 50) { nodes { id legalBases { code } } } }",
            json!({}),
        )
        .await;
    let on_interest = activities["processingActivities"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["legalBases"].to_string().contains("LEGITIMATE_INTERESTS"))
        .expect("the demo has an activity on a legitimate interest")["id"]
        .clone();
    let tracker = app
        .gql_ok(
            admin,
            "mutation($input: TrackerInput!) { createTracker(input: $input) { id } }",
            json!({ "input": { "name": "a_private_campaign_cookie", "category": "MARKETING",
                "purpose": [{ "language": "NL", "text": "Campagnes van A meten." }],
                "activityIds": [on_interest] } }),
        )
        .await;
    format!(
        "MARKETING_TRACKER_ON_LEGITIMATE_INTEREST:{}",
        tracker["createTracker"]["id"].as_str().unwrap()
    )
}

/// Long enough, or a reference such as `VWO-2025-01`, to be A's alone.
fn distinctive(text: &str) -> bool {
    let letters = text.chars().any(char::is_alphabetic);
    let digits = text.chars().any(|c| c.is_ascii_digit());
    text.chars().count() >= 16 || (text.chars().count() >= 8 && letters && digits)
}

fn collect_strings(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::String(text) => into.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, into)),
        Value::Object(fields) => fields.values().for_each(|item| collect_strings(item, into)),
        _ => {}
    }
}

/// Strings of A that an answer to B must not hold.
struct Secrets {
    words: Vec<String>,
    matcher: AhoCorasick,
}

impl Secrets {
    fn new(words: &[String]) -> Secrets {
        Secrets {
            words: words.to_vec(),
            matcher: AhoCorasick::new(words).expect("the secrets make a matcher"),
        }
    }

    /// Fails when `response` holds a secret, in a string or in a file
    /// (`base64`) it carries.
    fn assert_absent(&self, response: &Value, call: &str) {
        let mut strings = Vec::new();
        collect_strings(response, &mut strings);
        for text in strings {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(&text)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok());
            for haystack in [Some(text.as_str()), decoded.as_deref()]
                .into_iter()
                .flatten()
            {
                if let Some(found) = self.matcher.find(haystack) {
                    let word = &self.words[found.pattern().as_usize()];
                    panic!("{call:.200} answered A's `{word}`: {response:.600}");
                }
            }
        }
    }
}
