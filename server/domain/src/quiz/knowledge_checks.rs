//! Knowledge checks: the questions of a lesson as forms (without their answers), and grading
//! a learner's answer with feedback. Final-quiz questions cannot be answered here, so the pool
//! of a graded quiz cannot be probed for its answers.

use chrono::Utc;
use malaka_courses::quiz::{Answer, Question, QuestionKind};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

use crate::entities::check_answer;
use crate::learning::catalog_cache::{pick_by_language, CachedCourse, CachedLesson};
use crate::quiz::presentation::Presented;
use crate::Db;
use crate::{Error, Refusal};
use malaka_shared::i18n::Locale;
use malaka_shared::quiz::{CheckResult, KnowledgeCheck};

pub async fn lesson_checks(
    db: &Db,
    user_id: i32,
    course: &CachedCourse,
    lesson: &CachedLesson,
    locale: Locale,
) -> Result<Vec<KnowledgeCheck>, Error> {
    if lesson.checks.is_empty() {
        return Ok(Vec::new());
    }
    let keys = lesson
        .checks
        .iter()
        .map(|variants| variants[0].question.id.clone());
    let answers: HashMap<String, check_answer::Model> = check_answer::Entity::find()
        .filter(check_answer::Column::UserId.eq(user_id))
        .filter(check_answer::Column::CourseId.eq(course.model.id))
        .filter(check_answer::Column::QuestionKey.is_in(keys))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|a| (a.question_key.clone(), a))
        .collect();
    let checks = lesson
        .checks
        .iter()
        .filter_map(|variants| {
            pick_by_language(
                variants,
                |v| &v.language,
                locale,
                &course.model.source_language,
            )
        })
        .map(|cached| {
            let question = &cached.question;
            let shown = Presented::for_learner(question, user_id);
            let result = answers.get(&question.id).map(|answer| {
                let form: HashMap<String, String> =
                    serde_json::from_str(&answer.answer).unwrap_or_default();
                CheckResult {
                    score_percent: answer.score_percent.max(0) as u32,
                    feedback: feedback_for(question, &form),
                    answer: shown.to_display(&form),
                }
            });
            KnowledgeCheck {
                id: question.id.clone(),
                prompt_html: cached.prompt_html.clone(),
                input: shown.input(),
                result,
            }
        })
        .collect();
    Ok(checks)
}

