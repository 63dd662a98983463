//! The register as a file (`registerExport`) and a backup read back
//! (`importRegister`): every format holds the demo register, in a fixed
//! number of queries and only the caller's; a backup taken from one
//! organization makes another one equal to it, and a second import changes
//! nothing; a dry run writes nothing; bad files are refused with the place
//! of the fault and change nothing; only admins import; and no import
//! touches another organization.

use base64::Engine;
use ropa::auth::Role;
use serde_json::{json, Value};

use crate::common::{error_code, TestApp};

const EXPORT: &str = "query($format: ExportFormat!) {
    registerExport(format: $format) { filename contentType base64 }
}";

/// A file as `registerExport` gives it.
struct File {
    filename: String,
    content_type: String,
    bytes: Vec<u8>,
}

impl File {
    fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).expect("the file is UTF-8")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).expect("the file is JSON")
    }
}

fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn decode(base64: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(base64)
        .expect("the file is base64")
}

async fn export(app: &TestApp, token: &str, format: &str) -> File {
    let data = app.gql_ok(token, EXPORT, json!({ "format": format })).await;
    let file = &data["registerExport"];
    File {
        filename: file["filename"].as_str().unwrap().to_string(),
        content_type: file["contentType"].as_str().unwrap().to_string(),
        bytes: decode(file["base64"].as_str().unwrap()),
    }
}

/// A server with the demo organization, and a viewer's token for it.
async fn demo() -> (TestApp, String) {
    let app = TestApp::start().await;
    ropa::demo::load(&app.app.db).await.expect("the demo loads");
    let viewer = app.token(ropa::demo::SLUG, Role::Viewer);
    (app, viewer)
}

