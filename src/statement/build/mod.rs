//! Register snapshot + language -> statement document.
//!
//! A pure function: no I/O, no clock; the same snapshot, language and context
//! always give the same document. Its sections follow the seed statement and
//! GDPR Art. 13/14. Whatever the register holds no data for is left out, and a
//! section with nothing in it is omitted. Every paragraph names the register
//! entries it was written from. All wording comes from [`crate::wording`];
//! register texts are copied as they are (the renderers escape them).
//!
//! This module holds the entry point and what the sections share; each
//! section is written in the file named after it.

mod changes;
mod contact;
mod cookies;
mod marketing;
mod purposes;
mod retention;
mod rights;
mod security;
mod sharing;
mod summary;
mod who_we_are;

#[cfg(test)]
mod cookies_tests;
#[cfg(test)]
mod law_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entity::enums::{Language, LegalBasisCode, TransferSafeguard};
use entity::values::{Address, Localized};
use entity::{legal_basis, processor};
use minijinja::context;
use uuid::Uuid;

use super::document::{Paragraph, Section, SourceRef, StatementDocument};
use super::entry_types::{
    ACTIVITY, AGREEMENT, DATA_CATEGORY, DATA_SUBJECT_CATEGORY, ORGANIZATION, PROCESSOR,
    RIGHTS_POLICY, TRACKER,
};
use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::{Indexed, RegisterSnapshot};
use crate::wording::{self, Wording};

/// What the statement says about its own publication.
#[derive(Clone, Debug, Default)]
pub struct BuildContext {
    /// The date of the version this document becomes; absent in a preview
    /// of unpublished changes and in the content hash.
    pub last_changed: Option<NaiveDate>,
    /// Where the version history is, e.g. `/statements/rezulto/nl/versions`.
    pub history_url: Option<String>,
}

/// The entries `ids` refer to, in their order, as `find` finds them in the
/// snapshot.
fn referred<'a, T>(ids: &[Uuid], find: impl Fn(Uuid) -> Option<&'a T>) -> Vec<&'a T> {
    ids.iter().filter_map(|id| find(*id)).collect()
}

/// Countries whose addresses put the town before the postcode.
const CITY_FIRST: &[&str] = &["AU", "CA", "GB", "IE", "NZ", "US"];

pub fn build(
    snapshot: &RegisterSnapshot,
    language: Language,
    context: &BuildContext,
) -> StatementDocument {
    let builder = Builder::new(snapshot, language);
    let organization = &snapshot.organization.legal_name;
    let sections = [
        builder.who_we_are(),
        builder.purposes(),
        builder.marketing(),
        builder.sharing(),
        builder.cookies(),
        builder.security(),
        builder.retention(),
        builder.rights(),
        builder.contact(),
        builder.changes(context),
    ];
    StatementDocument {
        summary: builder.summary(),
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

/// Dates `document`, built without `last_changed`, as `context` says: only
/// its changes section tells the date. A publish hashes the content of the
/// undated document, then dates it, and builds the statement once.
pub fn date(document: &mut StatementDocument, snapshot: &RegisterSnapshot, context: &BuildContext) {
    let changes = Builder::new(snapshot, document.language).changes(context);
    document.sections.retain(|section| section.id != CHANGES);
    document.sections.extend(changes);
}

/// The id of the last section, the one that tells the publication date.
const CHANGES: &str = "changes";

struct Builder<'a> {
    snapshot: Indexed<'a>,
    t: Wording,
    language: Language,
    default_language: Language,
}

impl<'a> Builder<'a> {
    fn new(snapshot: &'a RegisterSnapshot, language: Language) -> Self {
        Builder {
            snapshot: Indexed::new(snapshot),
            t: wording::wording(language),
            language,
            default_language: snapshot.organization.default_language,
        }
    }
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

/// Whether an activity's purpose is direct marketing, as the register
/// records it (objection to it is absolute, GDPR Art. 21(2)-(3)).
fn is_direct_marketing(activity: &ActivitySnapshot) -> bool {
    activity.activity.direct_marketing
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
    /// register gives one ("mailing houses", a common noun mid-sentence),
    /// else by its name.
    fn party_name(&self, party: &processor::Model) -> String {
        party
            .category
            .as_ref()
            .and_then(|c| self.pick(c))
            .map_or_else(|| party.name.clone(), wording::common_noun)
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
        let country_code = address.country.trim().to_ascii_uppercase();
        self.t.render(
            "common.address",
            context! {
                street => address.street,
                postal_code => address.postal_code,
                city => address.city,
                city_first => CITY_FIRST.contains(&country_code.as_str()),
                country => self.t.country(&country_code),
                country_code,
            },
        )
    }

    /// "per e-mail via x of telefonisch op y", if there is either.
    fn reach(&self, email: Option<&str>, phone: Option<&str>) -> Option<String> {
        let country = self.home_country().unwrap_or_default();
        let phone = phone.map(|number| self.t.phone(number, &country));
        (email.is_some() || phone.is_some())
            .then(|| self.t.render("common.reach", context! { email, phone }))
    }

    /// `items` as a list after `lead`; a single item in the sentence `one`
    /// makes of it, since a list of one reads as a form.
    fn listed(
        &self,
        lead: String,
        items: Vec<String>,
        one: impl FnOnce(&str) -> String,
        sources: Vec<SourceRef>,
    ) -> Paragraph {
        match items.as_slice() {
            [item] => Paragraph::plain(one(item), sources),
            _ => Paragraph::list(lead, items, sources),
        }
    }

    /// `listed` with the lead `key` and the sentence `<key>_one`.
    fn listed_as(&self, key: &str, items: Vec<String>, sources: Vec<SourceRef>) -> Paragraph {
        self.listed(
            self.t.get(key),
            items,
            |item| self.t.render(&format!("{key}_one"), context! { item }),
            sources,
        )
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

    /// A transfer outside the EEA as a list item: the purposes tell their
    /// own, the sharing section all of them.
    fn transfer_item(
        &self,
        country: &str,
        recipient: Option<String>,
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
}
