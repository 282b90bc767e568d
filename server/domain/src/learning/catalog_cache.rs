//! The published catalog (courses, lessons, their texts and knowledge checks) kept in memory.
//! Learner pages read it on every request, and it changes only when the catalog is synced, so
//! caching it takes most queries off the hot path. `sync_catalog` reloads it after each sync.

use malaka_courses::quiz::{Question, QuizSettings};
use malaka_courses::{render_markdown, Language, RenderContext};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use super::second_script;
use crate::entities::{course, course_text, lesson, lesson_text, question};
use crate::Error;
use malaka_shared::i18n::Locale;

#[derive(Debug, Default)]
pub struct CatalogSnapshot {
    /// Active courses, by slug.
    pub courses: Vec<CachedCourse>,
}

#[derive(Debug)]
pub struct CachedCourse {
    pub model: course::Model,
    pub texts: Vec<course_text::Model>,
    /// Active lessons, in order.
    pub lessons: Vec<CachedLesson>,
    pub quiz: Option<CachedQuiz>,
}

#[derive(Debug)]
pub struct CachedQuiz {
    pub settings: QuizSettings,
    /// The pool: each question in every language it is written in.
    pub pool: Vec<Vec<CachedQuestion>>,
}

#[derive(Debug)]
pub struct CachedLesson {
    pub model: lesson::Model,
    pub texts: Vec<lesson_text::Model>,
    /// Knowledge checks in order, each in every language it is written in.
    pub checks: Vec<Vec<CachedQuestion>>,
}

#[derive(Debug)]
pub struct CachedQuestion {
    pub language: String,
    pub question: Question,
    /// The prompt rendered and sanitised once.
    pub prompt_html: String,
}

impl CatalogSnapshot {
    pub fn course(&self, slug: &str) -> Option<&CachedCourse> {
        self.courses.iter().find(|course| course.model.slug == slug)
    }
}

impl CachedCourse {
    pub fn lesson(&self, slug: &str) -> Option<(usize, &CachedLesson)> {
        self.lessons
            .iter()
            .enumerate()
            .find(|(_, lesson)| lesson.model.slug == slug)
    }

    pub fn text(&self, locale: Locale) -> Option<&course_text::Model> {
        pick_by_language(
            &self.texts,
            |t| &t.language,
            locale,
            &self.model.source_language,
        )
    }

    pub fn title(&self, locale: Locale) -> String {
        self.text(locale)
            .map_or_else(|| self.model.slug.clone(), |t| t.title.clone())
    }

    pub fn lesson_text<'a>(
        &self,
        lesson: &'a CachedLesson,
        locale: Locale,
    ) -> Option<&'a lesson_text::Model> {
        pick_by_language(
            &lesson.texts,
            |t| &t.language,
            locale,
            &self.model.source_language,
        )
    }

    pub fn lesson_title(&self, lesson: &CachedLesson, locale: Locale) -> String {
        self.lesson_text(lesson, locale)
            .map_or_else(|| lesson.model.slug.clone(), |t| t.title.clone())
    }
}

/// The learner's language first, then the course's source language, then whatever exists.
pub fn pick_by_language<'a, T>(
    items: &'a [T],
    language_of: impl Fn(&T) -> &String,
    locale: Locale,
    source: &str,
) -> Option<&'a T> {
    items
        .iter()
        .find(|item| language_of(item) == locale.code())
        .or_else(|| items.iter().find(|item| language_of(item) == source))
        .or_else(|| items.first())
}

#[derive(Clone, Debug, Default)]
pub struct CatalogCache(Arc<RwLock<Arc<CatalogSnapshot>>>);

impl CatalogCache {
    pub fn snapshot(&self) -> Arc<CatalogSnapshot> {
        self.0
            .read()
            .map(|guard| Arc::clone(&guard))
            .unwrap_or_default()
    }

    pub async fn reload(&self, db: &DatabaseConnection) -> Result<(), Error> {
        let snapshot = Arc::new(load(db).await?);
        if let Ok(mut guard) = self.0.write() {
            *guard = snapshot;
        }
        Ok(())
    }
}

async fn load(db: &DatabaseConnection) -> Result<CatalogSnapshot, Error> {
    let courses = course::Entity::find()
        .filter(course::Column::Archived.eq(false))
        .order_by_asc(course::Column::Slug)
        .all(db)
        .await?;
    let mut course_texts = group(course_text::Entity::find().all(db).await?, |t| t.course_id);
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::Archived.eq(false))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?;
    let mut lesson_texts = group(lesson_text::Entity::find().all(db).await?, |t| t.lesson_id);
    let questions = question::Entity::find()
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let mut pools: HashMap<i32, Vec<Vec<CachedQuestion>>> = HashMap::new();
    let mut checks: HashMap<i32, Vec<Vec<CachedQuestion>>> = HashMap::new();
    for row in questions {
        let question: Question = serde_json::from_str(&row.definition)
            .map_err(Error::because("decoding a stored question"))?;
        let language: Language = row.language.parse().unwrap_or(Language::En);
        let context = RenderContext {
            language,
            asset_base: "",
        };
        let prompt_html = render_markdown(Path::new(&row.key), &question.prompt, 1, &context)
            .0
            .html;
        let lesson_checks = match row.lesson_id {
            Some(lesson_id) => checks.entry(lesson_id).or_default(),
            None => pools.entry(row.course_id).or_default(),
        };
        let cached = CachedQuestion {
            language: row.language.clone(),
            question,
            prompt_html,
        };
        match lesson_checks
            .iter_mut()
            .find(|variants| variants[0].question.id == cached.question.id)
        {
            Some(variants) => variants.push(cached),
            None => lesson_checks.push(vec![cached]),
        }
    }
    for variants in pools.values_mut().chain(checks.values_mut()).flatten() {
        let cyrillic = second_script::derivable(variants, |v| &v.language).map(|latin| {
            let (question, prompt_html) =
                second_script::question_in_cyrillic(&latin.question, &latin.prompt_html);
            CachedQuestion {
                language: second_script::CYRILLIC.code().to_owned(),
                question,
                prompt_html,
            }
        });
        variants.extend(cyrillic);
    }
    course_texts
        .values_mut()
        .for_each(second_script::add_to_course_texts);
    lesson_texts
        .values_mut()
        .for_each(second_script::add_to_lesson_texts);
    let mut lessons_by_course: HashMap<i32, Vec<CachedLesson>> = HashMap::new();
    for model in lessons {
        let cached = CachedLesson {
            texts: lesson_texts.remove(&model.id).unwrap_or_default(),
            checks: checks.remove(&model.id).unwrap_or_default(),
            model,
        };
        lessons_by_course
            .entry(cached.model.course_id)
            .or_default()
            .push(cached);
    }
    let courses = courses
        .into_iter()
        .map(|model| {
            let settings = model
                .quiz_settings
                .as_deref()
                .and_then(|json| serde_json::from_str::<QuizSettings>(json).ok());
            let quiz = settings.map(|settings| CachedQuiz {
                settings,
                pool: pools.remove(&model.id).unwrap_or_default(),
            });
            CachedCourse {
                texts: course_texts.remove(&model.id).unwrap_or_default(),
                lessons: lessons_by_course.remove(&model.id).unwrap_or_default(),
                quiz,
                model,
            }
        })
        .collect();
    Ok(CatalogSnapshot { courses })
}

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> i32) -> HashMap<i32, Vec<T>> {
    let mut groups: HashMap<i32, Vec<T>> = HashMap::new();
    for row in rows {
        groups.entry(key(&row)).or_default().push(row);
    }
    groups
}
