//! The compliance checks: pure functions from the register to findings,
//! one row of `CHECKS` each. Only active entries count: the snapshot
//! holds the active, unarchived activities and the unarchived processors
//! and agreements; drafts and archived recipients come separately, for the
//! checks that are about them.

use chrono::{Days, NaiveDate};
use entity::enums::{AgreementStatus, Language, LegalBasisCode, ProcessorRole, TransferSafeguard};
use entity::values::Localized;
use entity::{data_category, processing_activity, processing_agreement, processor};
use uuid::Uuid;

use super::message::{self, Fact, Facts};
use crate::register::eea::in_eea;
use crate::register::processing_activity::ActivitySnapshot;
use crate::register::processing_agreement::missing_clauses;
use crate::statement::snapshot::RegisterSnapshot;

/// How much a finding stands in the way of a lawful register, most first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, async_graphql::Enum)]
pub enum Severity {
    /// The processing as registered is unlawful, or the statement cannot
    /// say what GDPR Art. 13/14 require.
    Blocking,
    /// A gap in the record, a deadline, or an obligation to act on.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

/// How many days before its end a processing agreement is reported.
pub const EXPIRY_NOTICE_DAYS: u64 = 60;

/// The register as the checks see it, read at one moment.
#[derive(Clone, Debug)]
pub struct Register {
    pub snapshot: RegisterSnapshot,
    /// Draft, unarchived activities: the statement leaves them out.
    pub drafts: Vec<processing_activity::Model>,
    /// Archived processors that active activities still name.
    pub archived_recipients: Vec<processor::Model>,
    /// The latest published version of each language that has one.
    pub statements: Vec<PublishedStatement>,
    pub today: NaiveDate,
}

#[derive(Clone, Debug)]
pub struct PublishedStatement {
    pub language: Language,
    pub version_id: Uuid,
    pub version: i32,
    /// Whether the statement the register gives now differs from it.
    pub changed: bool,
}

/// Something the register lacks or should look at.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable: front-ends and integrations may key on it.
    pub code: &'static str,
    pub severity: Severity,
    /// The register entries it is about: the one to act on first, then
    /// those that make it matter (e.g. a processor, then the activities
    /// that send it data).
    pub entity_ids: Vec<Uuid>,
    facts: Facts,
}

impl Finding {
    /// What is wrong, in `language`; register texts missing in it are
    /// taken in `default`.
    pub fn message(&self, language: Language, default: Language) -> String {
        message::render(self.code, &self.facts, language, default)
    }
}

/// One finding of a check, before it is given its code.
struct Hit {
    entity_ids: Vec<Uuid>,
    facts: Facts,
}

impl Hit {
    fn about(entity_ids: impl IntoIterator<Item = Uuid>) -> Self {
        Hit {
            entity_ids: entity_ids.into_iter().collect(),
            facts: Facts::default(),
        }
    }

    fn with(mut self, placeholder: &'static str, fact: Fact) -> Self {
        self.facts = self.facts.with(placeholder, fact);
        self
    }
}

struct Check {
    code: &'static str,
    severity: Severity,
    detect: fn(&Register) -> Vec<Hit>,
}

const fn check(code: &'static str, severity: Severity, detect: fn(&Register) -> Vec<Hit>) -> Check {
    Check {
        code,
        severity,
        detect,
    }
}

use Severity::{Blocking, Info, Warning};

/// Every check, each with its code. A check's hits come in register order.
#[rustfmt::skip] // a table reads best one row a line
const CHECKS: &[Check] = &[
    check("ACTIVITY_WITHOUT_LEGAL_BASIS",            Blocking, without_legal_basis),
    check("LEGITIMATE_INTEREST_NOT_SPELLED_OUT",     Blocking, interest_not_spelled_out),
    check("SPECIAL_CATEGORY_WITHOUT_CONDITION",      Blocking, special_without_condition),
    check("PROCESSOR_WITHOUT_AGREEMENT",             Blocking, processor_without_agreement),
    check("TRANSFER_WITHOUT_SAFEGUARD",              Blocking, transfer_without_safeguard),
    check("RECIPIENT_OUTSIDE_EEA_WITHOUT_SAFEGUARD", Blocking, recipient_without_safeguard),
    check("ORGANIZATION_WITHOUT_CONTACT",            Blocking, organization_without_contact),
    check("NO_RIGHTS_POLICY",                        Blocking, no_rights_policy),
    check("ACTIVITY_WITHOUT_RETENTION",              Warning,  without_retention),
    check("AGREEMENT_EXPIRING",                      Warning,  agreement_expiring),
    check("AGREEMENT_EXPIRED",                       Warning,  agreement_expired),
    check("AGREEMENT_MISSING_CLAUSES",               Warning,  agreement_missing_clauses),
    check("ACTIVITY_WITHOUT_DATA_CATEGORIES",        Warning,  without_data_categories),
    check("ACTIVITY_WITHOUT_DATA_SUBJECTS",          Warning,  without_data_subjects),
    check("DPIA_REQUIRED",                           Warning,  dpia_required),
    check("NO_SUPERVISORY_AUTHORITY",                Warning,  no_supervisory_authority),
    check("CRIMINAL_DATA",                           Warning,  criminal_data),
    check("DRAFT_ACTIVITY",                          Info,     draft_activity),
    check("ARCHIVED_RECIPIENT",                      Info,     archived_recipient),
    check("STATEMENT_CHANGED_SINCE_PUBLISHED",       Info,     statement_changed),
    check("STATEMENT_NOT_PUBLISHED",                 Info,     statement_not_published),
];

