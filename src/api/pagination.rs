//! Relay connections over keyset pagination. Rows are ordered by their
//! UUIDv7 id (creation order); a cursor is the opaque, encoded id.

use async_graphql::connection::{Connection, CursorType, Edge, OpaqueCursor};
use async_graphql::{OutputType, SimpleObject};
use sea_orm::{
    ConnectionTrait, Cursor, FromQueryResult, PaginatorTrait, PartialModelTrait, Select,
    SelectModel,
};
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

/// The part of an id-ordered list a client asked for: validated
/// `first/after/last/before`. Both the SQL and the in-memory paths cut
/// their pages with it, so every list follows the same cursor rules.
pub struct Window {
    direction: Direction,
    after: Option<Uuid>,
    before: Option<Uuid>,
}

impl PageArgs {
    /// Checks the page size (1..=100) and decodes the cursors.
    pub fn window(&self) -> AppResult<Window> {
        let direction = match (self.first, self.last) {
            (Some(_), Some(_)) => {
                return Err(AppError::validation(
                    "last",
                    "give either first or last, not both",
                ))
            }
            (Some(first), None) => Direction::Forward(page_size(first, "first")?),
            (None, Some(last)) => Direction::Backward(page_size(last, "last")?),
            (None, None) if self.before.is_some() => Direction::Backward(DEFAULT_PAGE_SIZE),
            (None, None) => Direction::Forward(DEFAULT_PAGE_SIZE),
        };
        Ok(Window {
            direction,
            after: decode_cursor(&self.after, "after")?,
            before: decode_cursor(&self.before, "before")?,
        })
    }
}

/// The complexity of a page (see `limits::MAX_COST`): the page size asked
/// for times what each entry selects, as GitHub counts nodes. An invalid
/// size counts as the largest; the resolver refuses it.
pub fn page_cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let size = match first.or(last).map(u64::try_from) {
        None => DEFAULT_PAGE_SIZE,
        Some(Ok(size)) => size.min(MAX_PAGE_SIZE),
        Some(Err(_)) => MAX_PAGE_SIZE,
    };
    usize::try_from(size)
        .unwrap_or(usize::MAX)
        .saturating_mul(child_complexity)
        .saturating_add(1)
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

impl Window {
    /// One row more than a page: it tells whether another page follows.
    fn fetch_size(&self) -> u64 {
        match self.direction {
            Direction::Forward(size) | Direction::Backward(size) => size + 1,
        }
    }

    /// The page of `rows`, which hold the `fetch_size` rows nearest the
    /// cursor on the side being paged (or fewer), in id order.
    fn connection<M, N: OutputType>(
        &self,
        mut rows: Vec<M>,
        total_count: u64,
        id_of: impl Fn(&M) -> Uuid,
        to_node: impl Fn(M) -> N,
    ) -> Page<N> {
        let more = rows.len() as u64 == self.fetch_size();
        let (has_previous, has_next) = match self.direction {
            Direction::Forward(_) => {
                if more {
                    rows.pop();
                }
                (self.after.is_some(), more)
            }
            Direction::Backward(_) => {
                if more {
                    rows.remove(0);
                }
                (more, self.before.is_some())
            }
        };
        let mut connection =
            Connection::with_additional_fields(has_previous, has_next, TotalCount { total_count });
        connection.edges.extend(
            rows.into_iter()
                .map(|row| Edge::new(encode_cursor(id_of(&row)), to_node(row))),
        );
        connection
    }

    /// The page of a list already in memory (e.g. loaded for many parents
    /// in one query); `totalCount` counts all of `rows`.
    pub fn page_of<M, N: OutputType>(
        &self,
        mut rows: Vec<M>,
        id_of: impl Fn(&M) -> Uuid,
        to_node: impl Fn(M) -> N,
    ) -> Page<N> {
        let total_count = rows.len() as u64;
        rows.sort_by_key(&id_of);
        rows.retain(|row| {
            let id = id_of(row);
            self.after.is_none_or(|after| id > after)
                && self.before.is_none_or(|before| id < before)
        });
        let fetch = usize::try_from(self.fetch_size()).unwrap_or(usize::MAX);
        match self.direction {
            Direction::Forward(_) => rows.truncate(fetch),
            Direction::Backward(_) => {
                rows.drain(..rows.len().saturating_sub(fetch));
            }
        }
        self.connection(rows, total_count, id_of, to_node)
    }
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
    let window = args.window()?;
    let total_count = select.clone().count(conn).await?;
    let cursor = select.cursor_by(E::id_column());
    let rows = window.rows(conn, cursor).await?;
    Ok(window.connection(rows, total_count, E::id_of, to_node))
}

/// [`paginate`], reading only the columns of the partial model `P`.
pub async fn paginate_partial<E, P, N>(
    conn: &impl ConnectionTrait,
    select: Select<E>,
    id_of: impl Fn(&P) -> Uuid,
    to_node: impl Fn(P) -> N,
    args: PageArgs,
) -> AppResult<Page<N>>
where
    E: TenantOwned,
    E::Model: Sync,
    P: PartialModelTrait + Send + Sync,
    N: OutputType,
{
    let window = args.window()?;
    let total_count = select.clone().count(conn).await?;
    let cursor = select.cursor_by(E::id_column()).into_partial_model::<P>();
    let rows = window.rows(conn, cursor).await?;
    Ok(window.connection(rows, total_count, id_of, to_node))
}

impl Window {
    /// The rows of `cursor` this window holds, and one more if there is.
    async fn rows<M: FromQueryResult + Send + Sync>(
        &self,
        conn: &impl ConnectionTrait,
        mut cursor: Cursor<SelectModel<M>>,
    ) -> AppResult<Vec<M>> {
        if let Some(after) = self.after {
            cursor.after(after);
        }
        if let Some(before) = self.before {
            cursor.before(before);
        }
        let rows = match self.direction {
            Direction::Forward(_) => cursor.first(self.fetch_size()).all(conn).await?,
            Direction::Backward(_) => cursor.last(self.fetch_size()).all(conn).await?,
        };
        Ok(rows)
    }
}
