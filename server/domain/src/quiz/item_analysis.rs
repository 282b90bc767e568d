//! Item analysis for trainers: for each question of a course's final quiz, how often it was
//! drawn and answered, how many got it right (facility), how well it separates strong from weak
//! learners (discrimination: facility in the best 27% of attempts minus the worst 27%), and how
//! often each option was chosen. Only submitted attempts count.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

use crate::entities::{quiz_answer, quiz_attempt};
use crate::learning::catalog_cache::pick_by_language;
use crate::quiz::attempts::{best_grade, Drawn};
use crate::Db;
use crate::Error;
use malaka_courses::quiz::QuestionKind;
use malaka_shared::i18n::Locale;
use malaka_shared::quiz::{ItemAnalysis, ItemRow};

/// Share of attempts in the upper and lower groups, as in the classical discrimination index.
const GROUP_SHARE: f64 = 0.27;

pub async fn item_analysis(db: &Db, slug: &str, locale: Locale) -> Result<ItemAnalysis, Error> {
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(slug).ok_or(Error::NotFound)?;
    let quiz = course.quiz.as_ref().ok_or(Error::NotFound)?;
    let attempts = quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::CourseId.eq(course.model.id))
        .filter(quiz_attempt::Column::SubmittedAt.is_not_null())
        .all(&db.read)
        .await?;
    let mut answers: HashMap<i32, HashMap<String, HashMap<String, String>>> = HashMap::new();
    let ids: Vec<i32> = attempts.iter().map(|a| a.id).collect();
    for chunk in ids.chunks(500) {
        for row in quiz_answer::Entity::find()
            .filter(quiz_answer::Column::AttemptId.is_in(chunk.iter().copied()))
            .all(&db.read)
            .await?
        {
            let form = serde_json::from_str(&row.answer).unwrap_or_default();
            answers
                .entry(row.attempt_id)
                .or_default()
                .insert(row.question_key, form);
        }
    }

    // Attempts ranked by score, to find the upper and lower groups.
    let mut ranked: Vec<&quiz_attempt::Model> = attempts.iter().collect();
    ranked.sort_by_key(|a| std::cmp::Reverse(a.score_percent.unwrap_or(0)));
    let group = ((ranked.len() as f64) * GROUP_SHARE).round().max(1.0) as usize;
    let upper: Vec<i32> = ranked.iter().take(group).map(|a| a.id).collect();
    let lower: Vec<i32> = ranked.iter().rev().take(group).map(|a| a.id).collect();
    let drawn_in: HashMap<i32, Vec<String>> = attempts
        .iter()
        .map(|a| {
            (
                a.id,
                serde_json::from_str::<Vec<Drawn>>(&a.draw)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| d.key)
                    .collect(),
            )
        })
        .collect();

    let rows = quiz
        .pool
        .iter()
        .map(|variants| {
            let key = &variants[0].question.id;
            let shown = pick_by_language(
                variants,
                |v| &v.language,
                locale,
                &course.model.source_language,
            )
            .unwrap_or(&variants[0]);
            let points = f64::from(variants[0].question.points);
            let score_in = |attempt: i32| {
                answers
                    .get(&attempt)
                    .and_then(|a| a.get(key))
                    .map_or(0.0, |form| best_grade(variants, form) / points)
            };
            let drew: Vec<i32> = attempts
                .iter()
                .map(|a| a.id)
                .filter(|id| drawn_in[id].contains(key))
                .collect();
            let answered = drew
                .iter()
                .filter(|id| answers.get(id).is_some_and(|a| a.contains_key(key)))
                .count();
            let facility_of = |group: &[i32]| {
                let scores: Vec<f64> = group
                    .iter()
                    .filter(|id| drew.contains(id))
                    .map(|id| score_in(*id))
                    .collect();
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
            };
            let facility = facility_of(&drew);
            let discrimination = match (facility_of(&upper), facility_of(&lower)) {
                (Some(high), Some(low)) => Some(high - low),
                _ => None,
            };
            let option_counts = match &shown.question.kind {
                QuestionKind::Single { options } | QuestionKind::Multiple { options } => options
                    .iter()
                    .enumerate()
                    .map(|(i, option)| {
                        let chosen = drew
                            .iter()
                            .filter_map(|id| answers.get(id).and_then(|a| a.get(key)))
                            .filter(|form| {
                                form.get("choice") == Some(&i.to_string())
                                    || form.contains_key(&format!("c{i}"))
                            })
                            .count();
                        (option.text.clone(), option.correct, chosen)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            ItemRow {
                key: key.clone(),
                prompt: shown.question.prompt.chars().take(160).collect(),
                kind: shown.question.kind.type_name().to_owned(),
                drawn: drew.len(),
                answered,
                facility_percent: facility.map(|f| (f * 100.0).round() as i32),
                discrimination: discrimination.map(|d| (d * 100.0).round() / 100.0),
                option_counts,
            }
        })
        .collect();
    Ok(ItemAnalysis {
        course_slug: course.model.slug.clone(),
        course_title: course.title(locale),
        attempts: attempts.len(),
        rows,
    })
}