/// Every finding, the most severe first, then by code, then in register
/// order: the same register always gives the same list.
pub fn findings(register: &Register) -> Vec<Finding> {
    let mut findings: Vec<Finding> = CHECKS
        .iter()
        .flat_map(|check| {
            (check.detect)(register).into_iter().map(|hit| Finding {
                code: check.code,
                severity: check.severity,
                entity_ids: hit.entity_ids,
                facts: hit.facts,
            })
        })
        .collect();
    // Stable: hits of one code keep their register order.
    findings.sort_by(|a, b| (a.severity, a.code).cmp(&(b.severity, b.code)));
    findings
}

// ---- what the checks ask of the register ----

/// Everyone an activity sends data to: its recipients and the recipients
/// of its transfers.
pub fn recipients_of(activity: &ActivitySnapshot) -> impl Iterator<Item = Uuid> + '_ {
    let transfers = activity.activity.transfers.0.iter();
    activity
        .recipient_ids
        .iter()
        .copied()
        .chain(transfers.filter_map(|transfer| transfer.recipient_id))
}

impl Register {
    fn activities(&self) -> &[ActivitySnapshot] {
        &self.snapshot.activities
    }

    fn organization_id(&self) -> Uuid {
        self.snapshot.organization.id
    }

    /// The active activities that send data to processor `id` directly.
    fn sending_to(&self, id: Uuid) -> Vec<&ActivitySnapshot> {
        self.sending_to_any(&[id])
    }

    fn sending_to_any(&self, ids: &[Uuid]) -> Vec<&ActivitySnapshot> {
        self.activities()
            .iter()
            .filter(|activity| recipients_of(activity).any(|r| ids.contains(&r)))
            .collect()
    }

    /// The active activities whose data reaches `processor`: those sending
    /// to it, and for a sub-processor those sending to the processors it
    /// works for, who pass the data on.
    fn reaching(&self, processor: &processor::Model) -> Vec<&ActivitySnapshot> {
        let mut chain = vec![processor.id];
        let mut parent = processor.parent_id;
        // The register refuses cycles; the bound keeps a bad row harmless.
        while let Some(id) = parent.filter(|_| chain.len() <= self.snapshot.processors.len()) {
            chain.push(id);
            parent = self.snapshot.processor(id).and_then(|p| p.parent_id);
        }
        self.sending_to_any(&chain)
    }

    /// A signed agreement with the processor that is in force today.
    fn agreement_in_force(&self, processor_id: Uuid) -> Option<&processing_agreement::Model> {
        self.snapshot
            .agreements_of(processor_id)
            .filter(|agreement| in_force(agreement, self.today))
            // The one that lasts longest; no end date lasts longest of all.
            .max_by_key(|agreement| (agreement.expires_on.is_none(), agreement.expires_on))
    }

    /// The data categories of `activity` that `flag` marks. Archived
    /// categories count: the activity still names them, and so does the
    /// statement.
    fn categories_of<'a>(
        &'a self,
        activity: &'a ActivitySnapshot,
        flag: fn(&data_category::Model) -> bool,
    ) -> Vec<&'a data_category::Model> {
        activity
            .data_category_ids
            .iter()
            .filter_map(|id| self.snapshot.data_category(*id))
            .filter(|category| flag(category))
            .collect()
    }
}

/// Signed, in effect, and not past its last day.
fn in_force(agreement: &processing_agreement::Model, today: NaiveDate) -> bool {
    agreement.status == AgreementStatus::Signed
        && agreement.effective_on.is_none_or(|from| from <= today)
        && agreement.expires_on.is_none_or(|until| today <= until)
}

/// Marked expired, or signed with an end date gone by.
fn has_expired(agreement: &processing_agreement::Model, today: NaiveDate) -> bool {
    match agreement.status {
        AgreementStatus::Expired => true,
        AgreementStatus::Signed => agreement.expires_on.is_some_and(|until| until < today),
        AgreementStatus::Draft | AgreementStatus::Terminated => false,
    }
}

/// Whether a register text says anything in any language.
fn says_something(text: &Localized) -> bool {
    text.0.values().any(|t| !t.trim().is_empty())
}

fn is_blank(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(|t| t.trim().is_empty())
}

// ---- hits ----

fn activity_hit(activity: &processing_activity::Model) -> Hit {
    Hit::about([activity.id]).with("activity", Fact::Name(activity.name.clone()))
}

/// A hit for each active activity for which `problem` holds.
fn activities_where(register: &Register, problem: impl Fn(&ActivitySnapshot) -> bool) -> Vec<Hit> {
    register
        .activities()
        .iter()
        .filter(|activity| problem(activity))
        .map(|activity| activity_hit(&activity.activity))
        .collect()
}

/// A hit for each active activity with data categories that `flag` marks,
/// when `problem` holds for it: about the activity and those categories.
fn activities_with_categories(
    register: &Register,
    flag: fn(&data_category::Model) -> bool,
    problem: impl Fn(&ActivitySnapshot) -> bool,
) -> Vec<Hit> {
    register
        .activities()
        .iter()
        .filter(|activity| problem(activity))
        .filter_map(|activity| {
            let categories = register.categories_of(activity, flag);
            (!categories.is_empty()).then(|| {
                let names = categories.iter().map(|c| Fact::Name(c.name.clone()));
                Hit::about(
                    std::iter::once(activity.activity.id).chain(categories.iter().map(|c| c.id)),
                )
                .with("activity", Fact::Name(activity.activity.name.clone()))
                .with("categories", Fact::List(names.collect()))
            })
        })
        .collect()
}

