use axum::body::Body;
use axum::http::{header, Request};
use malaka_domain::Settings;
use malaka_shared::people::Role;

use crate::support::{TestApp, PASSWORD};

#[tokio::test]
async fn signing_in_with_a_form_sets_an_http_only_cookie_and_redirects() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let response = app
        .post_form(
            "/api/sign-in",
            &[
                ("email", "dilnoza@gov.uz"),
                ("password", PASSWORD),
                ("next", "/catalog"),
            ],
            None,
        )
        .await;
    assert_eq!(response.status, 302);
    assert_eq!(response.location(), Some("/catalog"));
    let set_cookie = response
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(set_cookie.starts_with("malaka_session="), "{set_cookie}");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );

    let page = app
        .get("/catalog", response.session_cookie().as_deref())
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Test dilnoza@gov.uz"));
}

#[tokio::test]
async fn a_wrong_password_comes_back_to_the_form_with_an_error() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let response = app
        .post_form(
            "/api/sign-in",
            &[("email", "dilnoza@gov.uz"), ("password", "nope")],
            None,
        )
        .await;
    assert_eq!(response.status, 302);
    assert!(response.session_cookie().is_none());
    let location = response.location().unwrap().to_owned();
    assert!(
        location.starts_with("/sign-in?error=credentials"),
        "{location}"
    );
    let page = app.get(&location, Some("malaka_lang=en")).await;
    assert!(
        page.body.contains("The email or password is not right."),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn sign_in_never_redirects_to_another_site() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let response = app
        .post_form(
            "/api/sign-in",
            &[
                ("email", "dilnoza@gov.uz"),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
            None,
        )
        .await;
    assert_eq!(response.location(), Some("/learning"));
}

#[tokio::test]
async fn pages_need_a_valid_session() {
    let app = TestApp::new().await;
    let response = app.get("/learning", None).await;
    assert_eq!(response.status, 302);
    assert_eq!(response.location(), Some("/sign-in?next=%2Flearning"));
    let forged = "malaka_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwidmVyIjowfQ.c2lnbmF0dXJl";
    assert_eq!(app.get("/learning", Some(forged)).await.status, 302);
}

#[tokio::test]
async fn an_officer_gets_403_on_the_hr_page_and_hr_gets_it() {
    let app = TestApp::new().await;
    let officer = app.user("officer@gov.uz", Role::Officer, None).await;
    let hr = app.user("hr@gov.uz", Role::Hr, None).await;
    let refused = app.get("/team", Some(&app.cookie_for(officer).await)).await;
    assert_eq!(refused.status, 403);
    assert!(refused
        .body
        .contains("You do not have access to this page."));
    let allowed = app.get("/team", Some(&app.cookie_for(hr).await)).await;
    assert_eq!(allowed.status, 200);
    assert!(allowed.body.contains("<table>"));
}

#[tokio::test]
async fn the_hr_server_function_refuses_officers_too() {
    let app = TestApp::new().await;
    let officer = app.user("officer@gov.uz", Role::Officer, None).await;
    let response = app
        .post_form(
            "/api/team-progress",
            &[],
            Some(&app.cookie_for(officer).await),
        )
        .await;
    assert!(
        !response.body.contains("cybersecurity"),
        "{}",
        response.body
    );
    let json = Request::post("/api/team-progress")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, app.cookie_for(officer).await)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let response = app.send(json).await;
    assert!(
        response.status.is_server_error() || response.status.is_client_error(),
        "{}",
        response.status
    );
    assert!(response.body.contains("Forbidden"), "{}", response.body);
}

#[tokio::test]
async fn cross_site_posts_to_server_functions_are_refused() {
    let app = TestApp::new().await;
    let officer = app.user("officer@gov.uz", Role::Officer, None).await;
    let request = Request::post("/api/sign-out")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, app.cookie_for(officer).await)
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, 403);
    let get = Request::get("/api/sign-out")
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(get).await.status, 405);
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = TestApp::new().await;
    let page = app.get("/sign-in", None).await;
    assert_eq!(page.status, 200);
    let csp = page
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self' 'nonce-"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        page.body.contains(&format!("nonce=\"{nonce}\"")),
        "the islands loader carries the nonce"
    );
    assert_eq!(
        page.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
        "nosniff"
    );
    assert_eq!(
        page.headers.get(header::REFERRER_POLICY).unwrap(),
        "same-origin"
    );
    assert!(app
        .get("/healthz", None)
        .await
        .headers
        .contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn the_language_follows_the_cookie_and_sets_html_lang() {
    let app = TestApp::new().await;
    let russian = app.get("/sign-in", Some("malaka_lang=ru")).await;
    assert!(
        russian.body.contains("<html lang=\"ru\""),
        "{}",
        &russian.body[..200]
    );
    assert!(russian.body.contains("Электронная почта"));
    let uzbek = app.get("/sign-in", None).await;
    assert!(
        uzbek.body.contains("<html lang=\"uz-Latn\""),
        "Uzbek is the default"
    );
    assert!(uzbek.body.contains("Tizimga kirish"));

    let switched = app
        .post_form(
            "/api/set-language",
            &[("language", "en"), ("next", "/sign-in")],
            None,
        )
        .await;
    assert_eq!(switched.location(), Some("/sign-in"));
    let cookie = switched
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("malaka_lang=en"), "{cookie}");
}

