//! Periodic jobs (certificate expiry, reminders and recurring rounds) run once across all the
//! server's nodes: a node runs a job's pass only after claiming the job's row, when the pass is
//! due and no other node's claim is live. The row also keeps when the job last ran, for
//! operators and `/metrics`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ScheduledJobs::Table)
                    .col(string_len(ScheduledJobs::Name, 64).primary_key())
                    .col(timestamp_with_time_zone(ScheduledJobs::NextRunAt))
                    .col(string_len_null(ScheduledJobs::Holder, 128))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LeaseExpiresAt))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LastStartedAt))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LastFinishedAt))
                    .col(big_integer(ScheduledJobs::Runs).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ScheduledJobs::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ScheduledJobs {
    Table,
    Name,
    NextRunAt,
    Holder,
    LeaseExpiresAt,
    LastStartedAt,
    LastFinishedAt,
    Runs,
}
