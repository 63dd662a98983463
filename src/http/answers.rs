//! GraphQL answers kept for reuse. An admin screen asks the same question
//! again and again (a list with everything nested, on every visit), and
//! the engine takes milliseconds to answer it for a large register.
//!
//! An answer holds as long as what it was computed from: the caller's
//! organization at one register revision (every change raises it, in its
//! own transaction: see `db::unit_of_work`), the caller (guards answer by
//! role), the day (what is in effect, what expired) and the request itself.
//! All of it is in the key, so a kept answer is never stale: the revision
//! is read from the database with the caller's organization, which every
//! request reads anyway, so a change made through another server is seen
//! at once. Only queries that ran without errors are kept; a mutation, an
//! anonymous caller or a refused token never is.

use std::sync::Arc;

use async_graphql::parser::types::OperationType;
use axum::body::Bytes;
use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use super::bounded::{BoundedCache, Weighed};
use super::transport::{selected_operation, MediaType};
use crate::api::context::RequestContext;
use crate::auth::Caller;

/// What an answer was computed from.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AnswerKey {
    organization: Uuid,
    register_revision: i64,
    day: NaiveDate,
    caller: Caller,
    media: MediaType,
    query: String,
    operation_name: Option<String>,
    variables: String,
}

/// A kept answer's body, as it was sent.
pub struct KeptAnswer(pub Bytes);

impl Weighed for KeptAnswer {
    fn bytes(&self) -> usize {
        self.0.len()
    }
}

/// The answers of one server, bounded in bytes (0: none are kept).
pub struct Answers {
    kept: BoundedCache<AnswerKey, KeptAnswer>,
    most_bytes: usize,
}

impl Answers {
    pub fn new(most_bytes: usize) -> Answers {
        Answers {
            kept: BoundedCache::new(most_bytes),
            most_bytes,
        }
    }

    /// The key of `request`'s answer, when it is one that may be kept: a
    /// query of a caller with an organization. Reads the organization (and
    /// so its revision) into `context`, which the request then runs with.
    pub async fn key(
        &self,
        context: &RequestContext,
        request: &mut async_graphql::Request,
        media: MediaType,
    ) -> Option<AnswerKey> {
        if self.most_bytes == 0 || !is_query(request) {
            return None;
        }
        let caller = context.caller().ok()?.clone();
        let (organization, register_revision) = context.register_revision().await?;
        Some(AnswerKey {
            organization,
            register_revision,
            day: Utc::now().date_naive(),
            caller,
            media,
            query: request.query.clone(),
            operation_name: request.operation_name.clone(),
            variables: serde_json::to_string(&request.variables).ok()?,
        })
    }

    pub fn get(&self, key: &AnswerKey) -> Option<Arc<KeptAnswer>> {
        self.kept.get(key)
    }

    pub fn keep(&self, key: AnswerKey, body: Bytes) {
        self.kept.put(key, Arc::new(KeptAnswer(body)));
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
