//! Request metrics, and `/metrics` itself. Requests are counted by their route's pattern (and
//! by server function), never by raw path, so a client cannot blow up the number of series.
//! `/metrics` is not on the site's router: it is served on an address of its own
//! (`MALAKA_METRICS_ADDR`) that only the monitoring network reaches.

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use malaka_domain::AppState;
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use super::SERVER_FN_PREFIX;

/// Filled in by `note_route` once routing has matched, read by `record` when the response is out.
#[derive(Clone, Default)]
struct RouteSlot(Arc<OnceLock<String>>);

/// The outermost layer: times every request, including compression, up to its response's head.
pub async fn record(
    State(state): State<AppState>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let slot = RouteSlot::default();
    request.extensions_mut().insert(slot.clone());
    let response = next.run(request).await;
    let route = slot.0.get().map_or("unmatched", String::as_str);
    state.metrics.request_answered(
        &method,
        route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// A route layer: knows which route matched.
pub async fn note_route(request: Request<Body>, next: Next) -> Response {
    if let (Some(slot), Some(matched)) = (
        request.extensions().get::<RouteSlot>(),
        request.extensions().get::<MatchedPath>(),
    ) {
        let path = request.uri().path();
        let route = if matched.as_str().starts_with(SERVER_FN_PREFIX) && is_server_function(path) {
            path
        } else {
            matched.as_str()
        };
        let _ = slot.0.set(route.to_owned());
    }
    next.run(request).await
}

fn is_server_function(path: &str) -> bool {
    static PATHS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATHS
        .get_or_init(|| {
            leptos::server_fn::axum::server_fn_paths()
                .map(|(path, _)| path)
                .collect()
        })
        .contains(path)
}

pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
}

async fn metrics(State(state): State<AppState>) -> Response {
    match state.metrics.render(&state.db).await {
        Ok(text) => (
            [(
                header::CONTENT_TYPE,
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "metrics could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
