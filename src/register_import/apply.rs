//! Writing a checked backup into the register, in one transaction, through
//! the register services: every entry passes the checks its mutation
//! would, and every change is recorded in the audit trail with the caller
//! as its actor.
//!
//! Entries are written kinds first that others refer to: categories, then
//! processors (parents first), agreements, activities, trackers. Archiving comes last,
//! as an archived entry takes no new references while the backup's links
//! to it were made before it was archived.

use uuid::Uuid;

use super::ids::IdMap;
use super::inputs::{self, in_file};
use super::sections::{
    Activities, Agreements, DataCategories, DataSubjectCategories, Processors, Section, Trackers,
};
use super::{ImportCount, ImportCounts};
use crate::backup::{Backup, Entry, OrganizationEntry, RightsPolicyEntry};
use crate::db::Tx;
use crate::error::{AppError, AppResult};
use crate::register::data_category::DataCategoryInput;
use crate::register::data_subject_category::DataSubjectCategoryInput;
use crate::register::processing_activity::ProcessingActivityInput;
use crate::register::processing_agreement::ProcessingAgreementInput;
use crate::register::processor::ProcessorInput;
use crate::register::tracker::TrackerInput;
use crate::register::{organization, rights_policy};
use crate::register_snapshot::{self as snapshot, RegisterSnapshot};

/// Makes the register of `tx`'s organization hold `backup`.
pub async fn apply(tx: &Tx<'_>, backup: Backup) -> AppResult<ImportCounts> {
    // Changes of one organization run one at a time (`Scope::write`), so
    // the import works on the register the change before it left.
    let register = snapshot::load_all(tx).await?;
    let backup = IdMap::new(tx.organization_id(), &register, &backup)?.remap(backup);
    let plan = Plan::of(&backup)?;

    let organization = write_organization(tx, &register, &backup.organization).await?;
    let rights_policy = match (&backup.rights_policy, &plan.rights_policy) {
        (Some(entry), Some(input)) => write_rights_policy(tx, &register, entry, input).await?,
        _ => ImportCount::default(),
    };
    let data_categories =
        write::<DataCategories>(tx, &backup, &register, &plan.data_categories).await?;
    let data_subject_categories =
        write::<DataSubjectCategories>(tx, &backup, &register, &plan.data_subject_categories)
            .await?;
    let processors = write::<Processors>(tx, &backup, &register, &plan.processors).await?;
    let agreements = write::<Agreements>(tx, &backup, &register, &plan.agreements).await?;
    let activities = write::<Activities>(tx, &backup, &register, &plan.activities).await?;
    let trackers = write::<Trackers>(tx, &backup, &register, &plan.trackers).await?;

    archive::<Trackers>(tx, &trackers.archive).await?;
    archive::<Activities>(tx, &activities.archive).await?;
    archive::<Agreements>(tx, &agreements.archive).await?;
    archive::<Processors>(tx, &processors.archive).await?;
    archive::<DataSubjectCategories>(tx, &data_subject_categories.archive).await?;
    archive::<DataCategories>(tx, &data_categories.archive).await?;

    Ok(ImportCounts {
        organization,
        rights_policy,
        data_categories: data_categories.count,
        data_subject_categories: data_subject_categories.count,
        processors: processors.count,
        processing_agreements: agreements.count,
        processing_activities: activities.count,
        trackers: trackers.count,
    })
}

/// Every entry as the input of its service, made before anything is
/// written: a fault in the last entry leaves the register untouched.
struct Plan {
    rights_policy: Option<rights_policy::RightsPolicyInput>,
    data_categories: Vec<DataCategoryInput>,
    data_subject_categories: Vec<DataSubjectCategoryInput>,
    processors: Vec<ProcessorInput>,
    agreements: Vec<ProcessingAgreementInput>,
    activities: Vec<ProcessingActivityInput>,
    trackers: Vec<TrackerInput>,
}

impl Plan {
    fn of(backup: &Backup) -> AppResult<Plan> {
        Ok(Plan {
            rights_policy: backup
                .rights_policy
                .as_ref()
                .map(|p| inputs::rights_policy(p, "rightsPolicy"))
                .transpose()?,
            data_categories: inputs_of::<DataCategories>(backup)?,
            data_subject_categories: inputs_of::<DataSubjectCategories>(backup)?,
            processors: inputs_of::<Processors>(backup)?,
            agreements: inputs_of::<Agreements>(backup)?,
            activities: inputs_of::<Activities>(backup)?,
            trackers: inputs_of::<Trackers>(backup)?,
        })
    }
}

