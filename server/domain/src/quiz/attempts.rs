//! The graded final quiz. An attempt draws its questions (and option orders) once, at start;
//! every save is checked against its owner, its state and its deadline on the server's clock;
//! submitting grades exactly once, however often it is sent. A passed quiz with every lesson
//! completed completes the course, with its date and score.

use chrono::{DateTime, Duration, Utc};
use malaka_courses::quiz::{grade, QuestionKind, ReviewPolicy};
use rand::seq::{IndexedRandom, SliceRandom};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::assignments::recurrence;
use crate::certificates;
use crate::entities::{enrolment, lesson_progress, quiz_answer, quiz_attempt};
use crate::learning::catalog_cache::{pick_by_language, CachedCourse, CachedQuestion, CachedQuiz};
use crate::quiz::knowledge_checks::{answer_from_form, feedback_for};
use crate::quiz::presentation::{shown_count, Presented};
use crate::Db;
use crate::{Error, QuizBlock, Refusal};
use malaka_shared::i18n::{t, Locale};
use malaka_shared::quiz::{
    AttemptResult, AttemptSummary, AttemptView, QuizOverview, QuizQuestion, ReviewItem,
};

/// Saves that arrive this long after the deadline still count: the request was on its way.
const DEADLINE_GRACE_SECONDS: i64 = 10;

/// One question drawn for an attempt, with the display order of its options (or right sides,
/// or items), fixed for the attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drawn {
    pub key: String,
    pub order: Vec<usize>,
}

pub async fn overview(
    db: &Db,
    user_id: i32,
    slug: &str,
    locale: Locale,
) -> Result<QuizOverview, Error> {
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(slug).ok_or(Error::NotFound)?;
    let quiz = course.quiz.as_ref().ok_or(Error::NotFound)?;
    let attempts = attempts_of(db, user_id, course.model.id).await?;
    let now = Utc::now();
    let open_attempt = attempts.iter().find(|a| is_open(a, now)).map(|a| a.id);
    let counting = attempts_that_count(db, user_id, course.model.id, &attempts, now).await?;
    let barred = certificates::issue::barred(&db.read, user_id, course.model.id).await?;
    let blocked = match open_attempt {
        Some(_) => None,
        None => start_blocked(quiz, &counting, barred, now)
            .map(|block| Refusal::QuizBlocked(block).message_key().to_owned()),
    };
    Ok(QuizOverview {
        course_slug: course.model.slug.clone(),
        course_title: course.title(locale),
        questions_per_attempt: quiz.settings.questions_per_attempt,
        time_limit_minutes: quiz.settings.time_limit_minutes,
        pass_mark: course.model.pass_mark,
        attempts_allowed: quiz.settings.attempts_allowed,
        attempts: attempts
            .iter()
            .map(|a| AttemptSummary {
                id: a.id,
                number: a.number,
                started: a.started_at.format("%Y-%m-%d %H:%M").to_string(),
                score_percent: a.score_percent,
                passed: a.passed,
            })
            .collect(),
        open_attempt,
        blocked,
    })
}

