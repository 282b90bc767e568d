//! Email delivery, for admins: what waits in the outbox, what failed, and retrying it.

use crate::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use malaka_shared::mail::FailedEmail;
use malaka_shared::mail::OutboxOverview;
#[cfg(feature = "ssr")]
use malaka_shared::people::Role;

#[server(endpoint = "email-outbox")]
pub async fn email_outbox() -> Result<OutboxOverview, AppError> {
    use malaka_domain::mail::outbox;
    use malaka_domain::AppState;
    crate::guard::require_role(&[Role::Admin])?;
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
    use malaka_domain::mail::outbox;
    use malaka_domain::{audit, AppState};
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
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