/// The names of the demo's activities, in Dutch, in statement order.
async fn activity_names(app: &TestApp, token: &str) -> Vec<String> {
    let data = app
        .gql_ok(
            token,
            "{ processingActivities(first: 100) { nodes { name(language: NL) position } } }",
            json!({}),
        )
        .await;
    let mut nodes = data["processingActivities"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    nodes.sort_by_key(|n| n["position"].as_i64());
    nodes
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_csv_is_the_record_of_processing_one_row_per_activity() {
    let (app, viewer) = demo().await;
    let file = export(&app, &viewer, "ROPA_CSV").await;
    let today = chrono::Utc::now().date_naive();
    assert_eq!(file.filename, format!("rezulto-register-{today}.csv"));
    assert_eq!(file.content_type, "text/csv; charset=utf-8");

    let mut reader = csv::Reader::from_reader(file.bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Verwerking",
            "Doel van de verwerking",
            "Grondslag (art. 6 AVG)",
            "Gerechtvaardigd belang",
            "Welk deel op welke grondslag",
            "Categorieën betrokkenen",
            "Categorieën persoonsgegevens",
            "Bijzondere en strafrechtelijke persoonsgegevens (art. 9 en 10 AVG)",
            "Uitzonderingsgrond bijzondere persoonsgegevens (art. 9 lid 2 AVG)",
            "Herkomst van de gegevens",
            "Cookies en vergelijkbare technieken",
            "Ontvangers",
            "Doorgifte naar derde landen",
            "Waarborgen bij doorgifte",
            "Bewaartermijn",
            "Technische en organisatorische beveiligingsmaatregelen",
            "Geautomatiseerde besluiten (art. 22 AVG)",
            "Profilering",
            "Direct marketing",
            "DPIA nodig",
            "Status",
            "Eigenaar",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 9);
    let names: Vec<&str> = rows.iter().map(|row| &row[0]).collect();
    assert_eq!(names, activity_names(&app, &viewer).await);

    let sale = &rows[0];
    assert_eq!(
        &sale[2],
        "Uitvoering van een overeenkomst (art. 6(1)(b) AVG); Gerechtvaardigd belang (art. 6(1)(f) AVG)"
    );
    assert!(sale[3].contains("fraude"), "{}", &sale[3]);
    assert!(sale[6].contains("naam; adres"), "{}", &sale[6]);
    assert_eq!(&sale[10], "", "the demo has no cookies");
    assert!(
        sale[11].contains("Technische dienstverleners"),
        "{}",
        &sale[11]
    );
    assert!(!sale[14].is_empty());
    assert_eq!(&sale[18], "nee", "not direct marketing");
    assert_eq!(&sale[19], "nee");
    assert_eq!(&sale[20], "actief");
    for row in &rows {
        assert_eq!(row.len(), header.len());
    }
}

/// The CSV is the record alone, so each activity's row names the cookies
/// that serve it, by name and kind; an archived cookie has left the
/// register.
#[tokio::test]
async fn the_csv_names_the_cookies_that_serve_each_activity() {
    let (app, viewer) = demo().await;
    let admin = app.token(ropa::demo::SLUG, Role::Admin);
    let data = app
        .gql_ok(
            &admin,
            "{ processingActivities(first: 100) { nodes { id name(language: NL) } } }",
            json!({}),
        )
        .await;
    let nodes = data["processingActivities"]["nodes"].as_array().unwrap();
    let (served, other) = (&nodes[0], &nodes[1]);
    let create = "mutation($input: TrackerInput!) { createTracker(input: $input) { id revision } }";
    let mut ids = Vec::new();
    for (name, category, activities) in [
        ("_pk_id", "ANALYTICS", json!([served["id"]])),
        (
            "li_share",
            "SOCIAL_MEDIA",
            json!([served["id"], other["id"]]),
        ),
        ("old_ad", "MARKETING", json!([served["id"]])),
    ] {
        let input = json!({ "name": name, "category": category,
            "purpose": [{ "language": "NL", "text": "Wij tellen bezoeken." }],
            "activityIds": activities });
        let data = app.gql_ok(&admin, create, json!({ "input": input })).await;
        ids.push(data["createTracker"].clone());
    }
    app.gql_ok(
        &admin,
        "mutation($id: ID!, $rev: Int!) { archiveTracker(id: $id, expectedRevision: $rev) { id } }",
        json!({ "id": ids[2]["id"], "rev": ids[2]["revision"] }),
    )
    .await;

    let file = export(&app, &viewer, "ROPA_CSV").await;
    let mut reader = csv::Reader::from_reader(file.bytes.as_slice());
    assert_eq!(
        &reader.headers().unwrap()[10],
        "Cookies en vergelijkbare technieken"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cookies = |activity: &Value| -> String {
        let row = rows.iter().find(|row| row[0] == activity["name"]);
        row.expect("a row per activity")[10].to_string()
    };
    assert_eq!(
        cookies(served),
        "_pk_id (analytisch); li_share (sociale media)"
    );
    assert_eq!(cookies(other), "li_share (sociale media)");
    assert_eq!(cookies(&nodes[2]), "");
}

#[tokio::test]
async fn the_workbook_has_the_record_and_sheets_for_processors_agreements_and_the_controller() {
    use calamine::{Reader, Xlsx};

    let (app, viewer) = demo().await;
    let admin = app.token(ropa::demo::SLUG, Role::Admin);
    let first = app
        .gql_ok(
            &admin,
            "{ processingActivities(first: 1) { nodes { id name } } }",
            json!({}),
        )
        .await["processingActivities"]["nodes"][0]
        .clone();
    app.gql_ok(
        &admin,
        "mutation($input: TrackerInput!) { createTracker(input: $input) { id } }",
        json!({ "input": { "name": "_pk_id", "category": "ANALYTICS", "duration": "P13M",
            "purpose": [{ "language": "NL", "text": "Bezoek tellen." }],
            "activityIds": [first["id"]] } }),
    )
    .await;
    let file = export(&app, &viewer, "ROPA_XLSX").await;
    assert!(file.filename.ends_with(".xlsx"), "{}", file.filename);
    assert_eq!(
        file.content_type,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(file.bytes)).expect("a workbook");
    assert_eq!(
        workbook.sheet_names(),
        [
            "Verwerkingsregister",
            "Verwerkers en ontvangers",
            "Verwerkersovereenkomsten",
            "Cookies",
            "Verwerkingsverantwoordelijke"
        ]
    );
    let rows = |workbook: &mut Xlsx<_>, sheet: &str| -> Vec<Vec<String>> {
        workbook
            .worksheet_range(sheet)
            .expect("the sheet reads")
            .rows()
            .map(|row| row.iter().map(ToString::to_string).collect())
            .collect()
    };
    let register = rows(&mut workbook, "Verwerkingsregister");
    assert_eq!(register.len(), 1 + 9);
    assert_eq!(register[0][0], "Verwerking");
    assert_eq!(register[0].len(), 22);
    let names: Vec<&str> = register[1..].iter().map(|row| row[0].as_str()).collect();
    assert_eq!(names, activity_names(&app, &viewer).await);

    let processors = rows(&mut workbook, "Verwerkers en ontvangers");
    assert_eq!(processors.len(), 1 + 4);
    assert_eq!(processors[1][0], "Technische dienstverleners");
    assert_eq!(processors[1][2], "verwerker");
    let agreements = rows(&mut workbook, "Verwerkersovereenkomsten");
    assert_eq!(agreements.len(), 1 + 4);
    assert_eq!(
        agreements[1][..6],
        [
            "Technische dienstverleners",
            "getekend",
            "2025-01-20",
            "2025-01-20",
            "",
            "VWO-2025-01"
        ]
    );
    assert_eq!(agreements[1][6], "a; b; c; d; e; f; g; h");
    let trackers = rows(&mut workbook, "Cookies");
    assert_eq!(trackers.len(), 1 + 1);
    assert_eq!(
        trackers[1],
        [
            "_pk_id",
            "analytisch",
            "Bezoek tellen.",
            "",
            "dertien maanden",
            "nee",
            first["name"].as_str().unwrap()
        ]
    );
    let controller = rows(&mut workbook, "Verwerkingsverantwoordelijke");
    assert_eq!(controller[1], ["Naam", "Rezulto B.V."]);
}

#[tokio::test]
async fn the_json_ld_describes_each_activity_in_the_data_privacy_vocabulary() {
    let (app, viewer) = demo().await;
    let file = export(&app, &viewer, "DPV_JSONLD").await;
    assert!(file.filename.ends_with(".jsonld"), "{}", file.filename);
    assert_eq!(file.content_type, "application/ld+json");
    let document = file.json();
    assert_eq!(document["@context"]["dpv"], "https://w3id.org/dpv#");
    let graph = document["@graph"].as_array().expect("a graph");
    let typed = |kind: &str| -> Vec<&Value> {
        graph
            .iter()
            .filter(|node| node["@type"].as_array().unwrap().iter().any(|t| t == kind))
            .collect()
    };
    let controller = typed("dpv:DataController");
    assert_eq!(controller.len(), 1);
    assert_eq!(controller[0]["dpv:hasName"], "Rezulto B.V.");
    let controller_id = controller[0]["@id"].clone();

    let activities = typed("dpv:PersonalDataHandling");
    assert_eq!(activities.len(), 9);
    assert_eq!(typed("dpv:Process").len(), 9);
    for activity in &activities {
        assert_eq!(activity["dpv:hasDataController"]["@id"], controller_id);
        for property in [
            "dpv:hasPurpose",
            "dpv:hasLegalBasis",
            "dpv:hasPersonalData",
            "dpv:hasDataSubject",
            "dpv:hasStorageCondition",
        ] {
            assert!(!activity[property].is_null(), "{property} in {activity:#}");
        }
    }
    let sale = activities
        .iter()
        .find(|a| a["dct:title"].to_string().contains("Sale and delivery"))
        .expect("the sale activity");
    let bases = sale["dpv:hasLegalBasis"].to_string();
    for term in [
        "dpv:Contract",
        "eu-gdpr:A6-1-b",
        "dpv:LegitimateInterest",
        "eu-gdpr:A6-1-f",
    ] {
        assert!(bases.contains(term), "{term} in {bases}");
    }
    assert!(!sale["dpv:hasDataProcessor"].as_array().unwrap().is_empty());
    // Every reference names a node of the graph.
    let ids: Vec<&Value> = graph.iter().map(|node| &node["@id"]).collect();
    for property in [
        "dpv:hasPersonalData",
        "dpv:hasDataSubject",
        "dpv:hasRecipient",
    ] {
        for reference in sale[property].as_array().unwrap() {
            assert!(
                ids.contains(&&reference["@id"]),
                "{reference} of {property}"
            );
        }
    }
    assert_eq!(typed("dpv:DataProcessor").len(), 4);
}

/// Both backups hold the same register: every entry with its id.
#[tokio::test]
async fn the_backups_hold_every_entry_in_json_and_in_yaml() {
    let (app, viewer) = demo().await;
    let json_file = export(&app, &viewer, "BACKUP_JSON").await;
    assert!(json_file.filename.starts_with("rezulto-backup-"));
    assert!(json_file.filename.ends_with(".json"));
    assert_eq!(json_file.content_type, "application/json");
    let yaml_file = export(&app, &viewer, "BACKUP_YAML").await;
    assert!(
        yaml_file.filename.ends_with(".yaml"),
        "{}",
        yaml_file.filename
    );
    assert_eq!(yaml_file.content_type, "application/yaml");

    let json = json_file.json();
    let yaml: Value = serde_norway::from_str(yaml_file.text()).expect("the file is YAML");
    let without_time = |mut backup: Value| {
        backup["exportedAt"] = Value::Null;
        backup
    };
    assert_eq!(without_time(json.clone()), without_time(yaml));

    assert_eq!(json["format"], "ropa-register-backup");
    assert_eq!(json["version"], 1);
    assert_eq!(json["organization"]["slug"], "rezulto");
    let count = |list: &str| json[list].as_array().map_or(0, Vec::len);
    assert_eq!(count("activities"), 9);
    assert_eq!(count("processors"), 4);
    assert_eq!(count("agreements"), 4);
    assert_eq!(count("dataCategories"), 21);
    assert_eq!(count("dataSubjectCategories"), 13);
    assert!(json["rightsPolicy"]["responsePeriod"].is_string());
    let activity = &json["activities"][0];
    let first_category = activity["dataCategoryIds"][0].clone();
    assert!(json["dataCategories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == first_category));
}

#[tokio::test]
async fn an_export_needs_a_token_and_holds_only_the_callers_register() {
    let (app, _) = demo().await;
    let response = app
        .gql(None, EXPORT, json!({ "format": "BACKUP_JSON" }))
        .await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");

    let other = app.organization("other").await;
    let backup = export(&app, &other, "BACKUP_JSON").await.json();
    assert_eq!(backup["organization"]["slug"], "other");
    assert_eq!(backup["activities"], json!([]));
    assert_eq!(backup["processors"], json!([]));
    let table = export(&app, &other, "ROPA_CSV").await;
    assert_eq!(
        csv::Reader::from_reader(table.bytes.as_slice())
            .records()
            .count(),
        0
    );
}

/// The register is read in a fixed number of queries, whatever its size.
#[tokio::test]
async fn an_export_costs_the_same_queries_for_a_small_and_a_large_register() {
    let (app, viewer) = demo().await;
    let other = app.organization("other").await;
    let mut costs = Vec::new();
    for token in [&viewer, &other] {
        let before = app.statements();
        export(&app, token, "BACKUP_JSON").await;
        costs.push(app.statements() - before);
    }
    assert_eq!(costs[0], costs[1], "{costs:?}");
}

// ---- import ----

const IMPORT: &str = "mutation($format: ExportFormat!, $base64: String!, $dryRun: Boolean) {
    importRegister(format: $format, base64: $base64, dryRun: $dryRun) {
        dryRun
        organization { ...counts }
        rightsPolicy { ...counts }
        dataCategories { ...counts }
        dataSubjectCategories { ...counts }
        processors { ...counts }
        processingAgreements { ...counts }
        processingActivities { ...counts }
        trackers { ...counts }
    }
}
fragment counts on ImportCount { created updated unchanged }";

/// The answer to an import of `backup` (a JSON value) as BACKUP_JSON.
async fn import(app: &TestApp, token: &str, backup: &Value, dry_run: bool) -> Value {
    let bytes = serde_json::to_vec(backup).unwrap();
    let variables = json!({ "format": "BACKUP_JSON", "base64": encode(&bytes), "dryRun": dry_run });
    app.gql(Some(token), IMPORT, variables).await
}

async fn import_ok(app: &TestApp, token: &str, backup: &Value) -> Value {
    let response = import(app, token, backup, false).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    response["data"]["importRegister"].clone()
}

async fn backup(app: &TestApp, token: &str) -> Value {
    export(app, token, "BACKUP_JSON").await.json()
}

async fn audit_events(app: &TestApp, token: &str) -> u64 {
    let data = app
        .gql_ok(token, "{ auditEvents(first: 1) { totalCount } }", json!({}))
        .await;
    data["auditEvents"]["totalCount"].as_u64().unwrap()
}

/// A backup with what the register holds, written the same way whatever the
/// ids: references by key or name, archived as a flag, lists sorted.
fn comparable(backup: &Value) -> Value {
    let names = |list: &str, name: &dyn Fn(&Value) -> Value| -> Vec<(Value, Value)> {
        backup[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| (entry["id"].clone(), name(entry)))
            .collect()
    };
    let categories = names("dataCategories", &|c| c["key"].clone());
    let subjects = names("dataSubjectCategories", &|c| c["key"].clone());
    let processors = names("processors", &|p| p["name"].clone());
    let activities = names("activities", &|a| a["name"].clone());
    let by = |names: &[(Value, Value)], id: &Value| -> Value {
        names
            .iter()
            .find(|(known, _)| known == id)
            .map_or(Value::Null, |(_, name)| name.clone())
    };
    let all = |names: &[(Value, Value)], ids: &Value| -> Value {
        ids.as_array()
            .unwrap()
            .iter()
            .map(|id| by(names, id))
            .collect()
    };
    let mut copy = backup.clone();
    copy["exportedAt"] = Value::Null;
    copy["organization"]["id"] = Value::Null;
    copy["organization"]["slug"] = Value::Null;
    for list in [
        "dataCategories",
        "dataSubjectCategories",
        "processors",
        "agreements",
        "activities",
        "trackers",
    ] {
        for entry in copy[list].as_array_mut().unwrap() {
            entry["id"] = Value::Null;
            entry["archivedAt"] = Value::Bool(!entry["archivedAt"].is_null());
        }
    }
    for processor in copy["processors"].as_array_mut().unwrap() {
        processor["parentId"] = by(&processors, &processor["parentId"]);
    }
    for agreement in copy["agreements"].as_array_mut().unwrap() {
        agreement["processorId"] = by(&processors, &agreement["processorId"]);
    }
    for activity in copy["activities"].as_array_mut().unwrap() {
        activity["dataCategoryIds"] = all(&categories, &activity["dataCategoryIds"]);
        activity["dataSubjectCategoryIds"] = all(&subjects, &activity["dataSubjectCategoryIds"]);
        activity["recipientIds"] = all(&processors, &activity["recipientIds"]);
        for transfer in activity["transfers"].as_array_mut().unwrap() {
            transfer["recipientId"] = by(&processors, &transfer["recipientId"]);
        }
    }
    for tracker in copy["trackers"].as_array_mut().unwrap() {
        tracker["providerId"] = by(&processors, &tracker["providerId"]);
        tracker["activityIds"] = all(&activities, &tracker["activityIds"]);
    }
    for list in ["processors", "agreements", "activities", "trackers"] {
        copy[list]
            .as_array_mut()
            .unwrap()
            .sort_by_key(|entry| entry.to_string());
    }
    copy
}

/// Adds to the demo what it lacks: a processor outside the EEA with a
/// sub-processor, a draft activity that transfers data to it, a retired
/// activity with a data category archived since, an archived activity and
/// an archived agreement. Returns the admin's token.
async fn demo_with_everything(app: &TestApp) -> String {
    let admin = app.token(ropa::demo::SLUG, Role::Admin);
    let create = |entity: &str, selection: &str| {
        format!("mutation($input: {entity}Input!) {{ create{entity}(input: $input) {{ {selection} }} }}")
    };
    let cloud = app
        .gql_ok(
            &admin,
            &create("Processor", "id"),
            json!({ "input": { "name": "Cloud Inc.", "role": "PROCESSOR", "country": "US",
                "transferSafeguard": "STANDARD_CONTRACTUAL_CLAUSES",
                "service": [{ "language": "EN", "text": "Storage." }] } }),
        )
        .await["createProcessor"]["id"]
        .clone();
    app.gql_ok(
        &admin,
        &create("Processor", "id"),
        json!({ "input": { "name": "Sub B.V.", "role": "SUB_PROCESSOR", "country": "NL",
            "parentId": cloud } }),
    )
    .await;
    let category = app
        .gql_ok(
            &admin,
            &create("DataCategory", "id revision"),
            json!({ "input": { "key": "temp.archived", "name": [{ "language": "NL", "text": "tijdelijk" }] } }),
        )
        .await["createDataCategory"]
        .clone();
    let activity = |name: &str, status: &str, bases: Value| {
        json!({ "input": {
            "name": [{ "language": "NL", "text": name }],
            "purpose": [{ "language": "NL", "text": "Een doel." }],
            "status": status, "legalBases": bases,
            "dataCategoryIds": [category["id"]], "dataSubjectCategoryIds": [],
            "recipientIds": [cloud],
            "transfers": [{ "country": "US", "recipientId": cloud,
                "safeguard": "STANDARD_CONTRACTUAL_CLAUSES" }],
            "position": 20 } })
    };
    app.gql_ok(
        &admin,
        &create("ProcessingActivity", "id"),
        activity("Concept", "DRAFT", json!([])),
    )
    .await;
    app.gql_ok(
        &admin,
        &create("ProcessingActivity", "id"),
        activity("Gestopt", "RETIRED", json!([{ "code": "CONSENT" }])),
    )
    .await;
    let gone = app
        .gql_ok(
            &admin,
            &create("ProcessingActivity", "id revision"),
            activity("Weg", "ACTIVE", json!([{ "code": "CONSENT" }])),
        )
        .await["createProcessingActivity"]
        .clone();
    // Trackers: one placed by the processor for the activity archived
    // below, one archived itself.
    let mut trackers = Vec::new();
    for (name, category) in [("_cl", "ANALYTICS"), ("old_ad", "MARKETING")] {
        let input = json!({ "input": { "name": name, "category": category, "duration": "P1Y",
            "purpose": [{ "language": "NL", "text": "Bezoek tellen." }],
            "providerId": cloud, "activityIds": [gone["id"]] } });
        trackers.push(
            app.gql_ok(&admin, &create("Tracker", "id revision"), input)
                .await["createTracker"]
                .clone(),
        );
    }
    let archive = |entity: &str| {
        format!("mutation($id: ID!, $rev: Int!) {{ archive{entity}(id: $id, expectedRevision: $rev) {{ id }} }}")
    };
    app.gql_ok(
        &admin,
        &archive("Tracker"),
        json!({ "id": trackers[1]["id"], "rev": trackers[1]["revision"] }),
    )
    .await;
    app.gql_ok(
        &admin,
        &archive("ProcessingActivity"),
        json!({ "id": gone["id"], "rev": gone["revision"] }),
    )
    .await;
    app.gql_ok(
        &admin,
        &archive("DataCategory"),
        json!({ "id": category["id"], "rev": category["revision"] }),
    )
    .await;
    let agreement = app
        .gql_ok(
            &admin,
            "{ processingAgreements(first: 1) { nodes { id revision } } }",
            json!({}),
        )
        .await["processingAgreements"]["nodes"][0]
        .clone();
    app.gql_ok(
        &admin,
        &archive("ProcessingAgreement"),
        json!({ "id": agreement["id"], "rev": agreement["revision"] }),
    )
    .await;
    admin
}

#[tokio::test]
async fn a_backup_makes_another_organization_equal_and_a_second_import_changes_nothing() {
    let (app, _) = demo().await;
    let admin = demo_with_everything(&app).await;
    let original = backup(&app, &admin).await;
    assert_eq!(original["activities"].as_array().unwrap().len(), 12);

    let copy = app.organization("copy").await;
    let result = import_ok(&app, &copy, &original).await;
    assert_eq!(result["dryRun"], false);
    assert_eq!(
        result["organization"],
        json!({ "created": 0, "updated": 1, "unchanged": 0 })
    );
    assert_eq!(
        result["rightsPolicy"],
        json!({ "created": 1, "updated": 0, "unchanged": 0 })
    );
    assert_eq!(
        result["processors"],
        json!({ "created": 6, "updated": 0, "unchanged": 0 })
    );
    assert_eq!(
        result["processingActivities"],
        json!({ "created": 12, "updated": 0, "unchanged": 0 })
    );
    assert_eq!(
        result["trackers"],
        json!({ "created": 2, "updated": 0, "unchanged": 0 })
    );
    // The new organization's catalogue is the demo's: matched by key.
    assert_eq!(result["dataCategories"]["created"], 4);
    assert_eq!(result["dataCategories"]["unchanged"], 18);

    let copied = backup(&app, &copy).await;
    assert_eq!(copied["organization"]["slug"], "copy");
    assert_eq!(copied["organization"]["legalName"], "Rezulto B.V.");
    assert_eq!(comparable(&copied), comparable(&original));
    let ids = |backup: &Value, list: &str| -> Vec<Value> {
        backup[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].clone())
            .collect()
    };
    for id in ids(&copied, "activities") {
        assert!(
            !ids(&original, "activities").contains(&id),
            "{id} was taken over"
        );
    }

    let events = audit_events(&app, &copy).await;
    let again = import_ok(&app, &copy, &original).await;
    for kind in [
        "organization",
        "rightsPolicy",
        "dataCategories",
        "dataSubjectCategories",
        "processors",
        "processingAgreements",
        "processingActivities",
        "trackers",
    ] {
        assert_eq!(again[kind]["created"], 0, "{kind}: {again:#}");
        assert_eq!(again[kind]["updated"], 0, "{kind}: {again:#}");
    }
    assert_eq!(again["processingActivities"]["unchanged"], 12);
    assert_eq!(audit_events(&app, &copy).await, events);
}

#[tokio::test]
async fn a_backup_read_back_into_its_own_register_changes_only_what_was_edited() {
    let (app, _) = demo().await;
    let admin = demo_with_everything(&app).await;
    let mut original = backup(&app, &admin).await;
    let events = audit_events(&app, &admin).await;

    let yaml = export(&app, &admin, "BACKUP_YAML").await;
    let variables = json!({ "format": "BACKUP_YAML", "base64": encode(&yaml.bytes) });
    let response = app.gql(Some(&admin), IMPORT, variables).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    let result = &response["data"]["importRegister"];
    assert_eq!(result["processingActivities"]["unchanged"], 12);
    assert_eq!(result["processors"]["unchanged"], 6);
    assert_eq!(result["trackers"]["unchanged"], 2);
    assert_eq!(audit_events(&app, &admin).await, events);

    original["processors"][0]["name"] = json!("Technische dienstverleners en hosting");
    let result = import_ok(&app, &admin, &original).await;
    assert_eq!(result["processors"]["updated"], 1);
    assert_eq!(result["processors"]["unchanged"], 5);
    let after = backup(&app, &admin).await;
    assert_eq!(
        after["processors"][0]["id"],
        original["processors"][0]["id"]
    );
    assert_eq!(
        after["processors"][0]["name"],
        "Technische dienstverleners en hosting"
    );
    let latest = app
        .gql_ok(
            &admin,
            "{ auditEvents(first: 100, filter: { entityType: \"Processor\", action: UPDATE }) { nodes { actor entityId } } }",
            json!({}),
        )
        .await;
    let nodes = latest["auditEvents"]["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0]["actor"], "tester");
    assert_eq!(nodes[0]["entityId"], original["processors"][0]["id"]);
    assert_eq!(audit_events(&app, &admin).await, events + 1);
}

#[tokio::test]
async fn a_dry_run_says_what_would_change_and_writes_nothing() {
    let (app, viewer) = demo().await;
    let original = backup(&app, &viewer).await;
    let target = app.organization("target").await;
    let before = (
        backup(&app, &target).await,
        audit_events(&app, &target).await,
    );

    let response = import(&app, &target, &original, true).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    let dry = response["data"]["importRegister"].clone();
    assert_eq!(dry["dryRun"], true);
    assert_eq!(dry["processingActivities"]["created"], 9);
    let mut after = backup(&app, &target).await;
    after["exportedAt"] = before.0["exportedAt"].clone();
    assert_eq!(after, before.0);
    assert_eq!(audit_events(&app, &target).await, before.1);

    let mut real = import_ok(&app, &target, &original).await;
    assert_eq!(real["dryRun"], false);
    real["dryRun"] = json!(true);
    assert_eq!(real, dry);
}

#[tokio::test]
async fn a_bad_file_is_refused_with_the_place_of_the_fault_and_changes_nothing() {
    let (app, viewer) = demo().await;
    let original = backup(&app, &viewer).await;
    let target = app.organization("target").await;
    let before = (
        backup(&app, &target).await,
        audit_events(&app, &target).await,
    );

    let edited = |edit: &dyn Fn(&mut Value)| {
        let mut copy = original.clone();
        edit(&mut copy);
        encode(&serde_json::to_vec(&copy).unwrap())
    };
    let unknown = "0190b6a4-0000-7000-8000-000000000000";
    let cases: Vec<(&str, String, &str)> = vec![
        ("ROPA_CSV", encode(b"a,b"), "format"),
        ("BACKUP_JSON", "%%% not base64".into(), "base64"),
        ("BACKUP_JSON", encode(b"not json"), "base64"),
        ("BACKUP_YAML", encode(b"organization: [unclosed"), "base64"),
        (
            "BACKUP_JSON",
            edited(&|b| b["version"] = json!(99)),
            "version",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["activities"][3]["dataCategoryIds"][0] = json!(unknown)),
            "activities.3.dataCategoryIds.0",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["agreements"][1]["processorId"] = json!(unknown)),
            "agreements.1.processorId",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["processors"][2]["country"] = json!("XX")),
            "processors.2.country",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["agreements"][0]["signedOn"] = json!("2025-13-45")),
            "agreements.0.signedOn",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["activities"][0]["status"] = json!("LIVE")),
            "activities.0.status",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["activities"][5]["name"] = json!({ "de": "Name" })),
            "activities.5.name.de",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["activities"][8]["legalBases"] = json!([])),
            "activities.8.legalBases",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["processors"][1]["id"] = b["processors"][0]["id"].clone()),
            "processors.1.id",
        ),
        (
            "BACKUP_JSON",
            edited(&|b| b["activities"][2]["name"]["nl"] = json!("Naam\u{0}")),
            "activities.2.name.nl",
        ),
        (
            "BACKUP_YAML",
            encode(b"organization:\n  legalName: \"Acme\\e[31m\"\n"),
            "organization.legalName",
        ),
    ];
    for (format, base64, field) in cases {
        let variables = json!({ "format": format, "base64": base64 });
        let response = app.gql(Some(&target), IMPORT, variables).await;
        assert_eq!(
            error_code(&response),
            "VALIDATION_FAILED",
            "{field}: {response:#}"
        );
        assert_eq!(
            response["errors"][0]["extensions"]["field"], field,
            "{response:#}"
        );
        let message = response["errors"][0]["message"].as_str().unwrap();
        assert!(!message.to_lowercase().contains("sql"), "{message}");
    }
    let mut after = backup(&app, &target).await;
    after["exportedAt"] = before.0["exportedAt"].clone();
    assert_eq!(after, before.0);
    assert_eq!(audit_events(&app, &target).await, before.1);
}

