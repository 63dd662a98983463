//! The GraphQL side of the legal bases catalogue.

use async_graphql::{Context, Object};
use entity::legal_basis::Model;

use crate::api::context::scope;
use crate::api::enums;
use crate::api::guard::RoleGuard;
use crate::auth::Role;
use crate::register::legal_basis::all;

pub struct LegalBasis(pub Model);

localized_object! {
    #[Object]
    impl LegalBasis {
        localized {
            name / name_translations: String,
            explanation / explanation_translations: String,
        }
        /// A `LegalBasisCode` or `SpecialCategoryCondition` name.
        async fn code(&self) -> &str {
            // Art. 9 rows are stored as `ART9_<condition>` to keep the key
            // unique (`VITAL_INTERESTS` is in both articles); `kind` tells them
            // apart on the wire.
            self.0.code.strip_prefix("ART9_").unwrap_or(&self.0.code)
        }
        async fn kind(&self) -> enums::LegalBasisKind {
            self.0.kind.into()
        }
        /// e.g. `6(1)(f)`.
        async fn article(&self) -> &str {
            &self.0.article
        }
    }
}

#[derive(Default)]
pub struct LegalBasisQuery;

#[Object]
impl LegalBasisQuery {
    #[graphql(guard = "RoleGuard(Role::Viewer)")]
    async fn legal_bases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LegalBasis>> {
        // Resolving the scope ensures the caller belongs to an organization,
        // and sets the fallback language for the texts.
        let scope = scope(ctx).await?;
        Ok(all(scope).await?.into_iter().map(LegalBasis).collect())
    }
}
