//! The audit log, searchable by admins (everything) and HR (their own actions).

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::audit::AuditPage;
#[cfg(feature = "ssr")]
use malaka_shared::people::Role;

#[server(endpoint = "audit-log")]
pub async fn search_audit_log(text: Option<String>, page: u64) -> Result<AuditPage, AppError> {
    use malaka_domain::{audit, AppState};
    let viewer = crate::guard::require_role(&[Role::Hr, Role::Admin])?;
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
