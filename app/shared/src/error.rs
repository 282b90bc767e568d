//! The user-facing error: what server functions return and pages show. It carries no internal
//! cause: the domain crate logs the cause once where it converts its own error into this one.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("you need to sign in")]
    NotSignedIn,
    #[error("you are not allowed to do this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0}")]
    Invalid(String),
    /// Wrong email, wrong password or a deactivated account: deliberately indistinguishable.
    #[error("the email or password is not right")]
    SignInFailed,
    #[error("too many attempts, try again later")]
    RateLimited,
    #[error("the server could not complete the request")]
    Internal,
    /// The request never reached the function or its answer could not be read (e.g. offline).
    #[error("request failed: {0}")]
    Transport(String),
}

#[cfg(feature = "server-fn")]
impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(error: server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Transport(error.to_string())
    }
}

impl AppError {
    /// The HTTP status for this error: the one mapping that pages and file routes share.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn | AppError::SignInFailed => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 400,
            AppError::RateLimited => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}
