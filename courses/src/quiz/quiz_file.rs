//! `quiz.md`: the final quiz's settings (front matter) and its question pool.

use serde::Deserialize;
use std::path::Path;

use super::{parse_question, Question};
use crate::render::{render_markdown, RenderContext};
use crate::{front_matter, Language, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewPolicy {
    /// Never more than the score.
    ScoreOnly,
    /// The score and which questions earned what, with feedback; never the right answers.
    WhatWasWrong,
    /// The right answers after every attempt: only for quizzes whose pool may be learned by heart.
    CorrectAnswers,
    /// The right answers once the attempt passed; a failed attempt shows what was wrong, so
    /// throw-away attempts cannot harvest the key for the next one.
    CorrectAnswersAfterPass,
}

impl ReviewPolicy {
    /// Whether a finished attempt's review may show the right answers.
    pub fn shows_correct_answers(self, passed: bool) -> bool {
        match self {
            ReviewPolicy::CorrectAnswers => true,
            ReviewPolicy::CorrectAnswersAfterPass => passed,
            ReviewPolicy::ScoreOnly | ReviewPolicy::WhatWasWrong => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSettings {
    pub questions_per_attempt: usize,
    pub time_limit_minutes: Option<u32>,
    pub attempts_allowed: Option<u32>,
    pub retake_delay_hours: Option<u32>,
    #[serde(default = "yes")]
    pub shuffle_questions: bool,
    #[serde(default = "yes")]
    pub shuffle_options: bool,
    #[serde(default = "correct_answers")]
    pub review: ReviewPolicy,
}

fn yes() -> bool {
    true
}

fn correct_answers() -> ReviewPolicy {
    ReviewPolicy::CorrectAnswers
}

#[derive(Debug, Clone, PartialEq)]
pub struct FinalQuiz {
    pub settings: QuizSettings,
    /// The pool, per language; every language has the same question ids.
    pub pool: super::QuestionsByLanguage,
}

/// Parses a quiz file: settings from the front matter (required in the source language file,
/// optional in translations) and the question blocks of its body.
pub fn parse_quiz_file(
    file: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> (Option<QuizSettings>, Vec<Question>) {
    let split = match front_matter::split(file, text) {
        Ok(split) => split,
        Err(problem) => {
            problems.push(problem);
            return (None, Vec::new());
        }
    };
    let settings = if split.yaml.trim().is_empty() {
        None
    } else {
        front_matter::parse_yaml::<QuizSettings>(file, split.yaml, 2)
            .map_err(|p| problems.push(p))
            .ok()
    };
    let context = RenderContext {
        language: Language::En,
        asset_base: "",
    };
    let (rendered, found) = render_markdown(file, split.body, split.body_first_line, &context);
    problems.extend(found);
    let questions = rendered
        .questions
        .iter()
        .filter_map(|(line, block)| parse_question(file, *line, block, problems))
        .collect();
    (settings, questions)
}
