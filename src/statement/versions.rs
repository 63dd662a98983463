//! Reading published statement versions: for the GraphQL API and for the
//! public pages. Versions are immutable, so what is read here may be cached
//! by anyone (ETags are derived from the content hash).

use async_graphql::{Context, Json, Object, ID};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::Language;
use entity::statement_version::{Column, Entity, Model};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use super::diff::{diff, StatementDiff};
use super::document::StatementDocument;
use super::snapshot::RegisterSnapshot;
use crate::api::context::{scope, RequestContext};
use crate::api::enums;
use crate::api::guard::RoleGuard;
use crate::api::pagination::{paginate, Page, PageArgs};
use crate::api::scalars::Date;
use crate::api::{ids, loaders};
use crate::auth::Role;
use crate::error::{AppError, AppResult};
use crate::register::found;
use crate::register::organization::find_by_slug;

/// All versions of one organization's statement in one language, oldest first.
pub fn all(organization_id: Uuid, language: Language) -> Select<Entity> {
    Entity::find()
        .filter(Column::OrganizationId.eq(organization_id))
        .filter(Column::Language.eq(language))
        .order_by_asc(Column::Version)
}

pub async fn by_number(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    language: Language,
    version: i32,
) -> AppResult<Option<Model>> {
    Ok(all(organization_id, language)
        .filter(Column::Version.eq(version))
        .one(conn)
        .await?)
}

/// The newest version, whether or not it is in effect yet.
pub async fn latest(
    conn: &impl ConnectionTrait,
    organization_id: Uuid,
    language: Language,
) -> AppResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::OrganizationId.eq(organization_id))
        .filter(Column::Language.eq(language))
        .order_by_desc(Column::Version)
        .one(conn)
        .await?)
}

/// What the public sees on `today`: the version in effect, and the newest
/// version announced for a later date, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct InEffect<T = Model> {
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
    serde_json::from_value(version.snapshot.clone())
        .map_err(|e| AppError::Internal(format!("stored snapshot: {e}")))
}

// ---- GraphQL ----

pub struct StatementVersion(pub Model);

