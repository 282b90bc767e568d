//! The organisation tree: ministries, their departments, and units, each in a region.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use std::collections::{HashMap, HashSet};

use super::entities::org_unit;
use crate::AppError;

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
) -> Result<org_unit::Model, AppError> {
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
pub async fn subtree(db: &impl ConnectionTrait, root: i32) -> Result<HashSet<i32>, AppError> {
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
