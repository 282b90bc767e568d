//! Keeps a node's catalog cache in step with the database when another node publishes: every
//! few seconds one small query (how many courses, when one last changed) tells whether the
//! catalog changed, and only then is it read again. Every sync and publication writes the
//! course row it changes, so its `updated_at` moves.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};
use tokio_util::sync::CancellationToken;

use crate::entities::course;
use crate::{Db, Error};

/// How soon a publication on one node reaches the others.
pub const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

type Stamp = (i64, Option<DateTime<Utc>>);

async fn stamp(db: &DatabaseConnection) -> Result<Stamp, Error> {
    let stamp = course::Entity::find()
        .select_only()
        .expr(Func::count(Expr::col(course::Column::Id)))
        .expr(Func::max(Expr::col(course::Column::UpdatedAt)))
        .into_tuple::<Stamp>()
        .one(db)
        .await?;
    Ok(stamp.unwrap_or_default())
}

/// Reloads the cache whenever the catalog changed, until `stop` is cancelled.
pub async fn follow(db: Db, every: std::time::Duration, stop: CancellationToken) {
    // None: the first look reloads, in case a publication landed during start-up.
    let mut seen: Option<Stamp> = None;
    loop {
        match stamp(&db.read).await {
            Ok(current) if seen.as_ref() != Some(&current) => {
                match db.catalog.reload(&db.read).await {
                    Ok(()) => {
                        if seen.is_some() {
                            tracing::info!("catalog changed on another node: reloaded");
                        }
                        seen = Some(current);
                    }
                    Err(error) => tracing::error!(%error, "catalog could not be reloaded"),
                }
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "catalog change check failed"),
        }
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(every) => {}
        }
    }
}
