//! Report exports: files rather than pages, with the page's filter in the query string.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use malaka_domain::reports::export::{self, FileFormat, ReportKind};
use malaka_domain::RequestContext;
use malaka_shared::people::Role;
use malaka_shared::reports::ReportFilter;
use std::collections::HashMap;

use super::certificates::attachment;
use super::error::{signed_in_as, WebError};
use super::ServerState;

pub async fn download(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let viewer = match signed_in_as(&context, &[Role::Hr, Role::Admin]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
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
        Err(error) => WebError::from(error).into_response(),
    }
}
