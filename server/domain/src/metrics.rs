//! What operators watch, in Prometheus' text format: requests and their latency by route and
//! status, sign-in failures and job runs (counted as they happen, per node), and what is read
//! from the database when scraped (the outbox's depth and oldest message, quiz attempts in
//! progress, the connection pools). Each `AppState` has its own registry, so tests that run
//! several servers in one process see each one's own figures.

use chrono::Utc;
use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait};
use sea_orm::{QueryFilter, QueryOrder, QuerySelect};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use crate::entities::{outbox_message, quiz_attempt};
use crate::mail::outbox;
use crate::{Db, Error};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: String,
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: String,
    state: String,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// From 1 ms to about 16 s: a lesson page at the fast end, a country-wide export at the slow one.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    sign_in_failures: Counter,
    job_runs: Family<JobLabels, Counter>,
    outbox_waiting: Gauge,
    outbox_failed: Gauge,
    outbox_oldest_seconds: Gauge<f64, AtomicU64>,
    attempts_in_progress: Gauge,
    pool_connections: Family<PoolLabels, Gauge>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("malaka");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route and status",
            requests.clone(),
        );
        let latency = LatencyFamily::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer an HTTP request, by method and route",
            Unit::Seconds,
            latency.clone(),
        );
        let sign_in_failures = Counter::default();
        registry.register(
            "sign_in_failures",
            "Sign-ins refused for a wrong email or password",
            sign_in_failures.clone(),
        );
        let job_runs = Family::<JobLabels, Counter>::default();
        registry.register(
            "job_runs",
            "Passes of the periodic jobs this node ran, by job and outcome",
            job_runs.clone(),
        );
        let outbox_waiting = Gauge::default();
        registry.register(
            "outbox_waiting",
            "Emails in the outbox not sent yet",
            outbox_waiting.clone(),
        );
        let outbox_failed = Gauge::default();
        registry.register(
            "outbox_failed",
            "Emails the outbox gave up on (an admin can retry them)",
            outbox_failed.clone(),
        );
        let outbox_oldest_seconds = Gauge::<f64, AtomicU64>::default();
        registry.register_with_unit(
            "outbox_oldest_waiting",
            "Age of the oldest email not sent yet (0 when none waits)",
            Unit::Seconds,
            outbox_oldest_seconds.clone(),
        );
        let attempts_in_progress = Gauge::default();
        registry.register(
            "quiz_attempts_in_progress",
            "Final quiz attempts started and not submitted",
            attempts_in_progress.clone(),
        );
        let pool_connections = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "database_connections",
            "This node's database connections, by pool and state",
            pool_connections.clone(),
        );
        Self {
            inner: Arc::new(Inner {
                registry,
                requests,
                latency,
                sign_in_failures,
                job_runs,
                outbox_waiting,
                outbox_failed,
                outbox_oldest_seconds,
                attempts_in_progress,
                pool_connections,
            }),
        }
    }

    /// `route` is the route's pattern (`/courses/{slug}`), never the raw path, so that the number
    /// of series stays bounded whatever clients ask for.
    pub fn request_answered(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let route_labels = RouteLabels {
            method: method.to_owned(),
            route: route.to_owned(),
        };
        self.inner
            .latency
            .get_or_create(&route_labels)
            .observe(seconds);
        self.inner
            .requests
            .get_or_create(&RequestLabels {
                method: route_labels.method,
                route: route_labels.route,
                status,
            })
            .inc();
    }

    pub fn sign_in_failed(&self) {
        self.inner.sign_in_failures.inc();
    }

    pub fn job_ran(&self, job: &str, succeeded: bool) {
        let outcome = if succeeded { "ok" } else { "failed" };
        self.inner
            .job_runs
            .get_or_create(&JobLabels {
                job: job.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// Reads the database's figures, then writes everything in Prometheus' text format.
    pub async fn render(&self, db: &Db) -> Result<String, Error> {
        self.read_database_figures(db).await?;
        self.read_pools(db);
        let mut text = String::new();
        encode(&mut text, &self.inner.registry).map_err(|error| {
            tracing::error!(%error, "metrics could not be written");
            Error::Invariant("metrics could not be written")
        })?;
        Ok(text)
    }

    async fn read_database_figures(&self, db: &Db) -> Result<(), Error> {
        let waiting = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(outbox::PENDING))
            .count(&db.read)
            .await?;
        let failed = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(outbox::FAILED))
            .count(&db.read)
            .await?;
        let oldest = outbox_message::Entity::find()
            .filter(outbox_message::Column::Status.eq(outbox::PENDING))
            .order_by_asc(outbox_message::Column::CreatedAt)
            .select_only()
            .column(outbox_message::Column::CreatedAt)
            .into_tuple::<chrono::DateTime<Utc>>()
            .one(&db.read)
            .await?;
        let in_progress = quiz_attempt::Entity::find()
            .filter(quiz_attempt::Column::SubmittedAt.is_null())
            .count(&db.read)
            .await?;
        let inner = &self.inner;
        inner.outbox_waiting.set(gauge_value(waiting));
        inner.outbox_failed.set(gauge_value(failed));
        inner
            .outbox_oldest_seconds
            .set(oldest.map_or(0.0, |created| {
                (Utc::now() - created).num_milliseconds().max(0) as f64 / 1000.0
            }));
        inner.attempts_in_progress.set(gauge_value(in_progress));
        Ok(())
    }

    fn read_pools(&self, db: &Db) {
        // PostgreSQL reads and writes share one pool; SQLite has a pool of readers and one writer.
        let pools: Vec<(&str, &DatabaseConnection)> = match db.write.get_database_backend() {
            DbBackend::Postgres => vec![("shared", &db.write)],
            _ => vec![("read", &db.read), ("write", &db.write)],
        };
        for (name, connection) in pools {
            let (size, idle) = match connection.get_database_backend() {
                DbBackend::Sqlite => {
                    let pool = connection.get_sqlite_connection_pool();
                    (pool.size(), pool.num_idle())
                }
                DbBackend::Postgres => {
                    let pool = connection.get_postgres_connection_pool();
                    (pool.size(), pool.num_idle())
                }
                _ => continue,
            };
            let idle = u32::try_from(idle).unwrap_or(u32::MAX).min(size);
            for (state, count) in [("idle", idle), ("busy", size - idle)] {
                self.inner
                    .pool_connections
                    .get_or_create(&PoolLabels {
                        pool: name.to_owned(),
                        state: state.to_owned(),
                    })
                    .set(i64::from(count));
            }
        }
    }
}

fn gauge_value(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}