#[tokio::test]
async fn an_archived_entry_stays_archived() {
    let (app, _) = demo().await;
    let admin = demo_with_everything(&app).await;
    let mut original = backup(&app, &admin).await;
    let agreements = original["agreements"].as_array_mut().unwrap();
    let index = agreements
        .iter()
        .position(|a| !a["archivedAt"].is_null())
        .expect("an archived agreement");
    agreements[index]["archivedAt"] = Value::Null;
    let response = import(&app, &admin, &original, false).await;
    assert_eq!(error_code(&response), "VALIDATION_FAILED");
    assert_eq!(
        response["errors"][0]["extensions"]["field"],
        format!("agreements.{index}.archivedAt")
    );
}

#[tokio::test]
async fn only_an_admin_imports() {
    let (app, viewer) = demo().await;
    let original = backup(&app, &viewer).await;
    for role in [Role::Viewer, Role::Editor] {
        let token = app.token(ropa::demo::SLUG, role);
        let response = import(&app, &token, &original, true).await;
        assert_eq!(error_code(&response), "FORBIDDEN", "{role:?}");
    }
    let variables = json!({ "format": "BACKUP_JSON", "base64": "e30=" });
    let response = app.gql(None, IMPORT, variables).await;
    assert_eq!(error_code(&response), "UNAUTHENTICATED");
}

