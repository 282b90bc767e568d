use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub uploaded_by: i32,
    pub uploaded_at: DateTimeUtc,
    pub file_name: String,
    /// The file as uploaded, decoded to UTF-8: applied later without a second upload.
    pub content: String,
    pub rows_total: i32,
    pub rows_clean: i32,
    /// JSON list of the problems found, each with its line.
    pub problems: String,
    pub applied_at: Option<DateTimeUtc>,
    pub applied_count: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
