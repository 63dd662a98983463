//! The checks of the published statements: one for every language, and
//! up to date with the register.

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
