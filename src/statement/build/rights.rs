//! Your rights (section 7): those the rights policy offers and those the law
//! makes us tell, each with the activities it concerns.

use entity::enums::{DataSubjectRight, LegalBasisCode};
use entity::values::Localized;
use minijinja::context;

use super::{is_direct_marketing, non_blank, sentences, source, unique, Builder, RIGHTS_POLICY};
use crate::register::processing_activity::ActivitySnapshot;
use crate::statement::document::{Paragraph, Section, SourceRef};

/// The rights every data subject has, whatever the legal basis (Art. 15-21),
/// in the order the law gives them.
const LAW_RIGHTS: &[DataSubjectRight] = &[
    DataSubjectRight::Access,
    DataSubjectRight::Rectification,
    DataSubjectRight::Erasure,
    DataSubjectRight::Restriction,
    DataSubjectRight::Portability,
    DataSubjectRight::Objection,
];

/// The longest a request may wait for an answer, as ISO 8601 (Art. 12(3)).
const LAW_RESPONSE_PERIOD: &str = "P1M";

impl Builder<'_> {
    pub(super) fn rights(&self) -> Option<Section> {
        let activities = &self.snapshot.activities;
        // Without processing there is nothing to exercise a right against.
        if activities.is_empty() {
            return None;
        }
        let policy = self.snapshot.rights_policy.as_ref();
        let consent: Vec<&ActivitySnapshot> =
            activities.iter().filter(|a| a.has_consent()).collect();
        // Objection on grounds of one's situation covers processing on
        // legitimate interests and on a public task (Art. 21(1), 6(1)(e)-(f)).
        let objectable: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| {
                a.has_basis(LegalBasisCode::LegitimateInterests)
                    || a.has_basis(LegalBasisCode::PublicTask)
            })
            .collect();
        // Portability covers what rests on consent or a contract (Art. 20(1)).
        let portable: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| a.has_consent() || a.has_basis(LegalBasisCode::Contract))
            .collect();
        let marketing: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| is_direct_marketing(a))
            .collect();
        let profiled: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| a.activity.profiling.is_some())
            .collect();
        let decisions: Vec<&ActivitySnapshot> = activities
            .iter()
            .filter(|a| !a.activity.automated_decision_making.is_empty())
            .collect();

        // The offered rights in the policy's order; withdrawing consent only
        // where some processing rests on consent. The rights the law gives
        // everyone (Art. 13(2)(b) and (d)) follow when the policy leaves them
        // out or there is no policy, and so do withdrawal and objecting to
        // direct marketing wherever they apply.
        let mut rights: Vec<(DataSubjectRight, Option<&Localized>)> = Vec::new();
        for offered in policy.map(|p| p.rights.0.as_slice()).unwrap_or_default() {
            let applies = offered.right != DataSubjectRight::WithdrawConsent || !consent.is_empty();
            if applies && !rights.iter().any(|(r, _)| *r == offered.right) {
                rights.push((offered.right, Some(&offered.note)));
            }
        }
        let always = LAW_RIGHTS.iter().map(|&right| (right, true));
        for (right, needed) in always.chain([
            (
                DataSubjectRight::ObjectionDirectMarketing,
                !marketing.is_empty(),
            ),
            (DataSubjectRight::WithdrawConsent, !consent.is_empty()),
            // Whether Art. 22 decisions are taken is always said.
            (DataSubjectRight::AutomatedDecisions, true),
            (DataSubjectRight::Complaint, true),
        ]) {
            if needed && !rights.iter().any(|(r, _)| *r == right) {
                rights.push((right, None));
            }
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
                    DataSubjectRight::Objection => objectable.as_slice(),
                    DataSubjectRight::ObjectionDirectMarketing => marketing.as_slice(),
                    DataSubjectRight::Portability => portable.as_slice(),
                    DataSubjectRight::AutomatedDecisions => decisions.as_slice(),
                    _ => &[],
                };
                // A right the policy does not offer is stated by the
                // organisation because the law gives it.
                let mut refs: Vec<SourceRef> = if note.is_some() {
                    self.policy_ref().into_iter().collect()
                } else {
                    vec![self.organization_ref()]
                };
                refs.extend(self.activity_refs(concerned.iter().copied()));
                let explanation =
                    if right == DataSubjectRight::AutomatedDecisions && decisions.is_empty() {
                        refs.extend(self.activity_refs(profiled.iter().copied()));
                        self.no_automated_decisions(&profiled)
                    } else {
                        self.right_paragraph(right, authority, concerned)
                    };
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

        // Without a policy of its own the organisation answers within the
        // law's month (Art. 12(3)).
        let period = policy.map_or(LAW_RESPONSE_PERIOD, |p| p.response_period.as_str());
        let email = non_blank(&org.privacy_email).or(non_blank(&org.contact_email));
        let intro = Paragraph::plain(
            sentences([
                self.t.render(
                    "rights.intro",
                    context! { period => self.t.duration(period) },
                ),
                self.t.render("rights.how", context! { email }),
            ]),
            unique(
                policy
                    .map(|p| source(RIGHTS_POLICY, p.id))
                    .into_iter()
                    .chain([self.organization_ref()]),
            ),
        );
        self.top_section("rights", vec![intro], subsections)
    }

    /// That no Art. 22 decisions are taken, and that the profiling the
    /// purposes describe leads to none.
    fn no_automated_decisions(&self, profiled: &[&ActivitySnapshot]) -> String {
        let profiling = (!profiled.is_empty()).then(|| {
            self.t.render(
                "rights.profiling_no_decisions",
                context! { purposes => self.purposes_phrase(profiled) },
            )
        });
        sentences([
            self.t.get("rights.no_automated_decisions"),
            profiling.unwrap_or_default(),
        ])
    }

    /// What the law says of a right; where Art. 22 decisions are taken,
    /// their safeguards (Art. 22(3)); and the purposes it concerns.
    fn right_paragraph(
        &self,
        right: DataSubjectRight,
        authority: Option<&str>,
        concerned: &[&ActivitySnapshot],
    ) -> String {
        let safeguards = (right == DataSubjectRight::AutomatedDecisions)
            .then(|| self.t.get("rights.automated_safeguards"));
        let public_task = (right == DataSubjectRight::Objection
            && concerned
                .iter()
                .any(|a| a.has_basis(LegalBasisCode::PublicTask)))
        .then(|| self.t.get("rights.objection_public_task"));
        let concerns = (!concerned.is_empty()).then(|| {
            self.t.render(
                "rights.concerns",
                context! { purposes => self.purposes_phrase(concerned) },
            )
        });
        sentences([
            self.t.right_explanation(right, authority),
            public_task.unwrap_or_default(),
            safeguards.unwrap_or_default(),
            concerns.unwrap_or_default(),
        ])
    }
}
