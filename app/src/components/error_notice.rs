use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::tr;
use crate::AppError;

/// What a page shows when its data could not be loaded. On the server it also sets the HTTP
/// status, and sends signed-out visitors to the sign-in page and back here afterwards.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    respond_to(&error);
    let key = match error {
        AppError::NotSignedIn => "error-not-signed-in",
        AppError::Forbidden => "error-forbidden",
        AppError::NotFound => "error-not-found",
        AppError::RateLimited => "error-rate-limited",
        AppError::Invalid(_) => "error-invalid",
        _ => "error-internal",
    };
    view! {
        // A page that is only this notice still needs a title saying what happened.
        <Title text=tr(key) />
        <section class="notice notice-error" role="alert">
            <h1>{tr(key)}</h1>
            <p>
                <a href="/learning">{tr("nav-my-learning")}</a>
            </p>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn respond_to(error: &AppError) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let status = match error {
        AppError::NotSignedIn => {
            let here = use_context::<http::request::Parts>()
                .map(|parts| parts.uri.to_string())
                .unwrap_or_default();
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("next", &here)
                .finish();
            leptos_axum::redirect(&format!("/sign-in?{query}"));
            return;
        }
        other => http::StatusCode::from_u16(other.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
    };
    response.set_status(status);
}
