use axum::http::StatusCode;
use base64::Engine;
use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use malaka_app::i18n::Locale;
use malaka_domain::certificates::{self, credential::CredentialClaims, expiry};
use malaka_domain::entities::{audit_entry, certificate, enrolment, outbox_message};
use malaka_domain::learning;
use malaka_shared::certificates::CertificateStatus;
use malaka_shared::people::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::process::Command;

use crate::support::TestApp;

const COURSE: &str = "cybersecurity";
const ENGLISH: &str = "malaka_lang=en";

async fn certificates_of(app: &TestApp, user: i32) -> Vec<certificate::Model> {
    certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user))
        .all(&app.state.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn completing_a_course_issues_one_signed_certificate_and_queues_its_email() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let now = Utc::now();
    let score = app.complete_course(officer, COURSE, now).await;

    let issued = certificates_of(&app, officer).await;
    assert_eq!(issued.len(), 1);
    let record = &issued[0];
    assert_eq!(record.score_percent, Some(score));
    assert_eq!(record.learner_name, "Test jasur@gov.uz");
    assert_eq!(record.course_title, "Cybersecurity for public servants");
    let expires = record
        .expires_at
        .expect("the course is valid for 12 months");
    assert!((330..=370).contains(&(expires - record.issued_at).num_days()));
    let completed = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(officer))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(completed.score_percent, Some(score));

    let queued = outbox_message::Entity::find()
        .all(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].kind, "certificate_issued");
    assert_eq!(queued[0].recipient, "jasur@gov.uz");

    // Completing lessons again issues nothing more.
    let outline = learning::course_outline(&app.state.db, officer, COURSE, Locale::En)
        .await
        .unwrap();
    learning::complete_lesson(
        &app.state.db,
        officer,
        COURSE,
        &outline.lessons[0].slug,
        None,
    )
    .await
    .unwrap();
    assert_eq!(certificates_of(&app, officer).await.len(), 1);

    let verification = certificates::verify(&app.state.db, &record.code.to_lowercase())
        .await
        .unwrap()
        .expect("found by its code, typed in lower case");
    assert!(verification.genuine);
    assert_eq!(verification.status, CertificateStatus::Valid);
    assert_eq!(verification.score_percent, Some(score));

    let page = app
        .get(&format!("/verify/{}", record.code), Some(ENGLISH))
        .await;
    assert_eq!(page.status, StatusCode::OK, "public, no sign-in");
    assert!(page.body.contains("This certificate is genuine"));
    assert!(page.body.contains("Test jasur@gov.uz"));
    let typed = app.get("/verify?code=ZZZZZ-ZZZZZ", Some(ENGLISH)).await;
    assert!(typed.body.contains("No certificate has this code"));
}

#[tokio::test]
async fn a_tampered_certificate_fails_verification() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let record = certificates_of(&app, officer).await.remove(0);

    certificate::Entity::update_many()
        .col_expr(certificate::Column::ScorePercent, Expr::value(42))
        .filter(certificate::Column::Id.eq(record.id))
        .exec(&app.state.db.write)
        .await
        .unwrap();
    let verification = certificates::verify(&app.state.db, &record.code)
        .await
        .unwrap()
        .unwrap();
    assert!(!verification.genuine);
    let page = app
        .get(&format!("/verify/{}", record.code), Some(ENGLISH))
        .await;
    assert!(
        page.body.contains("do not match Malaka&#x27;s signature")
            || page.body.contains("do not match Malaka's signature")
    );
}

