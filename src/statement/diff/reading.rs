//! What a reader reads: a version's register as the reader of its language
//! sees it, and the fields of its entries that a change may be about.

use std::collections::BTreeSet;

use entity::enums::{Language, LegalBasisCode, TransferSafeguard};
use entity::values::Localized;
use entity::{data_category, processor, rights_policy};
use minijinja::context;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::Indexed;
use crate::wording::{wording, Section, Wording};

/// A field of a register entry as the reader of one language sees it.
pub(super) struct Field {
    /// Its name in changes.toml's `field` table.
    pub(super) key: &'static str,
    pub(super) value: Reading,
}

#[derive(PartialEq)]
pub(super) enum Reading {
    /// A value said in words, so that a change can say from what to what.
    Words(Option<String>),
    /// A value too large to quote (an address, a list of rights): a change
    /// only names the field.
    Compared(Value),
}

impl Field {
    pub(super) fn words(key: &'static str, value: Option<String>) -> Self {
        Field {
            key,
            value: Reading::Words(value),
        }
    }

    fn compared(key: &'static str, value: impl Serialize) -> Self {
        // Register values always serialize; were one not to, its changes
        // would go unnoticed rather than break publishing.
        let value = match serde_json::to_value(value).unwrap_or(Value::Null) {
            // An empty list says as much as no entry: nothing.
            Value::Array(items) if items.is_empty() => Value::Null,
            value => value,
        };
        Field {
            key,
            value: Reading::Compared(value),
        }
    }

    /// The same field of an entry that does not exist.
    fn absent(&self) -> Self {
        let value = match self.value {
            Reading::Words(_) => Reading::Words(None),
            Reading::Compared(_) => Reading::Compared(Value::Null),
        };
        Field {
            key: self.key,
            value,
        }
    }
}

pub(super) fn absent(fields: &[Field]) -> Vec<Field> {
    fields.iter().map(Field::absent).collect()
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// How the register writes a country: an upper-case ISO 3166-1 code.
fn country_code(country: &str) -> String {
    country.trim().to_ascii_uppercase()
}

pub(super) fn countries(activity: &ActivitySnapshot) -> BTreeSet<String> {
    activity
        .activity
        .transfers
        .iter()
        .map(|t| country_code(&t.country))
        .collect()
}

#[derive(Clone, Copy)]
pub(super) enum Lookup {
    DataCategory,
    DataSubject,
    Processor,
}

/// How long an activity's data is kept, in words.
pub(super) struct Kept {
    /// The period and the event, as the statement words them.
    pub(super) rule: Option<String>,
    /// The register's own sentence about it.
    pub(super) explanation: Option<String>,
}

/// One version's register as a reader of the version's language reads it.
#[derive(Clone, Copy)]
pub(super) struct Side<'a> {
    pub(super) snapshot: &'a Indexed<'a>,
    pub(super) words: Section,
    /// The statement's own wording, so that a duration or a country reads
    /// in the history as it reads in the statement.
    pub(super) statement: Wording,
}

impl<'a> Side<'a> {
    pub(super) fn new(snapshot: &'a Indexed<'a>, language: Language) -> Self {
        Side {
            snapshot,
            words: super::wording::words(language),
            statement: wording(language),
        }
    }

