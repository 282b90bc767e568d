use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lesson_drafts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_slug: String,
    pub file_name: String,
    pub markdown: String,
    pub updated_by: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
