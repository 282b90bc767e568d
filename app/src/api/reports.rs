//! Reports for HR and admins.

use crate::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use malaka_shared::people::Role;
use malaka_shared::quiz::ItemAnalysis;
use malaka_shared::reports::{CourseProgressRow, Dashboard, ReportFilter, Transcript};

#[server(endpoint = "team-progress")]
pub async fn team_progress() -> Result<Vec<CourseProgressRow>, AppError> {
    use malaka_domain::{reports, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_role(&[Role::Hr, Role::Admin])?;
    reports::team_progress(&expect_context::<AppState>().db, &user, context.locale)
        .await
        .map_err(AppError::from)
}

/// Per-question statistics of a course's final quiz, for trainers and admins.
#[server(endpoint = "item-analysis")]
pub async fn get_item_analysis(course: String) -> Result<ItemAnalysis, AppError> {
    use malaka_domain::{quiz::item_analysis, AppState};
    let context = crate::guard::request_context();
    crate::guard::require_role(&[Role::Trainer, Role::Admin])?;
    item_analysis::item_analysis(&expect_context::<AppState>().db, &course, context.locale)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "hr-dashboard")]
pub async fn get_dashboard(filter: ReportFilter, page: u64) -> Result<Dashboard, AppError> {
    use malaka_domain::{reports, AppState};
    let context = crate::guard::request_context();
    let viewer = crate::guard::require_role(&[Role::Hr, Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    reports::dashboard::dashboard(
        db,
        &viewer,
        filter,
        page,
        context.locale,
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
}

/// One person's record: HR for people in their units, admins for anyone, everyone for
/// themselves.
#[server(endpoint = "transcript")]
pub async fn get_transcript(user_id: i32) -> Result<Transcript, AppError> {
    use malaka_domain::{reports, AppState};
    let context = crate::guard::request_context();
    let viewer = crate::guard::require_user()?;
    let db = &expect_context::<AppState>().db;
    reports::transcript::transcript(db, &viewer, user_id, context.locale, chrono::Utc::now())
        .await
        .map_err(AppError::from)
}
