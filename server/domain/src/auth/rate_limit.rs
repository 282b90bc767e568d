//! Sign-in attempts are limited three ways. Per client address (its /64 for IPv6), against
//! trying many accounts from one place. Per account and address, failures back off
//! exponentially: guessing one officer's password from one place slows to a crawl, while
//! someone else's failures, from elsewhere, cannot lock the officer out of their own office.
//! Per account across all addresses, a generous hourly cap against guessing from many places.
//! Certificate lookups are limited per address too, so that codes cannot be enumerated.
//!
//! The counts live in the database, so every node behind the load balancer spends the same
//! budget. Attempts are counted in fixed windows (a minute, an hour): one conditional upsert per
//! count, atomic on both databases, so parallel attempts cannot slip past the limit. The
//! `housekeeping` job forgets windows and failures that no longer matter.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::net::IpAddr;

use super::client_address::limit_key;
use crate::entities::{rate_limit_hit, sign_in_failure};
use crate::Error;

/// Certificate lookups per address and minute: plenty for a person, hopeless for guessing.
const LOOKUPS_PER_MINUTE: u32 = 60;
/// Typos are free; after these, each failure doubles the wait (1 s, 2 s, 4 s …).
const FREE_FAILURES: i32 = 3;
const LONGEST_WAIT: Duration = Duration::minutes(15);
const MINUTE: i64 = 60;
const HOUR: i64 = 3600;

#[derive(Debug, Clone, Copy)]
pub struct SignInLimits {
    per_address_per_minute: u32,
    per_account_per_hour: u32,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self::new(30, 100)
    }
}

/// How long an account waits after `failures` from one place, counted from the last one.
fn wait_after(failures: i32) -> Duration {
    match u32::try_from(failures - FREE_FAILURES) {
        Err(_) => Duration::zero(),
        Ok(doublings) => Duration::seconds(1i64 << doublings.min(20)).min(LONGEST_WAIT),
    }
}

fn place(address: Option<IpAddr>) -> String {
    address
        .map(|address| limit_key(address).to_string())
        .unwrap_or_default()
}

impl SignInLimits {
    /// `per_address` attempts a minute from one address; `per_account` attempts an hour on
    /// one account from all addresses together.
    pub fn new(per_address: u32, per_account: u32) -> Self {
        Self {
            per_address_per_minute: per_address.max(1),
            per_account_per_hour: per_account.max(1),
        }
    }

    /// Whether a sign-in attempt may be checked at all (before any hashing). Counts it.
    pub async fn check(
        &self,
        db: &impl ConnectionTrait,
        email: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let failures = sign_in_failure::Entity::find_by_id((email.to_owned(), place(address)))
            .one(db)
            .await?;
        if failures.is_some_and(|row| now < row.last_failed_at + wait_after(row.failures)) {
            return Err(Error::RateLimited);
        }
        let address_allowed = match address {
            None => true,
            Some(address) => {
                let bucket = format!("sign-in-address:{}", limit_key(address));
                hit(db, &bucket, MINUTE, now).await? <= self.per_address_per_minute
            }
        };
        let bucket = format!("sign-in-account:{email}");
        let account_allowed = hit(db, &bucket, HOUR, now).await? <= self.per_account_per_hour;
        if address_allowed && account_allowed {
            Ok(())
        } else {
            Err(Error::RateLimited)
        }
    }