#[tokio::test]
async fn an_admin_revokes_a_certificate_with_a_reason_and_it_shows_revoked() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let admin = app.user("admin@gov.uz", Role::Admin, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let record = certificates_of(&app, officer).await.remove(0);
    let form = [
        ("code", record.code.as_str()),
        (
            "reason",
            "Issued in error: the quiz was taken by someone else",
        ),
    ];

    let officer_cookie = app.cookie_for(officer).await;
    let refused = app
        .post_form("/api/revoke-certificate", &form, Some(&officer_cookie))
        .await;
    assert_ne!(refused.status, StatusCode::OK);
    assert!(certificates_of(&app, officer).await[0].revoked_at.is_none());

    let admin_cookie = app.cookie_for(admin).await;
    let page = app
        .get(&format!("/verify/{}", record.code), Some(&admin_cookie))
        .await;
    assert!(
        page.body.contains("Revoke this certificate"),
        "offered to admins"
    );
    let revoked = app
        .post_form("/api/revoke-certificate", &form, Some(&admin_cookie))
        .await;
    assert!(revoked.status.is_redirection(), "{}", revoked.status);

    let verification = certificates::verify(&app.state.db, &record.code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(verification.status, CertificateStatus::Revoked);
    assert!(
        verification.genuine,
        "revocation does not touch the signed fields"
    );
    let page = app
        .get(&format!("/verify/{}", record.code), Some(ENGLISH))
        .await;
    assert!(page.body.contains("This certificate was revoked on"));
    assert!(page.body.contains("the quiz was taken by someone else"));
    let audit = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("certificate.revoke"))
        .all(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].actor_user_id, Some(admin));
    assert_eq!(audit[0].subject, record.code);
}

/// Revoked means barred: no new attempt and no new certificate until
/// an admin lifts the bar, which is audited; the revoked certificate stays revoked, and the
/// successor earned afterwards replaces it.
#[tokio::test]
async fn a_revoked_certificate_bars_re_earning_until_an_admin_lifts_the_bar() {
    use malaka_domain::quiz::attempts;
    use malaka_domain::Error;
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let admin = app.user("admin@gov.uz", Role::Admin, None).await;
    let db = &app.state.db;
    let now = Utc::now();
    app.complete_course(officer, COURSE, now).await;
    let record = certificates_of(&app, officer).await.remove(0);
    certificates::revoke(db, admin, &record.code, "someone else took the quiz", None)
        .await
        .unwrap();

    let later = now + Duration::days(2);
    assert_eq!(
        attempts::start(db, officer, COURSE, later).await,
        Err(Error::Refused(malaka_domain::Refusal::QuizBlocked(
            malaka_domain::QuizBlock::Revoked
        )))
    );
    let overview = attempts::overview(db, officer, COURSE, Locale::En)
        .await
        .unwrap();
    assert_eq!(overview.blocked.as_deref(), Some("quiz-blocked-revoked"));
    assert!(
        certificates::verify(db, &record.code)
            .await
            .unwrap()
            .unwrap()
            .barred
    );

    let form = [
        ("code", record.code.as_str()),
        ("reason", "retraining agreed"),
    ];
    let officer_cookie = app.cookie_for(officer).await;
    let refused = app
        .post_form("/api/lift-certificate-bar", &form, Some(&officer_cookie))
        .await;
    assert_ne!(refused.status, StatusCode::OK);
    assert!(certificates_of(&app, officer).await[0]
        .bar_lifted_at
        .is_none());
    let admin_cookie = app.cookie_for(admin).await;
    let page = app
        .get(&format!("/verify/{}", record.code), Some(&admin_cookie))
        .await;
    assert!(page.body.contains("earn this course"), "offered to admins");
    let lifted = app
        .post_form("/api/lift-certificate-bar", &form, Some(&admin_cookie))
        .await;
    assert!(lifted.status.is_redirection(), "{}", lifted.status);
    let audit = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("certificate.lift-bar"))
        .all(&db.read)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].actor_user_id, Some(admin));

    // The attempt budget counts from the lift: the earlier passed attempt does not block.
    let retaken = now + Duration::days(3);
    app.pass_final_quiz(officer, COURSE, retaken).await;
    let mut issued = certificates_of(&app, officer).await;
    issued.sort_by_key(|c| c.sequence);
    assert_eq!(issued.len(), 2, "a successor was earned");
    assert!(
        issued[0].revoked_at.is_some(),
        "the revoked one stays revoked"
    );
    assert_eq!(issued[1].replaces_id, Some(issued[0].id));
    assert_eq!(
        certificates::status(&issued[1], retaken),
        CertificateStatus::Valid
    );
}

