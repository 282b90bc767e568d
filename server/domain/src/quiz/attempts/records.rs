//! Reading an attempt's rows: whether it is open, whose it is, which attempts count in the
//! current round, its saved answers and drawn questions, and the lessons it waits for.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

use crate::assignments::recurrence;
use crate::certificates;
use crate::entities::{lesson_progress, quiz_answer, quiz_attempt};
use crate::learning::catalog_cache::{pick_by_language, CachedCourse, CachedQuestion, CachedQuiz};
use crate::Db;
use crate::Error;
use malaka_shared::i18n::Locale;

use super::{Drawn, DEADLINE_GRACE_SECONDS};

pub(super) fn is_open(attempt: &quiz_attempt::Model, now: DateTime<Utc>) -> bool {
    attempt.submitted_at.is_none()
        && attempt
            .deadline_at
            .is_none_or(|deadline| now <= deadline + Duration::seconds(DEADLINE_GRACE_SECONDS))
}

pub(super) async fn own_attempt(
    db: &Db,
    user_id: i32,
    attempt_id: i32,
) -> Result<quiz_attempt::Model, Error> {
    // Another learner's attempt is "not found": its existence is nobody else's business.
    quiz_attempt::Entity::find_by_id(attempt_id)
        .one(&db.write)
        .await?
        .filter(|a| a.user_id == user_id)
        .ok_or(Error::NotFound)
}

/// The attempts that limits apply to: all of them, except when the learner is renewing a
/// certificate that is about to expire or is in a new round of recurring training, when only
/// those since renewal or the round opened count.
pub(super) async fn attempts_that_count(
    db: &Db,
    user_id: i32,
    course_id: i32,
    attempts: &[quiz_attempt::Model],
    now: DateTime<Utc>,
) -> Result<Vec<quiz_attempt::Model>, Error> {
    let renewal = certificates::issue::renewable_since(&db.read, user_id, course_id, now).await?;
    let round = recurrence::round_opened_at(&db.read, user_id, course_id).await?;
    let since = renewal.max(round);
    Ok(attempts
        .iter()
        .filter(|attempt| since.is_none_or(|since| attempt.started_at > since))
        .cloned()
        .collect())
}

pub(super) async fn attempts_of(
    db: &Db,
    user_id: i32,
    course_id: i32,
) -> Result<Vec<quiz_attempt::Model>, Error> {
    Ok(quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::UserId.eq(user_id))
        .filter(quiz_attempt::Column::CourseId.eq(course_id))
        .order_by_asc(quiz_attempt::Column::Number)
        .all(&db.write)
        .await?)
}

pub(super) async fn saved_answers(
    db: &Db,
    attempt_id: i32,
) -> Result<HashMap<String, HashMap<String, String>>, Error> {
    Ok(quiz_answer::Entity::find()
        .filter(quiz_answer::Column::AttemptId.eq(attempt_id))
        .all(&db.write)
        .await?
        .into_iter()
        .map(|row| {
            (
                row.question_key,
                serde_json::from_str(&row.answer).unwrap_or_default(),
            )
        })
        .collect())
}

pub(super) fn drawn(attempt: &quiz_attempt::Model) -> Result<Vec<Drawn>, Error> {
    serde_json::from_str(&attempt.draw).map_err(Error::from)
}

/// Every language version of a pool question.
pub(super) fn pool_entry<'a>(quiz: &'a CachedQuiz, key: &str) -> Option<&'a [CachedQuestion]> {
    quiz.pool
        .iter()
        .find(|variants| variants[0].question.id == key)
        .map(Vec::as_slice)
}

pub(super) fn find_in_pool<'a>(
    quiz: &'a CachedQuiz,
    key: &str,
    locale: Locale,
    source: &str,
) -> Option<&'a CachedQuestion> {
    pick_by_language(pool_entry(quiz, key)?, |v| &v.language, locale, source)
}

pub(super) async fn all_lessons_completed(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
    course: &CachedCourse,
) -> Result<bool, Error> {
    let completed = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::LessonId.is_in(course.lessons.iter().map(|l| l.model.id)))
        .filter(lesson_progress::Column::CompletedAt.is_not_null())
        .all(db)
        .await?;
    Ok(completed.len() == course.lessons.len())
}
