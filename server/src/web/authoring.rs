//! Course zips in the authoring workspace, which are files rather than pages: the download of a
//! course, and the upload of a new one (a multipart form, so it works without JavaScript).

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use malaka_courses::archive::ArchiveLimits;
use malaka_domain::authoring::transfer;
use malaka_domain::RequestContext;
use malaka_shared::people::Role;

use super::certificates::attachment;
use super::error::{signed_in_as, WebError};
use super::ServerState;

/// The upload's body may be a little larger than the archive it carries.
pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(ArchiveLimits::default().max_archive_bytes as usize + 64 * 1024)
}

pub async fn export(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    Path(slug): Path<String>,
) -> Response {
    if let Err(refused) = signed_in_as(&context, &[Role::Trainer, Role::Admin]) {
        return refused.into_response();
    }
    match transfer::export(&state.app, &slug).await {
        Ok((name, bytes)) => attachment("application/zip", &name, bytes),
        Err(error) => WebError::from(error).into_response(),
    }
}

/// Reached under the server-function prefix, so the same-origin POST guard applies to it.
pub async fn import(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    mut form: Multipart,
) -> Response {
    let user = match signed_in_as(&context, &[Role::Trainer, Role::Admin]) {
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
        _ => Err(malaka_domain::Error::Invalid(
            "choose a course zip to upload".into(),
        )),
    };
    let query = match outcome {
        Ok(slug) => form_urlencoded::Serializer::new(String::new())
            .append_pair("imported", &slug)
            .finish(),
        Err(malaka_domain::Error::Invalid(message)) => {
            // Enough to show the first problems; the CLI `courses import` lists them all.
            let message: String = message.chars().take(1500).collect();
            form_urlencoded::Serializer::new(String::new())
                .append_pair("import_error", &message)
                .finish()
        }
        Err(error) => return WebError::from(error).into_response(),
    };
    Redirect::to(&format!("/author?{query}")).into_response()
}
