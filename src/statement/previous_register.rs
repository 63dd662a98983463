//! The register that the newest version of a statement stored, which the
//! next publish diffs against. Unpacking it (megabytes of JSON at a
//! thousand activities) is the largest piece of work a publish would
//! otherwise repeat, so the process that published a version keeps its
//! register in memory. A version never changes, so what is kept under its
//! id is never stale; a version another process published is not found
//! here and is unpacked from its row.

use std::sync::{Arc, LazyLock};

use tokio::sync::oneshot;
use uuid::Uuid;

use super::versions::PreviousVersion;
use crate::bounded::{BoundedCache, Weighed};
use crate::error::{AppError, AppResult};
use crate::register_snapshot::{stored, RegisterSnapshot};

/// At most this many bytes of registers, counted as their stored JSON, are
/// kept.
const MOST_BYTES: usize = 16 << 20;

/// The registers kept, by the id of the version that stored them.
static KEPT: LazyLock<BoundedCache<Uuid, Kept>> = LazyLock::new(|| BoundedCache::new(MOST_BYTES));

struct Kept {
    register: Arc<RegisterSnapshot>,
    /// The length of its stored JSON.
    bytes: usize,
}

impl Weighed for Kept {
    fn bytes(&self) -> usize {
        self.bytes
    }
}

/// The register a previous version stored, on its way: kept by this
/// process, or being unpacked on the publishing threads meanwhile.
pub(super) struct PreviousRegister(oneshot::Receiver<AppResult<Arc<RegisterSnapshot>>>);

impl PreviousRegister {
    pub(super) fn of(previous: &PreviousVersion) -> Self {
        let (done, coming) = oneshot::channel();
        // A publish that failed meanwhile no longer listens.
        if let Some(kept) = KEPT.get(&previous.id) {
            let _ = done.send(Ok(kept.register.clone()));
        } else {
            let packed = previous.snapshot.clone();
            rayon::spawn(move || {
                let _ = done.send(stored::unpack(&packed).map(Arc::new));
            });
        }
        PreviousRegister(coming)
    }

    pub(super) async fn ready(self) -> AppResult<Arc<RegisterSnapshot>> {
        self.0
            .await
            .map_err(|_| AppError::Internal("unpacking the previous register stopped".into()))?
    }
}

/// Keeps `register`, which the committed version `version` stored as
/// `bytes` of JSON, in place of the register of the version before it
/// (`replacing`): no publish diffs against that one any more.
pub(super) fn keep(
    version: Uuid,
    replacing: Option<Uuid>,
    register: Arc<RegisterSnapshot>,
    bytes: usize,
) {
    if let Some(previous) = replacing {
        drop_aside(KEPT.remove(&previous));
    }
    KEPT.put(version, Arc::new(Kept { register, bytes }));
}

/// Drops `value` on another thread: freeing a register or a statement of a
/// thousand activities takes milliseconds that an answer need not wait for.
pub(super) fn drop_aside<T: Send + 'static>(value: T) {
    rayon::spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use entity::values::Packed;

    use super::*;
    use crate::register_snapshot::fixture;

    fn version(id: Uuid, register: &RegisterSnapshot) -> PreviousVersion {
        PreviousVersion {
            id,
            version: 1,
            content_hash: String::new(),
            markdown: Packed::pack("").expect("packs"),
            snapshot: stored::pack(register).expect("packs").0,
        }
    }

    #[tokio::test]
    async fn a_kept_register_is_found_until_the_next_version_replaces_it() {
        let register = Arc::new(fixture::snapshot());
        let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
        keep(first, None, register.clone(), 100);
        let found = PreviousRegister::of(&version(first, &register))
            .ready()
            .await;
        assert!(Arc::ptr_eq(&found.expect("kept"), &register));

        keep(second, Some(first), Arc::new(fixture::snapshot()), 100);
        assert!(KEPT.get(&first).is_none());
        // Not kept any more: unpacked from the version's row, as it was.
        let unpacked = PreviousRegister::of(&version(first, &register))
            .ready()
            .await;
        let unpacked = unpacked.expect("unpacked");
        assert!(!Arc::ptr_eq(&unpacked, &register));
        assert_eq!(*unpacked, *register);
    }
}
