//! What HR needs to run mandatory training: people's positions, staff imports checked before
//! they are applied, one-time invitation links, assignments of a course to a unit, a position or
//! a list of people, the reminders sent for them, and an audit log that cannot be rewritten.

use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len_null(Users::Position, 128))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_users_position",
            Users::Table,
            [Users::Position],
        )
        .await?;

        // An uploaded staff file and its line-by-line report, kept so that the admin can read
        // the report and then confirm without uploading the file again.
        manager
            .create_table(
                Table::create()
                    .table(PeopleImports::Table)
                    .col(pk_auto(PeopleImports::Id))
                    .col(integer(PeopleImports::UploadedBy))
                    .col(timestamp_with_time_zone(PeopleImports::UploadedAt))
                    .col(string(PeopleImports::FileName))
                    .col(text(PeopleImports::Content))
                    .col(integer(PeopleImports::RowsTotal))
                    .col(integer(PeopleImports::RowsClean))
                    // JSON: [{line, column, message}]
                    .col(text(PeopleImports::Problems))
                    .col(timestamp_with_time_zone_null(PeopleImports::AppliedAt))
                    .col(integer_null(PeopleImports::AppliedCount))
                    .to_owned(),
            )
            .await?;

        // The link's token is never stored: only its SHA-256, so a copy of the database cannot
        // be used to take over an account that has not set its password yet.
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(pk_auto(Invitations::Id))
                    .col(integer(Invitations::UserId))
                    .col(string_len_uniq(Invitations::TokenHash, 64))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_invitations_user",
            Invitations::Table,
            [Invitations::UserId],
        )
        .await?;

        // Exactly one of unit (with its sub-units), position, or people (the enrolments carry
        // the assignment) says who is assigned.
        manager
            .create_table(
                Table::create()
                    .table(Assignments::Table)
                    .col(pk_auto(Assignments::Id))
                    .col(integer(Assignments::CourseId))
                    .col(string_len(Assignments::Audience, 16))
                    .col(integer_null(Assignments::OrgUnitId))
                    .col(string_len_null(Assignments::Position, 128))
                    .col(timestamp_with_time_zone(Assignments::DueAt))
                    // People who join later get this many days from the day they join.
                    .col(integer(Assignments::WindowDays))
                    .col(integer_null(Assignments::RecurMonths))
                    .col(integer(Assignments::CreatedBy))
                    .col(timestamp_with_time_zone(Assignments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Assignments::CancelledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::CourseId)
                            .to(Courses::Table, Courses::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_assignments_unit",
            Assignments::Table,
            [Assignments::OrgUnitId],
        )
        .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Enrolments::Table)
                    .add_column(integer_null(Enrolments::AssignmentId))
                    .to_owned(),
            )
            .await?;
        // Claimed with a conditional UPDATE before a reminder is queued: at most one a week per
        // person and course, even with several server instances running the pass.
        manager
            .alter_table(
                Table::alter()
                    .table(Enrolments::Table)
                    .add_column(timestamp_with_time_zone_null(Enrolments::RemindedAt))
                    .to_owned(),
            )
            .await?;
        // A unit's manager gets a weekly digest of who is overdue below it.
        manager
            .alter_table(
                Table::alter()
                    .table(OrgUnits::Table)
                    .add_column(integer_null(OrgUnits::ManagerId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OrgUnits::Table)
                    .add_column(timestamp_with_time_zone_null(OrgUnits::DigestedAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_enrolments_due",
            Enrolments::Table,
            [Enrolments::DueAt],
        )
        .await?;

        // One row per reminder sent: the frequency caps are read from here.
        manager
            .create_table(
                Table::create()
                    .table(Reminders::Table)
                    .col(big_pk_auto(Reminders::Id))
                    .col(integer(Reminders::UserId))
                    .col(integer_null(Reminders::CourseId))
                    .col(string_len(Reminders::Kind, 16))
                    .col(timestamp_with_time_zone(Reminders::SentAt))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_reminders_user_course",
            Reminders::Table,
            [Reminders::UserId, Reminders::CourseId],
        )
        .await?;
        index(
            manager,
            "idx_audit_log_actor",
            AuditLog::Table,
            [AuditLog::ActorUserId],
        )
        .await?;
        forbid_audit_rewrites(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log; \
                     DROP FUNCTION IF EXISTS audit_log_append_only();",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "DROP TRIGGER IF EXISTS audit_log_no_update; \
                     DROP TRIGGER IF EXISTS audit_log_no_delete;",
                )
                .await?;
            }
        }
        for table in [
            Reminders::Table.into_iden(),
            Assignments::Table.into_iden(),
            Invitations::Table.into_iden(),
            PeopleImports::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The application only ever inserts into the audit log; the database refuses anything else,
/// so a bug or an injected query cannot quietly rewrite history.
async fn forbid_audit_rewrites(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match manager.get_database_backend() {
        DatabaseBackend::Postgres => {
            db.execute_unprepared(
                "CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
            )
            .await?;
        }
        _ => {
            for (name, event) in [
                ("audit_log_no_update", "UPDATE"),
                ("audit_log_no_delete", "DELETE"),
            ] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name} BEFORE {event} ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

async fn index<T: IntoIden + Copy + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
    }
    manager.create_index(index.to_owned()).await
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Position,
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Enrolments {
    Table,
    DueAt,
    AssignmentId,
    RemindedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OrgUnits {
    Table,
    ManagerId,
    DigestedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    ActorUserId,
}

#[derive(DeriveIden, Clone, Copy)]
enum PeopleImports {
    Table,
    Id,
    UploadedBy,
    UploadedAt,
    FileName,
    Content,
    RowsTotal,
    RowsClean,
    Problems,
    AppliedAt,
    AppliedCount,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invitations {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Assignments {
    Table,
    Id,
    CourseId,
    Audience,
    OrgUnitId,
    Position,
    DueAt,
    WindowDays,
    RecurMonths,
    CreatedBy,
    CreatedAt,
    CancelledAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Reminders {
    Table,
    Id,
    UserId,
    CourseId,
    Kind,
    SentAt,
}
