use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub course_id: i32,
    pub enrolled_at: DateTimeUtc,
    pub due_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    /// The final quiz score that completed the course, when it has a quiz.
    pub score_percent: Option<i16>,
    /// The HR assignment that made this enrolment mandatory, if any.
    pub assignment_id: Option<i32>,
    /// The last due-date reminder: at most one a week.
    pub reminded_at: Option<DateTimeUtc>,
    /// When a recurring assignment opened the current round; earlier quiz attempts and reading
    /// belong to the rounds in `training_rounds`.
    pub round_opened_at: Option<DateTimeUtc>,
    /// The summary of the current round's reading, kept with every progress write (see
    /// `learning::summary`): lessons completed, seconds on the lessons, the last lesson read.
    pub lessons_done: i32,
    pub seconds_spent: i64,
    pub last_progress_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
