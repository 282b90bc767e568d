//! The graded final quiz of a course: start or resume an attempt, save answers, submit, see the
//! result. Grading, the time limit and the attempt limit are enforced on the server.

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::quiz::{AttemptResult, AttemptView, QuizOverview};
use std::collections::HashMap;

#[server(endpoint = "quiz-overview")]
pub async fn get_quiz_overview(course: String) -> Result<QuizOverview, AppError> {
    use malaka_domain::{quiz::attempts, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    attempts::overview(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        context.locale,
    )
    .await
    .map_err(AppError::from)
}

#[server(endpoint = "start-quiz")]
pub async fn start_quiz(course: String) -> Result<(), AppError> {
    use malaka_domain::{quiz::attempts, AppState};
    let user = crate::guard::require_user()?;
    match attempts::start(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(attempt) => leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}")),
        // The quiz page says why (it works the reason out itself).
        Err(malaka_domain::Error::Refused(malaka_domain::Refusal::QuizBlocked(_))) => {
            leptos_axum::redirect(&format!("/courses/{course}/quiz"))
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

#[server(endpoint = "quiz-attempt")]
pub async fn quiz_attempt(course: String, attempt: i32) -> Result<AttemptView, AppError> {
    use malaka_domain::{quiz::attempts, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    attempts::attempt_view(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        attempt,
        context.locale,
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
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
    use malaka_domain::{quiz::attempts, AppState};
    let user = crate::guard::require_user()?;
    let db = &expect_context::<AppState>().db;
    let now = chrono::Utc::now();
    let saved = attempts::save_answers(db, user.id, attempt, answer.unwrap_or_default(), now).await;
    let submitting = intent.as_deref() == Some("submit");
    match saved {
        Ok(()) if !submitting => {
            leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}?saved=1"))
        }
        Ok(()) => {
            attempts::submit(db, user.id, attempt, now).await?;
            leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}/result"));
        }
        // Past the deadline or already closed: these answers are refused, what was saved before
        // counts, and the result page says so.
        Err(malaka_domain::Error::Refused(malaka_domain::Refusal::AttemptClosed)) => {
            attempts::submit(db, user.id, attempt, now).await?;
            leptos_axum::redirect(&format!("/courses/{course}/quiz/{attempt}/result?late=1"));
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

/// The quiz page's autosave (JavaScript on): saves without redirecting.
#[server(endpoint = "autosave-quiz")]
pub async fn autosave_quiz(
    attempt: i32,
    answer: Option<HashMap<String, HashMap<String, String>>>,
) -> Result<(), AppError> {
    use malaka_domain::{quiz::attempts, AppState};
    let user = crate::guard::require_user()?;
    attempts::save_answers(
        &expect_context::<AppState>().db,
        user.id,
        attempt,
        answer.unwrap_or_default(),
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
}

#[server(endpoint = "quiz-result")]
pub async fn quiz_result(course: String, attempt: i32) -> Result<AttemptResult, AppError> {
    use malaka_domain::{quiz::attempts, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    attempts::result(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        attempt,
        context.locale,
    )
    .await
    .map_err(AppError::from)
}
