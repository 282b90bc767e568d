//! Errors a person can read: every error a browser meets is a page in the reader's language
//! with a way on; programs asking for something else keep the bare status.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use malaka_app::i18n::{t, Locale};
use malaka_shared::people::Role;

use crate::support::{TestApp, TestResponse};

async fn open(app: &TestApp, path: &str, accept: &str, cookie: Option<&str>) -> TestResponse {
    let mut request = Request::get(path)
        .header(header::ACCEPT, accept)
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

const BROWSER: &str = "text/html,application/xhtml+xml,*/*;q=0.8";

#[tokio::test]
async fn an_unknown_address_is_a_not_found_page_in_the_readers_language() {
    let app = TestApp::new().await;
    let page = open(&app, "/no-such-page", BROWSER, Some("malaka_lang=ru")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.body.contains("<html lang=\"ru\""));
    assert!(
        page.body.contains(&t(Locale::Ru, "error-not-found")),
        "{}",
        page.body
    );
    assert!(page.body.contains("href=\"/learning\""), "a way on");

    // Signed in, the page has the usual layout: navigation, language switcher, name.
    let officer = app.user("olim@gov.uz", Role::Officer, None).await;
    let cookie = app.cookie_for(officer).await;
    let signed_in = open(&app, "/courses/x/y/z", BROWSER, Some(&cookie)).await;
    assert_eq!(signed_in.status, StatusCode::NOT_FOUND);
    assert!(signed_in.body.contains("language-switcher"));
    assert!(signed_in.body.contains("Test olim@gov.uz"));
}

#[tokio::test]
async fn a_file_refused_to_a_browser_explains_itself_and_offers_sign_in() {
    let app = TestApp::new().await;
    let path = "/certificates/abc/certificate.pdf";
    let page = open(&app, path, BROWSER, None).await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains("<html lang=\"uz-Latn\""));
    assert!(page.body.contains(&t(Locale::Uz, "error-not-signed-in")));
    assert!(
        page.body
            .contains("href=\"/sign-in?next=%2Fcertificates%2Fabc%2Fcertificate.pdf\""),
        "{}",
        page.body
    );
    // The strict policy for anything that is not an app page: no script can run in it.
    let policy = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");

    let officer = app.user("olim@gov.uz", Role::Officer, None).await;
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
    let missing = open(&app, path, BROWSER, Some(&cookie)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains(&t(Locale::En, "error-not-found")));
}

#[tokio::test]
async fn a_program_asking_for_a_file_gets_the_bare_status() {
    let app = TestApp::new().await;
    let response = open(
        &app,
        "/certificates/abc/certificate.pdf",
        "application/pdf",
        None,
    )
    .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert!(response.body.is_empty());
    assert!(!response.headers.contains_key(header::CONTENT_TYPE));
}
