use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "course_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_slug: String,
    pub version: i32,
    pub published_by: Option<i32>,
    pub published_at: DateTimeUtc,
    /// The course folder as `malaka_courses::archive::export_course` writes it.
    pub archive: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