#[Object]
impl StatementVersion {
    async fn id(&self) -> ID {
        ids::to_id(self.0.id)
    }
    async fn language(&self) -> enums::Language {
        self.0.language.into()
    }
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn published_at(&self) -> DateTime<Utc> {
        self.0.published_at
    }
    /// Who published it (the token subject); null to all but the members
    /// of the version's organization.
    async fn published_by(&self, ctx: &Context<'_>) -> Option<&str> {
        self.for_members(ctx, &self.0.published_by)
            .await
            .map(String::as_str)
    }
    async fn summary(&self) -> &str {
        &self.0.summary
    }
    async fn material(&self) -> bool {
        self.0.material
    }
    async fn effective_from(&self) -> Option<Date> {
        self.0.effective_from.map(Date)
    }
    async fn content_hash(&self) -> &str {
        &self.0.content_hash
    }
    #[graphql(complexity = "crate::api::limits::COST_STORED_TEXT")]
    async fn markdown(&self) -> &str {
        &self.0.markdown
    }
    #[graphql(complexity = "crate::api::limits::COST_STORED_TEXT")]
    async fn html(&self) -> &str {
        &self.0.html
    }
    #[graphql(complexity = "crate::api::limits::COST_STORED_TEXT + child_complexity")]
    async fn document(&self) -> async_graphql::Result<StatementDocument> {
        serde_json::from_value(self.0.document.clone())
            .map_err(|e| AppError::Internal(format!("stored document: {e}")).into())
    }
    /// The register this version was built from; null to all but the
    /// members of the version's organization.
    #[graphql(complexity = "crate::api::limits::COST_STORED_TEXT")]
    async fn snapshot(&self, ctx: &Context<'_>) -> Option<Json<serde_json::Value>> {
        self.for_members(ctx, &self.0.snapshot)
            .await
            .cloned()
            .map(Json)
    }
    /// The version before this one.
    async fn previous(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StatementVersion>> {
        let (organization, language) = (self.0.organization_id, self.0.language);
        let previous =
            loaders::version_by_number(ctx, organization, language, self.0.version - 1).await?;
        Ok(previous.map(StatementVersion))
    }
    /// What changed since the previous version.
    #[graphql(complexity = "crate::api::limits::COST_STORED_TEXT + child_complexity")]
    async fn diff(&self) -> async_graphql::Result<Option<StatementDiff>> {
        let Some(diff) = &self.0.diff else {
            return Ok(None);
        };
        serde_json::from_value(diff.clone())
            .map(Some)
            .map_err(|e| AppError::Internal(format!("stored diff: {e}")).into())
    }
}

impl StatementVersion {
    /// `value` for members of the version's organization, whatever their
    /// role; `None` for anyone else, as a version is public.
    async fn for_members<'a, T>(&self, ctx: &Context<'_>, value: &'a T) -> Option<&'a T> {
        let member = RequestContext::of(ctx)
            .is_member_of(self.0.organization_id)
            .await;
        member.then_some(value)
    }
}

#[derive(Default)]
pub struct StatementVersionQuery;

#[Object]
impl StatementVersionQuery {
    #[graphql(
        guard = "RoleGuard(Role::Viewer)",
        complexity = "crate::api::pagination::page_cost(first, None, child_complexity)"
    )]
    async fn statement_versions(
        &self,
        ctx: &Context<'_>,
        language: enums::Language,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Page<StatementVersion>> {
        let language = Language::from(language);
        let scope = scope(ctx).await?;
        let select = scope.find::<Entity>().filter(Column::Language.eq(language));
        Ok(paginate(
            scope.db(),
            select,
            StatementVersion,
            PageArgs::forward(first, after),
        )
        .await?)
    }

    #[graphql(guard = "RoleGuard(Role::Viewer)")]
    async fn statement_version(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<StatementVersion>> {
        let scope = scope(ctx).await?;
        let id = ids::parse(&id, "id")?;
        Ok(found(scope.get::<Entity>(scope.db(), id).await)?.map(StatementVersion))
    }

    /// What changed between two versions of one language.
    #[graphql(
        guard = "RoleGuard(Role::Viewer)",
        complexity = "crate::api::limits::COST_WHOLE_REGISTER + child_complexity"
    )]
    async fn statement_diff(
        &self,
        ctx: &Context<'_>,
        from: ID,
        to: ID,
    ) -> async_graphql::Result<StatementDiff> {
        let scope = scope(ctx).await?;
        let from = scope
            .get::<Entity>(scope.db(), ids::parse(&from, "from")?)
            .await?;
        let to = scope
            .get::<Entity>(scope.db(), ids::parse(&to, "to")?)
            .await?;
        if from.language != to.language {
            return Err(AppError::validation("to", "compare versions of one language").into());
        }
        Ok(diff(
            &snapshot_of(&from)?,
            &snapshot_of(&to)?,
            &from.markdown,
            &to.markdown,
            to.language,
            (from.version, to.version),
        ))
    }

    /// A published statement, for anyone: the version in effect today, or
    /// the given version number.
    async fn published_statement(
        &self,
        ctx: &Context<'_>,
        organization: String,
        language: enums::Language,
        version: Option<i32>,
    ) -> async_graphql::Result<Option<StatementVersion>> {
        let language = Language::from(language);
        let db = RequestContext::of(ctx).db();
        let Some(organization) = find_by_slug(db, &organization).await? else {
            return Ok(None);
        };
        let found = match version {
            Some(number) => by_number(db, organization.id, language, number).await?,
            None => {
                let InEffect { current, upcoming } =
                    in_effect(db, organization.id, language, Utc::now().date_naive()).await?;
                // Before the first version takes effect, that one, as on the public page.
                current.or(upcoming)
            }
        };
        Ok(found.map(StatementVersion))
    }
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
