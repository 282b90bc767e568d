//! Completing a course the way a learner who knows every answer would: every lesson read, then
//! the final quiz passed.

use chrono::{DateTime, Utc};
use malaka_app::i18n::Locale;
use malaka_courses::quiz::{Question, QuestionKind};
use malaka_domain::{learning, quiz::attempts};
use std::collections::HashMap;

use crate::support::TestApp;

/// The form a learner who knows every answer would send.
pub fn correct_form(question: &Question) -> HashMap<String, String> {
    let mut form = HashMap::new();
    match &question.kind {
        QuestionKind::Single { options } => {
            form.insert(
                "choice".into(),
                options.iter().position(|o| o.correct).unwrap().to_string(),
            );
        }
        QuestionKind::Multiple { options } => {
            for (i, _) in options.iter().enumerate().filter(|(_, o)| o.correct) {
                form.insert(format!("c{i}"), i.to_string());
            }
        }
        QuestionKind::TrueFalse { answer } => {
            form.insert("choice".into(), answer.to_string());
        }
        QuestionKind::Short { accepted, .. } => {
            form.insert("text".into(), accepted[0].clone());
        }
        QuestionKind::Numeric { answer, .. } => {
            form.insert("number".into(), answer.to_string());
        }
        QuestionKind::Matching { pairs } => (0..pairs.len()).for_each(|i| {
            form.insert(format!("m{i}"), i.to_string());
        }),
        QuestionKind::Ordering { items } => (0..items.len()).for_each(|i| {
            form.insert(format!("o{i}"), (i + 1).to_string());
        }),
    }
    form
}

impl TestApp {
    /// Reads every lesson of `course` and passes its final quiz at `now`; returns the score.
    pub async fn complete_course(&self, user: i32, course: &str, now: DateTime<Utc>) -> i16 {
        let db = &self.state.db;
        let outline = learning::course_outline(db, user, course, Locale::En)
            .await
            .unwrap();
        for lesson in &outline.lessons {
            learning::complete_lesson(db, user, course, &lesson.slug)
                .await
                .unwrap();
        }
        self.pass_final_quiz(user, course, now).await
    }

    pub async fn pass_final_quiz(&self, user: i32, course: &str, now: DateTime<Utc>) -> i16 {
        let db = &self.state.db;
        let attempt = attempts::start(db, user, course, now).await.unwrap();
        let view = attempts::attempt_view(db, user, course, attempt, Locale::En, now)
            .await
            .unwrap();
        let snapshot = db.catalog.snapshot();
        let pool = &snapshot.course(course).unwrap().quiz.as_ref().unwrap().pool;
        let answers: HashMap<String, HashMap<String, String>> = view
            .questions
            .iter()
            .map(|drawn| {
                let question = &pool
                    .iter()
                    .find(|variants| variants[0].question.id == drawn.key)
                    .unwrap()[0]
                    .question;
                (drawn.key.clone(), correct_form(question))
            })
            .collect();
        attempts::save_answers(db, user, attempt, answers, now)
            .await
            .unwrap();
        let (score, passed) = attempts::submit(db, user, attempt, now).await.unwrap();
        assert!(passed, "a perfect attempt passes");
        score
    }
}
