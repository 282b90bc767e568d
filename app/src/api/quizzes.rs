//! Knowledge checks inside lessons: ungraded questions with instant feedback, answered with a
//! plain form. Correct answers stay on the server until the learner has answered.

use crate::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[server(endpoint = "answer-check")]
pub async fn answer_check(
    course: String,
    lesson: String,
    question: String,
    answer: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use malaka_domain::{quiz::knowledge_checks, AppState};
    let user = crate::guard::require_user()?;
    knowledge_checks::answer_check(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        &question,
        answer.unwrap_or_default(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/courses/{course}/lessons/{lesson}#check-{question}"
    ));
    Ok(())
}
