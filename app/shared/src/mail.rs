//! Email delivery, for admins: what waits in the outbox and what failed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedEmail {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub attempts: i32,
    pub last_error: String,
    pub created_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxOverview {
    pub pending: u64,
    pub failed: Vec<FailedEmail>,
}
