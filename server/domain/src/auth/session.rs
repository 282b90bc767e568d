//! Who is asking, and in which language: resolved once per request by the server's middleware
//! (from the session cookie, the language cookie and `Accept-Language`) and read by server
//! functions and pages through the request's extensions (the app's `guard` module).

use chrono::Utc;
use cookie::{Cookie, SameSite};
use http::HeaderMap;
use std::net::IpAddr;

use crate::Error;
use crate::{people, AppState};
use malaka_shared::i18n::Locale;
use malaka_shared::people::{Role, UserSummary};

pub const SESSION_COOKIE: &str = "malaka_session";
pub const LANGUAGE_COOKIE: &str = "malaka_lang";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentUser {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub language: Locale,
    pub org_unit_id: Option<i32>,
}

impl CurrentUser {
    pub fn summary(&self) -> UserSummary {
        UserSummary {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RequestContext {
    pub user: Option<CurrentUser>,
    pub locale: Locale,
    pub client_ip: Option<IpAddr>,
    /// A fresh token to send back when the current one is past half its life.
    pub renewed_token: Option<String>,
}

pub async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    client_ip: Option<IpAddr>,
) -> Result<RequestContext, Error> {
    let now = Utc::now();
    let mut user = None;
    let mut renewed_token = None;
    if let Some(claims) =
        cookie_value(headers, SESSION_COOKIE).and_then(|token| state.tokens.verify(&token))
    {
        let found = match claims.user_id() {
            Some(id) => match state.db.users.get(&id) {
                Some(user) => Some(user),
                None => {
                    let user = people::find_active(&state.db.read, id).await?;
                    if let Some(user) = &user {
                        state.db.users.insert(id, user.clone());
                    }
                    user
                }
            },
            None => None,
        };
        if let Some(found) = found.filter(|found| found.token_version == claims.ver) {
            if state.tokens.needs_renewal(&claims, now) {
                renewed_token = state.tokens.renew(&claims, now);
            }
            user = Some(CurrentUser {
                id: found.id,
                name: found.name,
                email: found.email,
                role: Role::parse(&found.role).unwrap_or(Role::Officer),
                language: Locale::from_code(&found.language).unwrap_or_default(),
                org_unit_id: found.org_unit_id,
            });
        }
    }
    let locale = cookie_value(headers, LANGUAGE_COOKIE)
        .and_then(|code| Locale::from_code(&code))
        .or(user.as_ref().map(|user| user.language))
        .or_else(|| accepted_locale(headers))
        .unwrap_or_default();
    Ok(RequestContext {
        user,
        locale,
        client_ip,
        renewed_token,
    })
}

/// The reader's language when who they are does not matter (an error page): the language
/// cookie, else what the browser asks for.
pub fn anonymous_locale(headers: &HeaderMap) -> Locale {
    cookie_value(headers, LANGUAGE_COOKIE)
        .and_then(|code| Locale::from_code(&code))
        .or_else(|| accepted_locale(headers))
        .unwrap_or_default()
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| Cookie::split_parse(value.to_owned()))
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
}

fn accepted_locale(headers: &HeaderMap) -> Option<Locale> {
    let header = headers.get(http::header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let requested = fluent_langneg::accepted_languages::parse(header);
    // The negotiation takes the first available tag that covers a request, and plain `uz`
    // covers `uz-Cyrl-UZ`: the script-specific tag goes first.
    let mut available: Vec<fluent_templates::LanguageIdentifier> = Locale::ALL
        .iter()
        .filter_map(|l| l.code().parse().ok())
        .collect();
    available.sort_by_key(|tag| tag.script.is_none());
    let chosen = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        None,
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    chosen
        .first()
        .and_then(|id| Locale::from_code(&id.to_string()))
}

/// `Set-Cookie` for a session token: HttpOnly (no script can read it), SameSite=Lax (not sent
/// on cross-site form posts), Secure when served over TLS.
pub fn session_cookie(state: &AppState, token: &str) -> String {
    Cookie::build((SESSION_COOKIE, token.to_owned()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .path("/")
        .max_age(cookie::time::Duration::seconds(
            state.tokens.lifetime_seconds,
        ))
        .build()
        .to_string()
}

pub fn expired_session_cookie(state: &AppState) -> String {
    Cookie::build((SESSION_COOKIE, ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .path("/")
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

pub fn language_cookie(state: &AppState, locale: Locale) -> String {
    Cookie::build((LANGUAGE_COOKIE, locale.code()))
        .same_site(SameSite::Lax)
        .secure(state.settings.secure_cookies)
        .path("/")
        .max_age(cookie::time::Duration::days(365))
        .build()
        .to_string()
}
