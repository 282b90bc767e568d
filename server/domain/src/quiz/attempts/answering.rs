//! Taking an attempt: its page, saving answers (owner, state and deadline checked on the
//! server's clock each time) and submitting, which grades exactly once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use std::collections::HashMap;

use crate::certificates;
use crate::entities::{quiz_answer, quiz_attempt};
use crate::quiz::presentation::Presented;
use crate::Db;
use crate::{Error, Refusal};
use malaka_shared::i18n::Locale;
use malaka_shared::quiz::{AttemptView, QuizQuestion};

use super::grading::best_grade;
use super::records::{
    all_lessons_completed, drawn, find_in_pool, own_attempt, pool_entry, saved_answers,
};
use super::DEADLINE_GRACE_SECONDS;

pub async fn attempt_view(
    db: &Db,
    user_id: i32,
    slug: &str,
    attempt_id: i32,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<AttemptView, Error> {
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(slug).ok_or(Error::NotFound)?;
    let quiz = course.quiz.as_ref().ok_or(Error::NotFound)?;
    let attempt = own_attempt(db, user_id, attempt_id).await?;
    if attempt.course_id != course.model.id || attempt.submitted_at.is_some() {
        return Err(Error::NotFound);
    }
    let saved = saved_answers(db, attempt.id).await?;
    let questions = drawn(&attempt)?
        .into_iter()
        .filter_map(|drawn| {
            let cached = find_in_pool(quiz, &drawn.key, locale, &course.model.source_language)?;
            let shown = Presented::drawn(&cached.question, &drawn.order, &drawn.key);
            Some(QuizQuestion {
                key: drawn.key.clone(),
                prompt_html: cached.prompt_html.clone(),
                input: shown.input(),
                saved: saved
                    .get(&drawn.key)
                    .map(|form| shown.to_display(form))
                    .unwrap_or_default(),
            })
        })
        .collect();
    Ok(AttemptView {
        course_slug: course.model.slug.clone(),
        course_title: course.title(locale),
        attempt_id: attempt.id,
        number: attempt.number,
        seconds_left: attempt
            .deadline_at
            .map(|deadline| (deadline - now).num_seconds().max(0)),
        questions,
    })
}

/// Saves the answers given, as the learner's form shows them (one transaction: all or none).
/// Refused for another learner's attempt (not found), a submitted attempt, or after the
/// deadline.
pub async fn save_answers(
    db: &Db,
    user_id: i32,
    attempt_id: i32,
    answers: HashMap<String, HashMap<String, String>>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let attempt = own_attempt(db, user_id, attempt_id).await?;
    if attempt.submitted_at.is_some() {
        return Err(Error::Refused(Refusal::AttemptClosed));
    }
    if attempt
        .deadline_at
        .is_some_and(|deadline| now > deadline + Duration::seconds(DEADLINE_GRACE_SECONDS))
    {
        return Err(Error::Refused(Refusal::AttemptClosed));
    }
    let snapshot = db.catalog.snapshot();
    let quiz = snapshot
        .courses
        .iter()
        .find(|c| c.model.id == attempt.course_id)
        .and_then(|course| course.quiz.as_ref())
        .ok_or(Error::NotFound)?;
    let draw: HashMap<String, Vec<usize>> = drawn(&attempt)?
        .into_iter()
        .map(|d| (d.key, d.order))
        .collect();
    let mut rows = Vec::new();
    let mut cleared = Vec::new();
    for (key, mut form) in answers {
        let (Some(order), Some(variants)) = (draw.get(&key), pool_entry(quiz, &key)) else {
            continue;
        };
        // The page sends `shown` for every question, so a question whose answer was cleared
        // (checkboxes unticked) arrives too, and its old answer is removed.
        form.remove("shown");
        form.retain(|_, value| !value.trim().is_empty());
        let form = Presented::drawn(&variants[0].question, order, &key).to_file(&form);
        if form.is_empty() {
            cleared.push(key);
            continue;
        }
        rows.push(quiz_answer::ActiveModel {
            attempt_id: Set(attempt.id),
            question_key: Set(key),
            answer: Set(serde_json::to_string(&form).map_err(Error::from)?),
            saved_at: Set(now),
            ..Default::default()
        });
    }
    let txn = db.write.begin().await?;
    if !cleared.is_empty() {
        quiz_answer::Entity::delete_many()
            .filter(quiz_answer::Column::AttemptId.eq(attempt.id))
            .filter(quiz_answer::Column::QuestionKey.is_in(cleared))
            .exec(&txn)
            .await?;
    }
    if !rows.is_empty() {
        quiz_answer::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    quiz_answer::Column::AttemptId,
                    quiz_answer::Column::QuestionKey,
                ])
                .update_columns([quiz_answer::Column::Answer, quiz_answer::Column::SavedAt])
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Grades the attempt once. Sending it again, from any device, returns the same result.
pub async fn submit(
    db: &Db,
    user_id: i32,
    attempt_id: i32,
    now: DateTime<Utc>,
) -> Result<(i16, bool), Error> {
    let attempt = own_attempt(db, user_id, attempt_id).await?;
    if let (Some(score), Some(passed)) = (attempt.score_percent, attempt.passed) {
        return Ok((score, passed));
    }
    let snapshot = db.catalog.snapshot();
    let course = snapshot
        .courses
        .iter()
        .find(|c| c.model.id == attempt.course_id)
        .ok_or(Error::NotFound)?;
    let quiz = course.quiz.as_ref().ok_or(Error::NotFound)?;
    let saved = saved_answers(db, attempt.id).await?;
    let (mut earned, mut possible) = (0.0, 0.0);
    for drawn in drawn(&attempt)? {
        let Some(variants) = pool_entry(quiz, &drawn.key) else {
            continue;
        };
        possible += f64::from(variants[0].question.points);
        if let Some(form) = saved.get(&drawn.key) {
            earned += best_grade(variants, form);
        }
    }
    let score = if possible > 0.0 {
        (earned / possible * 100.0).floor() as i16
    } else {
        0
    };
    let passed = score >= course.model.pass_mark;

    // Loaded before the transaction: on SQLite it would wait for the one write connection.
    let keys = certificates::CertificateKeys::load(db).await?;
    let txn = db.write.begin().await?;
    // Only the first submission changes the row; a concurrent one finds it graded.
    let graded = quiz_attempt::Entity::update_many()
        .col_expr(quiz_attempt::Column::SubmittedAt, Expr::value(now))
        .col_expr(quiz_attempt::Column::ScorePercent, Expr::value(score))
        .col_expr(quiz_attempt::Column::Passed, Expr::value(passed))
        .filter(quiz_attempt::Column::Id.eq(attempt.id))
        .filter(quiz_attempt::Column::SubmittedAt.is_null())
        .exec(&txn)
        .await?;
    if graded.rows_affected == 0 {
        txn.rollback().await?;
        let attempt = own_attempt(db, user_id, attempt_id).await?;
        return Ok((
            attempt.score_percent.unwrap_or(0),
            attempt.passed.unwrap_or(false),
        ));
    }
    if passed && all_lessons_completed(&txn, user_id, course).await? {
        certificates::record_completion(&txn, &keys, user_id, course, Some(score), true, now)
            .await?;
    }
    txn.commit().await?;
    Ok((score, passed))
}
