//! Register snapshot + language -> statement document.
//!
//! A pure function: no I/O, no clock; the same snapshot, language and context
//! always give the same document. Its sections follow the seed statement and
//! GDPR Art. 13/14. Whatever the register holds no data for is left out, and a
//! section with nothing in it is omitted. Every paragraph names the register
//! entries it was written from. All wording comes from [`super::text`];
//! register texts are copied as they are (the renderers escape them).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entity::enums::{
    AgreementStatus, Art28Clause, DataSourceKind, DataSubjectRight, Language, LegalBasisCode,
    ProcessorRole, TransferSafeguard,
};
use entity::values::{Address, Localized};
use entity::{legal_basis, processing_agreement, processor};
use minijinja::context;
use sea_orm::Iterable;
use uuid::Uuid;

use super::document::{Paragraph, Section, SourceRef, StatementDocument};
use super::snapshot::RegisterSnapshot;
use super::text::{self, Wording};
use crate::register::eea::in_eea;
use crate::register::processing_activity::ActivitySnapshot;

/// What the statement says about its own publication.
#[derive(Clone, Debug, Default)]
pub struct BuildContext {
    /// The date of the version this document becomes; absent in a preview
    /// of unpublished changes and in the content hash.
    pub last_changed: Option<NaiveDate>,
    /// Where the version history is, e.g. `/statements/rezulto/nl/versions`.
    pub history_url: Option<String>,
}

// The GraphQL type names of the register entries a paragraph comes from.
const ORGANIZATION: &str = "Organization";
const ACTIVITY: &str = "ProcessingActivity";
const DATA_CATEGORY: &str = "DataCategory";
const DATA_SUBJECT_CATEGORY: &str = "DataSubjectCategory";
const PROCESSOR: &str = "Processor";
const AGREEMENT: &str = "ProcessingAgreement";
const RIGHTS_POLICY: &str = "RightsPolicy";

pub fn build(
    snapshot: &RegisterSnapshot,
    language: Language,
    context: &BuildContext,
) -> StatementDocument {
    let builder = Builder {
        snapshot,
        t: text::wording(language),
        language,
        default_language: snapshot.organization.default_language,
    };
    let organization = &snapshot.organization.legal_name;
    let sections = [
        builder.who_we_are(),
        builder.purposes(),
        builder.marketing(),
        builder.sharing(),
        builder.security(),
        builder.retention(),
        builder.rights(),
        builder.contact(),
        builder.changes(context),
    ];
    StatementDocument {
        language,
        title: builder
            .t
            .render("document.title", context! { organization }),
        intro: vec![Paragraph::plain(
            builder
                .t
                .render("document.intro", context! { organization }),
            vec![builder.organization_ref()],
        )],
        sections: sections.into_iter().flatten().collect(),
    }
}

struct Builder<'a> {
    snapshot: &'a RegisterSnapshot,
    t: Wording,
    language: Language,
    default_language: Language,
}

fn source(entity_type: &str, id: Uuid) -> SourceRef {
    SourceRef::new(entity_type, id)
}

