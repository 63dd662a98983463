//! Building and rendering the statement of a register of 10, 100, 1,000 and
//! 10,000 activities (the generated register of `scripts/bench`, loaded
//! into a fresh SQLite file and read back as the snapshot a publish reads).
//! Throughput is per activity, so a cost that grows linearly shows as the
//! same time per activity at every size.
//!
//!   cargo bench --bench statement

// The generator of the benchmark binary; its backup writer is the binary's.
#[allow(dead_code)]
#[path = "../src/bin/ropa-bench/register.rs"]
mod register;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use entity::enums::Language;
use migration::{Migrator, MigratorTrait};
use ropa::register_snapshot::{self, RegisterSnapshot};
use ropa::statement::build::{build, BuildContext};
use ropa::statement::render::{html, markdown};

const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// The snapshot of a generated register of `activities` activities.
fn snapshot(activities: usize) -> RegisterSnapshot {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let dir = std::env::temp_dir().join(format!("ropa-bench-{}-{activities}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let url = format!("sqlite://{}/register.db?mode=rwc", dir.display());
    let snapshot = runtime.block_on(async {
        let db = ropa::db::connect(&url, None).await.expect("the database");
        Migrator::up(&db, None).await.expect("the migrations");
        let register = register::generate("bench", activities, 0);
        let scope = register::load(&db, "bench", register)
            .await
            .expect("the register loads");
        scope
            .read_consistent(async |tx| register_snapshot::load(tx).await)
            .await
            .expect("the snapshot")
    });
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(snapshot.activities.len(), activities);
    snapshot
}

fn statement(c: &mut Criterion) {
    let context = BuildContext {
        last_changed: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        history_url: Some("/statements/bench/nl/versions".into()),
    };
    let mut group = c.benchmark_group("statement");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for activities in SIZES {
        let snapshot = snapshot(activities);
        let document = build(&snapshot, Language::Nl, &context);
        group.throughput(Throughput::Elements(activities as u64));
        group.bench_with_input(BenchmarkId::new("build", activities), &snapshot, |b, s| {
            b.iter(|| build(s, Language::Nl, &context))
        });
        group.bench_with_input(BenchmarkId::new("html", activities), &document, |b, d| {
            b.iter(|| html(d))
        });
        group.bench_with_input(
            BenchmarkId::new("markdown", activities),
            &document,
            |b, d| b.iter(|| markdown(d)),
        );
    }
    group.finish();
}

criterion_group!(benches, statement);
criterion_main!(benches);
