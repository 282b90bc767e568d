use malaka_app::i18n::Locale;
use malaka_domain::auth::authenticate;
use malaka_domain::people::end_all_sessions;
use malaka_domain::Error;
use malaka_shared::people::Role;

use crate::support::{test_keys, TestApp, PASSWORD, TEST_SESSION_KEY_ID, TEST_SESSION_SECRET};
use malaka_domain::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};
use malaka_domain::Settings;

#[tokio::test]
async fn the_right_password_signs_in_whatever_the_email_case() {
    let app = TestApp::new().await;
    let id = app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let user = authenticate(&app.state, "  Dilnoza@GOV.uz ", PASSWORD, None)
        .await
        .unwrap();
    assert_eq!(user.id, id);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_give_the_same_error() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    assert_eq!(
        authenticate(&app.state, "dilnoza@gov.uz", "wrong", None).await,
        Err(Error::SignInFailed)
    );
    assert_eq!(
        authenticate(&app.state, "nobody@gov.uz", PASSWORD, None).await,
        Err(Error::SignInFailed)
    );
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let stored = malaka_domain::people::find_by_email(&app.state.db.read, "dilnoza@gov.uz")
        .await
        .unwrap()
        .unwrap();
    assert!(
        stored.password_hash.starts_with("$argon2id$"),
        "{}",
        stored.password_hash
    );
    assert!(!stored.password_hash.contains(PASSWORD));
}

/// Guessing from one place backs off, even for the right password; the officer signing in
/// from elsewhere is not locked out by someone else's failures.
#[tokio::test]
async fn repeated_failures_from_one_place_back_off_without_locking_the_owner_out() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let attacker = Some("203.0.113.7".parse().unwrap());
    let mut failures = 0;
    while authenticate(&app.state, "dilnoza@gov.uz", "guess", attacker).await
        != Err(Error::RateLimited)
    {
        failures += 1;
        assert!(
            failures <= 6,
            "still not slowed after {failures} wrong passwords"
        );
    }
    assert!(failures >= 3, "slowed too early, after {failures}");
    assert_eq!(
        authenticate(&app.state, "dilnoza@gov.uz", PASSWORD, attacker).await,
        Err(Error::RateLimited),
        "the guessing place waits, whatever it sends"
    );
    let office = Some("198.51.100.20".parse().unwrap());
    assert!(authenticate(&app.state, "dilnoza@gov.uz", PASSWORD, office)
        .await
        .is_ok());
}

#[tokio::test]
async fn signing_out_ends_every_session_of_the_user() {
    let app = TestApp::new().await;
    let id = app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let old_cookie = app.cookie_for(id).await;
    assert_eq!(app.get("/learning", Some(&old_cookie)).await.status, 200);
    end_all_sessions(&app.state.db, id).await.unwrap();
    let response = app.get("/learning", Some(&old_cookie)).await;
    assert_eq!(response.status, 302);
    assert!(response.location().unwrap().starts_with("/sign-in"));
}

/// The demo accounts' password is published: a start without demo mode on a database that a
/// demo filled switches them off, and demo mode switches them on again.
#[tokio::test]
async fn demo_accounts_stop_working_when_demo_mode_ends() {
    let demo = Settings {
        demo_mode: true,
        ..Settings::default()
    };
    let app = TestApp::with_settings(demo.clone()).await;
    for (email, _, _) in DEMO_ACCOUNTS {
        assert!(authenticate(&app.state, email, DEMO_PASSWORD, None)
            .await
            .is_ok());
    }
    let production =
        malaka_server::startup::prepare(&app.database_url, Some(test_keys()), Settings::default())
            .await
            .unwrap();
    for (email, _, _) in DEMO_ACCOUNTS {
        assert_eq!(
            authenticate(&production, email, DEMO_PASSWORD, None).await,
            Err(Error::SignInFailed),
            "{email} after a start without demo mode"
        );
    }
    let demo_again = malaka_server::startup::prepare(&app.database_url, Some(test_keys()), demo)
        .await
        .unwrap();
    assert!(
        authenticate(&demo_again, DEMO_ACCOUNTS[0].0, DEMO_PASSWORD, None)
            .await
            .is_ok()
    );
}

/// A 2 MB email or password is refused before hashing, and nothing of it reaches the append-only
/// audit log.
#[tokio::test]
async fn oversized_sign_in_input_is_refused_before_any_work() {
    use malaka_domain::entities::audit_entry;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let huge = "a".repeat(2 * 1024 * 1024);
    let before = audit_entry::Entity::find()
        .count(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(
        authenticate(&app.state, &format!("{huge}@gov.uz"), PASSWORD, None).await,
        Err(Error::SignInFailed)
    );
    assert_eq!(
        authenticate(&app.state, "dilnoza@gov.uz", &huge, None).await,
        Err(Error::SignInFailed)
    );
    let after = audit_entry::Entity::find()
        .count(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(after, before, "nothing was written to the audit log");
}

/// An admin can sign a person out on every device (a lost phone); an officer cannot do it to
/// anyone. Audited.
#[tokio::test]
async fn an_admin_ends_a_persons_sessions_everywhere() {
    use malaka_domain::entities::audit_entry;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::new().await;
    let officer = app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let other = app.user("jasur@gov.uz", Role::Officer, None).await;
    let admin = app.user("admin@gov.uz", Role::Admin, None).await;
    let session = app.cookie_for(officer).await;
    let id = officer.to_string();
    let form = [("id", id.as_str())];

    let other_cookie = app.cookie_for(other).await;
    let refused = app
        .post_form("/api/end-person-sessions", &form, Some(&other_cookie))
        .await;
    assert!(!refused
        .location()
        .unwrap_or_default()
        .contains("signed_out"));
    assert_eq!(
        app.get("/learning", Some(&session)).await.status,
        200,
        "still signed in"
    );

    let admin_cookie = app.cookie_for(admin).await;
    let ended = app
        .post_form("/api/end-person-sessions", &form, Some(&admin_cookie))
        .await;
    assert_eq!(ended.status, 302);
    assert_eq!(app.get("/learning", Some(&session)).await.status, 302);
    let audit = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("person.end-sessions"))
        .all(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].actor_user_id, Some(admin));
}

