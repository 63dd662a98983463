//! The lists of a backup, each with what the import knows of it: its name
//! in the file, its entries in the file and in the register, how an entry
//! becomes the input of its service, and that service's writes.

use std::future::Future;
use std::pin::Pin;

use uuid::Uuid;

use super::check;
use super::inputs;
use crate::backup::{
    ActivityEntry, AgreementEntry, Backup, DataCategoryEntry, DataSubjectCategoryEntry, Entry,
    ProcessorEntry, TrackerEntry,
};
use crate::db::Tx;
use crate::error::AppResult;
use crate::register::data_category::{self, DataCategoryInput};
use crate::register::data_subject_category::{self, DataSubjectCategoryInput};
use crate::register::processing_activity::{self, ProcessingActivityInput};
use crate::register::processing_agreement::{self, ProcessingAgreementInput};
use crate::register::processor::{self, ProcessorInput};
use crate::register::tracker::{self, TrackerInput};
use crate::register_snapshot::RegisterSnapshot;

/// A service write, boxed so that a generic caller can name its future as
/// `Send` (the GraphQL executor needs that of every resolver).
pub type Write<'a, T> = Pin<Box<dyn Future<Output = AppResult<T>> + Send + 'a>>;

/// One list of a backup and the service that writes its entries.
pub trait Section {
    type Entry: Entry + Send + Sync;
    type Input: Send + Sync;
    /// The list's name in the file.
    const LIST: &'static str;

    fn entries(backup: &Backup) -> &[Self::Entry];
    /// The key of an entry, for the kinds of entry that have one: a backup
    /// entry that is not one of the register's by id may be one by key.
    fn key(_entry: &Self::Entry) -> Option<&str> {
        None
    }
    /// The register's entries of this kind, by id and key.
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)>;
    /// The register's entry with this id, as a backup holds it, and its
    /// revision.
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)>;
    fn input(entry: &Self::Entry, field: &str) -> AppResult<Self::Input>;
    /// The order the entries are written in: the file's, unless an entry
    /// must come after another it refers to.
    fn order(entries: &[Self::Entry]) -> AppResult<Vec<usize>> {
        Ok((0..entries.len()).collect())
    }

    /// These answer the entry's new revision.
    fn create<'a>(tx: &'a Tx<'a>, id: Uuid, input: &'a Self::Input) -> Write<'a, i32>;
    fn update<'a>(
        tx: &'a Tx<'a>,
        id: Uuid,
        input: &'a Self::Input,
        expected: i32,
    ) -> Write<'a, i32>;
    fn archive<'a>(tx: &'a Tx<'a>, id: Uuid, expected: i32) -> Write<'a, i32>;
}

/// The writes of a section through the functions of its service module.
macro_rules! service_writes {
    ($service:ident) => {
        fn create<'a>(tx: &'a Tx<'a>, id: Uuid, input: &'a Self::Input) -> Write<'a, i32> {
            Box::pin(async move { Ok($service::create(tx, id, input).await?.revision) })
        }
        fn update<'a>(
            tx: &'a Tx<'a>,
            id: Uuid,
            input: &'a Self::Input,
            expected: i32,
        ) -> Write<'a, i32> {
            Box::pin(async move { Ok($service::update(tx, id, input, expected).await?.revision) })
        }
        fn archive<'a>(tx: &'a Tx<'a>, id: Uuid, expected: i32) -> Write<'a, i32> {
            Box::pin(async move { Ok($service::archive(tx, id, expected).await?.revision) })
        }
    };
}

pub struct DataCategories;

impl Section for DataCategories {
    type Entry = DataCategoryEntry;
    type Input = DataCategoryInput;
    const LIST: &'static str = "dataCategories";

