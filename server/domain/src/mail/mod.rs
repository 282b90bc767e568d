//! Email: the durable outbox (`outbox`), the messages composed from it in the recipient's
//! language (`compose`), and the worker that sends them over SMTP with retries (`worker`).

pub mod compose;
mod drafts;
pub mod error;
pub mod outbox;
pub mod worker;

pub use worker::{Mailer, OutboxWorker};
