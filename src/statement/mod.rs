//! The privacy statement: built from the register ([`build`]), rendered
//! ([`render`]), published as immutable versions ([`publish`], [`versions`])
//! with their differences ([`diff`]); the public pages (`http/pages`) show
//! them.

pub mod build;
pub mod diff;
pub mod document;
#[cfg(test)]
pub(crate) mod fixture;
pub mod publish;
pub mod render;
pub mod snapshot;
pub mod versions;
