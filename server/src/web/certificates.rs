//! Certificate files, which are not pages: the PDF and the verifiable credential for their
//! owner, and the public key set that third parties use to check credentials.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use malaka_domain::certificates::{self, status_list, CertificateKeys};
use malaka_domain::RequestContext;

use super::error::WebError;
use super::ServerState;

/// `certificate.pdf` or `credential.jwt`, for the certificate's owner (or an admin).
pub async fn download(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    Path((public_id, file)): Path<(String, String)>,
) -> Response {
    let Some(viewer) = context.user else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let result = match file.as_str() {
        "certificate.pdf" => certificates::pdf_for(&state.app, &viewer, &public_id)
            .await
            .map(|(name, bytes)| attachment("application/pdf", &name, bytes)),
        "credential.jwt" => certificates::credential_for(&state.app, &viewer, &public_id)
            .await
            .map(|(name, jwt)| attachment("application/jwt", &name, jwt.into_bytes())),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    result.unwrap_or_else(|error| WebError::from(error).into_response())
}

pub async fn jwks(State(state): State<ServerState>) -> Response {
    match CertificateKeys::load(&state.app.db).await {
        Ok(keys) => (
            [(header::CACHE_CONTROL, "public, max-age=3600")],
            Json(keys.jwks()),
        )
            .into_response(),
        Err(error) => WebError::from(error).into_response(),
    }
}

/// The revocation status list credential (public: wallets fetch it to check a credential).
pub async fn status_list(State(state): State<ServerState>) -> Response {
    match status_list::signed_list(&state.app.db, &state.app.settings.site_url).await {
        Ok(jwt) => (
            [
                (header::CONTENT_TYPE, "application/vc+jwt".to_owned()),
                (
                    header::CACHE_CONTROL,
                    format!("public, max-age={}", status_list::LIST_LIFETIME_SECONDS),
                ),
            ],
            jwt,
        )
            .into_response(),
        Err(error) => WebError::from(error).into_response(),
    }
}

/// A download: its type and name, never kept by shared caches.
pub(super) fn attachment(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}
