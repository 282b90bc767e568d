//! Recurring mandatory training: an enrolment can open again for a new round (cybersecurity
//! every 12 months), and each finished round is kept, so a transcript still shows what the
//! person did in earlier years after their progress is cleared for the new one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // When the current round opened: quiz attempts and lessons read before it count for
        // the earlier round only.
        manager
            .alter_table(
                Table::alter()
                    .table(Enrolments::Table)
                    .add_column(timestamp_with_time_zone_null(Enrolments::RoundOpenedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TrainingRounds::Table)
                    .col(pk_auto(TrainingRounds::Id))
                    .col(integer(TrainingRounds::UserId))
                    .col(integer(TrainingRounds::CourseId))
                    .col(integer_null(TrainingRounds::AssignmentId))
                    .col(timestamp_with_time_zone_null(TrainingRounds::DueAt))
                    .col(timestamp_with_time_zone(TrainingRounds::CompletedAt))
                    .col(small_integer_null(TrainingRounds::ScorePercent))
                    .col(integer(TrainingRounds::SecondsSpent))
                    .col(timestamp_with_time_zone(TrainingRounds::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TrainingRounds::Table, TrainingRounds::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TrainingRounds::Table, TrainingRounds::CourseId)
                            .to(Courses::Table, Courses::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_training_rounds_person_course")
                    .table(TrainingRounds::Table)
                    .col(TrainingRounds::UserId)
                    .col(TrainingRounds::CourseId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TrainingRounds::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Enrolments::Table)
                    .drop_column(Enrolments::RoundOpenedAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    RoundOpenedAt,
}

#[derive(DeriveIden)]
enum TrainingRounds {
    Table,
    Id,
    UserId,
    CourseId,
    AssignmentId,
    DueAt,
    CompletedAt,
    ScorePercent,
    SecondsSpent,
    ClosedAt,
}
