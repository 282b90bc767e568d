//! "Forgot your password?" end to end: the request answers the same for every address, the
//! link arrives by email through a real SMTP server, works once, for 15 minutes, for resets
//! only, refuses guessable passwords, and ends every session; the token leaves the outbox.

use chrono::{Duration, Utc};
use malaka_app::i18n::Locale;
use malaka_domain::auth::authenticate;
use malaka_domain::entities::outbox_message;
use malaka_domain::mail::outbox::{self, Email};
use malaka_domain::mail::{Mailer, OutboxWorker};
use malaka_domain::people::invitations::{find_usable, LinkPurpose};
use malaka_domain::people::password_reset;
use malaka_domain::{Error, Settings};
use malaka_shared::people::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::smtp_sink::SmtpSink;
use crate::support::{TestApp, PASSWORD};

const EMAIL: &str = "dilnoza@gov.uz";
const NEW_PASSWORD: &str = "tea, apricots and a slow modem";

async fn reset_rows(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("password_reset"))
        .all(&app.state.db.read)
        .await
        .unwrap()
}

fn token_of(row: &outbox_message::Model) -> String {
    match outbox::payload(row).unwrap() {
        Email::PasswordReset { token, .. } => token,
        other => panic!("not a reset: {other:?}"),
    }
}

#[tokio::test]
async fn a_reset_link_arrives_by_email_works_once_and_ends_every_session() {
    let sink = SmtpSink::start();
    let app = TestApp::with_settings(Settings {
        smtp_url: Some(sink.url()),
        site_url: "https://malaka.test".into(),
        ..Settings::default()
    })
    .await;
    let worker = OutboxWorker::new(
        app.state.clone(),
        Mailer::new(&sink.url(), "Malaka <no-reply@malaka.test>").unwrap(),
    );
    let id = app
        .person(EMAIL, "Dilnoza Rahimova", Role::Officer, Locale::En)
        .await;
    let old_session = app.cookie_for(id).await;

    let known = app
        .post_form(
            "/api/request-password-reset",
            &[("email", " Dilnoza@Gov.uz ")],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "/api/request-password-reset",
            &[("email", "nobody@gov.uz")],
            None,
        )
        .await;
    assert_eq!(known.location(), Some("/forgot-password?sent=1"));
    assert_eq!(
        unknown.location(),
        known.location(),
        "nothing tells them apart"
    );
    let again = app
        .post_form("/api/request-password-reset", &[("email", EMAIL)], None)
        .await;
    assert_eq!(again.location(), known.location());
    assert_eq!(
        reset_rows(&app).await.len(),
        1,
        "one email, however often asked"
    );
    let token = token_of(&reset_rows(&app).await[0]);

    assert_eq!(worker.run_once().await.unwrap(), 1);
    let message = sink.messages().remove(0);
    assert!(message.contains("To: dilnoza@gov.uz"));
    assert!(message.contains("Subject: Reset your Malaka password"));
    assert!(message.contains(&format!("https://malaka.test/reset/{token}")));
    assert!(
        token_of(&reset_rows(&app).await[0]).is_empty(),
        "the link's secret leaves the outbox once sent"
    );

    assert_eq!(
        find_usable(
            &app.state.db.read,
            &token,
            LinkPurpose::Invitation,
            Utc::now()
        )
        .await,
        Err(Error::NotFound),
        "a reset link is no invitation"
    );
    let page = app
        .get(&format!("/reset/{token}"), Some("malaka_lang=en"))
        .await;
    assert!(page.body.contains("Choose a new password"), "{}", page.body);

    let reset = |password: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let form = [
                ("token", token.as_str()),
                ("password", password),
                ("password_again", password),
            ];
            app.post_form("/api/reset-password", &form, None).await
        }
    };
    let guessable = reset("password1234").await;
    assert_eq!(
        guessable.location(),
        Some(format!("/reset/{token}?error=guessable").as_str())
    );
    assert_eq!(app.get("/learning", Some(&old_session)).await.status, 200);
    let done = reset(NEW_PASSWORD).await;
    assert_eq!(done.location(), Some("/sign-in?reset=1"));
    assert_eq!(
        app.get("/learning", Some(&old_session)).await.status,
        302,
        "every session ended"
    );
    assert_eq!(
        authenticate(&app.state, EMAIL, PASSWORD, None).await,
        Err(Error::SignInFailed)
    );
    assert!(authenticate(&app.state, EMAIL, NEW_PASSWORD, None)
        .await
        .is_ok());
    let reused = reset("another fine passphrase, unused").await;
    assert_eq!(
        reused.location(),
        Some(format!("/reset/{token}?error=unusable").as_str())
    );
}

#[tokio::test]
async fn a_reset_link_expires_after_fifteen_minutes() {
    let app = TestApp::new().await;
    app.person(EMAIL, "Dilnoza Rahimova", Role::Officer, Locale::En)
        .await;
    let asked = Utc::now() - Duration::minutes(16);
    password_reset::request(&app.state, EMAIL, None, asked)
        .await
        .unwrap();
    let token = token_of(&reset_rows(&app).await[0]);
    assert_eq!(
        password_reset::complete(&app.state, &token, NEW_PASSWORD.into(), None, Utc::now()).await,
        Err(Error::NotFound)
    );
    assert!(password_reset::complete(
        &app.state,
        &token,
        NEW_PASSWORD.into(),
        None,
        asked + Duration::minutes(14)
    )
    .await
    .is_ok());
}
