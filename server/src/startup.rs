//! Bringing the application up: connect, migrate, sync the course catalog, seed demo data.

use malaka_domain::auth::TokenKeys;
use malaka_domain::certificates::CertificateKeys;
use malaka_domain::jobs::{self, Job, Schedule};
use malaka_domain::keys::{database, KeyRing};
use malaka_domain::mail::{Mailer, OutboxWorker};
use malaka_domain::{demo, learning::catalog_sync, AppState, Db, Settings};
use malaka_migrations::{Migrator, MigratorTrait};
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
    Migrator::up(&db.write, None).await?;
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
    let report = catalog_sync::sync_catalog(&state.db, &catalog).await?;
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

/// What runs beside the web server: the outbox worker (when SMTP is configured) and the
/// periodic jobs, until `stop` is called.
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
