//! The domain's one error type. Refusals (not signed in, not allowed, not found, invalid input,
//! rate limits) are variants a caller can match on; failures wrap their cause. Conversion into
//! the user-facing `AppError` happens once, in `From<Error> for AppError`, which logs the cause
//! there and sends the browser nothing of it.

use malaka_shared::AppError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not signed in")]
    NotSignedIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A refusal with a reason the person can act on; callers match on it.
    #[error("refused: {0:?}")]
    Refused(crate::Refusal),
    /// Input the user can correct: the text is an i18n key or a message for the form.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// A new password the policy refuses, and why (see `auth::password_policy`).
    #[error("password refused: {0:?}")]
    PasswordRefused(crate::auth::password_policy::PasswordRefusal),
    /// Wrong email, wrong password or a deactivated account: deliberately indistinguishable.
    #[error("sign-in failed")]
    SignInFailed,
    #[error("rate limited")]
    RateLimited,
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("background task: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("course files: {0}")]
    Catalog(#[from] malaka_courses::CatalogError),
    /// Any other failure, with what was being done when it happened.
    #[error("{context}: {source}")]
    Internal {
        context: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The signing keys' file (or `MALAKA_KEYS`) cannot be used, and why.
    #[error("the key file is not usable: {0}")]
    KeyFile(String),
    /// A state that the code's own invariants rule out (a missing row it just wrote, say).
    #[error("broken invariant: {0}")]
    Invariant(&'static str),
}

impl Error {
    /// A failure of a library call, keeping its cause for the log.
    pub fn internal(
        context: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Internal {
            context,
            source: source.into(),
        }
    }

    /// The same failure as a closure, for `map_err`.
    pub fn because<E: Into<Box<dyn std::error::Error + Send + Sync>>>(
        context: &'static str,
    ) -> impl Fn(E) -> Self + Copy {
        move |source| Error::internal(context, source)
    }
}

/// Two refusals are equal when they are the same refusal, so tests can assert on them; a failure
/// (database, I/O, ...) equals nothing, not even itself, as its cause cannot be compared.
impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Error::NotSignedIn, Error::NotSignedIn)
            | (Error::Forbidden, Error::Forbidden)
            | (Error::NotFound, Error::NotFound)
            | (Error::SignInFailed, Error::SignInFailed)
            | (Error::RateLimited, Error::RateLimited) => true,
            (Error::Invalid(left), Error::Invalid(right)) => left == right,
            (Error::PasswordRefused(left), Error::PasswordRefused(right)) => left == right,
            (Error::Refused(left), Error::Refused(right)) => left == right,
            _ => false,
        }
    }
}

impl<E: std::error::Error> From<sea_orm::TransactionError<E>> for Error
where
    Error: From<E>,
{
    fn from(error: sea_orm::TransactionError<E>) -> Self {
        match error {
            sea_orm::TransactionError::Connection(error) => error.into(),
            sea_orm::TransactionError::Transaction(error) => error.into(),
        }
    }
}

impl From<Error> for AppError {
    fn from(error: Error) -> Self {
        match error {
            Error::NotSignedIn => AppError::NotSignedIn,
            Error::Forbidden => AppError::Forbidden,
            Error::NotFound => AppError::NotFound,
            Error::Invalid(message) => AppError::Invalid(message),
            Error::PasswordRefused(refusal) => AppError::Invalid(refusal.code().into()),
            Error::Refused(refusal) => AppError::Invalid(refusal.message_key().into()),
            Error::SignInFailed => AppError::SignInFailed,
            Error::RateLimited => AppError::RateLimited,
            failure => {
                tracing::error!(error = %failure, source = ?std::error::Error::source(&failure), "request failed");
                AppError::Internal
            }
        }
    }
}
