//! Recurring mandatory training ("cybersecurity every 12 months"). A person's next round is due
//! the chosen number of months after they last completed the course (never before the
//! assignment's own date), and opens up to 30 days before that, when the certificate renewal
//! window opens too. Opening a round keeps the finished one in `training_rounds`, clears the
//! completion and the lessons read, and tells the person by email; from then on the round is
//! an open mandatory enrolment like any other, with the same reminders and reports.

use chrono::{DateTime, Duration, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionTrait,
};

use crate::assignments::{end_of_day_in_tashkent, tashkent_date};
use crate::certificates::issue::RENEWAL_WINDOW_DAYS;
use crate::entities::{assignment, enrolment, lesson, lesson_progress, training_round, user};
use crate::mail::outbox::{self, Email};
use crate::Error;
use crate::{assignments::reminders, Db};

/// When the round after a completion at `completed_at` opens, and when it is due.
pub fn next_round(
    completed_at: DateTime<Utc>,
    every_months: u32,
    assignment_due: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let completed_on = tashkent_date(completed_at);
    let due_on = completed_on
        .checked_add_months(Months::new(every_months))
        .unwrap_or(completed_on);
    let due = end_of_day_in_tashkent(due_on).max(assignment_due);
    // A short period (every month) must not open the next round the moment one is finished.
    let lead = Duration::days(RENEWAL_WINDOW_DAYS).min((due - completed_at) / 2);
    (due - lead, due)
}

/// Opens every round that is due to open at `now`; returns how many it opened. Each is claimed
/// by a conditional update on the completion it replaces, so two instances never open the same
/// round twice.
pub async fn open_due_rounds(db: &Db, now: DateTime<Utc>) -> Result<usize, Error> {
    let rules = assignment::Entity::find()
        .filter(assignment::Column::CancelledAt.is_null())
        .filter(assignment::Column::RecurMonths.is_not_null())
        .all(&db.read)
        .await?;
    let mut opened = 0;
    for rule in rules {
        let Some(months) = rule.recur_months.and_then(|m| u32::try_from(m).ok()) else {
            continue;
        };
        // A round opens at least half a period after the completion (28-day months at the
        // shortest), so older completions are the only candidates; `next_round` decides.
        let earliest = now - Duration::days(i64::from(months) * 14);
        let finished = enrolment::Entity::find()
            .filter(enrolment::Column::AssignmentId.eq(rule.id))
            .filter(enrolment::Column::CompletedAt.lte(earliest))
            .all(&db.read)
            .await?;
        let lessons: Vec<i32> = lesson::Entity::find()
            .filter(lesson::Column::CourseId.eq(rule.course_id))
            .all(&db.read)
            .await?
            .into_iter()
            .map(|l| l.id)
            .collect();
        for done in finished {
            let Some(completed_at) = done.completed_at else {
                continue;
            };
            let (opens_at, due_at) = next_round(completed_at, months, rule.due_at);
            if opens_at <= now && open_round(db, &done, &lessons, due_at, now).await? {
                opened += 1;
            }
        }
    }
    Ok(opened)
}

/// Opens the round after `done`'s completion; `lessons` are the course's lesson ids.
async fn open_round(
    db: &Db,
    done: &enrolment::Model,
    lessons: &[i32],
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let Some(completed_at) = done.completed_at else {
        return Ok(false);
    };
    let Some(person) = user::Entity::find_by_id(done.user_id)
        .one(&db.read)
        .await?
        .filter(|p| p.active)
    else {
        return Ok(false);
    };
    let txn = db.write.begin().await?;
    let claimed = enrolment::Entity::update_many()
        .col_expr(
            enrolment::Column::CompletedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            enrolment::Column::ScorePercent,
            Expr::value(Option::<i16>::None),
        )
        .col_expr(enrolment::Column::DueAt, Expr::value(due_at))
        .col_expr(enrolment::Column::RoundOpenedAt, Expr::value(now))
        // The round's opening email is this week's reminder.
        .col_expr(enrolment::Column::RemindedAt, Expr::value(now))
        .filter(enrolment::Column::Id.eq(done.id))
        .filter(enrolment::Column::CompletedAt.eq(completed_at))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    let read = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(done.user_id))
        .filter(lesson_progress::Column::LessonId.is_in(lessons.iter().copied()))
        .all(&txn)
        .await?;
    training_round::ActiveModel {
        user_id: Set(done.user_id),
        course_id: Set(done.course_id),
        assignment_id: Set(done.assignment_id),
        due_at: Set(done.due_at),
        completed_at: Set(completed_at),
        score_percent: Set(done.score_percent),
        seconds_spent: Set(read.iter().map(|p| p.seconds_spent).sum()),
        closed_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Reading starts afresh, so the new round's time on task is its own (and so is any flag
    // for finishing in a fraction of the reading time).
    lesson_progress::Entity::update_many()
        .col_expr(
            lesson_progress::Column::CompletedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(lesson_progress::Column::SecondsSpent, Expr::value(0))
        .filter(lesson_progress::Column::UserId.eq(done.user_id))
        .filter(lesson_progress::Column::LessonId.is_in(lessons.iter().copied()))
        .exec(&txn)
        .await?;
    crate::learning::summary::reset(&txn, done.id).await?;
    reminders::log(&txn, person.id, Some(done.course_id), "round_opened", now).await?;
    outbox::enqueue(
        &txn,
        &Email::TrainingRoundOpened {
            enrolment_id: done.id,
        },
        &person.email,
        &person.language,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// When the learner's current round of the course opened, if a recurring assignment opened one:
/// quiz attempts before it belong to an earlier round.
pub async fn round_opened_at(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Option<DateTime<Utc>>, Error> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(course_id))
        .one(db)
        .await?
        .and_then(|e| e.round_opened_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn the_next_round_is_due_the_chosen_months_after_completion_and_opens_30_days_before() {
        let assigned_due = at("2026-03-01T18:59:59Z");
        let (opens, due) = next_round(at("2026-02-10T09:00:00Z"), 12, assigned_due);
        assert_eq!(
            due,
            at("2027-02-10T18:59:59Z"),
            "end of the day in Tashkent"
        );
        assert_eq!(opens, due - Duration::days(30));
    }

    #[test]
    fn a_completion_late_in_the_evening_counts_on_its_tashkent_day() {
        // 20:30 UTC is already 01:30 the next day in Tashkent.
        let (_, due) = next_round(at("2026-05-31T20:30:00Z"), 1, at("2026-01-01T00:00:00Z"));
        assert_eq!(due, at("2026-07-01T18:59:59Z"));
    }

    #[test]
    fn a_monthly_round_opens_half_way_and_an_early_finisher_waits_for_the_assigned_date() {
        let completed = at("2026-01-31T06:00:00Z");
        let (opens, due) = next_round(completed, 1, at("2026-01-01T00:00:00Z"));
        assert_eq!(due, at("2026-02-28T18:59:59Z"), "the month's last day");
        assert_eq!(opens, due - (due - completed) / 2);

        let far_due = at("2027-06-30T18:59:59Z");
        let (_, due) = next_round(completed, 12, far_due);
        assert_eq!(due, far_due);
    }
}