/// The references without repeats, in their first order.
fn unique(refs: impl IntoIterator<Item = SourceRef>) -> Vec<SourceRef> {
    let mut unique: Vec<SourceRef> = Vec::new();
    for r in refs {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    unique
}

/// Sentences into one paragraph text.
fn sentences(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn non_blank(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// A section, unless it has nothing in it.
fn section(
    id: String,
    title: String,
    paragraphs: Vec<Paragraph>,
    subsections: Vec<Section>,
) -> Option<Section> {
    (!paragraphs.is_empty() || !subsections.is_empty()).then_some(Section {
        id,
        title,
        paragraphs,
        subsections,
    })
}

/// Whether an activity's purpose category is direct marketing
/// (`dpv:DirectMarketing`, `DIRECT_MARKETING`, ...).
fn is_direct_marketing(activity: &ActivitySnapshot) -> bool {
    activity
        .activity
        .purpose_category
        .as_deref()
        .is_some_and(|category| {
            let name = category.rsplit(':').next().unwrap_or(category);
            let letters: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
            letters.eq_ignore_ascii_case("directmarketing")
        })
}

/// A text cut into its sentences: after `.`, `!` or `?` followed by a space.
fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        if c.is_whitespace() && matches!(previous, '.' | '!' | '?') {
            sentences.push(text[start..i].trim());
            start = i;
        }
        previous = c;
    }
    sentences.push(text[start..].trim());
    sentences.retain(|s| !s.is_empty());
    sentences
}

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

impl<'a> Builder<'a> {
    /// One of the statement's numbered sections: its anchor is its wording
    /// key (`who_we_are` -> `#who-we-are`), its title `section.<key>`.
    fn top_section(
        &self,
        key: &str,
        paragraphs: Vec<Paragraph>,
        subsections: Vec<Section>,
    ) -> Option<Section> {
        section(
            key.replace('_', "-"),
            self.t.get(&format!("section.{key}")),
            paragraphs,
            subsections,
        )
    }

    /// How the statement names a recipient: by its category when the
    /// register gives one ("mailing houses"), else by its name.
    fn party_name<'l>(&self, party: &'l processor::Model) -> &'l str {
        party
            .category
            .as_ref()
            .and_then(|c| self.pick(c))
            .unwrap_or(&party.name)
    }

    /// A register text in the statement's language, else in the
    /// organization's default language, else in any language.
    fn pick<'l>(&self, text: &'l Localized) -> Option<&'l str> {
        text.pick(self.language, self.default_language)
    }

    fn organization_ref(&self) -> SourceRef {
        source(ORGANIZATION, self.snapshot.organization.id)
    }

    fn policy_ref(&self) -> Option<SourceRef> {
        self.snapshot
            .rights_policy
            .as_ref()
            .map(|p| source(RIGHTS_POLICY, p.id))
    }

    fn activity_name(&self, activity: &ActivitySnapshot) -> String {
        self.pick(&activity.activity.name)
            .unwrap_or_default()
            .to_string()
    }

    /// "het doel ‘a’" / "de doelen ‘a’ en ‘b’".
    fn purposes_phrase(&self, activities: &[&ActivitySnapshot]) -> String {
        let names: Vec<String> = activities
            .iter()
            .map(|a| self.t.quoted(&self.activity_name(a)))
            .collect();
        self.t
            .render("common.purposes", context! { count => names.len(), names })
    }

    fn activity_refs<'b>(
        &self,
        activities: impl IntoIterator<Item = &'b ActivitySnapshot>,
    ) -> Vec<SourceRef> {
        activities
            .into_iter()
            .map(|a| source(ACTIVITY, a.activity.id))
            .collect()
    }

    fn address(&self, address: &Address) -> String {
        self.t.render(
            "common.address",
            context! {
                street => address.street,
                postal_code => address.postal_code,
                city => address.city,
                country_code => address.country.trim().to_ascii_uppercase(),
                country => self.t.country(&address.country),
            },
        )
    }

    /// "per e-mail via x en telefonisch op y", if there is either.
    fn reach(&self, email: Option<&str>, phone: Option<&str>) -> Option<String> {
        (email.is_some() || phone.is_some())
            .then(|| self.t.render("common.reach", context! { email, phone }))
    }

    fn home_country(&self) -> Option<String> {
        self.snapshot
            .organization
            .address
            .as_ref()
            .map(|a| a.country.trim().to_ascii_uppercase())
    }

    fn basis_row(&self, code: &str) -> Option<&'a legal_basis::Model> {
        self.snapshot.legal_basis(code)
    }

    fn basis_name(&self, code: LegalBasisCode) -> String {
        self.basis_row(code.as_str())
            .and_then(|row| self.pick(&row.name))
            .map_or_else(|| self.t.legal_basis(code), str::to_string)
    }

    /// The distinct legal bases of some activities, in the order of Art. 6(1).
    fn basis_names<'b>(
        &self,
        activities: impl IntoIterator<Item = &'b ActivitySnapshot>,
    ) -> Vec<String> {
        let codes: BTreeSet<LegalBasisCode> = activities
            .into_iter()
            .flat_map(|a| a.legal_bases.iter().map(|b| b.code))
            .collect();
        codes
            .into_iter()
            .map(|code| self.basis_name(code))
            .collect()
    }

    // ---- 1. who we are ----

    fn who_we_are(&self) -> Option<Section> {
        let org = &self.snapshot.organization;
        let refs = || vec![self.organization_ref()];
        let country_code = self.home_country().unwrap_or_default();
        let trade_names: Vec<&str> = org
            .trade_names
            .0
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty() && *n != org.legal_name.trim())
            .collect();
        let mut paragraphs = vec![Paragraph::plain(
            sentences([
                self.t.render(
                    "who.controller",
                    context! { legal_name => org.legal_name, trade_names },
                ),
                org.address
                    .as_ref()
                    .map(|a| {
                        self.t
                            .render("who.address", context! { address => self.address(a) })
                    })
                    .unwrap_or_default(),
                non_blank(&org.registration_number)
                    .map(|number| {
                        self.t
                            .render("who.registration", context! { number, country_code })
                    })
                    .unwrap_or_default(),
            ]),
            refs(),
        )];

        let websites: Vec<&str> = org
            .websites
            .0
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect();
        let contact = sentences([
            self.reach(non_blank(&org.contact_email), non_blank(&org.phone))
                .map(|reach| self.t.render("who.contact", context! { reach }))
                .unwrap_or_default(),
            if websites.is_empty() {
                String::new()
            } else {
                self.t.render("who.websites", context! { websites })
            },
        ]);
        if !contact.is_empty() {
            paragraphs.push(Paragraph::plain(contact, refs()));
        }
        for (key, person) in [
            ("who.dpo", &org.dpo),
            ("who.representative", &org.representative),
        ] {
            let Some(person) = person else { continue };
            let name = person.name.trim();
            if name.is_empty() {
                continue;
            }
            let reach = self.reach(non_blank(&person.email), non_blank(&person.phone));
            paragraphs.push(Paragraph::plain(
                self.t.render(key, context! { name, reach }),
                refs(),
            ));
        }
        self.top_section("who_we_are", paragraphs, Vec::new())
    }

    // ---- 2. what we process and why ----

    fn purposes(&self) -> Option<Section> {
        let activities = &self.snapshot.activities;
        if activities.is_empty() {
            return None;
        }
        let subsections: Vec<Section> = activities.iter().map(|a| self.activity(a)).collect();
        let bases = self.basis_names(activities);
        let mut paragraphs = vec![Paragraph::plain(
            self.t.get("purposes.intro"),
            vec![self.organization_ref()],
        )];
        if !bases.is_empty() {
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

        let categories: Vec<_> = a
            .data_category_ids
            .iter()
            .filter_map(|id| self.snapshot.data_category(*id))
            .collect();
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
            paragraphs.push(Paragraph::list(
                self.t.get("purposes.data"),
                items,
                unique(refs),
            ));
        }

        let subjects: Vec<_> = a
            .data_subject_category_ids
            .iter()
            .filter_map(|id| self.snapshot.data_subject_category(*id))
            .collect();
        if !subjects.is_empty() {
            let names: Vec<&str> = subjects
                .iter()
                .map(|s| self.pick(&s.name).unwrap_or(&s.key))
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

        if !a.legal_bases.is_empty() {
            let items: Vec<String> = a
                .legal_bases
                .iter()
                .map(|basis| {
                    let row = self.basis_row(basis.code.as_str());
                    let interest = (basis.code == LegalBasisCode::LegitimateInterests)
                        .then(|| self.pick(&basis.legitimate_interest))
                        .flatten();
                    self.basis_item(self.basis_name(basis.code), row, interest)
                })
                .collect();
            let count = items.len();
            paragraphs.push(Paragraph::list(
                self.t.render("purposes.bases", context! { count }),
                items,
                own(),
            ));
        }

        let conditions: Vec<String> = activity
            .special_category_conditions
            .0
            .iter()
            .filter_map(|condition| self.basis_row(&format!("ART9_{}", condition.as_str())))
            .filter_map(|row| {
                self.pick(&row.name)
                    .map(|name| self.basis_item(name.to_string(), Some(row), None))
            })
            .collect();
        if !conditions.is_empty() {
            paragraphs.push(Paragraph::list(
                self.t.get("purposes.special"),
                conditions,
                own(),
            ));
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
        if let Some(text) = self.pick(&activity.automated_decision_making) {
            paragraphs.push(Paragraph::plain(
                self.t.render("purposes.automated", context! { text }),
                own(),
            ));
        }

        let recipients: Vec<&processor::Model> = a
            .recipient_ids
            .iter()
            .filter_map(|id| self.snapshot.processor(*id))
            .collect();
        if !recipients.is_empty() {
            let names: Vec<&str> = recipients.iter().map(|p| self.party_name(p)).collect();
            let refs = own()
                .into_iter()
                .chain(recipients.iter().map(|p| source(PROCESSOR, p.id)));
            paragraphs.push(Paragraph::plain(
                self.t.render("purposes.recipients", context! { names }),
                unique(refs),
            ));
        }

        if !activity.transfers.0.is_empty() {
            let mut refs = own();
            let items = activity
                .transfers
                .0
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
            paragraphs.push(Paragraph::list(
                self.t.get("purposes.transfers"),
                items,
                unique(refs),
            ));
        }

        Section {
            id: format!("purpose-{}", activity.id),
            title: self.activity_name(a),
            paragraphs,
            subsections: Vec::new(),
        }
    }

    fn basis_item(
        &self,
        name: String,
        row: Option<&legal_basis::Model>,
        interest: Option<&str>,
    ) -> String {
        self.t.render(
            "purposes.basis_item",
            context! {
                name,
                article => row.map(|r| r.article.as_str()),
                explanation => row.and_then(|r| self.pick(&r.explanation)),
                interest,
            },
        )
    }

    fn transfer_item(
        &self,
        country: &str,
        recipient: Option<&str>,
        safeguard: Option<TransferSafeguard>,
        description: Option<&str>,
    ) -> String {
        self.t.render(
            "sharing.transfer_item",
            context! {
                country => self.t.country(country),
                recipient,
                safeguard => safeguard.map(|s| self.t.safeguard(s)),
                description,
            },
        )
    }

    // ---- 3. communication and direct marketing ----

    fn marketing(&self) -> Option<Section> {
        let mut paragraphs = Vec::new();
        let marketing: Vec<&ActivitySnapshot> = self
            .snapshot
            .activities
            .iter()
            .filter(|a| is_direct_marketing(a))
            .collect();
        if !marketing.is_empty() {
            let bases = self.basis_names(marketing.iter().copied());
            paragraphs.push(Paragraph::plain(
                sentences([
                    self.t.render(
                        "marketing.activities",
                        context! { purposes => self.purposes_phrase(&marketing) },
                    ),
                    if bases.is_empty() {
                        String::new()
                    } else {
                        self.t.render("marketing.bases", context! { bases })
                    },
                ]),
                self.activity_refs(marketing.iter().copied()),
            ));
        }
        if let Some(policy) = &self.snapshot.rights_policy {
            let refs = || vec![source(RIGHTS_POLICY, policy.id)];
            if let Some(period) = non_blank(&policy.marketing_follow_up_period) {
                paragraphs.push(Paragraph::plain(
                    self.t.render(
                        "marketing.follow_up",
                        context! { period => self.t.duration(period) },
                    ),
                    refs(),
                ));
            }
            let unsubscribe = self.pick(&policy.unsubscribe).unwrap_or_default();
            // The opt-out time, unless the unsubscribe text already gives it.
            let opt_out = policy
                .opt_out_working_days
                .and_then(|days| u64::try_from(days).ok())
                .map(|days| self.t.working_days(days))
                .filter(|days| !unsubscribe.contains(days.as_str()))
                .map(|days| self.t.render("marketing.opt_out", context! { days }))
                .unwrap_or_default();
            let unsubscribe = sentences([unsubscribe.to_string(), opt_out]);
            if !unsubscribe.is_empty() {
                paragraphs.push(Paragraph::plain(unsubscribe, refs()));
            }
        }
        self.top_section("marketing", paragraphs, Vec::new())
    }

    // ---- 4. sharing with third parties ----

    /// A processor or third party as a list item: name, the processor that
    /// engages it, its country when that differs from ours, its service.
    fn party_item(&self, party: &processor::Model) -> String {
        let parent = party
            .parent_id
            .and_then(|id| self.snapshot.processor(id))
            .map(|p| self.party_name(p));
        let country = party.country.trim().to_ascii_uppercase();
        let country = (!country.is_empty() && Some(&country) != self.home_country().as_ref())
            .then(|| self.t.country(&country));
        self.t.render(
            "sharing.party_item",
            context! { name => self.party_name(party), parent, country, service => self.pick(&party.service) },
        )
    }

    fn sharing(&self) -> Option<Section> {
        let mut parties: Vec<&processor::Model> = self.snapshot.processors.iter().collect();
        parties.sort_by_key(|p| (p.name.to_lowercase(), p.id));
        let with_role = |role: ProcessorRole| -> Vec<&processor::Model> {
            parties.iter().copied().filter(|p| p.role == role).collect()
        };
        let party_refs = |list: &[&processor::Model]| {
            list.iter()
                .map(|p| source(PROCESSOR, p.id))
                .collect::<Vec<_>>()
        };
        let mut paragraphs = Vec::new();

        let processors = with_role(ProcessorRole::Processor);
        let sub_processors = with_role(ProcessorRole::SubProcessor);
        for (key, list) in [
            ("sharing.processors", &processors),
            ("sharing.sub_processors", &sub_processors),
        ] {
            if !list.is_empty() {
                let items = list.iter().map(|p| self.party_item(p)).collect();
                paragraphs.push(Paragraph::list(self.t.get(key), items, party_refs(list)));
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
                .filter(|clause| agreements.iter().all(|a| a.clauses.0.contains(clause)))
                .map(|clause| self.t.clause(clause))
                .collect();
            let names: Vec<&str> = signed.iter().map(|(p, _)| self.party_name(p)).collect();
            let mut text = vec![self.t.render(
                "sharing.agreements",
                context! { all => signed.len() == bound.len(), count => signed.len(), names },
            )];
            if !clauses.is_empty() {
                text.push(
                    self.t
                        .render("sharing.clauses", context! { count => agreements.len() }),
                );
            }
            let refs = signed
                .iter()
                .map(|(p, _)| source(PROCESSOR, p.id))
                .chain(agreements.iter().map(|a| source(AGREEMENT, a.id)));
            paragraphs.push(Paragraph::list(sentences(text), clauses, unique(refs)));
        }

        for (key, role) in [
            ("sharing.independent", ProcessorRole::IndependentController),
            ("sharing.joint", ProcessorRole::JointController),
        ] {
            let list = with_role(role);
            if !list.is_empty() {
                let items = list.iter().map(|p| self.party_item(p)).collect();
                paragraphs.push(Paragraph::list(self.t.get(key), items, party_refs(&list)));
            }
        }

        if let Some(policy) = &self.snapshot.rights_policy {
            let items: Vec<String> = policy
                .disclosure_purposes
                .0
                .iter()
                .filter_map(|p| self.pick(p))
                .map(str::to_string)
                .collect();
            if !items.is_empty() {
                paragraphs.push(Paragraph::list(
                    self.t.get("sharing.disclosure"),
                    items,
                    vec![source(RIGHTS_POLICY, policy.id)],
                ));
            }
        }

        paragraphs.extend(self.transfers(&parties));
        self.top_section("sharing", paragraphs, Vec::new())
    }

    /// Transfers outside the EEA: those of the activities and those implied
    /// by where the processors are; or, when every party is inside the EEA
    /// and no activity has a transfer, that the data stays there.
    fn transfers(&self, parties: &[&processor::Model]) -> Option<Paragraph> {
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
        for party in parties.iter().filter(|p| !in_eea(&p.country)) {
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
            let text = sentences([
                self.t.get("sharing.transfers"),
                if copy {
                    self.t.get("sharing.transfer_copy")
                } else {
                    String::new()
                },
            ]);
            return Some(Paragraph::list(text, distinct, unique(refs)));
        }
        (!parties.is_empty()).then(|| {
            Paragraph::plain(
                self.t.get("sharing.eea_only"),
                parties.iter().map(|p| source(PROCESSOR, p.id)).collect(),
            )
        })
    }

    // ---- 5. how the data is protected ----

    fn security(&self) -> Option<Section> {
        let mut measures: Vec<(&str, Vec<SourceRef>)> = Vec::new();
        for a in &self.snapshot.activities {
            let Some(text) = self.pick(&a.activity.security_measures) else {
                continue;
            };
            let r = source(ACTIVITY, a.activity.id);
            match measures.iter_mut().find(|(t, _)| *t == text) {
                Some((_, refs)) => refs.push(r),
                None => measures.push((text, vec![r])),
            }
        }
        let paragraphs = measures
            .into_iter()
            .map(|(text, refs)| Paragraph::plain(text, refs))
            .collect();
        self.top_section("security", paragraphs, Vec::new())
    }

    // ---- 6. how long it is kept ----

    fn retention(&self) -> Option<Section> {
        // Activities with the same rule share one paragraph.
        type Rule<'r> = (Option<&'r str>, Option<&'r str>, Option<&'r str>);
        let mut groups: Vec<(Rule, Vec<&ActivitySnapshot>)> = Vec::new();
        for a in &self.snapshot.activities {
            let Some(retention) = &a.activity.retention else {
                continue;
            };
            let period = non_blank(&retention.period);
            let trigger =
                non_blank(&retention.trigger).filter(|t| self.t.has(&format!("trigger_after.{t}")));
            let description = self.pick(&retention.description);
            if period.is_none() && trigger.is_none() && description.is_none() {
                continue;
            }
            let rule = (period, trigger, description);
            match groups.iter_mut().find(|(r, _)| *r == rule) {
                Some((_, list)) => list.push(a),
                None => groups.push((rule, vec![a])),
            }
        }
        // A closing sentence every description repeats is said once, after them.
        let descriptions: Vec<Vec<&str>> = groups
            .iter()
            .map(|((_, _, description), _)| description.map(split_sentences).unwrap_or_default())
            .collect();
        let mut shared = 0;
        if groups.len() > 1 {
            /// The `k`-th sentence from the end, counting from 0.
            fn tail<'s>(sentences: &[&'s str], k: usize) -> Option<&'s str> {
                sentences.len().checked_sub(k + 1).map(|i| sentences[i])
            }
            while let Some(sentence) = tail(&descriptions[0], shared) {
                if descriptions
                    .iter()
                    .all(|d| tail(d, shared) == Some(sentence))
                {
                    shared += 1;
                } else {
                    break;
                }
            }
            // A group whose description is its only rule keeps a sentence.
            while shared > 0
                && groups
                    .iter()
                    .zip(&descriptions)
                    .any(|(((period, trigger, _), _), d)| {
                        period.is_none() && trigger.is_none() && d.len() == shared
                    })
            {
                shared -= 1;
            }
        }
        let mut paragraphs: Vec<Paragraph> = groups
            .iter()
            .zip(&descriptions)
            .map(|(((period, trigger, description), activities), own_sentences)| {
                let purposes = self.purposes_phrase(activities);
                let described_only = period.is_none() && trigger.is_none();
                let period = period.map(|p| self.t.duration(p));
                let rule = match (period, trigger) {
                    (Some(period), Some(trigger)) => self.t.render(
                        "retention.period_trigger",
                        context! { purposes, period, trigger => self.t.get(&format!("trigger_after.{trigger}")) },
                    ),
                    (Some(period), None) => self.t.render("retention.period", context! { purposes, period }),
                    (None, Some(trigger)) => self.t.render(
                        "retention.trigger",
                        context! { purposes, until => self.t.get(&format!("trigger_until.{trigger}")) },
                    ),
                    (None, None) => self.t.render("retention.described", context! { purposes }),
                };
                let description = if shared == 0 {
                    description.unwrap_or_default().to_string()
                } else {
                    own_sentences[..own_sentences.len() - shared].join(" ")
                };
                // A rule of its own comes first; a description alone is
                // followed by what it applies to.
                let text = if described_only {
                    sentences([description, rule])
                } else {
                    sentences([rule, description])
                };
                Paragraph::plain(text, self.activity_refs(activities.iter().copied()))
            })
            .collect();
        if shared > 0 {
            let first = &descriptions[0];
            paragraphs.push(Paragraph::plain(
                first[first.len() - shared..].join(" "),
                self.activity_refs(
                    groups
                        .iter()
                        .flat_map(|(_, activities)| activities.iter().copied()),
                ),
            ));
        }
        self.top_section("retention", paragraphs, Vec::new())
    }

    // ---- 7. your rights ----

    fn rights(&self) -> Option<Section> {
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

    // ---- 8. contact and complaints ----

    fn contact(&self) -> Option<Section> {
        let org = &self.snapshot.organization;
        let mut paragraphs = Vec::new();
        let email = non_blank(&org.privacy_email).or(non_blank(&org.contact_email));
        let channels = self
            .snapshot
            .rights_policy
            .as_ref()
            .and_then(|p| self.pick(&p.channels).map(|c| (p, c)));
        // The e-mail address unless the channels already give it.
        if let Some(email) = email.filter(|e| channels.is_none_or(|(_, c)| !c.contains(e))) {
            paragraphs.push(Paragraph::plain(
                self.t.render("contact.privacy_email", context! { email }),
                vec![self.organization_ref()],
            ));
        }
        match (channels, &org.address) {
            (Some((policy, channels)), _) => {
                paragraphs.push(Paragraph::plain(
                    channels,
                    vec![source(RIGHTS_POLICY, policy.id)],
                ));
            }
            (None, Some(address)) => paragraphs.push(Paragraph::plain(
                self.t.render(
                    "contact.address",
                    context! { name => org.legal_name, address => self.address(address) },
                ),
                vec![self.organization_ref()],
            )),
            (None, None) => {}
        }
        if let Some(authority) = &org.supervisory_authority {
            let name = authority.name.trim();
            if !name.is_empty() {
                let url = non_blank(&authority.url);
                paragraphs.push(Paragraph::plain(
                    self.t.render("contact.authority", context! { name, url }),
                    vec![self.organization_ref()],
                ));
            }
        }
        self.top_section("contact", paragraphs, Vec::new())
    }

    // ---- 9. changes ----

    fn changes(&self, context: &BuildContext) -> Option<Section> {
        // The words that link to the version history, and where it is.
        let history =
            non_blank(&context.history_url).map(|url| (self.t.get("changes.history_link"), url));
        let text = sentences([
            context
                .last_changed
                .map(|date| {
                    self.t.render(
                        "changes.last_changed",
                        context! { date => self.t.date(date) },
                    )
                })
                .unwrap_or_default(),
            history
                .as_ref()
                .map(|(link, _)| self.t.render("changes.history", context! { link }))
                .unwrap_or_default(),
        ]);
        // A published statement says that it may change, and where it is.
        let paragraphs = if text.is_empty() {
            Vec::new()
        } else {
            let mut paragraph = Paragraph::plain(text, vec![self.organization_ref()]);
            if let Some((link, url)) = history {
                paragraph = paragraph.with_link(link, url);
            }
            vec![
                Paragraph::plain(
                    self.t.get("changes.reservation"),
                    vec![self.organization_ref()],
                ),
                paragraph,
            ]
        };
        self.top_section("changes", paragraphs, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use entity::enums::{ActivityStatus, LegalBasisKind};
    use entity::values::{
        DataSource, DataSourceList, OfferedRight, OfferedRightList, Retention, StringList,
        SupervisoryAuthority,
    };
    use entity::{
        activity_legal_basis, data_category, data_subject_category, organization,
        processing_activity, rights_policy,
    };

    use super::*;
    use crate::statement::document::TextLink;

    fn text(pairs: &[(&str, &str)]) -> Localized {
        Localized(
            pairs
                .iter()
                .map(|(l, t)| (l.to_string(), t.to_string()))
                .collect(),
        )
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    const ORG: u128 = 1;
    const ACTIVITY_ID: u128 = 10;
    const CATEGORY: u128 = 20;
    const SUBJECT: u128 = 30;

    /// An organization writing in Dutch by default, with one activity whose
    /// name exists only in English and whose purpose exists in both.
    fn snapshot() -> RegisterSnapshot {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let organization = organization::Model {
            id: id(ORG),
            slug: "acme".into(),
            legal_name: "Acme B.V.".into(),
            trade_names: StringList(vec![]),
            registration_number: Some("12345678".into()),
            address: Some(Address {
                street: "Straat 1".into(),
                postal_code: "1234 AB".into(),
                city: "Utrecht".into(),
                country: "NL".into(),
            }),
            contact_email: None,
            privacy_email: Some("privacy@acme.test".into()),
            phone: None,
            dpo: None,
            representative: None,
            supervisory_authority: Some(SupervisoryAuthority {
                name: "Autoriteit Persoonsgegevens".into(),
                url: None,
            }),
            default_language: Language::Nl,
            websites: StringList(vec![]),
            revision: 1,
            created_at: at,
            updated_at: at,
        };
        let activity = processing_activity::Model {
            id: id(ACTIVITY_ID),
            organization_id: id(ORG),
            name: text(&[("en", "Orders")]),
            purpose: text(&[
                ("nl", "Bestellingen <b>afhandelen</b> & *leveren*."),
                ("en", "Handling <b>orders</b>."),
            ]),
            purpose_category: Some("dpv:ServiceProvision".into()),
            status: ActivityStatus::Active,
            owner: None,
            retention: Some(Retention {
                period: Some("P2Y".into()),
                trigger: Some("LAST_PURCHASE_OR_SUBSCRIPTION_END".into()),
                description: Localized::default(),
            }),
            special_category_conditions: Default::default(),
            transfers: Default::default(),
            sources: DataSourceList(vec![DataSource {
                kind: DataSourceKind::DataSubject,
                description: Localized::default(),
            }]),
            security_measures: Localized::default(),
            automated_decision_making: Localized::default(),
            requirement: text(&[("nl", "   ")]),
            dpia_required: false,
            position: 1,
            search_text: String::new(),
            archived_at: None,
            revision: 1,
            created_at: at,
            updated_at: at,
        };
        RegisterSnapshot {
            organization,
            rights_policy: None,
            activities: vec![ActivitySnapshot {
                activity,
                legal_bases: vec![activity_legal_basis::Model {
                    activity_id: id(ACTIVITY_ID),
                    code: LegalBasisCode::Contract,
                    legitimate_interest: Localized::default(),
                    position: 0,
                }],
                data_category_ids: vec![id(CATEGORY)],
                data_subject_category_ids: vec![id(SUBJECT)],
                recipient_ids: vec![],
            }],
            data_categories: vec![data_category::Model {
                id: id(CATEGORY),
                organization_id: id(ORG),
                key: "contact.email".into(),
                name: text(&[("nl", "e-mailadres"), ("en", "e-mail address")]),
                description: Localized::default(),
                special_category: false,
                criminal_data: false,
                search_text: String::new(),
                archived_at: None,
                revision: 1,
                created_at: at,
                updated_at: at,
            }],
            data_subject_categories: vec![data_subject_category::Model {
                id: id(SUBJECT),
                organization_id: id(ORG),
                key: "customers".into(),
                name: text(&[("nl", "klanten")]),
                description: Localized::default(),
                search_text: String::new(),
                archived_at: None,
                revision: 1,
                created_at: at,
                updated_at: at,
            }],
            processors: vec![],
            agreements: vec![],
            legal_bases: vec![legal_basis::Model {
                code: "CONTRACT".into(),
                kind: LegalBasisKind::Art6,
                article: "6(1)(b)".into(),
                name: text(&[
                    ("nl", "uitvoering van een overeenkomst"),
                    ("en", "performance of a contract"),
                ]),
                explanation: text(&[
                    ("nl", "Nodig voor de overeenkomst."),
                    ("en", "Needed for the contract."),
                ]),
                position: 1,
            }],
        }
    }

    fn section<'d>(document: &'d StatementDocument, id: &str) -> Option<&'d Section> {
        document.sections.iter().find(|s| s.id == id)
    }

    fn all_paragraphs(section: &Section) -> Vec<&Paragraph> {
        section
            .paragraphs
            .iter()
            .chain(section.subsections.iter().flat_map(all_paragraphs))
            .collect()
    }

    fn all_text(document: &StatementDocument) -> String {
        document
            .sections
            .iter()
            .flat_map(all_paragraphs)
            .flat_map(|p| std::iter::once(&p.text).chain(&p.items))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn register_texts_fall_back_to_the_default_language_then_any() {
        let snapshot = snapshot();
        // Requested Dutch, default Dutch, only English: any language.
        let nl = build(&snapshot, Language::Nl, &BuildContext::default());
        let purposes = section(&nl, "purposes").expect("purposes");
        assert_eq!(purposes.subsections[0].title, "Orders");
        assert_eq!(
            purposes.subsections[0].paragraphs[0].text,
            "Bestellingen <b>afhandelen</b> & *leveren*."
        );
        // Requested English, only Dutch: the default language.
        let en = build(&snapshot, Language::En, &BuildContext::default());
        let activity = &section(&en, "purposes").unwrap().subsections[0];
        assert_eq!(activity.paragraphs[0].text, "Handling <b>orders</b>.");
        assert!(
            activity
                .paragraphs
                .iter()
                .any(|p| p.text == "This concerns data about klanten."),
            "{activity:#?}"
        );
        assert!(activity
            .paragraphs
            .iter()
            .any(|p| p.items == ["E-mail address"]));
    }

    #[test]
    fn the_controller_sentence_reads_with_and_without_trade_names() {
        let controller = |trade_names: &[&str], language: Language| {
            let mut snapshot = snapshot();
            snapshot.organization.trade_names =
                StringList(trade_names.iter().map(|n| n.to_string()).collect());
            let document = build(&snapshot, language, &BuildContext::default());
            let who = section(&document, "who-we-are").expect("who we are");
            who.paragraphs[0].text.clone()
        };
        assert!(
            controller(&[], Language::Nl)
                .starts_with("Acme B.V. is de verwerkingsverantwoordelijke:"),
            "{}",
            controller(&[], Language::Nl)
        );
        assert!(
            controller(&[], Language::En).starts_with("Acme B.V. is the controller:"),
            "{}",
            controller(&[], Language::En)
        );
        assert!(controller(&["Acme"], Language::Nl).starts_with(
            "Acme B.V., handelend onder de naam Acme, is de verwerkingsverantwoordelijke:"
        ));
        assert!(controller(&["Acme", "Acme Shop"], Language::Nl).starts_with(
            "Acme B.V., handelend onder de namen Acme en Acme Shop, is de verwerkingsverantwoordelijke:"
        ));
        assert!(controller(&["Acme"], Language::En)
            .starts_with("Acme B.V., trading as Acme, is the controller:"));
        // The legal name itself is no trade name.
        assert!(
            controller(&["Acme B.V."], Language::En).starts_with("Acme B.V. is the controller:")
        );
    }

    #[test]
    fn automated_decisions_are_told_as_the_register_says_them() {
        let mut snapshot = snapshot();
        snapshot.activities[0].activity.automated_decision_making = text(&[
            ("en", "We tailor offers to your orders."),
            ("nl", "Wij stemmen aanbiedingen af op uw bestellingen."),
        ]);
        for (language, expected) in [
            (Language::En, "Profiling and automated decisions: We tailor offers to your orders."),
            (
                Language::Nl,
                "Profilering en geautomatiseerde beslissingen: Wij stemmen aanbiedingen af op uw bestellingen.",
            ),
        ] {
            let document = build(&snapshot, language, &BuildContext::default());
            let activity = &section(&document, "purposes").unwrap().subsections[0];
            assert!(
                activity.paragraphs.iter().any(|p| p.text == expected),
                "{activity:#?}"
            );
        }
    }

    #[test]
    fn list_items_give_their_explanation_after_a_dash() {
        let mut snapshot = snapshot();
        snapshot.activities[0]
            .legal_bases
            .push(activity_legal_basis::Model {
                activity_id: id(ACTIVITY_ID),
                code: LegalBasisCode::LegitimateInterests,
                legitimate_interest: text(&[("en", "Acme wants to prevent fraud.")]),
                position: 1,
            });
        let document = build(&snapshot, Language::En, &BuildContext::default());
        let activity = &section(&document, "purposes").unwrap().subsections[0];
        let bases = activity
            .paragraphs
            .iter()
            .find(|p| p.items.len() == 2)
            .expect("the legal bases");
        assert_eq!(
            bases.items,
            [
                "Performance of a contract (Article 6(1)(b) GDPR) – Needed for the contract.",
                // No legal basis row: the name from the wording, the interest as the register says it.
                "Legitimate interests – Acme wants to prevent fraud.",
            ]
        );
    }

    #[test]
    fn the_right_to_complain_refers_to_the_contact_section() {
        let mut snapshot = snapshot();
        snapshot.rights_policy = Some(rights_policy::Model {
            id: id(40),
            organization_id: id(ORG),
            response_period: "P4W".into(),
            opt_out_working_days: None,
            marketing_follow_up_period: None,
            channels: Localized::default(),
            rights: OfferedRightList(vec![OfferedRight {
                right: DataSubjectRight::Complaint,
                note: Localized::default(),
            }]),
            disclosure_purposes: Default::default(),
            unsubscribe: Localized::default(),
            revision: 1,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        });
        let document = build(&snapshot, Language::En, &BuildContext::default());
        let rights = section(&document, "rights").unwrap();
        assert_eq!(
            rights.subsections[0].paragraphs[0].text,
            "You have the right to lodge a complaint with the supervisory authority (see ‘Contact and complaints’)."
        );
        let contact = section(&document, "contact").unwrap();
        assert_eq!(contact.title, "Contact and complaints");
        assert!(all_paragraphs(contact)
            .iter()
            .any(|p| p.text.contains("Autoriteit Persoonsgegevens")));
        assert_eq!(
            all_text(&document)
                .matches("Autoriteit Persoonsgegevens")
                .count(),
            1,
            "the authority is named once"
        );
    }

    #[test]
    fn items_without_data_are_left_out() {
        let document = build(&snapshot(), Language::En, &BuildContext::default());
        let ids: Vec<&str> = document.sections.iter().map(|s| s.id.as_str()).collect();
        // No rights policy, no processors, no marketing, no security measures,
        // no publication date: those sections are omitted.
        assert_eq!(ids, ["who-we-are", "purposes", "retention", "contact"]);
        let text = all_text(&document);
        // A blank requirement, no automated decisions, no DPO, no phone.
        for absent in [
            "Do you have to provide",
            "Profiling",
            "data protection officer",
            "telephone",
            "website",
        ] {
            assert!(!text.contains(absent), "`{absent}` in {text}");
        }
        // A data source without a description still says where data comes from.
        assert!(text.contains("You provide this data to us yourself."));
        assert!(
            text.contains(
                "until two years after your last purchase or the end of your subscription"
            ),
            "{text}"
        );
        assert!(
            text.contains("Chamber of Commerce (KvK) under number 12345678"),
            "{text}"
        );
    }

    #[test]
    fn empty_register_gives_only_the_identity() {
        let mut snapshot = snapshot();
        snapshot.activities.clear();
        snapshot.organization.supervisory_authority = None;
        snapshot.organization.privacy_email = None;
        snapshot.organization.address = None;
        snapshot.organization.registration_number = None;
        let document = build(&snapshot, Language::Nl, &BuildContext::default());
        let ids: Vec<&str> = document.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["who-we-are"]);
        assert_eq!(document.sections[0].paragraphs.len(), 1);
    }

    #[test]
    fn every_paragraph_names_its_sources() {
        let mut snapshot = snapshot();
        snapshot.rights_policy = Some(rights_policy::Model {
            id: id(40),
            organization_id: id(ORG),
            response_period: "P4W".into(),
            opt_out_working_days: Some(20),
            marketing_follow_up_period: None,
            channels: Localized::default(),
            rights: OfferedRightList(vec![OfferedRight {
                right: DataSubjectRight::Access,
                note: text(&[("nl", "Vraag het ons.")]),
            }]),
            disclosure_purposes: Default::default(),
            unsubscribe: Localized::default(),
            revision: 1,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        });
        let context = BuildContext {
            last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
            history_url: Some("/h".into()),
        };
        let document = build(&snapshot, Language::Nl, &context);
        for section in &document.sections {
            for paragraph in all_paragraphs(section) {
                assert!(
                    !paragraph.sources.is_empty(),
                    "no sources in {}: {}",
                    section.id,
                    paragraph.text
                );
            }
        }
        let activity = &section(&document, "purposes").unwrap().subsections[0];
        assert_eq!(activity.id, format!("purpose-{}", id(ACTIVITY_ID)));
        let data = activity
            .paragraphs
            .iter()
            .find(|p| p.items == ["E-mailadres"])
            .expect("data paragraph");
        assert_eq!(
            data.sources,
            [
                SourceRef::new(ACTIVITY, id(ACTIVITY_ID)),
                SourceRef::new(DATA_CATEGORY, id(CATEGORY))
            ]
        );
        let subjects = activity
            .paragraphs
            .iter()
            .find(|p| p.text.contains("klanten"))
            .unwrap();
        assert!(subjects
            .sources
            .contains(&SourceRef::new(DATA_SUBJECT_CATEGORY, id(SUBJECT))));
        let rights = section(&document, "rights").unwrap();
        assert_eq!(rights.subsections[0].id, "right-access");
        assert!(rights.paragraphs[0].text.contains("vier weken"));
        assert_eq!(
            rights.subsections[0].paragraphs[1].sources,
            [SourceRef::new(RIGHTS_POLICY, id(40))]
        );
        // The opt-out time without an unsubscribe text still says the time.
        let marketing = section(&document, "marketing").unwrap();
        assert_eq!(
            marketing.paragraphs[0].text,
            "Uw afmelding verwerken wij binnen twintig werkdagen."
        );
    }

    #[test]
    fn register_texts_are_not_escaped() {
        let document = build(&snapshot(), Language::Nl, &BuildContext::default());
        let text = all_text(&document);
        assert!(
            text.contains("Bestellingen <b>afhandelen</b> & *leveren*."),
            "{text}"
        );
        assert!(!text.contains("&lt;") && !text.contains("&amp;"));
    }

    #[test]
    fn last_changed_only_when_given() {
        let snapshot = snapshot();
        let preview = build(&snapshot, Language::Nl, &BuildContext::default());
        assert!(section(&preview, "changes").is_none());

        let dated = BuildContext {
            last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
            history_url: None,
        };
        let document = build(&snapshot, Language::Nl, &dated);
        let changes = section(&document, "changes").expect("changes");
        assert!(
            changes.paragraphs[0]
                .text
                .starts_with("Wij kunnen deze privacyverklaring wijzigen"),
            "{changes:#?}"
        );
        assert_eq!(
            changes.paragraphs[1].text,
            "Deze privacyverklaring is voor het laatst bijgewerkt op 2 februari 2026."
        );
        let document = build(&snapshot, Language::En, &dated);
        assert!(section(&document, "changes").unwrap().paragraphs[1]
            .text
            .ends_with("2 February 2026."));

        let history = BuildContext {
            last_changed: None,
            history_url: Some("/statements/acme/nl/versions".into()),
        };
        let document = build(&snapshot, Language::Nl, &history);
        let paragraph = &section(&document, "changes").unwrap().paragraphs[1];
        assert!(!paragraph.text.contains("bijgewerkt op"), "{paragraph:?}");
        assert!(
            paragraph.text.contains("versiegeschiedenis"),
            "{paragraph:?}"
        );
        assert_eq!(
            paragraph.links,
            [TextLink {
                text: "versiegeschiedenis".into(),
                href: "/statements/acme/nl/versions".into()
            }]
        );
        let markdown = crate::statement::render::markdown(&document);
        assert!(
            markdown.contains("[versiegeschiedenis](/statements/acme/nl/versions)"),
            "{markdown}"
        );
        let html = crate::statement::render::html(&document);
        assert!(
            html.contains("<a href=\"/statements/acme/nl/versions\">versiegeschiedenis</a>"),
            "{html}"
        );
    }

    #[test]
    fn a_sentence_every_retention_text_repeats_is_said_once() {
        let mut snapshot = snapshot();
        let mut second = snapshot.activities[0].clone();
        second.activity.id = id(11);
        second.activity.name = text(&[("en", "Support")]);
        second.activity.retention = Some(Retention {
            period: None,
            trigger: None,
            description: text(&[("en", "Until answered. We follow the law.")]),
        });
        snapshot.activities[0]
            .activity
            .retention
            .as_mut()
            .unwrap()
            .description = text(&[("en", "Two years. We follow the law.")]);
        snapshot.activities.push(second);
        let document = build(&snapshot, Language::En, &BuildContext::default());
        let retention = section(&document, "retention").unwrap();
        let texts: Vec<&str> = retention
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "We keep the data for the purpose ‘Orders’ until two years after your last purchase or the end of \
                 your subscription. Two years.",
                "Until answered. This applies to the data for the purpose ‘Support’.",
                "We follow the law.",
            ]
        );
        assert_eq!(retention.paragraphs[2].sources.len(), 2);
    }

    #[test]
    fn sentences_are_split_after_their_end_mark() {
        assert_eq!(split_sentences("A b. C? D! E"), ["A b.", "C?", "D!", "E"]);
        assert_eq!(
            split_sentences("Rezulto B.V. keeps it.  "),
            ["Rezulto B.V.", "keeps it."]
        );
        assert!(split_sentences(" ").is_empty());
    }

    #[test]
    fn the_opt_out_time_is_not_repeated() {
        let mut snapshot = snapshot();
        snapshot.rights_policy = Some(rights_policy::Model {
            id: id(40),
            organization_id: id(ORG),
            response_period: "P1M".into(),
            opt_out_working_days: Some(20),
            marketing_follow_up_period: Some("P2Y".into()),
            channels: Localized::default(),
            rights: Default::default(),
            disclosure_purposes: Default::default(),
            unsubscribe: text(&[("en", "Use the link; it takes twenty working days.")]),
            revision: 1,
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        });
        let document = build(&snapshot, Language::En, &BuildContext::default());
        let marketing = section(&document, "marketing").unwrap();
        let texts: Vec<&str> = marketing
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "If you have bought something from us or taken out a subscription, we may keep you informed for up \
                 to two years after your last purchase or the end of your subscription.",
                "Use the link; it takes twenty working days.",
            ]
        );
    }

    #[test]
    fn output_is_deterministic() {
        let snapshot = snapshot();
        let context = BuildContext {
            last_changed: NaiveDate::from_ymd_opt(2026, 2, 2),
            history_url: None,
        };
        assert_eq!(
            build(&snapshot, Language::Nl, &context),
            build(&snapshot, Language::Nl, &context)
        );
    }
}
