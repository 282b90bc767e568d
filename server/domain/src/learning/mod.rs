//! The learner's side: catalog and "My learning" cards, course outlines, opening and completing
//! lessons, time on task. Progress belongs to (user, lesson id), and lesson ids survive edits
//! of the course files, so nothing here is lost when a trainer publishes a change. Course
//! structure and texts come from the in-memory catalog; only the learner's own rows are queried.

pub mod catalog_cache;
pub mod catalog_follow;
pub mod catalog_sync;
mod progress;
mod second_script;
pub mod summary;

pub use progress::{complete_lesson, record_time};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

use crate::entities::{enrolment, lesson_progress};
use crate::learning::catalog_cache::{CachedCourse, CatalogSnapshot};
use crate::Db;
use crate::Error;
use malaka_shared::i18n::Locale;
use malaka_shared::learning::{
    percent, CourseCard, CourseOutline, LessonItem, LessonLink, LessonState, LessonView,
};

pub async fn my_learning(db: &Db, user_id: i32, locale: Locale) -> Result<Vec<CourseCard>, Error> {
    let cards = catalog(db, user_id, locale).await?;
    Ok(cards.into_iter().filter(|card| card.enrolled).collect())
}

pub async fn catalog(db: &Db, user_id: i32, locale: Locale) -> Result<Vec<CourseCard>, Error> {
    let snapshot = db.catalog.snapshot();
    let enrolments: HashMap<i32, enrolment::Model> = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|e| (e.course_id, e))
        .collect();
    let progress = progress_of(&db.read, user_id, None).await?;
    Ok(snapshot
        .courses
        .iter()
        .map(|course| card(course, enrolments.get(&course.model.id), &progress, locale))
        .collect())
}

fn card(
    course: &CachedCourse,
    enrolment: Option<&enrolment::Model>,
    progress: &HashMap<i32, lesson_progress::Model>,
    locale: Locale,
) -> CourseCard {
    let is_done = |id: i32| progress.get(&id).is_some_and(|p| p.completed_at.is_some());
    let text = course.text(locale);
    let open_due = enrolment
        .filter(|e| e.completed_at.is_none())
        .and_then(|e| e.due_at);
    CourseCard {
        slug: course.model.slug.clone(),
        title: course.title(locale),
        summary: text.map(|t| t.summary.clone()).unwrap_or_default(),
        estimated_minutes: course.model.estimated_minutes,
        lessons_total: course.lessons.len(),
        lessons_completed: course
            .lessons
            .iter()
            .filter(|l| is_done(l.model.id))
            .count(),
        enrolled: enrolment.is_some(),
        completed: enrolment.is_some_and(|e| e.completed_at.is_some()),
        due_on: open_due.map(|due| {
            (due + chrono::Duration::hours(5))
                .format("%Y-%m-%d")
                .to_string()
        }),
        overdue: open_due.is_some_and(|due| due < chrono::Utc::now()),
        resume_lesson: course
            .lessons
            .iter()
            .find(|l| !is_done(l.model.id))
            .map(|l| l.model.slug.clone()),
    }
}

pub async fn course_outline(
    db: &Db,
    user_id: i32,
    slug: &str,
    locale: Locale,
) -> Result<CourseOutline, Error> {
    let snapshot = db.catalog.snapshot();
    let course = find_course(&snapshot, slug)?;
    let progress = progress_of(&db.read, user_id, Some(course)).await?;
    let enrolment = find_enrolment(&db.read, user_id, course.model.id).await?;
    let lessons = course
        .lessons
        .iter()
        .map(|l| LessonItem {
            slug: l.model.slug.clone(),
            position: l.model.position,
            title: course.lesson_title(l, locale),
            minutes: l.model.minutes,
            state: match progress.get(&l.model.id) {
                Some(p) if p.completed_at.is_some() => LessonState::Completed,
                Some(_) => LessonState::Started,
                None => LessonState::NotStarted,
            },
        })
        .collect();
    Ok(CourseOutline {
        card: card(course, enrolment.as_ref(), &progress, locale),
        audience: course
            .text(locale)
            .map(|t| t.audience.clone())
            .unwrap_or_default(),
        version: course.model.version,
        updated_on: course.model.updated_at.format("%Y-%m-%d").to_string(),
        lessons,
        has_quiz: course.quiz.is_some(),
    })
}

