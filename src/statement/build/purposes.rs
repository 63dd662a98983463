//! What we process and why (section 2): a part for each activity, with its
//! data, data subjects, legal bases, sources, recipients and transfers.

use entity::enums::{DataSourceKind, LegalBasisCode};
use entity::legal_basis;
use minijinja::context;
use rayon::prelude::*;

use super::{
    referred, sentences, source, unique, Builder, ACTIVITY, DATA_CATEGORY, DATA_SUBJECT_CATEGORY,
    PROCESSOR,
};
use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::document::{Paragraph, Section, SourceRef};
use crate::wording;

impl Builder<'_> {
    pub(super) fn purposes(&self) -> Option<Section> {
        let activities = &self.snapshot.activities;
        if activities.is_empty() {
            return None;
        }
        // Each purpose is worded on its own, so a large register's are
        // worded on both publishing threads; traced keys are seen on one.
        let subsections: Vec<Section> = if wording::tracing() {
            activities.iter().map(|a| self.activity(a)).collect()
        } else {
            activities.par_iter().map(|a| self.activity(a)).collect()
        };
        let bases = self.basis_names(activities);
        let mut paragraphs = Vec::new();
        // With one purpose its own part says the same.
        if activities.len() > 1 && !bases.is_empty() {
            paragraphs.push(Paragraph::plain(
                self.t.render("purposes.bases_overview", context! { bases }),
                self.activity_refs(activities),
            ));
        }
        self.top_section("purposes", paragraphs, subsections)
    }

    fn activity(&self, a: &ActivitySnapshot) -> Section {
        let activity = &a.activity;
        let own = || vec![source(ACTIVITY, activity.id)];
        let mut paragraphs = Vec::new();

        if let Some(purpose) = self.pick(&activity.purpose) {
            paragraphs.push(Paragraph::plain(purpose, own()));
        }

        let categories = referred(&a.data_category_ids, |id| self.snapshot.data_category(id));
        if !categories.is_empty() {
            let items = categories
                .iter()
                .map(|c| {
                    self.t.render(
                        "purposes.data_item",
                        context! {
                            name => self.pick(&c.name).unwrap_or(&c.key),
                            special => c.special_category,
                            criminal => c.criminal_data,
                            description => self.pick(&c.description),
                        },
                    )
                })
                .collect();
            let refs = own()
                .into_iter()
                .chain(categories.iter().map(|c| source(DATA_CATEGORY, c.id)));
            let one = |_: &str| {
                let c = categories[0];
                self.t.render(
                    "purposes.data_one",
                    context! {
                        name => wording::common_noun(self.pick(&c.name).unwrap_or(&c.key)),
                        special => c.special_category,
                        criminal => c.criminal_data,
                        description => self.pick(&c.description),
                    },
                )
            };
            paragraphs.push(self.listed(self.t.get("purposes.data"), items, one, unique(refs)));
        }

        let subjects = referred(&a.data_subject_category_ids, |id| {
            self.snapshot.data_subject_category(id)
        });
        if !subjects.is_empty() {
            let names: Vec<String> = subjects
                .iter()
                .map(|s| wording::common_noun(self.pick(&s.name).unwrap_or(&s.key)))
                .collect();
            let refs = own()
                .into_iter()
                .chain(subjects.iter().map(|s| source(DATA_SUBJECT_CATEGORY, s.id)));
            paragraphs.push(Paragraph::plain(
                self.t
                    .render("purposes.subjects", context! { subjects => names }),
                unique(refs),
            ));
        }

        let bases: Vec<BasisText> = a
            .legal_bases
            .iter()
            .map(|basis| {
                let interest = (basis.code == LegalBasisCode::LegitimateInterests)
                    .then(|| self.pick(&basis.legitimate_interest))
                    .flatten();
                let mut text = self.basis_text(
                    self.basis_name(basis.code),
                    self.basis_row(basis.code.as_str()),
                    interest,
                );
                text.part = basis
                    .applies_to
                    .as_ref()
                    .and_then(|p| self.pick(p))
                    .map(str::to_string);
                text
            })
            .collect();
        if !bases.is_empty() {
            paragraphs.push(self.bases_paragraph("purposes.bases", &bases, own()));
        }

        let conditions: Vec<BasisText> = activity
            .special_category_conditions
            .iter()
            .filter_map(|condition| self.basis_row(&format!("ART9_{}", condition.as_str())))
            .filter_map(|row| {
                self.pick(&row.name)
                    .map(|name| self.basis_text(name.to_string(), Some(row), None))
            })
            .collect();
        if !conditions.is_empty() {
            paragraphs.push(self.bases_paragraph("purposes.special", &conditions, own()));
        }

        let mut origins: Vec<String> = Vec::new();
        for origin in &activity.sources.0 {
            let description = self.pick(&origin.description);
            let sentence = match (origin.kind, description) {
                (DataSourceKind::DataSubject, Some(description)) => description.to_string(),
                (DataSourceKind::DataSubject, None) => self.t.get("purposes.source_subject"),
                (kind, description) => self.t.render(
                    "purposes.source_other",
                    context! { kind => self.t.source_kind(kind), description },
                ),
            };
            if !origins.contains(&sentence) {
                origins.push(sentence);
            }
        }
        if !origins.is_empty() {
            paragraphs.push(Paragraph::plain(sentences(origins), own()));
        }

        if let Some(text) = self.pick(&activity.requirement) {
            paragraphs.push(Paragraph::plain(
                self.t.render("purposes.requirement", context! { text }),
                own(),
            ));
        }
        // Profiling is called profiling; only an Art. 22 decision is called
        // an automated decision.
        if let Some(text) = activity.profiling.as_ref().and_then(|p| self.pick(p)) {
            paragraphs.push(Paragraph::plain(
                sentences([self.t.get("purposes.profiling"), text.to_string()]),
                own(),
            ));
        }
        if let Some(text) = self.pick(&activity.automated_decision_making) {
            paragraphs.push(Paragraph::plain(
                sentences([self.t.get("purposes.automated"), text.to_string()]),
                own(),
            ));
        }

        let recipients = referred(&a.recipient_ids, |id| self.snapshot.processor(id));
        if !recipients.is_empty() {
            let names: Vec<String> = recipients.iter().map(|p| self.party_name(p)).collect();
            let refs = own()
                .into_iter()
                .chain(recipients.iter().map(|p| source(PROCESSOR, p.id)));
            paragraphs.push(Paragraph::plain(
                self.t.render("purposes.recipients", context! { names }),
                unique(refs),
            ));
        }

        if !activity.transfers.is_empty() {
            let mut refs = own();
            let items = activity
                .transfers
                .iter()
                .map(|transfer| {
                    let recipient = transfer
                        .recipient_id
                        .and_then(|id| self.snapshot.processor(id));
                    refs.extend(recipient.map(|p| source(PROCESSOR, p.id)));
                    self.transfer_item(
                        &transfer.country,
                        recipient.map(|p| self.party_name(p)),
                        Some(transfer.safeguard),
                        self.pick(&transfer.description),
                    )
                })
                .collect();
            paragraphs.push(self.listed_as("purposes.transfers", items, unique(refs)));
        }

        Section {
            id: format!("purpose-{}", activity.id),
            title: self.activity_name(a),
            paragraphs,
            subsections: Vec::new(),
        }
    }

    /// A legal basis as the statement cites it. A legitimate interest the
    /// register spells out replaces the basis' general explanation: the
    /// interest is what the reader needs, and the right to object is
    /// explained once, under the rights.
    fn basis_text(
        &self,
        name: String,
        row: Option<&legal_basis::Model>,
        interest: Option<&str>,
    ) -> BasisText {
        BasisText {
            name,
            article: row.map(|r| self.t.article(&r.article)),
            detail: interest
                .or_else(|| row.and_then(|r| self.pick(&r.explanation)))
                .map(str::to_string),
            part: None,
        }
    }

    /// The bases under `key`: a list, or one basis as a sentence.
    fn bases_paragraph(
        &self,
        key: &str,
        bases: &[BasisText],
        sources: Vec<SourceRef>,
    ) -> Paragraph {
        let items = bases
            .iter()
            .map(|b| {
                self.t.render(
                    "purposes.basis_item",
                    context! { name => b.name, article => b.article, detail => b.detail, part => b.part },
                )
            })
            .collect();
        let one = |_: &str| {
            let b = &bases[0];
            self.t.render(
                &format!("{key}_one"),
                context! {
                    name => wording::common_noun(&b.name),
                    article => b.article,
                    detail => b.detail,
                },
            )
        };
        self.listed(self.t.get(key), items, one, sources)
    }
}

/// A legal basis or Art. 9 condition: its name, article and what it means
/// here.
struct BasisText {
    name: String,
    article: Option<String>,
    detail: Option<String>,
    /// The part of the processing resting on this basis, where an activity
    /// has several.
    part: Option<String>,
}
