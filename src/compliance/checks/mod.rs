//! The compliance checks: pure functions from the register to findings,
//! one row of `CHECKS` each. Only active entries count: the snapshot
//! holds the active, unarchived activities and the unarchived processors
//! and agreements; drafts and archived recipients come separately, for the
//! checks that are about them.
//!
//! This module holds the register the checks read, the table of checks and
//! what it gives; the checks themselves are in a file per subject of the
//! register: `activities`, `processors` (with their agreements),
//! `organization` (with its rights policy), `trackers` and `statements`.

mod activities;
mod organization;
mod processors;
mod statements;
mod trackers;

#[cfg(test)]
mod law_tests;
#[cfg(test)]
mod processors_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod trackers_tests;

use std::sync::Arc;

use chrono::NaiveDate;
use entity::enums::Language;
use entity::{processing_activity, processor};
use uuid::Uuid;

use super::message::{self, Fact, Facts};
use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::RegisterSnapshot;

/// How much a finding stands in the way of a lawful register, most first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
    /// Shared with the publish it gates.
    pub snapshot: Arc<RegisterSnapshot>,
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
    /// A material change that took effect the day it was published, not
    /// announced in advance: the day it was published.
    pub unannounced_material_change: Option<NaiveDate>,
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

    /// Identifies this finding among those of its code: `CODE:entity-id`,
    /// the entry to act on first. A publish accepts a blocking finding by
    /// it (or by its code, for every finding of that code).
    pub fn key(&self) -> String {
        match self.entity_ids.first() {
            Some(id) => format!("{}:{id}", self.code),
            None => self.code.to_string(),
        }
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
    check("ACTIVITY_WITHOUT_LEGAL_BASIS",            Blocking, activities::without_legal_basis),
    check("LEGITIMATE_INTEREST_NOT_SPELLED_OUT",     Blocking, activities::interest_not_spelled_out),
    check("SPECIAL_CATEGORY_WITHOUT_CONDITION",      Blocking, activities::special_without_condition),
    check("PROCESSOR_WITHOUT_AGREEMENT",             Blocking, processors::processor_without_agreement),
    check("TRANSFER_WITHOUT_SAFEGUARD",              Blocking, activities::transfer_without_safeguard),
    check("RECIPIENT_OUTSIDE_EEA_WITHOUT_SAFEGUARD", Blocking, processors::recipient_without_safeguard),
    check("ORGANIZATION_WITHOUT_CONTACT",            Blocking, organization::organization_without_contact),
    check("NO_RIGHTS_POLICY",                        Blocking, organization::no_rights_policy),
    check("MARKETING_TRACKER_ON_LEGITIMATE_INTEREST", Blocking, trackers::marketing_on_legitimate_interest),
    check("TRACKER_PROVIDER_WITHOUT_SAFEGUARD",      Blocking, trackers::provider_without_safeguard),
    check("TRACKER_PROVIDER_WITHOUT_AGREEMENT",      Blocking, trackers::provider_without_agreement),
    check("JOINT_CONTROLLER_WITHOUT_ARRANGEMENT",    Blocking, processors::joint_controller_without_arrangement),
    check("AUTOMATED_DECISION_WITHOUT_GROUND",       Blocking, activities::automated_decision_without_ground),
    check("ACTIVITY_WITHOUT_RETENTION",              Warning,  activities::without_retention),
    check("RETENTION_WITHOUT_PERIOD_OR_CRITERIA",    Warning,  activities::retention_without_period_or_criteria),
    check("RETENTION_ENDS_WITH_CONSENT_NOT_ASKED",   Warning,  activities::retention_ends_with_consent_not_asked),
    check("REQUIREMENT_NOT_STATED",                  Warning,  activities::requirement_not_stated),
    check("BASES_WITHOUT_APPLIES_TO",                Warning,  activities::bases_without_applies_to),
    check("RECIPIENT_LOCATION_UNKNOWN",              Warning,  processors::recipient_location_unknown),
    check("AGREEMENT_EXPIRING",                      Warning,  processors::agreement_expiring),
    check("AGREEMENT_EXPIRED",                       Warning,  processors::agreement_expired),
    check("AGREEMENT_MISSING_CLAUSES",               Warning,  processors::agreement_missing_clauses),
    check("ACTIVITY_WITHOUT_DATA_CATEGORIES",        Warning,  activities::without_data_categories),
    check("ACTIVITY_WITHOUT_DATA_SUBJECTS",          Warning,  activities::without_data_subjects),
    check("DPIA_REQUIRED",                           Warning,  activities::dpia_required),
    check("NO_SUPERVISORY_AUTHORITY",                Warning,  organization::no_supervisory_authority),
    check("CRIMINAL_DATA",                           Warning,  activities::criminal_data),
    check("TRACKER_WITHOUT_ACTIVITY",                Warning,  trackers::without_activity),
    check("MATERIAL_CHANGE_WITHOUT_NOTICE",          Warning,  statements::material_change_without_notice),
    check("DRAFT_ACTIVITY",                          Info,     activities::draft_activity),
    check("PROFILING_ON_LEGITIMATE_INTEREST",        Info,     activities::profiling_on_legitimate_interest),
    check("ARCHIVED_RECIPIENT",                      Info,     processors::archived_recipient),
    check("STATEMENT_CHANGED_SINCE_PUBLISHED",       Info,     statements::statement_changed),
    check("STATEMENT_NOT_PUBLISHED",                 Info,     statements::statement_not_published),
    check("ANALYTICS_EXEMPTION_TO_CONFIRM",          Info,     trackers::analytics_exemption_to_confirm),
];

/// Every finding, the most severe first, then by code, then in register
/// order: the same register always gives the same list.
pub fn findings(register: &Register) -> Vec<Finding> {
    run(register, CHECKS.iter())
}

/// The blocking findings only, as [`findings`] orders them; only the
/// blocking checks run.
pub fn blocking(register: &Register) -> Vec<Finding> {
    let blocking = CHECKS
        .iter()
        .filter(|check| check.severity == Severity::Blocking);
    run(register, blocking)
}

fn run<'a>(register: &Register, checks: impl Iterator<Item = &'a Check>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = checks
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
    let transfers = activity.activity.transfers.iter();
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
}

/// A hit about the organization as a whole, when `problem` holds: the
/// organization's checks and the statements' share it.
fn organization_hit(register: &Register, problem: bool) -> Vec<Hit> {
    if problem {
        vec![Hit::about([register.organization_id()])]
    } else {
        Vec::new()
    }
}
