//! The organisation tree, people, the audit log and server secrets.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrgUnits::Table)
                    .col(pk_auto(OrgUnits::Id))
                    .col(integer_null(OrgUnits::ParentId))
                    // ministry, department or unit
                    .col(string_len(OrgUnits::Kind, 16))
                    .col(string(OrgUnits::Name))
                    .col(string(OrgUnits::Region))
                    .col(timestamp_with_time_zone(OrgUnits::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrgUnits::Table, OrgUnits::ParentId)
                            .to(OrgUnits::Table, OrgUnits::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_units_parent")
                    .table(OrgUnits::Table)
                    .col(OrgUnits::ParentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    // Stored lowercased, so uniqueness is case-insensitive on both databases.
                    .col(string_uniq(Users::Email))
                    .col(string(Users::Name))
                    .col(string(Users::PasswordHash))
                    .col(string_len(Users::Role, 16))
                    .col(integer_null(Users::OrgUnitId))
                    .col(string_len(Users::Language, 8))
                    .col(boolean(Users::Active))
                    // Raised on sign-out: every token issued before it stops working.
                    .col(integer(Users::TokenVersion).default(0))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::OrgUnitId)
                            .to(OrgUnits::Table, OrgUnits::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_org_unit")
                    .table(Users::Table)
                    .col(Users::OrgUnitId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string(AuditLog::Subject))
                    .col(text(AuditLog::Detail))
                    .col(string_len_null(AuditLog::Ip, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_log_at")
                    .table(AuditLog::Table)
                    .col(AuditLog::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServerSecrets::Table)
                    .col(string_len(ServerSecrets::Name, 64).primary_key())
                    .col(text(ServerSecrets::Value))
                    .col(timestamp_with_time_zone(ServerSecrets::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ServerSecrets::Table.into_iden(),
            AuditLog::Table.into_iden(),
            Users::Table.into_iden(),
            OrgUnits::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
pub enum OrgUnits {
    Table,
    Id,
    ParentId,
    Kind,
    Name,
    Region,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Role,
    OrgUnitId,
    Language,
    Active,
    TokenVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    Subject,
    Detail,
    Ip,
}

#[derive(DeriveIden)]
enum ServerSecrets {
    Table,
    Name,
    Value,
    CreatedAt,
}