/// Starts an attempt, or returns the one in progress (on any device).
pub async fn start(db: &Db, user_id: i32, slug: &str, now: DateTime<Utc>) -> Result<i32, Error> {
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(slug).ok_or(Error::NotFound)?;
    let quiz = course.quiz.as_ref().ok_or(Error::NotFound)?;
    let attempts = attempts_of(db, user_id, course.model.id).await?;
    if let Some(open) = attempts.iter().find(|a| is_open(a, now)) {
        return Ok(open.id);
    }
    for expired in attempts.iter().filter(|a| a.submitted_at.is_none()) {
        submit(db, user_id, expired.id, now).await?;
    }
    let attempts = attempts_of(db, user_id, course.model.id).await?;
    // A parallel request may have started one since the first read: resume it. The number below
    // comes from this same read, so a request that saw no attempt loses the insert to one that
    // did, and resumes its attempt, instead of opening the next one.
    if let Some(open) = attempts.iter().find(|a| is_open(a, now)) {
        return Ok(open.id);
    }
    let counting = attempts_that_count(db, user_id, course.model.id, &attempts, now).await?;
    let barred = certificates::issue::barred(&db.read, user_id, course.model.id).await?;
    if let Some(block) = start_blocked(quiz, &counting, barred, now) {
        return Err(Error::Refused(Refusal::QuizBlocked(block)));
    }
    let draw = draw_questions(quiz, &mut rand::rng());
    let number = attempts.len() as i32 + 1;
    let attempt = quiz_attempt::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course.model.id),
        number: Set(number),
        started_at: Set(now),
        deadline_at: Set(quiz
            .settings
            .time_limit_minutes
            .map(|m| now + Duration::minutes(i64::from(m)))),
        draw: Set(serde_json::to_string(&draw)?),
        ..Default::default()
    };
    // The unique (user, course, number) index decides a race between parallel starts: one
    // insert wins, and every other request resumes the attempt it made.
    let inserted = quiz_attempt::Entity::insert(attempt)
        .on_conflict(
            OnConflict::columns([
                quiz_attempt::Column::UserId,
                quiz_attempt::Column::CourseId,
                quiz_attempt::Column::Number,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec(&db.write)
        .await;
    match inserted {
        Ok(result) => Ok(result.last_insert_id),
        Err(DbErr::RecordNotInserted) => quiz_attempt::Entity::find()
            .filter(quiz_attempt::Column::UserId.eq(user_id))
            .filter(quiz_attempt::Column::CourseId.eq(course.model.id))
            .filter(quiz_attempt::Column::Number.eq(number))
            .one(&db.write)
            .await?
            .map(|attempt| attempt.id)
            .ok_or(Error::Invariant(
                "the attempt that won the start is missing",
            )),
        Err(other) => Err(other.into()),
    }
}

/// `questions_per_attempt` questions from the pool, in random order if the quiz says so, each
/// with its options shuffled if the quiz says so.
pub fn draw_questions(quiz: &CachedQuiz, rng: &mut impl rand::Rng) -> Vec<Drawn> {
    let count = quiz.settings.questions_per_attempt.min(quiz.pool.len());
    let mut chosen: Vec<&Vec<CachedQuestion>> = quiz.pool.choose_multiple(rng, count).collect();
    if !quiz.settings.shuffle_questions {
        chosen.sort_by_key(|variants| quiz.pool.iter().position(|p| std::ptr::eq(p, *variants)));
    }
    chosen
        .into_iter()
        .map(|variants| {
            let question = &variants[0].question;
            let mut order: Vec<usize> = (0..shown_count(&question.kind)).collect();
            // Matching and ordering are always shuffled: in file order they give the answer away.
            let always = matches!(
                question.kind,
                QuestionKind::Matching { .. } | QuestionKind::Ordering { .. }
            );
            if quiz.settings.shuffle_options || always {
                order.shuffle(rng);
            }
            Drawn {
                key: question.id.clone(),
                order,
            }
        })
        .collect()
}

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

fn start_blocked(
    quiz: &CachedQuiz,
    attempts: &[quiz_attempt::Model],
    barred_by_revocation: bool,
    now: DateTime<Utc>,
) -> Option<QuizBlock> {
    if barred_by_revocation {
        return Some(QuizBlock::Revoked);
    }
    if attempts.iter().any(|a| a.passed == Some(true)) {
        return Some(QuizBlock::Passed);
    }
    if quiz
        .settings
        .attempts_allowed
        .is_some_and(|allowed| attempts.len() >= allowed as usize)
    {
        return Some(QuizBlock::NoAttemptsLeft);
    }
    let last = attempts.iter().filter_map(|a| a.submitted_at).max();
    match (quiz.settings.retake_delay_hours, last) {
        (Some(hours), Some(last)) if now < last + Duration::hours(i64::from(hours)) => {
            Some(QuizBlock::RetakeDelay)
        }
        _ => None,
    }
}

fn is_open(attempt: &quiz_attempt::Model, now: DateTime<Utc>) -> bool {
    attempt.submitted_at.is_none()
        && attempt
            .deadline_at
            .is_none_or(|deadline| now <= deadline + Duration::seconds(DEADLINE_GRACE_SECONDS))
}

async fn own_attempt(db: &Db, user_id: i32, attempt_id: i32) -> Result<quiz_attempt::Model, Error> {
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
async fn attempts_that_count(
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

async fn attempts_of(
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

async fn saved_answers(
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

fn drawn(attempt: &quiz_attempt::Model) -> Result<Vec<Drawn>, Error> {
    serde_json::from_str(&attempt.draw).map_err(Error::from)
}

/// Every language version of a pool question.
fn pool_entry<'a>(quiz: &'a CachedQuiz, key: &str) -> Option<&'a [CachedQuestion]> {
    quiz.pool
        .iter()
        .find(|variants| variants[0].question.id == key)
        .map(Vec::as_slice)
}

fn find_in_pool<'a>(
    quiz: &'a CachedQuiz,
    key: &str,
    locale: Locale,
    source: &str,
) -> Option<&'a CachedQuestion> {
    pick_by_language(pool_entry(quiz, key)?, |v| &v.language, locale, source)
}

async fn all_lessons_completed(
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

#[cfg(test)]
mod tests {
    use super::*;
    use malaka_courses::quiz::{parse_question, QuizSettings};
    use rand::SeedableRng;

    fn quiz(pool_size: usize, per_attempt: usize) -> CachedQuiz {
        let pool = (0..pool_size)
            .map(|i| {
                let text =
                    format!("id: q{i}\ntype: single\nQ?\n- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n> f");
                let question =
                    parse_question(std::path::Path::new("quiz.md"), 1, &text, &mut Vec::new())
                        .unwrap();
                vec![CachedQuestion {
                    language: "en".into(),
                    question,
                    prompt_html: String::new(),
                }]
            })
            .collect();
        let settings = QuizSettings {
            questions_per_attempt: per_attempt,
            time_limit_minutes: None,
            attempts_allowed: None,
            retake_delay_hours: None,
            shuffle_questions: true,
            shuffle_options: true,
            review: ReviewPolicy::CorrectAnswers,
        };
        CachedQuiz { settings, pool }
    }

    #[test]
    fn a_draw_has_distinct_questions_and_permuted_options() {
        let quiz = quiz(30, 20);
        for seed in 0..200 {
            let draw = draw_questions(&quiz, &mut rand::rngs::StdRng::seed_from_u64(seed));
            let mut keys: Vec<&str> = draw.iter().map(|d| d.key.as_str()).collect();
            assert_eq!(keys.len(), 20);
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), 20, "a question drawn twice");
            for drawn in &draw {
                let mut order = drawn.order.clone();
                order.sort_unstable();
                assert_eq!(order, vec![0, 1, 2, 3]);
            }
        }
    }

    #[test]
    fn every_question_of_the_pool_gets_drawn_about_equally_often() {
        let quiz = quiz(30, 20);
        let mut counts = HashMap::new();
        let draws = 3_000;
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..draws {
            for drawn in draw_questions(&quiz, &mut rng) {
                *counts.entry(drawn.key).or_insert(0) += 1;
            }
        }
        // Each question is expected in 2/3 of the draws (2,000 of 3,000).
        assert_eq!(counts.len(), 30);
        assert!(
            counts.values().all(|&n| (1_850..=2_150).contains(&n)),
            "{counts:?}"
        );
    }
}
