use sea_orm_migration::{prelude::*, schema::*};

/// What the law asks a privacy statement to say and the register did not
/// hold: the essence of a joint controllers' arrangement (GDPR Art. 26(2)),
/// profiling that is no Art. 22 decision, whether a purpose is direct
/// marketing (Art. 21(2)), and which part of a processing rests on which
/// legal basis. Every new column may be empty, so existing rows stay valid.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Processor {
    Table,
    JointArrangement,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessingActivity {
    Table,
    Profiling,
    DirectMarketing,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityLegalBasis {
    Table,
    AppliesTo,
}

/// One column per statement: SQLite alters one thing at a time.
fn additions() -> Vec<TableAlterStatement> {
    vec![
        Table::alter()
            .table(Processor::Table)
            .add_column(json_null(Processor::JointArrangement))
            .to_owned(),
        Table::alter()
            .table(ProcessingActivity::Table)
            .add_column(json_null(ProcessingActivity::Profiling))
            .to_owned(),
        Table::alter()
            .table(ProcessingActivity::Table)
            .add_column(boolean(ProcessingActivity::DirectMarketing).default(false))
            .to_owned(),
        Table::alter()
            .table(ActivityLegalBasis::Table)
            .add_column(json_null(ActivityLegalBasis::AppliesTo))
            .to_owned(),
    ]
}

fn removals() -> Vec<TableAlterStatement> {
    vec![
        Table::alter()
            .table(ActivityLegalBasis::Table)
            .drop_column(ActivityLegalBasis::AppliesTo)
            .to_owned(),
        Table::alter()
            .table(ProcessingActivity::Table)
            .drop_column(ProcessingActivity::DirectMarketing)
            .to_owned(),
        Table::alter()
            .table(ProcessingActivity::Table)
            .drop_column(ProcessingActivity::Profiling)
            .to_owned(),
        Table::alter()
            .table(Processor::Table)
            .drop_column(Processor::JointArrangement)
            .to_owned(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for statement in additions() {
            manager.alter_table(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for statement in removals() {
            manager.alter_table(statement).await?;
        }
        Ok(())
    }
}
