//! Authentication and authorization through the API: who may call what
//! (the role matrix), what a caller without a token gets, and tenant
//! isolation between organizations.
//!
//! The register helpers at the top are shared with `validation.rs` and
//! `concurrency.rs`.

use std::collections::HashSet;

use ropa::auth::Role;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common::{error_code, TestApp};

// ---- register helpers (shared) ----

/// The register entry types that have the create/update/archive triple.
pub const KINDS: [&str; 6] = [
    "DataCategory",
    "DataSubjectCategory",
    "Processor",
    "ProcessingAgreement",
    "ProcessingActivity",
    "Tracker",
];

/// `DataCategory` -> `dataCategory`: the lookup query of a kind.
pub fn lookup_field(kind: &str) -> String {
    let mut chars = kind.chars();
    let first = chars.next().expect("a kind").to_ascii_lowercase();
    std::iter::once(first).chain(chars).collect()
}

pub fn text(text: &str) -> Value {
    json!([{ "language": "EN", "text": text }])
}

pub fn category_input(key: &str) -> Value {
    json!({ "key": key, "name": text(&format!("Category {key}")) })
}

pub fn subject_input(key: &str) -> Value {
    json!({ "key": key, "name": text(&format!("Subjects {key}")) })
}

pub fn processor_input(name: &str) -> Value {
    json!({ "name": name, "role": "PROCESSOR", "country": "NL" })
}

/// A sub-processor (in the EEA) working for `parent`.
pub fn sub_processor_input(name: &str, parent: &Value) -> Value {
    json!({ "name": name, "role": "SUB_PROCESSOR", "country": "NL", "parentId": parent })
}

pub fn agreement_input(processor: &Value) -> Value {
    json!({ "processorId": processor, "status": "DRAFT" })
}

pub fn activity_input(
    name: &str,
    categories: &[&Value],
    subjects: &[&Value],
    recipients: &[&Value],
) -> Value {
    json!({
        "name": text(name),
        "purpose": text("Testing"),
        "status": "ACTIVE",
        "legalBases": [{ "code": "CONSENT" }],
        "dataCategoryIds": categories,
        "dataSubjectCategoryIds": subjects,
        "recipientIds": recipients,
    })
}

/// An analytics cookie placed by `provider` for `activity`.
pub fn tracker_input(name: &str, provider: &Value, activity: &Value) -> Value {
    json!({
        "name": name,
        "category": "ANALYTICS",
        "purpose": text("Counting visits"),
        "providerId": provider,
        "duration": "P1Y",
        "activityIds": [activity],
    })
}

/// The `create<Kind>` mutation.
pub fn create_mutation(kind: &str) -> String {
    format!("mutation($input: {kind}Input!) {{ create{kind}(input: $input) {{ id revision }} }}")
}

/// The `update<Kind>` mutation.
pub fn update_mutation(kind: &str) -> String {
    format!(
        "mutation($id: ID!, $input: {kind}Input!, $rev: Int!) {{ \
         update{kind}(id: $id, input: $input, expectedRevision: $rev) {{ id revision }} }}"
    )
}

/// The `archive<Kind>` mutation.
pub fn archive_mutation(kind: &str) -> String {
    format!(
        "mutation($id: ID!, $rev: Int!) {{ \
         archive{kind}(id: $id, expectedRevision: $rev) {{ id revision archivedAt }} }}"
    )
}

/// Creates an entry and returns its id.
pub async fn create(app: &TestApp, token: &str, kind: &str, input: Value) -> Value {
    let data = app
        .gql_ok(token, &create_mutation(kind), json!({ "input": input }))
        .await;
    data[format!("create{kind}")]["id"].clone()
}

/// The current revision of an entry.
pub async fn revision(app: &TestApp, token: &str, kind: &str, id: &Value) -> i64 {
    let field = lookup_field(kind);
    let data = app
        .gql_ok(
            token,
            &format!("query($id: ID!) {{ {field}(id: $id) {{ revision }} }}"),
            json!({ "id": id }),
        )
        .await;
    data[&field]["revision"]
        .as_i64()
        .unwrap_or_else(|| panic!("{kind} {id} has a revision: {data}"))
}

