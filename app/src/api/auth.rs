//! Signing in and out, and the interface language.

use crate::AppError;
use leptos::prelude::*;

/// Only same-origin paths are followed after sign-in, so the form cannot send anyone to another
/// site. Browsers drop tabs and newlines from URLs and read a backslash as `/`, so `/<TAB>/evil.example`
/// would become `//evil.example`: any control character, whitespace or backslash is refused.
pub fn safe_local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if is_same_origin_path(path) => path.to_owned(),
        _ => "/learning".to_owned(),
    }
}

fn is_same_origin_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_same_origin_paths_are_followed() {
        assert_eq!(
            safe_local_path(Some("/courses/cybersecurity")),
            "/courses/cybersecurity"
        );
        assert_eq!(
            safe_local_path(Some("/hr/reports?unit=3")),
            "/hr/reports?unit=3"
        );
        for hostile in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            " /evil",
            "/\u{0}/evil.example",
            "",
        ] {
            assert_eq!(safe_local_path(Some(hostile)), "/learning", "{hostile:?}");
        }
        assert_eq!(safe_local_path(None), "/learning");
    }
}

#[server(endpoint = "sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use malaka_domain::{auth, auth::session, AppState};
    let state = expect_context::<AppState>();
    let client_ip = crate::guard::request_context().client_ip;
    let failure = match auth::authenticate(&state, &email, &password, client_ip).await {
        Ok(user) => {
            let token = state
                .tokens
                .issue(user.id, user.token_version, chrono::Utc::now());
            set_cookie(&session::session_cookie(&state, &token));
            leptos_axum::redirect(&safe_local_path(next.as_deref()));
            return Ok(());
        }
        Err(malaka_domain::Error::SignInFailed) => "credentials",
        Err(malaka_domain::Error::RateLimited) => "rate-limited",
        Err(other) => return Err(other.into()),
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("error", failure)
        .append_pair("email", email.trim());
    if let Some(next) = &next {
        query.append_pair("next", next);
    }
    leptos_axum::redirect(&format!("/sign-in?{}", query.finish()));
    Ok(())
}

#[server(endpoint = "sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use malaka_domain::{audit, auth::session, people, AppState};
    let state = expect_context::<AppState>();
    let context = crate::guard::request_context();
    if let Some(user) = &context.user {
        people::end_all_sessions(&state.db, user.id).await?;
        audit::record(
            &state.db.write,
            Some(user.id),
            "sign-out",
            &user.email,
            "",
            context.client_ip,
        )
        .await?;
    }
    set_cookie(&session::expired_session_cookie(&state));
    leptos_axum::redirect("/sign-in");
    Ok(())
}

#[server(endpoint = "set-language")]
pub async fn set_language(language: String, next: Option<String>) -> Result<(), AppError> {
    use crate::i18n::Locale;
    use malaka_domain::{auth::session, people, AppState};
    let state = expect_context::<AppState>();
    let locale = Locale::from_code(&language)
        .ok_or_else(|| AppError::Invalid(format!("unknown language {language}")))?;
    if let Some(user) = crate::guard::request_context().user {
        people::set_language(&state.db, user.id, locale).await?;
    }
    set_cookie(&session::language_cookie(&state, locale));
    leptos_axum::redirect(&safe_local_path(next.as_deref()));
    Ok(())
}

#[cfg(feature = "ssr")]
fn set_cookie(cookie: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(cookie),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Changes the signed-in person's password; every other device is signed out, this one gets a
/// new session. Answers come back to the account page as `?changed=1` or `?error=…`.
#[server(endpoint = "change-password")]
pub async fn change_password(
    current: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use malaka_domain::{auth, auth::session, AppState};
    let context = crate::guard::request_context();
    let user = crate::guard::require_user()?;
    let back = |error: &str| leptos_axum::redirect(&format!("/account?error={error}"));
    if password != password_again {
        back("mismatch");
        return Ok(());
    }
    let state = expect_context::<AppState>();
    match auth::change_password(&state, user.id, &current, password, context.client_ip).await {
        Ok(person) => {
            let token = state
                .tokens
                .issue(person.id, person.token_version, chrono::Utc::now());
            set_cookie(&session::session_cookie(&state, &token));
            leptos_axum::redirect("/account?changed=1");
        }
        Err(malaka_domain::Error::SignInFailed) => back("current"),
        Err(malaka_domain::Error::RateLimited) => back("rate-limited"),
        Err(malaka_domain::Error::PasswordRefused(refusal)) => back(refusal.code()),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

/// Asks for a password reset link by email. The answer is the same whether or not the address
/// has an account: `/forgot-password?sent=1`.
#[server(endpoint = "request-password-reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use malaka_domain::people::password_reset;
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let state = expect_context::<AppState>();
    match password_reset::request(&state, &email, context.client_ip, chrono::Utc::now()).await {
        Ok(()) => leptos_axum::redirect("/forgot-password?sent=1"),
        Err(malaka_domain::Error::RateLimited) => {
            leptos_axum::redirect("/forgot-password?error=rate-limited")
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

/// Whose reset link this is, while it can be used (else "not found", whatever the reason).
#[server(endpoint = "password-reset-link")]
pub async fn get_password_reset_link(
    token: String,
) -> Result<malaka_shared::people::InvitationView, AppError> {
    use malaka_domain::people::invitations::{find_usable, LinkPurpose};
    use malaka_domain::AppState;
    find_usable(
        &expect_context::<AppState>().db.read,
        &token,
        LinkPurpose::PasswordReset,
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
}

/// Sets a new password through a reset link; every session of the person ends.
#[server(endpoint = "reset-password")]
pub async fn reset_password(
    token: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use malaka_domain::people::password_reset;
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let back = |error: &str| leptos_axum::redirect(&format!("/reset/{token}?error={error}"));
    if password != password_again {
        back("mismatch");
        return Ok(());
    }
    let state = expect_context::<AppState>();
    let reset = password_reset::complete(
        &state,
        &token,
        password,
        context.client_ip,
        chrono::Utc::now(),
    )
    .await;
    match reset {
        Ok(_) => leptos_axum::redirect("/sign-in?reset=1"),
        Err(malaka_domain::Error::PasswordRefused(refusal)) => back(refusal.code()),
        Err(malaka_domain::Error::NotFound) => back("unusable"),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
