//! One person's transcript: each course with its progress, score, time and certificate, and
//! the finished rounds of recurring training.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

use super::people::{describe, tashkent_day, Names};
use super::query::EnrolmentLine;
use crate::assignments::scope;
use crate::entities::{certificate, enrolment, lesson, lesson_progress, training_round, user};
use crate::Error;
use crate::{CurrentUser, Db};
use malaka_shared::certificates::CertificateStatus;
use malaka_shared::i18n::Locale;
use malaka_shared::reports::{Transcript, TranscriptCourse, TranscriptRound};

/// One person's courses, for HR responsible for their unit, admins, and the person.
pub async fn transcript(
    db: &Db,
    viewer: &CurrentUser,
    user_id: i32,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Transcript, Error> {
    let person = user::Entity::find_by_id(user_id)
        .one(&db.read)
        .await?
        .ok_or(Error::NotFound)?;
    let is_staff = matches!(
        viewer.role,
        malaka_shared::people::Role::Hr | malaka_shared::people::Role::Admin
    );
    let in_reach = match scope(&db.read, viewer).await? {
        None => true,
        Some(units) => person.org_unit_id.is_some_and(|u| units.contains(&u)),
    };
    let allowed = viewer.id == user_id || (is_staff && in_reach);
    if !allowed {
        // The same answer as for nobody: HR learns nothing about other departments.
        return Err(Error::NotFound);
    }
    let names = Names::load(db, locale).await?;
    let lessons: HashMap<i32, i32> = lesson::Entity::find()
        .filter(lesson::Column::Archived.eq(false))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|l| (l.id, l.course_id))
        .collect();
    // Per course: the current lessons completed (status and time come from the enrolment's
    // summary, as in every report).
    let mut lessons_completed: HashMap<i32, usize> = HashMap::new();
    for row in lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(user_id))
        .filter(lesson_progress::Column::CompletedAt.is_not_null())
        .all(&db.read)
        .await?
    {
        if let Some(course) = lessons.get(&row.lesson_id) {
            *lessons_completed.entry(*course).or_default() += 1;
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
            enrolment_id: e.id,
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
            status: crate::learning::summary::status(&e, now),
            seconds_spent: e.seconds_spent,
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
                    .and_then(|id| lessons_completed.get(&id))
                    .copied()
                    .unwrap_or(0),
                lessons_total,
                certificate: course_id.and_then(|id| latest.get(&id)).map(|c| {
                    let status = match crate::certificates::status(c, now) {
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
        earlier_rounds: earlier_rounds(db, &names, user_id).await?,
    })
}

async fn earlier_rounds(
    db: &Db,
    names: &Names,
    user_id: i32,
) -> Result<Vec<TranscriptRound>, Error> {
    Ok(training_round::Entity::find()
        .filter(training_round::Column::UserId.eq(user_id))
        .order_by_desc(training_round::Column::CompletedAt)
        .all(&db.read)
        .await?
        .into_iter()
        .map(|round| TranscriptRound {
            course_title: names
                .course_titles
                .get(&round.course_id)
                .cloned()
                .unwrap_or_default(),
            due_on: round.due_at.map(tashkent_day),
            completed_on: tashkent_day(round.completed_at),
            score_percent: round.score_percent,
            minutes_spent: i64::from(round.seconds_spent) / 60,
        })
        .collect())
}
