//! Response headers that every page needs, and the cross-site request guard for server functions.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{ServerState, SERVER_FN_PREFIX};

/// Pages set their own Content-Security-Policy (with a nonce); anything else gets a strict one.
const FALLBACK_CSP: &str = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/// Once the site is served over TLS, browsers should never try it without: two years, as the
/// HSTS preload list asks.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";

pub async fn headers(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let over_tls = state
        .app
        .settings
        .public_origin
        .as_deref()
        .is_some_and(|origin| origin.starts_with("https://"));
    if over_tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(FALLBACK_CSP));
    response
}

/// Pages are personal (progress, names): browsers may keep them, shared caches may not.
pub async fn private_pages(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("private, no-cache"));
    response
}

/// Server functions change things, so they must come from our own pages. The session cookie is
/// SameSite=Lax already; this refuses what a browser marks as cross-site (`Sec-Fetch-Site`) or
/// what carries another `Origin`, which Leptos does not check by itself.
pub async fn refuse_cross_site_writes(
    State(state): State<ServerState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with(SERVER_FN_PREFIX) {
        if request.method() != Method::POST {
            return StatusCode::METHOD_NOT_ALLOWED.into_response();
        }
        if !is_same_origin(
            request.headers(),
            state.app.settings.public_origin.as_deref(),
        ) {
            tracing::warn!(
                path = request.uri().path(),
                "refused a cross-site request to a server function"
            );
            return (StatusCode::FORBIDDEN, "cross-site requests are not allowed").into_response();
        }
    }
    next.run(request).await
}

fn is_same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    match text(header::ORIGIN.as_str()) {
        // Neither header: not a browser request made on behalf of another site.
        None => true,
        Some(origin) => {
            let host = text(header::HOST.as_str()).unwrap_or_default();
            let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
            public_origin.map_or(origin_host == host, |public| origin == public)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn same_origin_requests_pass() {
        assert!(is_same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000"),
                ("sec-fetch-site", "same-origin")
            ]),
            None
        ));
        assert!(is_same_origin(
            &headers(&[("host", "127.0.0.1:3000")]),
            None
        ));
    }

    #[test]
    fn cross_site_requests_are_refused() {
        assert!(!is_same_origin(
            &headers(&[("host", "malaka.uz"), ("sec-fetch-site", "cross-site")]),
            None
        ));
        assert!(!is_same_origin(
            &headers(&[("host", "malaka.uz"), ("origin", "https://evil.example")]),
            None
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("host", "malaka.uz"),
                ("sec-fetch-site", "same-site"),
                ("origin", "https://x.malaka.uz")
            ]),
            None
        ));
    }

    #[test]
    fn behind_a_proxy_the_public_origin_decides() {
        let request = headers(&[
            ("host", "10.0.0.5:3000"),
            ("origin", "https://malaka.gov.uz"),
        ]);
        assert!(is_same_origin(&request, Some("https://malaka.gov.uz")));
        assert!(!is_same_origin(&request, Some("https://other.gov.uz")));
    }
}
