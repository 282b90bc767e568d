//! The trainers' authoring workspace (trainers and admins only).

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::authoring::{AuthoringCourse, CourseHistoryView, LessonEditor, LessonPreview};
#[cfg(feature = "ssr")]
use malaka_shared::people::Role;

#[server(endpoint = "authoring-courses")]
pub async fn authoring_courses() -> Result<Vec<AuthoringCourse>, AppError> {
    use malaka_domain::{authoring, AppState};
    crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::courses(&expect_context::<AppState>())
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "open-lesson-file")]
pub async fn open_lesson_file(course: String, file: String) -> Result<LessonEditor, AppError> {
    use malaka_domain::{authoring, AppState};
    crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::open(&expect_context::<AppState>(), &course, &file)
        .await
        .map_err(AppError::from)
}

/// The live preview while the trainer types: nothing is saved.
#[server(endpoint = "preview-lesson")]
pub async fn preview_lesson(
    course: String,
    file: String,
    markdown: String,
) -> Result<LessonPreview, AppError> {
    use malaka_domain::{authoring, AppState};
    crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
    authoring::preview_text(&expect_context::<AppState>(), &course, &file, markdown)
        .await
        .map_err(AppError::from)
}

/// Saves the draft and comes back to the editor, which shows its preview and problems.
#[server(endpoint = "save-draft")]
pub async fn save_draft(course: String, file: String, markdown: String) -> Result<(), AppError> {
    use malaka_domain::{authoring, AppState};
    let author = crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
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
    use malaka_domain::authoring::publish;
    use malaka_domain::AppState;
    let author = crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
    let version = publish::publish(&expect_context::<AppState>(), &author, &course).await?;
    leptos_axum::redirect(&format!("/author/{course}/history?diff={version}"));
    Ok(())
}

#[server(endpoint = "course-history")]
pub async fn get_course_history(
    course: String,
    diff: Option<i32>,
) -> Result<CourseHistoryView, AppError> {
    use malaka_domain::authoring::publish;
    use malaka_domain::AppState;
    crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
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
