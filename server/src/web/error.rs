//! The one way an axum route turns a refusal or a failure into a response, and the one role check
//! those routes share. A domain error becomes the user-facing error first, which logs its cause
//! once; the status then comes from `AppError::status`, as it does for pages.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use malaka_domain::{CurrentUser, RequestContext};
use malaka_shared::people::Role;
use malaka_shared::AppError;

#[derive(Debug)]
pub struct WebError(pub AppError);

impl From<AppError> for WebError {
    fn from(error: AppError) -> Self {
        WebError(error)
    }
}

impl From<malaka_domain::Error> for WebError {
    fn from(error: malaka_domain::Error) -> Self {
        WebError(error.into())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        StatusCode::from_u16(self.0.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response()
    }
}

/// The signed-in user, if their role is one of `roles`: 401 for nobody, 403 for another role.
pub fn signed_in_as(context: &RequestContext, roles: &[Role]) -> Result<CurrentUser, WebError> {
    match &context.user {
        Some(user) if roles.contains(&user.role) => Ok(user.clone()),
        Some(_) => Err(AppError::Forbidden.into()),
        None => Err(AppError::NotSignedIn.into()),
    }
}
