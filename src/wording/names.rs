//! The names of the register's closed values (roles, safeguards, clauses,
//! rights ...) as the statement words them.

use entity::enums::{
    Art28Clause, DataSourceKind, DataSubjectRight, LegalBasisCode, ProcessorRole, TransferSafeguard,
};
use minijinja::context;

use super::{Section, Wording};

impl Wording {
    /// The name of `value` in the table `table` (`role.PROCESSOR`).
    pub fn name(&self, table: &str, value: &str) -> String {
        self.get(&format!("{table}.{value}"))
    }

    pub fn role(&self, role: ProcessorRole) -> String {
        self.name("role", role.as_str())
    }

    /// The safeguard of a transfer, as a phrase following the country.
    pub fn safeguard(&self, safeguard: TransferSafeguard) -> String {
        self.name("safeguard", safeguard.as_str())
    }

    /// Where data comes from, as a phrase following "via" / "through".
    pub fn source_kind(&self, kind: DataSourceKind) -> String {
        self.name("source_kind", kind.as_str())
    }

    /// What a processing agreement lays down about the processor.
    pub fn clause(&self, clause: Art28Clause) -> String {
        self.name("clause", clause.as_str())
    }

    /// The name of a legal basis, for when its `legal_basis` row is missing.
    pub fn legal_basis(&self, code: LegalBasisCode) -> String {
        self.name("legal_basis", code.as_str())
    }

    /// The event a retention period counts from ("your last purchase"). An
    /// open value the wording has no words for is still said, in the
    /// register's words, so a period never loses its start.
    pub fn event_after(&self, trigger: &str) -> String {
        self.lookup(&format!("trigger_after.{trigger}"))
            .unwrap_or_else(|| event_words(trigger))
    }

    /// The event the keeping ends with, as "until ...".
    pub fn event_until(&self, trigger: &str) -> String {
        self.lookup(&format!("trigger_until.{trigger}"))
            .unwrap_or_else(|| {
                self.render(
                    "retention.until",
                    context! { event => event_words(trigger) },
                )
            })
    }

    /// The title of a data subject right.
    pub fn right(&self, right: DataSubjectRight) -> String {
        self.name("right", right.as_str())
    }

    /// The standard explanation of a data subject right; `authority` is the
    /// supervisory authority's name, which the right to complain refers to
    /// the contact section for (that section names it).
    pub fn right_explanation(&self, right: DataSubjectRight, authority: Option<&str>) -> String {
        self.render(
            &format!("right_explanation.{}", right.as_str()),
            context! { authority, contact => self.get("section.contact") },
        )
    }
}

impl Section {
    /// The name of `value` in the namespace's table `table`
    /// (`finding.clause.AUDITS`).
    pub fn name(&self, table: &str, value: &str) -> String {
        self.get(&format!("{table}.{value}"))
    }
}

/// An event the wording has no words for, in the register's words:
/// `END_OF_TERM` -> "end of term".
fn event_words(trigger: &str) -> String {
    trigger.replace('_', " ").to_lowercase()
}
