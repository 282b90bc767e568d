//! "Forgot your password?": a one-time link by email, valid 15 minutes, under the invitations'
//! rules (kept only as a hash, used once, the token gone from the outbox once sent). The answer
//! to a request is the same whether or not the address has an account, so the form tells no
//! one who works here; requests count against the sign-in limits, and an account gets at most
//! one email every few minutes however often someone asks (checked in the database, so it
//! holds across servers).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use std::net::IpAddr;

use super::invitations::{self, LinkPurpose, NO_PASSWORD_YET};
use crate::auth::MAX_EMAIL_CHARS;
use crate::entities::invitation;
use crate::mail::outbox::{self, Email};
use crate::{audit, AppState, Error};

pub const VALID_MINUTES: i64 = malaka_shared::people::RESET_LINK_MINUTES;
/// However often a reset is asked for, an account gets one email in this many minutes.
const ONE_EMAIL_PER_MINUTES: i64 = 5;

/// Emails a reset link to `email` if it belongs to an active person with a password; says
/// nothing either way. Refused only by the rate limits.
pub async fn request(
    state: &AppState,
    email: &str,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Ok(());
    }
    let email = super::normalise_email(email);
    state
        .sign_in_limits
        .check(&state.db.write, &email, ip, now)
        .await?;
    // Counted like a failed sign-in, so asking again and again from one place slows down.
    state
        .sign_in_limits
        .record_failure(&state.db.write, &email, ip, now)
        .await?;
    let Some(person) = super::find_by_email(&state.db.read, &email).await? else {
        return Ok(());
    };
    if !person.active || person.password_hash == NO_PASSWORD_YET {
        return Ok(());
    }
    let recent = invitation::Entity::find()
        .filter(invitation::Column::UserId.eq(person.id))
        .filter(invitation::Column::Purpose.eq("password-reset"))
        .filter(invitation::Column::CreatedAt.gt(now - Duration::minutes(ONE_EMAIL_PER_MINUTES)))
        .count(&state.db.read)
        .await?;
    if recent > 0 {
        return Ok(());
    }
    let txn = state.db.write.begin().await?;
    let (link_id, token) =
        invitations::issue(&txn, person.id, LinkPurpose::PasswordReset, now).await?;
    outbox::enqueue(
        &txn,
        &Email::PasswordReset { link_id, token },
        &person.email,
        &person.language,
        now,
    )
    .await?;
    audit::record(
        &txn,
        Some(person.id),
        "password.reset-requested",
        &person.email,
        "",
        ip,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets the new password through the link; every session of the person ends, and the
/// failures their requests counted are forgotten.
pub async fn complete(
    state: &AppState,
    token: &str,
    password: String,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<i32, Error> {
    let id =
        invitations::accept(state, token, LinkPurpose::PasswordReset, password, ip, now).await?;
    if let Some(person) = super::find_active(&state.db.read, id).await? {
        state
            .sign_in_limits
            .record_success(&state.db.write, &person.email, ip)
            .await?;
    }
    Ok(id)
}