/// A hit about a processor and the activities that make it matter, or none
/// when no activity does.
fn processor_hit(processor: &processor::Model, activities: &[&ActivitySnapshot]) -> Option<Hit> {
    if activities.is_empty() {
        return None;
    }
    let ids = activities.iter().map(|a| a.activity.id);
    let names = activities
        .iter()
        .map(|a| Fact::Name(a.activity.name.clone()));
    Some(
        Hit::about(std::iter::once(processor.id).chain(ids))
            .with("processor", Fact::Plain(processor.name.clone()))
            .with("activities", Fact::List(names.collect())),
    )
}

fn organization_hit(register: &Register, problem: bool) -> Vec<Hit> {
    if problem {
        vec![Hit::about([register.organization_id()])]
    } else {
        Vec::new()
    }
}

// ---- the checks ----

fn without_legal_basis(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.legal_bases.is_empty())
}

fn interest_not_spelled_out(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity.legal_bases.iter().any(|basis| {
            basis.code == LegalBasisCode::LegitimateInterests
                && !says_something(&basis.legitimate_interest)
        })
    })
}

fn special_without_condition(register: &Register) -> Vec<Hit> {
    activities_with_categories(
        register,
        |category| category.special_category,
        |activity| activity.activity.special_category_conditions.0.is_empty(),
    )
}

/// Processors (and sub-processors) the organization sends data to itself
/// need an Art. 28(3) agreement with it; a sub-processor engaged by a
/// processor is bound by that processor (Art. 28(4)), so only direct
/// recipients count.
fn processor_without_agreement(register: &Register) -> Vec<Hit> {
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| {
            matches!(
                p.role,
                ProcessorRole::Processor | ProcessorRole::SubProcessor
            )
        })
        .filter(|p| register.agreement_in_force(p.id).is_none())
        .filter_map(|p| processor_hit(p, &register.sending_to(p.id)))
        .collect()
}

fn transfer_without_safeguard(register: &Register) -> Vec<Hit> {
    let mut hits = Vec::new();
    for activity in register.activities() {
        for transfer in &activity.activity.transfers.0 {
            if !in_eea(&transfer.country) && transfer.safeguard == TransferSafeguard::None {
                let ids = std::iter::once(activity.activity.id).chain(transfer.recipient_id);
                hits.push(
                    Hit::about(ids)
                        .with("activity", Fact::Name(activity.activity.name.clone()))
                        .with("country", Fact::Country(transfer.country.clone())),
                );
            }
        }
    }
    hits
}

/// Wherever the data goes, a third country needs a safeguard: so a
/// sub-processor counts through the processors it works for.
fn recipient_without_safeguard(register: &Register) -> Vec<Hit> {
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| !in_eea(&p.country))
        .filter(|p| {
            p.transfer_safeguard
                .is_none_or(|s| s == TransferSafeguard::None)
        })
        .filter_map(|p| {
            let hit = processor_hit(p, &register.reaching(p))?;
            Some(hit.with("country", Fact::Country(p.country.clone())))
        })
        .collect()
}

fn organization_without_contact(register: &Register) -> Vec<Hit> {
    let organization = &register.snapshot.organization;
    let unreachable =
        is_blank(&organization.privacy_email) && is_blank(&organization.contact_email);
    organization_hit(register, unreachable)
}

fn no_rights_policy(register: &Register) -> Vec<Hit> {
    organization_hit(register, register.snapshot.rights_policy.is_none())
}

fn without_retention(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.activity.retention.is_none())
}

/// The agreement a processor relies on, when it ends soon. An older
/// agreement that a longer one has replaced is no concern.
fn agreement_expiring(register: &Register) -> Vec<Hit> {
    let horizon = register.today + Days::new(EXPIRY_NOTICE_DAYS);
    register
        .snapshot
        .processors
        .iter()
        .filter_map(|p| {
            let agreement = register.agreement_in_force(p.id)?;
            let until = agreement.expires_on.filter(|until| *until <= horizon)?;
            Some(
                Hit::about([agreement.id, p.id])
                    .with("processor", Fact::Plain(p.name.clone()))
                    .with("date", Fact::Date(until)),
            )
        })
        .collect()
}

/// A processor still sent data whose agreement expired and was not
/// replaced: the latest expired agreement, the processor, the activities.
fn agreement_expired(register: &Register) -> Vec<Hit> {
    let today = register.today;
    register
        .snapshot
        .processors
        .iter()
        .filter(|p| register.agreement_in_force(p.id).is_none())
        .filter_map(|p| {
            let expired = register
                .snapshot
                .agreements_of(p.id)
                .filter(|agreement| has_expired(agreement, today))
                .max_by_key(|agreement| (agreement.expires_on, agreement.signed_on))?;
            let mut hit = processor_hit(p, &register.sending_to(p.id))?;
            hit.entity_ids.insert(0, expired.id);
            let date = expired.expires_on.map_or(Fact::Absent, Fact::Date);
            Some(hit.with("date", date))
        })
        .collect()
}

/// Agreements that are or will be relied on: drafts and signed ones that
/// have not expired.
fn agreement_missing_clauses(register: &Register) -> Vec<Hit> {
    let today = register.today;
    register
        .snapshot
        .agreements
        .iter()
        .filter(|a| matches!(a.status, AgreementStatus::Draft | AgreementStatus::Signed))
        .filter(|a| !has_expired(a, today))
        .filter_map(|agreement| {
            let processor = register.snapshot.processor(agreement.processor_id)?;
            let missing = missing_clauses(&agreement.clauses.0);
            (!missing.is_empty()).then(|| {
                Hit::about([agreement.id, processor.id])
                    .with("processor", Fact::Plain(processor.name.clone()))
                    .with(
                        "clauses",
                        Fact::List(missing.into_iter().map(Fact::Clause).collect()),
                    )
            })
        })
        .collect()
}

