//! Integration tests: the real migrations, services and HTTP application against a real
//! database. SQLite by default; PostgreSQL when `MALAKA_TEST_POSTGRES_URL` points at a server
//! (each test then gets a database of its own). `make test` runs them both ways.

mod support;

mod auth;
mod catalog_sync;
mod checks;
mod final_quiz;
mod http;
mod learning;
mod reports;
