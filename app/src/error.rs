//! The one error type of the application, shared by server functions and pages. Internal causes
//! are logged where they are converted (see `server::error`) and never sent to the browser.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
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

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(error: ServerFnErrorErr) -> Self {
        AppError::Transport(error.to_string())
    }
}
