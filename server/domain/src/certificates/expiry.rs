//! The daily expiry pass: reminders 30 and 7 days before a certificate expires (each sent once,
//! and only for the learner's current certificate of the course), and marking lapsed ones.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::entities::{certificate, user};
use crate::mail::outbox::{self, Email};
use crate::Db;
use crate::Error;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryReport {
    pub reminded_30: usize,
    pub reminded_7: usize,
    pub lapsed: u64,
}

pub async fn run(db: &Db, now: DateTime<Utc>) -> Result<ExpiryReport, Error> {
    // The 7-day reminder first: a certificate found already inside 7 days gets only that one.
    let reminded_7 = remind(db, now, 7).await?;
    let reminded_30 = remind(db, now, 30).await?;
    let lapsed = certificate::Entity::update_many()
        .col_expr(certificate::Column::LapsedAt, Expr::value(now))
        .filter(certificate::Column::LapsedAt.is_null())
        .filter(certificate::Column::RevokedAt.is_null())
        .filter(certificate::Column::ExpiresAt.lte(now))
        .exec(&db.write)
        .await?
        .rows_affected;
    Ok(ExpiryReport {
        reminded_30,
        reminded_7,
        lapsed,
    })
}

async fn remind(db: &Db, now: DateTime<Utc>, days: i64) -> Result<usize, Error> {
    let stage = match days {
        7 => certificate::Column::Reminded7At,
        _ => certificate::Column::Reminded30At,
    };
    let mut due = certificate::Entity::find()
        .filter(stage.is_null())
        .filter(certificate::Column::RevokedAt.is_null())
        .filter(certificate::Column::ExpiresAt.gt(now))
        .filter(certificate::Column::ExpiresAt.lte(now + Duration::days(days)));
    if days != 7 {
        due = due.filter(certificate::Column::Reminded7At.is_null());
    }
    let mut sent = 0;
    for record in due.all(&db.read).await? {
        let renewed = certificate::Entity::find()
            .filter(certificate::Column::ReplacesId.eq(record.id))
            .one(&db.read)
            .await?
            .is_some();
        if renewed {
            continue;
        }
        let Some(learner) = user::Entity::find_by_id(record.user_id)
            .one(&db.read)
            .await?
        else {
            continue;
        };
        let txn = db.write.begin().await?;
        if mark(&txn, record.id, stage, now).await? {
            if days == 7 {
                mark(&txn, record.id, certificate::Column::Reminded30At, now).await?;
            }
            let days_left = record.expires_at.map_or(days, |expires| {
                ((expires - now).num_seconds() + 86_399) / 86_400
            });
            outbox::enqueue(
                &txn,
                &Email::CertificateExpiring {
                    certificate_id: record.id,
                    days: days_left.min(days),
                },
                &learner.email,
                &learner.language,
                now,
            )
            .await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    Ok(sent)
}

/// Sets the reminder's date if no other pass set it first; true when this call did.
async fn mark(
    txn: &impl ConnectionTrait,
    id: i32,
    stage: certificate::Column,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    Ok(certificate::Entity::update_many()
        .col_expr(stage, Expr::value(now))
        .filter(certificate::Column::Id.eq(id))
        .filter(stage.is_null())
        .exec(txn)
        .await?
        .rows_affected
        == 1)
}
