//! Quizzes: knowledge checks inside lessons (instant feedback), the graded final quiz (attempts,
//! answers, results) and the item analysis trainers read. Nothing here tells a right answer from a
//! wrong one before an attempt is submitted.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptSummary {
    pub id: i32,
    pub number: i32,
    /// YYYY-MM-DD HH:MM (UTC).
    pub started: String,
    pub score_percent: Option<i16>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizOverview {
    pub course_slug: String,
    pub course_title: String,
    pub questions_per_attempt: usize,
    pub time_limit_minutes: Option<u32>,
    pub pass_mark: i16,
    pub attempts_allowed: Option<u32>,
    pub attempts: Vec<AttemptSummary>,
    /// An attempt in progress, to resume.
    pub open_attempt: Option<i32>,
    /// Why a new attempt cannot start now (an i18n key), if it cannot.
    pub blocked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizQuestion {
    pub key: String,
    pub prompt_html: String,
    pub input: CheckInput,
    pub saved: HashMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    pub course_slug: String,
    pub course_title: String,
    pub attempt_id: i32,
    pub number: i32,
    /// Seconds until the deadline, by the server's clock.
    pub seconds_left: Option<i64>,
    pub questions: Vec<QuizQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub prompt_html: String,
    pub score_percent: u32,
    pub feedback: Vec<String>,
    pub correct_answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptResult {
    pub course_slug: String,
    pub course_title: String,
    pub number: i32,
    pub score_percent: i16,
    pub passed: bool,
    pub pass_mark: i16,
    pub course_completed: bool,
    /// Empty when the trainer chose to show the score only.
    pub review: Vec<ReviewItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnowledgeCheck {
    pub id: String,
    /// Sanitised HTML of the question text.
    pub prompt_html: String,
    pub input: CheckInput,
    pub result: Option<CheckResult>,
}

/// What the form asks for; never says which answer is right. Options, right sides and items
/// are listed in display order, and the form names and values them only by that position: the
/// server maps positions back to the course file through the order it drew.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CheckInput {
    /// Options in display order; `multiple` allows several.
    Choice {
        options: Vec<String>,
        multiple: bool,
    },
    TrueFalse,
    Text,
    Number,
    /// Left sides, and the right sides to pick from, each in display order.
    Matching {
        left: Vec<String>,
        right: Vec<String>,
    },
    /// Items in display order; the learner gives each a position.
    Ordering {
        items: Vec<String>,
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
