//! The published statements in memory, for the public pages: per
//! organization and language a page asked about, the head of every version
//! (number, dates, hash, summary: all but its texts) and the organization's
//! websites.
//! A page decides from them which version is in effect, its ETag and its
//! `Last-Modified` without asking the database.
//!
//! They are read again at most once a [`FRESH_FOR`], so a version another
//! replica published, or an organization's new websites, show within it;
//! this process forgets them at once when it publishes. While the database
//! is unavailable the last ones read are served.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use entity::enums::Language;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::versions::{self, Head};
use crate::db::public;
use crate::error::{AppError, AppResult};
use crate::register::validate;

/// How long what was read is served without reading it again.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// At most this many organization-language pairs are held; when full, it
/// starts over (each entry is a few hundred bytes per version).
const MOST_SITES: usize = 10_000;

/// One organization's statement in one language, as published.
#[derive(Debug, PartialEq)]
pub struct Published {
    pub organization_id: Uuid,
    pub slug: String,
    pub language: Language,
    /// The organization's websites (they alone may frame its pages).
    pub websites: Vec<String>,
    /// Every version, oldest first; never empty.
    pub heads: Vec<Head>,
    /// A digest of every version's number, content hash and effective
    /// date: a page's ETag covers them all without a pass over the versions
    /// on every request.
    pub heads_digest: [u8; 32],
}

struct Held {
    published: Arc<Published>,
    read_at: Instant,
}

/// The statements the pages of one server read, shared by its requests.
#[derive(Default)]
pub struct PublishedStatements {
    held: Mutex<HashMap<(String, Language), Held>>,
}

impl PublishedStatements {
    /// `slug`'s statement in `language`; `None` when there is no such
    /// organization or it published nothing in this language (not held:
    /// such a page is rare and costs what it did before).
    pub async fn get(
        &self,
        conn: &impl ConnectionTrait,
        slug: &str,
        language: Language,
    ) -> AppResult<Option<Arc<Published>>> {
        let key = (slug.to_string(), language);
        let stale = match self.lookup(&key) {
            Some((published, true)) => return Ok(Some(published)),
            Some((published, false)) => Some(published),
            None => None,
        };
        match read(conn, slug, language).await {
            Ok(Some(published)) => Ok(Some(self.hold(key, published))),
            Ok(None) => {
                self.remove(&key);
                Ok(None)
            }
            Err(AppError::Unavailable) if stale.is_some() => {
                // Serve what was read last, and try again after a while
                // rather than on every request.
                self.touch(&key);
                Ok(stale)
            }
            Err(err) => Err(err),
        }
    }

    /// Drops what is held of `organization_id`: it published, or changed
    /// its websites.
    pub fn forget(&self, organization_id: Uuid) {
        if let Ok(mut held) = self.held.lock() {
            held.retain(|_, held| held.published.organization_id != organization_id);
        }
    }

    /// What is held for `key`, and whether it is still fresh.
    fn lookup(&self, key: &(String, Language)) -> Option<(Arc<Published>, bool)> {
        let held = self.held.lock().ok()?;
        let found = held.get(key)?;
        Some((found.published.clone(), found.read_at.elapsed() < FRESH_FOR))
    }

    fn hold(&self, key: (String, Language), published: Published) -> Arc<Published> {
        let published = Arc::new(published);
        if let Ok(mut held) = self.held.lock() {
            if held.len() >= MOST_SITES {
                held.clear();
            }
            let read_at = Instant::now();
            held.insert(
                key,
                Held {
                    published: published.clone(),
                    read_at,
                },
            );
        }
        published
    }

    fn touch(&self, key: &(String, Language)) {
        if let Some(found) = self.held.lock().ok().as_mut().and_then(|h| h.get_mut(key)) {
            found.read_at = Instant::now();
        }
    }

    fn remove(&self, key: &(String, Language)) {
        if let Ok(mut held) = self.held.lock() {
            held.remove(key);
        }
    }
}

/// Reads `slug`'s statement in `language` from the database: the
/// organization and the small columns of its versions, two queries.
async fn read(
    conn: &impl ConnectionTrait,
    slug: &str,
    language: Language,
) -> AppResult<Option<Published>> {
    // A page path may hold anything: what is not a slug is asked of no one.
    if validate::slug(slug, "slug").is_err() {
        return Ok(None);
    }
    let Some(organization) = public::organization_by_slug(conn, slug).await? else {
        return Ok(None);
    };
    let heads: Vec<Head> = versions::all(organization.id, language)
        .into_partial_model()
        .all(conn)
        .await?;
    if heads.is_empty() {
        return Ok(None);
    }
    Ok(Some(Published {
        organization_id: organization.id,
        slug: organization.slug,
        language,
        websites: organization.websites.0,
        heads_digest: digest(&heads),
        heads,
    }))
}

fn digest(heads: &[Head]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for head in heads {
        let effective = head.effective_from.map(|date| date.to_string());
        for part in [
            &head.version.to_string(),
            &head.content_hash,
            effective.as_deref().unwrap_or("-"),
        ] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
    }
    hash.finalize().into()
}
