//! The register as tables of text: the record of processing activities
//! (GDPR Art. 30(1)), one row per activity, and the processors, their
//! agreements, the cookies and the controller beside it. CSV writes the
//! first, XLSX all; so that the CSV names the cookies too, each activity's
//! row lists the ones that serve it (a cookie that serves no activity is a
//! finding of the compliance report).
//!
//! Archived entries have left the register and are not listed; drafts and
//! retired activities are, with their status. Texts are in one language
//! (the organization's default, falling back to any other), lists are
//! joined with "; ".

use entity::enums::{Art28Clause, Language, LegalBasisCode, SpecialCategoryCondition};
use entity::values::{Contact, Localized, Retention, Transfer};
use entity::{processing_agreement, processor};
use sea_orm::Iterable;
use uuid::Uuid;

use super::labels::Labels;
use crate::register::processing_activity::ActivitySnapshot;
use crate::register::processing_agreement::missing_clauses;
use crate::register_snapshot::RegisterSnapshot;
use crate::wording::{self, ucfirst, Wording};

/// Between the items of a list in one cell.
pub const SEPARATOR: &str = "; ";

/// A sheet: a name, a header row and rows of the same width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The columns of the record, by their key in the wording's `label.column.*`.
const COLUMNS: [&str; 22] = [
    "name",
    "purpose",
    "legal_bases",
    "legitimate_interests",
    "applies_to",
    "data_subjects",
    "personal_data",
    "special_data",
    "special_conditions",
    "sources",
    "trackers",
    "recipients",
    "transfers",
    "safeguards",
    "retention",
    "security",
    "automated",
    "profiling",
    "direct_marketing",
    "dpia",
    "status",
    "owner",
];

const PROCESSOR_COLUMNS: [&str; 9] = [
    "name",
    "category",
    "role",
    "service",
    "country",
    "parent",
    "safeguard",
    "joint_arrangement",
    "contact",
];

const AGREEMENT_COLUMNS: [&str; 9] = [
    "processor",
    "status",
    "signed_on",
    "effective_on",
    "expires_on",
    "document_ref",
    "clauses",
    "missing_clauses",
    "authorisation",
];

/// Everything a cell is worded from.
pub struct Words<'a> {
    pub(super) register: &'a RegisterSnapshot,
    language: Language,
    pub(super) labels: Labels,
    pub(super) statement: Wording,
}

impl<'a> Words<'a> {
    /// The register in its organization's default language.
    pub fn new(register: &'a RegisterSnapshot) -> Self {
        let language = register.organization.default_language;
        Words {
            register,
            language,
            labels: Labels::new(language),
            statement: wording::wording(language),
        }
    }

    /// The record of processing activities.
    pub fn register_table(&self) -> Table {
        let rows = self
            .register
            .activities
            .iter()
            .filter(|a| a.activity.archived_at.is_none())
            .map(|a| self.activity_row(a))
            .collect();
        self.table("register", "column", &COLUMNS, rows)
    }

    pub fn processor_table(&self) -> Table {
        let rows = self.processors().map(|p| self.processor_row(p)).collect();
        self.table("processors", "processor", &PROCESSOR_COLUMNS, rows)
    }

    pub fn agreement_table(&self) -> Table {
        let rows = self
            .register
            .agreements
            .iter()
            .filter(|a| a.archived_at.is_none())
            .map(|a| self.agreement_row(a))
            .collect();
        self.table("agreements", "agreement", &AGREEMENT_COLUMNS, rows)
    }

    /// The controller's identity and contact details (Art. 30(1)(a)), one
    /// field a row.
    pub fn controller_table(&self) -> Table {
        let o = &self.register.organization;
        let fields = [
            ("legal_name", Some(o.legal_name.clone())),
            ("trade_names", Some(o.trade_names.0.join(SEPARATOR))),
            ("registration_number", o.registration_number.clone()),
            ("address", o.address.as_ref().map(|a| self.address(a))),
            ("contact_email", o.contact_email.clone()),
            ("privacy_email", o.privacy_email.clone()),
            ("phone", o.phone.clone()),
            ("dpo", o.dpo.as_ref().map(contact)),
            ("representative", o.representative.as_ref().map(contact)),
            (
                "supervisory_authority",
                o.supervisory_authority
                    .as_ref()
                    .map(|a| join([Some(a.name.clone()), a.url.clone()].into_iter().flatten())),
            ),
            ("websites", Some(o.websites.0.join(SEPARATOR))),
        ];
        let rows = fields
            .into_iter()
            .map(|(key, value)| {
                vec![
                    self.labels.get(&format!("controller.{key}")),
                    value.unwrap_or_default(),
                ]
            })
            .collect();
        Table {
            name: self.labels.get("sheet.controller"),
            header: vec![
                self.labels.get("controller.field"),
                self.labels.get("controller.value"),
            ],
            rows,
        }
    }

