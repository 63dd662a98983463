//! ropa: a GDPR record of processing activities and processor registry with
//! a GraphQL API, which generates the organization's privacy statement.

pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod compliance;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod http;
pub mod register;
pub mod register_export;
pub mod register_import;
pub mod register_snapshot;
pub mod statement;
pub mod text;
pub mod wording;
