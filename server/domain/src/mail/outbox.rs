//! The durable outbox: an email is a row written in the same transaction as what caused it, so
//! a completion is never recorded without its email nor the other way round. Workers claim due
//! rows with a lease (a conditional UPDATE, which behaves the same on SQLite and PostgreSQL), so
//! several server instances can send at once without sending a message twice.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};

use crate::entities::outbox_message;
use crate::Error;

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

/// After this many failed attempts a message is marked failed for an admin to look at.
pub const MAX_ATTEMPTS: i32 = 10;

/// What a message is about; the worker composes the email from it when it sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Email {
    CertificateIssued {
        certificate_id: i32,
    },
    CertificateExpiring {
        certificate_id: i32,
        days: i64,
    },
    /// The token is the link's secret: the invitations table keeps only its hash.
    Invitation {
        invitation_id: i32,
        token: String,
    },
    /// Like an invitation's, the token is the link's secret.
    PasswordReset {
        link_id: i32,
        token: String,
    },
    TrainingReminder {
        enrolment_id: i32,
        overdue: bool,
    },
    ManagerDigest {
        unit_id: i32,
    },
    /// A recurring assignment opened the person's next round of the course.
    TrainingRoundOpened {
        enrolment_id: i32,
    },
}

impl Email {
    /// What is kept once the message has gone: an invitation's or reset's token is the secret
    /// of a link that sets a password, so the outbox (and its backups) must not hold it after it was delivered.
    pub fn without_secrets(self) -> Self {
        match self {
            Email::Invitation { invitation_id, .. } => Email::Invitation {
                invitation_id,
                token: String::new(),
            },
            Email::PasswordReset { link_id, .. } => Email::PasswordReset {
                link_id,
                token: String::new(),
            },
            other => other,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Email::CertificateIssued { .. } => "certificate_issued",
            Email::CertificateExpiring { .. } => "certificate_expiring",
            Email::Invitation { .. } => "invitation",
            Email::PasswordReset { .. } => "password_reset",
            Email::TrainingReminder { .. } => "training_reminder",
            Email::ManagerDigest { .. } => "manager_digest",
            Email::TrainingRoundOpened { .. } => "training_round_opened",
        }
    }
}

pub async fn enqueue(
    db: &impl ConnectionTrait,
    email: &Email,
    recipient: &str,
    language: &str,
    now: DateTime<Utc>,
) -> Result<i64, Error> {
    let token: [u8; 12] = rand::rng().random();
    let row = outbox_message::ActiveModel {
        kind: Set(email.kind().into()),
        recipient: Set(recipient.into()),
        language: Set(language.into()),
        payload: Set(serde_json::to_string(email).map_err(Error::from)?),
        message_id: Set(format!("<{}@malaka>", hex::encode(token))),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub fn payload(row: &outbox_message::Model) -> Result<Email, Error> {
    serde_json::from_str(&row.payload).map_err(Error::because("reading an outbox payload"))
}

/// Claims up to `limit` due messages for `worker` until `now + lease`. A row is claimed by at
/// most one worker: the UPDATE only matches while nobody else holds an unexpired lease.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    worker: &str,
    limit: u64,
    lease: Duration,
    now: DateTime<Utc>,
) -> Result<Vec<outbox_message::Model>, Error> {
    let unclaimed = || {
        Condition::any()
            .add(outbox_message::Column::ClaimedUntil.is_null())
            .add(outbox_message::Column::ClaimedUntil.lt(now))
    };
    let candidates: Vec<i64> = outbox_message::Entity::find()
        .select_only()
        .column(outbox_message::Column::Id)
        .filter(outbox_message::Column::Status.eq(PENDING))
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .filter(unclaimed())
        .order_by_asc(outbox_message::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for id in candidates {
        let result = outbox_message::Entity::update_many()
            .col_expr(outbox_message::Column::ClaimedBy, Expr::value(worker))
            .col_expr(
                outbox_message::Column::ClaimedUntil,
                Expr::value(now + lease),
            )
            .filter(outbox_message::Column::Id.eq(id))
            .filter(outbox_message::Column::Status.eq(PENDING))
            .filter(unclaimed())
            .exec(db)
            .await?;
        if result.rows_affected == 1 {
            claimed.push(id);
        }
    }
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::Id.is_in(claimed))
        .order_by_asc(outbox_message::Column::Id)
        .all(db)
        .await?)
}

/// Records the SMTP server's answer and drops the message's secrets. Only the worker holding
/// the claim can mark the message.
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    message: &outbox_message::Model,
    worker: &str,
    smtp_response: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let kept = serde_json::to_string(&payload(message)?.without_secrets()).map_err(Error::from)?;
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(SENT))
        .col_expr(outbox_message::Column::Payload, Expr::value(kept))
        .col_expr(outbox_message::Column::SentAt, Expr::value(now))
        .col_expr(
            outbox_message::Column::SmtpResponse,
            Expr::value(smtp_response),
        )
        .col_expr(
            outbox_message::Column::Attempts,
            Expr::col(outbox_message::Column::Attempts).add(1),
        )
        .col_expr(
            outbox_message::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_message::Column::Id.eq(message.id))
        .filter(outbox_message::Column::ClaimedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Schedules the next attempt with exponential backoff, or gives up after `MAX_ATTEMPTS`.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    message: &outbox_message::Model,
    worker: &str,
    error: &str,
    retry_base: Duration,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let attempts = message.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS {
        FAILED
    } else {
        PENDING
    };
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(status))
        .col_expr(outbox_message::Column::Attempts, Expr::value(attempts))
        .col_expr(
            outbox_message::Column::NextAttemptAt,
            Expr::value(now + backoff(retry_base, attempts)),
        )
        .col_expr(outbox_message::Column::LastError, Expr::value(error))
        .col_expr(
            outbox_message::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(outbox_message::Column::Id.eq(message.id))
        .filter(outbox_message::Column::ClaimedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// `base`, doubled after each failed attempt, at most an hour.
pub fn backoff(base: Duration, attempts: i32) -> Duration {
    let factor = 1i32 << (attempts - 1).clamp(0, 16);
    (base * factor).min(Duration::hours(1))
}

/// Messages that gave up, newest first, for the admins' page.
pub async fn failed_messages(
    db: &impl ConnectionTrait,
) -> Result<Vec<outbox_message::Model>, Error> {
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(FAILED))
        .order_by_desc(outbox_message::Column::Id)
        .limit(200)
        .all(db)
        .await?)
}

/// Puts a failed message back in the queue, to be sent at once.
pub async fn retry(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), Error> {
    let updated = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Status, Expr::value(PENDING))
        .col_expr(outbox_message::Column::Attempts, Expr::value(0))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::Status.eq(FAILED))
        .exec(db)
        .await?;
    match updated.rows_affected {
        1 => Ok(()),
        _ => Err(Error::NotFound),
    }
}

/// How many messages wait to be sent: shown to admins beside the failed ones.
pub async fn pending_count(db: &impl ConnectionTrait) -> Result<u64, Error> {
    use sea_orm::PaginatorTrait;
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(PENDING))
        .count(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let base = Duration::seconds(15);
        assert_eq!(backoff(base, 1), Duration::seconds(15));
        assert_eq!(backoff(base, 2), Duration::seconds(30));
        assert_eq!(backoff(base, 4), Duration::seconds(120));
        assert_eq!(backoff(base, 9), Duration::hours(1));
        assert_eq!(backoff(base, 40), Duration::hours(1));
    }
}
