//! What every request can reach: the database, the token keys, the password hasher, limits,
//! settings and metrics. Cheap to clone (everything shared is behind an `Arc` or a pool).

use std::path::PathBuf;
use std::sync::Arc;

use crate::auth::{PasswordHasher, SignInLimits, TokenKeys};
use crate::{Db, Metrics};

#[derive(Clone, Debug)]
pub struct Settings {
    /// Demo mode creates demo accounts and says so on the sign-in page; never in production.
    pub demo_mode: bool,
    /// How long a session token lives; it is renewed while the learner is active.
    pub session_minutes: i64,
    /// Marks the session cookie `Secure` (set when the site is served over TLS).
    pub secure_cookies: bool,
    /// The site's own origin (`https://malaka.example.uz`), when a proxy rewrites `Host`.
    pub public_origin: Option<String>,
    pub catalog_dir: PathBuf,
    /// The site's address as links in emails and PDFs show it (`MALAKA_PUBLIC_URL`).
    pub site_url: String,
    /// `smtp://`, `smtps://` or `smtp://…?tls=required`, with `user:password@` for
    /// authentication (`MALAKA_SMTP_URL`). Without it, emails wait in the outbox.
    pub smtp_url: Option<String>,
    /// The sender of every email (`MALAKA_MAIL_FROM`).
    pub mail_from: String,
    /// The first retry of a failed email waits this long, doubling after each failure.
    pub mail_retry_seconds: i64,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`MALAKA_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            demo_mode: false,
            session_minutes: 30,
            secure_cookies: false,
            public_origin: None,
            catalog_dir: malaka_courses::bundled_catalog_dir(),
            site_url: "http://127.0.0.1:3000".into(),
            smtp_url: None,
            mail_from: "Malaka <no-reply@malaka.localhost>".into(),
            mail_retry_seconds: 30,
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub tokens: Arc<TokenKeys>,
    pub hasher: PasswordHasher,
    pub sign_in_limits: SignInLimits,
    pub settings: Arc<Settings>,
    pub metrics: Metrics,
}

impl AppState {
    pub fn new(db: Db, tokens: TokenKeys, settings: Settings) -> Self {
        Self {
            db,
            tokens: Arc::new(tokens),
            hasher: PasswordHasher::new(),
            sign_in_limits: SignInLimits::default(),
            settings: Arc::new(settings),
            metrics: Metrics::new(),
        }
    }
}
