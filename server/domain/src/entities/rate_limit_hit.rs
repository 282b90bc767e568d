use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_limit_hits")]
pub struct Model {
    /// What is counted: `sign-in-address:…`, `sign-in-account:…`, `lookup-address:…`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub bucket: String,
    /// The window's first second (Unix time).
    #[sea_orm(primary_key, auto_increment = false)]
    pub window_start: i64,
    pub hits: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
