//! The outbox worker: claims due messages, composes and sends them over SMTP, and records the
//! server's answer. Failures are retried with exponential backoff; after `MAX_ATTEMPTS` the
//! message is marked failed and admins can retry it. Each server instance may run one.
//!
//! Exactly once: a message is sent only by the worker holding its claim, and marked sent as soon
//! as the SMTP server accepts it. If a process dies in the instant between the server's "250 OK"
//! and that mark, the message is sent again when the claim expires, with the same Message-ID, so
//! mail systems can recognise the duplicate; no other failure sends twice.

use chrono::{Duration, Utc};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use rand::Rng;
use std::sync::Arc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::compose::compose;
use super::error::ComposeError;
use super::outbox;
use crate::entities::outbox_message;
use crate::AppState;
use crate::Error;

/// How long a claim lasts: longer than the SMTP timeout, so a slow send is never taken over.
const LEASE_SECONDS: i64 = 120;
const SMTP_TIMEOUT_SECONDS: u64 = 30;
const BATCH: u64 = 32;
const IDLE_POLL: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `url` as in `MALAKA_SMTP_URL`: `smtp://host:port`, `smtps://user:pass@host` (TLS from the
    /// start) or `smtp://user:pass@host:587?tls=required` (STARTTLS).
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("MALAKA_SMTP_URL is not usable: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(SMTP_TIMEOUT_SECONDS)))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("MALAKA_MAIL_FROM is not an address: {e}"))?;
        Ok(Self { transport, from })
    }
}

#[derive(Clone)]
pub struct OutboxWorker {
    inner: Arc<Inner>,
}

struct Inner {
    state: AppState,
    mailer: Mailer,
    id: String,
}

impl OutboxWorker {
    pub fn new(state: AppState, mailer: Mailer) -> Self {
        let suffix: [u8; 6] = rand::rng().random();
        Self {
            inner: Arc::new(Inner {
                state,
                mailer,
                id: format!("worker-{}", hex::encode(suffix)),
            }),
        }
    }

    pub fn id(&self) -> &str {
        &self.inner.id
    }

    /// Sends what is due now; returns how many messages were sent.
    pub async fn run_once(&self) -> Result<usize, Error> {
        let db = &self.inner.state.db;
        let claimed = outbox::claim_due(
            &db.write,
            &self.inner.id,
            BATCH,
            Duration::seconds(LEASE_SECONDS),
            Utc::now(),
        )
        .await?;
        let mut sends = JoinSet::new();
        for message in claimed {
            let worker = self.clone();
            sends.spawn(async move { worker.deliver(message).await });
        }
        let mut sent = 0;
        while let Some(result) = sends.join_next().await {
            if result?? {
                sent += 1;
            }
        }
        Ok(sent)
    }

    async fn deliver(&self, message: outbox_message::Model) -> Result<bool, Error> {
        let state = &self.inner.state;
        let retry_base = Duration::seconds(state.settings.mail_retry_seconds.max(1));
        let email = match compose(state, &self.inner.mailer.from, &message).await {
            Ok(email) => email,
            Err(ComposeError::Database(error)) => return Err(error),
            Err(error) => {
                tracing::error!(id = message.id, %error, "cannot compose email");
                let give_up = outbox_message::Model {
                    attempts: outbox::MAX_ATTEMPTS,
                    ..message
                };
                outbox::mark_attempt_failed(
                    &state.db.write,
                    &give_up,
                    &self.inner.id,
                    &error.to_string(),
                    retry_base,
                    Utc::now(),
                )
                .await?;
                return Ok(false);
            }
        };
        match self.inner.mailer.transport.send(email).await {
            Ok(response) => {
                let answer = format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                );
                outbox::mark_sent(
                    &state.db.write,
                    &message,
                    &self.inner.id,
                    &answer,
                    Utc::now(),
                )
                .await?;
                Ok(true)
            }
            Err(error) => {
                tracing::warn!(id = message.id, attempt = message.attempts + 1, %error, "email not sent");
                outbox::mark_attempt_failed(
                    &state.db.write,
                    &message,
                    &self.inner.id,
                    &error.to_string(),
                    retry_base,
                    Utc::now(),
                )
                .await?;
                Ok(false)
            }
        }
    }

    /// Sends while there is work, then polls every two seconds, until `stop` is cancelled; the
    /// sends in flight then finish (and are recorded) before it returns, so a node that is
    /// stopped leaves no message claimed.
    pub async fn run(self, stop: CancellationToken) {
        tracing::info!(worker = %self.inner.id, "outbox worker started");
        while !stop.is_cancelled() {
            let pause = match self.run_once().await {
                Ok(0) => IDLE_POLL,
                Ok(_) => std::time::Duration::ZERO,
                Err(error) => {
                    tracing::error!(%error, "outbox worker pass failed");
                    IDLE_POLL
                }
            };
            tokio::select! {
                () = stop.cancelled() => {}
                () = tokio::time::sleep(pause) => {}
            }
        }
        tracing::info!(worker = %self.inner.id, "outbox worker stopped");
    }
}
