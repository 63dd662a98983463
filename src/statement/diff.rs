//! What changed between two statement versions: semantically, from the
//! register snapshots they were built from (a purpose added, a legal basis
//! changed from X to Y, a recipient added, ...), and as text, a line diff of
//! their Markdown.
//!
//! A version is one language's statement, so its diff is what a reader of
//! that language would notice: register texts are compared as the statement
//! picks them (the language, else the organization's default, else any), an
//! edit of another translation is no change, and the changes are described
//! in that language (`templates/changes.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use async_graphql::{Enum, SimpleObject};
use entity::enums::{Language, LegalBasisCode, TransferSafeguard};
use entity::values::Localized;
use entity::{data_category, processor, rights_policy};
use minijinja::{context, Environment};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use similar::TextDiff;
use uuid::Uuid;

use super::snapshot::RegisterSnapshot;
use super::text::{self, Wording};
use crate::register::processing_activity::ActivitySnapshot;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Enum)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    OrganizationChanged,
    ActivityAdded,
    ActivityRemoved,
    ActivityRenamed,
    PurposeChanged,
    LegalBasisChanged,
    LegitimateInterestChanged,
    DataCategoryAdded,
    DataCategoryRemoved,
    /// A data category the statement names is called differently.
    DataCategoryRenamed,
    /// Another detail of a data category the statement names changed.
    DataCategoryChanged,
    /// A data category now is, or no longer is, special (GDPR Art. 9).
    SpecialCategoryChanged,
    DataSubjectAdded,
    DataSubjectRemoved,
    /// A data subject category the statement names is called differently.
    DataSubjectRenamed,
    RecipientAdded,
    RecipientRemoved,
    RetentionChanged,
    TransferAdded,
    TransferRemoved,
    ActivityDetailsChanged,
    ProcessorAdded,
    ProcessorRemoved,
    ProcessorChanged,
    AgreementChanged,
    RightsPolicyChanged,
    WordingChanged,
}

impl ChangeKind {
    /// Its key in changes.toml, e.g. `legal_basis_changed`.
    fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// One change, described in the statement's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct SemanticChange {
    pub kind: ChangeKind,
    /// The register entry that changed, e.g. `ProcessingActivity`.
    pub entity_type: String,
    pub entity_id: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct StatementDiff {
    pub semantic: Vec<SemanticChange>,
    /// A unified line diff of the Markdown.
    pub text: String,
}

const ORGANIZATION: &str = "Organization";
const ACTIVITY: &str = "ProcessingActivity";
const DATA_CATEGORY: &str = "DataCategory";
const DATA_SUBJECT_CATEGORY: &str = "DataSubjectCategory";
const PROCESSOR: &str = "Processor";
const RIGHTS_POLICY: &str = "RightsPolicy";
const STATEMENT: &str = "Statement";

/// The register entry a change is about: its type and id.
type Entry = (&'static str, Uuid);

/// Compares two versions of one language, `versions` being their numbers:
/// their snapshots and their Markdown.
pub fn diff(
    old: &RegisterSnapshot,
    new: &RegisterSnapshot,
    old_markdown: &str,
    new_markdown: &str,
    language: Language,
    versions: (i32, i32),
) -> StatementDiff {
    let mut semantic = Changes {
        old: Side::new(old, language),
        new: Side::new(new, language),
        changes: Vec::new(),
    };
    semantic.compare();
    let words = Words(language);
    let label = |number: i32| words.render("version", context! { number });
    let text = TextDiff::from_lines(old_markdown, new_markdown)
        .unified_diff()
        .context_radius(2)
        .header(&label(versions.0), &label(versions.1))
        .to_string();
    if semantic.changes.is_empty() && !text.is_empty() {
        semantic.push(
            ChangeKind::WordingChanged,
            (STATEMENT, Uuid::nil()),
            Facts::default(),
        );
    }
    StatementDiff {
        semantic: semantic.changes,
        text,
    }
}

// ---- wording ----

/// The texts of changes.toml by dotted key, language first (`nl.value.added`).
static SOURCES: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| super::text::parse("changes.toml", include_str!("templates/changes.toml")));

/// The texts of changes.toml, compiled once.
static TEMPLATES: LazyLock<Environment<'static>> =
    LazyLock::new(|| text::compile("changes.toml", &SOURCES));

/// The change texts of one language.
#[derive(Clone, Copy)]
struct Words(Language);

impl Words {
    /// The text of `key` rendered with `context`. A missing key or a text
    /// that fails to render is a bug in changes.toml, never a consequence of
    /// register data; the unit tests render every key of both languages.
    fn render(self, key: &str, context: impl Serialize) -> String {
        let name = format!("{}.{key}", self.0.code());
        TEMPLATES
            .get_template(&name)
            .and_then(|template| template.render(context))
            .unwrap_or_else(|e| panic!("changes.toml `{name}`: {e:#}"))
    }

