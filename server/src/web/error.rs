//! The one way an axum route turns a refusal or a failure into a response, and the one role check
//! those routes share. A domain error becomes the user-facing error first, which logs its cause
//! once; the status then comes from `AppError::status`, as it does for pages.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
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

/// Largest server-function error body read back to find its status: errors are a few bytes.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Server functions answer every error with 500 and the error, JSON-encoded, in the body. A
/// refusal is not a server failure: callers, proxies and error-rate alerts should see 401, 403,
/// 404 or 429, so the status is set from the error the body carries, as for pages.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with(super::SERVER_FN_PREFIX);
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_ERROR_BODY).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "a server function's error body could not be read");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Some(status) = serde_json::from_slice::<AppError>(&bytes)
        .ok()
        .and_then(|error| StatusCode::from_u16(error.status()).ok())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
