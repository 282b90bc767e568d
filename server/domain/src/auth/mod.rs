//! Authentication: argon2id passwords, signed session tokens, sign-in rate limits, and who the
//! client is behind a reverse proxy.

pub mod client_address;
mod password;
mod rate_limit;
pub mod session;
mod token;

pub use password::PasswordHasher;
pub use rate_limit::SignInLimits;
pub use token::{load_or_create_signing_secret, Claims, TokenKeys};

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
    state.sign_in_limits.check(&email, ip)?;
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
            state.sign_in_limits.record_success(&email, ip);
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
            state.sign_in_limits.record_failure(&email, ip);
            audit::record(&state.db.write, None, "sign-in-failed", &email, "", ip).await?;
            Err(Error::SignInFailed)
        }
    }
}
