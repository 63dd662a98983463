//! The checks of the published statements: one for every language, up to
//! date with the register, and material changes announced in advance.

use super::{organization_hit, Hit, Register};
use crate::compliance::message::Fact;

pub(super) fn statement_changed(register: &Register) -> Vec<Hit> {
    register
        .statements
        .iter()
        .filter(|statement| statement.changed)
        .map(|statement| {
            Hit::about([statement.version_id])
                .with("language", Fact::Language(statement.language))
                .with("version", Fact::Number(statement.version))
        })
        .collect()
}

pub(super) fn statement_not_published(register: &Register) -> Vec<Hit> {
    organization_hit(register, register.statements.is_empty())
}

/// A material change should be announced before it takes effect (Art.
/// 13(3) GDPR, WP260 rev.01 §29-32): the latest version made one effective
/// the day it was published. The finding stays until the next version.
pub(super) fn material_change_without_notice(register: &Register) -> Vec<Hit> {
    register
        .statements
        .iter()
        .filter_map(|statement| {
            let published = statement.unannounced_material_change?;
            Some(
                Hit::about([statement.version_id])
                    .with("language", Fact::Language(statement.language))
                    .with("version", Fact::Number(statement.version))
                    .with("date", Fact::Date(published)),
            )
        })
        .collect()
}
