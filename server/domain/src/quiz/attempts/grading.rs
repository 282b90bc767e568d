//! After submission: the result and its review, the score a completion waits for, and grading
//! an answer against every language version of its question.

use malaka_courses::quiz::{grade, QuestionKind, ReviewPolicy};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

use crate::assignments::recurrence;
use crate::entities::{enrolment, quiz_attempt};
use crate::learning::catalog_cache::{CachedCourse, CachedQuestion};
use crate::quiz::knowledge_checks::{answer_from_form, feedback_for};
use crate::Db;
use crate::Error;
use malaka_shared::i18n::{t, Locale};
use malaka_shared::quiz::{AttemptResult, ReviewItem};

use super::records::{drawn, find_in_pool, own_attempt, pool_entry, saved_answers};

pub async fn result(
    db: &Db,
    user_id: i32,
    slug: &str,
    attempt_id: i32,
    locale: Locale,
) -> Result<AttemptResult, Error> {
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(slug).ok_or(Error::NotFound)?;
    let quiz = course.quiz.as_ref().ok_or(Error::NotFound)?;
    let attempt = own_attempt(db, user_id, attempt_id).await?;
    let (Some(score), Some(passed), true) = (
        attempt.score_percent,
        attempt.passed,
        attempt.course_id == course.model.id,
    ) else {
        return Err(Error::NotFound);
    };
    let saved = saved_answers(db, attempt.id).await?;
    let review = match quiz.settings.review {
        ReviewPolicy::ScoreOnly => Vec::new(),
        policy => drawn(&attempt)?
            .into_iter()
            .filter_map(|drawn| {
                let cached = find_in_pool(quiz, &drawn.key, locale, &course.model.source_language)?;
                let form = saved.get(&drawn.key).cloned().unwrap_or_default();
                let question = &cached.question;
                let variants = pool_entry(quiz, &drawn.key)?;
                let earned = best_grade(variants, &form);
                Some(ReviewItem {
                    prompt_html: cached.prompt_html.clone(),
                    score_percent: (earned / f64::from(question.points) * 100.0).round() as u32,
                    feedback: feedback_for(question, &form),
                    correct_answer: policy
                        .shows_correct_answers(passed)
                        .then(|| correct_answer(&question.kind, locale)),
                })
            })
            .collect(),
    };
    let enrolment = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(course.model.id))
        .one(&db.read)
        .await?;
    Ok(AttemptResult {
        course_slug: course.model.slug.clone(),
        course_title: course.title(locale),
        number: attempt.number,
        score_percent: score,
        passed,
        pass_mark: course.model.pass_mark,
        course_completed: enrolment.is_some_and(|e| e.completed_at.is_some()),
        review,
    })
}

/// What a course's completion waits for beyond its lessons: `None` while its final quiz is not
/// passed; `Some(score)` once it is (`Some(None)` for a course without a quiz).
pub async fn completion_score(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
    course: &CachedCourse,
) -> Result<Option<Option<i16>>, Error> {
    if course.quiz.is_none() {
        return Ok(Some(None));
    }
    let mut passed = quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::UserId.eq(user_id))
        .filter(quiz_attempt::Column::CourseId.eq(course.model.id))
        .filter(quiz_attempt::Column::Passed.eq(true));
    if let Some(opened) = recurrence::round_opened_at(db, user_id, course.model.id).await? {
        passed = passed.filter(quiz_attempt::Column::StartedAt.gt(opened));
    }
    let best = passed
        .order_by_desc(quiz_attempt::Column::ScorePercent)
        .one(db)
        .await?;
    Ok(best.map(|attempt| attempt.score_percent))
}

/// The score of an answer against every language version of the question: short answers
/// accept each language's spellings; everything else is the same in all versions.
pub fn best_grade(variants: &[CachedQuestion], form: &HashMap<String, String>) -> f64 {
    variants
        .iter()
        .filter_map(|v| {
            answer_from_form(&v.question.kind, form)
                .ok()
                .map(|answer| grade(&v.question, &answer))
        })
        .fold(0.0, f64::max)
}

fn correct_answer(kind: &QuestionKind, locale: Locale) -> String {
    match kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::TrueFalse { answer } => {
            t(locale, if *answer { "check-true" } else { "check-false" })
        }
        QuestionKind::Short { accepted, .. } => accepted.first().cloned().unwrap_or_default(),
        QuestionKind::Numeric {
            answer, tolerance, ..
        } if *tolerance > 0.0 => {
            format!("{answer} ± {tolerance}")
        }
        QuestionKind::Numeric { answer, .. } => answer.to_string(),
        QuestionKind::Matching { pairs } => pairs
            .iter()
            .map(|(l, r)| format!("{l} → {r}"))
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::Ordering { items } => items.join(" → "),
    }
}
