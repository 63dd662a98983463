//! A cache bounded in bytes, shared by the threads of a server: the page
//! bodies and the GraphQL answers are kept in one each. What went in first
//! leaves first; an entry larger than the whole cache is not kept.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// What an entry weighs in the cache's budget.
pub trait Weighed {
    fn bytes(&self) -> usize;
}

pub struct BoundedCache<K, V> {
    most_bytes: usize,
    held: Mutex<Held<K, V>>,
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
        }
    }

    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.held.lock().ok()?.entries.get(key).cloned()
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
    fn a_new_value_replaces_the_one_of_its_key() {
        let cache = BoundedCache::new(3000);
        cache.put(1, Arc::new(Body(100)));
        cache.put(2, Arc::new(Body(200)));
        cache.put(1, Arc::new(Body(300)));
        assert_eq!(cache.get(&1).map(|body| body.0), Some(300));
        assert_eq!(cache.bytes(), 500);
        cache.put(2, Arc::new(Body(3001)));
        assert!(cache.get(&2).is_none());
        assert_eq!(cache.bytes(), 300);
    }

    #[test]
    fn an_entry_larger_than_the_cache_is_not_kept() {
        let cache = BoundedCache::new(3000);
        cache.put(1, Arc::new(Body(100)));
        cache.put(2, Arc::new(Body(3001)));
        assert!(cache.get(&2).is_none());
        assert!(cache.get(&1).is_some());
        assert_eq!(cache.bytes(), 100);
    }
}
