//! Completing a course the way a learner who knows every answer would: every lesson read, then
//! the final quiz passed.

use chrono::{DateTime, Utc};
use malaka_app::i18n::Locale;
use malaka_courses::quiz::{Question, QuestionKind};
use malaka_domain::{learning, quiz::attempts};
use malaka_shared::quiz::CheckInput;
use std::collections::HashMap;

use crate::support::TestApp;

/// The form a learner who knows every answer sends, picking the right texts from what the
/// attempt's page shows (the page names options only by their position on screen).
pub fn correct_form(question: &Question, input: &CheckInput) -> HashMap<String, String> {
    let at = |texts: &[String], text: &str| {
        texts
            .iter()
            .position(|shown| shown == text)
            .unwrap_or_else(|| panic!("`{text}` is not on the page"))
    };
    let mut form = HashMap::new();
    match (&question.kind, input) {
        (QuestionKind::Single { options }, CheckInput::Choice { options: shown, .. }) => {
            let right = options.iter().find(|o| o.correct).unwrap();
            form.insert("choice".into(), at(shown, &right.text).to_string());
        }
        (QuestionKind::Multiple { options }, CheckInput::Choice { options: shown, .. }) => {
            for right in options.iter().filter(|o| o.correct) {
                let position = at(shown, &right.text);
                form.insert(format!("c{position}"), position.to_string());
            }
        }
        (QuestionKind::TrueFalse { answer }, _) => {
            form.insert("choice".into(), answer.to_string());
        }
        (QuestionKind::Short { accepted, .. }, _) => {
            form.insert("text".into(), accepted[0].clone());
        }
        (QuestionKind::Numeric { answer, .. }, _) => {
            form.insert("number".into(), answer.to_string());
        }
        (QuestionKind::Matching { pairs }, CheckInput::Matching { right, .. }) => {
            for (i, (_, answer)) in pairs.iter().enumerate() {
                form.insert(format!("m{i}"), at(right, answer).to_string());
            }
        }
        (QuestionKind::Ordering { items }, CheckInput::Ordering { items: shown }) => {
            for (position, text) in shown.iter().enumerate() {
                let place = at(items, text) + 1;
                form.insert(format!("o{position}"), place.to_string());
            }
        }
        (kind, input) => panic!("{} shown as {input:?}", kind.type_name()),
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
            learning::complete_lesson(db, user, course, &lesson.slug, None)
                .await
                .unwrap();
        }
        self.pass_final_quiz(user, course, now).await
    }

    /// What a learner who knows every answer sends for `attempt`.
    pub async fn knowing_answers(
        &self,
        user: i32,
        course: &str,
        attempt: i32,
        now: DateTime<Utc>,
    ) -> HashMap<String, HashMap<String, String>> {
        let db = &self.state.db;
        let view = attempts::attempt_view(db, user, course, attempt, Locale::En, now)
            .await
            .unwrap();
        let snapshot = db.catalog.snapshot();
        let pool = &snapshot.course(course).unwrap().quiz.as_ref().unwrap().pool;
        view.questions
            .iter()
            .map(|shown| {
                let variants = pool
                    .iter()
                    .find(|variants| variants[0].question.id == shown.key)
                    .unwrap();
                let english = variants.iter().find(|v| v.language == "en").unwrap();
                (
                    shown.key.clone(),
                    correct_form(&english.question, &shown.input),
                )
            })
            .collect()
    }

    pub async fn pass_final_quiz(&self, user: i32, course: &str, now: DateTime<Utc>) -> i16 {
        let db = &self.state.db;
        let attempt = attempts::start(db, user, course, now).await.unwrap();
        let answers = self.knowing_answers(user, course, attempt, now).await;
        attempts::save_answers(db, user, attempt, answers, now)
            .await
            .unwrap();
        let (score, passed) = attempts::submit(db, user, attempt, now).await.unwrap();
        assert!(passed, "a perfect attempt passes");
        score
    }
}
