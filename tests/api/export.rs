//! The register as a file (`registerExport`): every format holds the demo
//! register, in a fixed number of queries, and only the caller's.

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
            "Categorieën betrokkenen",
            "Categorieën persoonsgegevens",
            "Bijzondere en strafrechtelijke persoonsgegevens (art. 9 en 10 AVG)",
            "Uitzonderingsgrond bijzondere persoonsgegevens (art. 9 lid 2 AVG)",
            "Herkomst van de gegevens",
            "Ontvangers",
            "Doorgifte naar derde landen",
            "Waarborgen bij doorgifte",
            "Bewaartermijn",
            "Technische en organisatorische beveiligingsmaatregelen",
            "Geautomatiseerde besluitvorming en profilering",
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
    assert!(sale[5].contains("naam; adres"), "{}", &sale[5]);
    assert!(
        sale[9].contains("Technische dienstverleners"),
        "{}",
        &sale[9]
    );
    assert!(!sale[12].is_empty());
    assert_eq!(&sale[15], "nee");
    assert_eq!(&sale[16], "actief");
    for row in &rows {
        assert_eq!(row.len(), header.len());
    }
}

#[tokio::test]
async fn the_workbook_has_the_record_and_sheets_for_processors_agreements_and_the_controller() {
    use calamine::{Reader, Xlsx};

    let (app, viewer) = demo().await;
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
    assert_eq!(register[0].len(), 18);
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