    pub(super) fn table(
        &self,
        sheet: &str,
        section: &str,
        columns: &[&str],
        rows: Vec<Vec<String>>,
    ) -> Table {
        Table {
            name: self.labels.get(&format!("sheet.{sheet}")),
            header: columns
                .iter()
                .map(|column| self.labels.get(&format!("{section}.{column}")))
                .collect(),
            rows,
        }
    }

    fn activity_row(&self, snapshot: &ActivitySnapshot) -> Vec<String> {
        let a = &snapshot.activity;
        let categories: Vec<_> = snapshot
            .data_category_ids
            .iter()
            .filter_map(|id| self.register.data_category(*id))
            .collect();
        let special = categories
            .iter()
            .filter(|c| c.special_category || c.criminal_data)
            .map(|c| self.text(&c.name));
        let subjects = snapshot
            .data_subject_category_ids
            .iter()
            .filter_map(|id| self.register.data_subject_category(*id))
            .map(|c| self.text(&c.name));
        let recipients = snapshot
            .recipient_ids
            .iter()
            .filter_map(|id| self.processor(*id))
            .map(|p| self.recipient(p));
        let sources = a.sources.iter().map(|source| {
            let kind = self.labels.of("source", source.kind.as_str());
            join_with(": ", [kind, self.text(&source.description)])
        });
        let transfers = a.transfers.iter().map(|t| self.transfer(t));
        let safeguards = a.transfers.iter().map(|t| {
            format!(
                "{}: {}",
                self.statement.country(&t.country),
                self.labels.of("safeguard", t.safeguard.as_str())
            )
        });
        vec![
            self.text(&a.name),
            self.text(&a.purpose),
            join(
                snapshot
                    .legal_bases
                    .iter()
                    .map(|b| self.legal_basis(b.code)),
            ),
            join(
                snapshot
                    .legal_bases
                    .iter()
                    .map(|b| self.text(&b.legitimate_interest)),
            ),
            join(snapshot.legal_bases.iter().filter_map(|b| {
                b.applies_to
                    .as_ref()
                    .map(|part| format!("{}: {}", self.legal_basis(b.code), self.text(part)))
            })),
            join(subjects),
            join(categories.iter().map(|c| self.text(&c.name))),
            join(special),
            join(
                a.special_category_conditions
                    .iter()
                    .map(|c| self.condition(*c)),
            ),
            join(sources),
            self.trackers_of(a.id),
            join(recipients),
            join(transfers),
            join(safeguards),
            a.retention
                .as_ref()
                .map(|r| self.retention(r))
                .unwrap_or_default(),
            self.text(&a.security_measures),
            self.text(&a.automated_decision_making),
            a.profiling
                .as_ref()
                .map(|p| self.text(p))
                .unwrap_or_default(),
            self.labels.yes_no(a.direct_marketing),
            self.labels.yes_no(a.dpia_required),
            self.labels.of("status", a.status.as_str()),
            a.owner.clone().unwrap_or_default(),
        ]
    }

    fn processor_row(&self, p: &processor::Model) -> Vec<String> {
        vec![
            p.name.clone(),
            p.category
                .as_ref()
                .map(|c| self.text(c))
                .unwrap_or_default(),
            self.statement.role(p.role),
            self.text(&p.service),
            self.statement.country(&p.country),
            p.parent_id
                .and_then(|id| self.processor(id))
                .map(|parent| parent.name.clone())
                .unwrap_or_default(),
            p.transfer_safeguard
                .map(|s| self.labels.of("safeguard", s.as_str()))
                .unwrap_or_default(),
            p.joint_arrangement
                .as_ref()
                .map(|a| self.text(a))
                .unwrap_or_default(),
            p.contact.as_ref().map(contact).unwrap_or_default(),
        ]
    }

    fn agreement_row(&self, a: &processing_agreement::Model) -> Vec<String> {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            self.processor(a.processor_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            self.labels
                .of("agreement_status", a.status.as_str())
                .to_string(),
            date(a.signed_on),
            date(a.effective_on),
            date(a.expires_on),
            a.document_ref.clone().unwrap_or_default(),
            clause_letters(&a.clauses.0),
            clause_letters(&missing_clauses(&a.clauses.0)),
            a.sub_processor_authorisation
                .map(|s| self.labels.of("authorisation", s.as_str()))
                .unwrap_or_default(),
        ]
    }

