//! Certificates: issued once per completion (`issue`), signed with the server's Ed25519 key
//! (`keys`, `record`), checked by anyone at `/verify/<code>`, revoked by admins, offered as a PDF
//! (`pdf`) and as a verifiable credential (`credential`) whose revocation wallets can check
//! (`status_list`), reminded and lapsed by `expiry`.

mod claims;
pub mod credential;
pub mod expiry;
pub mod issue;
pub mod keys;
pub mod pdf;
pub mod record;
pub mod status_list;

pub use issue::record_completion;
pub use keys::CertificateKeys;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::net::IpAddr;

use crate::entities::certificate;
use crate::{audit, AppState, CurrentUser, Db};
use crate::{Error, Refusal};
use malaka_shared::certificates::{CertificateStatus, CertificateSummary, Verification};
use malaka_shared::people::Role;

pub const MAX_REVOCATION_REASON: usize = 500;

pub fn status(record: &certificate::Model, now: DateTime<Utc>) -> CertificateStatus {
    if record.revoked_at.is_some() {
        CertificateStatus::Revoked
    } else if record.expires_at.is_some_and(|expires| expires <= now) {
        CertificateStatus::Expired
    } else {
        CertificateStatus::Valid
    }
}

fn day(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

pub async fn list_for_user(db: &Db, user_id: i32) -> Result<Vec<CertificateSummary>, Error> {
    let now = Utc::now();
    let records = certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user_id))
        .order_by_desc(certificate::Column::IssuedAt)
        .all(&db.read)
        .await?;
    Ok(records
        .iter()
        .map(|record| CertificateSummary {
            code: record.code.clone(),
            public_id: record.public_id.clone(),
            course_title: record.course_title.clone(),
            issued_on: day(record.issued_at),
            expires_on: record.expires_at.map(day),
            status: status(record, now),
        })
        .collect())
}

pub async fn find_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<certificate::Model>, Error> {
    let Some(code) = record::normalise_code(code) else {
        return Ok(None);
    };
    Ok(certificate::Entity::find()
        .filter(certificate::Column::Code.eq(code))
        .one(db)
        .await?)
}

pub async fn find_by_public_id(
    db: &impl ConnectionTrait,
    public_id: &str,
) -> Result<Option<certificate::Model>, Error> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::PublicId.eq(public_id))
        .one(db)
        .await?)
}

/// What the public may know about the certificate with `code`: `None` when there is none.
pub async fn verify(db: &Db, code: &str) -> Result<Option<Verification>, Error> {
    let Some(record) = find_by_code(&db.read, code).await? else {
        return Ok(None);
    };
    let keys = CertificateKeys::load(db).await?;
    let renewed = certificate::Entity::find()
        .filter(certificate::Column::ReplacesId.eq(record.id))
        .one(&db.read)
        .await?
        .is_some();
    Ok(Some(Verification {
        code: record.code.clone(),
        genuine: record::is_genuine(&keys, &record),
        status: status(&record, Utc::now()),
        learner_name: record.learner_name.clone(),
        course_title: record.course_title.clone(),
        course_version: record.course_version,
        score_percent: record.score_percent,
        issued_on: day(record.issued_at),
        expires_on: record.expires_at.map(day),
        revoked_on: record.revoked_at.map(day),
        revoked_reason: record.revoked_reason.clone(),
        barred: issue::is_barred(&record),
        renewed,
    }))
}

/// The certificate an admin acts on, and the reason they gave (1 to 500 characters).
async fn with_reason<'r>(
    db: &Db,
    code: &str,
    reason: &'r str,
) -> Result<(certificate::Model, &'r str), Error> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REVOCATION_REASON {
        return Err(Error::Refused(Refusal::ReasonLength));
    }
    let record = find_by_code(&db.write, code)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((record, reason))
}

/// Revokes a certificate for good, with the reason shown on its verification page. Audited.
pub async fn revoke(
    db: &Db,
    admin_id: i32,
    code: &str,
    reason: &str,
    ip: Option<IpAddr>,
) -> Result<(), Error> {
    let (record, reason) = with_reason(db, code, reason).await?;
    let revoked = certificate::Entity::update_many()
        .col_expr(certificate::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(certificate::Column::RevokedBy, Expr::value(admin_id))
        .col_expr(certificate::Column::RevokedReason, Expr::value(reason))
        .filter(certificate::Column::Id.eq(record.id))
        .filter(certificate::Column::RevokedAt.is_null())
        .exec(&db.write)
        .await?;
    if revoked.rows_affected == 1 {
        audit::record(
            &db.write,
            Some(admin_id),
            "certificate.revoke",
            &record.code,
            reason,
            ip,
        )
        .await?;
    }
    Ok(())
}

/// Lets the holder of a revoked certificate earn the course's certificate again: their quiz
/// attempts count afresh from now and passing issues a successor. The revoked certificate
/// stays revoked. Audited with the admin's reason.
pub async fn lift_bar(
    db: &Db,
    admin_id: i32,
    code: &str,
    reason: &str,
    ip: Option<IpAddr>,
) -> Result<(), Error> {
    let (record, reason) = with_reason(db, code, reason).await?;
    if record.revoked_at.is_none() {
        return Err(Error::Refused(Refusal::NotRevoked));
    }
    let lifted = certificate::Entity::update_many()
        .col_expr(certificate::Column::BarLiftedAt, Expr::value(Utc::now()))
        .col_expr(certificate::Column::BarLiftedBy, Expr::value(admin_id))
        .filter(certificate::Column::Id.eq(record.id))
        .filter(certificate::Column::BarLiftedAt.is_null())
        .exec(&db.write)
        .await?;
    if lifted.rows_affected == 1 {
        audit::record(
            &db.write,
            Some(admin_id),
            "certificate.lift-bar",
            &record.code,
            reason,
            ip,
        )
        .await?;
    }
    Ok(())
}

/// The certificate with `public_id`, if `viewer` may download it: its owner, or an admin.
async fn downloadable(
    db: &Db,
    viewer: &CurrentUser,
    public_id: &str,
) -> Result<certificate::Model, Error> {
    let record = find_by_public_id(&db.read, public_id)
        .await?
        .ok_or(Error::NotFound)?;
    if record.user_id == viewer.id || viewer.role == Role::Admin {
        Ok(record)
    } else {
        // Not 403: whether someone else's certificate exists is not the viewer's business.
        Err(Error::NotFound)
    }
}

/// The PDF's file name and bytes.
pub async fn pdf_for(
    state: &AppState,
    viewer: &CurrentUser,
    public_id: &str,
) -> Result<(String, Vec<u8>), Error> {
    let record = downloadable(&state.db, viewer, public_id).await?;
    let url = pdf::verify_url(&state.settings.site_url, &record.code);
    let name = format!("malaka-certificate-{}.pdf", record.code);
    let bytes = tokio::task::spawn_blocking(move || {
        pdf::render(&record, &pdf::PdfContext { verify_url: &url })
    })
    .await?;
    Ok((name, bytes))
}

/// The verifiable credential's file name and JWT.
pub async fn credential_for(
    state: &AppState,
    viewer: &CurrentUser,
    public_id: &str,
) -> Result<(String, String), Error> {
    let record = downloadable(&state.db, viewer, public_id).await?;
    let keys = CertificateKeys::load(&state.db).await?;
    let jwt = credential::issue_jwt(&keys, &record, &state.settings.site_url);
    Ok((format!("malaka-credential-{}.jwt", record.code), jwt))
}
