//! ropa: a GDPR record of processing activities and processor registry with
//! a GraphQL API, which generates the organization's privacy statement.

/// Declares an enum from its head (attributes and `pub enum Name`) and its
/// variants, given apart so that a list of variants written once can declare
/// several enums: a service's and the GraphQL enum that mirrors it (see
/// `statement::diff::change_kinds!`).
macro_rules! declare_enum {
    ({ $($head:tt)* } $($(#[doc = $doc:literal])* $variant:ident,)*) => {
        $($head)* {
            $($(#[doc = $doc])* $variant,)*
        }
    };
}
pub(crate) use declare_enum;

pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod bounded;
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
