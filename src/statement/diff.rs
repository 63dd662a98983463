//! What changed between two statement versions: semantically, from the
//! register snapshots they were built from (a purpose added, a legal basis
//! changed from X to Y, a recipient added, ...), and as text, a line diff of
//! their Markdown.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use async_graphql::{Enum, SimpleObject};
use entity::enums::Language;
use entity::values::Localized;
use minijinja::Environment;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use similar::TextDiff;
use uuid::Uuid;

use super::snapshot::RegisterSnapshot;
use crate::graphql::localized::pick;
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
    DataSubjectAdded,
    DataSubjectRemoved,
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

static TEMPLATES: LazyLock<BTreeMap<String, BTreeMap<String, String>>> = LazyLock::new(|| {
    toml::from_str(include_str!("templates/changes.toml")).expect("changes.toml is valid TOML")
});

/// Compares two versions: their snapshots and their Markdown.
pub fn diff(
    old: &RegisterSnapshot,
    new: &RegisterSnapshot,
    old_markdown: &str,
    new_markdown: &str,
    language: Language,
    labels: (&str, &str),
) -> StatementDiff {
    let mut semantic = Changes {
        old,
        new,
        language,
        changes: Vec::new(),
    };
    semantic.compare();
    let text = TextDiff::from_lines(old_markdown, new_markdown)
        .unified_diff()
        .context_radius(2)
        .header(labels.0, labels.1)
        .to_string();
    if semantic.changes.is_empty() && !text.is_empty() {
        semantic.push(
            ChangeKind::WordingChanged,
            "Statement",
            Uuid::nil(),
            Facts::default(),
        );
    }
    StatementDiff {
        semantic: semantic.changes,
        text,
    }
}

/// The values a change description mentions.
#[derive(Default, Serialize)]
struct Facts {
    subject: String,
    activity: String,
    from: String,
    to: String,
}

struct Changes<'a> {
    old: &'a RegisterSnapshot,
    new: &'a RegisterSnapshot,
    language: Language,
    changes: Vec<SemanticChange>,
}

