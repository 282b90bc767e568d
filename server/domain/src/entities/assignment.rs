use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    /// `unit` (the unit and its sub-units), `position`, or `people` (a list, on the enrolments).
    pub audience: String,
    pub org_unit_id: Option<i32>,
    pub position: Option<String>,
    pub due_at: DateTimeUtc,
    pub window_days: i32,
    pub recur_months: Option<i32>,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
