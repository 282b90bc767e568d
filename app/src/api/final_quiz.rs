//! The graded final quiz of a course: start or resume an attempt, save answers, submit, see the
//! result. Grading, the time limit and the attempt limit are enforced on the server.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::api::quizzes::CheckInput;
use crate::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: i32,
    pub number: i32,
    /// YYYY-MM-DD HH:MM (UTC).
    pub started: String,
    pub score_percent: Option<i16>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizOverview {
    pub course_slug: String,
    pub course_title: String,
    pub questions_per_attempt: usize,
    pub time_limit_minutes: Option<u32>,
    pub pass_mark: i16,
    pub attempts_allowed: Option<u32>,
    pub attempts: Vec<AttemptSummary>,
    /// An attempt in progress, to resume.
    pub open_attempt: Option<i32>,
    /// Why a new attempt cannot start now (an i18n key), if it cannot.
    pub blocked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestion {
    pub key: String,
    pub prompt_html: String,
    pub input: CheckInput,
    pub saved: HashMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    pub course_slug: String,
    pub course_title: String,
    pub attempt_id: i32,
    pub number: i32,
    /// Seconds until the deadline, by the server's clock.
    pub seconds_left: Option<i64>,
    pub questions: Vec<QuizQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub prompt_html: String,
    pub score_percent: u32,
    pub feedback: Vec<String>,
    pub correct_answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptResult {
    pub course_slug: String,
    pub course_title: String,
    pub number: i32,
    pub score_percent: i16,
    pub passed: bool,
    pub pass_mark: i16,
    pub course_completed: bool,
    /// Empty when the trainer chose to show the score only.
    pub review: Vec<ReviewItem>,
}

#[server(endpoint = "quiz-overview")]
pub async fn get_quiz_overview(course: String) -> Result<QuizOverview, AppError> {
    use crate::server::{final_quiz, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    final_quiz::overview(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        context.locale,
    )
    .await
}

#[server(endpoint = "start-quiz")]
pub async fn start_quiz(course: String) -> Result<(), AppError> {
    use crate::server::{final_quiz, session, AppState};
    let user = session::require_user()?;
    match final_quiz::start(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(attempt) => leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}")),
        Err(AppError::Invalid(_)) => leptos_axum::redirect(&format!("/courses/{course}/quiz")),
        Err(other) => return Err(other),
    }
    Ok(())
}

#[server(endpoint = "quiz-attempt")]
pub async fn quiz_attempt(course: String, attempt: i32) -> Result<AttemptView, AppError> {
    use crate::server::{final_quiz, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    final_quiz::attempt_view(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        attempt,
        context.locale,
        chrono::Utc::now(),
    )
    .await
}

/// Saves every answer on the page; with `intent=submit` also submits the attempt. Answers come
/// as `answer[<question id>][<field>]`.
#[server(endpoint = "save-quiz")]
pub async fn save_quiz(
    course: String,
    attempt: i32,
    intent: Option<String>,
    answer: Option<HashMap<String, HashMap<String, String>>>,
) -> Result<(), AppError> {
    use crate::server::{final_quiz, session, AppState};
    let user = session::require_user()?;
    let db = &expect_context::<AppState>().db;
    let now = chrono::Utc::now();
    let saved =
        final_quiz::save_answers(db, user.id, attempt, answer.unwrap_or_default(), now).await;
    let submitting = intent.as_deref() == Some("submit");
    match saved {
        Ok(()) if !submitting => {
            leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}?saved=1"))
        }
        Ok(()) => {
            final_quiz::submit(db, user.id, attempt, now).await?;
            leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}/result"));
        }
        // Past the deadline or already closed: these answers are refused, what was saved before
        // counts, and the result page says so.
        Err(AppError::Invalid(_)) => {
            final_quiz::submit(db, user.id, attempt, now).await?;
            leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}/result?late=1"));
        }
        Err(other) => return Err(other),
    }
    Ok(())
}

/// The quiz page's autosave (JavaScript on): saves without redirecting.
#[server(endpoint = "autosave-quiz")]
pub async fn autosave_quiz(
    attempt: i32,
    answer: Option<HashMap<String, HashMap<String, String>>>,
) -> Result<(), AppError> {
    use crate::server::{final_quiz, session, AppState};
    let user = session::require_user()?;
    final_quiz::save_answers(
        &expect_context::<AppState>().db,
        user.id,
        attempt,
        answer.unwrap_or_default(),
        chrono::Utc::now(),
    )
    .await
}

#[server(endpoint = "quiz-result")]
pub async fn quiz_result(course: String, attempt: i32) -> Result<AttemptResult, AppError> {
    use crate::server::{final_quiz, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    final_quiz::result(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        attempt,
        context.locale,
    )
    .await
}
