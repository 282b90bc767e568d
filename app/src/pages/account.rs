use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::request_user;
use crate::api::auth::ChangePassword;
use crate::components::loaded_page;
use crate::i18n::tr;
use crate::AppError;
use malaka_shared::people::UserSummary;

/// `/account`: the signed-in person's own settings; for now, changing the password.
#[component]
pub fn AccountPage() -> impl IntoView {
    let user = request_user();
    loaded_page(async move { user.ok_or(AppError::NotSignedIn) }, |user| {
        view! { <PasswordForm user /> }
    })
}

#[component]
fn PasswordForm(user: UserSummary) -> impl IntoView {
    let query = use_query_map().get_untracked();
    let error_key = match query.get("error").as_deref() {
        Some("mismatch") => Some("invite-error-mismatch"),
        Some("password") => Some("invite-error-password"),
        Some("guessable") => Some("password-error-guessable"),
        Some("current") => Some("account-error-current"),
        Some("rate-limited") => Some("sign-in-error-rate-limited"),
        _ => None,
    };
    view! {
        <Title text=tr("account-title") />
        <h1>{tr("account-title")}</h1>
        {query.get("changed").map(|_| view! { <p class="notice notice-success" role="status">{tr("account-password-changed")}</p> })}
        <section class="card sign-in" aria-labelledby="password-heading">
            <h2 id="password-heading">{tr("account-password-heading")}</h2>
            {error_key.map(|key| view! { <p class="notice notice-error" role="alert">{tr(key)}</p> })}
            <form method="post" action=ChangePassword::url()>
                <input type="hidden" autocomplete="username" value=user.email />
                <label for="current">{tr("account-current-password")}</label>
                <input id="current" name="current" type="password" autocomplete="current-password" required maxlength="1024" />
                <label for="password">{tr("invite-password")}</label>
                <input id="password" name="password" type="password" autocomplete="new-password"
                    required minlength="10" maxlength="128" aria-describedby="password-rule" />
                <p id="password-rule" class="hint">{tr("invite-password-rule")}</p>
                <label for="password-again">{tr("invite-password-again")}</label>
                <input id="password-again" name="password_again" type="password" autocomplete="new-password" required />
                <p class="hint">{tr("account-password-signs-out")}</p>
                <button type="submit" class="button-primary">{tr("account-password-submit")}</button>
            </form>
        </section>
    }
}
