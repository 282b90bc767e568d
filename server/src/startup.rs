//! Bringing the application up: connect, migrate, sync the course catalog, seed demo data.

use malaka_domain::auth::TokenKeys;
use malaka_domain::certificates::CertificateKeys;
use malaka_domain::jobs::{self, Job, Schedule};
use malaka_domain::keys::{database, KeyRing};
use malaka_domain::learning::{catalog_follow, catalog_sync};
use malaka_domain::mail::{Mailer, OutboxWorker};
use malaka_domain::{demo, AppState, Db, Settings};
use malaka_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, TransactionTrait};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("the course catalog has problems:\n{0}")]
    Catalog(#[from] malaka_courses::CatalogError),
    #[error("{0}")]
    Mail(String),
    #[error("start-up failed: {0}")]
    Domain(#[from] malaka_domain::Error),
    #[error(
        "no signing keys are configured: outside demo mode they come from MALAKA_KEYS_FILE (or \
         MALAKA_KEYS), never from the database. Make a key file with \
         `malaka-server keys generate --out /etc/malaka/keys.toml` (see README, \"Keys\")"
    )]
    NoKeys,
}

pub async fn prepare(
    database_url: &str,
    keys: Option<KeyRing>,
    settings: Settings,
) -> Result<AppState, StartupError> {
    let db = Db::connect(database_url).await?;
    migrate(&db).await?;
    let ring = match keys {
        Some(ring) => {
            let forgotten = database::reconcile(&db.write, &ring).await?;
            if forgotten > 0 {
                tracing::warn!(
                    "the key file is in use: {forgotten} keys kept in the database were deleted"
                );
            }
            ring
        }
        None if settings.demo_mode => database::demo_key_ring(&db.write).await?,
        None => return Err(StartupError::NoKeys),
    };
    tracing::info!(keys = ?ring, "signing keys loaded");
    let tokens = TokenKeys::from_ring(&ring, settings.session_minutes);
    let certificate_keys = std::sync::Arc::new(CertificateKeys::from_ring(&ring)?);
    if db.certificate_keys.set(certificate_keys).is_err() {
        return Err(malaka_domain::Error::Invariant("a fresh connection already had keys").into());
    }
    let state = AppState::new(db, tokens, settings);
    let catalog = malaka_courses::load_catalog(&state.settings.catalog_dir)?;
    // Nodes starting together may both insert a new course: the one that loses the race
    // finds the other's rows on its next pass, unchanged, and goes on with the next course.
    // Each lost race means one more course is in, so there are at most as many as courses.
    let mut passes_left = catalog.courses.len() + 1;
    let report = loop {
        match catalog_sync::sync_catalog(&state.db, &catalog).await {
            Ok(report) => break report,
            Err(error) if passes_left > 0 => {
                passes_left -= 1;
                tracing::warn!(%error, "catalog sync met another node's; syncing again");
            }
            Err(error) => return Err(error.into()),
        }
    };
    tracing::info!(?report, "course catalog synced");
    if state.settings.demo_mode {
        demo::seed_demo(&state).await?;
        tracing::warn!(
            "demo mode: demo accounts with the password `{}` exist",
            demo::DEMO_PASSWORD
        );
    } else {
        let disabled = demo::disable_demo_accounts(&state.db).await?;
        if disabled > 0 {
            tracing::warn!("not in demo mode: {disabled} demo accounts were disabled");
        }
    }
    Ok(state)
}

/// Several nodes may start at once (a rolling deployment). The migrations run in one transaction
/// that only one node holds at a time (on PostgreSQL under an advisory lock, on SQLite as an
/// immediate transaction): one node applies them while the others wait, then find nothing left
/// to do; a migration that fails leaves the schema as it was.
async fn migrate(db: &Db) -> Result<(), StartupError> {
    if db.write.get_database_backend() == DbBackend::Sqlite {
        // The writer pool has one connection, so everything below runs on it, inside one
        // immediate transaction: it waits (busy timeout) for another process's migrations.
        db.write.execute_unprepared("BEGIN IMMEDIATE").await?;
        let migrated = Migrator::up(&db.write, None).await;
        let end = if migrated.is_ok() {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        db.write.execute_unprepared(end).await?;
        return Ok(migrated?);
    }
    let txn = db.write.begin().await?;
    txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        .await?;
    Migrator::up(&txn, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Any number that no other application on the same PostgreSQL uses for an advisory lock.
const MIGRATION_LOCK: i64 = 0x6d61_6c61_6b61;

/// What runs beside the web server: the outbox worker (when SMTP is configured), the periodic
/// jobs and the catalog follower, until `stop` is called.
pub struct BackgroundJobs {
    stop: CancellationToken,
    tasks: JoinSet<()>,
}

impl BackgroundJobs {
    /// Stops claiming work and waits for the work in hand (emails being sent, a job's pass) to
    /// finish and be recorded.
    pub async fn stop(mut self) {
        self.stop.cancel();
        while let Some(result) = self.tasks.join_next().await {
            if let Err(error) = result {
                tracing::error!(%error, "a background job ended abnormally");
            }
        }
    }
}

pub fn spawn_background_jobs(state: &AppState) -> Result<BackgroundJobs, StartupError> {
    let stop = CancellationToken::new();
    let mut tasks = JoinSet::new();
    match &state.settings.smtp_url {
        Some(url) => {
            let mailer = Mailer::new(url, &state.settings.mail_from).map_err(StartupError::Mail)?;
            tasks.spawn(OutboxWorker::new(state.clone(), mailer).run(stop.clone()));
        }
        None => tracing::warn!("MALAKA_SMTP_URL is not set: emails wait in the outbox"),
    }
    tasks.spawn(catalog_follow::follow(
        state.db.clone(),
        catalog_follow::FOLLOW_EVERY,
        stop.clone(),
    ));
    let node = jobs::node_name();
    for job in Job::ALL {
        tasks.spawn(jobs::run_periodically(
            state.db.clone(),
            state.metrics.clone(),
            node.clone(),
            Schedule::hourly(job),
            stop.clone(),
        ));
    }
    Ok(BackgroundJobs { stop, tasks })
}
