//! A register of any size for measuring ropa: the demo organization's
//! details, rights policy and categories, with `activities` processing
//! activities and 200 processors, each under a signed agreement.
//!
//! Every activity is one of the demo's activities under a numbered name,
//! with 3 to 8 data categories, 1 to 3 data subject groups, 1 to 3 legal
//! bases and 1 to 4 recipients, drawn by a fixed pseudo-random sequence: the
//! same size always gives the same register. `variant` changes the purpose
//! of the first activity, so loading a register again with another variant
//! gives the next version something to publish.
//!
//! The benchmark binary writes it as a backup and loads it ([`load`]); the
//! statement benches load it and read their snapshot from the database.

use entity::enums::{AgreementStatus, Art28Clause, LegalBasisCode, ProcessorRole};
use entity::values::Localized;
use ropa::backup::{
    self, ActivityEntry, AgreementEntry, Backup, LegalBasisEntry, ProcessorEntry, Syntax,
};
use ropa::db::Scope;
use ropa::error::AppResult;
use ropa::register::organization;
use ropa::register_import;
use sea_orm::{DatabaseConnection, Iterable};
use uuid::Uuid;

/// The actor of the audit events of a load.
const ACTOR: &str = "bench";

/// The number of processors of every generated register.
pub const PROCESSORS: usize = 200;

const DEMO: &str = include_str!("../../../demo/rezulto.json");

/// The register described above.
pub fn generate(slug: &str, activities: usize, variant: u32) -> Backup {
    let demo = backup::read(Syntax::Json, DEMO, "demo/rezulto.json").expect("the demo backup");
    let mut random = Random(0x5eed_0000 + activities as u64);

    let mut register = demo.clone();
    register.exported_at = None;
    register.organization.id = id(0, 0);
    register.organization.slug = slug.to_string();
    // The generated activities name no special-category conditions.
    register
        .data_categories
        .retain(|c| !c.special_category && !c.criminal_data);

    register.processors = (0..PROCESSORS)
        .map(|i| {
            let template = &demo.processors[i % demo.processors.len()];
            ProcessorEntry {
                id: id(1, i),
                name: format!("{} {}", template.name, i + 1),
                role: ProcessorRole::Processor,
                country: ["NL", "BE", "DE", "FR", "IE"][i % 5].to_string(),
                parent_id: None,
                archived_at: None,
                ..template.clone()
            }
        })
        .collect();
    register.agreements = (0..PROCESSORS)
        .map(|i| AgreementEntry {
            id: id(2, i),
            processor_id: id(1, i),
            status: AgreementStatus::Signed,
            signed_on: Some(date(2025, 1 + (i % 12) as u32, 1 + (i % 28) as u32)),
            effective_on: Some(date(2025, 1 + (i % 12) as u32, 1 + (i % 28) as u32)),
            expires_on: None,
            document_ref: Some(format!("VWO-2025-{:03}", i + 1)),
            clauses: Art28Clause::iter().collect(),
            sub_processor_authorisation: demo.agreements[0].sub_processor_authorisation,
            archived_at: None,
        })
        .collect();

    let interest = demo
        .activities
        .iter()
        .flat_map(|a| &a.legal_bases)
        .find(|b| b.code == LegalBasisCode::LegitimateInterests)
        .map(|b| b.legitimate_interest.clone())
        .unwrap_or_default();
    let bases = [
        LegalBasisCode::Consent,
        LegalBasisCode::Contract,
        LegalBasisCode::LegitimateInterests,
        LegalBasisCode::LegalObligation,
    ];
    let categories: Vec<Uuid> = register.data_categories.iter().map(|c| c.id).collect();
    let subjects: Vec<Uuid> = register
        .data_subject_categories
        .iter()
        .map(|c| c.id)
        .collect();
    let processors: Vec<Uuid> = register.processors.iter().map(|p| p.id).collect();

    register.activities = (0..activities)
        .map(|i| {
            let template = &demo.activities[i % demo.activities.len()];
            let legal_bases = random
                .pick(&bases, 1, 3)
                .into_iter()
                .map(|code| LegalBasisEntry {
                    code,
                    applies_to: None,
                    legitimate_interest: if code == LegalBasisCode::LegitimateInterests {
                        interest.clone()
                    } else {
                        Localized::default()
                    },
                })
                .collect();
            let mut purpose = template.purpose.clone();
            if i == 0 && variant > 0 {
                for text in purpose.0.values_mut() {
                    text.push_str(&format!(" ({variant})"));
                }
            }
            ActivityEntry {
                id: id(3, i),
                name: numbered(&template.name, i + 1),
                purpose,
                position: i as i32 + 1,
                legal_bases,
                data_category_ids: random.pick(&categories, 3, 8),
                data_subject_category_ids: random.pick(&subjects, 1, 3),
                recipient_ids: random.pick(&processors, 1, 4),
                special_category_conditions: Vec::new(),
                transfers: Vec::new(),
                archived_at: None,
                ..template.clone()
            }
        })
        .collect();
    register
}

/// The backup as JSON.
pub fn json(register: &Backup) -> Vec<u8> {
    backup::write(register, Syntax::Json).expect("a backup writes")
}

/// Makes the organization `slug` hold `register` (through the import, as
/// `importRegister` does), creating it when missing; its scope.
pub async fn load(db: &DatabaseConnection, slug: &str, register: Backup) -> AppResult<Scope> {
    if let Some(org) = organization::find_by_slug(db, slug).await? {
        let scope = Scope::new(db.clone(), org.id, org.default_language, ACTOR.into());
        register_import::import_backup(&scope, register, false).await?;
        return Ok(scope);
    }
    let input = register_import::organization_to_create(slug, &register);
    let scope = organization::scope_for_new(db, ACTOR, &input);
    scope
        .write(async |tx| {
            organization::create(tx, &input).await?;
            register_import::import_into(tx, register).await
        })
        .await?;
    Ok(scope)
}

/// Ids by kind of entry and index, the same in every run.
fn id(kind: u128, index: usize) -> Uuid {
    Uuid::from_u128(0x0190_b6a0_0000_7000_8000_0000_0000_0000 | (kind << 32) | index as u128)
}

fn date(year: i32, month: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, month, day).expect("a date")
}

/// `text` with ` number` after it, in every language.
fn numbered(text: &Localized, number: usize) -> Localized {
    Localized(
        text.0
            .iter()
            .map(|(language, text)| (language.clone(), format!("{text} {number}")))
            .collect(),
    )
}

/// A fixed pseudo-random sequence (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Between `min` and `max` different items of `from`, in their order
    /// there.
    fn pick<T: Copy>(&mut self, from: &[T], min: usize, max: usize) -> Vec<T> {
        let max = max.min(from.len());
        let count = min.min(max) + (self.next() % (max - min.min(max) + 1) as u64) as usize;
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count {
            let index = (self.next() % from.len() as u64) as usize;
            if !chosen.contains(&index) {
                chosen.push(index);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| from[i]).collect()
    }
}
