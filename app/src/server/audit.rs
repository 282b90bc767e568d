//! The audit log: who did what, when, from where. Rows are only ever inserted.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use std::net::IpAddr;

use super::entities::audit_entry;
use crate::AppError;

pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    action: &str,
    subject: &str,
    detail: &str,
    ip: Option<IpAddr>,
) -> Result<(), AppError> {
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
