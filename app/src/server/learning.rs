//! The learner's side: catalog and "My learning" cards, course outlines, opening and completing
//! lessons, time on task. Progress belongs to (user, lesson id), and lesson ids survive edits
//! of the course files, so nothing here is lost when a trainer publishes a change.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder,
};
use std::collections::HashMap;

use super::entities::{course, course_text, enrolment, lesson, lesson_progress, lesson_text};
use super::Db;
use crate::api::learning::{
    percent, CourseCard, CourseOutline, LessonItem, LessonLink, LessonState, LessonView,
};
use crate::i18n::Locale;
use crate::AppError;

/// A reading session's time counts up to this much when a lesson is completed without the
/// page's timer (JavaScript off): enough for a careful reader, not for a tab left open overnight.
const MAX_UNTIMED_SECONDS_PER_MINUTE_OF_READING: i64 = 120;
/// A new view counts as a new reading session after this long.
const SESSION_GAP_SECONDS: i64 = 60;
const MAX_HEARTBEAT_SECONDS: i32 = 60;

pub async fn my_learning(
    db: &Db,
    user_id: i32,
    locale: Locale,
) -> Result<Vec<CourseCard>, AppError> {
    let cards = course_cards(db, user_id, locale).await?;
    Ok(cards.into_iter().filter(|card| card.enrolled).collect())
}

pub async fn catalog(db: &Db, user_id: i32, locale: Locale) -> Result<Vec<CourseCard>, AppError> {
    course_cards(db, user_id, locale).await
}

async fn course_cards(db: &Db, user_id: i32, locale: Locale) -> Result<Vec<CourseCard>, AppError> {
    let courses = course::Entity::find()
        .filter(course::Column::Archived.eq(false))
        .order_by_asc(course::Column::Slug)
        .all(&db.read)
        .await?;
    let texts = course_texts(&db.read, None).await?;
    let enrolments: HashMap<i32, enrolment::Model> = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|e| (e.course_id, e))
        .collect();
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::Archived.eq(false))
        .order_by_asc(lesson::Column::Position)
        .all(&db.read)
        .await?;
    let completed = completed_lessons(&db.read, user_id).await?;
    let cards = courses
        .iter()
        .map(|course| {
            let course_lessons: Vec<&lesson::Model> = lessons
                .iter()
                .filter(|l| l.course_id == course.id)
                .collect();
            card(
                course,
                &texts,
                enrolments.get(&course.id),
                &course_lessons,
                &completed,
                locale,
            )
        })
        .collect();
    Ok(cards)
}

fn card(
    course: &course::Model,
    texts: &[course_text::Model],
    enrolment: Option<&enrolment::Model>,
    lessons: &[&lesson::Model],
    completed: &HashMap<i32, bool>,
    locale: Locale,
) -> CourseCard {
    let text = pick_course_text(texts, course, locale);
    let done = lessons
        .iter()
        .filter(|l| completed.get(&l.id).copied().unwrap_or(false))
        .count();
    CourseCard {
        slug: course.slug.clone(),
        title: text
            .map(|t| t.title.clone())
            .unwrap_or_else(|| course.slug.clone()),
        summary: text.map(|t| t.summary.clone()).unwrap_or_default(),
        estimated_minutes: course.estimated_minutes,
        lessons_total: lessons.len(),
        lessons_completed: done,
        enrolled: enrolment.is_some(),
        completed: enrolment.is_some_and(|e| e.completed_at.is_some()),
        resume_lesson: lessons
            .iter()
            .find(|l| !completed.get(&l.id).copied().unwrap_or(false))
            .map(|l| l.slug.clone()),
    }
}

