//! The trainers' authoring workspace (trainers and admins only).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthoringCourse {
    pub slug: String,
    pub title: String,
    /// `file:line:column: message`, empty when the course is valid.
    pub problems: Vec<String>,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEditor {
    pub course: String,
    pub file: String,
    /// The draft if there is one, else the published file.
    pub markdown: String,
    pub has_draft: bool,
    /// Sanitised HTML, as learners would see the lesson; `None` while the course has problems.
    pub preview_html: Option<String>,
    pub problems: Vec<String>,
}

/// What the editor shows beside the Markdown: the lesson as learners would see it and every
/// problem in the course with this text in place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonPreview {
    /// Sanitised HTML; `None` while the course has problems.
    pub html: Option<String>,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseVersionSummary {
    pub version: i32,
    pub published_at: String,
    /// Published from the workspace (otherwise the state found before the first such publish).
    pub from_browser: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDiff {
    pub file: String,
    pub unified: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseHistoryView {
    pub course: String,
    pub versions: Vec<CourseVersionSummary>,
    /// The changes of the version asked for (`?diff=N`), if any.
    pub diff: Option<(i32, Vec<FileDiff>)>,
}

#[server(endpoint = "authoring-courses")]
pub async fn authoring_courses() -> Result<Vec<AuthoringCourse>, AppError> {
    use crate::api::auth::Role;
    use crate::server::{authoring, session, AppState};
    session::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::courses(&expect_context::<AppState>()).await
}

#[server(endpoint = "open-lesson-file")]
pub async fn open_lesson_file(course: String, file: String) -> Result<LessonEditor, AppError> {
    use crate::api::auth::Role;
    use crate::server::{authoring, session, AppState};
    session::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::open(&expect_context::<AppState>(), &course, &file).await
}

/// The live preview while the trainer types: nothing is saved.
#[server(endpoint = "preview-lesson")]
pub async fn preview_lesson(
    course: String,
    file: String,
    markdown: String,
) -> Result<LessonPreview, AppError> {
    use crate::api::auth::Role;
    use crate::server::{authoring, session, AppState};
    session::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::preview_text(&expect_context::<AppState>(), &course, &file, markdown).await
}

/// Saves the draft and comes back to the editor, which shows its preview and problems.
#[server(endpoint = "save-draft")]
pub async fn save_draft(course: String, file: String, markdown: String) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::{authoring, session, AppState};
    let author = session::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::save_draft(
        &expect_context::<AppState>(),
        &author,
        &course,
        &file,
        &markdown,
    )
    .await?;
    leptos_axum::redirect(&format!("/author/{course}/{file}"));
    Ok(())
}

/// Publishes every draft of the course as its next version, if the course is valid with them.
#[server(endpoint = "publish-course")]
pub async fn publish_course(course: String) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::authoring::publish;
    use crate::server::{session, AppState};
    let author = session::require_role(&[Role::Trainer, Role::Admin])?;
    let version = publish::publish(&expect_context::<AppState>(), &author, &course).await?;
    leptos_axum::redirect(&format!("/author/{course}/history?diff={version}"));
    Ok(())
}

#[server(endpoint = "course-history")]
pub async fn get_course_history(
    course: String,
    diff: Option<i32>,
) -> Result<CourseHistoryView, AppError> {
    use crate::api::auth::Role;
    use crate::server::authoring::publish;
    use crate::server::{session, AppState};
    session::require_role(&[Role::Trainer, Role::Admin])?;
    let state = expect_context::<AppState>();
    let versions = publish::history(&state, &course).await?;
    let diff = match diff {
        Some(version) => Some((version, publish::diff(&state, &course, version).await?)),
        None => None,
    };
    Ok(CourseHistoryView {
        course,
        versions,
        diff,
    })
}
