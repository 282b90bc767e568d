//! Trainers' drafts: a lesson file's Markdown as edited in the browser, kept until published.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LessonDrafts::Table)
                    .col(pk_auto(LessonDrafts::Id))
                    .col(string_len(LessonDrafts::CourseSlug, 64))
                    // The file's name in the course folder, e.g. `02-phishing.ru.md`.
                    .col(string_len(LessonDrafts::FileName, 128))
                    .col(text(LessonDrafts::Markdown))
                    .col(integer(LessonDrafts::UpdatedBy))
                    .col(timestamp_with_time_zone(LessonDrafts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lesson_drafts_course_file")
                    .table(LessonDrafts::Table)
                    .col(LessonDrafts::CourseSlug)
                    .col(LessonDrafts::FileName)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LessonDrafts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum LessonDrafts {
    Table,
    Id,
    CourseSlug,
    FileName,
    Markdown,
    UpdatedBy,
    UpdatedAt,
}