    fn get(self, key: &str) -> String {
        self.render(key, context! {})
    }
}

/// The values a change description mentions.
#[derive(Clone, Default, Serialize)]
struct Facts {
    /// What changed, e.g. a recipient's name.
    subject: String,
    /// The purpose the change belongs to.
    activity: String,
    /// The field or fields of a register entry that changed, in words.
    field: String,
    from: String,
    to: String,
    /// How a value changed: "gewijzigd van X naar Y".
    change: String,
}

// ---- what a reader reads ----

/// A field of a register entry as the reader of one language sees it.
struct Field {
    /// Its name in changes.toml's `field` table.
    key: &'static str,
    value: Reading,
}

#[derive(PartialEq)]
enum Reading {
    /// A value said in words, so that a change can say from what to what.
    Words(Option<String>),
    /// A value too large to quote (an address, a list of rights): a change
    /// only names the field.
    Compared(Value),
}

impl Field {
    fn words(key: &'static str, value: Option<String>) -> Self {
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

fn absent(fields: &[Field]) -> Vec<Field> {
    fields.iter().map(Field::absent).collect()
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// How the register writes a country: an upper-case ISO 3166-1 code.
fn country_code(country: &str) -> String {
    country.trim().to_ascii_uppercase()
}

fn countries(activity: &ActivitySnapshot) -> BTreeSet<String> {
    activity
        .activity
        .transfers
        .0
        .iter()
        .map(|t| country_code(&t.country))
        .collect()
}

/// The categories linked to some activity in both versions: the ones whose
/// own changes (a new name) a reader of both statements notices.
fn linked_in_both(
    old: &RegisterSnapshot,
    new: &RegisterSnapshot,
    links: fn(&ActivitySnapshot) -> &[Uuid],
) -> BTreeSet<Uuid> {
    let linked = |snapshot: &RegisterSnapshot| -> BTreeSet<Uuid> {
        snapshot
            .activities
            .iter()
            .flat_map(|a| links(a).iter().copied())
            .collect()
    };
    linked(old).intersection(&linked(new)).copied().collect()
}

#[derive(Clone, Copy)]
enum Lookup {
    DataCategory,
    DataSubject,
    Processor,
}

/// How long an activity's data is kept, in words.
struct Kept {
    /// The period and the event, as the statement words them.
    rule: Option<String>,
    /// The register's own sentence about it.
    explanation: Option<String>,
}

/// One version's register as a reader of the version's language reads it.
#[derive(Clone, Copy)]
struct Side<'a> {
    snapshot: &'a RegisterSnapshot,
    words: Words,
    /// The statement's own wording, so that a duration or a country reads
    /// in the history as it reads in the statement.
    statement: Wording,
}

impl<'a> Side<'a> {
    fn new(snapshot: &'a RegisterSnapshot, language: Language) -> Self {
        Side {
            snapshot,
            words: Words(language),
            statement: text::wording(language),
        }
    }

    /// A register text as the statement picks it: in the version's
    /// language, else in the organization's default language, else in any.
    fn text<'t>(&self, text: &'t Localized) -> Option<&'t str> {
        text.pick(
            self.statement.language(),
            self.snapshot.organization.default_language,
        )
    }

    fn name(&self, text: &Localized) -> String {
        self.text(text).unwrap_or_default().to_string()
    }

    /// A register value between quotation marks, if it says anything.
    fn quoted(&self, text: Option<&str>) -> Option<String> {
        non_blank(text).map(|text| self.words.render("quoted", context! { text }))
    }

    /// A category's name as the statement gives it: its key when it has
    /// no name.
    fn category(&self, name: &Localized, key: &str) -> String {
        self.text(name).unwrap_or(key).to_string()
    }

    fn category_name(&self, name: &Localized, key: &str) -> String {
        self.quoted(Some(&self.category(name, key)))
            .unwrap_or_default()
    }

    fn duration(&self, iso: Option<&str>) -> Option<String> {
        non_blank(iso).map(|iso| self.statement.duration(iso))
    }

    /// "Verenigde Staten (US)": the code stays, as the register has it; a
    /// code the statement has no name for stays alone.
    fn country(&self, code: &str) -> String {
        let code = country_code(code);
        let name = self.statement.country(&code);
        if name == code {
            code
        } else {
            self.words.render("country", context! { name, code })
        }
    }

    fn safeguard(&self, safeguard: TransferSafeguard) -> String {
        self.words.get(&format!("safeguard.{}", safeguard.as_str()))
    }

