//! Relay connections over keyset pagination. Rows are ordered by their
//! UUIDv7 id (creation order); a cursor is the opaque, encoded id.

use async_graphql::connection::{Connection, CursorType, Edge, OpaqueCursor};
use async_graphql::{OutputType, SimpleObject};
use sea_orm::{ConnectionTrait, PaginatorTrait, Select};
use uuid::Uuid;

use crate::db::TenantOwned;
use crate::error::{AppError, AppResult};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: u64 = 100;

/// The extra connection field every list offers.
#[derive(SimpleObject)]
pub struct TotalCount {
    /// All entries matching the filter, across pages.
    pub total_count: u64,
}

pub type Page<N> = Connection<String, N, TotalCount>;

/// `first/after/last/before` as a client sent them.
#[derive(Debug, Default, Clone)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

impl PageArgs {
    pub fn forward(first: Option<i32>, after: Option<String>) -> Self {
        PageArgs {
            first,
            after,
            ..Default::default()
        }
    }
}

enum Direction {
    Forward(u64),
    Backward(u64),
}

fn page_size(value: i32, field: &str) -> AppResult<u64> {
    match u64::try_from(value) {
        Ok(size @ 1..=MAX_PAGE_SIZE) => Ok(size),
        _ => Err(AppError::validation(
            field,
            format!("must be between 1 and {MAX_PAGE_SIZE}"),
        )),
    }
}

fn decode_cursor(cursor: &Option<String>, field: &str) -> AppResult<Option<Uuid>> {
    cursor
        .as_deref()
        .map(|c| {
            OpaqueCursor::<Uuid>::decode_cursor(c)
                .map(|c| c.0)
                .map_err(|_| AppError::validation(field, "malformed cursor"))
        })
        .transpose()
}

fn encode_cursor(id: Uuid) -> String {
    OpaqueCursor(id).encode_cursor()
}

/// Loads one page of `select`, ordered by `id_column`, with the total count.
pub async fn paginate<E, N>(
    conn: &impl ConnectionTrait,
    select: Select<E>,
    to_node: impl Fn(E::Model) -> N,
    args: PageArgs,
) -> AppResult<Page<N>>
where
    E: TenantOwned,
    E::Model: Sync,
    N: OutputType,
{
    let direction = match (args.first, args.last) {
        (Some(_), Some(_)) => {
            return Err(AppError::validation(
                "last",
                "give either first or last, not both",
            ))
        }
        (Some(first), None) => Direction::Forward(page_size(first, "first")?),
        (None, Some(last)) => Direction::Backward(page_size(last, "last")?),
        (None, None) if args.before.is_some() => Direction::Backward(DEFAULT_PAGE_SIZE),
        (None, None) => Direction::Forward(DEFAULT_PAGE_SIZE),
    };
    let after = decode_cursor(&args.after, "after")?;
    let before = decode_cursor(&args.before, "before")?;

    let total_count = select.clone().count(conn).await?;
    let mut cursor = select.cursor_by(E::id_column());
    if let Some(after) = after {
        cursor.after(after);
    }
    if let Some(before) = before {
        cursor.before(before);
    }
    // One row more than asked tells whether another page follows.
    let (mut rows, has_previous, has_next) = match direction {
        Direction::Forward(size) => {
            let mut rows = cursor.first(size + 1).all(conn).await?;
            let more = rows.len() as u64 > size;
            rows.truncate(size as usize);
            (rows, after.is_some(), more)
        }
        Direction::Backward(size) => {
            let mut rows = cursor.last(size + 1).all(conn).await?;
            let more = rows.len() as u64 > size;
            if more {
                rows.remove(0);
            }
            (rows, more, before.is_some())
        }
    };
    let mut connection =
        Connection::with_additional_fields(has_previous, has_next, TotalCount { total_count });
    connection.edges.extend(
        rows.drain(..)
            .map(|row| Edge::new(encode_cursor(E::id_of(&row)), to_node(row))),
    );
    Ok(connection)
}