fn without_data_categories(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.data_category_ids.is_empty())
}

fn without_data_subjects(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| {
        activity.data_subject_category_ids.is_empty()
    })
}

/// The register records that a DPIA is needed, not that it was done: the
/// finding reminds that it must be on file.
fn dpia_required(register: &Register) -> Vec<Hit> {
    activities_where(register, |activity| activity.activity.dpia_required)
}

fn no_supervisory_authority(register: &Register) -> Vec<Hit> {
    let authority = &register.snapshot.organization.supervisory_authority;
    organization_hit(register, authority.is_none())
}

fn criminal_data(register: &Register) -> Vec<Hit> {
    activities_with_categories(register, |category| category.criminal_data, |_| true)
}

fn draft_activity(register: &Register) -> Vec<Hit> {
    register.drafts.iter().map(activity_hit).collect()
}

/// The statement names only unarchived recipients, so a link to an
/// archived one says something the statement no longer does.
fn archived_recipient(register: &Register) -> Vec<Hit> {
    register
        .archived_recipients
        .iter()
        .filter_map(|p| processor_hit(p, &register.sending_to(p.id)))
        .collect()
}

fn statement_changed(register: &Register) -> Vec<Hit> {
    register
        .statements
        .iter()
        .filter(|statement| statement.changed)
        .map(|statement| {
            Hit::about([statement.version_id])
                .with("language", Fact::Language(statement.language))
                .with("version", Fact::Number(statement.version))
        })
        .collect()
}