#[tokio::test]
async fn a_lesson_page_renders_the_lesson_and_a_mark_complete_form() {
    let app = TestApp::new().await;
    let officer = app.user("officer@gov.uz", Role::Officer, None).await;
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
    let outline = malaka_domain::learning::course_outline(
        &app.state.db,
        officer,
        "cybersecurity",
        malaka_app::i18n::Locale::En,
    )
    .await
    .unwrap();
    let page = app
        .get(
            &format!("/courses/cybersecurity/lessons/{}", outline.lessons[0].slug),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("action=\"/api/complete-lesson\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("Lesson 1 of"));
    assert!(
        !page.body.contains("<script>alert"),
        "lesson HTML is sanitised"
    );

    let done = app
        .post_form(
            "/api/complete-lesson",
            &[
                ("course", "cybersecurity"),
                ("lesson", &outline.lessons[0].slug),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(done.status, 302);
    let outline_page = app.get("/courses/cybersecurity", Some(&cookie)).await;
    assert!(
        outline_page.body.contains("Resume"),
        "{}",
        outline_page.body
    );
}

/// A GET (even a cross-site top-level navigation, which carries the session cookie) changes
/// nothing: opening a lesson neither enrols nor records. Without JavaScript, the time read comes
/// from the signed receipt the page carries back with "Mark complete": the server's own clock,
/// bound to the reader and the lesson.
#[tokio::test]
async fn opening_a_lesson_writes_nothing_and_its_receipt_times_the_reading() {
    use malaka_domain::entities::{enrolment, lesson_progress};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = TestApp::new().await;
    let officer = app.user("officer@gov.uz", Role::Officer, None).await;
    let other = app.user("other@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
    let outline = malaka_domain::learning::course_outline(
        db,
        officer,
        "cybersecurity",
        malaka_app::i18n::Locale::En,
    )
    .await
    .unwrap();
    let (first, second) = (&outline.lessons[0].slug, &outline.lessons[1].slug);
    let page = app
        .get(
            &format!("/courses/cybersecurity/lessons/{first}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    let enrolments = enrolment::Entity::find().count(&db.read).await.unwrap();
    let progress = lesson_progress::Entity::find()
        .count(&db.read)
        .await
        .unwrap();
    assert_eq!((enrolments, progress), (0, 0), "a GET wrote something");

    let html = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse("input[name=opened]").unwrap();
    let receipt = html
        .select(&selector)
        .next()
        .and_then(|input| input.attr("value"))
        .expect("the form carries a receipt");
    let lesson_key = format!("cybersecurity/{first}");
    assert!(app
        .state
        .tokens
        .served_at(receipt, officer, &lesson_key)
        .is_some());

    // As if the page had been served five minutes ago.
    let served = chrono::Utc::now() - chrono::Duration::minutes(5);
    let earlier = app
        .state
        .tokens
        .reading_receipt(officer, &lesson_key, served);
    let done = app
        .post_form(
            "/api/complete-lesson",
            &[
                ("course", "cybersecurity"),
                ("lesson", first),
                ("opened", &earlier),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(done.status, 302);
    let seconds = |user: i32| async move {
        lesson_progress::Entity::find()
            .filter(lesson_progress::Column::UserId.eq(user))
            .one(&db.read)
            .await
            .unwrap()
            .unwrap()
            .seconds_spent
    };
    assert!(
        (299..=302).contains(&seconds(officer).await),
        "{}",
        seconds(officer).await
    );
    assert_eq!(enrolment::Entity::find().count(&db.read).await.unwrap(), 1);

    // Another reader's receipt, or one for another lesson, credits nothing.
    let other_cookie = format!("{}; malaka_lang=en", app.cookie_for(other).await);
    app.post_form(
        "/api/complete-lesson",
        &[
            ("course", "cybersecurity"),
            ("lesson", second),
            ("opened", &earlier),
        ],
        Some(&other_cookie),
    )
    .await;
    assert_eq!(seconds(other).await, 0);
}

/// Behind the reverse proxy the README supports, each client is limited on its own: the
/// address comes from `X-Forwarded-For`, believed only from the configured proxy. From anyone
/// else the header is ignored, so it cannot be used to escape the limits.
#[tokio::test]
async fn behind_a_trusted_proxy_one_guessing_client_does_not_lock_out_another() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let app = TestApp::with_settings(Settings {
        trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()],
        ..Settings::default()
    })
    .await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let sign_in = |peer: &str, forwarded_for: &str, password: &str| {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("email", "dilnoza@gov.uz"), ("password", password)])
            .finish();
        let mut request = Request::post("/api/sign-in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", forwarded_for)
            .body(Body::from(body))
            .unwrap();
        let peer: SocketAddr = peer.parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(peer));
        app.send(request)
    };
    let signed_in = |response: &crate::support::TestResponse| response.session_cookie().is_some();
    for _ in 0..8 {
        sign_in("127.0.0.1:40000", "203.0.113.7", "guess").await;
    }
    let attacker = sign_in("127.0.0.1:40000", "203.0.113.7", PASSWORD).await;
    assert!(!signed_in(&attacker), "the guessing client waits");
    let owner = sign_in("127.0.0.1:40001", "198.51.100.20", PASSWORD).await;
    assert!(
        signed_in(&owner),
        "another client behind the same proxy is not locked out"
    );

    // Not from the proxy: the header is the client's own words, and changing it does not help.
    for n in 0..8 {
        sign_in("192.0.2.50:5000", &format!("10.9.9.{n}"), "guess").await;
    }
    let forged = sign_in("192.0.2.50:5000", "10.9.9.200", PASSWORD).await;
    assert!(!signed_in(&forged));
}

#[tokio::test]
async fn demo_mode_says_so_on_the_sign_in_page() {
    let app = TestApp::with_settings(Settings {
        demo_mode: true,
        ..Settings::default()
    })
    .await;
    malaka_domain::demo::seed_demo(&app.state).await.unwrap();
    let page = app.get("/sign-in", Some("malaka_lang=en")).await;
    assert!(page.body.contains("officer@demo.malaka.uz") && page.body.contains("malaka-demo"));
    let plain = TestApp::new().await;
    assert!(
        !plain
            .get("/sign-in", None)
            .await
            .body
            .contains("malaka-demo"),
        "never outside demo mode"
    );
}

#[tokio::test]
async fn course_assets_are_served_only_from_the_assets_folder() {
    let app = TestApp::new().await;
    assert_eq!(
        app.get("/course-assets/cybersecurity/..%2Fcourse.yaml", None)
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/course-assets/cybersecurity/course.yaml", None)
            .await
            .status,
        404
    );
    assert_eq!(app.get("/healthz", None).await.body, "ok");
}

/// The load balancer's readiness check says what it checked; every response carries a request
/// id, the one the load balancer sent or a new one, which the logs carry too.
#[tokio::test]
async fn readiness_is_reported_and_every_response_names_its_request() {
    let app = TestApp::new().await;
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status, 200, "{}", ready.body);
    let checks: serde_json::Value = serde_json::from_str(&ready.body).unwrap();
    assert_eq!(
        checks,
        serde_json::json!({"database": true, "migrations": true, "catalog": true})
    );
    // A node on a schema older than its code (a half-finished deployment) takes no traffic.
    use sea_orm::ConnectionTrait;
    app.state
        .db
        .write
        .execute_unprepared(
            "DELETE FROM seaql_migrations WHERE version = (SELECT MAX(version) FROM seaql_migrations)",
        )
        .await
        .unwrap();
    let behind = app.get("/readyz", None).await;
    assert_eq!(behind.status, 503);
    assert!(
        behind.body.contains("\"migrations\":false"),
        "{}",
        behind.body
    );

    let first = app.get("/healthz", None).await.headers["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let second = app.get("/healthz", None).await.headers["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(first.len(), 36, "a UUID: {first}");
    assert_ne!(first, second, "each request its own");

    let forwarded = app
        .send(
            Request::get("/healthz")
                .header(header::HOST, "127.0.0.1:3000")
                .header("x-request-id", "nginx-3f2a")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(forwarded.headers["x-request-id"], "nginx-3f2a");
}
