//! The periodic jobs: certificate expiry, recurring rounds with reminders, and housekeeping. Every node runs
//! the loop; a pass runs on whichever node claims it (`claim`), once across the cluster. A node
//! told to stop finishes the pass it is running, hands the claim back and claims nothing more.

pub mod claim;

use chrono::Utc;
use rand::Rng;
use tokio_util::sync::CancellationToken;

use crate::assignments::{recurrence, reminders};
use crate::auth::rate_limit;
use crate::certificates::expiry;
use crate::{Db, Error, Metrics};

/// How often a node asks whether a pass is due; a pass is never later than this.
const POLL: std::time::Duration = std::time::Duration::from_secs(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    CertificateExpiry,
    /// Opens recurring rounds, then sends the reminders and digests that are due.
    TrainingReminders,
    /// Forgets rate-limit counts and sign-in failures that no longer limit anything.
    Housekeeping,
}

impl Job {
    pub const ALL: [Job; 3] = [
        Job::CertificateExpiry,
        Job::TrainingReminders,
        Job::Housekeeping,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::CertificateExpiry => "certificate-expiry",
            Job::TrainingReminders => "training-reminders",
            Job::Housekeeping => "housekeeping",
        }
    }

    pub async fn run_pass(self, db: &Db) -> Result<(), Error> {
        match self {
            Job::CertificateExpiry => {
                let report = expiry::run(db, Utc::now()).await?;
                if report != expiry::ExpiryReport::default() {
                    tracing::info!(?report, "certificate expiry pass");
                }
            }
            Job::TrainingReminders => {
                // New rounds first, so that the same pass reminds about them when they are due.
                let opened = recurrence::open_due_rounds(db, Utc::now()).await?;
                if opened > 0 {
                    tracing::info!(opened, "recurring training rounds opened");
                }
                let report = reminders::run(db, Utc::now()).await?;
                if report != reminders::ReminderReport::default() {
                    tracing::info!(?report, "training reminder pass");
                }
            }
            Job::Housekeeping => {
                let forgotten = rate_limit::forget_old(&db.write, Utc::now()).await?;
                tracing::debug!(forgotten, "old rate-limit counts forgotten");
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Schedule {
    pub job: Job,
    pub period: std::time::Duration,
    /// Longer than a pass ever takes: a claim older than this belongs to a node that died.
    pub lease: std::time::Duration,
    pub poll: std::time::Duration,
}

impl Schedule {
    pub fn hourly(job: Job) -> Self {
        Self {
            job,
            period: std::time::Duration::from_secs(3600),
            lease: std::time::Duration::from_secs(15 * 60),
            poll: POLL,
        }
    }
}

/// A name for this node in the jobs' claims and logs, different for every process.
pub fn node_name() -> String {
    let suffix: [u8; 4] = rand::rng().random();
    format!("node-{}-{}", std::process::id(), hex::encode(suffix))
}

/// Runs the job's passes when they are due, until `stop` is cancelled.
pub async fn run_periodically(
    db: Db,
    metrics: Metrics,
    node: String,
    schedule: Schedule,
    stop: CancellationToken,
) {
    let job = schedule.job.name();
    let lease = chrono_duration(schedule.lease);
    let period = chrono_duration(schedule.period);
    while !stop.is_cancelled() {
        match claim::claim(&db.write, job, &node, lease, Utc::now()).await {
            Ok(true) => {
                let outcome = schedule.job.run_pass(&db).await;
                if let Err(error) = &outcome {
                    tracing::error!(job, %error, "job pass failed");
                }
                metrics.job_ran(job, outcome.is_ok());
                match claim::finish(&db.write, job, &node, period, Utc::now()).await {
                    Ok(true) => {}
                    Ok(false) => tracing::warn!(job, "the pass outlived its lease"),
                    Err(error) => tracing::error!(job, %error, "job claim not handed back"),
                }
            }
            Ok(false) => {}
            Err(error) => tracing::error!(job, %error, "job could not be claimed"),
        }
        tokio::select! {
            () = stop.cancelled() => {}
            () = tokio::time::sleep(schedule.poll) => {}
        }
    }
    // A claim is held only during a pass, and the loop stops between passes; releasing is for a
    // pass that was claimed when the database went away before `finish`.
    if let Err(error) = claim::release(&db.write, job, &node).await {
        tracing::warn!(job, %error, "job claim not released at shutdown");
    }
    tracing::info!(job, node, "job stopped");
}

fn chrono_duration(duration: std::time::Duration) -> chrono::Duration {
    chrono::Duration::from_std(duration).unwrap_or(chrono::Duration::MAX)
}
