//! Email delivery, for admins: what waits in the outbox, what failed, and retrying it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedEmail {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub attempts: i32,
    pub last_error: String,
    pub created_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxOverview {
    pub pending: u64,
    pub failed: Vec<FailedEmail>,
}

#[server(endpoint = "email-outbox")]
pub async fn email_outbox() -> Result<OutboxOverview, AppError> {
    use crate::api::auth::Role;
    use crate::server::mail::outbox;
    use crate::server::{session, AppState};
    session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    let failed = outbox::failed_messages(&db.read).await?;
    Ok(OutboxOverview {
        pending: outbox::pending_count(&db.read).await?,
        failed: failed
            .into_iter()
            .map(|row| FailedEmail {
                id: row.id,
                recipient: row.recipient,
                kind: row.kind,
                attempts: row.attempts,
                last_error: row.last_error.unwrap_or_default(),
                created_on: row.created_at.format("%Y-%m-%d %H:%M").to_string(),
            })
            .collect(),
    })
}

#[server(endpoint = "retry-email")]
pub async fn retry_email(id: i64) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::mail::outbox;
    use crate::server::{audit, session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    outbox::retry(&db.write, id, chrono::Utc::now()).await?;
    audit::record(
        &db.write,
        Some(admin.id),
        "email.retry",
        &id.to_string(),
        "",
        context.client_ip,
    )
    .await?;
    leptos_axum::redirect("/admin/outbox");
    Ok(())
}
