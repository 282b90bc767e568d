//! Courses and lessons (synced from the catalog files), their texts per language, enrolments and
//! lesson progress. Lessons are keyed by (course, slug) so editing files never orphans progress.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261125_000001_people_and_organisation::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Courses::Table)
                    .col(pk_auto(Courses::Id))
                    .col(string_uniq(Courses::Slug))
                    .col(string_len(Courses::SourceLanguage, 8))
                    .col(integer(Courses::EstimatedMinutes))
                    .col(small_integer(Courses::PassMark))
                    .col(small_integer_null(Courses::CertificateValidityMonths))
                    .col(string_len(Courses::ContentHash, 64))
                    .col(integer(Courses::Version))
                    .col(boolean(Courses::Archived))
                    .col(timestamp_with_time_zone(Courses::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CourseTexts::Table)
                    .col(pk_auto(CourseTexts::Id))
                    .col(integer(CourseTexts::CourseId))
                    .col(string_len(CourseTexts::Language, 8))
                    .col(string(CourseTexts::Title))
                    .col(text(CourseTexts::Summary))
                    .col(text(CourseTexts::Audience))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CourseTexts::Table, CourseTexts::CourseId)
                            .to(Courses::Table, Courses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_course_texts_course_language",
            CourseTexts::Table,
            [CourseTexts::CourseId, CourseTexts::Language],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Lessons::Table)
                    .col(pk_auto(Lessons::Id))
                    .col(integer(Lessons::CourseId))
                    .col(string(Lessons::Slug))
                    .col(integer(Lessons::Position))
                    .col(integer(Lessons::Minutes))
                    .col(string_len(Lessons::ContentHash, 64))
                    // A lesson removed from the files is archived, never deleted with its progress.
                    .col(boolean(Lessons::Archived))
                    .col(timestamp_with_time_zone(Lessons::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Lessons::Table, Lessons::CourseId)
                            .to(Courses::Table, Courses::Id),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_lessons_course_slug",
            Lessons::Table,
            [Lessons::CourseId, Lessons::Slug],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(LessonTexts::Table)
                    .col(pk_auto(LessonTexts::Id))
                    .col(integer(LessonTexts::LessonId))
                    .col(string_len(LessonTexts::Language, 8))
                    .col(string(LessonTexts::Title))
                    .col(text(LessonTexts::Html))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LessonTexts::Table, LessonTexts::LessonId)
                            .to(Lessons::Table, Lessons::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_lesson_texts_lesson_language",
            LessonTexts::Table,
            [LessonTexts::LessonId, LessonTexts::Language],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .col(pk_auto(Enrolments::Id))
                    .col(integer(Enrolments::UserId))
                    .col(integer(Enrolments::CourseId))
                    .col(timestamp_with_time_zone(Enrolments::EnrolledAt))
                    .col(timestamp_with_time_zone_null(Enrolments::DueAt))
                    .col(timestamp_with_time_zone_null(Enrolments::CompletedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrolments::Table, Enrolments::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrolments::Table, Enrolments::CourseId)
                            .to(Courses::Table, Courses::Id),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_enrolments_user_course",
            Enrolments::Table,
            [Enrolments::UserId, Enrolments::CourseId],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enrolments_course")
                    .table(Enrolments::Table)
                    .col(Enrolments::CourseId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LessonProgress::Table)
                    .col(big_pk_auto(LessonProgress::Id))
                    .col(integer(LessonProgress::UserId))
                    .col(integer(LessonProgress::LessonId))
                    .col(timestamp_with_time_zone(LessonProgress::StartedAt))
                    .col(timestamp_with_time_zone(LessonProgress::LastSeenAt))
                    .col(timestamp_with_time_zone_null(LessonProgress::CompletedAt))
                    // Time on task, for HR's "completed suspiciously fast" report.
                    .col(integer(LessonProgress::SecondsSpent))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LessonProgress::Table, LessonProgress::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(LessonProgress::Table, LessonProgress::LessonId)
                            .to(Lessons::Table, Lessons::Id),
                    )
                    .to_owned(),
            )
            .await?;
        unique_index(
            manager,
            "idx_lesson_progress_user_lesson",
            LessonProgress::Table,
            [LessonProgress::UserId, LessonProgress::LessonId],
        )
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lesson_progress_lesson")
                    .table(LessonProgress::Table)
                    .col(LessonProgress::LessonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            LessonProgress::Table.into_iden(),
            Enrolments::Table.into_iden(),
            LessonTexts::Table.into_iden(),
            Lessons::Table.into_iden(),
            CourseTexts::Table.into_iden(),
            Courses::Table.into_iden(),
        ];
        for table in tables {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn unique_index<T: IntoIden + Copy + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table).unique();
    for column in columns {
        index.col(column);
    }
    manager.create_index(index.to_owned()).await
}

#[derive(DeriveIden, Clone, Copy)]
enum Courses {
    Table,
    Id,
    Slug,
    SourceLanguage,
    EstimatedMinutes,
    PassMark,
    CertificateValidityMonths,
    ContentHash,
    Version,
    Archived,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CourseTexts {
    Table,
    Id,
    CourseId,
    Language,
    Title,
    Summary,
    Audience,
}

#[derive(DeriveIden, Clone, Copy)]
enum Lessons {
    Table,
    Id,
    CourseId,
    Slug,
    Position,
    Minutes,
    ContentHash,
    Archived,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LessonTexts {
    Table,
    Id,
    LessonId,
    Language,
    Title,
    Html,
}

#[derive(DeriveIden, Clone, Copy)]
enum Enrolments {
    Table,
    Id,
    UserId,
    CourseId,
    EnrolledAt,
    DueAt,
    CompletedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LessonProgress {
    Table,
    Id,
    UserId,
    LessonId,
    StartedAt,
    LastSeenAt,
    CompletedAt,
    SecondsSpent,
}
