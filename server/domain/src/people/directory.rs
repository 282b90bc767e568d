//! Admins' changes to people: role, unit and whether the account is active. Each change is
//! audited; a new role or a deactivation ends the person's sessions, and a move enrols them in
//! the assignments that cover their new unit.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, Condition, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use std::net::IpAddr;

use crate::assignments::Newcomers;
use crate::entities::{org_unit, user};
use crate::{audit, people::organisation, CurrentUser, Db};
use crate::{Error, Refusal};
use malaka_shared::people::Role;
use malaka_shared::people::{PersonChange, PersonSummary};

pub const PEOPLE_PAGE_SIZE: u64 = 50;

/// People whose name or email contains `text` (any case), by name, a page at a time.
pub async fn search(
    db: &Db,
    text: Option<&str>,
    page: u64,
) -> Result<(Vec<PersonSummary>, u64), Error> {
    let mut query = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Id);
    if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
        query = query.filter(
            Condition::any()
                .add(Expr::expr(Func::lower(Expr::col(user::Column::Name))).like(pattern.clone()))
                .add(Expr::col(user::Column::Email).like(pattern)),
        );
    }
    let pages = query.paginate(&db.read, PEOPLE_PAGE_SIZE);
    let total = pages.num_items().await?;
    let units = org_unit::Entity::find().all(&db.read).await?;
    let paths = organisation::paths(&units);
    let people = pages
        .fetch_page(page)
        .await?
        .into_iter()
        .map(|person| summary(person, &paths))
        .collect();
    Ok((people, total))
}

fn summary(
    person: user::Model,
    paths: &std::collections::HashMap<i32, Vec<String>>,
) -> PersonSummary {
    PersonSummary {
        id: person.id,
        name: person.name,
        email: person.email,
        role: person.role,
        unit_id: person.org_unit_id,
        unit: person
            .org_unit_id
            .and_then(|u| paths.get(&u))
            .map(|names| names.join(" / "))
            .unwrap_or_default(),
        position: person.position.unwrap_or_default(),
        active: person.active,
        awaiting_password: person.password_hash == super::invitations::NO_PASSWORD_YET,
    }
}

pub async fn find(db: &Db, id: i32) -> Result<PersonSummary, Error> {
    let person = user::Entity::find_by_id(id)
        .one(&db.read)
        .await?
        .ok_or(Error::NotFound)?;
    let units = org_unit::Entity::find().all(&db.read).await?;
    Ok(summary(person, &organisation::paths(&units)))
}

/// Applies `change` to person `id`; returns the audited actions (`person.role`, …).
pub async fn update(
    db: &Db,
    admin: &CurrentUser,
    id: i32,
    change: PersonChange,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<Vec<&'static str>, Error> {
    let role = Role::parse(&change.role).ok_or(Error::Refused(Refusal::UnknownRole))?;
    if id == admin.id && (role != Role::Admin || !change.active) {
        // Otherwise the last admin could lock everyone out of administration.
        return Err(Error::Refused(Refusal::OwnAdministrationRights));
    }
    if let Some(unit) = change.unit {
        org_unit::Entity::find_by_id(unit)
            .one(&db.read)
            .await?
            .ok_or(Error::NotFound)?;
    }
    let txn = db.write.begin().await?;
    let person = user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let before = person.clone();
    let mut row = person.into_active_model();
    let mut actions = Vec::new();
    let mut end_sessions = false;
    if before.role != role.as_str() {
        row.role = Set(role.as_str().into());
        actions.push((
            "person.role",
            format!("{} → {}", before.role, role.as_str()),
        ));
        end_sessions = true;
    }
    if before.org_unit_id != change.unit {
        row.org_unit_id = Set(change.unit);
        actions.push((
            "person.move",
            format!("unit {:?} → unit {:?}", before.org_unit_id, change.unit),
        ));
    }
    if before.active != change.active {
        row.active = Set(change.active);
        actions.push((
            if change.active {
                "person.activate"
            } else {
                "person.deactivate"
            },
            String::new(),
        ));
        end_sessions = true;
    }
    if actions.is_empty() {
        return Ok(Vec::new());
    }
    if end_sessions {
        row.token_version = Set(before.token_version + 1);
    }
    row.updated_at = Set(now);
    let updated = row.update(&txn).await?;
    for (action, detail) in &actions {
        audit::record(&txn, Some(admin.id), action, &updated.email, detail, ip).await?;
    }
    if before.org_unit_id != change.unit && updated.active {
        Newcomers::load(&txn)
            .await?
            .enrol(&txn, &updated, now)
            .await?;
    }
    txn.commit().await?;
    db.users.invalidate(&id);
    Ok(actions.into_iter().map(|(action, _)| action).collect())
}
