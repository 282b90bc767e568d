//! Questions synced from the course files (knowledge checks in lessons and the final quiz pool,
//! per language), and learners' answers to knowledge checks.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Questions::Table)
                    .col(pk_auto(Questions::Id))
                    .col(integer(Questions::CourseId))
                    // Null for the final quiz's pool.
                    .col(integer_null(Questions::LessonId))
                    // The trainer's id, stable across edits and languages.
                    .col(string(Questions::Key))
                    .col(string_len(Questions::Language, 8))
                    .col(integer(Questions::Position))
                    // The parsed question as JSON, including the correct answers: server only.
                    .col(text(Questions::Definition))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_questions_course_key_language")
                    .table(Questions::Table)
                    .col(Questions::CourseId)
                    .col(Questions::Key)
                    .col(Questions::Language)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_questions_lesson")
                    .table(Questions::Table)
                    .col(Questions::LessonId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CheckAnswers::Table)
                    .col(big_pk_auto(CheckAnswers::Id))
                    .col(integer(CheckAnswers::UserId))
                    .col(integer(CheckAnswers::CourseId))
                    .col(string(CheckAnswers::QuestionKey))
                    .col(text(CheckAnswers::Answer))
                    .col(small_integer(CheckAnswers::ScorePercent))
                    .col(timestamp_with_time_zone(CheckAnswers::AnsweredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_check_answers_user_course_key")
                    .table(CheckAnswers::Table)
                    .col(CheckAnswers::UserId)
                    .col(CheckAnswers::CourseId)
                    .col(CheckAnswers::QuestionKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CheckAnswers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Questions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    CourseId,
    LessonId,
    Key,
    Language,
    Position,
    Definition,
}

#[derive(DeriveIden)]
enum CheckAnswers {
    Table,
    Id,
    UserId,
    CourseId,
    QuestionKey,
    Answer,
    ScorePercent,
    AnsweredAt,
}
