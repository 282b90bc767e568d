//! A browser that meets an error with nothing to show (an unknown address, a file it may not
//! have, too many requests, a failure) gets a page that says what happened in the reader's
//! language, with a way on, instead of its own blank error screen. Pages rendered by the app
//! already explain their errors; scripts, feeds and files asked for by programs (no
//! `Accept: text/html`) keep their bare status.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::*;
use malaka_domain::auth::session::anonymous_locale;
use malaka_shared::i18n::{t, Locale};

pub async fn readable_errors(request: Request, next: Next) -> Response {
    let wants_page = matches!(*request.method(), Method::GET | Method::HEAD)
        && request
            .headers()
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    if !wants_page {
        return next.run(request).await;
    }
    // The two headers that choose the language, kept aside (shared bytes, no copy); the
    // language itself is worked out only when there is an error to explain.
    let mut asked = HeaderMap::new();
    for name in [header::COOKIE, header::ACCEPT_LANGUAGE] {
        if let Some(value) = request.headers().get(&name) {
            asked.insert(name, value.clone());
        }
    }
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    if !is_error || response.headers().contains_key(header::CONTENT_TYPE) {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let page = error_page(status, anonymous_locale(&asked), &path);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
}

/// What the status means to the reader, and where to go from here.
fn error_page(status: StatusCode, locale: Locale, path: &str) -> String {
    let message = match status {
        StatusCode::UNAUTHORIZED => "error-not-signed-in",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::NOT_FOUND | StatusCode::GONE => "error-not-found",
        StatusCode::TOO_MANY_REQUESTS => "error-rate-limited",
        status if status.is_server_error() => "error-internal",
        _ => "error-invalid",
    };
    let (href, label) = match status {
        StatusCode::UNAUTHORIZED => (
            format!(
                "/sign-in?next={}",
                form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
            ),
            t(locale, "sign-in-title"),
        ),
        _ => ("/learning".to_owned(), t(locale, "nav-my-learning")),
    };
    let title = t(locale, message);
    let code = status.as_u16().to_string();
    // The strict fallback policy allows inline styles and nothing else: no script, no forms.
    let page = view! {
        <html lang=locale.html_lang()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{format!("{title} · Malaka")}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <main role="alert">
                    <h1>{title.clone()}</h1>
                    <p><a href=href>{label}</a></p>
                    <p class="status">{code}</p>
                </main>
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", page.to_html())
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f4f6f8;line-height:1.5}\
main{max-width:36rem;margin:4rem auto;padding:1.5rem;background:#fff;border-left:4px solid #a61b1b}\
h1{font-size:1.4rem;margin:0 0 1rem}a{color:#0b5cad}.status{color:#4a5563}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_says_what_happened() {
        for (status, key) in [
            (StatusCode::UNAUTHORIZED, "error-not-signed-in"),
            (StatusCode::FORBIDDEN, "error-forbidden"),
            (StatusCode::NOT_FOUND, "error-not-found"),
            (StatusCode::TOO_MANY_REQUESTS, "error-rate-limited"),
            (StatusCode::BAD_GATEWAY, "error-internal"),
            (StatusCode::PAYLOAD_TOO_LARGE, "error-invalid"),
        ] {
            let page = error_page(status, Locale::Ru, "/x");
            assert!(page.contains(&t(Locale::Ru, key)), "{status}: {page}");
            assert!(page.contains(&format!(">{}<", status.as_u16())));
        }
        let cyrillic = error_page(StatusCode::TOO_MANY_REQUESTS, Locale::UzCyrl, "/x");
        assert!(cyrillic.contains("lang=\"uz-Cyrl\""));
        assert!(cyrillic.contains(&t(Locale::UzCyrl, "error-rate-limited")));
    }
}
