use sea_orm_migration::{prelude::*, schema::*};

use crate::seed_legal_bases;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        seed_legal_bases::insert(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables().into_iter().rev() {
            let name = table
                .get_table_name()
                .cloned()
                .expect("every table has a name");
            manager
                .drop_table(Table::drop().table(name).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Organization {
    Table,
    Id,
    Slug,
    LegalName,
    TradeNames,
    RegistrationNumber,
    Address,
    ContactEmail,
    PrivacyEmail,
    Phone,
    Dpo,
    Representative,
    SupervisoryAuthority,
    DefaultLanguage,
    Websites,
}

#[derive(DeriveIden, Clone, Copy)]
enum RightsPolicy {
    Table,
    Id,
    OrganizationId,
    ResponsePeriod,
    OptOutWorkingDays,
    MarketingFollowUpPeriod,
    Channels,
    Rights,
    DisclosurePurposes,
    Unsubscribe,
}

#[derive(DeriveIden, Clone, Copy)]
enum DataCategory {
    Table,
    Id,
    OrganizationId,
    Key,
    Name,
    Description,
    SpecialCategory,
    CriminalData,
}

#[derive(DeriveIden, Clone, Copy)]
enum DataSubjectCategory {
    Table,
    Id,
    OrganizationId,
    Key,
    Name,
    Description,
}

#[derive(DeriveIden, Clone, Copy)]
enum LegalBasis {
    Table,
    Code,
    Kind,
    Article,
    Name,
    Explanation,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
enum Processor {
    Table,
    Id,
    OrganizationId,
    Name,
    Role,
    Service,
    Country,
    Contact,
    ParentId,
    TransferSafeguard,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessingAgreement {
    Table,
    Id,
    OrganizationId,
    ProcessorId,
    Status,
    SignedOn,
    EffectiveOn,
    ExpiresOn,
    DocumentRef,
    Clauses,
    SubProcessorAuthorisation,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessingActivity {
    Table,
    Id,
    OrganizationId,
    Name,
    Purpose,
    PurposeCategory,
    Status,
    Owner,
    Retention,
    SpecialCategoryConditions,
    Transfers,
    Sources,
    SecurityMeasures,
    AutomatedDecisionMaking,
    Requirement,
    DpiaRequired,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityLegalBasis {
    Table,
    Code,
    LegitimateInterest,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityDataCategory {
    Table,
    DataCategoryId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityDataSubjectCategory {
    Table,
    DataSubjectCategoryId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityRecipient {
    Table,
    ProcessorId,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditEvent {
    Table,
    Id,
    OrganizationId,
    Actor,
    EntityType,
    EntityId,
    Action,
    Before,
    After,
    At,
}

/// Columns every register entity shares.
#[derive(DeriveIden, Clone, Copy)]
enum Common {
    SearchText,
    ArchivedAt,
    Revision,
    CreatedAt,
    UpdatedAt,
    Position,
}

fn versioned(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(integer(Common::Revision).default(1))
        .col(timestamp_with_time_zone(Common::CreatedAt))
        .col(timestamp_with_time_zone(Common::UpdatedAt))
}

fn archivable(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    versioned(table)
        .col(text(Common::SearchText).default(""))
        .col(timestamp_with_time_zone_null(Common::ArchivedAt))
}

fn owned_by_organization<T: IntoIden + Copy + 'static>(
    table: &mut TableCreateStatement,
    name: T,
    column: impl IntoIden + Copy + 'static,
) -> &mut TableCreateStatement {
    table.col(uuid(column)).foreign_key(
        ForeignKey::create()
            .from(name, column)
            .to(Organization::Table, Organization::Id)
            .on_delete(ForeignKeyAction::Cascade),
    )
}

fn reference(
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        versioned(
            Table::create()
                .table(Organization::Table)
                .col(pk_uuid(Organization::Id))
                .col(string_uniq(Organization::Slug))
                .col(text(Organization::LegalName))
                .col(json(Organization::TradeNames))
                .col(string_null(Organization::RegistrationNumber))
                .col(json_null(Organization::Address))
                .col(string_null(Organization::ContactEmail))
                .col(string_null(Organization::PrivacyEmail))
                .col(string_null(Organization::Phone))
                .col(json_null(Organization::Dpo))
                .col(json_null(Organization::Representative))
                .col(json_null(Organization::SupervisoryAuthority))
                .col(string_len(Organization::DefaultLanguage, 40))
                .col(json(Organization::Websites)),
        )
        .to_owned(),
        versioned(
            owned_by_organization(
                Table::create()
                    .table(RightsPolicy::Table)
                    .col(pk_uuid(RightsPolicy::Id)),
                RightsPolicy::Table,
                RightsPolicy::OrganizationId,
            )
            .col(string(RightsPolicy::ResponsePeriod))
            .col(integer_null(RightsPolicy::OptOutWorkingDays))
            .col(string_null(RightsPolicy::MarketingFollowUpPeriod))
            .col(json(RightsPolicy::Channels))
            .col(json(RightsPolicy::Rights))
            .col(json(RightsPolicy::DisclosurePurposes))
            .col(json(RightsPolicy::Unsubscribe)),
        )
        .to_owned(),
        archivable(
            owned_by_organization(
                Table::create()
                    .table(DataCategory::Table)
                    .col(pk_uuid(DataCategory::Id)),
                DataCategory::Table,
                DataCategory::OrganizationId,
            )
            .col(string(DataCategory::Key))
            .col(json(DataCategory::Name))
            .col(json(DataCategory::Description))
            .col(boolean(DataCategory::SpecialCategory).default(false))
            .col(boolean(DataCategory::CriminalData).default(false)),
        )
        .to_owned(),
        archivable(
            owned_by_organization(
                Table::create()
                    .table(DataSubjectCategory::Table)
                    .col(pk_uuid(DataSubjectCategory::Id)),
                DataSubjectCategory::Table,
                DataSubjectCategory::OrganizationId,
            )
            .col(string(DataSubjectCategory::Key))
            .col(json(DataSubjectCategory::Name))
            .col(json(DataSubjectCategory::Description)),
        )
        .to_owned(),
        Table::create()
            .table(LegalBasis::Table)
            .col(string_len(LegalBasis::Code, 40).primary_key())
            .col(string_len(LegalBasis::Kind, 40))
            .col(string(LegalBasis::Article))
            .col(json(LegalBasis::Name))
            .col(json(LegalBasis::Explanation))
            .col(integer(LegalBasis::Position))
            .to_owned(),
        archivable(
            owned_by_organization(
                Table::create()
                    .table(Processor::Table)
                    .col(pk_uuid(Processor::Id)),
                Processor::Table,
                Processor::OrganizationId,
            )
            .col(text(Processor::Name))
            .col(string_len(Processor::Role, 40))
            .col(json(Processor::Service))
            .col(string_len(Processor::Country, 2))
            .col(json_null(Processor::Contact))
            .col(uuid_null(Processor::ParentId))
            .col(string_len_null(Processor::TransferSafeguard, 40))
            .foreign_key(&mut reference(
                (Processor::Table, Processor::ParentId),
                (Processor::Table, Processor::Id),
            )),
        )
        .to_owned(),
        archivable(
            owned_by_organization(
                Table::create()
                    .table(ProcessingAgreement::Table)
                    .col(pk_uuid(ProcessingAgreement::Id)),
                ProcessingAgreement::Table,
                ProcessingAgreement::OrganizationId,
            )
            .col(uuid(ProcessingAgreement::ProcessorId))
            .col(string_len(ProcessingAgreement::Status, 40))
            .col(date_null(ProcessingAgreement::SignedOn))
            .col(date_null(ProcessingAgreement::EffectiveOn))
            .col(date_null(ProcessingAgreement::ExpiresOn))
            .col(text_null(ProcessingAgreement::DocumentRef))
            .col(json(ProcessingAgreement::Clauses))
            .col(string_len_null(
                ProcessingAgreement::SubProcessorAuthorisation,
                40,
            ))
            .foreign_key(&mut reference(
                (ProcessingAgreement::Table, ProcessingAgreement::ProcessorId),
                (Processor::Table, Processor::Id),
            )),
        )
        .to_owned(),
        archivable(
            owned_by_organization(
                Table::create()
                    .table(ProcessingActivity::Table)
                    .col(pk_uuid(ProcessingActivity::Id)),
                ProcessingActivity::Table,
                ProcessingActivity::OrganizationId,
            )
            .col(json(ProcessingActivity::Name))
            .col(json(ProcessingActivity::Purpose))
            .col(string_null(ProcessingActivity::PurposeCategory))
            .col(string_len(ProcessingActivity::Status, 40))
            .col(string_null(ProcessingActivity::Owner))
            .col(json_null(ProcessingActivity::Retention))
            .col(json(ProcessingActivity::SpecialCategoryConditions))
            .col(json(ProcessingActivity::Transfers))
            .col(json(ProcessingActivity::Sources))
            .col(json(ProcessingActivity::SecurityMeasures))
            .col(json(ProcessingActivity::AutomatedDecisionMaking))
            .col(json(ProcessingActivity::Requirement))
            .col(boolean(ProcessingActivity::DpiaRequired).default(false))
            .col(integer(Common::Position).default(0)),
        )
        .to_owned(),
        activity_link(ActivityLegalBasis::Table, ActivityLegalBasis::Code, None)
            .col(json(ActivityLegalBasis::LegitimateInterest))
            .to_owned(),
        activity_link(
            ActivityDataCategory::Table,
            ActivityDataCategory::DataCategoryId,
            Some(reference(
                (
                    ActivityDataCategory::Table,
                    ActivityDataCategory::DataCategoryId,
                ),
                (DataCategory::Table, DataCategory::Id),
            )),
        ),
        activity_link(
            ActivityDataSubjectCategory::Table,
            ActivityDataSubjectCategory::DataSubjectCategoryId,
            Some(reference(
                (
                    ActivityDataSubjectCategory::Table,
                    ActivityDataSubjectCategory::DataSubjectCategoryId,
                ),
                (DataSubjectCategory::Table, DataSubjectCategory::Id),
            )),
        ),
        activity_link(
            ActivityRecipient::Table,
            ActivityRecipient::ProcessorId,
            Some(reference(
                (ActivityRecipient::Table, ActivityRecipient::ProcessorId),
                (Processor::Table, Processor::Id),
            )),
        ),
        owned_by_organization(
            Table::create()
                .table(AuditEvent::Table)
                .col(pk_uuid(AuditEvent::Id)),
            AuditEvent::Table,
            AuditEvent::OrganizationId,
        )
        .col(string(AuditEvent::Actor))
        .col(string(AuditEvent::EntityType))
        .col(uuid(AuditEvent::EntityId))
        .col(string(AuditEvent::Action))
        .col(json_null(AuditEvent::Before))
        .col(json_null(AuditEvent::After))
        .col(timestamp_with_time_zone(AuditEvent::At))
        .to_owned(),
    ]
}

/// A link table from a processing activity to something else, keyed by the
/// activity and `target`.
fn activity_link<T, C>(
    table: T,
    target: C,
    references: Option<ForeignKeyCreateStatement>,
) -> TableCreateStatement
where
    T: IntoIden + Copy + 'static,
    C: IntoIden + Copy + 'static,
{
    #[derive(DeriveIden, Clone, Copy)]
    enum Link {
        ActivityId,
    }
    let target_column = match references {
        Some(_) => uuid(target),
        None => string_len(target, 40),
    };
    let mut create = Table::create();
    create
        .table(table)
        .col(uuid(Link::ActivityId))
        .col(target_column)
        .col(integer(Common::Position).default(0))
        .primary_key(Index::create().col(Link::ActivityId).col(target))
        .foreign_key(
            ForeignKey::create()
                .from(table, Link::ActivityId)
                .to(ProcessingActivity::Table, ProcessingActivity::Id)
                .on_delete(ForeignKeyAction::Cascade),
        );
    if let Some(mut foreign_key) = references {
        create.foreign_key(&mut foreign_key);
    }
    create.to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("ux_data_category_org_key")
            .table(DataCategory::Table)
            .col(DataCategory::OrganizationId)
            .col(DataCategory::Key)
            .unique()
            .to_owned(),
        Index::create()
            .name("ux_data_subject_category_org_key")
            .table(DataSubjectCategory::Table)
            .col(DataSubjectCategory::OrganizationId)
            .col(DataSubjectCategory::Key)
            .unique()
            .to_owned(),
        Index::create()
            .name("ix_processor_org")
            .table(Processor::Table)
            .col(Processor::OrganizationId)
            .col(Processor::Id)
            .to_owned(),
        Index::create()
            .name("ix_processing_agreement_processor")
            .table(ProcessingAgreement::Table)
            .col(ProcessingAgreement::ProcessorId)
            .to_owned(),
        Index::create()
            .name("ix_processing_activity_org")
            .table(ProcessingActivity::Table)
            .col(ProcessingActivity::OrganizationId)
            .col(ProcessingActivity::Id)
            .to_owned(),
        Index::create()
            .name("ix_activity_data_category_target")
            .table(ActivityDataCategory::Table)
            .col(ActivityDataCategory::DataCategoryId)
            .to_owned(),
        Index::create()
            .name("ix_activity_recipient_target")
            .table(ActivityRecipient::Table)
            .col(ActivityRecipient::ProcessorId)
            .to_owned(),
        Index::create()
            .name("ix_audit_event_entity")
            .table(AuditEvent::Table)
            .col(AuditEvent::OrganizationId)
            .col(AuditEvent::EntityId)
            .to_owned(),
        Index::create()
            .name("ix_audit_event_org")
            .table(AuditEvent::Table)
            .col(AuditEvent::OrganizationId)
            .col(AuditEvent::Id)
            .to_owned(),
    ]
}
