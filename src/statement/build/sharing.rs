//! Sharing with third parties (section 4): processors, their agreements, other
//! controllers, disclosures and transfers outside the EEA.

use std::collections::BTreeSet;

use entity::enums::{AgreementStatus, Art28Clause, ProcessorRole, TransferSafeguard};
use entity::{processing_agreement, processor};
use minijinja::context;
use sea_orm::Iterable;

use super::{
    non_blank, sentences, source, unique, Builder, ACTIVITY, AGREEMENT, PROCESSOR, RIGHTS_POLICY,
};
use crate::register::eea::{is_unknown, outside_eea};
use crate::statement::document::{Paragraph, Section};
use crate::wording;

impl Builder<'_> {
    /// A processor or third party as a list item ("name (country) –
    /// service") or mid-sentence ("name (country), for service"): its
    /// name, the processor that engages it, its country when that differs
    /// from ours, its service.
    fn party_text(&self, key: &str, party: &processor::Model) -> String {
        let parent = party
            .parent_id
            .and_then(|id| self.snapshot.processor(id))
            .map(|p| self.party_name(p));
        let country = self.party_country(party);
        let service = self.pick(&party.service);
        let service = if key == "sharing.party" {
            service.map(|s| wording::common_noun(s.trim_end_matches('.')))
        } else {
            service.map(str::to_string)
        };
        self.t.render(
            key,
            context! { name => self.party_name(party), parent, country, service },
        )
    }

    /// The recipient's country when it is known and differs from ours.
    fn party_country(&self, party: &processor::Model) -> Option<String> {
        let country = party.country.trim().to_ascii_uppercase();
        (!country.is_empty()
            && !is_unknown(&country)
            && Some(&country) != self.home_country().as_ref())
        .then(|| self.t.country(&country))
    }

    /// Joint controllers, each with the essence of the arrangement
    /// (Art. 26(2)): a list, or one in sentences.
    fn joint_controllers(&self, list: &[&processor::Model]) -> Paragraph {
        let arrangement = |p: &processor::Model| {
            p.joint_arrangement
                .as_ref()
                .and_then(|a| self.pick(a))
                .map(str::to_string)
        };
        let items = list
            .iter()
            .map(|p| {
                self.t.render(
                    "sharing.joint_item",
                    context! {
                        party => self.party_text("sharing.party_item", p),
                        service => self.pick(&p.service),
                        arrangement => arrangement(p),
                    },
                )
            })
            .collect();
        let one = |_: &str| {
            let item = self.party_text("sharing.party", list[0]);
            sentences([
                self.t.render("sharing.joint_one", context! { item }),
                arrangement(list[0]).unwrap_or_default(),
            ])
        };
        let refs = list.iter().map(|p| source(PROCESSOR, p.id)).collect();
        self.listed(self.t.get("sharing.joint"), items, one, refs)
    }

    /// How to get a copy of the safeguards (Art. 13(1)(f)): by asking at
    /// the privacy address, else the general one.
    fn transfer_copy(&self) -> String {
        let org = &self.snapshot.organization;
        let email = non_blank(&org.privacy_email).or(non_blank(&org.contact_email));
        self.t.render("sharing.transfer_copy", context! { email })
    }

    /// Parties under the lead `key`: a list, or one party in a sentence.
    fn parties(&self, key: &str, list: &[&processor::Model]) -> Paragraph {
        let items = list
            .iter()
            .map(|p| self.party_text("sharing.party_item", p))
            .collect();
        let one = |_: &str| {
            let item = self.party_text("sharing.party", list[0]);
            self.t.render(&format!("{key}_one"), context! { item })
        };
        let refs = list.iter().map(|p| source(PROCESSOR, p.id)).collect();
        self.listed(self.t.get(key), items, one, refs)
    }

    pub(super) fn sharing(&self) -> Option<Section> {
        let mut parties: Vec<&processor::Model> = self.snapshot.processors.iter().collect();
        parties.sort_by_key(|p| (p.name.to_lowercase(), p.id));
        let with_role = |role: ProcessorRole| -> Vec<&processor::Model> {
            parties.iter().copied().filter(|p| p.role == role).collect()
        };
        let mut paragraphs = Vec::new();

        let processors = with_role(ProcessorRole::Processor);
        let sub_processors = with_role(ProcessorRole::SubProcessor);
        for (key, list) in [
            ("sharing.processors", &processors),
            ("sharing.sub_processors", &sub_processors),
        ] {
            if !list.is_empty() {
                paragraphs.push(self.parties(key, list));
            }
        }

        // The processing agreements in force (signed) with these parties.
        let bound: Vec<&processor::Model> =
            processors.iter().chain(&sub_processors).copied().collect();
        let mut signed: Vec<(&processor::Model, Vec<&processing_agreement::Model>)> = Vec::new();
        for party in &bound {
            let agreements: Vec<_> = self
                .snapshot
                .agreements_of(party.id)
                .filter(|a| a.status == AgreementStatus::Signed)
                .collect();
            if !agreements.is_empty() {
                signed.push((party, agreements));
            }
        }
        if !signed.is_empty() {
            let agreements: Vec<&processing_agreement::Model> = signed
                .iter()
                .flat_map(|(_, list)| list.iter().copied())
                .collect();
            let clauses: Vec<String> = Art28Clause::iter()
                .filter(|clause| agreements.iter().all(|a| a.clauses.contains(clause)))
                .map(|clause| self.t.clause(clause))
                .collect();
            let names: Vec<String> = signed.iter().map(|(p, _)| self.party_name(p)).collect();
            let agreed = self.t.render(
                "sharing.agreements",
                context! { all => signed.len() == bound.len(), count => signed.len(), names },
            );
            let count = agreements.len();
            let refs = signed
                .iter()
                .map(|(p, _)| source(PROCESSOR, p.id))
                .chain(agreements.iter().map(|a| source(AGREEMENT, a.id)));
            paragraphs.push(if clauses.is_empty() {
                Paragraph::plain(agreed, unique(refs))
            } else {
                let lead = self.t.render("sharing.clauses", context! { count });
                let one = |item: &str| {
                    let one = self
                        .t
                        .render("sharing.clauses_one", context! { count, item });
                    sentences([agreed.clone(), one])
                };
                self.listed(
                    sentences([agreed.clone(), lead]),
                    clauses,
                    one,
                    unique(refs),
                )
            });
        }

        let independent = with_role(ProcessorRole::IndependentController);
        if !independent.is_empty() {
            paragraphs.push(self.parties("sharing.independent", &independent));
        }
        let joint = with_role(ProcessorRole::JointController);
        if !joint.is_empty() {
            paragraphs.push(self.joint_controllers(&joint));
        }

        if let Some(policy) = &self.snapshot.rights_policy {
            let items: Vec<String> = policy
                .disclosure_purposes
                .iter()
                .filter_map(|p| self.pick(p))
                .map(str::to_string)
                .collect();
            if !items.is_empty() {
                paragraphs.push(self.listed_as(
                    "sharing.disclosure",
                    items,
                    vec![source(RIGHTS_POLICY, policy.id)],
                ));
            }
        }

        paragraphs.extend(self.transfers(&parties));
        self.top_section("sharing", paragraphs, Vec::new())
    }

    /// Transfers outside the EEA: those of the activities and those implied
    /// by where the recipients are, sub-processors included; or, when every
    /// party is known to be inside the EEA and no activity has a transfer,
    /// that the data stays there. A recipient whose country is unknown is
    /// neither listed nor counted as inside. Where a
    /// safeguard is a document, how to get a copy follows the list.
    fn transfers(&self, parties: &[&processor::Model]) -> Vec<Paragraph> {
        let mut items: Vec<String> = Vec::new();
        let mut refs = Vec::new();
        let mut safeguards = BTreeSet::new();
        for a in &self.snapshot.activities {
            for transfer in &a.activity.transfers.0 {
                let recipient = transfer
                    .recipient_id
                    .and_then(|id| self.snapshot.processor(id));
                refs.push(source(ACTIVITY, a.activity.id));
                refs.extend(recipient.map(|p| source(PROCESSOR, p.id)));
                safeguards.insert(transfer.safeguard);
                items.push(self.transfer_item(
                    &transfer.country,
                    recipient.map(|p| self.party_name(p)),
                    Some(transfer.safeguard),
                    self.pick(&transfer.description),
                ));
            }
        }
        for party in parties.iter().filter(|p| outside_eea(&p.country)) {
            refs.push(source(PROCESSOR, party.id));
            safeguards.extend(party.transfer_safeguard);
            items.push(self.transfer_item(
                &party.country,
                Some(self.party_name(party)),
                party.transfer_safeguard,
                None,
            ));
        }
        let mut distinct: Vec<String> = Vec::new();
        for item in items {
            if !distinct.contains(&item) {
                distinct.push(item);
            }
        }
        if !distinct.is_empty() {
            let copy = safeguards.iter().any(|s| {
                matches!(
                    s,
                    TransferSafeguard::StandardContractualClauses
                        | TransferSafeguard::BindingCorporateRules
                )
            });
            let refs = unique(refs);
            let copy = copy.then(|| Paragraph::plain(self.transfer_copy(), refs.clone()));
            let list = self.listed_as("sharing.transfers", distinct, refs);
            return [Some(list), copy].into_iter().flatten().collect();
        }
        // That nothing leaves the EEA is said only when the register knows
        // where every recipient is.
        let all_located = parties.iter().all(|p| !is_unknown(&p.country));
        (!parties.is_empty() && all_located)
            .then(|| {
                Paragraph::plain(
                    self.t.get("sharing.eea_only"),
                    parties.iter().map(|p| source(PROCESSOR, p.id)).collect(),
                )
            })
            .into_iter()
            .collect()
    }
}
