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
    use malaka_domain::{Error, Refusal};
    let user = crate::guard::require_user()?;
    let checked = knowledge_checks::answer_check(
        &expect_context::<AppState>().db,
        user.id,
        &course,
        &question,
        answer.unwrap_or_default(),
    )
    .await;
    let back = format!("/courses/{course}/lessons/{lesson}");
    match checked {
        Ok(_) => leptos_axum::redirect(&format!("{back}#check-{question}")),
        // Back to the question, which says what is missing.
        Err(Error::Refused(refusal @ (Refusal::NoAnswer | Refusal::NotANumber))) => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("check", &question)
                .append_pair("check-error", refusal.message_key())
                .finish();
            leptos_axum::redirect(&format!("{back}?{query}#check-{question}"))
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
