//! People in reports: one row per person and course with the time they spent and whether the
//! completion looks gamed, and one person's transcript.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

use super::query::EnrolmentLine;
use crate::api::certificates::CertificateStatus;
use crate::api::reports::{PersonCourseRow, Transcript, TranscriptCourse};
use crate::i18n::Locale;
use crate::server::assignments::scope;
use crate::server::entities::{
    certificate, course, enrolment, lesson, lesson_progress, org_unit, quiz_attempt, user,
};
use crate::server::{organisation, CurrentUser, Db};
use crate::AppError;

/// A completion with less than this share of the course's estimated reading time is flagged.
pub const READING_SHARE_FLOOR: f64 = 0.25;
/// A final quiz passed faster than this is flagged: too fast to read twenty questions.
pub const QUIZ_SECONDS_FLOOR: i64 = 60;
/// Above this many rows, passing attempts are loaded whole instead of by person.
const ATTEMPTS_BY_PERSON_LIMIT: usize = 500;

/// Names and numbers that rows refer to by id, loaded once per report.
pub struct Names {
    pub courses: HashMap<i32, course::Model>,
    pub course_titles: HashMap<i32, String>,
    pub unit_paths: HashMap<i32, String>,
    pub unit_regions: HashMap<i32, String>,
}

impl Names {
    pub async fn load(db: &Db, locale: Locale) -> Result<Self, AppError> {
        let courses = course::Entity::find()
            .all(&db.read)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let units = org_unit::Entity::find().all(&db.read).await?;
        Ok(Self {
            courses,
            course_titles: super::course_titles(&db.read, locale).await?,
            unit_paths: organisation::paths(&units)
                .into_iter()
                .map(|(id, names)| (id, names.join(" / ")))
                .collect(),
            unit_regions: units.into_iter().map(|u| (u.id, u.region)).collect(),
        })
    }

    pub fn course_choices(&self) -> Vec<(String, String)> {
        let mut choices: Vec<(String, String)> = self
            .courses
            .values()
            .filter(|c| !c.archived)
            .map(|c| (c.slug.clone(), self.title(c.id)))
            .collect();
        choices.sort_by(|a, b| a.1.cmp(&b.1));
        choices
    }

    fn title(&self, course: i32) -> String {
        self.course_titles.get(&course).cloned().unwrap_or_default()
    }
}

/// The day in Tashkent, as HR reads dates.
pub fn tashkent_day(at: DateTime<Utc>) -> String {
    (at + Duration::hours(5)).format("%Y-%m-%d").to_string()
}

/// The fastest passing attempt per (person, course), in seconds.
async fn quiz_seconds(
    db: &Db,
    lines: &[EnrolmentLine],
) -> Result<HashMap<(i32, i32), i64>, AppError> {
    let mut attempts = quiz_attempt::Entity::find()
        .select_only()
        .columns([
            quiz_attempt::Column::UserId,
            quiz_attempt::Column::CourseId,
            quiz_attempt::Column::StartedAt,
            quiz_attempt::Column::SubmittedAt,
        ])
        .filter(quiz_attempt::Column::Passed.eq(true));
    if lines.len() <= ATTEMPTS_BY_PERSON_LIMIT {
        attempts =
            attempts.filter(quiz_attempt::Column::UserId.is_in(lines.iter().map(|l| l.user_id)));
    }
    let mut fastest: HashMap<(i32, i32), i64> = HashMap::new();
    for (user_id, course_id, started, submitted) in attempts
        .into_tuple::<(i32, i32, DateTime<Utc>, Option<DateTime<Utc>>)>()
        .all(&db.read)
        .await?
    {
        if let Some(submitted) = submitted {
            let seconds = (submitted - started).num_seconds().max(0);
            let kept = fastest.entry((user_id, course_id)).or_insert(seconds);
            *kept = (*kept).min(seconds);
        }
    }
    Ok(fastest)
}

/// People who passed a final quiz faster than [`QUIZ_SECONDS_FLOOR`], latest first; at most a
/// thousand, which is more than anyone follows up at once.
pub async fn fast_quiz_people(db: &Db) -> Result<Vec<i32>, AppError> {
    let mut fast: Vec<(DateTime<Utc>, i32)> = quiz_attempt::Entity::find()
        .select_only()
        .columns([
            quiz_attempt::Column::UserId,
            quiz_attempt::Column::StartedAt,
            quiz_attempt::Column::SubmittedAt,
        ])
        .filter(quiz_attempt::Column::Passed.eq(true))
        .into_tuple::<(i32, DateTime<Utc>, Option<DateTime<Utc>>)>()
        .all(&db.read)
        .await?
        .into_iter()
        .filter_map(|(user, started, submitted)| {
            let submitted = submitted?;
            ((submitted - started).num_seconds() < QUIZ_SECONDS_FLOOR).then_some((submitted, user))
        })
        .collect();
    fast.sort_by(|a, b| b.cmp(a));
    let mut people: Vec<i32> = fast.into_iter().map(|(_, user)| user).collect();
    people.dedup();
    people.truncate(1000);
    Ok(people)
}

/// Why a completion looks too fast: `reading`, `quiz`, both or neither.
pub fn flags(
    completed: bool,
    seconds_spent: i64,
    estimated_minutes: i32,
    quiz_seconds: Option<i64>,
) -> Vec<String> {
    let mut flags = Vec::new();
    if !completed {
        return flags;
    }
    let expected = f64::from(estimated_minutes.max(0)) * 60.0;
    if expected > 0.0 && (seconds_spent as f64) < expected * READING_SHARE_FLOOR {
        flags.push("reading".to_owned());
    }
    if quiz_seconds.is_some_and(|s| s < QUIZ_SECONDS_FLOOR) {
        flags.push("quiz".to_owned());
    }
    flags
}

