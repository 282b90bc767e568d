//! Malaka's server: configuration from the environment, start-up (database, migrations, catalog
//! sync, demo data) and the HTTP application with its middleware. `main.rs` only wires these.

pub mod backup;
pub mod cli;
pub mod config;
pub mod data_copy;
pub mod key_commands;
pub mod seed;
pub mod startup;
pub mod summary_commands;
pub mod web;

pub use config::Config;
