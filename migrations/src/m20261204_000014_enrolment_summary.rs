//! Each enrolment carries a summary of its current round's reading: lessons completed, seconds
//! on the lessons, and when a lesson was last read. The application keeps it up to date in the
//! same transaction as every progress write, so HR's reports read one row per enrolment and never
//! scan the progress rows (millions at a ministry's scale). This migration back-fills it from
//! those rows; `malaka-server summaries check` recomputes it at any time and reports differences.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The enrolment's person's progress on its course. A recurring round resets the lessons'
/// completion and seconds when it opens but keeps when each was last seen, hence the round
/// condition on `last_progress_at` alone.
const PROGRESS_OF_THE_ENROLMENT: &str =
    "FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id \
     WHERE p.user_id = enrolments.user_id AND l.course_id = enrolments.course_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            integer(Enrolments::LessonsDone).default(0).to_owned(),
            big_integer(Enrolments::SecondsSpent).default(0).to_owned(),
            timestamp_with_time_zone_null(Enrolments::LastProgressAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Enrolments::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        let backfill = format!(
            "UPDATE enrolments SET \
             lessons_done = (SELECT COUNT(*) {PROGRESS_OF_THE_ENROLMENT} \
               AND p.completed_at IS NOT NULL), \
             seconds_spent = (SELECT COALESCE(SUM(p.seconds_spent), 0) {PROGRESS_OF_THE_ENROLMENT}), \
             last_progress_at = (SELECT MAX(p.last_seen_at) {PROGRESS_OF_THE_ENROLMENT} \
               AND (enrolments.round_opened_at IS NULL \
                 OR p.last_seen_at > enrolments.round_opened_at))"
        );
        manager
            .get_connection()
            .execute_unprepared(&backfill)
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Enrolments::LessonsDone,
            Enrolments::SecondsSpent,
            Enrolments::LastProgressAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Enrolments::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    LessonsDone,
    SecondsSpent,
    LastProgressAt,
}
