//! For load balancers and monitors: `/healthz` says the process answers and reaches its
//! database; `/readyz` says it should get traffic: database reachable, every migration
//! applied, course catalog loaded. Each failing check is logged once, here.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use malaka_migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;

use super::ServerState;

pub async fn healthz(State(state): State<ServerState>) -> Response {
    match state.app.db.read.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(serde::Serialize)]
struct Readiness {
    database: bool,
    migrations: bool,
    catalog: bool,
}

pub async fn readyz(State(state): State<ServerState>) -> Response {
    let db = &state.app.db;
    let database = match db.read.execute_unprepared("SELECT 1").await {
        Ok(_) => true,
        Err(error) => {
            tracing::error!(%error, "readiness: the database is unreachable");
            false
        }
    };
    let migrations = match Migrator::get_pending_migrations(&db.read).await {
        Ok(pending) if pending.is_empty() => true,
        Ok(pending) => {
            tracing::error!(pending = pending.len(), "readiness: migrations not applied");
            false
        }
        Err(error) => {
            tracing::error!(%error, "readiness: the migrations could not be read");
            false
        }
    };
    let catalog = !db.catalog.snapshot().courses.is_empty();
    let ready = Readiness {
        database,
        migrations,
        catalog,
    };
    let status = match database && migrations && catalog {
        true => StatusCode::OK,
        false => StatusCode::SERVICE_UNAVAILABLE,
    };
    (status, Json(ready)).into_response()
}
