//! A cache bounded in bytes, shared by the threads of a server: the page
//! bodies, the GraphQL answers and the registers of the newest versions are
//! kept in one each. What went in first leaves first; an entry larger than
//! the whole cache is not kept.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// What an entry weighs in the cache's budget.
pub trait Weighed {
    fn bytes(&self) -> usize;
}

pub struct BoundedCache<K, V> {
    most_bytes: usize,
    held: Mutex<Held<K, V>>,
    /// The values [`BoundedCache::get_or_make`] is making, by key.
    making: Mutex<HashMap<K, Arc<OnceCell<Arc<V>>>>>,
}

struct Held<K, V> {
    entries: HashMap<K, Arc<V>>,
    order: VecDeque<K>,
    bytes: usize,
}

impl<K: Hash + Eq + Clone, V: Weighed> BoundedCache<K, V> {
    pub fn new(most_bytes: usize) -> Self {
        BoundedCache {
            most_bytes,
            held: Mutex::new(Held {
                entries: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
            }),
            making: Mutex::new(HashMap::new()),
        }
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.held.lock().ok()?.entries.get(key).cloned()
    }

    /// The value of `key`, made by `make` and held when it is not held yet.
    /// Callers asking for one key at once wait for one making: a page that
    /// many visitors ask for right after a publish is rendered once. When
    /// the making fails (or its caller goes away) the next waiter makes it.
    pub async fn get_or_make<E>(
        &self,
        key: &K,
        make: impl AsyncFnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        if let Some(value) = self.get(key) {
            return Ok(value);
        }
        let Some(cell) = self
            .making
            .lock()
            .ok()
            .map(|mut making| making.entry(key.clone()).or_default().clone())
        else {
            return make().await.map(Arc::new);
        };
        let made = cell
            .get_or_try_init(|| async move {
                let value = Arc::new(make().await?);
                self.put(key.clone(), value.clone());
                Ok::<_, E>(value)
            })
            .await
            .cloned();
        if let Ok(mut making) = self.making.lock() {
            if making.get(key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
                making.remove(key);
            }
        }
        made
    }

    /// Holds `value` in place of what `key` held, unless it alone is larger
    /// than the cache, dropping the oldest entries to make room.
    pub fn put(&self, key: K, value: Arc<V>) {
        let size = value.bytes();
        let Ok(mut held) = self.held.lock() else {
            return;
        };
        if let Some(replaced) = held.entries.remove(&key) {
            held.bytes -= replaced.bytes();
            held.order.retain(|other| *other != key);
        }
        if size > self.most_bytes {
            return;
        }
        while held.bytes + size > self.most_bytes {
            let Some(oldest) = held.order.pop_front() else {
                break;
            };
            if let Some(gone) = held.entries.remove(&oldest) {
                held.bytes -= gone.bytes();
            }
        }
        held.bytes += size;
        held.order.push_back(key.clone());
        held.entries.insert(key, value);
    }

    /// Stops holding `key`; answers what it held.
    pub fn remove(&self, key: &K) -> Option<Arc<V>> {
        let mut held = self.held.lock().ok()?;
        let removed = held.entries.remove(key)?;
        held.bytes -= removed.bytes();
        held.order.retain(|other| other != key);
        Some(removed)
    }

    /// The bytes held now.
    pub fn bytes(&self) -> usize {
        self.held.lock().map_or(0, |held| held.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Body(usize);

    impl Weighed for Body {
        fn bytes(&self) -> usize {
            self.0
        }
    }

    #[test]
    fn the_cache_keeps_to_its_bytes_dropping_the_oldest() {
        let cache = BoundedCache::new(3000);
        for n in 0..100 {
            cache.put(n, Arc::new(Body(700)));
        }
        assert_eq!(cache.bytes(), 4 * 700);
        assert!(cache.get(&99).is_some());
        assert!(cache.get(&96).is_some());
        assert!(cache.get(&95).is_none());
        assert!(cache.get(&0).is_none());
    }

    #[test]
    fn a_new_value_replaces_the_one_of_its_key_unless_larger_than_the_cache() {
        let cache = BoundedCache::new(3000);
        cache.put(1, Arc::new(Body(100)));
        cache.put(2, Arc::new(Body(200)));
        cache.put(1, Arc::new(Body(300)));
        assert_eq!(cache.get(&1).map(|body| body.0), Some(300));
        assert_eq!(cache.bytes(), 500);
        // Too large to keep: the key holds nothing, and nothing else goes.
        cache.put(2, Arc::new(Body(3001)));
        assert!(cache.get(&2).is_none());
        assert_eq!(cache.bytes(), 300);
    }

    #[test]
    fn a_removed_key_gives_back_its_bytes() {
        let cache = BoundedCache::new(3000);
        cache.put(1, Arc::new(Body(100)));
        cache.put(2, Arc::new(Body(200)));
        assert_eq!(cache.remove(&1).map(|body| body.0), Some(100));
        assert!(cache.remove(&1).is_none());
        assert_eq!(cache.bytes(), 200);
        // The removed key no longer counts among the oldest.
        cache.put(3, Arc::new(Body(2800)));
        assert!(cache.get(&2).is_some());
        assert!(cache.get(&3).is_some());
    }

    #[tokio::test]
    async fn callers_asking_at_once_wait_for_one_making() {
        let cache = BoundedCache::new(3000);
        let makings = std::sync::atomic::AtomicUsize::new(0);
        let make = || async {
            makings.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::task::yield_now().await;
            Ok::<_, ()>(Body(100))
        };
        let (a, b, c) = tokio::join!(
            cache.get_or_make(&1, make),
            cache.get_or_make(&1, make),
            cache.get_or_make(&1, make),
        );
        assert_eq!(makings.into_inner(), 1);
        for value in [a, b, c] {
            assert_eq!(value.map(|body| body.0), Ok(100));
        }
        assert_eq!(cache.bytes(), 100);
        assert!(cache.making.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_failed_making_is_left_to_the_next_caller() {
        let cache = BoundedCache::<u32, Body>::new(3000);
        let failed = cache.get_or_make(&1, || async { Err("no database") }).await;
        assert!(failed.is_err());
        assert!(cache.get(&1).is_none());
        let made = cache
            .get_or_make(&1, || async { Ok::<_, &str>(Body(7)) })
            .await;
        assert_eq!(made.map(|body| body.0), Ok(7));
        assert!(cache.get(&1).is_some());
    }
}
