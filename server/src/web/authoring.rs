//! Course zips in the authoring workspace, which are files rather than pages: the download of a
//! course, and the upload of a new one (a multipart form, so it works without JavaScript).

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use malaka_app::api::auth::Role;
use malaka_app::server::authoring::transfer;
use malaka_app::server::{CurrentUser, RequestContext};
use malaka_courses::archive::ArchiveLimits;

use super::certificates::attachment;
use super::ServerState;

/// The upload's body may be a little larger than the archive it carries.
pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(ArchiveLimits::default().max_archive_bytes as usize + 64 * 1024)
}

fn author(context: RequestContext) -> Result<CurrentUser, StatusCode> {
    match context.user {
        Some(user) if matches!(user.role, Role::Trainer | Role::Admin) => Ok(user),
        Some(_) => Err(StatusCode::FORBIDDEN),
        None => Err(StatusCode::UNAUTHORIZED),
    }
}

pub async fn export(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    Path(slug): Path<String>,
) -> Response {
    if let Err(refused) = author(context) {
        return refused.into_response();
    }
    match transfer::export(&state.app, &slug).await {
        Ok((name, bytes)) => attachment("application/zip", &name, bytes),
        Err(error) => error.status_code().into_response(),
    }
}

/// Reached under the server-function prefix, so the same-origin POST guard applies to it.
pub async fn import(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    mut form: Multipart,
) -> Response {
    let user = match author(context) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let mut archive = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("archive") {
            archive = field.bytes().await.ok();
        }
    }
    let outcome = match archive {
        Some(bytes) if !bytes.is_empty() => {
            transfer::import(&state.app, &user, bytes.to_vec()).await
        }
        _ => Err(malaka_app::AppError::Invalid(
            "choose a course zip to upload".into(),
        )),
    };
    let query = match outcome {
        Ok(slug) => form_urlencoded::Serializer::new(String::new())
            .append_pair("imported", &slug)
            .finish(),
        Err(malaka_app::AppError::Invalid(message)) => {
            // Enough to show the first problems; the CLI `courses import` lists them all.
            let message: String = message.chars().take(1500).collect();
            form_urlencoded::Serializer::new(String::new())
                .append_pair("import_error", &message)
                .finish()
        }
        Err(error) => return error.status_code().into_response(),
    };
    Redirect::to(&format!("/author?{query}")).into_response()
}