#[tokio::test]
async fn reminders_go_30_and_7_days_before_expiry_once_each_then_the_certificate_lapses() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let record = certificates_of(&app, officer).await.remove(0);
    let expires = record.expires_at.unwrap();
    let db = &app.state.db;
    let reminders = || async {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Kind.eq("certificate_expiring"))
            .all(&app.state.db.read)
            .await
            .unwrap()
    };

    let report = expiry::run(db, expires - Duration::days(40)).await.unwrap();
    assert_eq!(report, expiry::ExpiryReport::default());
    let report = expiry::run(db, expires - Duration::days(29)).await.unwrap();
    assert_eq!((report.reminded_30, report.reminded_7), (1, 0));
    let again = expiry::run(db, expires - Duration::days(28)).await.unwrap();
    assert_eq!(
        again,
        expiry::ExpiryReport::default(),
        "the 30-day reminder goes once"
    );
    let report = expiry::run(db, expires - Duration::days(6)).await.unwrap();
    assert_eq!((report.reminded_30, report.reminded_7), (0, 1));
    expiry::run(db, expires - Duration::days(5)).await.unwrap();
    assert_eq!(reminders().await.len(), 2);
    assert!(reminders().await[0].payload.contains("\"days\":29"));
    assert!(reminders().await[1].payload.contains("\"days\":6"));

    let report = expiry::run(db, expires + Duration::days(1)).await.unwrap();
    assert_eq!(report.lapsed, 1);
    assert!(certificates_of(&app, officer).await[0].lapsed_at.is_some());
    assert_eq!(
        certificates::status(&record, expires + Duration::days(1)),
        CertificateStatus::Expired
    );
}

#[tokio::test]
async fn retaking_the_quiz_near_expiry_issues_a_new_certificate_linked_to_the_old() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let old = certificates_of(&app, officer).await.remove(0);
    let renewal_time = old.expires_at.unwrap() - Duration::days(10);

    app.pass_final_quiz(officer, COURSE, renewal_time).await;
    let mut all = certificates_of(&app, officer).await;
    all.sort_by_key(|c| c.sequence);
    assert_eq!(all.len(), 2);
    let new = &all[1];
    assert_eq!(new.replaces_id, Some(old.id));
    assert_eq!(new.sequence, 2);
    assert!(new.expires_at.unwrap() > old.expires_at.unwrap() + Duration::days(300));
    let old_view = certificates::verify(&app.state.db, &old.code)
        .await
        .unwrap()
        .unwrap();
    assert!(old_view.renewed);
    // The old certificate is replaced: no reminders for it any more.
    let report = expiry::run(&app.state.db, old.expires_at.unwrap() - Duration::days(5))
        .await
        .unwrap();
    assert_eq!(report.reminded_7, 0);
}

