//! The privacy statement: built from the register ([`build`]), rendered
//! ([`render`]), published as immutable versions ([`publish`], [`versions`])
//! with their differences ([`diff`]), and shown on public pages ([`pages`]).

pub mod build;
pub mod diff;
pub mod document;
#[cfg(test)]
pub(crate) mod fixture;
pub mod pages;
pub mod publish;
pub mod render;
pub mod snapshot;
pub mod text;
pub mod versions;
