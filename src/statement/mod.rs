//! The privacy statement: built from the register ([`build`]), rendered
//! ([`render`]), published as immutable versions ([`publish`], [`versions`])
//! with their differences ([`diff`]); the public pages (`http/pages`) show
//! them.

pub mod build;
pub mod diff;
pub mod document;
pub mod publish;
pub mod published;
pub mod render;
pub mod versions;