pub async fn describe(
    db: &Db,
    names: &Names,
    lines: Vec<EnrolmentLine>,
    _now: DateTime<Utc>,
) -> Result<Vec<PersonCourseRow>, AppError> {
    let quiz = quiz_seconds(db, &lines).await?;
    Ok(lines
        .into_iter()
        .map(|line| {
            let course = names.courses.get(&line.course_id);
            let estimated_minutes = course.map_or(0, |c| c.estimated_minutes);
            let quiz_seconds = quiz.get(&(line.user_id, line.course_id)).copied();
            PersonCourseRow {
                flags: flags(
                    line.completed_at.is_some(),
                    line.seconds_spent,
                    estimated_minutes,
                    quiz_seconds,
                ),
                user_id: line.user_id,
                name: line.name,
                email: line.email,
                unit: line
                    .unit
                    .and_then(|u| names.unit_paths.get(&u).cloned())
                    .unwrap_or_default(),
                region: line
                    .unit
                    .and_then(|u| names.unit_regions.get(&u).cloned())
                    .unwrap_or_default(),
                position: line.position.unwrap_or_default(),
                course_slug: course.map(|c| c.slug.clone()).unwrap_or_default(),
                course_title: names.title(line.course_id),
                status: line.status,
                enrolled_on: tashkent_day(line.enrolled_at),
                due_on: line.due_at.map(tashkent_day),
                completed_on: line.completed_at.map(tashkent_day),
                score_percent: line.score_percent,
                minutes_spent: line.seconds_spent / 60,
                estimated_minutes,
                quiz_seconds,
            }
        })
        .collect())
}

/// One person's courses, for HR responsible for their unit, admins, and the person.
pub async fn transcript(
    db: &Db,
    viewer: &CurrentUser,
    user_id: i32,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Transcript, AppError> {
    let person = user::Entity::find_by_id(user_id)
        .one(&db.read)
        .await?
        .ok_or(AppError::NotFound)?;
    let is_staff = matches!(
        viewer.role,
        crate::api::auth::Role::Hr | crate::api::auth::Role::Admin
    );
    let in_reach = match scope(&db.read, viewer).await? {
        None => true,
        Some(units) => person.org_unit_id.is_some_and(|u| units.contains(&u)),
    };
    let allowed = viewer.id == user_id || (is_staff && in_reach);
    if !allowed {
        // The same answer as for nobody: HR learns nothing about other departments.
        return Err(AppError::NotFound);
    }
    let names = Names::load(db, locale).await?;
    let lessons: HashMap<i32, i32> = lesson::Entity::find()
        .filter(lesson::Column::Archived.eq(false))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|l| (l.id, l.course_id))
        .collect();
    let mut progress: HashMap<i32, (usize, i64)> = HashMap::new();
    for row in lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .all(&db.read)
        .await?
    {
        if let Some(course) = lessons.get(&row.lesson_id) {
            let entry = progress.entry(*course).or_default();
            entry.0 += usize::from(row.completed_at.is_some());
            entry.1 += i64::from(row.seconds_spent);
        }
    }
    let mut latest: HashMap<i32, certificate::Model> = HashMap::new();
    for record in certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user_id))
        .all(&db.read)
        .await?
    {
        if latest
            .get(&record.course_id)
            .is_none_or(|kept| kept.sequence < record.sequence)
        {
            latest.insert(record.course_id, record);
        }
    }
    let lines: Vec<EnrolmentLine> = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|e| EnrolmentLine {
            user_id,
            name: person.name.clone(),
            email: person.email.clone(),
            unit: person.org_unit_id,
            position: person.position.clone(),
            course_id: e.course_id,
            enrolled_at: e.enrolled_at,
            due_at: e.due_at,
            completed_at: e.completed_at,
            score_percent: e.score_percent,
            status: match (e.completed_at, e.due_at) {
                (Some(_), _) => "completed",
                (None, Some(due)) if due < now => "overdue",
                _ if progress.contains_key(&e.course_id) => "in_progress",
                _ => "not_started",
            }
            .to_owned(),
            seconds_spent: progress.get(&e.course_id).map_or(0, |p| p.1),
        })
        .collect();
    let rows = describe(db, &names, lines, now).await?;
    let courses = rows
        .into_iter()
        .map(|row| {
            let course_id = names
                .courses
                .values()
                .find(|c| c.slug == row.course_slug)
                .map(|c| c.id);
            let lessons_total =
                course_id.map_or(0, |id| lessons.values().filter(|c| **c == id).count());
            TranscriptCourse {
                lessons_completed: course_id
                    .and_then(|id| progress.get(&id))
                    .map_or(0, |p| p.0),
                lessons_total,
                certificate: course_id.and_then(|id| latest.get(&id)).map(|c| {
                    let status = match crate::server::certificates::status(c, now) {
                        CertificateStatus::Valid => "valid",
                        CertificateStatus::Expired => "expired",
                        CertificateStatus::Revoked => "revoked",
                    };
                    (c.code.clone(), status.to_owned())
                }),
                course_title: row.course_title,
                status: row.status,
                enrolled_on: row.enrolled_on,
                due_on: row.due_on,
                completed_on: row.completed_on,
                score_percent: row.score_percent,
                minutes_spent: row.minutes_spent,
                flags: row.flags,
            }
        })
        .collect();
    Ok(Transcript {
        name: person.name,
        email: person.email,
        unit: person
            .org_unit_id
            .and_then(|u| names.unit_paths.get(&u).cloned())
            .unwrap_or_default(),
        position: person.position.unwrap_or_default(),
        courses,
    })
}