fn inputs_of<S: Section>(backup: &Backup) -> AppResult<Vec<S::Input>> {
    S::entries(backup)
        .iter()
        .enumerate()
        .map(|(index, entry)| S::input(entry, &format!("{}.{index}", S::LIST)))
        .collect()
}

/// The organization takes the backup's details; its slug never changes.
async fn write_organization(
    tx: &Tx<'_>,
    register: &RegisterSnapshot,
    entry: &OrganizationEntry,
) -> AppResult<ImportCount> {
    let current = &register.organization;
    let mut incoming = entry.clone();
    incoming.id = current.id;
    incoming.slug = current.slug.clone();
    if incoming == OrganizationEntry::from(current) {
        return Ok(ImportCount::one_unchanged());
    }
    organization::update(tx, &inputs::organization(entry), current.revision)
        .await
        .map_err(in_file("organization"))?;
    Ok(ImportCount::one_updated())
}

async fn write_rights_policy(
    tx: &Tx<'_>,
    register: &RegisterSnapshot,
    entry: &RightsPolicyEntry,
    input: &rights_policy::RightsPolicyInput,
) -> AppResult<ImportCount> {
    let current = register.rights_policy.as_ref();
    if current.is_some_and(|policy| RightsPolicyEntry::from(policy) == *entry) {
        return Ok(ImportCount::one_unchanged());
    }
    // Revision 0 stands for the policy never saved (see `rights_policy::save`).
    let revision = current.map_or(0, |policy| policy.revision);
    rights_policy::save(tx, input, revision)
        .await
        .map_err(in_file("rightsPolicy"))?;
    Ok(match current {
        Some(_) => ImportCount::one_updated(),
        None => ImportCount::one_created(),
    })
}

/// What becomes of one entry of the backup.
enum Step {
    Create,
    /// The register's entry at `revision` changes (`changed`: more than
    /// being archived).
    Update {
        revision: i32,
        changed: bool,
    },
    Unchanged,
}

fn step<E: Entry>(incoming: &E, current: Option<&(E, i32)>, field: &str) -> AppResult<Step> {
    let Some((current, revision)) = current else {
        return Ok(Step::Create);
    };
    if incoming.same_as(current) {
        return Ok(Step::Unchanged);
    }
    if current.archived_at().is_some() {
        let (field, message) = match incoming.archived_at() {
            None => (
                format!("{field}.archivedAt"),
                "the register archived this entry, and an archived entry stays archived",
            ),
            Some(_) => (
                field.to_string(),
                "the register archived this entry, and an archived entry no longer changes",
            ),
        };
        return Err(AppError::validation(field, message));
    }
    let mut content = incoming.clone();
    content.set_archived_at(None);
    Ok(Step::Update {
        revision: *revision,
        changed: !content.same_as(current),
    })
}

/// What writing a section did, and the entries left to archive, each with
/// its revision and place in the file.
struct Written {
    count: ImportCount,
    archive: Vec<(Uuid, i32, String)>,
}

async fn write<S: Section>(
    tx: &Tx<'_>,
    backup: &Backup,
    register: &RegisterSnapshot,
    inputs: &[S::Input],
) -> AppResult<Written> {
    let entries = S::entries(backup);
    let mut written = Written {
        count: ImportCount::default(),
        archive: Vec::new(),
    };
    for index in S::order(entries)? {
        let (entry, input) = (&entries[index], &inputs[index]);
        let field = format!("{}.{index}", S::LIST);
        let current = S::current(register, entry.id());
        let revision = match step(entry, current.as_ref(), &field)? {
            Step::Unchanged => {
                written.count.unchanged += 1;
                continue;
            }
            Step::Create => {
                written.count.created += 1;
                S::create(tx, entry.id(), input).await
            }
            Step::Update { revision, changed } => {
                written.count.updated += 1;
                if changed {
                    S::update(tx, entry.id(), input, revision).await
                } else {
                    Ok(revision)
                }
            }
        }
        .map_err(in_file(&field))?;
        let archived = |c: &(S::Entry, i32)| c.0.archived_at().is_some();
        if entry.archived_at().is_some() && !current.as_ref().is_some_and(archived) {
            written.archive.push((entry.id(), revision, field));
        }
    }
    Ok(written)
}

async fn archive<S: Section>(tx: &Tx<'_>, entries: &[(Uuid, i32, String)]) -> AppResult<()> {
    for (id, revision, field) in entries {
        S::archive(tx, *id, *revision)
            .await
            .map_err(in_file(field))?;
    }
    Ok(())
}
