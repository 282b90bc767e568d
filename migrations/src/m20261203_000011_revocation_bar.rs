//! A revoked certificate bars its holder from earning the course's certificate again until an
//! admin lifts the bar (audited): revocation for cheating must not hand out a fresh attempt
//! budget. The certificate itself stays revoked; lifting only lets a successor be earned.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Certificates::Table)
                    .add_column(timestamp_with_time_zone_null(Certificates::BarLiftedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Certificates::Table)
                    .add_column(integer_null(Certificates::BarLiftedBy))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Certificates::BarLiftedBy, Certificates::BarLiftedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Certificates::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Certificates {
    Table,
    BarLiftedAt,
    BarLiftedBy,
}
