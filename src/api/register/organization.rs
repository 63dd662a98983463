//! The GraphQL side of the organization: its inputs (converted to the
//! service's), its objects, and the queries and mutations.

use async_graphql::{Context, Object, SimpleObject};
use entity::organization::{Entity, Model};
use entity::values::Contact;

use super::write_input;
use crate::api::context::{scope, RequestContext};
use crate::api::enums::{self, Language};
use crate::api::guard::RoleGuard;
use crate::api::mirror::ToService;
use crate::api::statement::forget_published;
use crate::auth::Role;
use crate::register::organization::{self as service, create, scope_for_new, update};

mirror_input! {
    pub struct ContactInput => service::ContactInput {
        name: String,
        email: Option<String>,
        phone: Option<String>,
    }
}

/// A person or desk to contact.
pub struct ContactOutput(pub Contact);

#[Object(name = "Contact")]
impl ContactOutput {
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
}

mirror_input! {
    pub struct AddressInput => service::AddressInput {
        street: String,
        postal_code: String,
        city: String,
        /// ISO 3166-1 alpha-2.
        country: String,
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Address")]
pub struct AddressOutput {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

mirror_input! {
    pub struct SupervisoryAuthorityInput => service::SupervisoryAuthorityInput {
        name: String,
        url: Option<String>,
    }
}

#[derive(SimpleObject)]
#[graphql(name = "SupervisoryAuthority")]
pub struct SupervisoryAuthorityOutput {
    pub name: String,
    pub url: Option<String>,
}

mirror_input! {
    pub struct CreateOrganizationInput => service::CreateOrganizationInput {
        /// Lowercase letters, digits and dashes; used in public page paths.
        slug: String,
        #[graphql(flatten)]
        details: UpdateOrganizationInput,
    }
}

mirror_input! {
    /// Everything about an organization but its slug, which never changes.
    pub struct UpdateOrganizationInput => service::OrganizationDetails {
        legal_name: String,
        /// Trade names and brands.
        trade_names: Option<Vec<String>>,
        /// e.g. the KvK number.
        registration_number: Option<String>,
        address: Option<AddressInput>,
        contact_email: Option<String>,
        privacy_email: Option<String>,
        phone: Option<String>,
        supervisory_authority: Option<SupervisoryAuthorityInput>,
        default_language: Language,
        dpo: Option<ContactInput>,
        /// The representative in the EU (Art. 27), for controllers outside it.
        representative: Option<ContactInput>,
        websites: Option<Vec<String>>,
    }
}

pub struct Organization(pub Model);

register_entry!(Organization {
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn legal_name(&self) -> &str {
        &self.0.legal_name
    }
    async fn trade_names(&self) -> &[String] {
        &self.0.trade_names.0
    }
    async fn registration_number(&self) -> Option<&str> {
        self.0.registration_number.as_deref()
    }
    async fn address(&self) -> Option<AddressOutput> {
        self.0.address.as_ref().map(|a| AddressOutput {
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            country: a.country.clone(),
        })
    }
    async fn contact_email(&self) -> Option<&str> {
        self.0.contact_email.as_deref()
    }
    async fn privacy_email(&self) -> Option<&str> {
        self.0.privacy_email.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn dpo(&self) -> Option<ContactOutput> {
        self.0.dpo.clone().map(ContactOutput)
    }
    async fn representative(&self) -> Option<ContactOutput> {
        self.0.representative.clone().map(ContactOutput)
    }
    async fn supervisory_authority(&self) -> Option<SupervisoryAuthorityOutput> {
        self.0
            .supervisory_authority
            .as_ref()
            .map(|a| SupervisoryAuthorityOutput {
                name: a.name.clone(),
                url: a.url.clone(),
            })
    }
    async fn default_language(&self) -> enums::Language {
        self.0.default_language.into()
    }
    async fn websites(&self) -> &[String] {
        &self.0.websites.0
    }
});

#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// The caller's organization.
    #[graphql(guard = "RoleGuard(Role::Viewer)")]
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Organization> {
        let scope = scope(ctx).await?;
        Ok(Organization(
            scope.get::<Entity>(scope.organization_id).await?,
        ))
    }
}

#[derive(Default)]
pub struct OrganizationMutation;

#[Object]
impl OrganizationMutation {
    #[graphql(guard = "RoleGuard(Role::Operator)")]
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganizationInput,
    ) -> async_graphql::Result<Organization> {
        let request = RequestContext::of(ctx);
        let actor = &request.caller()?.subject;
        let input = input.to_service("input")?;
        let created = scope_for_new(request.db(), actor, &input)
            .write(async |tx| create(tx, &input).await)
            .await?;
        Ok(Organization(created))
    }

    #[graphql(guard = "RoleGuard(Role::Admin)")]
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganizationInput,
        expected_revision: i32,
    ) -> async_graphql::Result<Organization> {
        let updated = write_input(ctx, input, async |tx, input| {
            update(tx, input, expected_revision).await
        })
        .await?;
        // Its websites decide who may frame its pages.
        forget_published(ctx, updated.id);
        Ok(Organization(updated))
    }
}
