//! Mandatory training: HR assigns a course, with a due date, to a unit and everything below it,
//! to everyone with a position, or to a list of people. An assignment becomes enrolments with
//! that due date; people who join a matching unit or take a matching position later are
//! enrolled when they arrive, with the same number of days the others had.

pub mod recurrence;
pub mod reminders;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, TransactionTrait,
};
use std::collections::HashSet;
use std::net::IpAddr;

use crate::entities::{assignment, course, enrolment, org_unit, user};
use crate::{audit, people::organisation, CurrentUser, Db};
use crate::{Error, Refusal};
use malaka_shared::assignments::{AssignmentRow, AssignmentsOverview};
use malaka_shared::people::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// The unit and all its sub-units.
    Unit(i32),
    /// Everyone with this position (within the HR officer's own units).
    Position(String),
    /// These people, by email.
    People(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct NewAssignment {
    pub course_slug: String,
    pub audience: Audience,
    pub due_on: NaiveDate,
    pub recur_months: Option<i32>,
}

/// Due dates are days in Uzbekistan: a course due on the 10th may be finished until the end of
/// the 10th in Tashkent (UTC+5, no daylight saving).
pub fn end_of_day_in_tashkent(day: NaiveDate) -> DateTime<Utc> {
    let local_end = day.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("a valid time"));
    local_end.and_utc() - Duration::hours(5)
}

/// The day it is in Tashkent at `at`.
pub fn tashkent_date(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(5)).date_naive()
}

/// The units `viewer` is responsible for: `None` means every unit (admins).
pub async fn scope(
    db: &impl ConnectionTrait,
    viewer: &CurrentUser,
) -> Result<Option<HashSet<i32>>, Error> {
    match (viewer.role, viewer.org_unit_id) {
        (Role::Admin, _) => Ok(None),
        (Role::Hr, Some(unit)) => Ok(Some(organisation::subtree(db, unit).await?)),
        _ => Ok(Some(HashSet::new())),
    }
}

fn in_scope(scope: &Option<HashSet<i32>>, unit: Option<i32>) -> bool {
    match scope {
        None => true,
        Some(units) => unit.is_some_and(|unit| units.contains(&unit)),
    }
}

