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
    /// People whose latest certificate for the course has expired.
    pub lapsed: u64,
}

#[server(endpoint = "team-progress")]
pub async fn team_progress() -> Result<Vec<CourseProgressRow>, AppError> {
    use crate::api::auth::Role;
    use crate::server::{reports, session, AppState};
    let context = session::request_context();
    let user = session::require_role(&[Role::Hr, Role::Admin])?;
    reports::team_progress(&expect_context::<AppState>().db, &user, context.locale).await
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    pub key: String,
    /// The start of the question's text (Markdown source).
    pub prompt: String,
    pub kind: String,
    pub drawn: usize,
    pub answered: usize,
    /// Mean score of the attempts that drew it, in percent.
    pub facility_percent: Option<i32>,
    /// From -1 to 1: facility in the best 27% of attempts minus the worst 27%.
    pub discrimination: Option<f64>,
    /// For choice questions: (option, is it correct, times chosen).
    pub option_counts: Vec<(String, bool, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemAnalysis {
    pub course_slug: String,
    pub course_title: String,
    pub attempts: usize,
    pub rows: Vec<ItemRow>,
}

/// Per-question statistics of a course's final quiz, for trainers and admins.
#[server(endpoint = "item-analysis")]
pub async fn get_item_analysis(course: String) -> Result<ItemAnalysis, AppError> {
    use crate::api::auth::Role;
    use crate::server::{item_analysis, session, AppState};
    let context = session::request_context();
    session::require_role(&[Role::Trainer, Role::Admin])?;
    item_analysis::item_analysis(&expect_context::<AppState>().db, &course, context.locale).await
}
