//! The GraphQL side of the organization: its inputs (converted to the
//! service's), its objects, and the queries and mutations.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use entity::organization::{Entity, Model};
use entity::values::Contact;

use crate::api::context::{scope, RequestContext};
use crate::api::enums::{self, Language};
use crate::api::guard::RoleGuard;
use crate::auth::Role;
use crate::register::organization::{self as service, create, scope_for_new, update};

#[derive(InputObject)]
pub struct ContactInput {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<ContactInput> for service::ContactInput {
    fn from(input: ContactInput) -> Self {
        service::ContactInput {
            name: input.name,
            email: input.email,
            phone: input.phone,
        }
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

#[derive(InputObject)]
pub struct AddressInput {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

impl From<AddressInput> for service::AddressInput {
    fn from(input: AddressInput) -> Self {
        service::AddressInput {
            street: input.street,
            postal_code: input.postal_code,
            city: input.city,
            country: input.country,
        }
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

#[derive(InputObject)]
pub struct SupervisoryAuthorityInput {
    pub name: String,
    pub url: Option<String>,
}

impl From<SupervisoryAuthorityInput> for service::SupervisoryAuthorityInput {
    fn from(input: SupervisoryAuthorityInput) -> Self {
        service::SupervisoryAuthorityInput {
            name: input.name,
            url: input.url,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "SupervisoryAuthority")]
pub struct SupervisoryAuthorityOutput {
    pub name: String,
    pub url: Option<String>,
}

#[derive(InputObject)]
pub struct CreateOrganizationInput {
    /// Lowercase letters, digits and dashes; used in public page paths.
    pub slug: String,
    #[graphql(flatten)]
    pub details: UpdateOrganizationInput,
}

impl From<CreateOrganizationInput> for service::CreateOrganizationInput {
    fn from(input: CreateOrganizationInput) -> Self {
        service::CreateOrganizationInput {
            slug: input.slug,
            details: input.details.into(),
        }
    }
}

/// Everything about an organization but its slug, which never changes.
#[derive(InputObject)]
pub struct UpdateOrganizationInput {
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

impl From<UpdateOrganizationInput> for service::OrganizationDetails {
    fn from(input: UpdateOrganizationInput) -> Self {
        service::OrganizationDetails {
            legal_name: input.legal_name,
            trade_names: input.trade_names,
            registration_number: input.registration_number,
            address: input.address.map(Into::into),
            contact_email: input.contact_email,
            privacy_email: input.privacy_email,
            phone: input.phone,
            supervisory_authority: input.supervisory_authority.map(Into::into),
            default_language: input.default_language.into(),
            dpo: input.dpo.map(Into::into),
            representative: input.representative.map(Into::into),
            websites: input.websites,
        }
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
        let input = input.into();
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
        let input = input.into();
        let updated = scope(ctx)
            .await?
            .write(async |tx| update(tx, &input, expected_revision).await)
            .await?;
        Ok(Organization(updated))
    }
}
