//! Certificates: the learner's own, the public verification of any, and revocation by admins.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

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
    /// A newer certificate for the same course replaced this one (a renewal).
    pub renewed: bool,
}

#[server(endpoint = "my-certificates")]
pub async fn my_certificates() -> Result<Vec<CertificateSummary>, AppError> {
    use crate::server::{certificates, session, AppState};
    let user = session::require_user()?;
    certificates::list_for_user(&expect_context::<AppState>().db, user.id).await
}

/// Public: anyone holding a certificate can check it. Limited per address like sign-in.
#[server(endpoint = "verify-certificate")]
pub async fn verify_certificate(code: String) -> Result<Option<Verification>, AppError> {
    use crate::server::{certificates, session, AppState};
    let state = expect_context::<AppState>();
    let context = session::request_context();
    state.sign_in_limits.check_lookup(context.client_ip)?;
    certificates::verify(&state.db, &code).await
}

#[server(endpoint = "revoke-certificate")]
pub async fn revoke_certificate(code: String, reason: String) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::{certificates, session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    certificates::revoke(
        &expect_context::<AppState>().db,
        admin.id,
        &code,
        &reason,
        context.client_ip,
    )
    .await?;
    leptos_axum::redirect(&format!("/verify/{code}"));
    Ok(())
}
