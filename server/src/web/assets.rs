//! The images and attachments that lessons link to.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::ServerState;

const ASSET_TYPES: [(&str, &str); 8] = [
    ("svg", "image/svg+xml"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
    ("csv", "text/csv; charset=utf-8"),
    ("pdf", "application/pdf"),
    ("txt", "text/plain; charset=utf-8"),
];

pub async fn course_asset(
    State(state): State<ServerState>,
    Path((course, file)): Path<(String, String)>,
) -> Response {
    let safe_name = |name: &str| {
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    let content_type = file
        .rsplit_once('.')
        .and_then(|(_, ext)| {
            ASSET_TYPES
                .iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(ext))
        })
        .map(|(_, ty)| *ty);
    let (true, true, Some(content_type)) = (safe_name(&course), safe_name(&file), content_type)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let path = state
        .app
        .settings
        .catalog_dir
        .join(&course)
        .join("assets")
        .join(&file);
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                content_type.parse().expect("valid content type"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                "public, max-age=3600".parse().expect("valid cache control"),
            );
            if !content_type.starts_with("image/") {
                headers.insert(
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}\"")
                        .parse()
                        .expect("safe file name"),
                );
            }
            response
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
