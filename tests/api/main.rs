//! Integration tests: a real server over real HTTP with a real database.
//! `ROPA_TEST_DATABASE_URL` selects the database: unset or `sqlite` gives
//! each test its own SQLite file; a `postgres://` URL gives each test its own
//! PostgreSQL database on that server.

mod common;

mod auth;
mod health;
mod n_plus_one;
mod schema_sdl;
