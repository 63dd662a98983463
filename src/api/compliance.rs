//! The GraphQL side of the compliance report.

use async_graphql::{Context, Object, ID};
use entity::enums::Language;

use crate::api::context::scope;
use crate::api::enums;
use crate::api::guard::RoleGuard;
use crate::api::ids::to_id;
use crate::api::limits::whole_register;
use crate::auth::Role;
use crate::compliance::{self, report, Finding, Report};

/// How much a finding stands in the way of a lawful register, most first.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "compliance::Severity")]
pub enum Severity {
    /// The processing as registered is unlawful, or the statement cannot
    /// say what GDPR Art. 13/14 require.
    Blocking,
    /// A gap in the record, a deadline, or an obligation to act on.
    Warning,
    /// Worth knowing; nothing is wrong.
    Info,
}

pub struct ComplianceReport(Report);

#[Object]
impl ComplianceReport {
    /// The most severe first, then by code, then in register order.
    async fn findings(&self) -> Vec<FindingOutput> {
        let default_language = self.0.default_language;
        self.0
            .findings
            .iter()
            .cloned()
            .map(|finding| FindingOutput {
                finding,
                default_language,
            })
            .collect()
    }
}

pub struct FindingOutput {
    finding: Finding,
    default_language: Language,
}

#[Object(name = "Finding")]
impl FindingOutput {
    /// Stable, e.g. `ACTIVITY_WITHOUT_LEGAL_BASIS`.
    async fn code(&self) -> &str {
        self.finding.code
    }
    /// Identifies this finding among those of its code: `CODE:entity-id`,
    /// the entry to act on first. `publishStatement(acceptFindings:)`
    /// accepts a blocking finding by it, or by its code for all of them.
    async fn key(&self) -> String {
        self.finding.key()
    }
    async fn severity(&self) -> Severity {
        self.finding.severity.into()
    }
    /// What is wrong and why it matters; in the organization's default
    /// language unless another is asked for.
    async fn message(&self, language: Option<enums::Language>) -> String {
        self.finding.message(
            language.map_or(self.default_language, Into::into),
            self.default_language,
        )
    }
    /// The register entries the finding is about: the one to act on first,
    /// then those that make it matter.
    async fn entity_ids(&self) -> Vec<ID> {
        self.finding.entity_ids.iter().copied().map(to_id).collect()
    }
}

#[derive(Default)]
pub struct ComplianceQuery;

#[Object(guard = "RoleGuard(Role::Viewer)")]
impl ComplianceQuery {
    /// What the register lacks for GDPR Art. 13/14, 28 and 30.
    #[graphql(complexity = "whole_register(child_complexity)")]
    async fn compliance_report(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<ComplianceReport> {
        Ok(ComplianceReport(report(scope(ctx).await?).await?))
    }
}
