//! The organisation tree: ministries, their departments, and units, each in a region.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use std::collections::{HashMap, HashSet};

use crate::entities::{org_unit, user};
use crate::{Error, Refusal};
use malaka_shared::people::UnitRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Ministry,
    Department,
    Unit,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Ministry => "ministry",
            UnitKind::Department => "department",
            UnitKind::Unit => "unit",
        }
    }
}

pub async fn create_unit(
    db: &impl ConnectionTrait,
    parent: Option<i32>,
    kind: UnitKind,
    name: &str,
    region: &str,
) -> Result<org_unit::Model, Error> {
    let unit = org_unit::ActiveModel {
        parent_id: Set(parent),
        kind: Set(kind.as_str().to_owned()),
        name: Set(name.to_owned()),
        region: Set(region.to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    Ok(unit.insert(db).await?)
}

/// `root` and every unit below it. The tree is small (hundreds of units), so it is walked in memory.
pub async fn subtree(db: &impl ConnectionTrait, root: i32) -> Result<HashSet<i32>, Error> {
    let units = org_unit::Entity::find().all(db).await?;
    let mut children: HashMap<i32, Vec<i32>> = HashMap::new();
    for unit in &units {
        if let Some(parent) = unit.parent_id {
            children.entry(parent).or_default().push(unit.id);
        }
    }
    let mut found = HashSet::from([root]);
    let mut pending = vec![root];
    while let Some(unit) = pending.pop() {
        for &child in children.get(&unit).into_iter().flatten() {
            if found.insert(child) {
                pending.push(child);
            }
        }
    }
    Ok(found)
}

/// Adds a unit; its kind follows from where it sits (a ministry at the top, then departments,
/// then units).
pub async fn add_unit(
    db: &impl ConnectionTrait,
    parent: Option<i32>,
    name: &str,
    region: &str,
) -> Result<org_unit::Model, Error> {
    let (name, region) = (name.trim(), region.trim());
    if name.is_empty() || region.is_empty() || name.contains('/') {
        return Err(Error::Refused(Refusal::UnitNameMissing));
    }
    let kind = match parent {
        None => UnitKind::Ministry,
        Some(parent) => match org_unit::Entity::find_by_id(parent).one(db).await? {
            None => return Err(Error::NotFound),
            Some(parent) if parent.kind == UnitKind::Ministry.as_str() => UnitKind::Department,
            Some(_) => UnitKind::Unit,
        },
    };
    create_unit(db, parent, kind, name, region).await
}

/// Each unit's path from its ministry, e.g. `Ministry / Department / Unit`.
pub fn paths(units: &[org_unit::Model]) -> HashMap<i32, Vec<String>> {
    let by_id: HashMap<i32, &org_unit::Model> = units.iter().map(|u| (u.id, u)).collect();
    units
        .iter()
        .map(|unit| {
            let mut names = vec![unit.name.clone()];
            let mut at = unit.parent_id;
            // The depth bound stops a corrupted cycle from looping forever.
            while let (Some(id), true) = (at, names.len() < 32) {
                let Some(parent) = by_id.get(&id) else { break };
                names.push(parent.name.clone());
                at = parent.parent_id;
            }
            names.reverse();
            (unit.id, names)
        })
        .collect()
}

/// What a staff file's `unit` column may say, normalised: the full path, or the bare name
/// (which may name several units, and is then ambiguous).
pub async fn unit_directory(db: &impl ConnectionTrait) -> Result<HashMap<String, Vec<i32>>, Error> {
    let units = org_unit::Entity::find().all(db).await?;
    let mut directory: HashMap<String, Vec<i32>> = HashMap::new();
    for (id, names) in paths(&units) {
        let path = crate::people::staff_file::unit_key(&names.join("/"));
        let name = crate::people::staff_file::unit_key(names.last().map_or("", String::as_str));
        directory.entry(path.clone()).or_default().push(id);
        if name != path {
            directory.entry(name).or_default().push(id);
        }
    }
    Ok(directory)
}

/// The whole tree in display order (each unit after its parent), with head counts.
pub async fn tree_rows(db: &impl ConnectionTrait) -> Result<Vec<UnitRow>, Error> {
    use sea_orm::{FromQueryResult, QuerySelect};
    #[derive(FromQueryResult)]
    struct HeadCount {
        org_unit_id: Option<i32>,
        people: i64,
    }
    let units = org_unit::Entity::find().all(db).await?;
    let counts: HashMap<i32, u64> = user::Entity::find()
        .select_only()
        .column(user::Column::OrgUnitId)
        .column_as(user::Column::Id.count(), "people")
        .group_by(user::Column::OrgUnitId)
        .into_model::<HeadCount>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| c.org_unit_id.map(|unit| (unit, c.people as u64)))
        .collect();
    let manager_ids: Vec<i32> = units.iter().filter_map(|u| u.manager_id).collect();
    let managers: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(manager_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let mut paths: Vec<(Vec<String>, &org_unit::Model)> = {
        let all = paths(&units);
        units
            .iter()
            .map(|unit| (all.get(&unit.id).cloned().unwrap_or_default(), unit))
            .collect()
    };
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(paths
        .into_iter()
        .map(|(names, unit)| UnitRow {
            id: unit.id,
            kind: unit.kind.clone(),
            name: unit.name.clone(),
            region: unit.region.clone(),
            depth: names.len().saturating_sub(1),
            path: names.join(" / "),
            people: counts.get(&unit.id).copied().unwrap_or(0),
            manager: unit.manager_id.and_then(|id| managers.get(&id).cloned()),
        })
        .collect())
}

/// Makes the person with `email` the manager of `unit`, who then gets its weekly digest.
pub async fn set_manager(
    db: &impl ConnectionTrait,
    unit: i32,
    email: &str,
) -> Result<user::Model, Error> {
    let manager = crate::people::find_by_email(db, email)
        .await?
        .filter(|person| person.active)
        .ok_or(Error::Refused(Refusal::UnknownManager))?;
    let updated = org_unit::Entity::update_many()
        .col_expr(
            org_unit::Column::ManagerId,
            sea_orm::sea_query::Expr::value(manager.id),
        )
        .filter(org_unit::Column::Id.eq(unit))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(Error::NotFound);
    }
    Ok(manager)
}
