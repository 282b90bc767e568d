//! Each published version of a course as a zip of its files, for the version history and its
//! diffs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CourseVersions::Table)
                    .col(pk_auto(CourseVersions::Id))
                    .col(string_len(CourseVersions::CourseSlug, 64))
                    .col(integer(CourseVersions::Version))
                    .col(integer_null(CourseVersions::PublishedBy))
                    .col(timestamp_with_time_zone(CourseVersions::PublishedAt))
                    .col(blob(CourseVersions::Archive))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_course_versions_slug_version")
                    .table(CourseVersions::Table)
                    .col(CourseVersions::CourseSlug)
                    .col(CourseVersions::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CourseVersions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CourseVersions {
    Table,
    Id,
    CourseSlug,
    Version,
    PublishedBy,
    PublishedAt,
    Archive,
}
