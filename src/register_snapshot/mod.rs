//! The register as one read model: everything the statement may mention
//! ([`load`]) or the whole register ([`load_all`]), read in a fixed number of
//! queries. The statement, the compliance checks, the export and the import
//! read it; it is stored with each published version ([`stored`]), so old
//! versions and diffs never depend on today's register.

#[cfg(test)]
pub(crate) mod fixture;
mod indexed;
pub mod stored;

pub use indexed::Indexed;

use entity::enums::ActivityStatus;
use entity::{
    data_category, data_subject_category, legal_basis, organization, processing_activity,
    processing_agreement, processor, rights_policy, tracker,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, IdenStatic, Iterable, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::db::{public, TenantOwned, Tx};
use crate::error::AppResult;
use crate::register::processing_activity::{with_all_links, ActivitySnapshot};

/// The register of one organization. As [`load`] reads it for a statement,
/// it holds the active, unarchived activities and the unarchived processors
/// and agreements; as [`load_all`] reads it, every entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterSnapshot {
    pub organization: organization::Model,
    pub rights_policy: Option<rights_policy::Model>,
    /// Activities in statement order.
    pub activities: Vec<ActivitySnapshot>,
    pub data_categories: Vec<data_category::Model>,
    pub data_subject_categories: Vec<data_subject_category::Model>,
    /// Processors and third parties.
    pub processors: Vec<processor::Model>,
    pub agreements: Vec<processing_agreement::Model>,
    pub legal_bases: Vec<legal_basis::Model>,
    /// Cookies and similar technologies; snapshots stored before trackers
    /// were registered hold none.
    #[serde(default)]
    pub trackers: Vec<tracker::Model>,
}

impl RegisterSnapshot {
    pub fn data_category(&self, id: Uuid) -> Option<&data_category::Model> {
        self.data_categories.iter().find(|c| c.id == id)
    }

    pub fn data_subject_category(&self, id: Uuid) -> Option<&data_subject_category::Model> {
        self.data_subject_categories.iter().find(|c| c.id == id)
    }

    pub fn processor(&self, id: Uuid) -> Option<&processor::Model> {
        self.processors.iter().find(|p| p.id == id)
    }

    pub fn agreement(&self, id: Uuid) -> Option<&processing_agreement::Model> {
        self.agreements.iter().find(|a| a.id == id)
    }

    pub fn activity(&self, id: Uuid) -> Option<&ActivitySnapshot> {
        self.activities.iter().find(|a| a.activity.id == id)
    }

    pub fn tracker(&self, id: Uuid) -> Option<&tracker::Model> {
        self.trackers.iter().find(|t| t.id == id)
    }

    /// The agreements with one processor.
    pub fn agreements_of(
        &self,
        processor_id: Uuid,
    ) -> impl Iterator<Item = &processing_agreement::Model> {
        self.agreements
            .iter()
            .filter(move |a| a.processor_id == processor_id)
    }

    /// A legal basis row by its stored code (`CONSENT`, `ART9_EXPLICIT_CONSENT`).
    pub fn legal_basis(&self, code: &str) -> Option<&legal_basis::Model> {
        self.legal_bases.iter().find(|b| b.code == code)
    }
}

/// Reads the snapshot a statement of the scope's organization is built from.
pub async fn load(tx: &Tx<'_>) -> AppResult<RegisterSnapshot> {
    read(tx, Entries::Statement).await
}

/// Reads the whole register of the scope's organization, with drafts,
/// retired and archived entries, in the same fixed number of queries.
pub async fn load_all(tx: &Tx<'_>) -> AppResult<RegisterSnapshot> {
    read(tx, Entries::All).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Entries {
    /// What a statement may mention.
    Statement,
    All,
}

/// The entries of one kind of `tx`'s organization, with an empty text for
/// their search text: that serves search, not the register, and is a fifth
/// of an activity's bytes.
fn without_search_text<E: TenantOwned>(tx: &Tx<'_>) -> Select<E> {
    const SEARCH_TEXT: &str = "search_text";
    let columns = E::Column::iter().filter(|column| column.as_str() != SEARCH_TEXT);
    tx.find::<E>()
        .select_only()
        .columns(columns)
        .expr_as(Expr::value(""), SEARCH_TEXT)
}

async fn read(tx: &Tx<'_>, entries: Entries) -> AppResult<RegisterSnapshot> {
    let mut activities = without_search_text::<processing_activity::Entity>(tx);
    let mut processors = without_search_text::<processor::Entity>(tx);
    let mut agreements = tx.find::<processing_agreement::Entity>();
    let mut trackers = without_search_text::<tracker::Entity>(tx);
    if entries == Entries::Statement {
        trackers = trackers.filter(tracker::Column::ArchivedAt.is_null());
        activities = activities
            .filter(processing_activity::Column::ArchivedAt.is_null())
            .filter(processing_activity::Column::Status.eq(ActivityStatus::Active));
        processors = processors.filter(processor::Column::ArchivedAt.is_null());
        agreements = agreements.filter(processing_agreement::Column::ArchivedAt.is_null());
    }
    let organization = tx.get::<organization::Entity>(tx.organization_id()).await?;
    let rights_policy = tx.find::<rights_policy::Entity>().one(tx).await?;
    // Sorted here, not by the database, which would sort every row with
    // its texts: megabytes at a thousand activities.
    let mut activities = activities.all(tx).await?;
    activities.sort_by_key(|a| (a.position, a.id));
    let activities = with_all_links(tx, activities).await?;

    Ok(RegisterSnapshot {
        organization,
        rights_policy,
        activities,
        data_categories: without_search_text::<data_category::Entity>(tx)
            .order_by_asc(data_category::Column::Key)
            .all(tx)
            .await?,
        data_subject_categories: without_search_text::<data_subject_category::Entity>(tx)
            .order_by_asc(data_subject_category::Column::Key)
            .all(tx)
            .await?,
        processors: processors
            .order_by_asc(processor::Column::Id)
            .all(tx)
            .await?,
        agreements: agreements
            .order_by_asc(processing_agreement::Column::Id)
            .all(tx)
            .await?,
        legal_bases: public::legal_bases(tx).await?,
        trackers: trackers.order_by_asc(tracker::Column::Id).all(tx).await?,
    })
}
