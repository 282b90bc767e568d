use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quiz_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub course_id: i32,
    /// 1 for the learner's first attempt at this course's quiz.
    pub number: i32,
    pub started_at: DateTimeUtc,
    pub deadline_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub score_percent: Option<i16>,
    pub passed: Option<bool>,
    /// JSON list of the drawn questions with their display orders.
    pub draw: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
