//! Server-side half of the application (feature `ssr`): shared state, authentication, the
//! database entities and the domain services that server functions and tests call.

pub mod assignments;
pub mod audit;
pub mod auth;
pub mod authoring;
pub mod catalog_cache;
pub mod catalog_sync;
pub mod certificates;
pub mod db;
pub mod demo;
pub mod entities;
pub mod error;
pub mod final_quiz;
pub mod item_analysis;
pub mod learning;
pub mod mail;
pub mod organisation;
pub mod people;
pub mod quizzes;
pub mod recurrence;
pub mod reminders;
pub mod reports;
pub mod secrets;
pub mod session;
pub mod state;

pub use db::Db;
pub use session::{CurrentUser, RequestContext};
pub use state::{AppState, Settings};
