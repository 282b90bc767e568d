//! Reports for HR: how the people they are responsible for are doing, course by course.

pub mod dashboard;
pub mod export;
pub mod people;
pub mod query;
pub mod stream;
pub mod transcript;

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

use crate::entities::{certificate, course, course_text, enrolment, user};
use crate::Error;
use crate::{people::organisation, CurrentUser, Db};
use malaka_shared::certificates::CertificateStatus;
use malaka_shared::i18n::Locale;
use malaka_shared::people::Role;
use malaka_shared::reports::CourseProgressRow;

/// Per course: enrolled, completed, in progress (some lesson started), not started, overdue,
/// and lapsed (the person's latest certificate for the course has expired).
/// HR sees the people in their own unit and the units below it; admins see everyone.
pub async fn team_progress(
    db: &Db,
    viewer: &CurrentUser,
    locale: Locale,
) -> Result<Vec<CourseProgressRow>, Error> {
    let people: HashSet<i32> = match (viewer.role, viewer.org_unit_id) {
        (Role::Admin, _) => user::Entity::find()
            .all(&db.read)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect(),
        (_, Some(unit)) => {
            let units = organisation::subtree(&db.read, unit).await?;
            user::Entity::find()
                .filter(user::Column::OrgUnitId.is_in(units))
                .all(&db.read)
                .await?
                .into_iter()
                .map(|u| u.id)
                .collect()
        }
        (_, None) => HashSet::new(),
    };
    let courses = course::Entity::find()
        .filter(course::Column::Archived.eq(false))
        .all(&db.read)
        .await?;
    let titles = course_titles(&db.read, locale).await?;
    let enrolments = enrolment::Entity::find().all(&db.read).await?;
    let now = Utc::now();
    let mut latest: HashMap<(i32, i32), certificate::Model> = HashMap::new();
    for record in certificate::Entity::find().all(&db.read).await? {
        let key = (record.user_id, record.course_id);
        if latest
            .get(&key)
            .is_none_or(|kept| kept.sequence < record.sequence)
        {
            latest.insert(key, record);
        }
    }
    let mut rows: Vec<CourseProgressRow> = courses
        .iter()
        .map(|course| {
            let title = titles
                .get(&course.id)
                .cloned()
                .unwrap_or_else(|| course.slug.clone());
            let mine: Vec<&enrolment::Model> = enrolments
                .iter()
                .filter(|e| e.course_id == course.id && people.contains(&e.user_id))
                .collect();
            let completed = mine.iter().filter(|e| e.completed_at.is_some()).count() as u64;
            let in_progress = mine
                .iter()
                .filter(|e| e.completed_at.is_none() && e.last_progress_at.is_some())
                .count() as u64;
            let overdue = mine
                .iter()
                .filter(|e| e.completed_at.is_none() && e.due_at.is_some_and(|due| due < now))
                .count() as u64;
            let enrolled = mine.len() as u64;
            let lapsed = latest
                .values()
                .filter(|c| c.course_id == course.id && people.contains(&c.user_id))
                .filter(|c| crate::certificates::status(c, now) == CertificateStatus::Expired)
                .count() as u64;
            CourseProgressRow {
                slug: course.slug.clone(),
                title,
                enrolled,
                completed,
                in_progress,
                not_started: enrolled - completed - in_progress,
                overdue,
                lapsed,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(rows)
}

/// Each course's title in `locale`, or in its source language when not translated.
pub async fn course_titles(
    db: &impl sea_orm::ConnectionTrait,
    locale: Locale,
) -> Result<HashMap<i32, String>, Error> {
    let mut titles: HashMap<i32, (bool, String)> = HashMap::new();
    for text in course_text::Entity::find().all(db).await? {
        let preferred = text.language == locale.content_code();
        let keep = titles
            .get(&text.course_id)
            .is_none_or(|(kept_preferred, _)| preferred && !kept_preferred);
        if keep {
            let title = match preferred {
                true => locale.in_script(&text.title),
                false => text.title,
            };
            titles.insert(text.course_id, (preferred, title));
        }
    }
    Ok(titles
        .into_iter()
        .map(|(id, (_, title))| (id, title))
        .collect())
}