fn statement_not_published(register: &Register) -> Vec<Hit> {
    organization_hit(register, register.statements.is_empty())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{DateTime, Utc};
    use entity::enums::{ActivityStatus, Art28Clause, SpecialCategoryCondition};
    use entity::values::{ClauseList, ConditionList, Retention, SupervisoryAuthority, Transfer};
    use entity::{activity_legal_basis, data_subject_category, organization, rights_policy};
    use sea_orm::Iterable;

    use super::*;

    const ORGANIZATION: Uuid = Uuid::from_u128(1);
    const ACTIVITY: Uuid = Uuid::from_u128(10);
    const CATEGORY: Uuid = Uuid::from_u128(20);
    const SUBJECTS: Uuid = Uuid::from_u128(30);
    const PROCESSOR: Uuid = Uuid::from_u128(40);
    const AGREEMENT: Uuid = Uuid::from_u128(50);
    const VERSION: Uuid = Uuid::from_u128(60);

    fn today() -> NaiveDate {
        date("2026-06-01")
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn at() -> DateTime<Utc> {
        DateTime::UNIX_EPOCH
    }

    fn english(text: &str) -> Localized {
        Localized([("en".to_string(), text.to_string())].into())
    }

    fn organization() -> organization::Model {
        organization::Model {
            id: ORGANIZATION,
            slug: "acme".into(),
            legal_name: "Acme B.V.".into(),
            trade_names: Default::default(),
            registration_number: None,
            address: None,
            contact_email: None,
            privacy_email: Some("privacy@acme.test".into()),
            phone: None,
            dpo: None,
            representative: None,
            supervisory_authority: Some(SupervisoryAuthority {
                name: "Autoriteit Persoonsgegevens".into(),
                url: None,
            }),
            default_language: Language::En,
            websites: Default::default(),
            revision: 1,
            created_at: at(),
            updated_at: at(),
        }
    }

    fn rights_policy() -> rights_policy::Model {
        rights_policy::Model {
            id: Uuid::from_u128(2),
            organization_id: ORGANIZATION,
            response_period: "P4W".into(),
            opt_out_working_days: None,
            marketing_follow_up_period: None,
            channels: Default::default(),
            rights: Default::default(),
            disclosure_purposes: Default::default(),
            unsubscribe: Default::default(),
            revision: 1,
            created_at: at(),
            updated_at: at(),
        }
    }

    fn activity_model(id: Uuid, name: &str, status: ActivityStatus) -> processing_activity::Model {
        processing_activity::Model {
            id,
            organization_id: ORGANIZATION,
            name: english(name),
            purpose: english("Selling things."),
            purpose_category: None,
            status,
            owner: None,
            retention: Some(Retention {
                period: Some("P2Y".into()),
                trigger: None,
                description: Default::default(),
            }),
            special_category_conditions: Default::default(),
            transfers: Default::default(),
            sources: Default::default(),
            security_measures: Default::default(),
            automated_decision_making: Default::default(),
            requirement: Default::default(),
            dpia_required: false,
            position: 1,
            search_text: String::new(),
            archived_at: None,
            revision: 1,
            created_at: at(),
            updated_at: at(),
        }
    }

    fn basis(code: LegalBasisCode, interest: Localized) -> activity_legal_basis::Model {
        activity_legal_basis::Model {
            activity_id: ACTIVITY,
            code,
            legitimate_interest: interest,
            position: 0,
        }
    }

    /// "Webshop": active, on a contract, with retention, one data category,
    /// one group of data subjects and one processor.
    fn webshop() -> ActivitySnapshot {
        ActivitySnapshot {
            activity: activity_model(ACTIVITY, "Webshop", ActivityStatus::Active),
            legal_bases: vec![basis(LegalBasisCode::Contract, Localized::default())],
            data_category_ids: vec![CATEGORY],
            data_subject_category_ids: vec![SUBJECTS],
            recipient_ids: vec![PROCESSOR],
        }
    }

    fn category(id: Uuid, name: &str) -> data_category::Model {
        data_category::Model {
            id,
            organization_id: ORGANIZATION,
            key: name.to_lowercase(),
            name: english(name),
            description: Default::default(),
            special_category: false,
            criminal_data: false,
            search_text: String::new(),
            archived_at: None,
            revision: 1,
            created_at: at(),
            updated_at: at(),
        }
    }

    fn processor(id: Uuid, name: &str, country: &str) -> processor::Model {
        processor::Model {
            id,
            organization_id: ORGANIZATION,
            name: name.into(),
            role: ProcessorRole::Processor,
            service: Default::default(),
            category: None,
            country: country.into(),
            contact: None,
            parent_id: None,
            transfer_safeguard: None,
            search_text: String::new(),
            archived_at: None,
            revision: 1,
            created_at: at(),
            updated_at: at(),
        }
    }

    /// Signed, in force, covering every clause.
    fn agreement(id: Uuid, processor_id: Uuid) -> processing_agreement::Model {
        processing_agreement::Model {
            id,
            organization_id: ORGANIZATION,
            processor_id,
            status: AgreementStatus::Signed,
            signed_on: Some(date("2025-01-01")),
            effective_on: Some(date("2025-01-01")),
            expires_on: None,
            document_ref: None,
            clauses: ClauseList(Art28Clause::iter().collect()),
            sub_processor_authorisation: None,
            archived_at: None,
            revision: 1,
            created_at: at(),
            updated_at: at(),
        }
    }

    /// A register without findings: the webshop, its data, its processor
    /// under an agreement, a rights policy, an up-to-date statement.
    fn register() -> Register {
        Register {
            snapshot: RegisterSnapshot {
                organization: organization(),
                rights_policy: Some(rights_policy()),
                activities: vec![webshop()],
                data_categories: vec![category(CATEGORY, "Name")],
                data_subject_categories: vec![data_subject_category::Model {
                    id: SUBJECTS,
                    organization_id: ORGANIZATION,
                    key: "customers".into(),
                    name: english("customers"),
                    description: Default::default(),
                    search_text: String::new(),
                    archived_at: None,
                    revision: 1,
                    created_at: at(),
                    updated_at: at(),
                }],
                processors: vec![processor(PROCESSOR, "Mailer", "NL")],
                agreements: vec![agreement(AGREEMENT, PROCESSOR)],
                legal_bases: Vec::new(),
            },
            drafts: Vec::new(),
            archived_recipients: Vec::new(),
            statements: vec![PublishedStatement {
                language: Language::En,
                version_id: VERSION,
                version: 1,
                changed: false,
            }],
            today: today(),
        }
    }

    fn with(edit: impl FnOnce(&mut Register)) -> Register {
        let mut register = register();
        edit(&mut register);
        register
    }

    fn webshop_of(register: &mut Register) -> &mut ActivitySnapshot {
        &mut register.snapshot.activities[0]
    }

    /// The entity ids of each finding with `code`.
    fn found(register: &Register, code: &str) -> Vec<Vec<Uuid>> {
        findings(register)
            .into_iter()
            .filter(|finding| finding.code == code)
            .map(|finding| finding.entity_ids)
            .collect()
    }

    fn message(register: &Register, code: &str) -> String {
        let finding = findings(register)
            .into_iter()
            .find(|finding| finding.code == code)
            .unwrap_or_else(|| panic!("no {code}"));
        finding.message(Language::En, Language::En)
    }

    #[test]
    fn a_complete_register_has_no_findings() {
        assert_eq!(findings(&register()), Vec::new());
    }

    #[test]
    fn an_active_activity_needs_a_legal_basis() {
        let code = "ACTIVITY_WITHOUT_LEGAL_BASIS";
        let without = with(|r| webshop_of(r).legal_bases.clear());
        assert_eq!(found(&without, code), [vec![ACTIVITY]]);
        assert!(message(&without, code).contains("‘Webshop’"));
        // A draft without one is only a draft.
        let draft = with(|r| {
            let mut webshop = r.snapshot.activities.remove(0).activity;
            webshop.status = ActivityStatus::Draft;
            r.drafts.push(webshop);
        });
        assert_eq!(found(&draft, code), Vec::<Vec<Uuid>>::new());
    }

    #[test]
    fn a_legitimate_interest_must_be_spelled_out() {
        let code = "LEGITIMATE_INTEREST_NOT_SPELLED_OUT";
        let blank = with(|r| {
            let interest = Localized([("en".to_string(), "  ".to_string())].into());
            webshop_of(r).legal_bases = vec![basis(LegalBasisCode::LegitimateInterests, interest)];
        });
        assert_eq!(found(&blank, code), [vec![ACTIVITY]]);
        let spelled_out = with(|r| {
            let interest = english("Preventing fraud.");
            webshop_of(r).legal_bases = vec![basis(LegalBasisCode::LegitimateInterests, interest)];
        });
        assert!(found(&spelled_out, code).is_empty());
    }

    #[test]
    fn special_category_data_needs_an_art9_condition() {
        let code = "SPECIAL_CATEGORY_WITHOUT_CONDITION";
        let health = Uuid::from_u128(21);
        let special = |r: &mut Register| {
            let mut category = category(health, "Health");
            category.special_category = true;
            r.snapshot.data_categories.push(category);
            webshop_of(r).data_category_ids.push(health);
        };
        let without = with(special);
        assert_eq!(found(&without, code), [vec![ACTIVITY, health]]);
        assert!(message(&without, code).contains("(‘Health’)"));
        let with_condition = with(|r| {
            special(r);
            webshop_of(r).activity.special_category_conditions =
                ConditionList(vec![SpecialCategoryCondition::ExplicitConsent]);
        });
        assert!(found(&with_condition, code).is_empty());
    }

    #[test]
    fn a_processor_needs_a_signed_agreement_in_force() {
        let code = "PROCESSOR_WITHOUT_AGREEMENT";
        let none = with(|r| r.snapshot.agreements.clear());
        assert_eq!(found(&none, code), [vec![PROCESSOR, ACTIVITY]]);
        assert!(message(&none, code).contains("‘Mailer’ receives data for ‘Webshop’"));
        let unsigned = [
            AgreementStatus::Draft,
            AgreementStatus::Expired,
            AgreementStatus::Terminated,
        ];
        for status in unsigned {
            let register = with(|r| r.snapshot.agreements[0].status = status);
            assert_eq!(found(&register, code).len(), 1, "{status:?}");
        }
        let past = with(|r| r.snapshot.agreements[0].expires_on = Some(date("2026-05-31")));
        assert_eq!(found(&past, code).len(), 1, "expired yesterday");
        let future = with(|r| r.snapshot.agreements[0].effective_on = Some(date("2026-07-01")));
        assert_eq!(found(&future, code).len(), 1, "not yet in effect");
        let last_day = with(|r| r.snapshot.agreements[0].expires_on = Some(today()));
        assert!(
            found(&last_day, code).is_empty(),
            "in force on its last day"
        );
        // Another controller needs no Art. 28 agreement, and a processor
        // no active activity sends data to is no concern.
        let controller = with(|r| {
            r.snapshot.agreements.clear();
            r.snapshot.processors[0].role = ProcessorRole::IndependentController;
        });
        assert!(found(&controller, code).is_empty());
        let unused = with(|r| {
            r.snapshot.agreements.clear();
            webshop_of(r).recipient_ids.clear();
        });
        assert!(found(&unused, code).is_empty());
    }

    fn transfer(country: &str, safeguard: TransferSafeguard) -> Transfer {
        Transfer {
            country: country.into(),
            recipient_id: Some(PROCESSOR),
            safeguard,
            description: Default::default(),
        }
    }

    #[test]
    fn a_transfer_outside_the_eea_needs_a_safeguard() {
        let code = "TRANSFER_WITHOUT_SAFEGUARD";
        let unsafe_transfer = with(|r| {
            webshop_of(r).activity.transfers.0 = vec![transfer("US", TransferSafeguard::None)];
        });
        assert_eq!(found(&unsafe_transfer, code), [vec![ACTIVITY, PROCESSOR]]);
        assert!(message(&unsafe_transfer, code).contains("outside the EEA (United States)"));
        let safeguarded = with(|r| {
            let clauses = TransferSafeguard::StandardContractualClauses;
            webshop_of(r).activity.transfers.0 = vec![transfer("US", clauses)];
        });
        assert!(found(&safeguarded, code).is_empty());
        // Within the EEA data moves freely.
        let inside = with(|r| {
            webshop_of(r).activity.transfers.0 = vec![transfer("BE", TransferSafeguard::None)];
        });
        assert!(found(&inside, code).is_empty());
    }

    #[test]
    fn a_recipient_outside_the_eea_needs_a_safeguard() {
        let code = "RECIPIENT_OUTSIDE_EEA_WITHOUT_SAFEGUARD";
        for safeguard in [None, Some(TransferSafeguard::None)] {
            let register = with(|r| {
                r.snapshot.processors[0].country = "US".into();
                r.snapshot.processors[0].transfer_safeguard = safeguard;
            });
            assert_eq!(
                found(&register, code),
                [vec![PROCESSOR, ACTIVITY]],
                "{safeguard:?}"
            );
        }
        let adequate = with(|r| {
            r.snapshot.processors[0].country = "CH".into();
            r.snapshot.processors[0].transfer_safeguard = Some(TransferSafeguard::AdequacyDecision);
        });
        assert!(found(&adequate, code).is_empty());
        // A sub-processor receives what its processor passes on.
        let sub = Uuid::from_u128(41);
        let sub_processor = with(|r| {
            let mut hosting = processor(sub, "Hosting", "US");
            hosting.role = ProcessorRole::SubProcessor;
            hosting.parent_id = Some(PROCESSOR);
            r.snapshot.processors.push(hosting);
        });
        assert_eq!(found(&sub_processor, code), [vec![sub, ACTIVITY]]);
        // One nobody sends data to receives nothing.
        let unused = with(|r| {
            r.snapshot.processors.push(processor(sub, "Hosting", "US"));
        });
        assert!(found(&unused, code).is_empty());
    }

    #[test]
    fn the_organization_needs_an_email_address() {
        let code = "ORGANIZATION_WITHOUT_CONTACT";
        let none = with(|r| r.snapshot.organization.privacy_email = Some(" ".into()));
        assert_eq!(found(&none, code), [vec![ORGANIZATION]]);
        let contact = with(|r| {
            r.snapshot.organization.privacy_email = None;
            r.snapshot.organization.contact_email = Some("info@acme.test".into());
        });
        assert!(found(&contact, code).is_empty());
    }

    #[test]
    fn a_rights_policy_must_be_saved() {
        let code = "NO_RIGHTS_POLICY";
        let none = with(|r| r.snapshot.rights_policy = None);
        assert_eq!(found(&none, code), [vec![ORGANIZATION]]);
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn an_active_activity_needs_retention() {
        let code = "ACTIVITY_WITHOUT_RETENTION";
        let none = with(|r| webshop_of(r).activity.retention = None);
        assert_eq!(found(&none, code), [vec![ACTIVITY]]);
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn an_agreement_ending_within_sixty_days_is_reported() {
        let code = "AGREEMENT_EXPIRING";
        let ending =
            |until: &str| with(|r| r.snapshot.agreements[0].expires_on = Some(date(until)));
        let soon = ending("2026-07-31");
        assert_eq!(found(&soon, code), [vec![AGREEMENT, PROCESSOR]]);
        assert!(message(&soon, code).contains("ends on 31 July 2026"));
        assert!(
            found(&ending("2026-08-01"), code).is_empty(),
            "61 days ahead"
        );
        // Renewed: the new agreement is the one relied on.
        let renewed = with(|r| {
            r.snapshot.agreements[0].expires_on = Some(date("2026-07-31"));
            let mut next = agreement(Uuid::from_u128(51), PROCESSOR);
            next.expires_on = Some(date("2028-07-31"));
            r.snapshot.agreements.push(next);
        });
        assert!(found(&renewed, code).is_empty());
    }

    #[test]
    fn an_expired_agreement_of_a_processor_still_used_is_reported() {
        let code = "AGREEMENT_EXPIRED";
        let expired = with(|r| r.snapshot.agreements[0].expires_on = Some(date("2026-05-01")));
        assert_eq!(
            found(&expired, code),
            [vec![AGREEMENT, PROCESSOR, ACTIVITY]]
        );
        assert!(message(&expired, code).contains("expired on 1 May 2026"));
        let marked = with(|r| r.snapshot.agreements[0].status = AgreementStatus::Expired);
        assert!(message(&marked, code).contains("expired, while"));
        let unused = with(|r| {
            r.snapshot.agreements[0].expires_on = Some(date("2026-05-01"));
            webshop_of(r).recipient_ids.clear();
        });
        assert!(found(&unused, code).is_empty());
        let replaced = with(|r| {
            r.snapshot.agreements[0].expires_on = Some(date("2026-05-01"));
            r.snapshot
                .agreements
                .push(agreement(Uuid::from_u128(51), PROCESSOR));
        });
        assert!(found(&replaced, code).is_empty());
    }

    #[test]
    fn an_agreement_must_cover_every_art28_clause() {
        let code = "AGREEMENT_MISSING_CLAUSES";
        let partial = with(|r| {
            r.snapshot.agreements[0].clauses = ClauseList(vec![
                Art28Clause::Instructions,
                Art28Clause::Confidentiality,
                Art28Clause::Security,
                Art28Clause::SubProcessors,
                Art28Clause::DataSubjectRights,
                Art28Clause::Assistance,
            ]);
        });
        assert_eq!(found(&partial, code), [vec![AGREEMENT, PROCESSOR]]);
        assert!(
            message(&partial, code).contains(
                "missing: deletion or return of the data (g) and audits and inspections (h)."
            ),
            "{}",
            message(&partial, code)
        );
        let terminated = with(|r| {
            r.snapshot.agreements[0].clauses = ClauseList(Vec::new());
            r.snapshot.agreements[0].status = AgreementStatus::Terminated;
        });
        assert!(found(&terminated, code).is_empty());
    }

    #[test]
    fn an_active_activity_names_its_data_and_data_subjects() {
        let no_data = with(|r| webshop_of(r).data_category_ids.clear());
        assert_eq!(
            found(&no_data, "ACTIVITY_WITHOUT_DATA_CATEGORIES"),
            [vec![ACTIVITY]]
        );
        assert!(found(&no_data, "ACTIVITY_WITHOUT_DATA_SUBJECTS").is_empty());
        let no_subjects = with(|r| webshop_of(r).data_subject_category_ids.clear());
        assert_eq!(
            found(&no_subjects, "ACTIVITY_WITHOUT_DATA_SUBJECTS"),
            [vec![ACTIVITY]]
        );
        assert!(found(&no_subjects, "ACTIVITY_WITHOUT_DATA_CATEGORIES").is_empty());
    }

    #[test]
    fn a_required_dpia_must_be_on_file() {
        let code = "DPIA_REQUIRED";
        let required = with(|r| webshop_of(r).activity.dpia_required = true);
        assert_eq!(found(&required, code), [vec![ACTIVITY]]);
        assert!(message(&required, code).contains("DPIA must be on file"));
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn a_supervisory_authority_must_be_set() {
        let code = "NO_SUPERVISORY_AUTHORITY";
        let none = with(|r| r.snapshot.organization.supervisory_authority = None);
        assert_eq!(found(&none, code), [vec![ORGANIZATION]]);
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn criminal_data_is_reported() {
        let code = "CRIMINAL_DATA";
        let criminal = with(|r| r.snapshot.data_categories[0].criminal_data = true);
        assert_eq!(found(&criminal, code), [vec![ACTIVITY, CATEGORY]]);
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn drafts_are_reported_as_left_out() {
        let code = "DRAFT_ACTIVITY";
        let draft_id = Uuid::from_u128(11);
        let draft = with(|r| {
            r.drafts.push(activity_model(
                draft_id,
                "Loyalty programme",
                ActivityStatus::Draft,
            ));
        });
        assert_eq!(found(&draft, code), [vec![draft_id]]);
        assert!(message(&draft, code).contains("‘Loyalty programme’ is a draft"));
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn archived_recipients_still_linked_are_reported() {
        let code = "ARCHIVED_RECIPIENT";
        let archived = with(|r| {
            let mut mailer = r.snapshot.processors.remove(0);
            mailer.archived_at = Some(at());
            r.archived_recipients.push(mailer);
        });
        assert_eq!(found(&archived, code), [vec![PROCESSOR, ACTIVITY]]);
        // Archived processors no activity names any more are history.
        let unlinked = with(|r| {
            let mut mailer = r.snapshot.processors.remove(0);
            mailer.archived_at = Some(at());
            r.archived_recipients.push(mailer);
            webshop_of(r).recipient_ids.clear();
        });
        assert!(found(&unlinked, code).is_empty());
    }

    #[test]
    fn a_statement_changed_since_its_last_version_is_reported() {
        let code = "STATEMENT_CHANGED_SINCE_PUBLISHED";
        let changed = with(|r| r.statements[0].changed = true);
        assert_eq!(found(&changed, code), [vec![VERSION]]);
        assert!(message(&changed, code).contains("The English statement"));
        assert!(message(&changed, code).contains("published version 1"));
        assert!(found(&register(), code).is_empty());
    }

    #[test]
    fn a_statement_never_published_is_reported() {
        let code = "STATEMENT_NOT_PUBLISHED";
        let never = with(|r| r.statements.clear());
        assert_eq!(found(&never, code), [vec![ORGANIZATION]]);
        assert!(found(&register(), code).is_empty());
    }

    /// A register with every problem at once.
    fn everything_wrong() -> Register {
        with(|r| {
            let health = Uuid::from_u128(21);
            let mut category = category(health, "Health");
            category.special_category = true;
            category.criminal_data = true;
            r.snapshot.data_categories.push(category);
            let webshop = webshop_of(r);
            webshop.legal_bases = vec![basis(
                LegalBasisCode::LegitimateInterests,
                Localized::default(),
            )];
            webshop.data_category_ids = vec![health];
            webshop.data_subject_category_ids.clear();
            webshop.activity.retention = None;
            webshop.activity.dpia_required = true;
            webshop.activity.transfers.0 = vec![transfer("US", TransferSafeguard::None)];
            let mut support = support();
            support.recipient_ids.push(Uuid::from_u128(42));
            r.snapshot.activities.push(support);
            r.snapshot.processors[0].country = "US".into();
            r.snapshot.agreements[0].expires_on = Some(date("2026-05-01"));
            let mut draft = agreement(Uuid::from_u128(52), PROCESSOR);
            draft.status = AgreementStatus::Draft;
            draft.clauses = ClauseList(Vec::new());
            r.snapshot.agreements.push(draft);
            let mut soon = agreement(Uuid::from_u128(53), Uuid::from_u128(43));
            soon.expires_on = Some(date("2026-06-30"));
            r.snapshot.agreements.push(soon);
            r.snapshot
                .processors
                .push(processor(Uuid::from_u128(43), "Printer", "NL"));
            let mut gone = processor(Uuid::from_u128(42), "Old mailer", "NL");
            gone.archived_at = Some(at());
            r.archived_recipients.push(gone);
            r.drafts.push(activity_model(
                Uuid::from_u128(12),
                "Loyalty",
                ActivityStatus::Draft,
            ));
            r.snapshot.organization.privacy_email = None;
            r.snapshot.organization.supervisory_authority = None;
            r.snapshot.rights_policy = None;
            r.statements[0].changed = true;
        })
    }

    /// "Support": active, but without legal basis, data or recipients.
    fn support() -> ActivitySnapshot {
        let mut activity = webshop();
        activity.activity.id = Uuid::from_u128(13);
        activity.activity.name = english("Support");
        activity.legal_bases.clear();
        activity.data_category_ids.clear();
        activity.recipient_ids.clear();
        activity
    }

    #[test]
    fn every_check_has_a_message_in_both_languages() {
        let mut register = everything_wrong();
        let mut all = findings(&register);
        register.statements.clear();
        all.extend(findings(&register));
        let codes: BTreeSet<&str> = all.iter().map(|finding| finding.code).collect();
        let expected: BTreeSet<&str> = CHECKS.iter().map(|check| check.code).collect();
        assert_eq!(codes, expected, "every check fires on the broken register");
        for language in Language::ALL {
            assert_eq!(
                message::codes(language),
                expected.iter().map(|code| code.to_string()).collect(),
                "{language:?}: a text for each check, and only those"
            );
            for finding in &all {
                let text = finding.message(language, Language::En);
                assert!(
                    !text.is_empty() && !text.contains("  ") && !text.contains("‘’"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn findings_are_ordered_by_severity_then_code_then_register() {
        let all = findings(&everything_wrong());
        let keys: Vec<(Severity, &str)> = all.iter().map(|f| (f.severity, f.code)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(all[0].severity, Severity::Blocking);
        assert_eq!(all.last().map(|f| f.severity), Some(Severity::Info));
        let without_basis: Vec<&Finding> = all
            .iter()
            .filter(|f| f.code == "ACTIVITY_WITHOUT_LEGAL_BASIS")
            .collect();
        assert_eq!(without_basis.len(), 1);
        assert_eq!(all, findings(&everything_wrong()), "deterministic");
    }

    #[test]
    fn messages_take_register_names_in_the_reader_language_else_the_default() {
        let register = with(|r| {
            let name = &mut webshop_of(r).activity.name;
            name.0.insert("nl".into(), "Webwinkel".into());
            webshop_of(r).activity.retention = None;
        });
        let finding = &findings(&register)[0];
        assert!(finding
            .message(Language::Nl, Language::En)
            .contains("‘Webwinkel’"));
        assert!(finding
            .message(Language::En, Language::Nl)
            .contains("‘Webshop’"));
        let english_only = with(|r| webshop_of(r).activity.retention = None);
        let dutch = findings(&english_only)[0].message(Language::Nl, Language::En);
        assert!(dutch.starts_with("De verwerking ‘Webshop’"), "{dutch}");
    }
}
