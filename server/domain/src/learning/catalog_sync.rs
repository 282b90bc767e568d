//! Copies the course catalog (files) into the database, idempotently: a course whose files have
//! not changed causes no write at all; a changed lesson keeps its id, and so its learners'
//! progress; a lesson or course that disappeared from the files is archived, never deleted.

use chrono::Utc;
use malaka_courses::{Catalog, Course, Lesson};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, TransactionTrait,
};
use std::collections::HashMap;

use crate::entities::{course, course_text, lesson, lesson_text, question};
use crate::Db;
use crate::Error;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub courses_created: usize,
    pub courses_updated: usize,
    pub courses_unchanged: usize,
    pub courses_archived: usize,
    pub lessons_archived: usize,
}

pub async fn sync_catalog(db: &Db, catalog: &Catalog) -> Result<SyncReport, Error> {
    let mut report = SyncReport::default();
    let existing: HashMap<String, course::Model> = course::Entity::find()
        .all(&db.read)
        .await?
        .into_iter()
        .map(|c| (c.slug.clone(), c))
        .collect();
    for files in &catalog.courses {
        match existing.get(&files.slug) {
            Some(row) if row.content_hash == files.content_hash && !row.archived => {
                report.courses_unchanged += 1
            }
            found => {
                let txn = db.write.begin().await?;
                let course_id = upsert_course(&txn, found.cloned(), files).await?;
                report.lessons_archived += sync_lessons(&txn, course_id, files).await?;
                replace_questions(&txn, course_id, files).await?;
                txn.commit().await?;
                if found.is_some() {
                    report.courses_updated += 1;
                } else {
                    report.courses_created += 1;
                }
            }
        }
    }
    for row in existing
        .values()
        .filter(|row| !row.archived && catalog.course(&row.slug).is_none())
    {
        let mut archived = row.clone().into_active_model();
        archived.archived = Set(true);
        archived.updated_at = Set(Utc::now());
        archived.update(&db.write).await?;
        report.courses_archived += 1;
    }
    db.catalog.reload(&db.write).await?;
    Ok(report)
}

async fn upsert_course(
    txn: &DatabaseTransaction,
    found: Option<course::Model>,
    files: &Course,
) -> Result<i32, Error> {
    let meta = &files.meta;
    let mut row = match &found {
        Some(existing) => existing.clone().into_active_model(),
        None => course::ActiveModel {
            slug: Set(files.slug.clone()),
            version: Set(0),
            ..Default::default()
        },
    };
    row.source_language = Set(meta.source_language.code().to_owned());
    row.estimated_minutes = Set((meta.estimated_hours * 60.0).round() as i32);
    row.pass_mark = Set(i16::from(meta.pass_mark));
    row.certificate_validity_months = Set(meta.certificate_validity_months.map(|m| m as i16));
    row.content_hash = Set(files.content_hash.clone());
    row.version = Set(found.as_ref().map_or(1, |existing| existing.version + 1));
    row.archived = Set(false);
    row.updated_at = Set(Utc::now());
    row.quiz_settings = Set(match &files.final_quiz {
        Some(quiz) => Some(serde_json::to_string(&quiz.settings).map_err(Error::from)?),
        None => None,
    });
    let saved = row.save(txn).await?;
    let course_id = saved.id.unwrap();

    course_text::Entity::delete_many()
        .filter(course_text::Column::CourseId.eq(course_id))
        .exec(txn)
        .await?;
    let texts = meta
        .title
        .iter()
        .map(|(language, title)| course_text::ActiveModel {
            course_id: Set(course_id),
            language: Set(language.code().to_owned()),
            title: Set(title.clone()),
            summary: Set(meta.summary.get(language).cloned().unwrap_or_default()),
            audience: Set(meta.audience.get(language).cloned().unwrap_or_default()),
            ..Default::default()
        });
    course_text::Entity::insert_many(texts).exec(txn).await?;
    Ok(course_id)
}

