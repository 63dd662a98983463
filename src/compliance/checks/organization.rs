//! The checks of the organization: how to reach it, its supervisory
//! authority, and its rights policy.

use super::{organization_hit, Hit, Register};

fn is_blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

pub(super) fn organization_without_contact(register: &Register) -> Vec<Hit> {
    let organization = &register.snapshot.organization;
    let unreachable =
        is_blank(&organization.privacy_email) && is_blank(&organization.contact_email);
    organization_hit(register, unreachable)
}

pub(super) fn no_rights_policy(register: &Register) -> Vec<Hit> {
    organization_hit(register, register.snapshot.rights_policy.is_none())
}

pub(super) fn no_supervisory_authority(register: &Register) -> Vec<Hit> {
    let authority = &register.snapshot.organization.supervisory_authority;
    organization_hit(register, authority.is_none())
}