    fn processors(&self) -> impl Iterator<Item = &processor::Model> {
        self.register
            .processors
            .iter()
            .filter(|p| p.archived_at.is_none())
    }

    /// A processor by id, archived ones too: a link made before it was
    /// archived still names it.
    pub(super) fn processor(&self, id: Uuid) -> Option<&processor::Model> {
        self.register.processor(id)
    }

    /// A recipient by name, with its kind when it has one.
    fn recipient(&self, p: &processor::Model) -> String {
        match p.category.as_ref().map(|c| self.text(c)) {
            Some(category) if !category.is_empty() && !category.eq_ignore_ascii_case(&p.name) => {
                format!("{} ({category})", p.name)
            }
            _ => p.name.clone(),
        }
    }

    /// "United States: Cloud Inc. – <description>".
    fn transfer(&self, transfer: &Transfer) -> String {
        let recipient = transfer
            .recipient_id
            .and_then(|id| self.processor(id))
            .map(|p| p.name.clone());
        let what = join_with(
            " – ",
            [
                recipient.unwrap_or_default(),
                self.text(&transfer.description),
            ],
        );
        join_with(": ", [self.statement.country(&transfer.country), what])
    }

    /// The text in this language, else in any; empty when there is none.
    pub(super) fn text(&self, localized: &Localized) -> String {
        localized
            .pick(self.language, self.language)
            .unwrap_or_default()
            .to_string()
    }

    fn legal_basis(&self, code: LegalBasisCode) -> String {
        self.ground(code.as_str())
            .unwrap_or_else(|| ucfirst(self.statement.legal_basis(code)))
    }

    fn condition(&self, condition: SpecialCategoryCondition) -> String {
        // Art. 9 rows are stored under an `ART9_` prefix (see legal_basis.rs).
        self.ground(&format!("ART9_{}", condition.as_str()))
            .unwrap_or_else(|| condition.as_str().to_string())
    }

    /// A ground by its stored code: "Consent (Art. 6(1)(a) GDPR)".
    fn ground(&self, code: &str) -> Option<String> {
        let row = self.register.legal_basis(code)?;
        Some(format!(
            "{} ({})",
            ucfirst(self.text(&row.name)),
            self.labels.article(&row.article)
        ))
    }

    /// "two years after the last purchase – <description>".
    fn retention(&self, retention: &Retention) -> String {
        let period = retention
            .period
            .as_deref()
            .map(|p| self.statement.duration(p));
        let trigger = retention
            .trigger
            .as_deref()
            .map(|t| self.labels.of_open("trigger", t));
        let rule = match (period, trigger) {
            (Some(period), Some(trigger)) => {
                format!("{period} {} {trigger}", self.labels.get("word.after"))
            }
            (Some(period), None) => period,
            (None, Some(trigger)) => format!("{} {trigger}", self.labels.get("word.until")),
            (None, None) => String::new(),
        };
        join_with(" – ", [rule, self.text(&retention.description)])
    }

    fn address(&self, a: &entity::values::Address) -> String {
        format!(
            "{}, {} {}, {}",
            a.street,
            a.postal_code,
            a.city,
            self.statement.country(&a.country)
        )
    }
}

/// "a; b; c", leaving out empty items.
pub(super) fn join(items: impl IntoIterator<Item = String>) -> String {
    join_with(SEPARATOR, items)
}

fn join_with(separator: &str, items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

fn contact(c: &Contact) -> String {
    join(
        [Some(c.name.clone()), c.email.clone(), c.phone.clone()]
            .into_iter()
            .flatten(),
    )
}

/// Clauses by their letter in Art. 28(3): "a; b; h".
fn clause_letters(clauses: &[Art28Clause]) -> String {
    join(
        Art28Clause::iter()
            .zip('a'..='h')
            .filter(|(clause, _)| clauses.contains(clause))
            .map(|(_, letter)| letter.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_named_by_their_letter() {
        assert_eq!(
            clause_letters(&[Art28Clause::Audits, Art28Clause::Instructions]),
            "a; h"
        );
        assert_eq!(
            clause_letters(&Art28Clause::iter().collect::<Vec<_>>()).len(),
            8 + 7 * 2
        );
    }

    #[test]
    fn empty_items_are_left_out_of_a_cell() {
        assert_eq!(join(["a".into(), " ".into(), "b".into()]), "a; b");
        assert_eq!(join_with(": ", ["kind".into(), String::new()]), "kind");
    }
}
