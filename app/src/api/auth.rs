//! Signing in and out, and the interface language.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Officer,
    Trainer,
    Hr,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Trainer => "trainer",
            Role::Hr => "hr",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Role::Officer, Role::Trainer, Role::Hr, Role::Admin]
            .into_iter()
            .find(|role| role.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// Only local paths are followed after sign-in, so the form cannot send anyone to another site.
pub fn safe_local_path(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/learning".to_owned(),
    }
}

#[server(endpoint = "sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{auth, session, AppState};
    let state = expect_context::<AppState>();
    let client_ip = session::request_context().client_ip;
    let failure = match auth::authenticate(&state, &email, &password, client_ip).await {
        Ok(user) => {
            let token = state
                .tokens
                .issue(user.id, user.token_version, chrono::Utc::now());
            set_cookie(&session::session_cookie(&state, &token));
            leptos_axum::redirect(&safe_local_path(next.as_deref()));
            return Ok(());
        }
        Err(AppError::SignInFailed) => "credentials",
        Err(AppError::RateLimited) => "rate-limited",
        Err(other) => return Err(other),
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
    use crate::server::{audit, people, session, AppState};
    let state = expect_context::<AppState>();
    let context = session::request_context();
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
    use crate::server::{people, session, AppState};
    let state = expect_context::<AppState>();
    let locale = Locale::from_code(&language)
        .ok_or_else(|| AppError::Invalid(format!("unknown language {language}")))?;
    if let Some(user) = session::request_context().user {
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