pub async fn course_outline(
    db: &Db,
    user_id: i32,
    slug: &str,
    locale: Locale,
) -> Result<CourseOutline, AppError> {
    let course = find_course(&db.read, slug).await?;
    let texts = course_texts(&db.read, Some(course.id)).await?;
    let lessons = course_lessons(&db.read, course.id).await?;
    let lesson_ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let titles = lesson_titles(&db.read, &lesson_ids, &course, locale).await?;
    let progress = progress_of(&db.read, user_id, &lesson_ids).await?;
    let completed: HashMap<i32, bool> = progress
        .iter()
        .map(|(id, p)| (*id, p.completed_at.is_some()))
        .collect();
    let enrolment = find_enrolment(&db.read, user_id, course.id).await?;
    let lesson_refs: Vec<&lesson::Model> = lessons.iter().collect();
    let card = card(
        &course,
        &texts,
        enrolment.as_ref(),
        &lesson_refs,
        &completed,
        locale,
    );
    let items = lessons
        .iter()
        .map(|l| LessonItem {
            slug: l.slug.clone(),
            position: l.position,
            title: titles.get(&l.id).cloned().unwrap_or_else(|| l.slug.clone()),
            minutes: l.minutes,
            state: match progress.get(&l.id) {
                Some(p) if p.completed_at.is_some() => LessonState::Completed,
                Some(_) => LessonState::Started,
                None => LessonState::NotStarted,
            },
        })
        .collect();
    Ok(CourseOutline {
        card,
        audience: pick_course_text(&texts, &course, locale)
            .map(|t| t.audience.clone())
            .unwrap_or_default(),
        version: course.version,
        updated_on: course.updated_at.format("%Y-%m-%d").to_string(),
        lessons: items,
    })
}

/// Opens a lesson for reading: enrols the learner if needed and records that they started it.
pub async fn open_lesson(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    lesson_slug: &str,
    locale: Locale,
) -> Result<LessonView, AppError> {
    let course = find_course(&db.read, course_slug).await?;
    let lessons = course_lessons(&db.read, course.id).await?;
    let index = lessons
        .iter()
        .position(|l| l.slug == lesson_slug)
        .ok_or(AppError::NotFound)?;
    let current = &lessons[index];
    let neighbours: Vec<i32> = [index.checked_sub(1), Some(index + 1)]
        .into_iter()
        .flatten()
        .filter_map(|i| lessons.get(i))
        .map(|l| l.id)
        .collect();

    let texts = lesson_text::Entity::find()
        .filter(lesson_text::Column::LessonId.eq(current.id))
        .all(&db.read)
        .await?;
    let text = pick_by_language(&texts, |t| &t.language, locale, &course.source_language)
        .ok_or(AppError::NotFound)?;
    let neighbour_titles = lesson_titles(&db.read, &neighbours, &course, locale).await?;
    let course_titles = course_texts(&db.read, Some(course.id)).await?;
    let lesson_ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let progress = progress_of(&db.read, user_id, &lesson_ids).await?;

    if find_enrolment(&db.read, user_id, course.id)
        .await?
        .is_none()
    {
        enrol_in(&db.write, user_id, course.id).await?;
    }
    record_view(&db.write, user_id, current.id, progress.get(&current.id)).await?;
    let checks = super::quizzes::lesson_checks(db, user_id, &course, current.id, locale).await?;

    let done = progress
        .values()
        .filter(|p| p.completed_at.is_some())
        .count();
    let link = |i: Option<usize>| {
        i.and_then(|i| lessons.get(i)).map(|l| LessonLink {
            slug: l.slug.clone(),
            title: neighbour_titles
                .get(&l.id)
                .cloned()
                .unwrap_or_else(|| l.slug.clone()),
        })
    };
    Ok(LessonView {
        course_slug: course.slug.clone(),
        course_title: pick_course_text(&course_titles, &course, locale)
            .map(|t| t.title.clone())
            .unwrap_or_else(|| course.slug.clone()),
        slug: current.slug.clone(),
        title: text.title.clone(),
        html: text.html.clone(),
        minutes: current.minutes,
        position: index + 1,
        total: lessons.len(),
        completed: progress
            .get(&current.id)
            .is_some_and(|p| p.completed_at.is_some()),
        course_percent: percent(done, lessons.len()),
        previous: link(index.checked_sub(1)),
        next: link(Some(index + 1)),
        language: text.language.clone(),
        is_fallback: text.language != locale.code(),
        checks,
    })
}

