use sea_orm::entity::prelude::*;

/// A finished round of recurring training, kept when the next round opens.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub course_id: i32,
    pub assignment_id: Option<i32>,
    pub due_at: Option<DateTimeUtc>,
    pub completed_at: DateTimeUtc,
    pub score_percent: Option<i16>,
    /// Time on task over the course's lessons during the round.
    pub seconds_spent: i32,
    /// When the next round opened.
    pub closed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
