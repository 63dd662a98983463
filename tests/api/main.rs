//! Integration tests: a real server over real HTTP with a real database.
//! `ROPA_TEST_DATABASE_URL` selects the database: unset or `sqlite` gives
//! each test its own SQLite file; a `postgres://` URL gives each test its own
//! PostgreSQL database on that server.
// The tests inspect the database directly, past the tenant scope.
#![allow(clippy::disallowed_methods)]

mod common;

mod answers;
mod audit_trail;
mod auth;
mod browser;
mod cli;
mod compliance;
mod compliance_law;
mod concurrency;
mod connections;
mod crash;
mod crud;
mod demo;
mod export;
mod fuzz;
mod graphiql;
mod graphql_http;
mod health;
mod jwt;
mod migrations;
mod n_plus_one;
mod outage;
mod pagination;
mod plain_text;
mod publish_gate;
mod query_cost;
mod replicas;
mod response_headers;
mod role_matrix;
mod schema_sdl;
mod schema_walk;
mod statement_golden;
mod statement_golden_register;
mod statement_pages;
mod statement_publish;
mod statement_style;
mod statement_summary;
mod tenant_isolation;
mod validation;
