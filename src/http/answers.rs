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

use std::sync::Arc;

use async_graphql::parser::types::OperationType;
use axum::body::Bytes;
use chrono::{NaiveDate, Utc};
use uuid::Uuid;

use super::bounded::{BoundedCache, Weighed};
use super::transport::{selected_operation, MediaType};
use crate::api::context::RequestContext;
use crate::auth::Caller;

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
    most_bytes: usize,
}

impl Answers {
    pub fn new(most_bytes: usize) -> Answers {
        Answers {
            kept: BoundedCache::new(most_bytes),
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
    /// revision, or newer). An answer that never read the organization is
    /// not kept.
    pub fn keep(&self, question: Question, context: &RequestContext, body: Bytes) {
        let Some((organization, register_revision)) = context.register_revision_read() else {
            return;
        };
        let kept = KeptAnswer {
            organization,
            register_revision,
            day: Utc::now().date_naive(),
            body,
        };
        self.kept.put(question, Arc::new(kept));
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
