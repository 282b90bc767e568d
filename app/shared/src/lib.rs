//! What Malaka's browser bundle and its server both need, and nothing else: the types that server
//! functions return (one module per domain, named as in the domain crate), roles, the user-facing
//! error and the i18n layer. It compiles to wasm32 and depends on no server crate, so the
//! dependency direction pages -> server functions -> domain -> shared types holds by construction.

pub mod assignments;
pub mod audit;
pub mod authoring;
pub mod certificates;
pub mod error;
pub mod i18n;
pub mod learning;
pub mod mail;
pub mod people;
pub mod quiz;
pub mod reports;
pub mod script;

pub use error::AppError;
