//! What a learner does: browse courses, enrol, read lessons, complete them, resume.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: i32,
    pub lessons_total: usize,
    pub lessons_completed: usize,
    pub enrolled: bool,
    pub completed: bool,
    /// The lesson to continue with: the first one not completed yet.
    pub resume_lesson: Option<String>,
    /// The day (in Tashkent) by which HR wants the course done, while it is not.
    pub due_on: Option<String>,
    pub overdue: bool,
}

impl CourseCard {
    pub fn percent(&self) -> u32 {
        percent(self.lessons_completed, self.lessons_total)
    }
}

pub fn percent(done: usize, total: usize) -> u32 {
    (done * 100).checked_div(total).unwrap_or(0) as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LessonState {
    NotStarted,
    Started,
    Completed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonItem {
    pub slug: String,
    pub position: i32,
    pub title: String,
    pub minutes: i32,
    pub state: LessonState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseOutline {
    pub card: CourseCard,
    pub audience: String,
    pub version: i32,
    /// ISO date (YYYY-MM-DD) of the last change to the course's files.
    pub updated_on: String,
    pub lessons: Vec<LessonItem>,
    /// The course ends with a graded final quiz.
    pub has_quiz: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonLink {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonView {
    pub course_slug: String,
    pub course_title: String,
    pub slug: String,
    pub title: String,
    /// Sanitised when the catalog was loaded.
    pub html: String,
    pub minutes: i32,
    pub position: usize,
    pub total: usize,
    pub completed: bool,
    pub course_percent: u32,
    pub previous: Option<LessonLink>,
    pub next: Option<LessonLink>,
    /// The language the text is in (`uz`, `ru`, `en`).
    pub language: String,
    /// True when the text is not in the learner's language (no translation yet).
    pub is_fallback: bool,
    /// Knowledge checks, shown after the text.
    pub checks: Vec<crate::api::quizzes::KnowledgeCheck>,
}

#[server(endpoint = "my-learning")]
pub async fn my_learning() -> Result<Vec<CourseCard>, AppError> {
    use crate::server::{learning, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    learning::my_learning(&expect_context::<AppState>().db, user.id, context.locale).await
}

#[server(endpoint = "catalog")]
pub async fn catalog() -> Result<Vec<CourseCard>, AppError> {
    use crate::server::{learning, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    learning::catalog(&expect_context::<AppState>().db, user.id, context.locale).await
}

#[server(endpoint = "course-outline")]
pub async fn get_course_outline(course: String) -> Result<CourseOutline, AppError> {
    use crate::server::{learning, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    learning::course_outline(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        context.locale,
    )
    .await
}

#[server(endpoint = "lesson")]
pub async fn open_lesson(course: String, lesson: String) -> Result<LessonView, AppError> {
    use crate::server::{learning, session, AppState};
    let context = session::request_context();
    let user = session::require_user()?;
    learning::open_lesson(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        &lesson,
        context.locale,
    )
    .await
}

#[server(endpoint = "enrol")]
pub async fn enrol(course: String) -> Result<(), AppError> {
    use crate::server::{learning, session, AppState};
    let user = session::require_user()?;
    let resume = learning::enrol(&expect_context::<AppState>().db, user.id, &course).await?;
    let target = match resume {
        Some(lesson) => format!("/courses/{course}/lessons/{lesson}"),
        None => format!("/courses/{course}"),
    };
    leptos_axum::redirect(&target);
    Ok(())
}

#[server(endpoint = "complete-lesson")]
pub async fn complete_lesson(course: String, lesson: String) -> Result<(), AppError> {
    use crate::server::{learning, session, AppState};
    let user = session::require_user()?;
    let next =
        learning::complete_lesson(&expect_context::<AppState>().db, user.id, &course, &lesson)
            .await?;
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
    use crate::server::{learning, session, AppState};
    let user = session::require_user()?;
    learning::record_time(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        &lesson,
        seconds,
    )
    .await
}
