//! The GraphQL side of the statement: its published versions, the preview
//! and publishing.

pub mod document;

use std::sync::Arc;

use async_graphql::{Context, Json, Object, ID};
use chrono::{DateTime, Utc};
use entity::enums::Language;
use entity::statement_version::{Column, Entity};
use sea_orm::{ColumnTrait, QueryFilter};
use uuid::Uuid;

use self::document::{StatementDiff, StatementDocument};
use crate::api::context::{scope, RequestContext};
use crate::api::enums;
use crate::api::guard::RoleGuard;
use crate::api::limits::{stored_text, whole_register, COST_STORED_TEXT};
use crate::api::pagination::{page_cost, paginate_partial, Page, PageArgs};
use crate::api::scalars::Date;
use crate::api::{ids, loaders};
use crate::auth::Role;
use crate::compliance::ComplianceGate;
use crate::error::{AppError, AppResult};
use crate::register::organization::find_by_slug;
use crate::statement::diff::{self as statement_diff, diff};
use crate::statement::document as statement_document;
use crate::statement::publish::{preview, publish, PublishRequest};
use crate::statement::published::PublishedStatements;
use crate::statement::versions::{self, by_number, in_effect, snapshot_of, Head, InEffect, Part};

/// A published version. It holds the version's head; the statement's
/// texts are loaded when asked for, batched across a page.
pub struct StatementVersion(pub Head);

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
    #[graphql(complexity = "COST_STORED_TEXT")]
    async fn markdown(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(self.text(ctx, Part::Markdown).await?)
    }
    #[graphql(complexity = "COST_STORED_TEXT")]
    async fn html(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(self.text(ctx, Part::Html).await?)
    }
    #[graphql(complexity = "stored_text(child_complexity)")]
    async fn document(&self, ctx: &Context<'_>) -> async_graphql::Result<StatementDocument> {
        let stored = self.text(ctx, Part::Document).await?;
        serde_json::from_str::<statement_document::StatementDocument>(&stored)
            .map(Into::into)
            .map_err(|e| AppError::Internal(format!("stored document: {e}")).into())
    }
    /// The register this version was built from; null to all but the
    /// members of the version's organization.
    #[graphql(complexity = "COST_STORED_TEXT")]
    async fn snapshot(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Json<serde_json::Value>>> {
        if self.for_members(ctx, &()).await.is_none() {
            return Ok(None);
        }
        let stored = self.text(ctx, Part::Snapshot).await?;
        Ok(serde_json::from_str(&stored).ok().map(Json))
    }
    /// The blocking findings published over (codes or `CODE:entity-id`
    /// keys, as given); empty to all but the members of the version's
    /// organization.
    async fn accepted_findings(&self, ctx: &Context<'_>) -> Vec<String> {
        self.for_members(ctx, &self.0.accepted_findings.0)
            .await
            .cloned()
            .unwrap_or_default()
    }
    /// Why the accepted findings may stand; null to all but the members of
    /// the version's organization.
    async fn justification(&self, ctx: &Context<'_>) -> Option<&str> {
        self.for_members(ctx, &self.0.justification)
            .await
            .and_then(Option::as_deref)
    }
    /// The version before this one.
    async fn previous(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StatementVersion>> {
        let (organization, language) = (self.0.organization_id, self.0.language);
        let previous =
            loaders::version_by_number(ctx, organization, language, self.0.version - 1).await?;
        Ok(previous.map(StatementVersion))
    }
    /// What changed since the previous version.
    #[graphql(complexity = "stored_text(child_complexity)")]
    async fn diff(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<StatementDiff>> {
        let Some(diff) = loaders::version_part(ctx, &self.0, Part::Diff).await? else {
            return Ok(None);
        };
        serde_json::from_str::<statement_diff::StatementDiff>(&diff)
            .map(|diff| Some(diff.into()))
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

    /// A text every version has.
    async fn text(&self, ctx: &Context<'_>, part: Part) -> AppResult<String> {
        loaders::version_part(ctx, &self.0, part)
            .await?
            .ok_or_else(|| AppError::Internal(format!("version {} lacks its {part:?}", self.0.id)))
    }
}

/// The versions of the caller's statement.
#[derive(Default)]
pub struct StatementVersionQuery;

#[Object(guard = "RoleGuard(Role::Viewer)")]
impl StatementVersionQuery {
    #[graphql(complexity = "page_cost(first, None, child_complexity)")]
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
        Ok(paginate_partial(
            scope,
            select,
            |head: &Head| head.id,
            StatementVersion,
            PageArgs::forward(first, after),
        )
        .await?)
    }

    async fn statement_version(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<StatementVersion>> {
        let scope = scope(ctx).await?;
        let id = ids::parse(&id, "id")?;
        let head = versions::head(scope, scope.organization_id, id).await?;
        Ok(head.map(StatementVersion))
    }

    /// What changed between two versions of one language.
    #[graphql(complexity = "whole_register(child_complexity)")]
    async fn statement_diff(
        &self,
        ctx: &Context<'_>,
        from: ID,
        to: ID,
    ) -> async_graphql::Result<StatementDiff> {
        let scope = scope(ctx).await?;
        let from = scope.get::<Entity>(ids::parse(&from, "from")?).await?;
        let to = scope.get::<Entity>(ids::parse(&to, "to")?).await?;
        if from.language != to.language {
            return Err(AppError::validation("to", "compare versions of one language").into());
        }
        Ok(diff(
            &snapshot_of(&from)?,
            &snapshot_of(&to)?,
            &versions::unpacked(&from.markdown)?,
            &versions::unpacked(&to.markdown)?,
            to.language,
            (from.version, to.version),
        )
        .into())
    }
}

/// What anyone may read: the published statements.
#[derive(Default)]
pub struct PublishedStatementQuery;

#[Object]
impl PublishedStatementQuery {
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
            Some(number) => by_number::<Head>(db, organization.id, language, number).await?,
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

#[derive(Default)]
pub struct PublishQuery;

#[Object(guard = "RoleGuard(Role::Viewer)")]
impl PublishQuery {
    /// The statement as the register would give it now, unpublished.
    #[graphql(complexity = "whole_register(child_complexity)")]
    async fn statement_preview(
        &self,
        ctx: &Context<'_>,
        language: enums::Language,
    ) -> async_graphql::Result<StatementDocument> {
        Ok(preview(scope(ctx).await?, language.into()).await?.into())
    }
}

#[derive(Default)]
pub struct PublishMutation;

#[Object(guard = "RoleGuard(Role::Admin)")]
impl PublishMutation {
    /// Publishes the statement as the register gives it now, as the next
    /// version. Refused (`BLOCKING_FINDINGS`, listing them) while blocking
    /// compliance findings stand, unless each is named in `acceptFindings`
    /// (by its code, or its `key` for that one finding) with a
    /// `justification`; both are kept with the version.
    #[graphql(complexity = "whole_register(child_complexity)")]
    // The arguments are the public contract's, one parameter each.
    #[allow(clippy::too_many_arguments)]
    async fn publish_statement(
        &self,
        ctx: &Context<'_>,
        language: enums::Language,
        summary: String,
        material: Option<bool>,
        effective_from: Option<Date>,
        accept_findings: Option<Vec<String>>,
        justification: Option<String>,
    ) -> async_graphql::Result<StatementVersion> {
        let request = PublishRequest {
            language: language.into(),
            summary,
            material: material.unwrap_or(false),
            effective_from: effective_from.map(|d| d.0),
            accept_findings: accept_findings.unwrap_or_default(),
            justification,
        };
        let scope = scope(ctx).await?;
        let version = publish(scope, &request, &ComplianceGate).await?;
        forget_published(ctx, scope.organization_id);
        Ok(StatementVersion(version))
    }
}

/// Makes the public pages of this server read the organization's statement
/// again (other servers do within `published::FRESH_FOR`).
pub fn forget_published(ctx: &Context<'_>, organization_id: Uuid) {
    if let Some(published) = ctx.data_opt::<Arc<PublishedStatements>>() {
        published.forget(organization_id);
    }
}
