//! The audit log: who did what, when, from where. Rows are only ever inserted.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use std::net::IpAddr;

use crate::entities::{audit_entry, user};
use crate::Error;
use malaka_shared::audit::AuditRow;

pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    action: &str,
    subject: &str,
    detail: &str,
    ip: Option<IpAddr>,
) -> Result<(), Error> {
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_user_id: Set(actor),
        action: Set(action.to_owned()),
        subject: Set(subject.to_owned()),
        detail: Set(detail.to_owned()),
        ip: Set(ip.map(|ip| ip.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One page of the log, newest first: entries whose action, subject or detail contain `text`
/// (any case), by `actor` when given.
pub async fn search(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    text: Option<&str>,
    page: u64,
) -> Result<(Vec<AuditRow>, u64), Error> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func};
    use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let mut query = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id);
    if let Some(actor) = actor {
        query = query.filter(audit_entry::Column::ActorUserId.eq(actor));
    }
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
        let mut any = Condition::any();
        for column in [
            audit_entry::Column::Action,
            audit_entry::Column::Subject,
            audit_entry::Column::Detail,
        ] {
            any = any.add(Expr::expr(Func::lower(Expr::col(column))).like(pattern.clone()));
        }
        query = query.filter(any);
    }
    let pages = query.paginate(db, AUDIT_PAGE_SIZE);
    let total = pages.num_items().await?;
    let entries = pages.fetch_page(page).await?;
    let actors: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(entries.iter().filter_map(|e| e.actor_user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let rows = entries
        .into_iter()
        .map(|entry| AuditRow {
            at: entry.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            actor: entry
                .actor_user_id
                .and_then(|id| actors.get(&id).cloned())
                .unwrap_or_default(),
            action: entry.action,
            subject: entry.subject,
            detail: entry.detail,
            ip: entry.ip.unwrap_or_default(),
        })
        .collect();
    Ok((rows, total))
}

pub const AUDIT_PAGE_SIZE: u64 = 50;
