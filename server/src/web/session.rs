//! Resolves who is asking (and in which language) once per request, for pages and server
//! functions alike, and renews the session cookie of active learners.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use malaka_domain::auth::client_address::client_address;
use malaka_domain::auth::session::{resolve, session_cookie, SESSION_COOKIE};
use std::net::SocketAddr;

use super::ServerState;

pub async fn attach_session(
    State(state): State<ServerState>,
    mut request: Request,
    next: Next,
) -> Response {
    let client_ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| {
            let forwarded_for = request
                .headers()
                .get("x-forwarded-for")
                .and_then(|value| value.to_str().ok());
            client_address(
                info.0.ip(),
                forwarded_for,
                &state.app.settings.trusted_proxies,
            )
        });
    let context = match resolve(&state.app, request.headers(), client_ip).await {
        Ok(context) => context,
        Err(error) => {
            tracing::error!(%error, "could not resolve the session");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let renewed = context.renewed_token.clone();
    request.extensions_mut().insert(context);
    let mut response = next.run(request).await;
    if let Some(token) = renewed {
        // Sign-in and sign-out set the cookie themselves: theirs wins.
        let prefix = format!("{SESSION_COOKIE}=");
        let already_set = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|value| value.as_bytes().starts_with(prefix.as_bytes()));
        if let (false, Ok(value)) = (
            already_set,
            HeaderValue::from_str(&session_cookie(&state.app, &token)),
        ) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