/// Enrols the learner (if not yet) and returns the lesson to start or resume with.
pub async fn enrol(db: &Db, user_id: i32, course_slug: &str) -> Result<Option<String>, AppError> {
    let course = find_course(&db.read, course_slug).await?;
    enrol_in(&db.write, user_id, course.id).await?;
    let lessons = course_lessons(&db.read, course.id).await?;
    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let progress = progress_of(&db.read, user_id, &ids).await?;
    Ok(lessons
        .iter()
        .find(|l| progress.get(&l.id).is_none_or(|p| p.completed_at.is_none()))
        .map(|l| l.slug.clone()))
}

/// Marks a lesson complete and returns the next lesson not yet completed, if any. Completing
/// every lesson completes the enrolment. Completing twice changes nothing.
pub async fn complete_lesson(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    lesson_slug: &str,
) -> Result<Option<String>, AppError> {
    let course = find_course(&db.read, course_slug).await?;
    let lessons = course_lessons(&db.read, course.id).await?;
    let index = lessons
        .iter()
        .position(|l| l.slug == lesson_slug)
        .ok_or(AppError::NotFound)?;
    let current = &lessons[index];
    let now = Utc::now();
    enrol_in(&db.write, user_id, course.id).await?;

    let existing = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::LessonId.eq(current.id))
        .one(&db.write)
        .await?;
    match existing {
        Some(row) if row.completed_at.is_none() => {
            let cap = i64::from(current.minutes) * MAX_UNTIMED_SECONDS_PER_MINUTE_OF_READING;
            let untimed = (now - row.last_seen_at).num_seconds().clamp(0, cap) as i32;
            let mut row = row.clone().into_active_model();
            row.completed_at = Set(Some(now));
            row.last_seen_at = Set(now);
            row.seconds_spent = Set(row.seconds_spent.unwrap() + untimed);
            row.update(&db.write).await?;
        }
        Some(_) => {}
        None => {
            // Completed without opening (e.g. a form re-sent): no reading time can be credited.
            insert_progress(&db.write, user_id, current.id, now, Some(now)).await?;
        }
    }

    let ids: Vec<i32> = lessons.iter().map(|l| l.id).collect();
    let progress = progress_of(&db.write, user_id, &ids).await?;
    let is_done = |l: &lesson::Model| {
        progress
            .get(&l.id)
            .is_some_and(|p| p.completed_at.is_some())
    };
    if lessons.iter().all(is_done) {
        enrolment::Entity::update_many()
            .col_expr(enrolment::Column::CompletedAt, Expr::value(now))
            .filter(enrolment::Column::UserId.eq(user_id))
            .filter(enrolment::Column::CourseId.eq(course.id))
            .filter(enrolment::Column::CompletedAt.is_null())
            .exec(&db.write)
            .await?;
    }
    let after = lessons[index + 1..]
        .iter()
        .chain(lessons[..index].iter())
        .find(|l| !is_done(l));
    Ok(after.map(|l| l.slug.clone()))
}

pub async fn record_time(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    lesson_slug: &str,
    seconds: i32,
) -> Result<(), AppError> {
    let course = find_course(&db.read, course_slug).await?;
    let lesson = course_lessons(&db.read, course.id)
        .await?
        .into_iter()
        .find(|l| l.slug == lesson_slug)
        .ok_or(AppError::NotFound)?;
    let seconds = seconds.clamp(0, MAX_HEARTBEAT_SECONDS);
    let updated = lesson_progress::Entity::update_many()
        .col_expr(
            lesson_progress::Column::SecondsSpent,
            Expr::col(lesson_progress::Column::SecondsSpent).add(seconds),
        )
        .col_expr(lesson_progress::Column::LastSeenAt, Expr::value(Utc::now()))
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::LessonId.eq(lesson.id))
        .exec(&db.write)
        .await?;
    if updated.rows_affected == 0 {
        return Err(AppError::Invalid(
            "open the lesson before recording time on it".into(),
        ));
    }
    Ok(())
}

