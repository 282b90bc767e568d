//! Test fixtures: a fresh database per test, application state, signed-in users, and requests
//! against the real router.

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use malaka_app::i18n::Locale;
use malaka_domain::keys::{CertificateKey, KeyRing, SessionKey};
use malaka_domain::people::{create_user, NewUser};
use malaka_domain::{AppState, Settings};
use malaka_server::startup;
use malaka_shared::people::Role;
use sea_orm::{ConnectionTrait, Database};
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";
pub const TEST_SESSION_SECRET: &str = "integration-test-secret-of-at-least-32-bytes";
pub const TEST_SESSION_KEY_ID: &str = "test-session";

/// The keys every test server signs with, as a key file would give them.
pub fn test_keys() -> KeyRing {
    KeyRing {
        session: vec![SessionKey {
            id: TEST_SESSION_KEY_ID.into(),
            secret: TEST_SESSION_SECRET.into(),
        }],
        certificate: vec![CertificateKey::from_seed(
            "test-certificate".into(),
            [7; 32],
        )],
    }
}

pub struct TestApp {
    pub state: AppState,
    /// The test's own database, to start a second server on it.
    pub database_url: String,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// On the bundled catalog, or on the one `MALAKA_CATALOG_DIR` names (to try the suite on
    /// a catalog being edited elsewhere).
    pub async fn new() -> Self {
        let mut settings = Settings::default();
        if let Some(dir) = std::env::var_os("MALAKA_CATALOG_DIR") {
            settings.catalog_dir = dir.into();
        }
        Self::with_settings(settings).await
    }

    pub async fn with_settings(settings: Settings) -> Self {
        Self::with_keys(Some(test_keys()), settings).await
    }

    /// `None`: the keys demo mode keeps in the database.
    pub async fn with_keys(keys: Option<KeyRing>, settings: Settings) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = database_url(&dir).await;
        let state = startup::prepare(&url, keys, settings)
            .await
            .expect("start-up");
        Self {
            state,
            database_url: url,
            _dir: dir,
        }
    }

    /// Always on a SQLite file, whatever database the suite runs on (a pilot's installation).
    pub async fn on_sqlite() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("pilot.db").display()
        );
        let state = startup::prepare(&url, Some(test_keys()), Settings::default())
            .await
            .expect("start-up");
        Self {
            state,
            database_url: url,
            _dir: dir,
        }
    }

    /// The server started again on the same database, as after a deployment.
    pub async fn restart(
        mut self,
        keys: Option<KeyRing>,
        settings: Settings,
    ) -> Result<Self, (Self, startup::StartupError)> {
        match startup::prepare(&self.database_url, keys, settings).await {
            Ok(state) => {
                self.state = state;
                Ok(self)
            }
            Err(error) => Err((self, error)),
        }
    }

    pub async fn user(&self, email: &str, role: Role, unit: Option<i32>) -> i32 {
        let new = NewUser {
            email: email.into(),
            name: format!("Test {email}"),
            password: PASSWORD.into(),
            role,
            org_unit_id: unit,
            language: Locale::En,
        };
        create_user(&self.state.db, &self.state.hasher, new)
            .await
            .expect("user created")
            .id
    }

    /// A user with a name and language of their own (certificates print both).
    pub async fn person(&self, email: &str, name: &str, role: Role, language: Locale) -> i32 {
        let new = NewUser {
            email: email.into(),
            name: name.into(),
            password: PASSWORD.into(),
            role,
            org_unit_id: None,
            language,
        };
        create_user(&self.state.db, &self.state.hasher, new)
            .await
            .expect("user created")
            .id
    }

    pub fn router(&self) -> axum::Router {
        let leptos = LeptosOptions::builder()
            .output_name("malaka")
            .site_root("target/site")
            .build();
        malaka_server::web::router(self.state.clone(), leptos)
    }

    /// A session cookie for `user_id`, as sign-in would set it.
    pub async fn cookie_for(&self, user_id: i32) -> String {
        let user = malaka_domain::people::find_active(&self.state.db.read, user_id)
            .await
            .unwrap()
            .unwrap();
        format!(
            "malaka_session={}",
            self.state
                .tokens
                .issue(user.id, user.token_version, chrono::Utc::now())
        )
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut request = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::HOST, "127.0.0.1:3000");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// A form post, as a browser sends it from one of our pages.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> TestResponse {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::REFERER, "http://127.0.0.1:3000/sign-in")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        TestResponse::read(self.router().oneshot(request).await.unwrap()).await
    }
}

/// A multipart form with one file, as a browser sends it from one of our pages.
pub fn multipart_request(
    path: &str,
    field: &str,
    file_name: &str,
    bytes: &[u8],
    cookie: &str,
) -> Request<Body> {
    let boundary = "malaka-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap()
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl TestResponse {
    async fn read(response: Response<Body>) -> Self {
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        Self {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("malaka_session="))
            .map(|v| v.split(';').next().unwrap().to_owned())
    }
}

/// A PostgreSQL test database is dropped with its test, so a run leaves no databases behind.
impl Drop for TestApp {
    fn drop(&mut self) {
        let (Ok(admin_url), Some((_, name))) = (
            std::env::var("MALAKA_TEST_POSTGRES_URL"),
            self.database_url.rsplit_once('/'),
        ) else {
            return;
        };
        let name = name.to_owned();
        // Drop runs inside the test's runtime, which cannot block on itself: use a thread.
        let dropped = std::thread::spawn(move || -> Result<(), String> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|error| error.to_string())?;
            runtime.block_on(async {
                let admin = Database::connect(&admin_url)
                    .await
                    .map_err(|error| error.to_string())?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .map(|_| ())
                    .map_err(|error| error.to_string())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop the test database: {dropped:?}");
        }
    }
}

static DATABASES: AtomicU32 = AtomicU32::new(0);

/// A new, empty database of the kind the suite runs on (a file in `dir` for SQLite).
pub async fn database_url(dir: &tempfile::TempDir) -> String {
    match std::env::var("MALAKA_TEST_POSTGRES_URL") {
        Ok(admin_url) => {
            let name = format!(
                "malaka_test_{}_{}",
                std::process::id(),
                DATABASES.fetch_add(1, Ordering::SeqCst)
            );
            let admin = Database::connect(&admin_url)
                .await
                .expect("PostgreSQL for tests");
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let (base, _) = admin_url
                .rsplit_once('/')
                .expect("a URL ending in /database");
            format!("{base}/{name}")
        }
        Err(_) => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
    }
}

/// The text of a PDF, as `pdftotext` (poppler) reads it.
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, bytes).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}
