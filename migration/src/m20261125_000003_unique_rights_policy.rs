use sea_orm_migration::prelude::*;

/// One rights policy per organization: two concurrent first saves must not
/// both succeed.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RightsPolicy {
    Table,
    OrganizationId,
}

const INDEX: &str = "ux_rights_policy_organization";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(RightsPolicy::Table)
                    .col(RightsPolicy::OrganizationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(RightsPolicy::Table)
                    .to_owned(),
            )
            .await
    }
}
