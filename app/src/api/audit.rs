//! The audit log, searchable by admins (everything) and HR (their own actions).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub ip: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

#[server(endpoint = "audit-log")]
pub async fn search_audit_log(text: Option<String>, page: u64) -> Result<AuditPage, AppError> {
    use crate::api::auth::Role;
    use crate::server::{audit, session, AppState};
    let viewer = session::require_role(&[Role::Hr, Role::Admin])?;
    let actor = (viewer.role != Role::Admin).then_some(viewer.id);
    let db = &expect_context::<AppState>().db;
    let (rows, total) = audit::search(&db.read, actor, text.as_deref(), page).await?;
    Ok(AuditPage {
        rows,
        total,
        page,
        page_size: audit::AUDIT_PAGE_SIZE,
    })
}
