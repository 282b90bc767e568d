//! Reports for HR and admins.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseProgressRow {
    pub slug: String,
    pub title: String,
    pub enrolled: u64,
    pub completed: u64,
    pub in_progress: u64,
    pub not_started: u64,
    pub overdue: u64,
}

#[server(endpoint = "team-progress")]
pub async fn team_progress() -> Result<Vec<CourseProgressRow>, AppError> {
    use crate::api::auth::Role;
    use crate::server::{reports, session, AppState};
    let context = session::request_context();
    let user = session::require_role(&[Role::Hr, Role::Admin])?;
    reports::team_progress(&expect_context::<AppState>().db, &user, context.locale).await
}