#[tokio::test]
async fn the_pdf_is_valid_embeds_the_cyrillic_name_and_only_its_owner_gets_it() {
    let app = TestApp::new().await;
    let officer = app
        .person(
            "dilnoza@gov.uz",
            "Дилноза Рахимова",
            Role::Officer,
            Locale::Ru,
        )
        .await;
    let other = app.user("other@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let record = certificates_of(&app, officer).await.remove(0);
    let path = format!("/certificates/{}/certificate.pdf", record.public_id);

    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    let other_cookie = app.cookie_for(other).await;
    assert_eq!(
        app.get(&path, Some(&other_cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let cookie = app.cookie_for(officer).await;
    let response = app.get(&path, Some(&cookie)).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.headers["content-type"], "application/pdf");
    assert!(response.bytes.starts_with(b"%PDF-"));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("certificate.pdf");
    std::fs::write(&file, &response.bytes).unwrap();
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&check.stdout)
    );
    let text = crate::support::pdf_text(&response.bytes);
    assert!(text.contains("Дилноза Рахимова"), "{text}");
    assert!(
        text.contains("Сертификат"),
        "in the learner's language: {text}"
    );
    assert!(text.contains(&record.code));
    assert!(text.contains(&format!("/verify/{}", record.code)));
}

#[tokio::test]
async fn the_credential_checks_against_the_published_key_and_a_forged_one_does_not() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let record = certificates_of(&app, officer).await.remove(0);
    let cookie = app.cookie_for(officer).await;
    let jwt = app
        .get(
            &format!("/certificates/{}/credential.jwt", record.public_id),
            Some(&cookie),
        )
        .await
        .body;

    let jwks: serde_json::Value =
        serde_json::from_str(&app.get("/.well-known/jwks.json", None).await.body).unwrap();
    let key = &jwks["keys"][0];
    assert_eq!(key["kty"], "OKP");
    assert_eq!(key["crv"], "Ed25519");
    let decoding = DecodingKey::from_ed_components(key["x"].as_str().unwrap()).unwrap();
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_aud = false;
    let claims = jsonwebtoken::decode::<CredentialClaims>(&jwt, &decoding, &validation)
        .expect("the credential verifies with the published key")
        .claims;
    assert_eq!(
        claims.vc["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(claims.vc["credentialSubject"]["name"], "Test jasur@gov.uz");
    assert!(claims.jti.ends_with(&format!("/verify/{}", record.code)));

    // Change the name in the payload and keep the signature: verification must fail.
    let parts: Vec<&str> = jwt.split('.').collect();
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let payload = String::from_utf8(engine.decode(parts[1]).unwrap()).unwrap();
    let forged_payload = engine.encode(payload.replace("Test jasur@gov.uz", "Someone Else"));
    let forged = format!("{}.{}.{}", parts[0], forged_payload, parts[2]);
    assert!(jsonwebtoken::decode::<CredentialClaims>(&forged, &decoding, &validation).is_err());
}

/// A wallet holding the credential can see a revocation: the credential's `credentialStatus`
/// points at its bit of a status list the server signs, and revoking sets that bit only.
#[tokio::test]
async fn a_revocation_shows_in_the_signed_status_list_the_credential_points_to() {
    let app = TestApp::new().await;
    let admin = app.user("admin@gov.uz", Role::Admin, None).await;
    let mut holders = Vec::new();
    for email in ["jasur@gov.uz", "dilnoza@gov.uz"] {
        let officer = app.user(email, Role::Officer, None).await;
        app.complete_course(officer, COURSE, Utc::now()).await;
        holders.push((officer, certificates_of(&app, officer).await.remove(0)));
    }
    let jwks: serde_json::Value =
        serde_json::from_str(&app.get("/.well-known/jwks.json", None).await.body).unwrap();
    let decoding = DecodingKey::from_ed_components(jwks["keys"][0]["x"].as_str().unwrap()).unwrap();
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_aud = false;
    let read = |jwt: &str| {
        jsonwebtoken::decode::<CredentialClaims>(jwt, &decoding, &validation)
            .expect("signed with the published key")
            .claims
            .vc
    };
    let (officer, record) = &holders[0];
    let cookie = app.cookie_for(*officer).await;
    let credential = read(
        &app.get(
            &format!("/certificates/{}/credential.jwt", record.public_id),
            Some(&cookie),
        )
        .await
        .body,
    );
    let status = &credential["credentialStatus"];
    assert_eq!(status["type"], "BitstringStatusListEntry");
    assert_eq!(status["statusPurpose"], "revocation");
    let list_url = status["statusListCredential"].as_str().unwrap();
    let path = list_url.trim_start_matches("http://127.0.0.1:3000");
    let bit = |list: &serde_json::Value, index: &serde_json::Value| {
        let index: usize = index.as_str().unwrap().parse().unwrap();
        let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
        certificates::status_list::is_set(encoded, index).expect("within the list")
    };
    let before = app.get(path, None).await;
    assert_eq!(before.status, StatusCode::OK, "public, no sign-in");
    let list = read(&before.body);
    assert_eq!(list["type"][1], "BitstringStatusListCredential");
    assert!(!bit(&list, &status["statusListIndex"]));

    certificates::revoke(
        &app.state.db,
        admin,
        &record.code,
        "Answers were shared",
        None,
    )
    .await
    .unwrap();
    let list = read(&app.get(path, None).await.body);
    assert!(bit(&list, &status["statusListIndex"]), "revoked");
    let other = serde_json::Value::String(holders[1].1.id.to_string());
    assert!(!bit(&list, &other), "the other certificate stays valid");
}
