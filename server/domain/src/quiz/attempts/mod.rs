//! The graded final quiz. An attempt draws its questions (and option orders) once, at start;
//! every save is checked against its owner, its state and its deadline on the server's clock;
//! submitting grades exactly once, however often it is sent. A passed quiz with every lesson
//! completed completes the course, with its date and score.

use chrono::{DateTime, Duration, Utc};
use malaka_courses::quiz::QuestionKind;
use rand::seq::{IndexedRandom, SliceRandom};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};

use crate::certificates;
use crate::entities::quiz_attempt;
use crate::learning::catalog_cache::{CachedQuestion, CachedQuiz};
use crate::quiz::presentation::shown_count;
use crate::Db;
use crate::{Error, QuizBlock, Refusal};
use malaka_shared::i18n::Locale;
use malaka_shared::quiz::{AttemptSummary, QuizOverview};

mod answering;
mod grading;
mod records;

pub use answering::{attempt_view, save_answers, submit};
pub use grading::{best_grade, completion_score, result};
use records::{attempts_of, attempts_that_count, is_open};

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

#[cfg(test)]
mod tests {
    use super::*;
    use malaka_courses::quiz::{parse_question, QuizSettings, ReviewPolicy};
    use rand::SeedableRng;
    use std::collections::HashMap;

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
