//! Reading published statement versions, for the GraphQL API and for the
//! public pages. Versions are immutable, so what is read here may be cached
//! by anyone (ETags are derived from the content hash).

use chrono::NaiveDate;
use entity::enums::Language;
use entity::statement_version::{Column, Entity, Model};
use entity::values::{Packed, StringList};
use sea_orm::prelude::DateTimeUtc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use sea_orm::{DerivePartialModel, PartialModelTrait, TryGetableMany};
use serde::Deserialize;
use uuid::Uuid;

use crate::db::{public, Tx};
use crate::error::{AppError, AppResult};
use crate::register_snapshot::{stored, RegisterSnapshot};

/// All versions of one organization's statement in one language, oldest first.
pub fn all(organization_id: Uuid, language: Language) -> Select<Entity> {
    public::statement_versions(organization_id)
        .filter(Column::Language.eq(language))
        .order_by_asc(Column::Version)
}

/// The version numbered `version`, whole (`M` = [`Model`]) or its
/// [`Head`].
pub async fn by_number<M: PartialModelTrait>(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    language: Language,
    version: i32,
) -> AppResult<Option<M>> {
    Ok(all(organization_id, language)
        .filter(Column::Version.eq(version))
        .into_partial_model::<M>()
        .one(conn)
        .await?)
}

/// The head of version `id` of the organization.
pub async fn head(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    id: Uuid,
) -> AppResult<Option<Head>> {
    Ok(public::statement_versions(organization_id)
        .filter(Column::Id.eq(id))
        .into_partial_model::<Head>()
        .one(conn)
        .await?)
}

/// A version without its statement: who published what, when, and the
/// content hash. The statement's texts (see [`Part`]) are nearly all of a
/// row's bytes, megabytes for a large register, so lists read heads and
/// load the parts asked for.
#[derive(Clone, Debug, PartialEq, DerivePartialModel)]
#[sea_orm(entity = "Entity")]
pub struct Head {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub language: Language,
    pub version: i32,
    pub published_at: DateTimeUtc,
    pub published_by: String,
    pub summary: String,
    pub material: bool,
    pub effective_from: Option<NaiveDate>,
    pub content_hash: String,
    pub accepted_findings: StringList,
    pub justification: Option<String>,
}

impl From<&Model> for Head {
    fn from(model: &Model) -> Self {
        Head {
            id: model.id,
            organization_id: model.organization_id,
            language: model.language,
            version: model.version,
            published_at: model.published_at,
            published_by: model.published_by.clone(),
            summary: model.summary.clone(),
            material: model.material,
            effective_from: model.effective_from,
            content_hash: model.content_hash.clone(),
            accepted_findings: model.accepted_findings.clone(),
            justification: model.justification.clone(),
        }
    }
}

/// One of the large texts of a version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Document,
    Markdown,
    Html,
    Snapshot,
    Diff,
}

impl Part {
    fn column(self) -> Column {
        match self {
            Part::Document => Column::Document,
            Part::Markdown => Column::Markdown,
            Part::Html => Column::Html,
            Part::Snapshot => Column::Snapshot,
            Part::Diff => Column::Diff,
        }
    }
}

/// Which versions of an organization to read.
#[derive(Clone, Copy, Debug)]
pub enum Versions<'a> {
    /// The versions with these ids (a page of a list).
    These(&'a [Uuid]),
    /// Every version in a language, however many: named by the language,
    /// not by a bind parameter per version.
    In(Language),
}

/// `part` of `versions`, by id, in one query; only a diff may be absent
/// (the first version has none).
pub async fn parts(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    versions: Versions<'_>,
    part: Part,
) -> AppResult<Vec<(Uuid, Option<String>)>> {
    let select = public::statement_versions(organization_id);
    let select = match versions {
        Versions::These(ids) => select.filter(Column::Id.is_in(ids.iter().copied())),
        Versions::In(language) => select.filter(Column::Language.eq(language)),
    };
    let select = select.select_only().columns([Column::Id, part.column()]);
    let rows: Vec<(Uuid, Option<Packed>)> = select.into_tuple().all(conn).await?;
    rows.into_iter()
        .map(|(id, packed)| Ok((id, packed.as_ref().map(unpacked).transpose()?)))
        .collect()
}

/// The text of a packed column.
pub fn unpacked(packed: &Packed) -> AppResult<String> {
    packed
        .unpack()
        .map_err(|e| AppError::Internal(format!("a stored version: {e}")))
}

/// `text` packed for a version row.
pub fn packed_text(text: &str) -> AppResult<Packed> {
    Packed::pack(text).map_err(|e| AppError::Internal(format!("packing a version: {e}")))
}

/// `value` as JSON, packed for a version row.
pub fn packed(value: &impl serde::Serialize) -> AppResult<Packed> {
    Packed::pack_json(value).map_err(|e| AppError::Internal(format!("packing a version: {e}")))
}

/// Whether a statement has been published in `language`, read without any
/// version's content.
pub async fn any_published(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    language: Language,
) -> AppResult<bool> {
    Ok(all(organization_id, language).count(conn).await? > 0)
}

