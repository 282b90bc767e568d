use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::certificates::status_label;
use super::{request_path, request_user};
use crate::api::certificates::{verify_certificate, LiftCertificateBar, RevokeCertificate};
use crate::components::{ErrorNotice, Layout};
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::certificates::{CertificateStatus, Verification};
use malaka_shared::people::Role;

/// Public: checks a certificate by its code (from the QR code's link or typed into the form).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let code = use_params_map()
        .get_untracked()
        .get("code")
        .or_else(|| use_query_map().get_untracked().get("code"))
        .map(|code| code.trim().to_owned())
        .filter(|code| !code.is_empty());
    let typed = code.clone().unwrap_or_default();
    let is_admin = request_user().is_some_and(|user| user.role == Role::Admin);
    let result = code.map(|code| {
        view! {
            <Suspense>
                {Suspend::new(async move {
                    match verify_certificate(code).await {
                        Ok(Some(verification)) => view! { <VerificationView verification is_admin /> }.into_any(),
                        Ok(None) => view! {
                            <p class="notice notice-error" role="alert">{tr("verify-not-found")}</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        }
    });
    view! {
        <Title text=tr("verify-title") />
        <Layout user=request_user() current_path=request_path()>
            <h1>{tr("verify-title")}</h1>
            <form method="get" action="/verify" class="card verify-form">
                <p>{tr("verify-intro")}</p>
                <label for="code">{tr("verify-code-label")}</label>
                <input id="code" name="code" type="text" required autocomplete="off"
                    autocapitalize="characters" spellcheck="false" value=typed />
                <button type="submit" class="button-primary">{tr("verify-submit")}</button>
            </form>
            {result}
        </Layout>
    }
}

#[component]
fn VerificationView(verification: Verification, is_admin: bool) -> impl IntoView {
    let locale = use_locale();
    let v = verification;
    let (class, headline) = match (v.genuine, v.status) {
        (false, _) => ("notice notice-error", tr("verify-tampered")),
        (true, CertificateStatus::Revoked) => (
            "notice notice-error",
            t_with(
                locale,
                "verify-revoked",
                &[("date", v.revoked_on.clone().unwrap_or_default().into())],
            ),
        ),
        (true, CertificateStatus::Expired) => (
            "notice notice-warning",
            t_with(
                locale,
                "verify-expired",
                &[("date", v.expires_on.clone().unwrap_or_default().into())],
            ),
        ),
        (true, CertificateStatus::Valid) => ("notice notice-success", tr("verify-genuine")),
    };
    let revocable = is_admin && v.status != CertificateStatus::Revoked;
    let liftable = is_admin && v.barred;
    let code = v.code.clone();
    let lift_code = v.code.clone();
    view! {
        <section aria-labelledby="verification-result">
            <p class=class role="status" id="verification-result">{headline}</p>
            {v.revoked_reason.clone().map(|reason| view! {
                <p>{t_with(locale, "verify-revoked-reason", &[("reason", reason.into())])}</p>
            })}
            {v.barred.then(|| view! { <p>{tr("verify-barred")}</p> })}
            {v.renewed.then(|| view! { <p>{tr("verify-renewed")}</p> })}
            <dl class="facts">
                <dt>{tr("verify-learner")}</dt><dd>{v.learner_name}</dd>
                <dt>{tr("verify-course")}</dt><dd>{v.course_title}</dd>
                <dt>{tr("verify-version")}</dt><dd>{v.course_version}</dd>
                {v.score_percent.map(|score| view! { <dt>{tr("verify-score")}</dt><dd>{format!("{score}%")}</dd> })}
                <dt>{tr("verify-issued")}</dt><dd>{v.issued_on}</dd>
                <dt>{tr("verify-expires")}</dt><dd>{v.expires_on.unwrap_or_else(|| tr("certificate-no-expiry"))}</dd>
                <dt>{tr("verify-status")}</dt><dd>{status_label(v.status)}</dd>
                <dt>{tr("certificates-code")}</dt><dd><code>{v.code}</code></dd>
            </dl>
            <p class="muted">{tr("verify-public-key")} " " <code>"/.well-known/jwks.json"</code></p>
            {revocable.then(|| view! {
                <form method="post" action=RevokeCertificate::url() class="card">
                    <h2>{tr("revoke-title")}</h2>
                    <input type="hidden" name="code" value=code />
                    <label for="reason">{tr("revoke-reason")}</label>
                    <textarea id="reason" name="reason" required maxlength="500"></textarea>
                    <button type="submit" class="button-danger">{tr("revoke-submit")}</button>
                </form>
            })}
            {liftable.then(|| view! {
                <form method="post" action=LiftCertificateBar::url() class="card">
                    <h2>{tr("lift-bar-title")}</h2>
                    <p>{tr("lift-bar-explanation")}</p>
                    <input type="hidden" name="code" value=lift_code />
                    <label for="lift-reason">{tr("lift-bar-reason")}</label>
                    <textarea id="lift-reason" name="reason" required maxlength="500"></textarea>
                    <button type="submit" class="button-secondary">{tr("lift-bar-submit")}</button>
                </form>
            })}
        </section>
    }
}
