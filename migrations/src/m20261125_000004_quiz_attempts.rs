//! The graded final quiz: its settings on the course, attempts with the questions drawn for
//! each, answers saved as they are given, and the score that completes an enrolment.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Courses::Table)
                    .add_column(text_null(Courses::QuizSettings))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Enrolments::Table)
                    .add_column(small_integer_null(Enrolments::ScorePercent))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizAttempts::Table)
                    .col(pk_auto(QuizAttempts::Id))
                    .col(integer(QuizAttempts::UserId))
                    .col(integer(QuizAttempts::CourseId))
                    .col(integer(QuizAttempts::Number))
                    .col(timestamp_with_time_zone(QuizAttempts::StartedAt))
                    // Enforced on the server: answers after it are refused.
                    .col(timestamp_with_time_zone_null(QuizAttempts::DeadlineAt))
                    .col(timestamp_with_time_zone_null(QuizAttempts::SubmittedAt))
                    .col(small_integer_null(QuizAttempts::ScorePercent))
                    .col(boolean_null(QuizAttempts::Passed))
                    // The questions drawn for this attempt and their option orders, fixed at start.
                    .col(text(QuizAttempts::Draw))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quiz_attempts_user_course")
                    .table(QuizAttempts::Table)
                    .col(QuizAttempts::UserId)
                    .col(QuizAttempts::CourseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(QuizAnswers::Table)
                    .col(big_pk_auto(QuizAnswers::Id))
                    .col(integer(QuizAnswers::AttemptId))
                    .col(string(QuizAnswers::QuestionKey))
                    .col(text(QuizAnswers::Answer))
                    .col(timestamp_with_time_zone(QuizAnswers::SavedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(QuizAnswers::Table, QuizAnswers::AttemptId)
                            .to(QuizAttempts::Table, QuizAttempts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quiz_answers_attempt_key")
                    .table(QuizAnswers::Table)
                    .col(QuizAnswers::AttemptId)
                    .col(QuizAnswers::QuestionKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(QuizAnswers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(QuizAttempts::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Enrolments::Table)
                    .drop_column(Enrolments::ScorePercent)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Courses::Table)
                    .drop_column(Courses::QuizSettings)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    QuizSettings,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    ScorePercent,
}

#[derive(DeriveIden)]
enum QuizAttempts {
    Table,
    Id,
    UserId,
    CourseId,
    Number,
    StartedAt,
    DeadlineAt,
    SubmittedAt,
    ScorePercent,
    Passed,
    Draw,
}

#[derive(DeriveIden)]
enum QuizAnswers {
    Table,
    Id,
    AttemptId,
    QuestionKey,
    Answer,
    SavedAt,
}
