//! The organization (the controller) whose register this is. Operators
//! create organizations; each starts with the default catalogue.

use chrono::Utc;
use entity::enums::Language;
use entity::organization::{ActiveModel, Entity, Model};
use entity::values::{Address, Contact, StringList, SupervisoryAuthority};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use uuid::Uuid;

use crate::audit::{self, AuditAction};
use crate::db::{public, Scope, TenantOwned, Tx};
use crate::error::{AppError, AppResult};
use crate::register::{catalogue, validate, versioned};

#[derive(Clone, Debug)]
pub struct ContactInput {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl ContactInput {
    pub fn to_contact(&self, field: &str) -> AppResult<Contact> {
        Ok(Contact {
            name: validate::required_text(&self.name, &format!("{field}.name"))?,
            email: validate::optional_email(&self.email, &format!("{field}.email"))?,
            phone: validate::optional_text(&self.phone, &format!("{field}.phone"))?,
        })
    }
}

#[derive(Clone, Debug)]
pub struct AddressInput {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

#[derive(Clone, Debug)]
pub struct SupervisoryAuthorityInput {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct CreateOrganizationInput {
    /// Lowercase letters, digits and dashes; used in public page paths.
    pub slug: String,
    pub details: OrganizationDetails,
}

/// Everything about an organization but its slug, which never changes.
#[derive(Clone, Debug)]
pub struct OrganizationDetails {
    pub legal_name: String,
    /// Trade names and brands.
    pub trade_names: Option<Vec<String>>,
    /// e.g. the KvK number.
    pub registration_number: Option<String>,
    pub address: Option<AddressInput>,
    pub contact_email: Option<String>,
    pub privacy_email: Option<String>,
    pub phone: Option<String>,
    pub supervisory_authority: Option<SupervisoryAuthorityInput>,
    pub default_language: Language,
    pub dpo: Option<ContactInput>,
    /// The representative in the EU (Art. 27), for controllers outside it.
    pub representative: Option<ContactInput>,
    pub websites: Option<Vec<String>>,
}

// ---- service ----

/// An optional part of the input, checked by `check` when present.
fn optional<T, U>(
    value: &Option<T>,
    check: impl FnOnce(&T) -> AppResult<U>,
) -> AppResult<Option<U>> {
    value.as_ref().map(check).transpose()
}

fn validated(details: &OrganizationDetails) -> AppResult<ActiveModel> {
    let address = optional(&details.address, |a| {
        Ok(Address {
            street: validate::required_text(&a.street, "input.address.street")?,
            postal_code: validate::required_text(&a.postal_code, "input.address.postalCode")?,
            city: validate::required_text(&a.city, "input.address.city")?,
            country: validate::country(&a.country, "input.address.country")?,
        })
    })?;
    let authority = optional(&details.supervisory_authority, |a| {
        Ok(SupervisoryAuthority {
            name: validate::required_text(&a.name, "input.supervisoryAuthority.name")?,
            url: optional(&a.url, |u| {
                validate::url(u, "input.supervisoryAuthority.url")
            })?,
        })
    })?;
    let trade_names = validate::each(
        &details.trade_names,
        "input.tradeNames",
        validate::required_text,
    )?;
    let websites = validate::each(&details.websites, "input.websites", validate::url)?;
    Ok(ActiveModel {
        legal_name: Set(validate::required_text(
            &details.legal_name,
            "input.legalName",
        )?),
        trade_names: Set(StringList(trade_names)),
        registration_number: Set(validate::optional_text(
            &details.registration_number,
            "input.registrationNumber",
        )?),
        address: Set(address),
        contact_email: Set(validate::optional_email(
            &details.contact_email,
            "input.contactEmail",
        )?),
        privacy_email: Set(validate::optional_email(
            &details.privacy_email,
            "input.privacyEmail",
        )?),
        phone: Set(validate::optional_text(&details.phone, "input.phone")?),
        dpo: Set(optional(&details.dpo, |c| c.to_contact("input.dpo"))?),
        representative: Set(optional(&details.representative, |c| {
            c.to_contact("input.representative")
        })?),
        supervisory_authority: Set(authority),
        default_language: Set(details.default_language),
        websites: Set(StringList(websites)),
        ..Default::default()
    })
}

/// `None` for a text that is not a slug at all, without asking the
/// database: a page path or an argument may hold anything.
pub async fn find_by_slug(db: &DatabaseConnection, slug: &str) -> AppResult<Option<Model>> {
    if validate::slug(slug, "slug").is_err() {
        return Ok(None);
    }
    public::organization_by_slug(db, slug).await
}

/// The scope of an organization about to be created: a new id, and
/// `actor` as the author of its first audit events. [`create`] makes the
/// organization in one of its transactions; more may follow in the same one
/// (the demo imports its register there).
pub fn scope_for_new(
    db: &DatabaseConnection,
    actor: &str,
    input: &CreateOrganizationInput,
) -> Scope {
    let language = input.details.default_language;
    Scope::new(db.clone(), Uuid::now_v7(), language, actor.to_string())
}

/// Creates the organization of `tx`'s scope (see [`scope_for_new`]) with
/// the default catalogue.
pub async fn create(tx: &Tx<'_>, input: &CreateOrganizationInput) -> AppResult<Model> {
    let slug = validate::slug(&input.slug, "input.slug")?;
    let mut model = validated(&input.details)?;
    if public::organization_by_slug(tx, &slug).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "an organization with slug `{slug}` exists"
        )));
    }
    let now = Utc::now();
    let id = tx.organization_id();
    model.id = Set(id);
    model.slug = Set(slug);
    model.revision = Set(1);
    model.created_at = Set(now);
    model.updated_at = Set(now);
    let created = model.insert(tx).await?;
    audit::record(
        tx,
        Entity::TYPE,
        id,
        AuditAction::Create,
        None,
        Some(&created),
    )
    .await?;
    catalogue::install(tx).await?;
    Ok(created)
}

pub async fn update(tx: &Tx<'_>, input: &OrganizationDetails, expected: i32) -> AppResult<Model> {
    let changes = validated(input)?;
    versioned::update::<Entity, _>(
        tx,
        tx.organization_id(),
        expected,
        AuditAction::Update,
        changes,
    )
    .await
}
