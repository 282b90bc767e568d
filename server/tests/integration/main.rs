//! Integration tests: the real migrations, services and HTTP application against a real
//! database. SQLite by default; PostgreSQL when `MALAKA_TEST_POSTGRES_URL` points at a server
//! (each test then gets a database of its own). `make test` runs them both ways.

mod completion;
mod smtp_sink;
mod support;

mod access;
mod assignments;
mod auth;
mod authoring;
mod backup;
mod catalog_sync;
mod certificates;
mod checks;
mod email;
mod error_pages;
mod final_quiz;
mod hr_reports;
mod http;
mod jobs;
mod keys;
mod learning;
mod metrics;
mod password_reset;
mod people;
mod rate_limits;
mod recurrence;
mod reminders;
mod reports;
mod second_script;
mod seed;
mod summaries;
