//! The GraphQL schema: the queries and mutations of every API module merged,
//! with the limits that keep one request cheap. It builds without a
//! database too, so `schema.graphql` can be generated and checked.

use std::sync::Arc;

use async_graphql::{
    EmptySubscription, Interface, MergedObject, SDLExportOptions, Schema, SchemaBuilder, ID,
};
use sea_orm::DatabaseConnection;

use crate::api::audit::AuditQuery;
use crate::api::compliance::ComplianceQuery;
use crate::api::export::RegisterExportQuery;
use crate::api::import::RegisterImportMutation;
use crate::api::limits::{DocumentLimits, MAX_COST};
use crate::api::loaders::RegisterLoader;
use crate::api::plain_text::PlainTextInput;
use crate::api::register::data_category::{DataCategory, DataCategoryMutation, DataCategoryQuery};
use crate::api::register::data_subject_category::{
    DataSubjectCategory, DataSubjectCategoryMutation, DataSubjectCategoryQuery,
};
use crate::api::register::legal_basis::LegalBasisQuery;
use crate::api::register::organization::{Organization, OrganizationMutation, OrganizationQuery};
use crate::api::register::processing_activity::{
    ProcessingActivity, ProcessingActivityMutation, ProcessingActivityQuery,
};
use crate::api::register::processing_agreement::{
    ProcessingAgreement, ProcessingAgreementMutation, ProcessingAgreementQuery,
};
use crate::api::register::processor::{Processor, ProcessorMutation, ProcessorQuery};
use crate::api::register::rights_policy::{RightsPolicyMutation, RightsPolicyQuery};
use crate::api::register::tracker::{Tracker, TrackerMutation, TrackerQuery};
use crate::api::request_check::RequestChecks;
use crate::api::statement::{
    PublishMutation, PublishQuery, PublishedStatementQuery, StatementVersionQuery,
};
use crate::statement::published::PublishedStatements;

#[derive(MergedObject, Default)]
pub struct Query(
    OrganizationQuery,
    ProcessingActivityQuery,
    DataCategoryQuery,
    DataSubjectCategoryQuery,
    LegalBasisQuery,
    RightsPolicyQuery,
    ProcessorQuery,
    ProcessingAgreementQuery,
    TrackerQuery,
    AuditQuery,
    PublishQuery,
    StatementVersionQuery,
    PublishedStatementQuery,
    ComplianceQuery,
    RegisterExportQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    OrganizationMutation,
    RightsPolicyMutation,
    ProcessingActivityMutation,
    DataCategoryMutation,
    DataSubjectCategoryMutation,
    ProcessorMutation,
    ProcessingAgreementMutation,
    TrackerMutation,
    PublishMutation,
    RegisterImportMutation,
);

/// Every register entry with an id.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Organization(Organization),
    ProcessingActivity(ProcessingActivity),
    DataCategory(DataCategory),
    DataSubjectCategory(DataSubjectCategory),
    Processor(Processor),
    ProcessingAgreement(ProcessingAgreement),
    Tracker(Tracker),
}

pub type RopaSchema = Schema<Query, Mutation, EmptySubscription>;

fn builder() -> SchemaBuilder<Query, Mutation, EmptySubscription> {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .register_output_type::<Node>()
        .extension(RequestChecks(&[&DocumentLimits, &PlainTextInput]))
        .limit_complexity(MAX_COST)
}

/// The schema with its data: the loaders, and the published statements the
/// pages hold (publishing makes them forget what changed).
pub fn build_schema(db: DatabaseConnection, published: Arc<PublishedStatements>) -> RopaSchema {
    builder()
        .data(RegisterLoader::new(db))
        .data(published)
        .finish()
}

/// The schema without a database: for its SDL only.
pub fn build_schema_bare() -> RopaSchema {
    builder().finish()
}

/// The SDL checked in as `schema.graphql`.
pub fn sdl() -> String {
    build_schema_bare()
        .sdl_with_options(SDLExportOptions::new().sorted_fields().sorted_enum_items())
}
