//! Report exports: files rather than pages, with the page's filter in the query string.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use malaka_app::api::auth::Role;
use malaka_app::api::reports::ReportFilter;
use malaka_app::server::reports::export::{self, FileFormat, ReportKind};
use malaka_app::server::RequestContext;
use std::collections::HashMap;

use super::certificates::attachment;
use super::ServerState;

pub async fn download(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let viewer = match context.user {
        Some(user) if matches!(user.role, Role::Hr | Role::Admin) => user,
        Some(_) => return StatusCode::FORBIDDEN.into_response(),
        None => return StatusCode::UNAUTHORIZED.into_response(),
    };
    let format = match file.as_str() {
        "export.csv" => FileFormat::Csv,
        "export.xlsx" => FileFormat::Xlsx,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let Some(kind) = query.get("kind").and_then(|kind| ReportKind::parse(kind)) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let made = export::export(
        &state.app.db,
        &viewer,
        &ReportFilter::from_query(|name| query.get(name).cloned()),
        kind,
        format,
        context.locale,
        chrono::Utc::now(),
    )
    .await;
    match made {
        Ok(file) => attachment(file.content_type, &file.file_name, file.bytes),
        Err(error) => error.status_code().into_response(),
    }
}
