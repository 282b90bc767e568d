//! Certificates (signed records of a completion, with their expiry and revocation) and the email
//! outbox that delivers them: rows written in the same transaction as what caused them, sent by
//! workers that claim rows with a lease.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .col(pk_auto(Certificates::Id))
                    // Unguessable: names the certificate in download links and credentials.
                    .col(string_len_uniq(Certificates::PublicId, 32))
                    // Short enough to type from paper: what /verify/<code> takes.
                    .col(string_len_uniq(Certificates::Code, 16))
                    .col(integer(Certificates::UserId))
                    .col(integer(Certificates::CourseId))
                    // 1 for the first completion, then one more for each renewal.
                    .col(integer(Certificates::Sequence))
                    .col(text(Certificates::LearnerName))
                    .col(string_len(Certificates::CourseSlug, 64))
                    .col(text(Certificates::CourseTitle))
                    .col(integer(Certificates::CourseVersion))
                    .col(string_len(Certificates::Language, 8))
                    .col(small_integer_null(Certificates::ScorePercent))
                    .col(timestamp_with_time_zone(Certificates::IssuedAt))
                    .col(timestamp_with_time_zone_null(Certificates::ExpiresAt))
                    // Ed25519 over the fields above (see app/src/server/certificates/record.rs).
                    .col(text(Certificates::Signature))
                    .col(integer_null(Certificates::ReplacesId))
                    .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
                    .col(integer_null(Certificates::RevokedBy))
                    .col(text_null(Certificates::RevokedReason))
                    .col(timestamp_with_time_zone_null(Certificates::Reminded30At))
                    .col(timestamp_with_time_zone_null(Certificates::Reminded7At))
                    // Set by the expiry job once the expiry date has passed.
                    .col(timestamp_with_time_zone_null(Certificates::LapsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Certificates::Table, Certificates::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Issued exactly once per completion, even when two requests complete at once.
        manager
            .create_index(
                Index::create()
                    .name("idx_certificates_user_course_sequence")
                    .table(Certificates::Table)
                    .col(Certificates::UserId)
                    .col(Certificates::CourseId)
                    .col(Certificates::Sequence)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_certificates_expires_at")
                    .table(Certificates::Table)
                    .col(Certificates::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    .col(string_len(Outbox::Kind, 32))
                    .col(text(Outbox::Recipient))
                    .col(string_len(Outbox::Language, 8))
                    // What the message is about, as JSON (e.g. the certificate's id).
                    .col(text(Outbox::Payload))
                    // The same on every attempt, so that a receiver can drop a duplicate.
                    .col(string_len_uniq(Outbox::MessageId, 128))
                    // pending, sent or failed (gave up after the last retry).
                    .col(string_len(Outbox::Status, 16))
                    .col(integer(Outbox::Attempts))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(string_len_null(Outbox::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                    .col(text_null(Outbox::LastError))
                    .col(text_null(Outbox::SmtpResponse))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_status_next_attempt")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Certificates::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Certificates {
    Table,
    Id,
    PublicId,
    Code,
    UserId,
    CourseId,
    Sequence,
    LearnerName,
    CourseSlug,
    CourseTitle,
    CourseVersion,
    Language,
    ScorePercent,
    IssuedAt,
    ExpiresAt,
    Signature,
    ReplacesId,
    RevokedAt,
    RevokedBy,
    RevokedReason,
    #[sea_orm(iden = "reminded_30_at")]
    Reminded30At,
    #[sea_orm(iden = "reminded_7_at")]
    Reminded7At,
    LapsedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    Recipient,
    Language,
    Payload,
    MessageId,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedBy,
    ClaimedUntil,
    LastError,
    SmtpResponse,
    CreatedAt,
    SentAt,
}