/// Everything a mutation of the register could change, read back with
/// `token`: the counts of every list (archived entries included), the
/// number of audit events (every change records one) and the
/// organization-wide entries.
pub async fn register_state(app: &TestApp, token: &str) -> Value {
    app.gql_ok(
        token,
        "{ organization { revision legalName updatedAt }
           rightsPolicy { revision responsePeriod }
           auditEvents(first: 1) { totalCount }
           dataCategories(first: 1, filter: { includeArchived: true }) { totalCount }
           dataSubjectCategories(first: 1, filter: { includeArchived: true }) { totalCount }
           processors(first: 1, filter: { includeArchived: true }) { totalCount }
           processingAgreements(first: 1, filter: { includeArchived: true }) { totalCount }
           processingActivities(first: 1, filter: { includeArchived: true }) { totalCount }
           trackers(first: 1, filter: { includeArchived: true }) { totalCount } }",
        json!({}),
    )
    .await
}

/// One entry of each kind.
pub struct Entries {
    pub data_category: Value,
    pub data_subject_category: Value,
    pub processor: Value,
    pub agreement: Value,
    pub activity: Value,
    pub tracker: Value,
}

impl Entries {
    /// Creates one entry of each kind; `tag` keeps keys and names apart.
    pub async fn create(app: &TestApp, token: &str, tag: &str) -> Entries {
        let data_category = create(
            app,
            token,
            "DataCategory",
            category_input(&format!("{tag}.data")),
        )
        .await;
        let data_subject_category = create(
            app,
            token,
            "DataSubjectCategory",
            subject_input(&format!("{tag}.subjects")),
        )
        .await;
        let processor = create(
            app,
            token,
            "Processor",
            processor_input(&format!("{tag} processor")),
        )
        .await;
        let agreement = create(
            app,
            token,
            "ProcessingAgreement",
            agreement_input(&processor),
        )
        .await;
        let activity = create(
            app,
            token,
            "ProcessingActivity",
            activity_input(
                &format!("{tag} activity"),
                &[&data_category],
                &[&data_subject_category],
                &[&processor],
            ),
        )
        .await;
        let tracker = create(
            app,
            token,
            "Tracker",
            tracker_input(&format!("{tag}_id"), &processor, &activity),
        )
        .await;
        Entries {
            data_category,
            data_subject_category,
            processor,
            agreement,
            activity,
            tracker,
        }
    }

    pub fn id(&self, kind: &str) -> &Value {
        match kind {
            "DataCategory" => &self.data_category,
            "DataSubjectCategory" => &self.data_subject_category,
            "Processor" => &self.processor,
            "ProcessingAgreement" => &self.agreement,
            "ProcessingActivity" => &self.activity,
            "Tracker" => &self.tracker,
            other => panic!("unknown kind {other}"),
        }
    }

    /// A valid input for `kind` that references these entries; `tag`
    /// keeps keys unique.
    pub fn input(&self, kind: &str, tag: &str) -> Value {
        match kind {
            "DataCategory" => category_input(&format!("{tag}.data")),
            "DataSubjectCategory" => subject_input(&format!("{tag}.subjects")),
            "Processor" => processor_input(&format!("{tag} processor")),
            "ProcessingAgreement" => agreement_input(&self.processor),
            "ProcessingActivity" => activity_input(
                &format!("{tag} activity"),
                &[&self.data_category],
                &[&self.data_subject_category],
                &[&self.processor],
            ),
            "Tracker" => tracker_input(&format!("{tag}_id"), &self.processor, &self.activity),
            other => panic!("unknown kind {other}"),
        }
    }

    /// The entries read back: what a mutation of them could change.
    pub async fn state(&self, app: &TestApp, token: &str) -> Value {
        app.gql_ok(
            token,
            "query($c: ID!, $s: ID!, $p: ID!, $g: ID!, $a: ID!, $t: ID!) {
               dataCategory(id: $c) { revision key nameTranslations { text } archivedAt }
               dataSubjectCategory(id: $s) { revision key nameTranslations { text } archivedAt }
               processor(id: $p) { revision name country archivedAt }
               processingAgreement(id: $g) { revision status processorId archivedAt }
               processingActivity(id: $a) { revision nameTranslations { text } archivedAt
                 dataCategories { id } dataSubjectCategories { id } recipients { id } }
               tracker(id: $t) { revision name provider { id } activities { id } archivedAt } }",
            json!({
                "c": self.data_category, "s": self.data_subject_category, "p": self.processor,
                "g": self.agreement, "a": self.activity, "t": self.tracker,
            }),
        )
        .await
    }
}

