//! Processors and other third parties that receive personal data.

use std::collections::HashSet;

use async_graphql::{Context, InputObject, ID};
use entity::enums::{Language, ProcessorRole, TransferSafeguard};
use entity::processor::{ActiveModel, Column, Entity, Model};
use sea_orm::{ColumnTrait, QueryFilter, Select, Set};
use uuid::Uuid;

use super::organization::{ContactInput, ContactOutput};
use super::processing_agreement::ProcessingAgreement;
use crate::audit::AuditAction;
use crate::db::Scope;
use crate::error::{AppError, AppResult};
use crate::graphql::localized::{self, LocalizedText, LocalizedTextInput};
use crate::graphql::{ids, loaders};
use crate::register::{search_filter, validate, versioned};

#[derive(Clone, Debug, InputObject)]
pub struct ProcessorInput {
    pub name: String,
    pub role: ProcessorRole,
    /// What the processor does for the organization.
    pub service: Option<Vec<LocalizedTextInput>>,
    /// The kind of recipient, e.g. "mailing house"; the statement names the
    /// recipient by it (GDPR Art. 13(1)(e) allows categories of recipients).
    pub category: Option<Vec<LocalizedTextInput>>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The processor a sub-processor works for.
    pub parent_id: Option<ID>,
    /// Needed when the country is outside the EEA.
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub contact: Option<ContactInput>,
}

#[derive(Debug, Default, InputObject)]
pub struct ProcessorFilter {
    /// Matches name, country and service description.
    pub search: Option<String>,
    pub role: Option<ProcessorRole>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub include_archived: Option<bool>,
}

// ---- service ----

pub fn list(scope: &Scope, filter: &ProcessorFilter) -> AppResult<Select<Entity>> {
    let mut select = scope.find::<Entity>();
    if !filter.include_archived.unwrap_or(false) {
        select = select.filter(Column::ArchivedAt.is_null());
    }
    if let Some(role) = filter.role {
        select = select.filter(Column::Role.eq(role));
    }
    if let Some(country) = &filter.country {
        // Stored upper case (see `validate::country`).
        select = select.filter(Column::Country.eq(country.trim().to_ascii_uppercase()));
    }
    Ok(search_filter(select, Column::SearchText, &filter.search))
}

/// The checks that need no database.
fn validated(input: &ProcessorInput) -> AppResult<ActiveModel> {
    let name = validate::required_text(&input.name, "input.name")?;
    let country = validate::country(&input.country, "input.country")?;
    let service = localized::optional_localized(&input.service, "input.service")?;
    let category = localized::optional_localized(&input.category, "input.category")?;
    let contact = input
        .contact
        .as_ref()
        .map(|contact| contact.to_contact("input.contact"))
        .transpose()?;
    Ok(ActiveModel {
        search_text: Set(super::search_text(
            &[&name, &country],
            &[&service, &category],
        )),
        category: Set((!category.is_empty()).then_some(category)),
        name: Set(name),
        role: Set(input.role),
        service: Set(service),
        country: Set(country),
        contact: Set(contact),
        transfer_safeguard: Set(input.transfer_safeguard),
        ..Default::default()
    })
}

/// The parent must be a processor of this organization, and following
/// parents from it must never lead back to `id` (no cycles).
async fn validated_parent(
    scope: &Scope,
    id: Option<Uuid>,
    parent: &Option<ID>,
) -> AppResult<Option<Uuid>> {
    const FIELD: &str = "input.parentId";
    let Some(parent) = parent else {
        return Ok(None);
    };
    let parent = ids::parse(parent, FIELD)?;
    if Some(parent) == id {
        return Err(AppError::validation(
            FIELD,
            "a processor cannot be its own parent",
        ));
    }
    let parent_row = scope.require::<Entity>(scope.db(), parent, FIELD).await?;
    if let Some(id) = id {
        let mut seen = HashSet::from([parent]);
        let mut ancestor = parent_row.parent_id;
        while let Some(current) = ancestor.filter(|a| seen.insert(*a)) {
            if current == id {
                return Err(AppError::validation(
                    FIELD,
                    "a processor cannot be a sub-processor of its own sub-processor",
                ));
            }
            ancestor = super::found(scope.get::<Entity>(scope.db(), current).await)?
                .and_then(|p| p.parent_id);
        }
    }
    Ok(Some(parent))
}

pub async fn create(scope: &Scope, input: &ProcessorInput) -> AppResult<Model> {
    let mut model = validated(input)?;
    model.parent_id = Set(validated_parent(scope, None, &input.parent_id).await?);
    versioned::create::<Entity, _>(scope, model).await
}

pub async fn update(
    scope: &Scope,
    id: Uuid,
    input: &ProcessorInput,
    expected: i32,
) -> AppResult<Model> {
    let mut changes = validated(input)?;
    changes.parent_id = Set(validated_parent(scope, Some(id), &input.parent_id).await?);
    versioned::update::<Entity, _, _>(scope, id, expected, AuditAction::Update, |_| Ok(changes))
        .await
}

pub async fn archive(scope: &Scope, id: Uuid, expected: i32) -> AppResult<Model> {
    versioned::archive::<Entity, ActiveModel>(scope, id, expected).await
}

// ---- GraphQL ----

pub struct Processor(pub Model);

register_entry!(archivable Processor {
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn role(&self) -> ProcessorRole {
        self.0.role
    }
    async fn service(&self, ctx: &Context<'_>, language: Option<Language>) -> Option<String> {
        localized::pick_in(ctx, &self.0.service, language)
    }
    async fn service_translations(&self) -> Vec<LocalizedText> {
        localized::translations(&self.0.service)
    }
    /// The kind of recipient, e.g. "mailing house".
    async fn category(&self, ctx: &Context<'_>, language: Option<Language>) -> Option<String> {
        self.0
            .category
            .as_ref()
            .and_then(|c| localized::pick_in(ctx, c, language))
    }
    async fn category_translations(&self) -> Vec<LocalizedText> {
        self.0
            .category
            .as_ref()
            .map(localized::translations)
            .unwrap_or_default()
    }
    /// ISO 3166-1 alpha-2.
    async fn country(&self) -> &str {
        &self.0.country
    }
    async fn contact(&self) -> Option<ContactOutput> {
        self.0.contact.clone().map(ContactOutput)
    }
    /// The processor this sub-processor works for.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Processor>> {
        let Some(parent_id) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(loaders::processor_by_id(ctx, parent_id)
            .await?
            .map(Processor))
    }
    async fn transfer_safeguard(&self) -> Option<TransferSafeguard> {
        self.0.transfer_safeguard
    }
    async fn agreements(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<ProcessingAgreement>> {
        let agreements = loaders::agreements_of(ctx, self.0.id).await?;
        Ok(agreements.into_iter().map(ProcessingAgreement).collect())
    }
});

entity_resolvers!(
    ProcessorQuery,
    ProcessorMutation,
    Processor,
    ProcessorInput,
    ProcessorFilter,
    list: processors,
    get: processor,
    create: create_processor,
    update: update_processor,
    archive: archive_processor,
);
