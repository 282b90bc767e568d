use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::request_path;
use crate::api::auth::RequestPasswordReset;
use crate::components::Layout;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::people::RESET_LINK_MINUTES;

/// `/forgot-password`: asks for a reset link. After sending it says the same thing for every
/// address, so the page cannot be used to find out who has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let sent = query.get("sent").is_some();
    let rate_limited = query.get("error").as_deref() == Some("rate-limited");
    view! {
        <Title text=tr("forgot-title") />
        <Layout user=None current_path=request_path()>
            <section class="card sign-in">
                <h1>{tr("forgot-title")}</h1>
                {sent.then(|| view! {
                    <p class="notice notice-success" role="status">
                        {t_with(locale, "forgot-sent", &[("minutes", RESET_LINK_MINUTES.into())])}
                    </p>
                })}
                {rate_limited.then(|| view! { <p class="notice notice-error" role="alert">{tr("sign-in-error-rate-limited")}</p> })}
                <p>{tr("forgot-intro")}</p>
                <form method="post" action=RequestPasswordReset::url()>
                    <label for="email">{tr("sign-in-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required maxlength="254" />
                    <button type="submit" class="button-primary">{tr("forgot-submit")}</button>
                </form>
                <p><a href="/sign-in">{tr("forgot-back")}</a></p>
            </section>
        </Layout>
    }
}
