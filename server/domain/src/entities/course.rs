use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub source_language: String,
    pub estimated_minutes: i32,
    pub pass_mark: i16,
    pub certificate_validity_months: Option<i16>,
    pub content_hash: String,
    /// Raised each time the course's files change.
    pub version: i32,
    pub archived: bool,
    pub updated_at: DateTimeUtc,
    /// The final quiz's settings (`malaka_courses::quiz::QuizSettings` as JSON), if it has one.
    pub quiz_settings: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
