//! Writing progress: completing lessons and the reading timer's heartbeats. Each write to a
//! lesson's progress row and the matching change to its enrolment's summary happen in one
//! transaction, and each applies only when the row was still as read (a completion once, a
//! heartbeat's interval once), so parallel requests cannot count anything twice.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};

use super::{find_course, find_enrolment, progress_of, summary};
use crate::certificates;
use crate::entities::{enrolment, lesson_progress};
use crate::Db;
use crate::Error;

/// A reading session's time counts up to this much when a lesson is completed without the
/// page's timer (JavaScript off): enough for a careful reader, not for a tab left open overnight.
const MAX_UNTIMED_SECONDS_PER_MINUTE_OF_READING: i64 = 120;
const MAX_HEARTBEAT_SECONDS: i32 = 60;

/// Marks a lesson complete and returns the next lesson not yet completed, if any. Completing
/// every lesson completes the enrolment. Completing twice changes nothing.
pub async fn complete_lesson(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    lesson_slug: &str,
    opened_at: Option<DateTime<Utc>>,
) -> Result<Option<String>, Error> {
    let snapshot = db.catalog.snapshot();
    let course = find_course(&snapshot, course_slug)?;
    let (index, current) = course.lesson(lesson_slug).ok_or(Error::NotFound)?;
    let now = Utc::now();
    let cap = i64::from(current.model.minutes) * MAX_UNTIMED_SECONDS_PER_MINUTE_OF_READING;
    // Time since the server last saw the reader: its last heartbeat, or (JavaScript off) when
    // it served the page, as the signed receipt in the form says.
    let untimed = |last_seen: Option<DateTime<Utc>>| {
        let since = last_seen.max(opened_at).unwrap_or(now);
        (now - since).num_seconds().clamp(0, cap) as i32
    };

    let txn = db.write.begin().await?;
    enrol_in(&txn, user_id, course.model.id).await?;
    let existing = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::LessonId.eq(current.model.id))
        .one(&txn)
        .await?;
    match existing {
        Some(row) if row.completed_at.is_none() => {
            let read = untimed(Some(row.last_seen_at));
            let completed = lesson_progress::Entity::update_many()
                .col_expr(lesson_progress::Column::CompletedAt, Expr::value(Some(now)))
                // Never back in time (a heartbeat from a clock ahead), so a lesson's last
                // reading and the summary's agree.
                .col_expr(
                    lesson_progress::Column::LastSeenAt,
                    Expr::value(row.last_seen_at.max(now)),
                )
                .col_expr(
                    lesson_progress::Column::SecondsSpent,
                    Expr::value(row.seconds_spent + read),
                )
                .filter(lesson_progress::Column::Id.eq(row.id))
                .filter(lesson_progress::Column::CompletedAt.is_null())
                .exec(&txn)
                .await?;
            if completed.rows_affected == 1 {
                let seen = row.last_seen_at.max(now);
                summary::add(&txn, user_id, course.model.id, 1, read.into(), seen).await?;
            }
        }
        Some(_) => {}
        None => {
            let read = untimed(None);
            insert_progress(
                &txn,
                user_id,
                course.model.id,
                current.model.id,
                now,
                Some(now),
                read,
            )
            .await?
        }
    }
    txn.commit().await?;

    let progress = progress_of(&db.write, user_id, Some(course)).await?;
    let is_done = |id: i32| progress.get(&id).is_some_and(|p| p.completed_at.is_some());
    let quiz_score = match course.lessons.iter().all(|l| is_done(l.model.id)) {
        true => crate::quiz::attempts::completion_score(&db.write, user_id, course).await?,
        false => None,
    };
    let newly_completed = quiz_score.is_some()
        && find_enrolment(&db.write, user_id, course.model.id)
            .await?
            .is_some_and(|e| e.completed_at.is_none());
    if let (Some(score), true) = (quiz_score, newly_completed) {
        let keys = certificates::CertificateKeys::load(db).await?;
        let txn = db.write.begin().await?;
        certificates::record_completion(&txn, &keys, user_id, course, score, false, now).await?;
        txn.commit().await?;
    }
    let after = course.lessons[index + 1..]
        .iter()
        .chain(course.lessons[..index].iter())
        .find(|l| !is_done(l.model.id));
    Ok(after.map(|l| l.model.slug.clone()))
}