/// Activity renews a session, but not for ever: twelve hours after signing in, a token signed
/// with the server's key, unexpired by its own clock, is refused.
#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_active() {
    use jsonwebtoken::{encode, EncodingKey, Header};
    let app = TestApp::new().await;
    let officer = app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let now = chrono::Utc::now().timestamp();
    let claims = |signed_in: i64| malaka_domain::auth::Claims {
        sub: officer.to_string(),
        ver: 0,
        sat: signed_in,
        iat: now - 60,
        exp: now + 600,
        iss: "malaka".into(),
        aud: "malaka-web".into(),
    };
    let cookie = |signed_in: i64| {
        let header = Header {
            kid: Some(TEST_SESSION_KEY_ID.into()),
            ..Header::default()
        };
        let token = encode(
            &header,
            &claims(signed_in),
            &EncodingKey::from_secret(TEST_SESSION_SECRET.as_bytes()),
        )
        .unwrap();
        format!("malaka_session={token}")
    };
    let recent = cookie(now - 11 * 3600);
    assert_eq!(app.get("/learning", Some(&recent)).await.status, 200);
    let stale = cookie(now - 12 * 3600 - 60);
    assert_eq!(app.get("/learning", Some(&stale)).await.status, 302);
}

#[tokio::test]
async fn hsts_is_sent_when_the_site_is_served_over_https() {
    let app = TestApp::with_settings(Settings {
        public_origin: Some("https://malaka.example.uz".into()),
        secure_cookies: true,
        ..Settings::default()
    })
    .await;
    let page = app.get("/sign-in", None).await;
    let hsts = page
        .headers
        .get("strict-transport-security")
        .and_then(|v| v.to_str().ok());
    assert_eq!(hsts, Some("max-age=63072000; includeSubDomains"));
    let plain = TestApp::new().await.get("/sign-in", None).await;
    assert!(plain.headers.get("strict-transport-security").is_none());
}

/// Changing a password needs the current one; it ends every other session and keeps this
/// device signed in; the old password stops working and the new one works.
#[tokio::test]
async fn a_password_change_needs_the_current_password_and_ends_other_sessions() {
    let app = TestApp::new().await;
    let id = app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let laptop = app.cookie_for(id).await;
    let phone = app.cookie_for(id).await;
    let new = "a brand new passphrase";
    let change = |current: &str, again: &str| {
        [
            ("current", current.to_owned()),
            ("password", new.to_owned()),
            ("password_again", again.to_owned()),
        ]
    };
    let post = |form: [(&'static str, String); 3]| {
        let laptop = laptop.clone();
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/api/change-password", &form, Some(&laptop))
                .await
        }
    };
    let wrong = post(change("not my password", new)).await;
    assert_eq!(wrong.location(), Some("/account?error=current"));
    let mismatch = post(change(PASSWORD, "something else")).await;
    assert_eq!(mismatch.location(), Some("/account?error=mismatch"));
    assert!(authenticate(&app.state, "dilnoza@gov.uz", PASSWORD, None)
        .await
        .is_ok());

    let changed = post(change(PASSWORD, new)).await;
    assert_eq!(changed.location(), Some("/account?changed=1"));
    let fresh = changed
        .session_cookie()
        .expect("this device stays signed in");
    assert_eq!(app.get("/learning", Some(&fresh)).await.status, 200);
    assert_eq!(
        app.get("/learning", Some(&phone)).await.status,
        302,
        "the other device is signed out"
    );
    assert_eq!(
        authenticate(&app.state, "dilnoza@gov.uz", PASSWORD, None).await,
        Err(Error::SignInFailed)
    );
    assert!(authenticate(&app.state, "dilnoza@gov.uz", new, None)
        .await
        .is_ok());
    let page = app
        .get(
            "/account?changed=1",
            Some(&format!("{fresh}; malaka_lang=en")),
        )
        .await;
    assert!(page.body.contains("Your password has been changed"));
}

/// A leaked or common password, or one made of the person's own name, is refused with its
/// reason, and the old password keeps working.
#[tokio::test]
async fn a_guessable_new_password_is_refused_and_says_why() {
    let app = TestApp::new().await;
    let id = app
        .person(
            "dilnoza@gov.uz",
            "Dilnoza Rahimova",
            Role::Officer,
            Locale::En,
        )
        .await;
    let cookie = app.cookie_for(id).await;
    for guessable in ["password1234", "Dilnoza2026!", "qwertyuiop[]"] {
        let form = [
            ("current", PASSWORD),
            ("password", guessable),
            ("password_again", guessable),
        ];
        let refused = app
            .post_form("/api/change-password", &form, Some(&cookie))
            .await;
        assert_eq!(
            refused.location(),
            Some("/account?error=guessable"),
            "{guessable}"
        );
    }
    let page = app
        .get(
            "/account?error=guessable",
            Some(&format!("{cookie}; malaka_lang=en")),
        )
        .await;
    assert!(page.body.contains("among those attackers try first"));
    assert!(authenticate(&app.state, "dilnoza@gov.uz", PASSWORD, None)
        .await
        .is_ok());
}
