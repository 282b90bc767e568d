//! Email through a real SMTP server on loopback (aiosmtpd): the certificate email and its PDF,
//! retries while the server is down, and several workers never sending a message twice.

use axum::http::StatusCode;
use chrono::Utc;
use malaka_domain::entities::{certificate, outbox_message};
use malaka_domain::mail::outbox::{self, Email};
use malaka_domain::mail::{Mailer, OutboxWorker};
use malaka_domain::Settings;
use malaka_shared::people::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashSet;

use crate::smtp_sink::SmtpSink;
use crate::support::TestApp;

const COURSE: &str = "cybersecurity";

async fn app_sending_to(sink: &SmtpSink) -> (TestApp, OutboxWorker) {
    let settings = Settings {
        smtp_url: Some(sink.url()),
        mail_from: "Malaka <no-reply@malaka.test>".into(),
        site_url: "https://malaka.test".into(),
        mail_retry_seconds: 1,
        ..Settings::default()
    };
    let app = TestApp::with_settings(settings).await;
    let mailer = Mailer::new(&sink.url(), "Malaka <no-reply@malaka.test>").unwrap();
    let worker = OutboxWorker::new(app.state.clone(), mailer);
    (app, worker)
}

async fn outbox_rows(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .all(&app.state.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_certificate_email_arrives_with_the_pdf_attached() {
    let sink = SmtpSink::start();
    let (app, worker) = app_sending_to(&sink).await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;

    assert_eq!(worker.run_once().await.unwrap(), 1);
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    let code = certificate::Entity::find()
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap()
        .code;
    let row = outbox_rows(&app).await.remove(0);
    assert!(message.contains("From: Malaka <no-reply@malaka.test>"));
    assert!(message.contains("To: jasur@gov.uz"));
    assert!(message.contains("Subject: Your certificate: Cybersecurity for public servants"));
    assert!(message.contains(&format!("Message-ID: {}", row.message_id)));
    assert!(message.contains("Content-Type: multipart/mixed"));
    assert!(message.contains("Content-Type: multipart/alternative"));
    assert!(message.contains("Content-Type: text/html"));
    assert!(message.contains("Content-Type: application/pdf"));
    assert!(message.contains("Content-Disposition: attachment"));
    assert!(message.contains(&format!("malaka-certificate-{code}.pdf")));
    let attachment = &message[message.find("Content-Type: application/pdf").unwrap()..];
    assert!(
        attachment.lines().any(|line| line.starts_with("JVBERi0")),
        "the attachment is a PDF (base64 of %PDF-)"
    );
    assert!(message.contains(&format!("https://malaka.test/verify/{code}")));

    assert_eq!(row.status, outbox::SENT);
    assert!(row.smtp_response.unwrap().starts_with("250"));
    assert_eq!(worker.run_once().await.unwrap(), 0, "nothing is sent twice");
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test]
async fn while_the_smtp_server_is_down_the_email_waits_and_goes_exactly_once_after() {
    let mut sink = SmtpSink::start();
    let (app, worker) = app_sending_to(&sink).await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    sink.stop();

    assert_eq!(worker.run_once().await.unwrap(), 0);
    let row = outbox_rows(&app).await.remove(0);
    assert_eq!(row.status, outbox::PENDING);
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert!(
        row.next_attempt_at > Utc::now(),
        "retried later, not at once"
    );

    sink.restart();
    let mut waited = 0;
    while outbox_rows(&app).await[0].status != outbox::SENT {
        worker.run_once().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        waited += 1;
        assert!(waited < 100, "delivered once the server is back");
    }
    for _ in 0..3 {
        worker.run_once().await.unwrap();
    }
    assert_eq!(sink.messages().len(), 1, "exactly once");
}

#[tokio::test]
async fn several_workers_at_once_never_send_a_message_twice() {
    let sink = SmtpSink::start();
    let (app, first) = app_sending_to(&sink).await;
    let second = OutboxWorker::new(
        app.state.clone(),
        Mailer::new(&sink.url(), "Malaka <no-reply@malaka.test>").unwrap(),
    );
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let certificate_id = certificate::Entity::find()
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap()
        .id;
    for _ in 0..59 {
        outbox::enqueue(
            &app.state.db.write,
            &Email::CertificateExpiring {
                certificate_id,
                days: 30,
            },
            "jasur@gov.uz",
            "uz",
            Utc::now(),
        )
        .await
        .unwrap();
    }

    let (a, b) = tokio::join!(
        async {
            let mut sent = 0;
            loop {
                match first.run_once().await.unwrap() {
                    0 => break sent,
                    n => sent += n,
                }
            }
        },
        async {
            let mut sent = 0;
            loop {
                match second.run_once().await.unwrap() {
                    0 => break sent,
                    n => sent += n,
                }
            }
        }
    );
    assert_eq!(a + b, 60);
    let messages = sink.messages();
    assert_eq!(messages.len(), 60);
    let ids: HashSet<&str> = messages
        .iter()
        .filter_map(|m| m.lines().find(|l| l.starts_with("Message-ID:")))
        .collect();
    assert_eq!(ids.len(), 60, "every message once");
    assert!(outbox_rows(&app)
        .await
        .iter()
        .all(|row| row.status == outbox::SENT));
}

#[tokio::test]
async fn a_message_that_cannot_be_sent_is_shown_to_admins_who_can_retry_it() {
    let sink = SmtpSink::start();
    let (app, worker) = app_sending_to(&sink).await;
    let admin = app.user("admin@gov.uz", Role::Admin, None).await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::Recipient,
            sea_orm::sea_query::Expr::value("not an address"),
        )
        .exec(&app.state.db.write)
        .await
        .unwrap();
    assert_eq!(worker.run_once().await.unwrap(), 0);
    let row = outbox_rows(&app).await.remove(0);
    assert_eq!(
        row.status,
        outbox::FAILED,
        "an invalid address is not retried"
    );

    let officer_cookie = app.cookie_for(officer).await;
    assert_eq!(
        app.get("/admin/outbox", Some(&officer_cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    let cookie = app.cookie_for(admin).await;
    let page = app.get("/admin/outbox", Some(&cookie)).await;
    assert!(page.body.contains("not an address"));
    let id = row.id.to_string();
    let retried = app
        .post_form("/api/retry-email", &[("id", id.as_str())], Some(&cookie))
        .await;
    assert!(retried.status.is_redirection(), "{}", retried.status);
    let row = outbox_message::Entity::find()
        .filter(outbox_message::Column::Id.eq(row.id))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, outbox::PENDING);
    assert_eq!(row.attempts, 0);
}

/// An invitation's link is a secret: once the email has gone, the outbox (and every backup
/// taken after) keeps the fact that it was sent, not the token.
#[tokio::test]
async fn a_sent_invitation_leaves_no_token_in_the_outbox() {
    use malaka_domain::entities::user;
    use malaka_domain::people::invitations;
    let sink = SmtpSink::start();
    let (app, worker) = app_sending_to(&sink).await;
    let invited = app.user("new@gov.uz", Role::Officer, None).await;
    let person = user::Entity::find_by_id(invited)
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    invitations::send(&app.state.db.write, &person, Utc::now())
        .await
        .unwrap();
    let token = match outbox::payload(&outbox_rows(&app).await[0]).unwrap() {
        Email::Invitation { token, .. } => token,
        other => panic!("{other:?}"),
    };
    assert!(!token.is_empty());

    assert_eq!(worker.run_once().await.unwrap(), 1);
    assert!(
        sink.messages()[0].contains(&token),
        "the email carries the link"
    );
    let row = outbox_rows(&app).await.remove(0);
    assert_eq!(row.status, outbox::SENT);
    assert!(!row.payload.contains(&token), "{}", row.payload);
    assert!(matches!(
        outbox::payload(&row).unwrap(),
        Email::Invitation { token, .. } if token.is_empty()
    ));
}