/// Creates the assignment and enrols everyone it names. Refused whole if it names anyone or
/// any unit outside what `actor` is responsible for: HR cannot reach other departments.
pub async fn create(
    db: &Db,
    actor: &CurrentUser,
    new: NewAssignment,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(assignment::Model, usize), Error> {
    let scope = scope(&db.read, actor).await?;
    let course = course::Entity::find()
        .filter(course::Column::Slug.eq(&new.course_slug))
        .filter(course::Column::Archived.eq(false))
        .one(&db.read)
        .await?
        .ok_or(Error::NotFound)?;
    let due_at = end_of_day_in_tashkent(new.due_on);
    if due_at <= now {
        return Err(Error::Refused(Refusal::DuePassed));
    }
    if new
        .recur_months
        .is_some_and(|months| !(1..=60).contains(&months))
    {
        return Err(Error::Refused(Refusal::RecurrenceOutOfRange));
    }
    let Covered {
        audience,
        unit,
        position,
        people,
    } = covered(db, actor, &scope, &new.audience).await?;
    let txn = db.write.begin().await?;
    let created = assignment::ActiveModel {
        course_id: Set(course.id),
        audience: Set(audience.into()),
        org_unit_id: Set(unit),
        position: Set(position),
        due_at: Set(due_at),
        window_days: Set(((due_at - now).num_days()).max(1) as i32),
        recur_months: Set(new.recur_months),
        created_by: Set(actor.id),
        created_at: Set(now),
        cancelled_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut enrolled = 0;
    for person in &people {
        enrolled += usize::from(enrol(&txn, person.id, &created, due_at, now).await?);
    }
    audit::record(
        &txn,
        Some(actor.id),
        "assignment.create",
        &format!("assignment {}", created.id),
        &format!(
            "{} to {audience} {}: {} people, due {}",
            course.slug,
            unit.map(|u| u.to_string())
                .or(created.position.clone())
                .unwrap_or_else(|| format!("{} listed", people.len())),
            people.len(),
            new.due_on
        ),
        ip,
    )
    .await?;
    txn.commit().await?;
    Ok((created, enrolled))
}

/// Who an assignment covers now, and how it is stored: its audience kind, the unit (or, for a
/// position rule set by HR, HR's own unit) and the position.
struct Covered {
    audience: &'static str,
    unit: Option<i32>,
    position: Option<String>,
    people: Vec<user::Model>,
}

/// The active people `audience` names within the actor's reach; names outside it are
/// refused exactly like unknown ones.
async fn covered(
    db: &Db,
    actor: &CurrentUser,
    scope: &Option<HashSet<i32>>,
    audience: &Audience,
) -> Result<Covered, Error> {
    let people = user::Entity::find().filter(user::Column::Active.eq(true));
    let (audience, unit, position, people) = match audience {
        Audience::Unit(unit) => {
            if !in_scope(scope, Some(*unit)) {
                return Err(Error::Forbidden);
            }
            org_unit::Entity::find_by_id(*unit)
                .one(&db.read)
                .await?
                .ok_or(Error::NotFound)?;
            let units = organisation::subtree(&db.read, *unit).await?;
            let found = people
                .filter(user::Column::OrgUnitId.is_in(units))
                .all(&db.read)
                .await?;
            ("unit", Some(*unit), None, found)
        }
        Audience::Position(position) => {
            let position = position.trim().to_owned();
            if position.is_empty() {
                return Err(Error::Refused(Refusal::PositionMissing));
            }
            let found = people
                .filter(user::Column::Position.eq(&position))
                .all(&db.read)
                .await?
                .into_iter()
                .filter(|person| in_scope(scope, person.org_unit_id))
                .collect();
            // HR's position rule stays inside HR's own units, for newcomers too.
            let within = if scope.is_some() {
                actor.org_unit_id
            } else {
                None
            };
            ("position", within, Some(position), found)
        }
        Audience::People(emails) => {
            let wanted: HashSet<String> = emails
                .iter()
                .map(|e| crate::people::normalise_email(e))
                .collect();
            let found: Vec<user::Model> = people
                .filter(user::Column::Email.is_in(wanted.clone()))
                .all(&db.read)
                .await?
                .into_iter()
                .filter(|person| in_scope(scope, person.org_unit_id))
                .collect();
            let known: HashSet<&str> = found.iter().map(|p| p.email.as_str()).collect();
            let mut unknown: Vec<&String> = wanted
                .iter()
                .filter(|e| !known.contains(e.as_str()))
                .collect();
            if !unknown.is_empty() || wanted.is_empty() {
                unknown.sort();
                // Not found and not yours read the same: HR learns nothing about other units.
                return Err(Error::Refused(Refusal::UnknownPeople(
                    unknown.into_iter().cloned().collect(),
                )));
            }
            ("people", None, None, found)
        }
    };
    Ok(Covered {
        audience,
        unit,
        position,
        people,
    })
}

/// Makes the course mandatory for one person: a new enrolment, or an open one given the
/// earlier due date. A completed course stays completed; a recurring assignment takes it over,
/// so that its next round opens a period after that completion. Returns whether the person
/// has something new to do.
async fn enrol(
    db: &impl ConnectionTrait,
    user_id: i32,
    assignment: &assignment::Model,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let existing = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(assignment.course_id))
        .one(db)
        .await?;
    match existing {
        None => {
            enrolment::ActiveModel {
                user_id: Set(user_id),
                course_id: Set(assignment.course_id),
                enrolled_at: Set(now),
                due_at: Set(Some(due_at)),
                assignment_id: Set(Some(assignment.id)),
                ..Default::default()
            }
            .insert(db)
            .await?;
            Ok(true)
        }
        Some(open) if open.completed_at.is_none() && open.due_at.is_none_or(|d| d > due_at) => {
            let mut open = open.into_active_model();
            open.due_at = Set(Some(due_at));
            open.assignment_id = Set(Some(assignment.id));
            open.update(db).await?;
            Ok(true)
        }
        Some(done)
            if done.completed_at.is_some()
                && assignment.recur_months.is_some()
                && done.assignment_id != Some(assignment.id) =>
        {
            let mut done = done.into_active_model();
            done.assignment_id = Set(Some(assignment.id));
            done.update(db).await?;
            Ok(false)
        }
        Some(_) => Ok(false),
    }
}

/// The assignments that apply to people who arrive later, loaded once for a batch of arrivals.
pub struct Newcomers {
    rules: Vec<(assignment::Model, Option<HashSet<i32>>)>,
}

impl Newcomers {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, Error> {
        let mut rules = Vec::new();
        for rule in assignment::Entity::find()
            .filter(assignment::Column::CancelledAt.is_null())
            .filter(assignment::Column::Audience.ne("people"))
            .all(db)
            .await?
        {
            let units = match rule.org_unit_id {
                Some(unit) => Some(organisation::subtree(db, unit).await?),
                None => None,
            };
            rules.push((rule, units));
        }
        Ok(Self { rules })
    }

    /// Enrols `person` in every course whose assignment covers their unit or position, due
    /// the later of the assignment's date and the same window from today.
    pub async fn enrol(
        &self,
        db: &impl ConnectionTrait,
        person: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<usize, Error> {
        let mut enrolled = 0;
        for (rule, units) in &self.rules {
            let in_units = units
                .as_ref()
                .is_none_or(|units| person.org_unit_id.is_some_and(|unit| units.contains(&unit)));
            let has_position = rule.position.is_none() || rule.position == person.position;
            if in_units && has_position {
                let due_at = rule
                    .due_at
                    .max(now + Duration::days(rule.window_days.into()));
                enrolled += usize::from(enrol(db, person.id, rule, due_at, now).await?);
            }
        }
        Ok(enrolled)
    }
}

/// Whether HR with `scope` may see (and withdraw) `rule`: a unit rule inside its units, or a
/// position or list rule whose people (`people`, by id) are all in its units.
async fn is_visible(
    db: &impl ConnectionTrait,
    scope: &Option<HashSet<i32>>,
    rule: &assignment::Model,
    people: Vec<i32>,
) -> Result<bool, Error> {
    Ok(match (scope, rule.org_unit_id) {
        (None, _) => true,
        (Some(units), Some(unit)) => units.contains(&unit),
        (Some(_), None) => {
            let owners: HashSet<Option<i32>> = user::Entity::find()
                .filter(user::Column::Id.is_in(people))
                .all(db)
                .await?
                .into_iter()
                .map(|person| person.org_unit_id)
                .collect();
            !owners.is_empty() && owners.iter().all(|u| in_scope(scope, *u))
        }
    })
}

/// Withdraws an assignment made by mistake: it enrols nobody new and reopens no round, and the
/// people it made the course mandatory for keep their progress without its due date.
/// Completions stay as they are. Someone else's assignment is "not found".
pub async fn cancel(
    db: &Db,
    actor: &CurrentUser,
    id: i32,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let scope = scope(&db.read, actor).await?;
    let rule = assignment::Entity::find_by_id(id)
        .filter(assignment::Column::CancelledAt.is_null())
        .one(&db.read)
        .await?
        .ok_or(Error::NotFound)?;
    let people: Vec<i32> = enrolment::Entity::find()
        .filter(enrolment::Column::AssignmentId.eq(rule.id))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|e| e.user_id)
        .collect();
    if !is_visible(&db.read, &scope, &rule, people).await? {
        return Err(Error::NotFound);
    }
    let txn = db.write.begin().await?;
    let withdrawn = assignment::Entity::update_many()
        .col_expr(assignment::Column::CancelledAt, Expr::value(now))
        .filter(assignment::Column::Id.eq(rule.id))
        .filter(assignment::Column::CancelledAt.is_null())
        .exec(&txn)
        .await?;
    if withdrawn.rows_affected != 1 {
        return Err(Error::NotFound);
    }
    let released = enrolment::Entity::update_many()
        .col_expr(
            enrolment::Column::DueAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            enrolment::Column::AssignmentId,
            Expr::value(Option::<i32>::None),
        )
        .filter(enrolment::Column::AssignmentId.eq(rule.id))
        .filter(enrolment::Column::CompletedAt.is_null())
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(actor.id),
        "assignment.cancel",
        &format!("assignment {}", rule.id),
        &format!("{} open enrolments released", released.rows_affected),
        ip,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The assignments the viewer can see (those of their units; all for admins), each with how
/// many people it covers, how many completed and how many are overdue.
pub async fn overview(
    db: &Db,
    viewer: &CurrentUser,
    locale: malaka_shared::i18n::Locale,
    now: DateTime<Utc>,
) -> Result<AssignmentsOverview, Error> {
    let scope = scope(&db.read, viewer).await?;
    let units = org_unit::Entity::find().all(&db.read).await?;
    let paths = organisation::paths(&units);
    let path_of = |unit: i32| paths.get(&unit).map(|names| names.join(" / "));
    let titles = crate::reports::course_titles(&db.read, locale).await?;
    let mut rows = Vec::new();
    for rule in assignment::Entity::find()
        .filter(assignment::Column::CancelledAt.is_null())
        .all(&db.read)
        .await?
    {
        let enrolled = enrolment::Entity::find()
            .filter(enrolment::Column::AssignmentId.eq(rule.id))
            .all(&db.read)
            .await?;
        let people: Vec<i32> = enrolled.iter().map(|e| e.user_id).collect();
        if !is_visible(&db.read, &scope, &rule, people).await? {
            continue;
        }
        rows.push(AssignmentRow {
            id: rule.id,
            course_title: titles.get(&rule.course_id).cloned().unwrap_or_default(),
            target: match rule.audience.as_str() {
                "unit" => rule.org_unit_id.and_then(path_of),
                _ => rule.position.clone(),
            },
            audience: rule.audience.clone(),
            due_on: (rule.due_at + Duration::hours(5))
                .format("%Y-%m-%d")
                .to_string(),
            recur_months: rule.recur_months,
            people: enrolled.len() as u64,
            completed: enrolled.iter().filter(|e| e.completed_at.is_some()).count() as u64,
            overdue: enrolled
                .iter()
                .filter(|e| e.completed_at.is_none() && e.due_at.is_some_and(|due| due < now))
                .count() as u64,
        });
    }
    rows.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.id.cmp(&b.id)));
    let mut courses: Vec<(String, String)> = course::Entity::find()
        .filter(course::Column::Archived.eq(false))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|c| (c.slug, titles.get(&c.id).cloned().unwrap_or_default()))
        .collect();
    courses.sort_by(|a, b| a.1.cmp(&b.1));
    let mut assignable: Vec<(i32, String)> = units
        .iter()
        .filter(|unit| in_scope(&scope, Some(unit.id)))
        .filter_map(|unit| path_of(unit.id).map(|path| (unit.id, path)))
        .collect();
    assignable.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(AssignmentsOverview {
        rows,
        courses,
        units: assignable,
    })
}
