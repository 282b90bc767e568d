//! The staff file upload: a multipart form, so that it works without JavaScript. The file is
//! checked and kept with its report; the admin reads the report before anything is created.

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use malaka_domain::people::import;
use malaka_domain::RequestContext;
use malaka_shared::people::Role;

use super::error::{signed_in_as, WebError};
use super::ServerState;

pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(import::MAX_FILE_BYTES + 64 * 1024)
}

/// Reached under the server-function prefix, so the same-origin POST guard applies to it.
pub async fn upload(
    State(state): State<ServerState>,
    Extension(context): Extension<RequestContext>,
    mut form: Multipart,
) -> Response {
    let admin = match signed_in_as(&context, &[Role::Admin]) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let mut file = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("staff") {
            let name = field.file_name().unwrap_or("staff.csv").to_owned();
            match field.bytes().await {
                Ok(bytes) => file = Some((name, bytes)),
                // Larger than the body limit: say so instead of failing the connection.
                Err(_) => {
                    return Redirect::to("/admin/people/import?error=too-large").into_response()
                }
            }
        }
    }
    let Some((name, bytes)) = file.filter(|(_, bytes)| !bytes.is_empty()) else {
        return Redirect::to("/admin/people/import?error=no-file").into_response();
    };
    let uploaded = import::upload(
        &state.app.db,
        &admin,
        &name,
        &bytes,
        context.client_ip,
        chrono::Utc::now(),
    )
    .await;
    match uploaded {
        Ok(id) => Redirect::to(&format!("/admin/people/import/{id}")).into_response(),
        Err(malaka_domain::Error::Refused(malaka_domain::Refusal::FileTooLarge)) => {
            Redirect::to("/admin/people/import?error=too-large").into_response()
        }
        Err(error) => WebError::from(error).into_response(),
    }
}
