//! Who is asking, inside a server function or a page being rendered: the server's middleware
//! resolved it once per request (`malaka_domain::auth::session::resolve`) and put it in the
//! request's extensions. Server functions call one of these first, then one domain function.

use malaka_domain::{CurrentUser, RequestContext};
use malaka_shared::people::Role;

use crate::AppError;

/// The current request's context inside a server function or a page being rendered.
pub fn request_context() -> RequestContext {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestContext>().cloned())
        .unwrap_or_default()
}

pub fn require_user() -> Result<CurrentUser, AppError> {
    request_context().user.ok_or(AppError::NotSignedIn)
}

/// The signed-in user, if their role is one of `roles`.
pub fn require_role(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if roles.contains(&user.role) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}
