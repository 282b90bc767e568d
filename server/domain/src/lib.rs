//! Malaka's domain: what the platform does, as plain async Rust functions over the database, that
//! server functions, HTTP routes, background jobs and tests all call. Folders by domain:
//! `learning` (catalog, lessons, progress), `quiz` (knowledge checks, attempts, item analysis),
//! `certificates`, `people` (directory, organisation, imports, invitations), `assignments`
//! (creation, recurrence, reminders), `reports`, `authoring`, `mail`, `audit`; `auth` holds
//! passwords, tokens, sign-in limits and the request's session. Infrastructure sits apart:
//! `db`, `entities`, `keys`, `state`, `error`, `jobs` (periodic passes, once across nodes) and
//! `metrics`. Nothing here depends on Leptos.

pub mod assignments;
pub mod audit;
pub mod auth;
pub mod authoring;
pub mod certificates;
pub mod db;
pub mod demo;
pub mod entities;
pub mod error;
pub mod jobs;
pub mod keys;
pub mod learning;
pub mod mail;
pub mod metrics;
pub mod people;
pub mod quiz;
pub mod refusal;
pub mod reports;
pub mod state;

pub use auth::session::{CurrentUser, RequestContext};
pub use db::Db;
pub use error::Error;
pub use metrics::Metrics;
pub use refusal::{QuizBlock, Refusal};
pub use state::{AppState, Settings};
