//! Conversions of internal failures into the application's one error type. The cause is logged
//! here, once; the browser only ever sees `AppError::Internal`.

use crate::AppError;

impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

impl<E: std::error::Error> From<sea_orm::TransactionError<E>> for AppError
where
    AppError: From<E>,
{
    fn from(error: sea_orm::TransactionError<E>) -> Self {
        match error {
            sea_orm::TransactionError::Connection(error) => error.into(),
            sea_orm::TransactionError::Transaction(error) => error.into(),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(error: tokio::task::JoinError) -> Self {
        tracing::error!(%error, "background task failed");
        AppError::Internal
    }
}

impl AppError {
    /// The HTTP status for this error: the one mapping that pages and file routes share.
    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::SignInFailed => StatusCode::UNAUTHORIZED,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
