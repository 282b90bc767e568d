//! Reminders for mandatory training, through the same outbox as certificates: to each person a
//! week before the due date and then while overdue, at most one a week per course; and to each
//! unit's manager a weekly digest of who is overdue below the unit. Every reminder is claimed
//! by a conditional UPDATE first, so two server instances running the pass never both send it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, TransactionTrait,
};

use crate::entities::{enrolment, org_unit, reminder, user};
use crate::mail::outbox::{self, Email};
use crate::reports::query::{self, Selection};
use crate::Error;
use crate::{people::organisation, Db};

/// How long before the due date the first reminder goes.
pub const DUE_SOON_DAYS: i64 = 7;
/// At most one reminder per person and course, and one digest per manager, in this time.
pub const QUIET_DAYS: i64 = 7;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReminderReport {
    pub due_soon: usize,
    pub overdue: usize,
    pub digests: usize,
}

pub async fn run(db: &Db, now: DateTime<Utc>) -> Result<ReminderReport, Error> {
    let quiet_since = now - Duration::days(QUIET_DAYS);
    let candidates = enrolment::Entity::find()
        .filter(enrolment::Column::CompletedAt.is_null())
        .filter(enrolment::Column::DueAt.lte(now + Duration::days(DUE_SOON_DAYS)))
        .filter(
            Condition::any()
                .add(enrolment::Column::RemindedAt.is_null())
                .add(enrolment::Column::RemindedAt.lt(quiet_since)),
        )
        .all(&db.read)
        .await?;
    let mut report = ReminderReport::default();
    for open in candidates {
        let Some(due) = open.due_at else { continue };
        let Some(person) = user::Entity::find_by_id(open.user_id)
            .one(&db.read)
            .await?
            .filter(|p| p.active)
        else {
            continue;
        };
        let overdue = due < now;
        let txn = db.write.begin().await?;
        let claimed = enrolment::Entity::update_many()
            .col_expr(enrolment::Column::RemindedAt, Expr::value(now))
            .filter(enrolment::Column::Id.eq(open.id))
            .filter(
                Condition::any()
                    .add(enrolment::Column::RemindedAt.is_null())
                    .add(enrolment::Column::RemindedAt.lt(quiet_since)),
            )
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            let kind = if overdue { "overdue" } else { "due_soon" };
            log(&txn, person.id, Some(open.course_id), kind, now).await?;
            let email = Email::TrainingReminder {
                enrolment_id: open.id,
                overdue,
            };
            outbox::enqueue(&txn, &email, &person.email, &person.language, now).await?;
            if overdue {
                report.overdue += 1;
            } else {
                report.due_soon += 1;
            }
        }
        txn.commit().await?;
    }
    report.digests = digests(db, now).await?;
    Ok(report)
}

pub(crate) async fn log(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: Option<i32>,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    reminder::ActiveModel {
        user_id: Set(user_id),
        course_id: Set(course_id),
        kind: Set(kind.into()),
        sent_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The people overdue in `unit` and below it, as the digest lists them.
pub async fn overdue_below(
    db: &Db,
    unit: i32,
    now: DateTime<Utc>,
) -> Result<Vec<query::EnrolmentLine>, Error> {
    let selection = Selection {
        units: Some(organisation::subtree(&db.read, unit).await?),
        status: Some(malaka_shared::reports::EnrolmentStatus::Overdue),
        ..Default::default()
    };
    query::lines(
        &db.read,
        &selection,
        now,
        query::LineOrder::ChaseFirst,
        None,
    )
    .await
}

async fn digests(db: &Db, now: DateTime<Utc>) -> Result<usize, Error> {
    let quiet_since = now - Duration::days(QUIET_DAYS);
    let mut sent = 0;
    for unit in org_unit::Entity::find()
        .filter(org_unit::Column::ManagerId.is_not_null())
        .all(&db.read)
        .await?
    {
        if unit.digested_at.is_some_and(|at| at >= quiet_since)
            || overdue_below(db, unit.id, now).await?.is_empty()
        {
            continue;
        }
        let Some(manager) = user::Entity::find_by_id(unit.manager_id.unwrap_or_default())
            .one(&db.read)
            .await?
            .filter(|m| m.active)
        else {
            continue;
        };
        let txn = db.write.begin().await?;
        let claimed = org_unit::Entity::update_many()
            .col_expr(org_unit::Column::DigestedAt, Expr::value(now))
            .filter(org_unit::Column::Id.eq(unit.id))
            .filter(
                Condition::any()
                    .add(org_unit::Column::DigestedAt.is_null())
                    .add(org_unit::Column::DigestedAt.lt(quiet_since)),
            )
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            log(&txn, manager.id, None, "digest", now).await?;
            let email = Email::ManagerDigest { unit_id: unit.id };
            outbox::enqueue(&txn, &email, &manager.email, &manager.language, now).await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    Ok(sent)
}
