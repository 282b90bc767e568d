//! Each enrolment's summary of its current round's reading: lessons completed, seconds on the
//! lessons and when a lesson was last read. Progress writes keep it in their own transaction
//! (`learning::progress`, and a recurring round's opening resets it), so HR's reports read one
//! row per enrolment however many progress rows there are. `differences` recomputes every
//! summary from the progress rows; `malaka-server summaries check` runs it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

use crate::entities::enrolment;
use crate::Error;
use malaka_shared::reports::EnrolmentStatus;

/// What an enrolment's summary says, or what its progress rows add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub lessons_done: i32,
    pub seconds_spent: i64,
    pub last_progress_at: Option<DateTime<Utc>>,
}

/// An enrolment whose stored summary is not what its progress rows add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub enrolment_id: i32,
    pub user_id: i32,
    pub course_id: i32,
    pub stored: Summary,
    pub counted: Summary,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "enrolment {} (person {}, course {}): stored {:?}, counted from progress {:?}",
            self.enrolment_id, self.user_id, self.course_id, self.stored, self.counted
        )
    }
}

/// The status the reports and the transcript show, from the enrolment's own row.
pub fn status(enrolment: &enrolment::Model, now: DateTime<Utc>) -> EnrolmentStatus {
    EnrolmentStatus::of(
        enrolment.completed_at.is_some(),
        enrolment.due_at.is_some_and(|due| due < now),
        enrolment.last_progress_at.is_some(),
    )
}

/// Adds one progress write to its enrolment's summary; call it in the write's transaction.
pub(crate) async fn add(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
    lessons_done: i32,
    seconds: i64,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let updated = enrolment::Entity::update_many()
        .col_expr(
            enrolment::Column::LessonsDone,
            Expr::col(enrolment::Column::LessonsDone).add(lessons_done),
        )
        .col_expr(
            enrolment::Column::SecondsSpent,
            Expr::col(enrolment::Column::SecondsSpent).add(seconds),
        )
        // The latest write wins even when writes commit out of order.
        .col_expr(
            enrolment::Column::LastProgressAt,
            Expr::case(
                Expr::col(enrolment::Column::LastProgressAt)
                    .is_null()
                    .or(Expr::col(enrolment::Column::LastProgressAt).lt(now)),
                Expr::value(Some(now)),
            )
            .finally(Expr::col(enrolment::Column::LastProgressAt))
            .into(),
        )
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(course_id))
        .exec(db)
        .await?;
    match updated.rows_affected {
        1 => Ok(()),
        _ => Err(Error::Invariant(
            "lesson progress written without an enrolment",
        )),
    }
}

/// A new round starts with nothing read; call it in the transaction that opens the round.
pub(crate) async fn reset(db: &impl ConnectionTrait, enrolment_id: i32) -> Result<(), Error> {
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::LessonsDone, Expr::value(0))
        .col_expr(enrolment::Column::SecondsSpent, Expr::value(0i64))
        .col_expr(
            enrolment::Column::LastProgressAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(enrolment::Column::Id.eq(enrolment_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Every enrolment whose summary differs from a count of its progress rows, in id order.
pub async fn differences(db: &impl ConnectionTrait) -> Result<Vec<Difference>, Error> {
    // One grouped pass over the progress rows; the round condition mirrors the migration that
    // back-filled the summaries (a round resets completion and seconds, not when a lesson was
    // last seen).
    let sql = "SELECT e.id AS id, e.user_id AS user_id, e.course_id AS course_id, \
        e.lessons_done AS lessons_done, e.seconds_spent AS seconds_spent, \
        e.last_progress_at AS last_progress_at, \
        COUNT(p.completed_at) AS counted_done, \
        COALESCE(SUM(p.seconds_spent), 0) AS counted_seconds, \
        MAX(CASE WHEN e.round_opened_at IS NULL OR p.last_seen_at > e.round_opened_at \
          THEN p.last_seen_at END) AS counted_last \
        FROM enrolments e \
        LEFT JOIN lessons l ON l.course_id = e.course_id \
        LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = e.user_id \
        GROUP BY e.id, e.user_id, e.course_id, e.lessons_done, e.seconds_spent, \
          e.last_progress_at \
        ORDER BY e.id";
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let mut found = Vec::new();
    for row in rows {
        let stored = Summary {
            lessons_done: row.try_get("", "lessons_done")?,
            seconds_spent: row.try_get("", "seconds_spent")?,
            last_progress_at: row.try_get("", "last_progress_at")?,
        };
        let counted = Summary {
            lessons_done: row.try_get::<i64>("", "counted_done")? as i32,
            seconds_spent: row.try_get("", "counted_seconds")?,
            last_progress_at: row.try_get("", "counted_last")?,
        };
        if stored != counted {
            found.push(Difference {
                enrolment_id: row.try_get("", "id")?,
                user_id: row.try_get("", "user_id")?,
                course_id: row.try_get("", "course_id")?,
                stored,
                counted,
            });
        }
    }
    Ok(found)
}

/// Rewrites the summaries that differ with what their progress rows add up to.
pub async fn repair(db: &impl ConnectionTrait) -> Result<usize, Error> {
    let found = differences(db).await?;
    for difference in &found {
        let counted = difference.counted;
        enrolment::Entity::update_many()
            .col_expr(
                enrolment::Column::LessonsDone,
                Expr::value(counted.lessons_done),
            )
            .col_expr(
                enrolment::Column::SecondsSpent,
                Expr::value(counted.seconds_spent),
            )
            .col_expr(
                enrolment::Column::LastProgressAt,
                Expr::value(counted.last_progress_at),
            )
            .filter(enrolment::Column::Id.eq(difference.enrolment_id))
            .exec(db)
            .await?;
    }
    Ok(found.len())
}
