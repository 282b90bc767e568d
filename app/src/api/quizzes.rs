//! Knowledge checks inside lessons: ungraded questions with instant feedback, answered with a
//! plain form. Correct answers stay on the server until the learner has answered.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeCheck {
    pub id: String,
    /// Sanitised HTML of the question text.
    pub prompt_html: String,
    pub input: CheckInput,
    pub result: Option<CheckResult>,
}

/// What the form asks for; never says which answer is right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CheckInput {
    /// Options as (index in the course file, text), in display order; `multiple` allows several.
    Choice {
        options: Vec<(usize, String)>,
        multiple: bool,
    },
    TrueFalse,
    Text,
    Number,
    /// Left sides in order; right sides as (index, text) in a fixed shuffled order.
    Matching {
        left: Vec<String>,
        right: Vec<(usize, String)>,
    },
    /// Items as (index, text) in a fixed shuffled order; the learner gives each a position.
    Ordering {
        items: Vec<(usize, String)>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResult {
    pub score_percent: u32,
    /// The question's general feedback, then the feedback of each option chosen.
    pub feedback: Vec<String>,
    /// The form fields the learner sent, to show their answer again.
    pub answer: HashMap<String, String>,
}

#[server(endpoint = "answer-check")]
pub async fn answer_check(
    course: String,
    lesson: String,
    question: String,
    answer: Option<HashMap<String, String>>,
) -> Result<(), AppError> {
    use crate::server::{quizzes, session, AppState};
    let user = session::require_user()?;
    quizzes::answer_check(
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