/// Returns how many lessons were archived.
async fn sync_lessons(
    txn: &DatabaseTransaction,
    course_id: i32,
    files: &Course,
) -> Result<usize, Error> {
    let existing: HashMap<String, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| (l.slug.clone(), l))
        .collect();
    let now = Utc::now();
    for file in &files.lessons {
        let found = existing.get(&file.slug);
        let unchanged = found.is_some_and(|row| {
            row.content_hash == file.content_hash
                && !row.archived
                && row.position == file.position as i32
        });
        if unchanged {
            continue;
        }
        let mut row = match found {
            Some(row) => row.clone().into_active_model(),
            None => lesson::ActiveModel {
                course_id: Set(course_id),
                slug: Set(file.slug.clone()),
                ..Default::default()
            },
        };
        row.position = Set(file.position as i32);
        row.minutes = Set(file.minutes as i32);
        row.content_hash = Set(file.content_hash.clone());
        row.archived = Set(false);
        row.updated_at = Set(now);
        let lesson_id = row.save(txn).await?.id.unwrap();
        replace_texts(txn, lesson_id, file).await?;
    }
    let mut archived = 0;
    for row in existing
        .values()
        .filter(|row| !row.archived && !files.lessons.iter().any(|l| l.slug == row.slug))
    {
        let mut row = row.clone().into_active_model();
        row.archived = Set(true);
        row.updated_at = Set(now);
        row.update(txn).await?;
        archived += 1;
    }
    Ok(archived)
}

async fn replace_texts(
    txn: &DatabaseTransaction,
    lesson_id: i32,
    file: &Lesson,
) -> Result<(), Error> {
    lesson_text::Entity::delete_many()
        .filter(lesson_text::Column::LessonId.eq(lesson_id))
        .exec(txn)
        .await?;
    let texts = file
        .texts
        .iter()
        .map(|(language, text)| lesson_text::ActiveModel {
            lesson_id: Set(lesson_id),
            language: Set(language.code().to_owned()),
            title: Set(text.title.clone()),
            html: Set(text.html.clone()),
            ..Default::default()
        });
    lesson_text::Entity::insert_many(texts).exec(txn).await?;
    Ok(())
}

/// Questions are rewritten with their course: learners' answers refer to them by their key,
/// which the files keep stable, not by row.
async fn replace_questions(
    txn: &DatabaseTransaction,
    course_id: i32,
    files: &Course,
) -> Result<(), Error> {
    question::Entity::delete_many()
        .filter(question::Column::CourseId.eq(course_id))
        .exec(txn)
        .await?;
    let lesson_ids: HashMap<String, i32> = lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| (l.slug, l.id))
        .collect();
    let mut rows = Vec::new();
    for file in &files.lessons {
        for (language, text) in &file.texts {
            rows.extend(question_rows(
                course_id,
                lesson_ids.get(&file.slug).copied(),
                language.code(),
                &text.questions,
            )?);
        }
    }
    for (language, pool) in files.final_quiz.iter().flat_map(|quiz| quiz.pool.iter()) {
        rows.extend(question_rows(course_id, None, language.code(), pool)?);
    }
    if !rows.is_empty() {
        question::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}

fn question_rows(
    course_id: i32,
    lesson_id: Option<i32>,
    language: &str,
    questions: &[malaka_courses::quiz::Question],
) -> Result<Vec<question::ActiveModel>, Error> {
    questions
        .iter()
        .enumerate()
        .map(|(position, q)| {
            let definition = serde_json::to_string(q)?;
            Ok(question::ActiveModel {
                course_id: Set(course_id),
                lesson_id: Set(lesson_id),
                key: Set(q.id.clone()),
                language: Set(language.to_owned()),
                position: Set(position as i32),
                definition: Set(definition),
                ..Default::default()
            })
        })
        .collect()
}
