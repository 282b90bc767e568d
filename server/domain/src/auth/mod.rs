//! Authentication: argon2id passwords, signed session tokens, sign-in rate limits, and who the
//! client is behind a reverse proxy.

pub mod client_address;
pub mod password;
pub mod password_policy;
pub mod rate_limit;
pub mod session;
mod token;

pub use password::PasswordHasher;
pub use rate_limit::SignInLimits;
pub use token::{Claims, TokenKeys};

use chrono::Utc;
use std::net::IpAddr;

use crate::entities::user;
use crate::Error;
use crate::{audit, people, AppState};

/// The longest email an SMTP path allows (RFC 5321).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Long enough for any passphrase; a longer one is refused before it costs a hash.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Checks an email and password. Wrong email, wrong password and a deactivated account all give
/// the same error, after the same amount of hashing work, so sign-in reveals nothing about who
/// has an account. Oversized input is refused first: nothing of it is hashed, rate-limited by
/// or written to the audit log.
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    ip: Option<IpAddr>,
) -> Result<user::Model, Error> {
    if email.chars().count() > MAX_EMAIL_CHARS || password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::SignInFailed);
    }
    let email = people::normalise_email(email);
    state
        .sign_in_limits
        .check(&state.db.write, &email, ip, Utc::now())
        .await?;
    let user = people::find_by_email(&state.db.read, &email)
        .await?
        .filter(|user| user.active);
    let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
    let password_matches = state
        .hasher
        .verify(stored_hash, password.to_owned())
        .await?;
    match user {
        Some(user) if password_matches => {
            state
                .sign_in_limits
                .record_success(&state.db.write, &email, ip)
                .await?;
            audit::record(
                &state.db.write,
                Some(user.id),
                "sign-in",
                &user.email,
                "",
                ip,
            )
            .await?;
            Ok(user)
        }
        _ => {
            state
                .sign_in_limits
                .record_failure(&state.db.write, &email, ip, Utc::now())
                .await?;
            state.metrics.sign_in_failed();
            audit::record(&state.db.write, None, "sign-in-failed", &email, "", ip).await?;
            Err(Error::SignInFailed)
        }
    }
}

/// Changes a signed-in person's password. The current password must be given, so a stolen
/// session alone cannot take the account over; wrong guesses count against the same limits as
/// sign-in. Every session ends (the caller issues a new one for this device). Returns the
/// person as stored now.
pub async fn change_password(
    state: &AppState,
    user_id: i32,
    current: &str,
    new_password: String,
    ip: Option<IpAddr>,
) -> Result<user::Model, Error> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    if current.len() > MAX_PASSWORD_BYTES {
        return Err(Error::SignInFailed);
    }
    let person = user::Entity::find_by_id(user_id)
        .one(&state.db.read)
        .await?
        .filter(|person| person.active)
        .ok_or(Error::NotFound)?;
    password_policy::check(&new_password, &[&person.name, &person.email])?;
    state
        .sign_in_limits
        .check(&state.db.write, &person.email, ip, Utc::now())
        .await?;
    let current_matches = state
        .hasher
        .verify(Some(person.password_hash.clone()), current.to_owned())
        .await?;
    if !current_matches {
        state
            .sign_in_limits
            .record_failure(&state.db.write, &person.email, ip, Utc::now())
            .await?;
        audit::record(
            &state.db.write,
            Some(person.id),
            "password.change-failed",
            &person.email,
            "",
            ip,
        )
        .await?;
        return Err(Error::SignInFailed);
    }
    let hash = state.hasher.hash(new_password).await?;
    let now = chrono::Utc::now();
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(person.id))
        .exec(&state.db.write)
        .await?;
    state.db.users.invalidate(&person.id);
    audit::record(
        &state.db.write,
        Some(person.id),
        "password.change",
        &person.email,
        "",
        ip,
    )
    .await?;
    user::Entity::find_by_id(person.id)
        .one(&state.db.write)
        .await?
        .ok_or(Error::Invariant(
            "the person whose password changed is missing",
        ))
}