    /// A register text as the statement picks it: in the version's
    /// language, else in the organization's default language, else in any.
    pub(super) fn text<'t>(&self, text: &'t Localized) -> Option<&'t str> {
        text.pick(
            self.statement.language(),
            self.snapshot.organization.default_language,
        )
    }

    pub(super) fn name(&self, text: &Localized) -> String {
        self.text(text).unwrap_or_default().to_string()
    }

    /// A register value between quotation marks, if it says anything.
    pub(super) fn quoted(&self, text: Option<&str>) -> Option<String> {
        non_blank(text).map(|text| self.words.render("quoted", context! { text }))
    }

    /// A category's name as the statement gives it: its key when it has
    /// no name.
    fn category(&self, name: &Localized, key: &str) -> String {
        self.text(name).unwrap_or(key).to_string()
    }

    pub(super) fn category_name(&self, name: &Localized, key: &str) -> String {
        self.quoted(Some(&self.category(name, key)))
            .unwrap_or_default()
    }

    pub(super) fn duration(&self, iso: Option<&str>) -> Option<String> {
        non_blank(iso).map(|iso| self.statement.duration(iso))
    }

    /// "Verenigde Staten (US)": the code stays, as the register has it; a
    /// code the statement has no name for stays alone.
    pub(super) fn country(&self, code: &str) -> String {
        let code = country_code(code);
        let name = self.statement.country(&code);
        if name == code {
            code
        } else {
            self.words.render("country", context! { name, code })
        }
    }

    fn safeguard(&self, safeguard: TransferSafeguard) -> String {
        self.words.name("safeguard", safeguard.as_str())
    }

    pub(super) fn name_of(&self, lookup: Lookup, id: Uuid) -> String {
        let snapshot = self.snapshot;
        let name = match lookup {
            Lookup::DataCategory => snapshot
                .data_category(id)
                .map(|c| self.category(&c.name, &c.key)),
            Lookup::DataSubject => snapshot
                .data_subject_category(id)
                .map(|c| self.category(&c.name, &c.key)),
            Lookup::Processor => snapshot.processor(id).map(|p| p.name.clone()),
        };
        name.unwrap_or_else(|| id.to_string())
    }

    /// An activity's legal bases, named as the statement names them.
    pub(super) fn basis_names(&self, activity: &ActivitySnapshot) -> String {
        let names: Vec<String> = activity
            .legal_bases
            .iter()
            .map(|basis| self.basis_name(basis.code))
            .collect();
        self.statement.and_list(&names)
    }

    fn basis_name(&self, code: LegalBasisCode) -> String {
        self.snapshot
            .legal_basis(code.as_str())
            .and_then(|row| self.text(&row.name))
            .map_or_else(|| self.statement.legal_basis(code), str::to_string)
    }

    /// The safeguards of an activity's transfers to one country.
    pub(super) fn safeguards(&self, activity: &ActivitySnapshot, country: &str) -> String {
        let safeguards: BTreeSet<TransferSafeguard> = activity
            .activity
            .transfers
            .iter()
            .filter(|t| country_code(&t.country) == country)
            .map(|t| t.safeguard)
            .collect();
        let names: Vec<String> = safeguards.into_iter().map(|s| self.safeguard(s)).collect();
        self.statement.and_list(&names)
    }

    /// The states of the agreements with a processor, if there are any.
    pub(super) fn agreement_statuses(&self, processor: Uuid) -> Option<String> {
        let statuses: Vec<String> = self
            .snapshot
            .agreements_of(processor)
            .map(|a| self.words.name("agreement_status", a.status.as_str()))
            .collect();
        (!statuses.is_empty()).then(|| self.statement.and_list(&statuses))
    }

    pub(super) fn retention(&self, activity: &ActivitySnapshot) -> Kept {
        let Some(retention) = &activity.activity.retention else {
            return Kept {
                rule: None,
                explanation: None,
            };
        };
        let period = self.duration(retention.period.as_deref());
        // The event in the words the statement says it in.
        let trigger = non_blank(retention.trigger.as_deref());
        let rule = match (period, trigger) {
            (Some(period), Some(trigger)) => Some(self.words.render(
                "retention.period_trigger",
                context! { period, trigger => self.statement.event_after(trigger) },
            )),
            (Some(period), None) => Some(period),
            (None, Some(trigger)) => Some(self.statement.event_until(trigger)),
            (None, None) => None,
        };
        Kept {
            rule,
            explanation: self.text(&retention.description).map(str::to_string),
        }
    }

    pub(super) fn organization_fields(&self) -> Vec<Field> {
        let o = &self.snapshot.organization;
        vec![
            Field::words("legal_name", self.quoted(Some(&o.legal_name))),
            Field::words(
                "registration_number",
                self.quoted(o.registration_number.as_deref()),
            ),
            Field::words("privacy_email", self.quoted(o.privacy_email.as_deref())),
            Field::words("contact_email", self.quoted(o.contact_email.as_deref())),
            Field::words("phone", self.quoted(o.phone.as_deref())),
            Field::compared("trade_names", &o.trade_names),
            Field::compared("address", &o.address),
            Field::compared("dpo", &o.dpo),
            Field::compared("representative", &o.representative),
            Field::compared("supervisory_authority", &o.supervisory_authority),
            Field::compared("websites", &o.websites),
            Field::compared("default_language", o.default_language),
        ]
    }

    pub(super) fn policy_fields(&self, policy: &rights_policy::Model) -> Vec<Field> {
        let opt_out = policy
            .opt_out_working_days
            .and_then(|days| u64::try_from(days).ok())
            .map(|days| self.statement.working_days(days));
        let rights: Vec<_> = policy
            .rights
            .iter()
            .map(|r| (r.right, self.text(&r.note)))
            .collect();
        let disclosures: Vec<_> = policy
            .disclosure_purposes
            .iter()
            .map(|purpose| self.text(purpose))
            .collect();
        vec![
            Field::words(
                "response_period",
                self.duration(Some(&policy.response_period)),
            ),
            Field::words("opt_out_working_days", opt_out),
            Field::words(
                "marketing_follow_up_period",
                self.duration(policy.marketing_follow_up_period.as_deref()),
            ),
            Field::compared("channels", self.text(&policy.channels)),
            Field::compared("rights", rights),
            Field::compared("disclosure_purposes", disclosures),
            Field::compared("unsubscribe", self.text(&policy.unsubscribe)),
        ]
    }

    pub(super) fn processor_fields(&self, p: &processor::Model) -> Vec<Field> {
        let role = self.words.name("role", p.role.as_str());
        let category = p.category.as_ref().and_then(|c| self.text(c));
        let parent = p.parent_id.map(|id| self.name_of(Lookup::Processor, id));
        vec![
            Field::words("name", self.quoted(Some(&p.name))),
            Field::words("role", Some(role)),
            Field::words("category", self.quoted(category)),
            Field::words("country", Some(self.country(&p.country))),
            Field::words(
                "transfer_safeguard",
                p.transfer_safeguard.map(|s| self.safeguard(s)),
            ),
            Field::words("parent", self.quoted(parent.as_deref())),
            Field::compared("service", self.text(&p.service)),
            Field::compared(
                "joint_arrangement",
                p.joint_arrangement.as_ref().and_then(|a| self.text(a)),
            ),
            Field::compared("contact", &p.contact),
        ]
    }

    /// The details of an activity that have no change kind of their own.
    /// Transfers count only to the `countries` of both versions: a country
    /// added or dropped is a change of its own.
    pub(super) fn activity_details(
        &self,
        a: &ActivitySnapshot,
        countries: &BTreeSet<String>,
    ) -> Vec<Field> {
        let activity = &a.activity;
        let sources: Vec<_> = activity
            .sources
            .iter()
            .map(|s| (s.kind, self.text(&s.description)))
            .collect();
        let transfers: Vec<_> = activity
            .transfers
            .iter()
            .map(|t| (country_code(&t.country), t))
            .filter(|(country, _)| countries.contains(country))
            .map(|(country, t)| {
                (
                    country,
                    t.recipient_id,
                    t.safeguard,
                    self.text(&t.description),
                )
            })
            .collect();
        let applies_to: Vec<_> = a
            .legal_bases
            .iter()
            .map(|b| b.applies_to.as_ref().and_then(|part| self.text(part)))
            .collect();
        vec![
            Field::compared("sources", sources),
            Field::compared("security_measures", self.text(&activity.security_measures)),
            Field::compared(
                "automated_decision_making",
                self.text(&activity.automated_decision_making),
            ),
            Field::compared("requirement", self.text(&activity.requirement)),
            Field::compared(
                "profiling",
                activity.profiling.as_ref().and_then(|p| self.text(p)),
            ),
            Field::compared("direct_marketing", activity.direct_marketing),
            Field::compared("applies_to", applies_to),
            Field::compared(
                "special_category_conditions",
                &activity.special_category_conditions,
            ),
            Field::compared("transfers", transfers),
        ]
    }

    pub(super) fn data_category_fields(&self, category: &data_category::Model) -> Vec<Field> {
        vec![
            Field::compared("description", self.text(&category.description)),
            Field::compared("criminal_data", category.criminal_data),
        ]
    }
}