/// Grades a knowledge-check answer, sent as the learner's form shows it, and keeps it (the
/// latest answer counts).
pub async fn answer_check(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    key: &str,
    form: HashMap<String, String>,
) -> Result<u32, Error> {
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(course_slug).ok_or(Error::NotFound)?;
    let source = &course.model.source_language;
    let variants = course
        .lessons
        .iter()
        .flat_map(|lesson| lesson.checks.iter())
        .find(|variants| variants[0].question.id == key)
        .ok_or(Error::NotFound)?;
    let question = &variants
        .iter()
        .find(|v| &v.language == source)
        .unwrap_or(&variants[0])
        .question;
    let form = Presented::for_learner(question, user_id).to_file(&form);
    // Refuses an empty or malformed answer with a clear message before anything is stored.
    answer_from_form(&question.kind, &form)?;
    let earned = crate::quiz::attempts::best_grade(variants, &form);
    let score_percent = (earned / f64::from(question.points) * 100.0).round() as i16;
    let stored = serde_json::to_string(&form).map_err(Error::from)?;
    let record = check_answer::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course.model.id),
        question_key: Set(key.to_owned()),
        answer: Set(stored),
        score_percent: Set(score_percent),
        answered_at: Set(Utc::now()),
        ..Default::default()
    };
    check_answer::Entity::insert(record)
        .on_conflict(
            OnConflict::columns([
                check_answer::Column::UserId,
                check_answer::Column::CourseId,
                check_answer::Column::QuestionKey,
            ])
            .update_columns([
                check_answer::Column::Answer,
                check_answer::Column::ScorePercent,
                check_answer::Column::AnsweredAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&db.write)
        .await?;
    Ok(score_percent as u32)
}

/// Reads an answer from form fields in the course file's terms (see `presentation` for how the
/// learner's display positions get there): `choice` (single, true-false), `c<option>`
/// (multiple), `text`, `number`, `m<left>` = right index (matching), `o<item>` = 1-based
/// position (ordering).
pub fn answer_from_form(
    kind: &QuestionKind,
    form: &HashMap<String, String>,
) -> Result<Answer, Error> {
    let invalid = || Error::Refused(Refusal::NoAnswer);
    let index = |name: &str| form.get(name).and_then(|v| v.trim().parse::<usize>().ok());
    Ok(match kind {
        QuestionKind::Single { .. } => Answer::Choices(vec![index("choice").ok_or_else(invalid)?]),
        QuestionKind::Multiple { options } => {
            let chosen: Vec<usize> = (0..options.len())
                .filter(|i| form.contains_key(&format!("c{i}")))
                .collect();
            if chosen.is_empty() {
                return Err(invalid());
            }
            Answer::Choices(chosen)
        }
        QuestionKind::TrueFalse { .. } => match form.get("choice").map(String::as_str) {
            Some("true") => Answer::TrueFalse(true),
            Some("false") => Answer::TrueFalse(false),
            _ => return Err(invalid()),
        },
        QuestionKind::Short { .. } => Answer::Text(
            form.get("text")
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(invalid)?
                .clone(),
        ),
        QuestionKind::Numeric { .. } => {
            // Russian and Uzbek write decimals with a comma.
            let text = form
                .get("number")
                .map(|t| t.trim().replace(' ', "").replace(',', "."))
                .unwrap_or_default();
            Answer::Number(
                text.parse()
                    .map_err(|_| Error::Refused(Refusal::NotANumber))?,
            )
        }
        QuestionKind::Matching { pairs } => Answer::Matches(
            (0..pairs.len())
                .map(|i| index(&format!("m{i}")).unwrap_or(usize::MAX))
                .collect(),
        ),
        QuestionKind::Ordering { items } => {
            let mut placed: Vec<(usize, usize)> = (0..items.len())
                .map(|i| (index(&format!("o{i}")).unwrap_or(usize::MAX), i))
                .collect();
            placed.sort();
            Answer::Order(placed.into_iter().map(|(_, item)| item).collect())
        }
    })
}

pub fn feedback_for(question: &Question, form: &HashMap<String, String>) -> Vec<String> {
    let mut feedback = vec![question.feedback.clone()];
    if let QuestionKind::Single { options } | QuestionKind::Multiple { options } = &question.kind {
        for (i, option) in options.iter().enumerate() {
            let chosen = form.get("choice").is_some_and(|c| c == &i.to_string())
                || form.contains_key(&format!("c{i}"));
            if let (true, Some(text)) = (chosen, &option.feedback) {
                feedback.push(format!("{}: {text}", option.text));
            }
        }
    }
    feedback
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn form_fields_become_answers() {
        let numeric = QuestionKind::Numeric {
            answer: 3.5,
            tolerance: 0.0,
            partial: Vec::new(),
        };
        assert_eq!(
            answer_from_form(&numeric, &form(&[("number", " 3,5 ")])).ok(),
            Some(Answer::Number(3.5)),
            "a decimal comma is accepted"
        );
        assert!(answer_from_form(&numeric, &form(&[("number", "three")])).is_err());

        let choice = |text: &str, correct| malaka_courses::quiz::Choice {
            text: text.into(),
            correct,
            feedback: None,
            credit: None,
        };
        let multiple = QuestionKind::Multiple {
            options: vec![choice("a", true), choice("b", false), choice("c", true)],
        };
        assert_eq!(
            answer_from_form(&multiple, &form(&[("c0", "0"), ("c2", "2")])).ok(),
            Some(Answer::Choices(vec![0, 2]))
        );

        let ordering = QuestionKind::Ordering {
            items: vec!["x".into(), "y".into(), "z".into()],
        };
        assert_eq!(
            answer_from_form(&ordering, &form(&[("o0", "2"), ("o1", "3"), ("o2", "1")])).ok(),
            Some(Answer::Order(vec![2, 0, 1]))
        );
    }
}
