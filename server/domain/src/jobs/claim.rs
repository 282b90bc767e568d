//! A job's row in `scheduled_jobs` is its lease: a node may run a pass only while it holds the
//! row's claim, which it gets when the pass is due and no other node's claim is live. A node that
//! dies mid-pass loses the claim when the lease ends; a node that finishes hands it back and sets
//! the next pass's time, so each pass runs on one node whatever the number of nodes.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::scheduled_job::{self, Column};
use crate::Error;

/// Claims the job's next pass for `holder` if it is due at `now`; true when this node runs it.
pub async fn claim(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let row = scheduled_job::ActiveModel {
        name: Set(job.to_owned()),
        next_run_at: Set(now),
        holder: Set(Some(holder.to_owned())),
        lease_expires_at: Set(Some(now + lease)),
        last_started_at: Set(Some(now)),
        last_finished_at: Set(None),
        runs: Set(0),
    };
    let free = Expr::col((scheduled_job::Entity, Column::LeaseExpiresAt))
        .is_null()
        .or(Expr::col((scheduled_job::Entity, Column::LeaseExpiresAt)).lte(now));
    let due = Expr::col((scheduled_job::Entity, Column::NextRunAt)).lte(now);
    let claimed = scheduled_job::Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Name)
                .update_columns([
                    Column::Holder,
                    Column::LeaseExpiresAt,
                    Column::LastStartedAt,
                ])
                .action_and_where(due.and(free))
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(claimed == 1)
}

/// Hands the claim back after a pass and schedules the next one `period` later. False when the
/// lease had ended and another node took the job over meanwhile (the pass ran twice then; every
/// pass is written so that running it twice changes nothing).
pub async fn finish(
    db: &impl ConnectionTrait,
    job: &str,
    holder: &str,
    period: Duration,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let finished = scheduled_job::Entity::update_many()
        .col_expr(Column::Holder, Expr::value(Option::<String>::None))
        .col_expr(
            Column::LeaseExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(Column::NextRunAt, Expr::value(now + period))
        .col_expr(Column::LastFinishedAt, Expr::value(now))
        .col_expr(Column::Runs, Expr::col(Column::Runs).add(1))
        .filter(Column::Name.eq(job))
        .filter(Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(finished.rows_affected == 1)
}

/// Gives up a claim without running the pass (a node stopping), so another node may run it at
/// once instead of after the lease.
pub async fn release(db: &impl ConnectionTrait, job: &str, holder: &str) -> Result<(), Error> {
    scheduled_job::Entity::update_many()
        .col_expr(Column::Holder, Expr::value(Option::<String>::None))
        .col_expr(
            Column::LeaseExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(Column::Name.eq(job))
        .filter(Column::Holder.eq(holder))
        .exec(db)
        .await?;
    Ok(())
}
