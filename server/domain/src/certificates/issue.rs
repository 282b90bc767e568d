//! Completing a course: the enrolment's completion, the certificate and its email are written in
//! one transaction. A certificate is issued exactly once per completion (a unique index on the
//! learner, the course and the certificate's sequence number backs this up under races).

use chrono::{DateTime, Duration, Months, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::keys::CertificateKeys;
use super::record;
use crate::entities::{certificate, enrolment, user};
use crate::learning::catalog_cache::CachedCourse;
use crate::mail::outbox::{self, Email};
use crate::Error;
use malaka_shared::i18n::Locale;

/// A certificate this close to its expiry (or past it) can be renewed by completing the course
/// again; the 30-day reminder invites the learner to do so.
pub const RENEWAL_WINDOW_DAYS: i64 = 30;

/// Records that `user_id` completed `course` with `score` (the final quiz's, if it has one) and
/// issues the certificate: the first time the course is completed; again, as the successor of
/// the last one, when a new round of recurring training is completed; or as a renewal when
/// the current certificate is about to expire and `retaken` says this completion comes from
/// passing the final quiz again (re-reading a lesson renews nothing). Nothing is recorded while
/// a revoked certificate bars the learner (see [`is_barred`]). Returns the new certificate, if
/// one was issued. Call it inside the transaction that recorded what completed the course.
pub async fn record_completion(
    txn: &impl ConnectionTrait,
    keys: &CertificateKeys,
    user_id: i32,
    course: &CachedCourse,
    score: Option<i16>,
    retaken: bool,
    now: DateTime<Utc>,
) -> Result<Option<certificate::Model>, Error> {
    let latest = latest_certificate(txn, user_id, course.model.id).await?;
    if latest.as_ref().is_some_and(is_barred) {
        return Ok(None);
    }
    let first_completion = enrolment::Entity::update_many()
        .col_expr(enrolment::Column::CompletedAt, Expr::value(now))
        .col_expr(enrolment::Column::ScorePercent, Expr::value(score))
        .filter(enrolment::Column::UserId.eq(user_id))
        .filter(enrolment::Column::CourseId.eq(course.model.id))
        .filter(enrolment::Column::CompletedAt.is_null())
        .exec(txn)
        .await?
        .rows_affected
        == 1;
    let renewing = match (&latest, first_completion) {
        (None, true) => None,
        // A completion recorded before certificates existed gets its certificate now.
        (None, false) => None,
        // An open enrolment with a certificate: a recurring assignment opened a new round.
        (Some(current), true) => Some(current),
        (Some(current), _) if retaken && is_renewable(current, now) => Some(current),
        (Some(_), _) => return Ok(None),
    };
    if renewing.is_some() {
        enrolment::Entity::update_many()
            .col_expr(enrolment::Column::CompletedAt, Expr::value(now))
            .col_expr(enrolment::Column::ScorePercent, Expr::value(score))
            .filter(enrolment::Column::UserId.eq(user_id))
            .filter(enrolment::Column::CourseId.eq(course.model.id))
            .exec(txn)
            .await?;
    }
    let learner = user::Entity::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound)?;
    let issued = issue(txn, keys, &learner, course, score, renewing, now).await?;
    Ok(Some(issued))
}

/// When the learner's current certificate for the course can be renewed at `now`: the moment
/// renewal opened (an admin lifting a revocation's bar, or 30 days before its expiry), since
/// which quiz attempts count afresh. `None` when there is nothing to renew.
pub async fn renewable_since(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, Error> {
    let latest = latest_certificate(db, user_id, course_id).await?;
    Ok(latest
        .filter(|current| is_renewable(current, now))
        .and_then(|current| {
            current.bar_lifted_at.or(current
                .expires_at
                .map(|expires| expires - Duration::days(RENEWAL_WINDOW_DAYS)))
        }))
}

/// The learner's current certificate for the course: the one with the highest sequence.
async fn latest_certificate(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<Option<certificate::Model>, Error> {
    Ok(certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user_id))
        .filter(certificate::Column::CourseId.eq(course_id))
        .order_by_desc(certificate::Column::Sequence)
        .one(db)
        .await?)
}

