use leptos::prelude::*;

/// `/` sends signed-in learners to their courses and everyone else to sign in.
#[component]
pub fn HomePage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(if super::request_user().is_some() {
        "/learning"
    } else {
        "/sign-in"
    });
}
