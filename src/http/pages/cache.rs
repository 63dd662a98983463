//! Rendered page bodies, kept per process: a statement page takes a while
//! to render and never changes for its ETag.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use axum::body::Bytes;

/// Rendered page bodies by organization slug and ETag. The ETag covers all
/// a page shows, so an entry is never stale; several replicas each keep
/// their own. Bounded: when full, it starts over.
pub(super) static RENDERED: LazyLock<PageCache> = LazyLock::new(PageCache::default);
const RENDERED_PAGES: usize = 1024;

#[derive(Default)]
pub(super) struct PageCache(Mutex<HashMap<(String, String), Bytes>>);

impl PageCache {
    pub(super) fn get(&self, key: &(String, String)) -> Option<Bytes> {
        self.0.lock().ok()?.get(key).cloned()
    }

    pub(super) fn put(&self, key: (String, String), body: Bytes) {
        if let Ok(mut pages) = self.0.lock() {
            if pages.len() >= RENDERED_PAGES {
                pages.clear();
            }
            pages.insert(key, body);
        }
    }
}
