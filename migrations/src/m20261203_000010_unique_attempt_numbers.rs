//! One attempt per number: two "start" requests racing each other (on PostgreSQL, or on several
//! nodes) must not both open attempt N, which would beat the attempt limit and the retake delay.
//! Attempts that such a race already duplicated are renumbered in the order they were made.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_quiz_attempts_user_course_number";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE quiz_attempts SET number = (SELECT COUNT(*) FROM quiz_attempts AS earlier \
                 WHERE earlier.user_id = quiz_attempts.user_id \
                 AND earlier.course_id = quiz_attempts.course_id \
                 AND earlier.id <= quiz_attempts.id)",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(QuizAttempts::Table)
                    .col(QuizAttempts::UserId)
                    .col(QuizAttempts::CourseId)
                    .col(QuizAttempts::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(INDEX)
                    .table(QuizAttempts::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum QuizAttempts {
    Table,
    UserId,
    CourseId,
    Number,
}
