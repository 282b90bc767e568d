//! Password reset links are one-time links like invitations, kept in the same table under the
//! same rules (hashed, single use, expiring); `purpose` keeps the two kinds apart, so a reset
//! link cannot open the invitation page and the other way round.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .add_column(string_len(Invitations::Purpose, 16).default("invitation"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Invitations::Table)
                    .drop_column(Invitations::Purpose)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Purpose,
}