/// A backup that names the demo's entries, edited, imported elsewhere:
/// the other organization gets entries of its own, the demo keeps its.
#[tokio::test]
async fn another_organizations_ids_in_a_backup_never_change_that_organization() {
    let (app, _) = demo().await;
    let admin = demo_with_everything(&app).await;
    let mut original = backup(&app, &admin).await;
    let events = audit_events(&app, &admin).await;
    for processor in original["processors"].as_array_mut().unwrap() {
        processor["name"] = json!(format!(
            "{} (overgenomen)",
            processor["name"].as_str().unwrap()
        ));
    }
    original["activities"][0]["name"]["nl"] = json!("Overgenomen");

    let other = app.organization("other").await;
    import_ok(&app, &other, &original).await;

    let demo_after = backup(&app, &admin).await;
    assert!(!demo_after.to_string().contains("overgenomen"));
    assert!(!demo_after.to_string().contains("Overgenomen"));
    assert_eq!(audit_events(&app, &admin).await, events);
    let theirs = backup(&app, &other).await;
    let names: Vec<&str> = theirs["processors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().all(|n| n.ends_with("(overgenomen)")),
        "{names:?}"
    );
    for (mine, copied) in demo_after["processors"]
        .as_array()
        .unwrap()
        .iter()
        .zip(theirs["processors"].as_array().unwrap())
    {
        assert_ne!(mine["id"], copied["id"]);
    }

    // The other organization's own backup, with ids of the demo put in,
    // still cannot reach the demo.
    let own_id = theirs["processors"][0]["id"].as_str().unwrap().to_string();
    let demo_id = demo_after["processors"][0]["id"].as_str().unwrap();
    let mut theirs: Value =
        serde_json::from_str(&theirs.to_string().replace(&own_id, demo_id)).unwrap();
    theirs["processors"][0]["name"] = json!("Gekaapt");
    let response = import(&app, &other, &theirs, false).await;
    assert!(response.get("errors").is_none(), "{response:#}");
    assert!(backup(&app, &other).await.to_string().contains("Gekaapt"));
    assert!(!backup(&app, &admin).await.to_string().contains("Gekaapt"));
    assert_eq!(audit_events(&app, &admin).await, events);
}
