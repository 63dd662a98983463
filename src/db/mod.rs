pub mod connect;
pub mod scope;

pub use connect::connect;
pub use scope::{Scope, TenantOwned};