    pub async fn record_failure(
        &self,
        db: &impl ConnectionTrait,
        email: &str,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        use sea_orm::sea_query::ExprTrait;
        let row = sign_in_failure::ActiveModel {
            account: Set(email.to_owned()),
            place: Set(place(address)),
            failures: Set(1),
            last_failed_at: Set(now),
        };
        sign_in_failure::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    sign_in_failure::Column::Account,
                    sign_in_failure::Column::Place,
                ])
                .value(
                    sign_in_failure::Column::Failures,
                    Expr::col((sign_in_failure::Entity, sign_in_failure::Column::Failures)).add(1),
                )
                .update_column(sign_in_failure::Column::LastFailedAt)
                .to_owned(),
            )
            .exec_without_returning(db)
            .await?;
        Ok(())
    }

    /// A successful sign-in forgets that place's failures on the account.
    pub async fn record_success(
        &self,
        db: &impl ConnectionTrait,
        email: &str,
        address: Option<IpAddr>,
    ) -> Result<(), Error> {
        sign_in_failure::Entity::delete_many()
            .filter(sign_in_failure::Column::Account.eq(email))
            .filter(sign_in_failure::Column::Place.eq(place(address)))
            .exec(db)
            .await?;
        Ok(())
    }

    pub async fn check_lookup(
        &self,
        db: &impl ConnectionTrait,
        address: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let Some(address) = address else {
            return Ok(());
        };
        let bucket = format!("lookup-address:{}", limit_key(address));
        if hit(db, &bucket, MINUTE, now).await? <= LOOKUPS_PER_MINUTE {
            Ok(())
        } else {
            Err(Error::RateLimited)
        }
    }
}

/// Counts one attempt in `bucket`'s current window of `window` seconds; returns the window's
/// count including this one.
async fn hit(
    db: &impl ConnectionTrait,
    bucket: &str,
    window: i64,
    now: DateTime<Utc>,
) -> Result<u32, Error> {
    use sea_orm::sea_query::ExprTrait;
    let start = now.timestamp() - now.timestamp().rem_euclid(window);
    let mut insert = Query::insert();
    insert
        .into_table(rate_limit_hit::Entity)
        .columns([
            rate_limit_hit::Column::Bucket,
            rate_limit_hit::Column::WindowStart,
            rate_limit_hit::Column::Hits,
        ])
        .values_panic([bucket.into(), start.into(), 1.into()])
        .on_conflict(
            OnConflict::columns([
                rate_limit_hit::Column::Bucket,
                rate_limit_hit::Column::WindowStart,
            ])
            .value(
                rate_limit_hit::Column::Hits,
                Expr::col((rate_limit_hit::Entity, rate_limit_hit::Column::Hits)).add(1),
            )
            .to_owned(),
        )
        .returning_col(rate_limit_hit::Column::Hits);
    let statement = db.get_database_backend().build(&insert);
    let hits = db
        .query_one_raw(statement)
        .await?
        .map(|row| row.try_get::<i32>("", "hits"))
        .transpose()?
        .ok_or(Error::Invariant("an upsert returned no row"))?;
    Ok(u32::try_from(hits).unwrap_or(0))
}

/// Forgets windows that have closed and failures whose wait is long over.
pub async fn forget_old(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, Error> {
    let windows = rate_limit_hit::Entity::delete_many()
        .filter(rate_limit_hit::Column::WindowStart.lt(now.timestamp() - 2 * HOUR))
        .exec(db)
        .await?
        .rows_affected;
    let failures = sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::LastFailedAt.lt(now - LONGEST_WAIT * 2))
        .exec(db)
        .await?
        .rows_affected;
    Ok(windows + failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_the_free_failures_and_is_capped() {
        assert_eq!(wait_after(FREE_FAILURES - 1), Duration::zero());
        assert_eq!(wait_after(FREE_FAILURES), Duration::seconds(1));
        assert_eq!(wait_after(FREE_FAILURES + 1), Duration::seconds(2));
        assert_eq!(wait_after(FREE_FAILURES + 3), Duration::seconds(8));
        assert_eq!(wait_after(1_000), LONGEST_WAIT);
    }

    #[test]
    fn one_ipv6_network_is_one_place() {
        let a: IpAddr = "2001:db8::1".parse().unwrap();
        let b: IpAddr = "2001:db8::ffff".parse().unwrap();
        assert_eq!(place(Some(a)), place(Some(b)));
        assert_eq!(place(None), "");
    }
}
