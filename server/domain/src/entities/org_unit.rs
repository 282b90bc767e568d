use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub parent_id: Option<i32>,
    /// `ministry`, `department` or `unit`.
    pub kind: String,
    pub name: String,
    pub region: String,
    pub created_at: DateTimeUtc,
    /// Gets the weekly digest of who is overdue in this unit and below it.
    pub manager_id: Option<i32>,
    pub digested_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
