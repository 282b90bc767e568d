//! Certificates: the learner's own, and the public verification of any.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificateStatus {
    Valid,
    Expired,
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub code: String,
    pub public_id: String,
    pub course_title: String,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    pub expires_on: Option<String>,
    pub status: CertificateStatus,
}

/// What the public verification page shows for a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub code: String,
    /// The record's fields carry the server's signature, unchanged.
    pub genuine: bool,
    pub status: CertificateStatus,
    pub learner_name: String,
    pub course_title: String,
    pub course_version: i32,
    pub score_percent: Option<i16>,
    pub issued_on: String,
    pub expires_on: Option<String>,
    pub revoked_on: Option<String>,
    pub revoked_reason: Option<String>,
    /// Revoked, and its holder may not earn the course's certificate again until an admin
    /// lifts the bar.
    pub barred: bool,
    /// A newer certificate for the same course replaced this one (a renewal).
    pub renewed: bool,
}
