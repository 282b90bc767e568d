use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: String,
    #[sea_orm(unique)]
    pub code: String,
    pub user_id: i32,
    pub course_id: i32,
    pub sequence: i32,
    pub learner_name: String,
    pub course_slug: String,
    pub course_title: String,
    pub course_version: i32,
    pub language: String,
    pub score_percent: Option<i16>,
    pub issued_at: DateTimeUtc,
    pub expires_at: Option<DateTimeUtc>,
    pub signature: String,
    pub replaces_id: Option<i32>,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<i32>,
    pub revoked_reason: Option<String>,
    pub reminded_30_at: Option<DateTimeUtc>,
    pub reminded_7_at: Option<DateTimeUtc>,
    pub lapsed_at: Option<DateTimeUtc>,
    /// When an admin let the holder of this revoked certificate earn the course's again.
    pub bar_lifted_at: Option<DateTimeUtc>,
    pub bar_lifted_by: Option<i32>,
    /// The key that signed the record; none on records from before keys had ids.
    pub signing_key_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