    fn entries(backup: &Backup) -> &[Self::Entry] {
        &backup.data_categories
    }
    fn key(entry: &Self::Entry) -> Option<&str> {
        Some(&entry.key)
    }
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)> {
        let categories = register.data_categories.iter();
        categories.map(|c| (c.id, Some(c.key.as_str())))
    }
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)> {
        register.data_category(id).map(|c| (c.into(), c.revision))
    }
    fn input(entry: &Self::Entry, field: &str) -> AppResult<Self::Input> {
        inputs::data_category(entry, field)
    }
    service_writes!(data_category);
}

pub struct DataSubjectCategories;

impl Section for DataSubjectCategories {
    type Entry = DataSubjectCategoryEntry;
    type Input = DataSubjectCategoryInput;
    const LIST: &'static str = "dataSubjectCategories";

    fn entries(backup: &Backup) -> &[Self::Entry] {
        &backup.data_subject_categories
    }
    fn key(entry: &Self::Entry) -> Option<&str> {
        Some(&entry.key)
    }
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)> {
        let categories = register.data_subject_categories.iter();
        categories.map(|c| (c.id, Some(c.key.as_str())))
    }
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)> {
        register
            .data_subject_category(id)
            .map(|c| (c.into(), c.revision))
    }
    fn input(entry: &Self::Entry, field: &str) -> AppResult<Self::Input> {
        inputs::data_subject_category(entry, field)
    }
    service_writes!(data_subject_category);
}

pub struct Processors;

impl Section for Processors {
    type Entry = ProcessorEntry;
    type Input = ProcessorInput;
    const LIST: &'static str = "processors";

    fn entries(backup: &Backup) -> &[Self::Entry] {
        &backup.processors
    }
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)> {
        register.processors.iter().map(|p| (p.id, None))
    }
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)> {
        register.processor(id).map(|p| (p.into(), p.revision))
    }
    fn input(entry: &Self::Entry, field: &str) -> AppResult<Self::Input> {
        inputs::processor(entry, field)
    }
    fn order(entries: &[Self::Entry]) -> AppResult<Vec<usize>> {
        check::parents_first(entries)
    }
    service_writes!(processor);
}

pub struct Agreements;

impl Section for Agreements {
    type Entry = AgreementEntry;
    type Input = ProcessingAgreementInput;
    const LIST: &'static str = "agreements";

    fn entries(backup: &Backup) -> &[Self::Entry] {
        &backup.agreements
    }
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)> {
        register.agreements.iter().map(|a| (a.id, None))
    }
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)> {
        register.agreement(id).map(|a| (a.into(), a.revision))
    }
    fn input(entry: &Self::Entry, _field: &str) -> AppResult<Self::Input> {
        Ok(inputs::agreement(entry))
    }
    service_writes!(processing_agreement);
}

pub struct Activities;

impl Section for Activities {
    type Entry = ActivityEntry;
    type Input = ProcessingActivityInput;
    const LIST: &'static str = "activities";

    fn entries(backup: &Backup) -> &[Self::Entry] {
        &backup.activities
    }
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)> {
        register.activities.iter().map(|a| (a.activity.id, None))
    }
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)> {
        register
            .activity(id)
            .map(|a| (a.into(), a.activity.revision))
    }
    fn input(entry: &Self::Entry, field: &str) -> AppResult<Self::Input> {
        inputs::activity(entry, field)
    }
    service_writes!(processing_activity);
}

pub struct Trackers;

impl Section for Trackers {
    type Entry = TrackerEntry;
    type Input = TrackerInput;
    const LIST: &'static str = "trackers";

    fn entries(backup: &Backup) -> &[Self::Entry] {
        &backup.trackers
    }
    fn existing(register: &RegisterSnapshot) -> impl Iterator<Item = (Uuid, Option<&str>)> {
        register.trackers.iter().map(|t| (t.id, None))
    }
    fn current(register: &RegisterSnapshot, id: Uuid) -> Option<(Self::Entry, i32)> {
        register.tracker(id).map(|t| (t.into(), t.revision))
    }
    fn input(entry: &Self::Entry, field: &str) -> AppResult<Self::Input> {
        inputs::tracker(entry, field)
    }
    service_writes!(tracker);
}