async fn record_view(
    db: &impl ConnectionTrait,
    user_id: i32,
    lesson_id: i32,
    existing: Option<&lesson_progress::Model>,
) -> Result<(), AppError> {
    let now = Utc::now();
    match existing {
        None => insert_progress(db, user_id, lesson_id, now, None).await,
        // Writing on every page view would make reading cost a write; once a minute is enough.
        Some(row) if (now - row.last_seen_at).num_seconds() > SESSION_GAP_SECONDS => {
            lesson_progress::Entity::update_many()
                .col_expr(lesson_progress::Column::LastSeenAt, Expr::value(now))
                .filter(lesson_progress::Column::Id.eq(row.id))
                .exec(db)
                .await?;
            Ok(())
        }
        Some(_) => Ok(()),
    }
}

async fn insert_progress(
    db: &impl ConnectionTrait,
    user_id: i32,
    lesson_id: i32,
    now: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    let row = lesson_progress::ActiveModel {
        user_id: Set(user_id),
        lesson_id: Set(lesson_id),
        started_at: Set(now),
        last_seen_at: Set(now),
        completed_at: Set(completed_at),
        seconds_spent: Set(0),
        ..Default::default()
    };
    lesson_progress::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                lesson_progress::Column::UserId,
                lesson_progress::Column::LessonId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn enrol_in(db: &impl ConnectionTrait, user_id: i32, course_id: i32) -> Result<(), AppError> {
    let row = enrolment::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course_id),
        enrolled_at: Set(Utc::now()),
        ..Default::default()
    };
    enrolment::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([enrolment::Column::UserId, enrolment::Column::CourseId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn find_course(db: &impl ConnectionTrait, slug: &str) -> Result<course::Model, AppError> {
    course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .filter(course::Column::Archived.eq(false))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn find_enrolment(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Option<enrolment::Model>, AppError> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(course_id))
        .one(db)
        .await?)
}

async fn course_lessons(
    db: &impl ConnectionTrait,
    course_id: i32,
) -> Result<Vec<lesson::Model>, AppError> {
    Ok(lesson::Entity::find()
        .filter(lesson::Column::CourseId.eq(course_id))
        .filter(lesson::Column::Archived.eq(false))
        .order_by_asc(lesson::Column::Position)
        .all(db)
        .await?)
}

async fn course_texts(
    db: &impl ConnectionTrait,
    course_id: Option<i32>,
) -> Result<Vec<course_text::Model>, AppError> {
    let mut query = course_text::Entity::find();
    if let Some(course_id) = course_id {
        query = query.filter(course_text::Column::CourseId.eq(course_id));
    }
    Ok(query.all(db).await?)
}

async fn progress_of(
    db: &impl ConnectionTrait,
    user_id: i32,
    lesson_ids: &[i32],
) -> Result<HashMap<i32, lesson_progress::Model>, AppError> {
    Ok(lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::LessonId.is_in(lesson_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.lesson_id, p))
        .collect())
}

async fn completed_lessons(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<HashMap<i32, bool>, AppError> {
    Ok(lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.lesson_id, p.completed_at.is_some()))
        .collect())
}

/// Lesson titles in the learner's language where translated, else in the course's language.
async fn lesson_titles(
    db: &impl ConnectionTrait,
    lesson_ids: &[i32],
    course: &course::Model,
    locale: Locale,
) -> Result<HashMap<i32, String>, AppError> {
    let texts = lesson_text::Entity::find()
        .filter(lesson_text::Column::LessonId.is_in(lesson_ids.iter().copied()))
        .all(db)
        .await?;
    let mut by_lesson: HashMap<i32, Vec<lesson_text::Model>> = HashMap::new();
    for text in texts {
        by_lesson.entry(text.lesson_id).or_default().push(text);
    }
    Ok(by_lesson
        .into_iter()
        .filter_map(|(id, texts)| {
            pick_by_language(&texts, |t| &t.language, locale, &course.source_language)
                .map(|t| (id, t.title.clone()))
        })
        .collect())
}

fn pick_course_text<'a>(
    texts: &'a [course_text::Model],
    course: &course::Model,
    locale: Locale,
) -> Option<&'a course_text::Model> {
    let own: Vec<&course_text::Model> = texts.iter().filter(|t| t.course_id == course.id).collect();
    pick_by_language(&own, |t| &t.language, locale, &course.source_language).copied()
}

/// The learner's language first, then the source language, then whatever exists.
fn pick_by_language<'a, T>(
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
