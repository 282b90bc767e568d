//! sea-orm entities: one file per table, mirroring `migrations/`.

pub mod assignment;
pub mod audit_entry;
pub mod certificate;
pub mod check_answer;
pub mod course;
pub mod course_text;
pub mod course_version;
pub mod enrolment;
pub mod invitation;
pub mod lesson;
pub mod lesson_draft;
pub mod lesson_progress;
pub mod lesson_text;
pub mod org_unit;
pub mod outbox_message;
pub mod people_import;
pub mod question;
pub mod quiz_answer;
pub mod quiz_attempt;
pub mod rate_limit_hit;
pub mod reminder;
pub mod scheduled_job;
pub mod server_secret;
pub mod sign_in_failure;
pub mod training_round;
pub mod user;
