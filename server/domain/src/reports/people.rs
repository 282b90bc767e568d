//! People in reports: one row per person and course with the time they spent and whether the
//! completion looks gamed, and one person's transcript.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

use super::query::EnrolmentLine;
use crate::entities::{course, org_unit, quiz_attempt};
use crate::Error;
use crate::{people::organisation, Db};
use malaka_shared::i18n::Locale;
use malaka_shared::reports::PersonCourseRow;

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
    pub async fn load(db: &Db, locale: Locale) -> Result<Self, Error> {
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
    crate::assignments::tashkent_date(at)
        .format("%Y-%m-%d")
        .to_string()
}

/// The fastest passing attempt per (person, course), in seconds.
async fn quiz_seconds(db: &Db, lines: &[EnrolmentLine]) -> Result<HashMap<(i32, i32), i64>, Error> {
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
pub async fn fast_quiz_people(db: &Db) -> Result<Vec<i32>, Error> {
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
) -> Result<Vec<PersonCourseRow>, Error> {
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
