//! The HTTP application: Leptos pages and server functions, the health check, course assets and
//! the site's static files, behind the security, session and compression layers.

mod assets;
mod authoring;
mod certificates;
mod error;
mod error_pages;
mod health;
mod metrics;
mod people;
mod reports;
mod security;
mod session;

use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use malaka_app::app::{shell, App};
use malaka_domain::AppState;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use metrics::metrics_router;

/// Where server functions live; every one of them is POST-only and same-origin-only.
pub const SERVER_FN_PREFIX: &str = "/api";

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub app: AppState,
    pub leptos: LeptosOptions,
}

/// Files that need to know who is asking (the session is attached to these): each checks the
/// role and owner itself. With `public_routes`, every route outside Leptos, listed once so that
/// the role matrix test (`tests/integration/access.rs`) walks the same list the router serves.
pub fn file_routes() -> Vec<(&'static str, MethodRouter<ServerState>)> {
    vec![
        ("/author/{course}/export.zip", get(authoring::export)),
        ("/hr/reports/{file}", get(reports::download)),
        (
            "/certificates/{public_id}/{file}",
            get(certificates::download),
        ),
    ]
}

/// What anyone may fetch, without a session: health, the keys and revocation list that
/// verifiers need, and course images.
pub fn public_routes() -> Vec<(&'static str, MethodRouter<ServerState>)> {
    vec![
        ("/healthz", get(health::healthz)),
        ("/readyz", get(health::readyz)),
        (
            malaka_domain::certificates::credential::JWKS_PATH,
            get(certificates::jwks),
        ),
        (
            malaka_domain::certificates::status_list::STATUS_LIST_PATH,
            get(certificates::status_list),
        ),
        ("/course-assets/{course}/{file}", get(assets::course_asset)),
    ]
}

pub fn router(app: AppState, leptos: LeptosOptions) -> Router {
    let state = ServerState {
        app: app.clone(),
        leptos: leptos.clone(),
    };
    let routes = generate_route_list(App);
    let signed_files = file_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        });
    let pages_and_functions = signed_files
        .route(
            &format!("{SERVER_FN_PREFIX}/{{*name}}"),
            post(server_fn_handler),
        )
        .route(
            &format!("{SERVER_FN_PREFIX}/course-import"),
            post(authoring::import).layer(authoring::upload_limit()),
        )
        .route(
            &format!("{SERVER_FN_PREFIX}/people-import"),
            post(people::upload).layer(people::upload_limit()),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let app = app.clone();
                move || provide_context(app.clone())
            },
            {
                let leptos = leptos.clone();
                move || shell(leptos.clone())
            },
        )
        // An address no route knows is rendered by the app too, whose router answers it with
        // the "not found" page inside the usual layout (header, language switcher, way back).
        .fallback(leptos_axum::render_app_to_stream_with_context(
            {
                let app = app.clone();
                let leptos = leptos.clone();
                move || {
                    provide_context(app.clone());
                    provide_context(leptos.clone());
                }
            },
            {
                let leptos = leptos.clone();
                move || shell(leptos.clone())
            },
        ))
        .layer(from_fn(error::server_fn_error_status))
        .layer(from_fn_with_state(
            state.clone(),
            security::refuse_cross_site_writes,
        ))
        .layer(from_fn_with_state(state.clone(), session::attach_session))
        .layer(from_fn(security::private_pages));

    // Asset names carry a content hash (cargo-leptos `hash-files`), so they never change.
    let site_files = Router::new()
        .nest_service(
            "/pkg",
            ServeDir::new(format!("{}/{}", leptos.site_root, leptos.site_pkg_dir))
                .precompressed_br(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    public_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .merge(pages_and_functions)
        .merge(site_files)
        .route_layer(from_fn(metrics::note_route))
        .layer(from_fn(error_pages::readable_errors))
        .layer(from_fn_with_state(state.clone(), security::headers))
        // Pages are compressed per response with zstd or gzip: fast for small documents (brotli's
        // per-response set-up costs more than it saves at this size). The static files were
        // compressed with brotli at its best once, at build time (`make build`).
        .layer(CompressionLayer::new().no_br().zstd(true).gzip(true))
        .layer(from_fn_with_state(app, metrics::record))
        // Every request gets an id (or keeps the one the load balancer gave it) that its log
        // lines carry and its response returns, so a complaint can be traced to its logs.
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id
    )
}

async fn server_fn_handler(
    State(state): State<ServerState>,
    request: Request<Body>,
) -> impl IntoResponse {
    let app = state.app.clone();
    handle_server_fns_with_context(move || provide_context(app.clone()), request).await
}
