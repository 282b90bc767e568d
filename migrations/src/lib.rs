//! Malaka's database schema, as migrations that run on SQLite and PostgreSQL alike.
//! Migrations describe tables only; they never import application code, so old migrations keep
//! compiling whatever the application becomes.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_people_and_organisation;
mod m20261125_000002_courses_and_progress;
mod m20261125_000003_questions;
mod m20261125_000004_quiz_attempts;
mod m20261125_000005_certificates_and_outbox;
mod m20261125_000006_lesson_drafts;
mod m20261125_000007_course_versions;
mod m20261201_000008_people_and_assignments;
mod m20261202_000009_training_rounds;
mod m20261203_000010_unique_attempt_numbers;
mod m20261203_000011_revocation_bar;
mod m20261204_000012_certificate_signing_key;
mod m20261204_000013_password_reset_links;
mod m20261204_000014_enrolment_summary;
mod m20261204_000015_scheduled_jobs;
mod m20261204_000016_shared_rate_limits;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_people_and_organisation::Migration),
            Box::new(m20261125_000002_courses_and_progress::Migration),
            Box::new(m20261125_000003_questions::Migration),
            Box::new(m20261125_000004_quiz_attempts::Migration),
            Box::new(m20261125_000005_certificates_and_outbox::Migration),
            Box::new(m20261125_000006_lesson_drafts::Migration),
            Box::new(m20261125_000007_course_versions::Migration),
            Box::new(m20261201_000008_people_and_assignments::Migration),
            Box::new(m20261202_000009_training_rounds::Migration),
            Box::new(m20261203_000010_unique_attempt_numbers::Migration),
            Box::new(m20261203_000011_revocation_bar::Migration),
            Box::new(m20261204_000012_certificate_signing_key::Migration),
            Box::new(m20261204_000013_password_reset_links::Migration),
            Box::new(m20261204_000014_enrolment_summary::Migration),
            Box::new(m20261204_000015_scheduled_jobs::Migration),
            Box::new(m20261204_000016_shared_rate_limits::Migration),
        ]
    }
}