/// A random id that names no entry.
pub fn unknown_id() -> Value {
    json!(Uuid::new_v4().to_string())
}

// ---- the role matrix ----

#[tokio::test]
async fn the_register_needs_a_token() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    let response = app.gql(None, "{ organization { slug } }", json!({})).await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");
    assert!(response["data"].is_null());
}

/// The role a mutation needs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Needs {
    Editor,
    Admin,
    Operator,
}

const CREATE_ORGANIZATION: &str = "mutation($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { id slug } }";
const UPDATE_ORGANIZATION: &str = "mutation($input: UpdateOrganizationInput!, $rev: Int!) {
    updateOrganization(input: $input, expectedRevision: $rev) { id revision } }";
const UPDATE_RIGHTS_POLICY: &str = "mutation($input: RightsPolicyInput!, $rev: Int!) {
    updateRightsPolicy(input: $input, expectedRevision: $rev) { id revision } }";

#[derive(Clone, Copy, Debug)]
enum Op {
    CreateOrganization,
    UpdateOrganization,
    UpdateRightsPolicy,
    Create(&'static str),
    Update(&'static str),
    Archive(&'static str),
}

impl Op {
    /// Every mutation; the archives last, as an archived entry takes no
    /// new references and no more changes.
    fn all() -> Vec<Op> {
        let mut ops = vec![
            Op::CreateOrganization,
            Op::UpdateOrganization,
            Op::UpdateRightsPolicy,
        ];
        for kind in KINDS {
            ops.extend([Op::Create(kind), Op::Update(kind)]);
        }
        ops.extend(KINDS.map(Op::Archive));
        ops
    }

    fn needs(self) -> Needs {
        match self {
            Op::CreateOrganization => Needs::Operator,
            Op::UpdateOrganization | Op::UpdateRightsPolicy => Needs::Admin,
            Op::Create(_) | Op::Update(_) | Op::Archive(_) => Needs::Editor,
        }
    }

    fn field(self) -> String {
        match self {
            Op::CreateOrganization => "createOrganization".into(),
            Op::UpdateOrganization => "updateOrganization".into(),
            Op::UpdateRightsPolicy => "updateRightsPolicy".into(),
            Op::Create(kind) => format!("create{kind}"),
            Op::Update(kind) => format!("update{kind}"),
            Op::Archive(kind) => format!("archive{kind}"),
        }
    }

    /// The request, with valid input at the current revisions (read with
    /// the admin token), so that only the role decides the outcome.
    async fn request(
        self,
        app: &TestApp,
        admin: &str,
        entries: &Entries,
        tag: &str,
    ) -> (String, Value) {
        match self {
            Op::CreateOrganization => (
                CREATE_ORGANIZATION.into(),
                json!({
                    "input": { "slug": tag, "legalName": "New B.V.", "defaultLanguage": "EN" },
                }),
            ),
            Op::UpdateOrganization => {
                let data = app
                    .gql_ok(admin, "{ organization { revision } }", json!({}))
                    .await;
                (
                    UPDATE_ORGANIZATION.into(),
                    json!({
                        "input": {
                            "legalName": format!("Acme {tag} B.V."),
                            "defaultLanguage": "NL",
                        },
                        "rev": data["organization"]["revision"],
                    }),
                )
            }
            Op::UpdateRightsPolicy => {
                let data = app
                    .gql_ok(admin, "{ rightsPolicy { revision } }", json!({}))
                    .await;
                (
                    UPDATE_RIGHTS_POLICY.into(),
                    json!({
                        "input": { "responsePeriod": "P4W" },
                        "rev": data["rightsPolicy"]["revision"],
                    }),
                )
            }
            Op::Create(kind) => (
                create_mutation(kind),
                json!({ "input": entries.input(kind, tag) }),
            ),
            Op::Update(kind) => {
                let id = entries.id(kind);
                (
                    update_mutation(kind),
                    json!({
                        "id": id,
                        "input": entries.input(kind, tag),
                        "rev": revision(app, admin, kind, id).await,
                    }),
                )
            }
            Op::Archive(kind) => {
                let id = entries.id(kind);
                (
                    archive_mutation(kind),
                    json!({ "id": id, "rev": revision(app, admin, kind, id).await }),
                )
            }
        }
    }
}

/// Who calls.
#[derive(Clone, Copy, Debug)]
enum Who {
    NoToken,
    /// A token for `acme` with this role.
    Member(Role),
    /// A platform operator, with or without an `org` claim for `acme`. With
    /// one it administers that organization like its admin.
    Operator {
        org: bool,
    },
}

impl Who {
    fn token(self, app: &TestApp) -> Option<String> {
        match self {
            Who::NoToken => None,
            Who::Member(role) => Some(app.token("acme", role)),
            Who::Operator { org } => {
                Some(app.token_for("operator", org.then_some("acme"), Role::Operator))
            }
        }
    }
}

/// The outcome the matrix expects.
fn expected(who: Who, needs: Needs) -> &'static str {
    let allowed = match (who, needs) {
        (Who::NoToken, _) => return "UNAUTHENTICATED",
        (Who::Operator { org }, needs) => org || needs == Needs::Operator,
        (Who::Member(_), Needs::Operator) => false,
        (Who::Member(role), Needs::Admin) => role == Role::Admin,
        (Who::Member(role), Needs::Editor) => matches!(role, Role::Editor | Role::Admin),
    };
    if allowed {
        "OK"
    } else {
        "FORBIDDEN"
    }
}

async fn organization_exists(app: &TestApp, slug: &str) -> bool {
    let token = app.token(slug, Role::Viewer);
    let response = app
        .gql(Some(&token), "{ organization { slug } }", json!({}))
        .await;
    match response["data"]["organization"]["slug"].as_str() {
        Some(found) => found == slug,
        None => {
            assert_eq!(error_code(&response), "NOT_FOUND");
            false
        }
    }
}

/// Every role (and no token, and an operator with and without an `org`
/// claim) against every mutation. A refused mutation changes nothing; an
/// allowed one records exactly one audit event.
#[tokio::test]
async fn the_role_matrix_decides_every_mutation() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let callers = [
        Who::NoToken,
        Who::Member(Role::Viewer),
        Who::Member(Role::Editor),
        Who::Member(Role::Admin),
        Who::Operator { org: false },
        Who::Operator { org: true },
    ];
    let mut mismatches = Vec::new();
    for (r, who) in callers.into_iter().enumerate() {
        let token = who.token(&app);
        let role_name = format!("{who:?}");
        // Fresh entries per role, so earlier archives do not matter.
        let entries = Entries::create(&app, &admin, &format!("r{r}")).await;
        for (o, op) in Op::all().into_iter().enumerate() {
            let tag = format!("m{r}x{o}");
            let (query, variables) = op.request(&app, &admin, &entries, &tag).await;
            let register_before = register_state(&app, &admin).await;
            let entries_before = entries.state(&app, &admin).await;
            let response = app.gql(token.as_deref(), &query, variables).await;
            let register_after = register_state(&app, &admin).await;
            let want = expected(who, op.needs());
            let got = match response["errors"][0]["extensions"]["code"].as_str() {
                None if response["data"][op.field()]["id"].is_string() => "OK".to_string(),
                None => format!("no error but no data: {response}"),
                Some(code) => code.to_string(),
            };
            if got != want {
                mismatches.push(format!(
                    "{role_name} x {}: want {want}, got {got}",
                    op.field()
                ));
                continue;
            }
            let audit = |state: &Value| state["auditEvents"]["totalCount"].as_i64().unwrap();
            if want == "OK" {
                assert!(response["errors"].is_null());
                if let Op::CreateOrganization = op {
                    assert_eq!(
                        register_after, register_before,
                        "{role_name} x createOrganization touched acme"
                    );
                    assert!(organization_exists(&app, &tag).await);
                } else {
                    assert_eq!(
                        audit(&register_after),
                        audit(&register_before) + 1,
                        "{role_name} x {}: one audit event",
                        op.field()
                    );
                }
            } else {
                assert!(
                    response["data"].is_null(),
                    "{role_name} x {}: refused, but data {response}",
                    op.field()
                );
                assert_eq!(
                    register_after,
                    register_before,
                    "{role_name} x {} was refused but changed the register",
                    op.field()
                );
                assert_eq!(
                    entries.state(&app, &admin).await,
                    entries_before,
                    "{role_name} x {} was refused but changed an entry",
                    op.field()
                );
                if let Op::CreateOrganization = op {
                    assert!(!organization_exists(&app, &tag).await);
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "the role matrix differs:\n{}",
        mismatches.join("\n")
    );
}

/// A viewer reads everything of its own register.
#[tokio::test]
async fn a_viewer_reads_the_whole_register() {
    let app = TestApp::start().await;
    let admin = app.organization("acme").await;
    let entries = Entries::create(&app, &admin, "read").await;
    let viewer = app.token("acme", Role::Viewer);
    let data = app
        .gql_ok(
            &viewer,
            "query($c: ID!, $s: ID!, $p: ID!, $g: ID!, $a: ID!, $t: ID!) {
               organization { slug }
               processingActivities { totalCount nodes { id } }
               processingActivity(id: $a) { id dataCategories { id } recipients { id } history { totalCount } }
               dataCategories(filter: { search: \"read.data\" }) { totalCount nodes { id } }
               dataCategory(id: $c) { id }
               dataSubjectCategories(filter: { search: \"read.subjects\" }) { nodes { id } }
               dataSubjectCategory(id: $s) { id }
               legalBases { code }
               rightsPolicy { revision }
               processors { nodes { id agreements { id } } }
               processor(id: $p) { id }
               processingAgreements { nodes { id } }
               processingAgreement(id: $g) { id processor { id } }
               trackers { nodes { id } }
               tracker(id: $t) { id consentRequired provider { id } activities { id } }
               auditEvents(first: 1) { totalCount } }",
            json!({
                "c": entries.data_category, "s": entries.data_subject_category,
                "p": entries.processor, "g": entries.agreement, "a": entries.activity,
                "t": entries.tracker,
            }),
        )
        .await;
    assert_eq!(data["organization"]["slug"], "acme");
    assert_eq!(
        data["tracker"],
        json!({ "id": entries.tracker, "consentRequired": false,
                "provider": { "id": entries.processor },
                "activities": [{ "id": entries.activity }] })
    );
    assert_eq!(
        data["processingActivities"]["nodes"],
        json!([{ "id": entries.activity }])
    );
    let activity = &data["processingActivity"];
    assert_eq!(activity["id"], entries.activity);
    assert_eq!(
        activity["dataCategories"],
        json!([{ "id": entries.data_category }])
    );
    assert_eq!(activity["recipients"], json!([{ "id": entries.processor }]));
    assert_eq!(activity["history"]["totalCount"], 1);
    assert_eq!(
        data["dataCategories"]["nodes"],
        json!([{ "id": entries.data_category }])
    );
    assert_eq!(data["dataCategory"]["id"], entries.data_category);
    assert_eq!(
        data["dataSubjectCategories"]["nodes"],
        json!([{ "id": entries.data_subject_category }])
    );
    assert_eq!(
        data["dataSubjectCategory"]["id"],
        entries.data_subject_category
    );
    assert!(!data["legalBases"].as_array().unwrap().is_empty());
    assert_eq!(data["rightsPolicy"]["revision"], 0);
    assert_eq!(
        data["processors"]["nodes"],
        json!([{ "id": entries.processor, "agreements": [{ "id": entries.agreement }] }])
    );
    assert_eq!(data["processor"]["id"], entries.processor);
    assert_eq!(
        data["processingAgreements"]["nodes"],
        json!([{ "id": entries.agreement }])
    );
    assert_eq!(
        data["processingAgreement"]["processor"]["id"],
        entries.processor
    );
    assert!(data["auditEvents"]["totalCount"].as_i64().unwrap() > 5);
}

/// The named type under `NON_NULL` and `LIST` wrappers.
fn named_type(mut ty: &Value) -> &Value {
    while ty["name"].is_null() {
        ty = &ty["ofType"];
    }
    ty
}

/// Every field of `Query` but the public ones (taken from the schema
/// itself, so new queries are covered too) answers `UNAUTHENTICATED`
/// without a token or with a bad one, and `FORBIDDEN` to a token for no
/// organization.
#[tokio::test]
async fn every_query_needs_a_token() {
    // Queries anyone may make (DESIGN: "Public statement pages").
    const PUBLIC: &[&str] = &["publishedStatement"];
    let app = TestApp::start().await;
    app.organization("acme").await;
    let schema = app
        .gql(
            None,
            "{ __schema { queryType { fields { name
                 args { name type { kind name ofType { kind name ofType { kind name } } } }
                 type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }",
            json!({}),
        )
        .await;
    let enums = app
        .gql(
            None,
            "{ __schema { types { name kind enumValues { name } } } }",
            json!({}),
        )
        .await;
    let first_enum_value = |name: &str| -> String {
        enums["data"]["__schema"]["types"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .and_then(|t| t["enumValues"][0]["name"].as_str())
            .unwrap_or_else(|| panic!("enum {name}"))
            .to_string()
    };
    let fields = schema["data"]["__schema"]["queryType"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("introspection works without a token: {schema}"));
    let operator = app.token_for("operator", None, Role::Operator);
    let mut checked = 0;
    for field in fields {
        let name = field["name"].as_str().unwrap();
        // Only the required arguments, each with a plausible value.
        let mut args = Vec::new();
        for arg in field["args"].as_array().unwrap() {
            if arg["type"]["kind"] != "NON_NULL" {
                continue;
            }
            let ty = named_type(&arg["type"]);
            let value = match (ty["kind"].as_str().unwrap(), ty["name"].as_str().unwrap()) {
                ("ENUM", enum_name) => first_enum_value(enum_name),
                (_, "ID") => format!("\"{}\"", Uuid::new_v4()),
                (_, "String") => "\"acme\"".into(),
                (_, "Int") => "1".into(),
                (_, "Boolean") => "true".into(),
                (kind, ty) => panic!("query {name}: add a value for a {kind} {ty} argument"),
            };
            args.push(format!("{}: {value}", arg["name"].as_str().unwrap()));
        }
        let args = if args.is_empty() {
            String::new()
        } else {
            format!("({})", args.join(", "))
        };
        let selection = match named_type(&field["type"])["kind"].as_str().unwrap() {
            "OBJECT" | "INTERFACE" | "UNION" => "{ __typename }",
            _ => "",
        };
        let query = format!("{{ {name}{args} {selection} }}");
        let response = app.gql(None, &query, json!({})).await;
        if PUBLIC.contains(&name) {
            assert!(response["errors"].is_null(), "public {query}: {response}");
            continue;
        }
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{query} without a token: {response}"
        );
        assert!(response["data"].is_null(), "{query}: {response}");
        let garbage = app.gql(Some("not-a-token"), &query, json!({})).await;
        assert_eq!(
            garbage["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{query} with a bad token: {garbage}"
        );
        // The operator belongs to no organization: it reads no register.
        let response = app.gql(Some(&operator), &query, json!({})).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{query} as an operator without organization: {response}"
        );
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} queries were checked");
}

// ---- tenant isolation ----

/// All audit events `token` can see: `(entityId, actor)`.
async fn all_audit_events(app: &TestApp, token: &str) -> Vec<(String, String)> {
    let mut events = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app
            .gql_ok(
                token,
                "query($after: String) { auditEvents(first: 100, after: $after) {
                   nodes { entityId actor } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        let page = &data["auditEvents"];
        for node in page["nodes"].as_array().unwrap() {
            events.push((
                node["entityId"].as_str().unwrap().to_string(),
                node["actor"].as_str().unwrap().to_string(),
            ));
        }
        if page["pageInfo"]["hasNextPage"] != true {
            return events;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

async fn ids_of(app: &TestApp, token: &str, list: &str) -> HashSet<String> {
    let data = app
        .gql_ok(
            token,
            &format!("{{ {list}(first: 100, filter: {{ includeArchived: true }}) {{ totalCount nodes {{ id }} }} }}"),
            json!({}),
        )
        .await;
    let nodes = data[list]["nodes"].as_array().unwrap();
    assert_eq!(data[list]["totalCount"], nodes.len(), "{list} fits a page");
    nodes
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

/// Another organization's ids read as unknown, cannot be changed, cannot be
/// referenced, and never show in lists or the audit trail.
#[tokio::test]
async fn organizations_see_nothing_of_each_other() {
    let app = TestApp::start().await;
    app.organization("acme").await;
    app.organization("beta").await;
    let alice = app.token_for("alice", Some("acme"), Role::Admin);
    let bob = app.token_for("bob", Some("beta"), Role::Admin);
    let a = Entries::create(&app, &alice, "acme").await;
    let b = Entries::create(&app, &bob, "beta").await;
    let a_state = a.state(&app, &alice).await;
    let a_register = register_state(&app, &alice).await;

    // Lookups of A's ids by B: null, as for an id that does not exist.
    for kind in KINDS {
        let field = lookup_field(kind);
        let query = format!("query($id: ID!) {{ {field}(id: $id) {{ id }} }}");
        for id in [a.id(kind), &unknown_id()] {
            let data = app.gql_ok(&bob, &query, json!({ "id": id })).await;
            assert!(data[&field].is_null(), "beta reads {field} {id}: {data}");
        }
        // A reads its own.
        let data = app
            .gql_ok(&alice, &query, json!({ "id": a.id(kind) }))
            .await;
        assert_eq!(data[&field]["id"], *a.id(kind));
    }

    // Updates and archives of A's ids by B: NOT_FOUND, exactly like an
    // unknown id. B's input is valid (it references B's own entries).
    for kind in KINDS {
        for id in [a.id(kind), &unknown_id()] {
            let update = app
                .gql(
                    Some(&bob),
                    &update_mutation(kind),
                    json!({ "id": id, "input": b.input(kind, "beta.take"), "rev": 1 }),
                )
                .await;
            assert_eq!(
                error_code(&update),
                "NOT_FOUND",
                "beta updates {kind} {id}: {update}"
            );
            assert!(update["data"].is_null());
            let archive = app
                .gql(
                    Some(&bob),
                    &archive_mutation(kind),
                    json!({ "id": id, "rev": 1 }),
                )
                .await;
            assert_eq!(
                error_code(&archive),
                "NOT_FOUND",
                "beta archives {kind} {id}: {archive}"
            );
            assert!(archive["data"].is_null());
        }
    }
    assert_eq!(
        a.state(&app, &alice).await,
        a_state,
        "A's entries are unchanged"
    );

    // B cannot reference A's entries in its own input.
    let cases = [
        (
            "ProcessingActivity",
            activity_input(
                "steal",
                &[&b.data_category, &a.data_category],
                &[&b.data_subject_category],
                &[],
            ),
            "input.dataCategoryIds.1",
        ),
        (
            "ProcessingActivity",
            activity_input(
                "steal",
                &[&b.data_category],
                &[&a.data_subject_category],
                &[],
            ),
            "input.dataSubjectCategoryIds.0",
        ),
        (
            "ProcessingActivity",
            activity_input(
                "steal",
                &[&b.data_category],
                &[&b.data_subject_category],
                &[&a.processor],
            ),
            "input.recipientIds.0",
        ),
        (
            "ProcessingActivity",
            {
                let mut input = activity_input("steal", &[], &[], &[]);
                input["transfers"] = json!([{ "country": "US", "recipientId": a.processor, "safeguard": "STANDARD_CONTRACTUAL_CLAUSES" }]);
                input
            },
            "input.transfers.0.recipientId",
        ),
        (
            "ProcessingAgreement",
            agreement_input(&a.processor),
            "input.processorId",
        ),
        (
            "Processor",
            sub_processor_input("Sub", &a.processor),
            "input.parentId",
        ),
    ];
    let b_register = register_state(&app, &bob).await;
    for (kind, input, field) in cases {
        let response = app
            .gql(
                Some(&bob),
                &create_mutation(kind),
                json!({ "input": input }),
            )
            .await;
        assert_eq!(
            error_code(&response),
            "VALIDATION_FAILED",
            "{kind} {field}: {response}"
        );
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{response}"
        );
        assert!(response["data"].is_null());
    }
    // The same reference in an update of B's own activity.
    let response = app
        .gql(
            Some(&bob),
            &update_mutation("ProcessingActivity"),
            json!({
                "id": b.activity,
                "input": activity_input("steal", &[&a.data_category], &[], &[]),
                "rev": 1,
            }),
        )
        .await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED", "{response}");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        "input.dataCategoryIds.0"
    );
    assert_eq!(
        register_state(&app, &bob).await,
        b_register,
        "B's register is unchanged"
    );
    assert_eq!(
        register_state(&app, &alice).await,
        a_register,
        "A's register is unchanged"
    );

    // Lists hold only the caller's own entries.
    for (list, a_id, b_id) in [
        ("dataCategories", &a.data_category, &b.data_category),
        (
            "dataSubjectCategories",
            &a.data_subject_category,
            &b.data_subject_category,
        ),
        ("processors", &a.processor, &b.processor),
        ("processingAgreements", &a.agreement, &b.agreement),
        ("processingActivities", &a.activity, &b.activity),
    ] {
        let of_a = ids_of(&app, &alice, list).await;
        let of_b = ids_of(&app, &bob, list).await;
        assert!(
            of_a.contains(a_id.as_str().unwrap()),
            "{list} of A holds A's entry"
        );
        assert!(
            of_b.contains(b_id.as_str().unwrap()),
            "{list} of B holds B's entry"
        );
        assert!(of_a.is_disjoint(&of_b), "{list} of A and B share entries");
    }
    // Filters naming A's ids find nothing for B.
    let data = app
        .gql_ok(
            &bob,
            "query($c: ID!, $p: ID!, $a: ID!) {
               byCategory: processingActivities(filter: { dataCategoryId: $c }) { totalCount }
               byProcessor: processingActivities(filter: { processorId: $p }) { totalCount }
               agreements: processingAgreements(filter: { processorId: $p }) { totalCount }
               history: auditEvents(filter: { entityId: $a }) { totalCount } }",
            json!({ "c": a.data_category, "p": a.processor, "a": a.activity }),
        )
        .await;
    for list in ["byCategory", "byProcessor", "agreements", "history"] {
        assert_eq!(data[list]["totalCount"], 0, "{list}: {data}");
    }

    // Each organization has its own rights policy and organization entry.
    let save = "mutation($p: String!, $rev: Int!) {
        updateRightsPolicy(input: { responsePeriod: $p }, expectedRevision: $rev) { revision } }";
    app.gql_ok(&alice, save, json!({ "p": "P2W", "rev": 0 }))
        .await;
    let read = "{ organization { slug legalName } rightsPolicy { revision responsePeriod } }";
    let data = app.gql_ok(&bob, read, json!({})).await;
    assert_eq!(
        data,
        json!({
            "organization": { "slug": "beta", "legalName": "beta B.V." },
            "rightsPolicy": { "revision": 0, "responsePeriod": "P1M" },
        })
    );
    app.gql_ok(&bob, save, json!({ "p": "P3W", "rev": 0 }))
        .await;
    let data = app.gql_ok(&alice, read, json!({})).await;
    assert_eq!(
        data,
        json!({
            "organization": { "slug": "acme", "legalName": "acme B.V." },
            "rightsPolicy": { "revision": 1, "responsePeriod": "P2W" },
        })
    );

    // The audit trail shows each organization only its own changes.
    let events_a = all_audit_events(&app, &alice).await;
    let events_b = all_audit_events(&app, &bob).await;
    let entities_a: HashSet<_> = events_a.iter().map(|(id, _)| id.clone()).collect();
    let entities_b: HashSet<_> = events_b.iter().map(|(id, _)| id.clone()).collect();
    assert!(entities_a.contains(a.activity.as_str().unwrap()));
    assert!(entities_b.contains(b.activity.as_str().unwrap()));
    assert!(
        entities_a.is_disjoint(&entities_b),
        "audit trails share entries"
    );
    assert!(
        events_a.iter().all(|(_, actor)| actor != "bob"),
        "bob in A's trail"
    );
    assert!(
        events_b.iter().all(|(_, actor)| actor != "alice"),
        "alice in B's trail"
    );
}