/// A heartbeat from the lesson page's timer. The time credited is what the server observed: at
/// most the wall-clock time since the lesson was last seen (opened, or the previous heartbeat),
/// at most a minute, and nothing once the lesson is complete. The claimed seconds only lower it.
/// A burst of calls therefore adds nothing, and parallel calls credit one interval once: the
/// update only applies while `seconds_spent` still has the value the credit was computed from.
pub async fn record_time(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    lesson_slug: &str,
    claimed_seconds: i32,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let snapshot = db.catalog.snapshot();
    let (_, lesson) = find_course(&snapshot, course_slug)?
        .lesson(lesson_slug)
        .ok_or(Error::NotFound)?;
    let course_id = lesson.model.course_id;
    let txn = db.write.begin().await?;
    let Some(progress) = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::LessonId.eq(lesson.model.id))
        .one(&txn)
        .await?
    else {
        // The first heartbeat of a lesson (sent as the page opens) starts its clock and
        // enrols; nothing before it was observed, so it credits nothing.
        enrol_in(&txn, user_id, course_id).await?;
        insert_progress(&txn, user_id, course_id, lesson.model.id, now, None, 0).await?;
        return Ok(txn.commit().await?);
    };
    if progress.completed_at.is_some() {
        return Ok(());
    }
    let observed = (now - progress.last_seen_at)
        .num_seconds()
        .clamp(0, i64::from(MAX_HEARTBEAT_SECONDS)) as i32;
    let credit = claimed_seconds.clamp(0, observed);
    if credit == 0 {
        return Ok(());
    }
    let credited = lesson_progress::Entity::update_many()
        .col_expr(
            lesson_progress::Column::SecondsSpent,
            Expr::value(progress.seconds_spent + credit),
        )
        .col_expr(lesson_progress::Column::LastSeenAt, Expr::value(now))
        .filter(lesson_progress::Column::Id.eq(progress.id))
        .filter(lesson_progress::Column::SecondsSpent.eq(progress.seconds_spent))
        .filter(lesson_progress::Column::CompletedAt.is_null())
        .exec(&txn)
        .await?;
    if credited.rows_affected == 1 {
        summary::add(&txn, user_id, course_id, 0, credit.into(), now).await?;
    }
    Ok(txn.commit().await?)
}

/// A lesson's first progress row, unless a parallel request wrote it first (then it counts
/// nothing, as that request counted it).
async fn insert_progress(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
    lesson_id: i32,
    now: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
    seconds_spent: i32,
) -> Result<(), Error> {
    let row = lesson_progress::ActiveModel {
        user_id: Set(user_id),
        lesson_id: Set(lesson_id),
        started_at: Set(now),
        last_seen_at: Set(now),
        completed_at: Set(completed_at),
        seconds_spent: Set(seconds_spent),
        ..Default::default()
    };
    let inserted = lesson_progress::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                lesson_progress::Column::UserId,
                lesson_progress::Column::LessonId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        let lessons_done = i32::from(completed_at.is_some());
        summary::add(
            db,
            user_id,
            course_id,
            lessons_done,
            seconds_spent.into(),
            now,
        )
        .await?;
    }
    Ok(())
}

pub(super) async fn enrol_in(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<(), Error> {
    let row = enrolment::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course_id),
        enrolled_at: Set(Utc::now()),
        ..Default::default()
    };
    enrolment::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([enrolment::Column::UserId, enrolment::Column::CourseId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
