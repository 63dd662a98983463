//! Migrations that change how data is stored: what an earlier ropa wrote
//! reads the same afterwards.

use entity::enums::Language;
use entity::statement_version;
use entity::values::Packed;
use migration::{Migrator, MigratorTrait};
use ropa::statement::versions;
use sea_orm::sea_query::{Alias, Query};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::common;

/// Applies the migrations before `name`, leaving it and those after.
async fn migrate_until(db: &DatabaseConnection, name: &str) {
    let before = Migrator::migrations()
        .iter()
        .position(|migration| migration.name() == name)
        .expect("the migration exists");
    Migrator::up(db, Some(before as u32))
        .await
        .expect("migrated");
}

async fn insert(db: &DatabaseConnection, table: &str, values: Vec<(&str, sea_orm::Value)>) {
    let (columns, values): (Vec<_>, Vec<_>) = values.into_iter().unzip();
    let statement = Query::insert()
        .into_table(Alias::new(table))
        .columns(columns.into_iter().map(Alias::new))
        .values_panic(values.into_iter().map(Into::into))
        .to_owned();
    db.execute(&statement).await.expect("row is written");
}

#[tokio::test]
async fn published_versions_read_the_same_once_their_texts_are_stored_as_text_then_packed() {
    let (url, _file) = common::fresh_database().await;
    let db = Database::connect(&url).await.expect("database");
    migrate_until(&db, "m20261206_000005_statement_text").await;

    // An organization and a version as the schema before held them: JSON.
    let organization = Uuid::now_v7();
    insert(
        &db,
        "organization",
        vec![
            ("id", organization.into()),
            ("slug", "acme".into()),
            ("legal_name", "Acme B.V.".into()),
            ("trade_names", json!([]).into()),
            ("default_language", "NL".into()),
            ("websites", json!([]).into()),
            ("created_at", chrono::Utc::now().into()),
            ("updated_at", chrono::Utc::now().into()),
        ],
    )
    .await;
    let snapshot = json!({ "version": 1, "organization": { "legalName": "Acme B.V." } });
    let document = json!({ "language": "nl", "title": "Privacyverklaring", "sections": [] });
    let diff = json!({ "semantic": [{ "kind": "ACTIVITY_ADDED" }], "text": "+a" });
    insert(
        &db,
        "statement_version",
        vec![
            ("id", Uuid::now_v7().into()),
            ("organization_id", organization.into()),
            ("language", "NL".into()),
            ("version", 1.into()),
            ("published_at", chrono::Utc::now().into()),
            ("published_by", "tester".into()),
            ("summary", "First".into()),
            ("material", false.into()),
            ("document", document.clone().into()),
            ("markdown", "# Privacyverklaring".into()),
            ("html", "<h1>Privacyverklaring</h1>".into()),
            ("snapshot", snapshot.clone().into()),
            ("content_hash", "hash".into()),
            ("diff", diff.clone().into()),
            ("accepted_findings", json!([]).into()),
        ],
    )
    .await;

    Migrator::up(&db, None).await.expect("migrated");
    let version =
        versions::by_number::<statement_version::Model>(&db, organization, Language::Nl, 1)
            .await
            .expect("read")
            .expect("the version is there");
    let as_json = |packed: &Packed| {
        serde_json::from_str::<Value>(&packed.unpack().expect("text")).expect("JSON")
    };
    assert_eq!(as_json(&version.document), document);
    assert_eq!(as_json(version.diff.as_ref().expect("a diff")), diff);
    assert_eq!(as_json(&version.snapshot), snapshot);
    let text = |packed: &Packed| packed.unpack().expect("text");
    assert_eq!(text(&version.markdown), "# Privacyverklaring");
    assert_eq!(text(&version.html), "<h1>Privacyverklaring</h1>");
    assert_eq!(
        versions::published_name(&version.snapshot).expect("a name"),
        "Acme B.V."
    );
    if db.get_database_backend() == DbBackend::Postgres {
        assert_stored_packed(&db).await;
    }
}

/// The packed columns are bytes PostgreSQL stores as they come.
async fn assert_stored_packed(db: &DatabaseConnection) {
    let columns = "SELECT attname::text AS name, attstorage::text AS storage,
            format_type(atttypid, atttypmod) AS type
        FROM pg_attribute WHERE attrelid = 'statement_version'::regclass
        AND attname IN ('html', 'markdown', 'document', 'snapshot', 'diff')";
    let rows = db
        .query_all_raw(Statement::from_string(DbBackend::Postgres, columns))
        .await
        .expect("asked");
    assert_eq!(rows.len(), 5);
    for row in rows {
        let name: String = row.try_get("", "name").expect("a name");
        let storage: String = row.try_get("", "storage").expect("a storage");
        let kind: String = row.try_get("", "type").expect("a type");
        let stored = (kind.as_str(), storage.as_str());
        assert_eq!(stored, ("bytea", "e"), "{name}: packed, stored as it is");
    }
}