/// Opens a lesson for reading: enrols the learner if needed and records that they started it.
pub async fn open_lesson(
    db: &Db,
    user_id: i32,
    course_slug: &str,
    lesson_slug: &str,
    locale: Locale,
) -> Result<LessonView, Error> {
    let snapshot = db.catalog.snapshot();
    let course = find_course(&snapshot, course_slug)?;
    let (index, current) = course.lesson(lesson_slug).ok_or(Error::NotFound)?;
    let text = course.lesson_text(current, locale).ok_or(Error::NotFound)?;
    // Reading a lesson writes nothing (a GET, even a cross-site one, changes no state): the
    // page's first heartbeat, a knowledge check or "Mark complete" enrol and record, all POSTs.
    let progress = progress_of(&db.read, user_id, Some(course)).await?;
    let checks =
        crate::quiz::knowledge_checks::lesson_checks(db, user_id, course, current, locale).await?;

    let done = course
        .lessons
        .iter()
        .filter(|l| {
            progress
                .get(&l.model.id)
                .is_some_and(|p| p.completed_at.is_some())
        })
        .count();
    let link = |i: Option<usize>| {
        i.and_then(|i| course.lessons.get(i)).map(|l| LessonLink {
            slug: l.model.slug.clone(),
            title: course.lesson_title(l, locale),
        })
    };
    Ok(LessonView {
        course_slug: course.model.slug.clone(),
        course_title: course.title(locale),
        slug: current.model.slug.clone(),
        title: text.title.clone(),
        html: text.html.clone(),
        minutes: current.model.minutes,
        position: index + 1,
        total: course.lessons.len(),
        completed: progress
            .get(&current.model.id)
            .is_some_and(|p| p.completed_at.is_some()),
        course_percent: percent(done, course.lessons.len()),
        previous: link(index.checked_sub(1)),
        next: link(Some(index + 1)),
        language: text.language.clone(),
        is_fallback: text.language != locale.code(),
        checks,
        reading_receipt: String::new(),
    })
}

/// Enrols the learner (if not yet) and returns the lesson to start or resume with.
pub async fn enrol(db: &Db, user_id: i32, course_slug: &str) -> Result<Option<String>, Error> {
    let snapshot = db.catalog.snapshot();
    let course = find_course(&snapshot, course_slug)?;
    progress::enrol_in(&db.write, user_id, course.model.id).await?;
    let progress = progress_of(&db.read, user_id, Some(course)).await?;
    Ok(course
        .lessons
        .iter()
        .find(|l| {
            progress
                .get(&l.model.id)
                .is_none_or(|p| p.completed_at.is_none())
        })
        .map(|l| l.model.slug.clone()))
}

fn find_course<'a>(snapshot: &'a CatalogSnapshot, slug: &str) -> Result<&'a CachedCourse, Error> {
    snapshot.course(slug).ok_or(Error::NotFound)
}

async fn find_enrolment(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Option<enrolment::Model>, Error> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(course_id))
        .one(db)
        .await?)
}

/// The learner's progress rows, for one course's lessons or for all.
async fn progress_of(
    db: &impl ConnectionTrait,
    user_id: i32,
    course: Option<&CachedCourse>,
) -> Result<HashMap<i32, lesson_progress::Model>, Error> {
    let mut query =
        lesson_progress::Entity::find().filter(lesson_progress::Column::UserId.eq(user_id));
    if let Some(course) = course {
        query = query.filter(
            lesson_progress::Column::LessonId.is_in(course.lessons.iter().map(|l| l.model.id)),
        );
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.lesson_id, p))
        .collect())
}