/// The organization's name as its newest version in `language` published
/// it.
pub async fn newest_published_name(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    language: Language,
) -> AppResult<Option<String>> {
    let snapshot: Option<Packed> = public::statement_versions(organization_id)
        .filter(Column::Language.eq(language))
        .order_by_desc(Column::Version)
        .select_only()
        .column(Column::Snapshot)
        .into_tuple()
        .one(conn)
        .await?;
    snapshot.as_ref().map(published_name).transpose()
}

/// The organization's legal name in a stored register, read without the
/// rest of it.
pub fn published_name(snapshot: &Packed) -> AppResult<String> {
    #[derive(Deserialize)]
    struct Register {
        organization: Organization,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Organization {
        legal_name: String,
    }
    let register: Register = serde_json::from_str(&unpacked(snapshot)?)
        .map_err(|e| AppError::Internal(format!("a stored register: {e}")))?;
    Ok(register.organization.legal_name)
}

/// `columns` of the newest version of `tx`'s organization in `language`,
/// read without the rest of the row.
pub async fn newest<T: TryGetableMany>(
    tx: &Tx<'_>,
    language: Language,
    columns: impl IntoIterator<Item = Column>,
) -> AppResult<Option<T>> {
    Ok(tx
        .find::<Entity>()
        .filter(Column::Language.eq(language))
        .order_by_desc(Column::Version)
        .select_only()
        .columns(columns)
        .into_tuple()
        .one(tx)
        .await?)
}

/// What a publish needs of the version before it: its number and content
/// hash, and its Markdown and register for the diff; not its HTML, document
/// or diff, the larger part of the row.
pub struct PreviousVersion {
    pub id: Uuid,
    pub version: i32,
    pub content_hash: String,
    pub markdown: Packed,
    pub snapshot: Packed,
}

/// The newest version of `tx`'s organization in `language`, as a publish
/// reads it.
pub async fn latest_for_diff(
    tx: &Tx<'_>,
    language: Language,
) -> AppResult<Option<PreviousVersion>> {
    let columns = [
        Column::Id,
        Column::Version,
        Column::ContentHash,
        Column::Markdown,
        Column::Snapshot,
    ];
    let row: Option<(Uuid, i32, String, Packed, Packed)> = newest(tx, language, columns).await?;
    Ok(row.map(
        |(id, version, content_hash, markdown, snapshot)| PreviousVersion {
            id,
            version,
            content_hash,
            markdown,
            snapshot,
        },
    ))
}

/// What the public sees on `today`: the version in effect, and the newest
/// version announced for a later date, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct InEffect<T = Head> {
    pub current: Option<T>,
    pub upcoming: Option<T>,
}

pub async fn in_effect(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    language: Language,
    today: NaiveDate,
) -> AppResult<InEffect> {
    // Decide on the small columns; load only the versions that matter.
    let dates: Vec<(i32, Option<NaiveDate>)> = all(organization_id, language)
        .select_only()
        .columns([Column::Version, Column::EffectiveFrom])
        .into_tuple()
        .all(conn)
        .await?;
    let split = split_by_effect(dates, |(_, from)| *from, today);
    let load = |found: Option<(i32, Option<NaiveDate>)>| async move {
        match found {
            Some((number, _)) => by_number(conn, organization_id, language, number).await,
            None => Ok(None),
        }
    };
    Ok(InEffect {
        current: load(split.current).await?,
        upcoming: load(split.upcoming).await?,
    })
}

/// Splits versions (oldest first) into the one in effect on `today` and the
/// newest one announced for later. A version takes effect on its
/// `effective_from`, or at once; a later version in effect ends an
/// announcement.
pub fn split_by_effect<T>(
    versions: impl IntoIterator<Item = T>,
    effective_from: impl Fn(&T) -> Option<NaiveDate>,
    today: NaiveDate,
) -> InEffect<T> {
    let mut result = InEffect {
        current: None,
        upcoming: None,
    };
    for version in versions {
        if effective_from(&version).is_none_or(|from| from <= today) {
            result.current = Some(version);
            result.upcoming = None;
        } else {
            result.upcoming = Some(version);
        }
    }
    result
}

/// The register snapshot a version was built from.
pub fn snapshot_of(version: &Model) -> AppResult<RegisterSnapshot> {
    stored::unpack(&version.snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_take_effect_on_their_date() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        let split = |versions: &[(i32, Option<NaiveDate>)], today: u32| {
            let result = split_by_effect(versions.iter().copied(), |v| v.1, day(today).unwrap());
            (result.current.map(|v| v.0), result.upcoming.map(|v| v.0))
        };
        assert_eq!(split(&[(1, None)], 1), (Some(1), None));
        assert_eq!(split(&[(1, None), (2, day(10))], 5), (Some(1), Some(2)));
        assert_eq!(split(&[(1, None), (2, day(10))], 10), (Some(2), None));
        assert_eq!(split(&[(1, day(10))], 5), (None, Some(1)));
        assert_eq!(
            split(&[(1, None), (2, day(5)), (3, day(20))], 10),
            (Some(2), Some(3))
        );
        assert_eq!(
            split(&[(1, None), (2, day(20)), (3, None)], 10),
            (Some(3), None)
        );
    }
}
