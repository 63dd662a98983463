//! GraphQL answers kept for reuse. An admin screen asks the same question
//! again and again (a list with everything nested, on every visit), and
//! the engine takes milliseconds to answer it for a large register.
//!
//! An answer holds as long as what it was computed from: the caller (guards
//! answer by role), the request itself, the day (what is in effect, what
//! expired) and the caller's organization at one register revision. Every
//! change raises that revision first, in its own transaction (see
//! `db::unit_of_work`), and the revision is read with the caller's
//! organization, which a request reads anyway: a kept answer is sent only
//! while the revision is the one it was computed at, so it is never stale,
//! and a change made through another server is seen at once.
//!
//! Only a query that ran without errors is kept, so a request asked for the
//! first time runs as if nothing were kept, and input the engine refuses
//! costs no SQL. A mutation, an anonymous caller or a refused token is
//! never kept.
//!
//! An answer is kept from the second time its question is asked: a client
//! asking ever new questions (a script, a counter in the query) would
//! otherwise fill the budget with answers nobody asks for again, pushing
//! out the lists that admin screens do ask again.

use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;

use async_graphql::parser::types::OperationType;
use axum::body::Bytes;
use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use super::transport::{selected_operation, MediaType};
use crate::api::context::RequestContext;
use crate::auth::Caller;
use crate::bounded::{BoundedCache, Weighed};

/// A question as one caller asked it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Question {
    caller: Caller,
    media: MediaType,
    query: String,
    operation_name: Option<String>,
    variables: String,
}

/// The last answer to a question, and what it was computed from.
struct KeptAnswer {
    organization: Uuid,
    register_revision: i64,
    day: NaiveDate,
    body: Bytes,
}

impl Weighed for KeptAnswer {
    fn bytes(&self) -> usize {
        self.body.len()
    }
}

/// The answers of one server, bounded in bytes (0: none are kept).
pub struct Answers {
    kept: BoundedCache<Question, KeptAnswer>,
    asked: AskedBefore,
    most_bytes: usize,
}

impl Answers {
    pub fn new(most_bytes: usize) -> Answers {
        Answers {
            kept: BoundedCache::new(most_bytes),
            asked: AskedBefore::default(),
            most_bytes,
        }
    }

    /// The question `request` asks, when its answer may be kept: a query
    /// of an authenticated caller.
    pub fn question(
        &self,
        context: &RequestContext,
        request: &mut async_graphql::Request,
        media: MediaType,
    ) -> Option<Question> {
        if self.most_bytes == 0 || !is_query(request) {
            return None;
        }
        Some(Question {
            caller: context.caller().ok()?.clone(),
            media,
            query: request.query.clone(),
            operation_name: request.operation_name.clone(),
            variables: serde_json::to_string(&request.variables).ok()?,
        })
    }

    /// The kept answer to `question` when it still holds. Reads the
    /// caller's organization (with its revision) into `context` only when
    /// an answer is kept, so the request runs on with it when none holds.
    pub async fn still_holding(
        &self,
        question: &Question,
        context: &RequestContext,
    ) -> Option<Bytes> {
        let kept = self.kept.get(question)?;
        let (organization, register_revision) = context.register_revision().await?;
        let holds = kept.organization == organization
            && kept.register_revision == register_revision
            && kept.day == Utc::now().date_naive();
        holds.then(|| kept.body.clone())
    }

    /// Keeps `body` as the answer to `question`, computed at the revision
    /// `context` read before the answer's data (the data is as new as the
    /// revision, or newer). An answer that never read the organization, or
    /// to a question not asked before, is not kept.
    pub fn keep(&self, question: Question, context: &RequestContext, body: Bytes) {
        let Some((organization, register_revision)) = context.register_revision_read() else {
            return;
        };
        if !self.asked.before(&question) {
            return;
        }
        let kept = KeptAnswer {
            organization,
            register_revision,
            day: Utc::now().date_naive(),
            body,
        };
        self.kept.put(question, Arc::new(kept));
    }
}

/// The questions answered lately, as hashes: a few thousand of them take
/// tens of KB, whatever the size of the questions. A collision only keeps an
/// answer one ask early.
struct AskedBefore {
    hasher: RandomState,
    /// Each hash weighs one: the cache holds [`MOST_REMEMBERED`] of them.
    remembered: BoundedCache<u64, Asked>,
}

/// How many questions [`AskedBefore`] remembers; the oldest go first.
const MOST_REMEMBERED: usize = 4096;

struct Asked;

impl Weighed for Asked {
    fn bytes(&self) -> usize {
        1
    }
}

impl Default for AskedBefore {
    fn default() -> Self {
        AskedBefore {
            hasher: RandomState::new(),
            remembered: BoundedCache::new(MOST_REMEMBERED),
        }
    }
}

impl AskedBefore {
    /// Whether `question` was asked before; remembers it when not.
    fn before(&self, question: &Question) -> bool {
        let hash = self.hasher.hash_one(question);
        if self.remembered.get(&hash).is_some() {
            return true;
        }
        self.remembered.put(hash, Arc::new(Asked));
        false
    }
}

/// Whether `request` selects a query (not a mutation); `false` when its
/// document does not parse or names no operation it has.
fn is_query(request: &mut async_graphql::Request) -> bool {
    let name = request.operation_name.clone();
    let Ok(document) = request.parsed_query() else {
        return false;
    };
    selected_operation(document, name.as_deref())
        .is_some_and(|operation| operation.ty == OperationType::Query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    fn question(n: usize) -> Question {
        Question {
            caller: Caller {
                subject: "admin".into(),
                organization: Some("acme".into()),
                role: Role::Admin,
            },
            media: MediaType::Json,
            query: format!("{{ dataCategories(first: {n}) {{ nodes {{ id }} }} }}"),
            operation_name: None,
            variables: "{}".into(),
        }
    }

    #[test]
    fn a_question_counts_as_asked_before_from_its_second_time() {
        let asked = AskedBefore::default();
        assert!(!asked.before(&question(1)));
        assert!(asked.before(&question(1)));
        assert!(asked.before(&question(1)));
        assert!(!asked.before(&question(2)));
    }

    #[test]
    fn only_the_latest_questions_are_remembered() {
        let asked = AskedBefore::default();
        for n in 0..=MOST_REMEMBERED {
            assert!(!asked.before(&question(n)));
        }
        assert!(!asked.before(&question(0)), "the oldest was forgotten");
        assert!(asked.before(&question(MOST_REMEMBERED)));
        assert_eq!(asked.remembered.bytes(), MOST_REMEMBERED);
    }
}