    fn name_of(&self, lookup: Lookup, id: Uuid) -> String {
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
    fn basis_names(&self, activity: &ActivitySnapshot) -> String {
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
    fn safeguards(&self, activity: &ActivitySnapshot, country: &str) -> String {
        let safeguards: BTreeSet<TransferSafeguard> = activity
            .activity
            .transfers
            .0
            .iter()
            .filter(|t| country_code(&t.country) == country)
            .map(|t| t.safeguard)
            .collect();
        let names: Vec<String> = safeguards.into_iter().map(|s| self.safeguard(s)).collect();
        self.statement.and_list(&names)
    }

    /// The states of the agreements with a processor, if there are any.
    fn agreement_statuses(&self, processor: Uuid) -> Option<String> {
        let statuses: Vec<String> = self
            .snapshot
            .agreements_of(processor)
            .map(|a| {
                self.words
                    .get(&format!("agreement_status.{}", a.status.as_str()))
            })
            .collect();
        (!statuses.is_empty()).then(|| self.statement.and_list(&statuses))
    }

    fn retention(&self, activity: &ActivitySnapshot) -> Kept {
        let Some(retention) = &activity.activity.retention else {
            return Kept {
                rule: None,
                explanation: None,
            };
        };
        let period = self.duration(retention.period.as_deref());
        // An event the statement has no words for, it leaves out; so do we.
        let trigger = non_blank(retention.trigger.as_deref())
            .filter(|t| self.statement.has(&format!("trigger_after.{t}")));
        let rule = match (period, trigger) {
            (Some(period), Some(trigger)) => Some(self.words.render(
                "retention.period_trigger",
                context! { period, trigger => self.statement.get(&format!("trigger_after.{trigger}")) },
            )),
            (Some(period), None) => Some(period),
            (None, Some(trigger)) => Some(self.statement.get(&format!("trigger_until.{trigger}"))),
            (None, None) => None,
        };
        Kept {
            rule,
            explanation: self.text(&retention.description).map(str::to_string),
        }
    }

    fn organization_fields(&self) -> Vec<Field> {
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

    fn policy_fields(&self, policy: &rights_policy::Model) -> Vec<Field> {
        let opt_out = policy
            .opt_out_working_days
            .and_then(|days| u64::try_from(days).ok())
            .map(|days| self.statement.working_days(days));
        let rights: Vec<_> = policy
            .rights
            .0
            .iter()
            .map(|r| (r.right, self.text(&r.note)))
            .collect();
        let disclosures: Vec<_> = policy
            .disclosure_purposes
            .0
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

    fn processor_fields(&self, p: &processor::Model) -> Vec<Field> {
        let role = self.words.get(&format!("role.{}", p.role.as_str()));
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
            Field::compared("contact", &p.contact),
        ]
    }

    /// The details of an activity that have no change kind of their own.
    /// Transfers count only to the `countries` of both versions: a country
    /// added or dropped is a change of its own.
    fn activity_details(&self, a: &ActivitySnapshot, countries: &BTreeSet<String>) -> Vec<Field> {
        let activity = &a.activity;
        let sources: Vec<_> = activity
            .sources
            .0
            .iter()
            .map(|s| (s.kind, self.text(&s.description)))
            .collect();
        let transfers: Vec<_> = activity
            .transfers
            .0
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
        vec![
            Field::compared("sources", sources),
            Field::compared("security_measures", self.text(&activity.security_measures)),
            Field::compared(
                "automated_decision_making",
                self.text(&activity.automated_decision_making),
            ),
            Field::compared("requirement", self.text(&activity.requirement)),
            Field::compared(
                "special_category_conditions",
                &activity.special_category_conditions,
            ),
            Field::compared("transfers", transfers),
        ]
    }

    fn data_category_fields(&self, category: &data_category::Model) -> Vec<Field> {
        vec![
            Field::compared("description", self.text(&category.description)),
            Field::compared("criminal_data", category.criminal_data),
        ]
    }
}

// ---- comparing ----

struct Changes<'a> {
    old: Side<'a>,
    new: Side<'a>,
    changes: Vec<SemanticChange>,
}

impl<'a> Changes<'a> {
    fn push(&mut self, kind: ChangeKind, entry: Entry, facts: Facts) {
        self.push_as(kind, None, entry, facts);
    }

    /// Records a change described by the text of its kind, or by one of the
    /// kind's texts (`variant`) when it is said in more than one way.
    fn push_as(&mut self, kind: ChangeKind, variant: Option<&str>, entry: Entry, facts: Facts) {
        let key = match variant {
            Some(variant) => format!("{}.{variant}", kind.key()),
            None => kind.key(),
        };
        let description = self.new.words.render(&key, &facts);
        self.changes.push(SemanticChange {
            kind,
            entity_type: entry.0.to_string(),
            entity_id: entry.1.to_string(),
            description,
        });
    }

    /// "gewijzigd van X naar Y", "toegevoegd: Y" or "verwijderd (was X)".
    fn change(&self, from: Option<&str>, to: Option<&str>) -> String {
        let key = match (from, to) {
            (None, Some(_)) => "value.added",
            (Some(_), None) => "value.removed",
            _ => "value.changed",
        };
        self.new.words.render(key, context! { from, to })
    }

    /// Reports the fields of a register entry that differ: each one said in
    /// words as a change of its own, from what to what; the others together,
    /// by name. `facts` says which entry it is.
    fn compare_fields(
        &mut self,
        kind: ChangeKind,
        entry: Entry,
        facts: &Facts,
        before: &[Field],
        after: &[Field],
    ) {
        let mut named = Vec::new();
        for (was, is) in before.iter().zip(after) {
            if was.value == is.value {
                continue;
            }
            let field = self.new.words.get(&format!("field.{}", is.key));
            match (&was.value, &is.value) {
                (Reading::Words(from), Reading::Words(to)) => {
                    let change = self.change(from.as_deref(), to.as_deref());
                    let facts = Facts {
                        field,
                        change,
                        ..facts.clone()
                    };
                    self.push_as(kind, Some("value"), entry, facts);
                }
                _ => named.push(field),
            }
        }
        if !named.is_empty() {
            let field = self.new.statement.and_list(&named);
            let facts = Facts {
                field,
                ..facts.clone()
            };
            self.push_as(kind, Some("fields"), entry, facts);
        }
    }

    fn compare(&mut self) {
        let entry = (ORGANIZATION, self.new.snapshot.organization.id);
        let (before, after) = (
            self.old.organization_fields(),
            self.new.organization_fields(),
        );
        let kind = ChangeKind::OrganizationChanged;
        self.compare_fields(kind, entry, &Facts::default(), &before, &after);
        self.compare_activities();
        self.compare_categories();
        self.compare_processors();
        self.compare_rights_policy();
    }

    fn compare_activities(&mut self) {
        let (old, new) = (self.old, self.new);
        for activity in &new.snapshot.activities {
            let id = activity.activity.id;
            match old.snapshot.activities.iter().find(|a| a.activity.id == id) {
                None => {
                    let subject = new.name(&activity.activity.name);
                    let facts = Facts {
                        subject,
                        ..Facts::default()
                    };
                    self.push(ChangeKind::ActivityAdded, (ACTIVITY, id), facts);
                }
                Some(before) => self.compare_activity(before, activity),
            }
        }
        for activity in &old.snapshot.activities {
            let id = activity.activity.id;
            if !new.snapshot.activities.iter().any(|a| a.activity.id == id) {
                let subject = old.name(&activity.activity.name);
                let facts = Facts {
                    subject,
                    ..Facts::default()
                };
                self.push(ChangeKind::ActivityRemoved, (ACTIVITY, id), facts);
            }
        }
    }

    fn compare_activity(&mut self, before: &ActivitySnapshot, after: &ActivitySnapshot) {
        let (old, new) = (self.old, self.new);
        let entry = (ACTIVITY, after.activity.id);
        let (was, is) = (
            old.name(&before.activity.name),
            new.name(&after.activity.name),
        );
        let on = Facts {
            activity: is.clone(),
            ..Facts::default()
        };
        if was != is {
            let facts = Facts {
                from: was,
                to: is,
                ..Facts::default()
            };
            self.push(ChangeKind::ActivityRenamed, entry, facts);
        }
        if old.text(&before.activity.purpose) != new.text(&after.activity.purpose) {
            self.push(ChangeKind::PurposeChanged, entry, on.clone());
        }
        self.compare_legal_bases(entry, &on, before, after);
        self.compare_links(entry, &on, before, after);
        self.compare_retention(entry, &on, before, after);
        let both = self.compare_transfers(entry, &on, before, after);
        let details = (
            old.activity_details(before, &both),
            new.activity_details(after, &both),
        );
        let kind = ChangeKind::ActivityDetailsChanged;
        self.compare_fields(kind, entry, &on, &details.0, &details.1);
    }

    fn compare_legal_bases(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) {
        let codes = |a: &ActivitySnapshot| a.legal_bases.iter().map(|b| b.code).collect::<Vec<_>>();
        if codes(before) != codes(after) {
            let facts = Facts {
                from: self.old.basis_names(before),
                to: self.new.basis_names(after),
                ..on.clone()
            };
            self.push(ChangeKind::LegalBasisChanged, entry, facts);
            return;
        }
        let interests = |side: &Side, a: &ActivitySnapshot| -> Vec<Option<String>> {
            a.legal_bases
                .iter()
                .map(|b| side.text(&b.legitimate_interest).map(str::to_string))
                .collect()
        };
        if interests(&self.old, before) != interests(&self.new, after) {
            self.push(ChangeKind::LegitimateInterestChanged, entry, on.clone());
        }
    }

    /// Reports the data, data subjects and recipients linked to an activity
    /// or unlinked from it.
    fn compare_links(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) {
        use ChangeKind::*;
        for (was, is, lookup, added, removed) in [
            (
                &before.data_category_ids,
                &after.data_category_ids,
                Lookup::DataCategory,
                DataCategoryAdded,
                DataCategoryRemoved,
            ),
            (
                &before.data_subject_category_ids,
                &after.data_subject_category_ids,
                Lookup::DataSubject,
                DataSubjectAdded,
                DataSubjectRemoved,
            ),
            (
                &before.recipient_ids,
                &after.recipient_ids,
                Lookup::Processor,
                RecipientAdded,
                RecipientRemoved,
            ),
        ] {
            for id in is.iter().filter(|id| !was.contains(id)) {
                let subject = self.new.name_of(lookup, *id);
                self.push(
                    added,
                    entry,
                    Facts {
                        subject,
                        ..on.clone()
                    },
                );
            }
            for id in was.iter().filter(|id| !is.contains(id)) {
                let subject = self.old.name_of(lookup, *id);
                self.push(
                    removed,
                    entry,
                    Facts {
                        subject,
                        ..on.clone()
                    },
                );
            }
        }
    }

    fn compare_retention(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) {
        let (was, is) = (self.old.retention(before), self.new.retention(after));
        // The rule is what a reader goes by; its explanation is what the
        // statement says when there is no rule, and is worth mentioning on
        // its own only when the rule stays.
        let (variant, from, to) = if was.rule != is.rule {
            (
                "rule",
                was.rule.or(was.explanation),
                is.rule.or(is.explanation),
            )
        } else if was.explanation != is.explanation {
            ("description", was.explanation, is.explanation)
        } else {
            return;
        };
        let change = self.change(
            self.old.quoted(from.as_deref()).as_deref(),
            self.new.quoted(to.as_deref()).as_deref(),
        );
        let facts = Facts {
            change,
            ..on.clone()
        };
        self.push_as(ChangeKind::RetentionChanged, Some(variant), entry, facts);
    }

    /// Reports the countries outside the EEA an activity's data now goes to
    /// or no longer goes to; gives the countries of both versions.
    fn compare_transfers(
        &mut self,
        entry: Entry,
        on: &Facts,
        before: &ActivitySnapshot,
        after: &ActivitySnapshot,
    ) -> BTreeSet<String> {
        let (was, is) = (countries(before), countries(after));
        for code in is.difference(&was) {
            let facts = Facts {
                subject: self.new.country(code),
                to: self.new.safeguards(after, code),
                ..on.clone()
            };
            self.push(ChangeKind::TransferAdded, entry, facts);
        }
        for code in was.difference(&is) {
            let facts = Facts {
                subject: self.old.country(code),
                ..on.clone()
            };
            self.push(ChangeKind::TransferRemoved, entry, facts);
        }
        was.intersection(&is).cloned().collect()
    }

    /// Reports changes of the categories themselves; one linked to or
    /// unlinked from an activity is reported with the activity.
    fn compare_categories(&mut self) {
        let (old, new) = (self.old, self.new);
        for id in linked_in_both(old.snapshot, new.snapshot, |a| &a.data_category_ids) {
            if let (Some(was), Some(is)) = (
                old.snapshot.data_category(id),
                new.snapshot.data_category(id),
            ) {
                self.compare_data_category(was, is);
            }
        }
        for id in linked_in_both(old.snapshot, new.snapshot, |a| &a.data_subject_category_ids) {
            if let (Some(was), Some(is)) = (
                old.snapshot.data_subject_category(id),
                new.snapshot.data_subject_category(id),
            ) {
                let names = (
                    old.category_name(&was.name, &was.key),
                    new.category_name(&is.name, &is.key),
                );
                let entry = (DATA_SUBJECT_CATEGORY, id);
                self.compare_names(ChangeKind::DataSubjectRenamed, entry, names);
            }
        }
    }

    fn compare_data_category(&mut self, was: &data_category::Model, is: &data_category::Model) {
        let (old, new) = (self.old, self.new);
        let entry = (DATA_CATEGORY, is.id);
        let names = (
            old.category_name(&was.name, &was.key),
            new.category_name(&is.name, &is.key),
        );
        let facts = Facts {
            subject: names.1.clone(),
            ..Facts::default()
        };
        self.compare_names(ChangeKind::DataCategoryRenamed, entry, names);
        if was.special_category != is.special_category {
            let variant = if is.special_category {
                "set"
            } else {
                "cleared"
            };
            let kind = ChangeKind::SpecialCategoryChanged;
            self.push_as(kind, Some(variant), entry, facts.clone());
        }
        let (before, after) = (old.data_category_fields(was), new.data_category_fields(is));
        let kind = ChangeKind::DataCategoryChanged;
        self.compare_fields(kind, entry, &facts, &before, &after);
    }

    fn compare_names(&mut self, kind: ChangeKind, entry: Entry, (from, to): (String, String)) {
        if from != to {
            let facts = Facts {
                from,
                to,
                ..Facts::default()
            };
            self.push(kind, entry, facts);
        }
    }

    fn compare_processors(&mut self) {
        let (old, new) = (self.old, self.new);
        for processor in &new.snapshot.processors {
            match old.snapshot.processor(processor.id) {
                None => {
                    let facts = Facts {
                        subject: processor.name.clone(),
                        ..Facts::default()
                    };
                    self.push(ChangeKind::ProcessorAdded, (PROCESSOR, processor.id), facts);
                }
                Some(before) => self.compare_processor(before, processor),
            }
        }
        for processor in &old.snapshot.processors {
            if new.snapshot.processor(processor.id).is_none() {
                let facts = Facts {
                    subject: processor.name.clone(),
                    ..Facts::default()
                };
                self.push(
                    ChangeKind::ProcessorRemoved,
                    (PROCESSOR, processor.id),
                    facts,
                );
            }
        }
    }

    fn compare_processor(&mut self, before: &processor::Model, after: &processor::Model) {
        let (old, new) = (self.old, self.new);
        let entry = (PROCESSOR, after.id);
        let facts = Facts {
            subject: after.name.clone(),
            ..Facts::default()
        };
        let fields = (old.processor_fields(before), new.processor_fields(after));
        let kind = ChangeKind::ProcessorChanged;
        self.compare_fields(kind, entry, &facts, &fields.0, &fields.1);
        let (from, to) = (
            old.agreement_statuses(after.id),
            new.agreement_statuses(after.id),
        );
        if from != to {
            let change = self.change(from.as_deref(), to.as_deref());
            let facts = Facts { change, ..facts };
            self.push(ChangeKind::AgreementChanged, entry, facts);
        }
    }

    fn compare_rights_policy(&mut self) {
        let (old, new) = (self.old, self.new);
        let (was, is) = (
            old.snapshot.rights_policy.as_ref(),
            new.snapshot.rights_policy.as_ref(),
        );
        // A policy in one version only is compared with one that says nothing.
        let (id, before, after) = match (was, is) {
            (Some(was), Some(is)) => (is.id, old.policy_fields(was), new.policy_fields(is)),
            (None, Some(is)) => {
                let after = new.policy_fields(is);
                (is.id, absent(&after), after)
            }
            (Some(was), None) => {
                let before = old.policy_fields(was);
                let after = absent(&before);
                (was.id, before, after)
            }
            (None, None) => return,
        };
        let kind = ChangeKind::RightsPolicyChanged;
        self.compare_fields(
            kind,
            (RIGHTS_POLICY, id),
            &Facts::default(),
            &before,
            &after,
        );
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::resolver_utils::EnumType;
    use entity::enums::{AgreementStatus, LegalBasisCode};
    use serde_json::json;

    use super::*;

    const AT: &str = "2026-01-01T00:00:00Z";

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// An organization writing in Dutch by default, with one activity
    /// ("Webshop") sharing data with one processor under a signed agreement.
    fn snapshot() -> RegisterSnapshot {
        let stamps = json!({ "revision": 1, "createdAt": AT, "updatedAt": AT });
        let with_stamps = |mut value: Value| {
            if let (Value::Object(map), Value::Object(stamps)) = (&mut value, &stamps) {
                map.extend(stamps.clone());
            }
            value
        };
        let org = id(1);
        let value = json!({
            "organization": with_stamps(json!({
                "id": org, "slug": "acme", "legalName": "Acme B.V.", "tradeNames": [],
                "registrationNumber": null, "address": null, "contactEmail": null,
                "privacyEmail": "privacy@acme.test", "phone": null, "dpo": null,
                "representative": null, "supervisoryAuthority": null,
                "defaultLanguage": "NL", "websites": [],
            })),
            "rightsPolicy": with_stamps(json!({
                "id": id(2), "organizationId": org, "responsePeriod": "P4W",
                "optOutWorkingDays": null, "marketingFollowUpPeriod": null,
                "channels": {}, "rights": [], "disclosurePurposes": [], "unsubscribe": {},
            })),
            "activities": [with_stamps(json!({
                "id": id(10), "organizationId": org,
                "name": { "nl": "Webshop", "en": "Web shop" },
                "purpose": { "nl": "Bestellingen leveren.", "en": "Delivering orders." },
                "purposeCategory": null, "status": "ACTIVE", "owner": null,
                "retention": {
                    "period": "P2Y", "trigger": "LAST_PURCHASE_OR_SUBSCRIPTION_END",
                    "description": {},
                },
                "specialCategoryConditions": [], "transfers": [], "sources": [],
                "securityMeasures": {}, "automatedDecisionMaking": {}, "requirement": {},
                "dpiaRequired": false, "position": 1, "searchText": "", "archivedAt": null,
                "legalBases": [{
                    "activityId": id(10), "code": "CONTRACT", "legitimateInterest": {},
                    "position": 0,
                }],
                "dataCategoryIds": [id(20)],
                "dataSubjectCategoryIds": [id(30)],
                "recipientIds": [id(40)],
            }))],
            "dataCategories": [with_stamps(json!({
                "id": id(20), "organizationId": org, "key": "identity.name",
                "name": { "nl": "naam", "en": "name" }, "description": {},
                "specialCategory": false, "criminalData": false, "searchText": "",
                "archivedAt": null,
            }))],
            "dataSubjectCategories": [with_stamps(json!({
                "id": id(30), "organizationId": org, "key": "customers",
                "name": { "nl": "klanten", "en": "customers" }, "description": {},
                "searchText": "", "archivedAt": null,
            }))],
            "processors": [with_stamps(json!({
                "id": id(40), "organizationId": org, "name": "Verzendhuizen",
                "role": "PROCESSOR", "service": { "nl": "Verzending" }, "category": null,
                "country": "NL", "contact": null, "parentId": null,
                "transferSafeguard": null, "searchText": "", "archivedAt": null,
            }))],
            "agreements": [with_stamps(json!({
                "id": id(50), "organizationId": org, "processorId": id(40),
                "status": "SIGNED", "signedOn": "2026-01-01", "effectiveOn": null,
                "expiresOn": null, "documentRef": null, "clauses": [],
                "subProcessorAuthorisation": null, "archivedAt": null,
            }))],
            "legalBases": [
                basis("CONSENT", "toestemming", "consent"),
                basis("CONTRACT", "uitvoering van een overeenkomst", "performance of a contract"),
            ],
        });
        serde_json::from_value(value).expect("the fixture is a snapshot")
    }

    fn basis(code: &str, nl: &str, en: &str) -> Value {
        json!({
            "code": code, "kind": "ART6", "article": "6(1)", "position": 1,
            "name": { "nl": nl, "en": en }, "explanation": {},
        })
    }

    fn webshop(snapshot: &mut RegisterSnapshot) -> &mut ActivitySnapshot {
        &mut snapshot.activities[0]
    }

    fn changes(old: &RegisterSnapshot, new: &RegisterSnapshot, language: Language) -> Vec<String> {
        diff(old, new, "", "", language, (1, 2))
            .semantic
            .into_iter()
            .map(|c| c.description)
            .collect()
    }

    fn dutch(edit: impl FnOnce(&mut RegisterSnapshot)) -> Vec<String> {
        let old = snapshot();
        let mut new = old.clone();
        edit(&mut new);
        changes(&old, &new, Language::Nl)
    }

    fn localized(pairs: &[(&str, &str)]) -> Localized {
        Localized(
            pairs
                .iter()
                .map(|(l, t)| (l.to_string(), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn every_change_text_renders_in_both_languages() {
        let keys = |language: Language| -> BTreeSet<String> {
            let prefix = format!("{}.", language.code());
            SOURCES
                .keys()
                .filter_map(|key| key.strip_prefix(&prefix).map(str::to_string))
                .collect()
        };
        assert_eq!(keys(Language::Nl), keys(Language::En));
        assert_eq!(
            SOURCES.len(),
            2 * keys(Language::Nl).len(),
            "only nl and en"
        );
        let every_placeholder = context! {
            subject => "s", activity => "a", field => "f", from => "x", to => "y",
            change => "c", number => 2, name => "n", code => "US", text => "t",
            period => "p", trigger => "e",
        };
        for language in Language::ALL {
            for key in keys(language) {
                assert!(!Words(language).render(&key, &every_placeholder).is_empty());
            }
            for item in ChangeKind::items() {
                let key = item.value.key();
                assert!(
                    keys(language)
                        .iter()
                        .any(|k| *k == key || k.starts_with(&format!("{key}."))),
                    "{language:?} has a text for {key}"
                );
            }
        }
    }

    #[test]
    fn the_text_diff_names_the_versions_in_the_language() {
        let old = snapshot();
        let dutch = diff(&old, &old, "a\n", "b\n", Language::Nl, (1, 2));
        assert!(
            dutch.text.starts_with("--- versie 1\n+++ versie 2\n"),
            "{}",
            dutch.text
        );
        let english = diff(&old, &old, "a\n", "b\n", Language::En, (3, 4));
        assert!(english.text.starts_with("--- version 3\n+++ version 4\n"));
        assert_eq!(dutch.semantic[0].kind, ChangeKind::WordingChanged);
    }

    #[test]
    fn organization_fields_are_named_and_simple_ones_told_from_what_to_what() {
        let old = snapshot();
        let mut new = old.clone();
        new.organization.legal_name = "Acme Retail B.V.".into();
        new.organization.registration_number = Some("12345678".into());
        new.organization.contact_email = None;
        new.organization.address = Some(entity::values::Address {
            street: "Straat 1".into(),
            postal_code: "1234 AB".into(),
            city: "Utrecht".into(),
            country: "NL".into(),
        });
        new.organization.websites.0.push("https://acme.test".into());
        new.organization.revision = 2;
        assert_eq!(
            changes(&old, &new, Language::Nl),
            [
                "Gegevens van de organisatie: naam gewijzigd van ‘Acme B.V.’ naar ‘Acme Retail B.V.’",
                "Gegevens van de organisatie: registratienummer toegevoegd: ‘12345678’",
                "Gegevens van de organisatie gewijzigd: adres en websites",
            ]
        );
        assert_eq!(
            changes(&old, &new, Language::En)[2],
            "Organization details changed: address and websites"
        );
    }

    #[test]
    fn rights_policy_periods_are_told_in_words() {
        let changed = dutch(|s| {
            let policy = s.rights_policy.as_mut().expect("the fixture has a policy");
            policy.response_period = "P1M".into();
            policy.opt_out_working_days = Some(5);
            policy.unsubscribe = localized(&[("nl", "Klik op afmelden.")]);
        });
        assert_eq!(
            changed,
            [
                "Beleid voor uw rechten en communicatie: reactietermijn gewijzigd van vier weken naar een maand",
                "Beleid voor uw rechten en communicatie: verwerkingstijd van een afmelding toegevoegd: vijf werkdagen",
                "Beleid voor uw rechten en communicatie gewijzigd: afmelden",
            ]
        );
        let first = dutch(|s| s.rights_policy = None);
        assert_eq!(
            first,
            ["Beleid voor uw rechten en communicatie: reactietermijn verwijderd (was vier weken)"]
        );
    }

    #[test]
    fn an_edit_of_another_language_is_no_change() {
        let old = snapshot();
        let mut new = old.clone();
        webshop(&mut new).activity.purpose = localized(&[
            ("nl", "Bestellingen leveren."),
            ("en", "Delivering and returning orders."),
        ]);
        new.data_categories[0].name = localized(&[("nl", "naam"), ("en", "full name")]);
        assert_eq!(changes(&old, &new, Language::Nl), Vec::<String>::new());
        assert_eq!(
            changes(&old, &new, Language::En),
            [
                "Description of the purpose Web shop changed",
                "Data renamed from ‘name’ to ‘full name’",
            ]
        );
    }

    #[test]
    fn a_text_missing_in_the_language_falls_back_as_in_the_statement() {
        let mut old = snapshot();
        webshop(&mut old).activity.name = localized(&[("en", "Shop")]);
        let mut new = old.clone();
        webshop(&mut new).activity.name = localized(&[("en", "Online shop")]);
        assert_eq!(
            changes(&old, &new, Language::Nl),
            ["Doel hernoemd van Shop naar Online shop"]
        );
    }

    #[test]
    fn legal_bases_are_named_as_in_the_statement() {
        let changed = dutch(|s| webshop(s).legal_bases[0].code = LegalBasisCode::Consent);
        assert_eq!(
            changed,
            ["Grondslag van Webshop gewijzigd van uitvoering van een overeenkomst naar toestemming"]
        );
        // Without its row, a basis has the name the statement falls back to.
        let changed = dutch(|s| {
            webshop(s).legal_bases[0].code = LegalBasisCode::LegitimateInterests;
        });
        assert_eq!(
            changed,
            ["Grondslag van Webshop gewijzigd van uitvoering van een overeenkomst naar gerechtvaardigd belang"]
        );
    }

    #[test]
    fn retention_is_told_from_what_to_what() {
        let changed = dutch(|s| {
            let retention = webshop(s).activity.retention.as_mut().expect("fixture");
            retention.period = Some("P7Y".into());
            retention.trigger = None;
        });
        assert_eq!(
            changed,
            ["Bewaartermijn bij Webshop gewijzigd van ‘twee jaar na uw laatste aankoop of het einde van uw abonnement’ naar ‘zeven jaar’"]
        );
        let explained = dutch(|s| {
            let retention = webshop(s).activity.retention.as_mut().expect("fixture");
            retention.description = localized(&[("nl", "Daarna anoniem.")]);
        });
        assert_eq!(
            explained,
            ["Toelichting op de bewaartermijn bij Webshop toegevoegd: ‘Daarna anoniem.’"]
        );
        let dropped = dutch(|s| webshop(s).activity.retention = None);
        assert_eq!(
            dropped,
            ["Bewaartermijn bij Webshop verwijderd (was ‘twee jaar na uw laatste aankoop of het einde van uw abonnement’)"]
        );
    }

    #[test]
    fn categories_the_statement_names_are_compared() {
        let changed = dutch(|s| {
            s.data_categories[0].name = localized(&[("nl", "volledige naam"), ("en", "name")]);
            s.data_categories[0].special_category = true;
            s.data_categories[0].description = localized(&[("nl", "Voor- en achternaam.")]);
            s.data_subject_categories[0].name = localized(&[("nl", "kopers")]);
        });
        assert_eq!(
            changed,
            [
                "Gegevens hernoemd van ‘naam’ naar ‘volledige naam’",
                "Gegevens ‘volledige naam’ gelden nu als bijzondere persoonsgegevens",
                "Gegevens ‘volledige naam’ gewijzigd: omschrijving",
                "Betrokkenen hernoemd van ‘klanten’ naar ‘kopers’",
            ]
        );
        // A category no activity links to is not in the statement.
        let unlinked = dutch(|s| {
            webshop(s).data_category_ids.clear();
            s.data_categories[0].name = localized(&[("nl", "volledige naam")]);
        });
        assert_eq!(unlinked, ["Webshop verwerkt niet langer: naam"]);
    }

    #[test]
    fn agreements_roles_and_transfers_are_in_words() {
        let changed = dutch(|s| {
            s.agreements[0].status = AgreementStatus::Expired;
            s.processors[0].role = entity::enums::ProcessorRole::JointController;
            s.processors[0].country = "US".into();
            s.processors[0].transfer_safeguard = Some(TransferSafeguard::AdequacyDecision);
            let transfer = json!({
                "country": "us", "recipientId": null,
                "safeguard": "STANDARD_CONTRACTUAL_CLAUSES", "description": {},
            });
            let transfer = serde_json::from_value(transfer).expect("a transfer");
            webshop(s).activity.transfers.0.push(transfer);
        });
        assert_eq!(
            changed,
            [
                "Webshop: nieuwe doorgifte naar Verenigde Staten (US), waarborg: standaardcontractbepalingen",
                "Ontvanger Verzendhuizen: rol gewijzigd van verwerker naar gezamenlijk verwerkingsverantwoordelijke",
                "Ontvanger Verzendhuizen: land gewijzigd van Nederland (NL) naar Verenigde Staten (US)",
                "Ontvanger Verzendhuizen: waarborg bij doorgifte toegevoegd: adequaatheidsbesluit",
                "Verwerkersovereenkomst met Verzendhuizen gewijzigd van getekend naar verlopen",
            ]
        );
        let unknown = dutch(|s| s.processors[0].country = "xx".into());
        assert_eq!(
            unknown,
            ["Ontvanger Verzendhuizen: land gewijzigd van Nederland (NL) naar XX"]
        );
    }

    #[test]
    fn details_name_what_changed() {
        let changed = dutch(|s| {
            webshop(s).activity.security_measures = localized(&[("nl", "Versleuteld.")]);
            webshop(s).activity.requirement = localized(&[("en", "Required.")]);
            s.processors[0].service = localized(&[("nl", "Pakketten bezorgen")]);
        });
        assert_eq!(
            changed,
            [
                "Overige gegevens over Webshop gewijzigd: beveiliging en verplichting om gegevens te verstrekken",
                "Gegevens over ontvanger Verzendhuizen gewijzigd: dienst",
            ]
        );
    }

    #[test]
    fn links_added_and_removed_are_reported_with_the_activity() {
        let changed = dutch(|s| {
            webshop(s).recipient_ids.clear();
            webshop(s).data_subject_category_ids.clear();
        });
        assert_eq!(
            changed,
            [
                "Webshop betreft niet langer: klanten",
                "Webshop deelt geen gegevens meer met: Verzendhuizen",
            ]
        );
    }
}
