use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::request_path;
use crate::api::people::{get_invitation, AcceptInvitation};
use crate::components::Layout;
use crate::i18n::{t_with, tr, use_locale};

/// `/invite/<token>`: a new person sets their password. Used, expired and unknown links all
/// get the same answer.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let locale = use_locale();
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let error_key = match use_query_map().get_untracked().get("error").as_deref() {
        Some("mismatch") => Some("invite-error-mismatch"),
        Some("password") => Some("invite-error-password"),
        Some("guessable") => Some("password-error-guessable"),
        _ => None,
    };
    let load = get_invitation(token.clone());
    view! {
        <Title text=tr("invite-title") />
        <Layout user=None current_path=request_path()>
            <Suspense>
                {Suspend::new(async move {
                    match load.await {
                        Ok(invitation) => view! {
                            <section class="card sign-in">
                                <h1>{tr("invite-title")}</h1>
                                <p>{t_with(locale, "invite-welcome", &[("name", invitation.name.into())])}</p>
                                {error_key.map(|key| view! { <p class="notice notice-error" role="alert" id="invite-error">{tr(key)}</p> })}
                                <form method="post" action=AcceptInvitation::url()>
                                    <input type="hidden" name="token" value=token.clone() />
                                    <input type="hidden" autocomplete="username" value=invitation.email />
                                    <label for="password">{tr("invite-password")}</label>
                                    <input id="password" name="password" type="password" autocomplete="new-password"
                                        required minlength="10" maxlength="128" aria-describedby="password-rule" />
                                    <p id="password-rule" class="hint">{tr("invite-password-rule")}</p>
                                    <label for="password-again">{tr("invite-password-again")}</label>
                                    <input id="password-again" name="password_again" type="password" autocomplete="new-password" required />
                                    <button type="submit" class="button-primary">{tr("invite-submit")}</button>
                                </form>
                            </section>
                        }.into_any(),
                        Err(_) => view! {
                            <section class="notice notice-error" role="alert">
                                <h1>{tr("invite-unusable-title")}</h1>
                                <p>{tr("invite-unusable")}</p>
                            </section>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
