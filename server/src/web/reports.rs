//! Report exports: files rather than pages, with the page's filter in the query string.

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use malaka_domain::reports::export::{self, FileFormat, ReportKind};
use malaka_domain::reports::stream::{self, CsvChunks};
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
    let filter = ReportFilter::from_query(|name| query.get(name).cloned());
    let now = chrono::Utc::now();
    if (kind, format) == (ReportKind::People, FileFormat::Csv) {
        let name = export::file_name(kind, format, now);
        return match stream::people_csv(&state.app.db, &viewer, &filter, context.locale, now).await
        {
            Ok(chunks) => streamed_csv(&name, chunks),
            Err(error) => WebError::from(error).into_response(),
        };
    }
    let made = export::export(
        &state.app.db,
        &viewer,
        &filter,
        kind,
        format,
        context.locale,
        now,
    )
    .await;
    match made {
        Ok(file) => attachment(file.content_type, &file.file_name, file.bytes),
        Err(error) => WebError::from(error).into_response(),
    }
}

/// The chunks as they come; a failure half-way is logged here, once, and ends the body so
/// the browser reports an incomplete download instead of saving a truncated file as whole.
fn streamed_csv(name: &str, chunks: CsvChunks) -> Response {
    let body = futures_util::stream::unfold(chunks, |mut chunks| async move {
        let chunk = chunks.recv().await?.inspect_err(|error| {
            tracing::error!(%error, source = ?std::error::Error::source(error), "a CSV export stopped");
        });
        Some((chunk, chunks))
    });
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        Body::from_stream(body),
    )
        .into_response()
}
