use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::request_path;
use crate::api::auth::{get_password_reset_link, ResetPassword};
use crate::api::people::{get_invitation, AcceptInvitation};
use crate::components::Layout;
use crate::i18n::{t_with, tr, use_locale};

/// Which one-time link the page serves: the same form, its own texts and server functions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkPurpose {
    Invitation,
    PasswordReset,
}

impl LinkPurpose {
    fn key(self, invitation: &'static str, reset: &'static str) -> &'static str {
        match self {
            LinkPurpose::Invitation => invitation,
            LinkPurpose::PasswordReset => reset,
        }
    }
}

/// `/invite/<token>`: a new person sets their password.
#[component]
pub fn InvitationPage() -> impl IntoView {
    view! { <SetPasswordPage purpose=LinkPurpose::Invitation /> }
}

/// `/reset/<token>`: someone who asked for a reset sets a new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! { <SetPasswordPage purpose=LinkPurpose::PasswordReset /> }
}

/// Used, expired and unknown links all get the same answer.
#[component]
fn SetPasswordPage(purpose: LinkPurpose) -> impl IntoView {
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
    let link = token.clone();
    let load = async move {
        match purpose {
            LinkPurpose::Invitation => get_invitation(link).await,
            LinkPurpose::PasswordReset => get_password_reset_link(link).await,
        }
    };
    let action = match purpose {
        LinkPurpose::Invitation => AcceptInvitation::url(),
        LinkPurpose::PasswordReset => ResetPassword::url(),
    };
    let title = purpose.key("invite-title", "reset-title");
    view! {
        <Title text=tr(title) />
        <Layout user=None current_path=request_path()>
            <Suspense>
                {Suspend::new(async move {
                    match load.await {
                        Ok(person) => view! {
                            <section class="card sign-in">
                                <h1>{tr(title)}</h1>
                                <p>{t_with(locale, purpose.key("invite-welcome", "reset-intro"), &[("name", person.name.into())])}</p>
                                {error_key.map(|key| view! { <p class="notice notice-error" role="alert" id="invite-error">{tr(key)}</p> })}
                                <form method="post" action=action>
                                    <input type="hidden" name="token" value=token.clone() />
                                    <input type="hidden" autocomplete="username" value=person.email />
                                    <label for="password">{tr("invite-password")}</label>
                                    <input id="password" name="password" type="password" autocomplete="new-password"
                                        required minlength="10" maxlength="128" aria-describedby="password-rule" />
                                    <p id="password-rule" class="hint">{tr("invite-password-rule")}</p>
                                    <label for="password-again">{tr("invite-password-again")}</label>
                                    <input id="password-again" name="password_again" type="password" autocomplete="new-password" required />
                                    <button type="submit" class="button-primary">{tr(purpose.key("invite-submit", "reset-submit"))}</button>
                                </form>
                            </section>
                        }.into_any(),
                        Err(_) => view! {
                            <section class="notice notice-error" role="alert">
                                <h1>{tr("invite-unusable-title")}</h1>
                                <p>{tr(purpose.key("invite-unusable", "reset-unusable"))}</p>
                                {(purpose == LinkPurpose::PasswordReset).then(|| view! {
                                    <p><a href="/forgot-password">{tr("reset-ask-again")}</a></p>
                                })}
                            </section>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}
