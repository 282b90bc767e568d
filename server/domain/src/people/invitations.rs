//! One-time links to set a password: invitations for new people, and resets for people who
//! forgot theirs (`password_reset`). A link works once, for a limited time, for its purpose only;
//! only the SHA-256 of its token is kept in the invitations table, so that table alone cannot be
//! used to take over an account. (The token travels in the email's outbox row until the email
//! is sent, then it is removed.)

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionTrait,
};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

use crate::auth::password_policy;
use crate::entities::{invitation, user};
use crate::mail::outbox::{self, Email};
use crate::Error;
use crate::{audit, AppState, CurrentUser, Db};
use malaka_shared::people::InvitationView;

/// Long enough for someone who reads their work email once a week.
pub const VALID_DAYS: i64 = 14;

/// A password set while no account has one yet: it parses as no hash, so nobody can sign in
/// with it before the invitation is accepted.
pub const NO_PASSWORD_YET: &str = "!invited";

/// What a link is for; each has its own page, lifetime and audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    Invitation,
    PasswordReset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::PasswordReset => "password-reset",
        }
    }

    fn lifetime(self) -> Duration {
        match self {
            LinkPurpose::Invitation => Duration::days(VALID_DAYS),
            LinkPurpose::PasswordReset => {
                Duration::minutes(malaka_shared::people::RESET_LINK_MINUTES)
            }
        }
    }

    fn audit_action(self) -> &'static str {
        match self {
            LinkPurpose::Invitation => "invitation.accept",
            LinkPurpose::PasswordReset => "password.reset",
        }
    }
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new link for `user_id`; earlier unused links of the same person, of either purpose, stop
/// working.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<(i32, String), Error> {
    invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now))
        .filter(invitation::Column::UserId.eq(user_id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let bytes: [u8; 32] = rand::rng().random();
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let row = invitation::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        purpose: Set(purpose.as_str().into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((row.id, token))
}

/// Issues a new link for `person` and queues the email that carries it.
pub async fn send(
    txn: &impl ConnectionTrait,
    person: &user::Model,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let (invitation_id, token) = issue(txn, person.id, LinkPurpose::Invitation, now).await?;
    outbox::enqueue(
        txn,
        &Email::Invitation {
            invitation_id,
            token,
        },
        &person.email,
        &person.language,
        now,
    )
    .await?;
    Ok(())
}

async fn usable(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<(invitation::Model, user::Model), Error> {
    let found = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(token)))
        .filter(invitation::Column::Purpose.eq(purpose.as_str()))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let person = user::Entity::find_by_id(found.user_id)
        .one(db)
        .await?
        .filter(|person| person.active)
        .ok_or(Error::NotFound)?;
    Ok((found, person))
}

/// Unknown, used and expired links all look the same: not found.
pub async fn find_usable(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: LinkPurpose,
    now: DateTime<Utc>,
) -> Result<InvitationView, Error> {
    let (_, person) = usable(db, token, purpose, now).await?;
    Ok(InvitationView {
        name: person.name,
        email: person.email,
    })
}

/// Sets the password, uses the link up and ends every session of the person. Two requests
/// racing with one link: the conditional UPDATE lets exactly one of them through.
pub async fn accept(
    state: &AppState,
    token: &str,
    purpose: LinkPurpose,
    password: String,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<i32, Error> {
    let (found, person) = usable(&state.db.read, token, purpose, now).await?;
    password_policy::check(&password, &[&person.name, &person.email])?;
    let password_hash = state.hasher.hash(password).await?;
    let txn = state.db.write.begin().await?;
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(found.id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(Error::NotFound);
    }
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(person.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Some(person.id),
        purpose.audit_action(),
        &person.email,
        "",
        ip,
    )
    .await?;
    txn.commit().await?;
    state.db.users.invalidate(&person.id);
    Ok(person.id)
}

/// A fresh link for someone who has not set a password yet (the first one expired or was
/// lost): earlier links stop working, the email goes through the outbox, and it is audited.
pub async fn resend(
    db: &Db,
    admin: &CurrentUser,
    user_id: i32,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let person = user::Entity::find_by_id(user_id)
        .one(&db.read)
        .await?
        .filter(|person| person.active)
        .ok_or(Error::NotFound)?;
    if person.password_hash != NO_PASSWORD_YET {
        return Err(Error::Refused(crate::Refusal::HasPassword));
    }
    let txn = db.write.begin().await?;
    send(&txn, &person, now).await?;
    audit::record(
        &txn,
        Some(admin.id),
        "invitation.resend",
        &person.email,
        "",
        ip,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
