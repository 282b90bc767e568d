use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub course_id: i32,
    /// `None` for the final quiz's pool.
    pub lesson_id: Option<i32>,
    pub key: String,
    pub language: String,
    pub position: i32,
    /// `malaka_courses::quiz::Question` as JSON, with its correct answers: never sent as is.
    pub definition: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
