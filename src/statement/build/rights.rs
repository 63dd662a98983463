//! Your rights (section 7): those the rights policy offers and those the law
//! makes us tell, each with the activities it concerns.

use entity::enums::{DataSubjectRight, LegalBasisCode};
use entity::values::Localized;
use minijinja::context;

use super::{is_direct_marketing, non_blank, sentences, source, unique, Builder, RIGHTS_POLICY};
use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::document::{Paragraph, Section, SourceRef};

fn uses_basis(activity: &ActivitySnapshot, code: LegalBasisCode) -> bool {
    activity.legal_bases.iter().any(|b| b.code == code)
}

fn uses_consent(activity: &ActivitySnapshot) -> bool {
    use entity::enums::SpecialCategoryCondition;
    uses_basis(activity, LegalBasisCode::Consent)
        || activity
            .activity
            .special_category_conditions
            .0
            .contains(&SpecialCategoryCondition::ExplicitConsent)
}

impl Builder<'_> {
    pub(super) fn rights(&self) -> Option<Section> {
        let activities = &self.snapshot.activities;
        let policy = self.snapshot.rights_policy.as_ref();
        let consent: Vec<&ActivitySnapshot> =
            activities.iter().filter(|a| uses_consent(a)).collect();
        let interests: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| uses_basis(a, LegalBasisCode::LegitimateInterests))
            .collect();
        let marketing: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| is_direct_marketing(a))
            .collect();

        // The offered rights in the policy's order; withdrawing consent only
        // where some processing rests on consent. The law requires telling
        // about withdrawal and about objecting to direct marketing wherever
        // they apply, so these follow even when the policy does not list them.
        let mut rights: Vec<(DataSubjectRight, Option<&Localized>)> = Vec::new();
        for offered in policy.map(|p| p.rights.0.as_slice()).unwrap_or_default() {
            let applies = offered.right != DataSubjectRight::WithdrawConsent || !consent.is_empty();
            if applies && !rights.iter().any(|(r, _)| *r == offered.right) {
                rights.push((offered.right, Some(&offered.note)));
            }
        }
        for (right, needed) in [
            (
                DataSubjectRight::ObjectionDirectMarketing,
                !marketing.is_empty(),
            ),
            (DataSubjectRight::WithdrawConsent, !consent.is_empty()),
        ] {
            if needed && !rights.iter().any(|(r, _)| *r == right) {
                rights.push((right, None));
            }
        }
        if rights.is_empty() {
            return None;
        }

        let org = &self.snapshot.organization;
        let authority = org
            .supervisory_authority
            .as_ref()
            .map(|a| a.name.trim())
            .filter(|n| !n.is_empty());
        let subsections = rights
            .into_iter()
            .map(|(right, note)| {
                let concerned = match right {
                    DataSubjectRight::WithdrawConsent => consent.as_slice(),
                    DataSubjectRight::Objection => interests.as_slice(),
                    DataSubjectRight::ObjectionDirectMarketing => marketing.as_slice(),
                    _ => &[],
                };
                let offered = note.is_some();
                let mut refs: Vec<SourceRef> = if offered {
                    self.policy_ref().into_iter().collect()
                } else {
                    Vec::new()
                };
                refs.extend(self.activity_refs(concerned.iter().copied()));
                let explanation = sentences([
                    self.t.right_explanation(right, authority),
                    if concerned.is_empty() {
                        String::new()
                    } else {
                        self.t.render(
                            "rights.concerns",
                            context! { purposes => self.purposes_phrase(concerned) },
                        )
                    },
                ]);
                let mut paragraphs = vec![Paragraph::plain(explanation, refs)];
                if let Some(note) = note.and_then(|n| self.pick(n)) {
                    paragraphs.push(Paragraph::plain(
                        note,
                        self.policy_ref().into_iter().collect(),
                    ));
                }
                Section {
                    id: format!("right-{}", right.as_str().to_lowercase().replace('_', "-")),
                    title: self.t.right(right),
                    paragraphs,
                    subsections: Vec::new(),
                }
            })
            .collect();

        let mut paragraphs = Vec::new();
        if let Some(policy) = policy {
            let email = non_blank(&org.privacy_email).or(non_blank(&org.contact_email));
            paragraphs.push(Paragraph::plain(
                sentences([
                    self.t.render(
                        "rights.intro",
                        context! { period => self.t.duration(&policy.response_period) },
                    ),
                    self.t.render("rights.how", context! { email }),
                ]),
                unique([source(RIGHTS_POLICY, policy.id), self.organization_ref()]),
            ));
        }
        self.top_section("rights", paragraphs, subsections)
    }
}
