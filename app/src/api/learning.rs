//! What a learner does: browse courses, enrol, read lessons, complete them, resume.

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::learning::{CourseCard, CourseOutline, LessonView};

#[server(endpoint = "my-learning")]
pub async fn my_learning() -> Result<Vec<CourseCard>, AppError> {
    use malaka_domain::{learning, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    learning::my_learning(&expect_context::<AppState>().db, user.id, context.locale)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "catalog")]
pub async fn catalog() -> Result<Vec<CourseCard>, AppError> {
    use malaka_domain::{learning, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    learning::catalog(&expect_context::<AppState>().db, user.id, context.locale)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "course-outline")]
pub async fn get_course_outline(course: String) -> Result<CourseOutline, AppError> {
    use malaka_domain::{learning, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    learning::course_outline(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        context.locale,
    )
    .await
    .map_err(AppError::from)
}

#[server(endpoint = "lesson")]
pub async fn open_lesson(course: String, lesson: String) -> Result<LessonView, AppError> {
    use malaka_domain::{learning, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    let state = expect_context::<AppState>();
    let mut view =
        learning::open_lesson(&state.db, user.id, &course, &lesson, context.locale).await?;
    view.reading_receipt =
        state
            .tokens
            .reading_receipt(user.id, &format!("{course}/{lesson}"), chrono::Utc::now());
    Ok(view)
}

#[server(endpoint = "enrol")]
pub async fn enrol(course: String) -> Result<(), AppError> {
    use malaka_domain::{learning, AppState};
    let user = crate::guard::require_user()?;
    let resume = learning::enrol(&expect_context::<AppState>().db, user.id, &course).await?;
    let target = match resume {
        Some(lesson) => format!("/courses/{course}/lessons/{lesson}"),
        None => format!("/courses/{course}"),
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// `opened`: the reading receipt of the page the form was on.
#[server(endpoint = "complete-lesson")]
pub async fn complete_lesson(
    course: String,
    lesson: String,
    opened: Option<String>,
) -> Result<(), AppError> {
    use malaka_domain::{learning, AppState};
    let user = crate::guard::require_user()?;
    let state = expect_context::<AppState>();
    let served_at = opened.and_then(|receipt| {
        state
            .tokens
            .served_at(&receipt, user.id, &format!("{course}/{lesson}"))
    });
    let next = learning::complete_lesson(&state.db, user.id, &course, &lesson, served_at).await?;
    let target = match next {
        Some(next) => format!("/courses/{course}/lessons/{next}"),
        None => format!("/courses/{course}"),
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// Time on task, reported by the lesson page every 30 seconds while it is visible.
#[server(endpoint = "record-time")]
pub async fn record_time(course: String, lesson: String, seconds: i32) -> Result<(), AppError> {
    use malaka_domain::{learning, AppState};
    let user = crate::guard::require_user()?;
    learning::record_time(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        &lesson,
        seconds,
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
}
