//! The GraphQL side of the organization.

use async_graphql::InputObject;

use crate::api::enums::Language;
use crate::register::organization::{
    self as service, AddressInput, ContactInput, SupervisoryAuthorityInput,
};

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
            address: input.address,
            contact_email: input.contact_email,
            privacy_email: input.privacy_email,
            phone: input.phone,
            supervisory_authority: input.supervisory_authority,
            default_language: input.default_language.into(),
            dpo: input.dpo,
            representative: input.representative,
            websites: input.websites,
        }
    }
}