/// Whether the learner's revoked certificate for the course still bars them from earning it
/// again (no new attempts, no new certificate) until an admin lifts the bar.
pub async fn barred(
    db: &impl ConnectionTrait,
    user_id: i32,
    course_id: i32,
) -> Result<bool, Error> {
    Ok(latest_certificate(db, user_id, course_id)
        .await?
        .as_ref()
        .is_some_and(is_barred))
}

/// Revoked, and the bar not lifted. Only the latest certificate counts: a revoked one that a
/// successor (earned after the bar was lifted) replaced bars nothing.
pub fn is_barred(current: &certificate::Model) -> bool {
    current.revoked_at.is_some() && current.bar_lifted_at.is_none()
}

fn is_renewable(current: &certificate::Model, now: DateTime<Utc>) -> bool {
    match current.revoked_at {
        Some(_) => current.bar_lifted_at.is_some(),
        None => current
            .expires_at
            .is_some_and(|expires| expires - now <= Duration::days(RENEWAL_WINDOW_DAYS)),
    }
}

async fn issue(
    txn: &impl ConnectionTrait,
    keys: &CertificateKeys,
    learner: &user::Model,
    course: &CachedCourse,
    score: Option<i16>,
    replaces: Option<&certificate::Model>,
    now: DateTime<Utc>,
) -> Result<certificate::Model, Error> {
    let language = Locale::from_code(&learner.language).unwrap_or_default();
    let issued_at = now.trunc_subsecs(0);
    let expires_at = course
        .model
        .certificate_validity_months
        .and_then(|months| u32::try_from(months).ok())
        .and_then(|months| issued_at.checked_add_months(Months::new(months)));
    let mut record = certificate::Model {
        id: 0,
        public_id: record::new_public_id(),
        code: record::new_code(),
        user_id: learner.id,
        course_id: course.model.id,
        sequence: replaces.map_or(1, |old| old.sequence + 1),
        learner_name: learner.name.clone(),
        course_slug: course.model.slug.clone(),
        course_title: course.title(language),
        course_version: course.model.version,
        language: language.code().into(),
        score_percent: score,
        issued_at,
        expires_at,
        signature: String::new(),
        replaces_id: replaces.map(|old| old.id),
        revoked_at: None,
        revoked_by: None,
        revoked_reason: None,
        reminded_30_at: None,
        reminded_7_at: None,
        lapsed_at: None,
        bar_lifted_at: None,
        bar_lifted_by: None,
        signing_key_id: Some(keys.key_id.clone()),
    };
    record.signature = record::sign(keys, &record);
    let inserted = certificate::ActiveModel {
        public_id: Set(record.public_id.clone()),
        code: Set(record.code.clone()),
        user_id: Set(record.user_id),
        course_id: Set(record.course_id),
        sequence: Set(record.sequence),
        learner_name: Set(record.learner_name.clone()),
        course_slug: Set(record.course_slug.clone()),
        course_title: Set(record.course_title.clone()),
        course_version: Set(record.course_version),
        language: Set(record.language.clone()),
        score_percent: Set(record.score_percent),
        issued_at: Set(record.issued_at),
        expires_at: Set(record.expires_at),
        signature: Set(record.signature.clone()),
        signing_key_id: Set(record.signing_key_id.clone()),
        replaces_id: Set(record.replaces_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    outbox::enqueue(
        txn,
        &Email::CertificateIssued {
            certificate_id: inserted.id,
        },
        &learner.email,
        language.code(),
        now,
    )
    .await?;
    tracing::info!(
        code = %inserted.code,
        user = learner.id,
        course = %course.model.slug,
        "certificate issued"
    );
    Ok(inserted)
}
