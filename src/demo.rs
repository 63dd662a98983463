//! The demo organization `rezulto`: a Dutch supplier of products, services
//! and training to education staff, whose whole privacy statement is held in
//! the register — the organization, its processing activities, the kinds of
//! processors it uses with their agreements, and its rights policy, in Dutch
//! and English.
//!
//! The register is a backup, `demo/rezulto.json`, loaded the way
//! `importRegister` loads one (through the services, in the transaction that
//! creates the organization), so every demo start exercises import and every
//! row has audit events by the actor `demo`. Loading it again leaves the
//! register as it is.

use entity::enums::Language;
use sea_orm::DatabaseConnection;

use crate::backup::{self, Syntax};
use crate::compliance::ComplianceGate;
use crate::db::Scope;
use crate::error::AppResult;
use crate::register::organization;
use crate::register_import;
use crate::statement::publish::{self, PublishRequest};
use crate::statement::versions;

pub const SLUG: &str = "rezulto";

/// The actor of the audit events.
const ACTOR: &str = "demo";

/// The demo's register, as `registerExport` writes a backup.
const BACKUP: &str = include_str!("../demo/rezulto.json");
const BACKUP_FILE: &str = "demo/rezulto.json";

/// Loads the demo organization unless it is there: the organization and
/// its whole register in one transaction, so a load the process did not
/// finish leaves nothing behind.
pub async fn load(db: &DatabaseConnection) -> AppResult<()> {
    if organization::find_by_slug(db, SLUG).await?.is_some() {
        return Ok(());
    }
    let backup = backup::read(Syntax::Json, BACKUP, BACKUP_FILE)?;
    let input = register_import::organization_to_create(SLUG, &backup);
    organization::scope_for_new(db, ACTOR, &input)
        .write(async |tx| {
            organization::create(tx, &input).await?;
            register_import::import_into(tx, backup).await
        })
        .await?;
    Ok(())
}

/// Publishes the demo statement in Dutch and English, unless a version was
/// published before.
pub async fn publish_statements(db: &DatabaseConnection) -> AppResult<()> {
    let Some(org) = organization::find_by_slug(db, SLUG).await? else {
        return Ok(());
    };
    let scope = Scope::new(db.clone(), org.id, org.default_language, ACTOR.into());
    let summaries = [
        (Language::Nl, "Eerste versie, opgesteld uit het register"),
        (Language::En, "First version, generated from the register"),
    ];
    for (language, summary) in summaries {
        if !versions::any_published(db, org.id, language).await? {
            let request = PublishRequest {
                language,
                summary: summary.into(),
                material: false,
                effective_from: None,
                accept_findings: Vec::new(),
                justification: None,
            };
            publish::publish(&scope, &request, &ComplianceGate).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand edit that breaks the file fails here, before any database.
    #[test]
    fn the_demo_backup_reads() {
        let backup = backup::read(Syntax::Json, BACKUP, BACKUP_FILE).unwrap();
        assert_eq!(backup.organization.slug, SLUG);
        assert_eq!(backup.activities.len(), 9);
    }
}