impl Changes<'_> {
    fn text(&self, localized: &Localized) -> String {
        pick(
            localized,
            Some(self.language),
            self.new.organization.default_language,
        )
        .unwrap_or_default()
    }

    fn push(&mut self, kind: ChangeKind, entity_type: &str, entity_id: Uuid, facts: Facts) {
        let key = serde_json::to_value(kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let template = TEMPLATES
            .get(self.language.code())
            .and_then(|texts| texts.get(&key))
            .unwrap_or_else(|| panic!("changes.toml has `{key}` for {}", self.language.code()));
        let description = Environment::new()
            .render_str(template, &facts)
            .unwrap_or_else(|e| panic!("changes.toml `{key}` renders: {e}"));
        self.changes.push(SemanticChange {
            kind,
            entity_type: entity_type.to_string(),
            entity_id: entity_id.to_string(),
            description,
        });
    }

    fn compare(&mut self) {
        let changed = changed_fields(
            &self.old.organization,
            &self.new.organization,
            &["revision", "updatedAt", "createdAt"],
        );
        if !changed.is_empty() {
            let subject = changed.join(", ");
            self.push(
                ChangeKind::OrganizationChanged,
                "Organization",
                self.new.organization.id,
                Facts {
                    subject,
                    ..Facts::default()
                },
            );
        }
        self.compare_activities();
        self.compare_processors();
        self.compare_rights_policy();
    }

    fn compare_activities(&mut self) {
        let (old, new) = (self.old, self.new);
        for activity in &new.activities {
            match old
                .activities
                .iter()
                .find(|a| a.activity.id == activity.activity.id)
            {
                None => {
                    let subject = self.text(&activity.activity.name);
                    self.push(
                        ChangeKind::ActivityAdded,
                        "ProcessingActivity",
                        activity.activity.id,
                        Facts {
                            subject,
                            ..Facts::default()
                        },
                    );
                }
                Some(before) => self.compare_activity(before, activity),
            }
        }
        for activity in &old.activities {
            if !new
                .activities
                .iter()
                .any(|a| a.activity.id == activity.activity.id)
            {
                let subject = self.text(&activity.activity.name);
                self.push(
                    ChangeKind::ActivityRemoved,
                    "ProcessingActivity",
                    activity.activity.id,
                    Facts {
                        subject,
                        ..Facts::default()
                    },
                );
            }
        }
    }

    fn compare_activity(&mut self, before: &ActivitySnapshot, after: &ActivitySnapshot) {
        let id = after.activity.id;
        let name = self.text(&after.activity.name);
        let on = |subject: String| Facts {
            subject,
            activity: name.clone(),
            ..Facts::default()
        };
        if before.activity.name != after.activity.name {
            let facts = Facts {
                from: self.text(&before.activity.name),
                to: name.clone(),
                ..Facts::default()
            };
            self.push(ChangeKind::ActivityRenamed, "ProcessingActivity", id, facts);
        }
        if before.activity.purpose != after.activity.purpose {
            self.push(
                ChangeKind::PurposeChanged,
                "ProcessingActivity",
                id,
                on(String::new()),
            );
        }
        let codes = |a: &ActivitySnapshot| {
            a.legal_bases
                .iter()
                .map(|b| b.code.as_str().to_string())
                .collect::<Vec<_>>()
        };
        if codes(before) != codes(after) {
            let facts = Facts {
                from: self.basis_names(&codes(before)),
                to: self.basis_names(&codes(after)),
                activity: name.clone(),
                ..Facts::default()
            };
            self.push(
                ChangeKind::LegalBasisChanged,
                "ProcessingActivity",
                id,
                facts,
            );
        } else if before.legal_bases != after.legal_bases {
            self.push(
                ChangeKind::LegitimateInterestChanged,
                "ProcessingActivity",
                id,
                on(String::new()),
            );
        }
        for (added, removed, ids_of, kind_added, kind_removed) in [
            (
                &after.data_category_ids,
                &before.data_category_ids,
                Lookup::DataCategory,
                ChangeKind::DataCategoryAdded,
                ChangeKind::DataCategoryRemoved,
            ),
            (
                &after.data_subject_category_ids,
                &before.data_subject_category_ids,
                Lookup::DataSubject,
                ChangeKind::DataSubjectAdded,
                ChangeKind::DataSubjectRemoved,
            ),
            (
                &after.recipient_ids,
                &before.recipient_ids,
                Lookup::Processor,
                ChangeKind::RecipientAdded,
                ChangeKind::RecipientRemoved,
            ),
        ] {
            for target in added.iter().filter(|t| !removed.contains(t)) {
                let subject = self.name_of(ids_of, *target, self.new);
                self.push(kind_added, "ProcessingActivity", id, on(subject));
            }
            for target in removed.iter().filter(|t| !added.contains(t)) {
                let subject = self.name_of(ids_of, *target, self.old);
                self.push(kind_removed, "ProcessingActivity", id, on(subject));
            }
        }
        if before.activity.retention != after.activity.retention {
            self.push(
                ChangeKind::RetentionChanged,
                "ProcessingActivity",
                id,
                on(String::new()),
            );
        }
        let countries = |a: &ActivitySnapshot| {
            a.activity
                .transfers
                .0
                .iter()
                .map(|t| t.country.clone())
                .collect::<BTreeSet<_>>()
        };
        let (old_countries, new_countries) = (countries(before), countries(after));
        for country in new_countries.difference(&old_countries) {
            self.push(
                ChangeKind::TransferAdded,
                "ProcessingActivity",
                id,
                on(country.clone()),
            );
        }
        for country in old_countries.difference(&new_countries) {
            self.push(
                ChangeKind::TransferRemoved,
                "ProcessingActivity",
                id,
                on(country.clone()),
            );
        }
        let (a, b) = (&before.activity, &after.activity);
        let details_changed = a.sources != b.sources
            || a.security_measures != b.security_measures
            || a.automated_decision_making != b.automated_decision_making
            || a.requirement != b.requirement
            || a.special_category_conditions != b.special_category_conditions
            || (old_countries == new_countries && a.transfers != b.transfers);
        if details_changed {
            self.push(
                ChangeKind::ActivityDetailsChanged,
                "ProcessingActivity",
                id,
                on(String::new()),
            );
        }
    }

    fn compare_processors(&mut self) {
        let (old, new) = (self.old, self.new);
        for processor in &new.processors {
            let subject = processor.name.clone();
            match old.processor(processor.id) {
                None => self.push(
                    ChangeKind::ProcessorAdded,
                    "Processor",
                    processor.id,
                    Facts {
                        subject,
                        ..Facts::default()
                    },
                ),
                Some(before) => {
                    let ignored = ["revision", "updatedAt", "createdAt", "searchText"];
                    if !changed_fields(before, processor, &ignored).is_empty() {
                        self.push(
                            ChangeKind::ProcessorChanged,
                            "Processor",
                            processor.id,
                            Facts {
                                subject: subject.clone(),
                                ..Facts::default()
                            },
                        );
                    }
                    let statuses = |s: &RegisterSnapshot| {
                        s.agreements_of(processor.id)
                            .map(|a| a.status.as_str().to_lowercase())
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    let (from, to) = (statuses(old), statuses(new));
                    if from != to {
                        self.push(
                            ChangeKind::AgreementChanged,
                            "Processor",
                            processor.id,
                            Facts {
                                subject,
                                from,
                                to,
                                ..Facts::default()
                            },
                        );
                    }
                }
            }
        }
        for processor in &old.processors {
            if new.processor(processor.id).is_none() {
                let subject = processor.name.clone();
                self.push(
                    ChangeKind::ProcessorRemoved,
                    "Processor",
                    processor.id,
                    Facts {
                        subject,
                        ..Facts::default()
                    },
                );
            }
        }
    }

    fn compare_rights_policy(&mut self) {
        let ignored = ["revision", "updatedAt", "createdAt", "id"];
        let changed = match (&self.old.rights_policy, &self.new.rights_policy) {
            (Some(before), Some(after)) => changed_fields(before, after, &ignored),
            (None, Some(after)) => changed_fields(&Value::Null, after, &ignored),
            _ => Vec::new(),
        };
        if let (false, Some(policy)) = (changed.is_empty(), &self.new.rights_policy) {
            let subject = changed.join(", ");
            self.push(
                ChangeKind::RightsPolicyChanged,
                "RightsPolicy",
                policy.id,
                Facts {
                    subject,
                    ..Facts::default()
                },
            );
        }
    }

    fn basis_names(&self, codes: &[String]) -> String {
        let names: Vec<String> = codes
            .iter()
            .map(|code| {
                self.new
                    .legal_basis(code)
                    .map_or_else(|| code.clone(), |basis| self.text(&basis.name))
            })
            .collect();
        names.join(" + ")
    }

    fn name_of(&self, lookup: Lookup, id: Uuid, snapshot: &RegisterSnapshot) -> String {
        let name = match lookup {
            Lookup::DataCategory => snapshot.data_category(id).map(|c| self.text(&c.name)),
            Lookup::DataSubject => snapshot
                .data_subject_category(id)
                .map(|c| self.text(&c.name)),
            Lookup::Processor => snapshot.processor(id).map(|p| p.name.clone()),
        };
        name.unwrap_or_else(|| id.to_string())
    }
}

#[derive(Clone, Copy)]
enum Lookup {
    DataCategory,
    DataSubject,
    Processor,
}

/// The names of the top-level JSON fields that differ, bookkeeping ignored.
fn changed_fields<A: Serialize, B: Serialize>(
    before: &A,
    after: &B,
    ignored: &[&str],
) -> Vec<String> {
    let as_object = |value: Value| match value {
        Value::Object(map) => map,
        _ => Default::default(),
    };
    let before = as_object(serde_json::to_value(before).unwrap_or_default());
    let after = as_object(serde_json::to_value(after).unwrap_or_default());
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter(|key| !ignored.contains(&key.as_str()))
        .filter(|key| before.get(*key) != after.get(*key))
        .cloned()
        .collect()
}
