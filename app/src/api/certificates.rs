//! Certificates: the learner's own, the public verification of any, and revocation by admins.

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::certificates::{CertificateSummary, Verification};
#[cfg(feature = "ssr")]
use malaka_shared::people::Role;

#[server(endpoint = "my-certificates")]
pub async fn my_certificates() -> Result<Vec<CertificateSummary>, AppError> {
    use malaka_domain::{certificates, AppState};
    let user = crate::guard::require_user()?;
    certificates::list_for_user(&expect_context::<AppState>().db, user.id)
        .await
        .map_err(AppError::from)
}

/// Public: anyone holding a certificate can check it. Limited per address like sign-in.
#[server(endpoint = "verify-certificate")]
pub async fn verify_certificate(code: String) -> Result<Option<Verification>, AppError> {
    use malaka_domain::{certificates, AppState};
    let state = expect_context::<AppState>();
    let context = crate::guard::request_context();
    state
        .sign_in_limits
        .check_lookup(&state.db.write, context.client_ip, chrono::Utc::now())
        .await?;
    certificates::verify(&state.db, &code)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "revoke-certificate")]
pub async fn revoke_certificate(code: String, reason: String) -> Result<(), AppError> {
    use malaka_domain::{certificates, AppState};
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
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

/// Lets the holder of a revoked certificate earn the course's certificate again. Admins only.
#[server(endpoint = "lift-certificate-bar")]
pub async fn lift_certificate_bar(code: String, reason: String) -> Result<(), AppError> {
    use malaka_domain::{certificates, AppState};
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
    certificates::lift_bar(
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
