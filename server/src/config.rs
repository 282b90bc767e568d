//! Configuration, read once from environment variables (documented in the README).

use leptos::prelude::LeptosOptions;
use malaka_domain::auth::client_address::parse_trusted_proxies;
use malaka_domain::keys::KeyRing;
use malaka_domain::Settings;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://malaka.db?mode=rwc";
/// Demo mode keeps its data apart, so a demo's accounts never land in the real database file.
pub const DEMO_DATABASE_URL: &str = "sqlite://malaka-demo.db?mode=rwc";

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    /// From `MALAKA_KEYS_FILE` or `MALAKA_KEYS`; none means demo keys (demo mode only).
    pub keys: Option<KeyRing>,
    pub settings: Settings,
    pub leptos: LeptosOptions,
    /// Where `/metrics` is served (`MALAKA_METRICS_ADDR`, e.g. `127.0.0.1:9464`): an address of
    /// its own, for the monitoring network only; not served when unset.
    pub metrics_address: Option<SocketAddr>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} has an invalid value `{value}`: {reason}")]
    Invalid {
        name: &'static str,
        value: String,
        reason: String,
    },
    #[error("{name}: {reason}")]
    Keys { name: &'static str, reason: String },
    #[error("the Leptos site settings are invalid: {0}")]
    Leptos(String),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut leptos = leptos::config::get_configuration(None)
            .map_err(|e| ConfigError::Leptos(e.to_string()))?
            .leptos_options;
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
            locate_hash_file(&mut leptos);
        }
        let public_origin =
            var("MALAKA_PUBLIC_URL").map(|url| url.trim_end_matches('/').to_owned());
        let site_url = public_origin
            .clone()
            .unwrap_or_else(|| format!("http://{}", leptos.site_addr));
        let settings = Settings {
            demo_mode: flag("MALAKA_DEMO")?,
            session_minutes: number("MALAKA_SESSION_MINUTES", 30)?,
            secure_cookies: flag("MALAKA_SECURE_COOKIES")?
                || public_origin
                    .as_deref()
                    .is_some_and(|url| url.starts_with("https://")),
            public_origin,
            site_url,
            smtp_url: var("MALAKA_SMTP_URL"),
            mail_from: var("MALAKA_MAIL_FROM")
                .unwrap_or_else(|| "Malaka <no-reply@malaka.localhost>".to_owned()),
            mail_retry_seconds: number("MALAKA_MAIL_RETRY_SECONDS", 30)?,
            trusted_proxies: match var("MALAKA_TRUSTED_PROXIES") {
                None => Vec::new(),
                Some(list) => {
                    parse_trusted_proxies(&list).map_err(|reason| ConfigError::Invalid {
                        name: "MALAKA_TRUSTED_PROXIES",
                        value: list.clone(),
                        reason,
                    })?
                }
            },
            catalog_dir: var("MALAKA_CATALOG_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(malaka_courses::bundled_catalog_dir),
        };
        Ok(Self {
            database_url: var("DATABASE_URL").unwrap_or_else(|| {
                match settings.demo_mode {
                    true => DEMO_DATABASE_URL,
                    false => DEFAULT_DATABASE_URL,
                }
                .to_owned()
            }),
            keys: key_ring()?,
            settings,
            leptos,
            metrics_address: match var("MALAKA_METRICS_ADDR") {
                None => None,
                Some(value) => Some(value.parse().map_err(|error: std::net::AddrParseError| {
                    ConfigError::Invalid {
                        name: "MALAKA_METRICS_ADDR",
                        value: value.clone(),
                        reason: error.to_string(),
                    }
                })?),
            },
        })
    }
}

/// The key file's contents, from the file `MALAKA_KEYS_FILE` names or from `MALAKA_KEYS` itself
/// (for platforms that hand secrets over as variables); not both.
fn key_ring() -> Result<Option<KeyRing>, ConfigError> {
    let parse = |name, text: &str| {
        KeyRing::parse(text).map_err(|error| ConfigError::Keys {
            name,
            reason: error.to_string(),
        })
    };
    match (var("MALAKA_KEYS_FILE"), var("MALAKA_KEYS")) {
        (Some(_), Some(_)) => Err(ConfigError::Keys {
            name: "MALAKA_KEYS",
            reason: "set MALAKA_KEYS_FILE or MALAKA_KEYS, not both".into(),
        }),
        (Some(path), None) => {
            let text = std::fs::read_to_string(&path).map_err(|error| ConfigError::Keys {
                name: "MALAKA_KEYS_FILE",
                reason: format!("{path}: {error}"),
            })?;
            warn_if_others_can_read(&path);
            parse("MALAKA_KEYS_FILE", &text).map(Some)
        }
        (None, Some(text)) => parse("MALAKA_KEYS", &text).map(Some),
        (None, None) => Ok(None),
    }
}

fn warn_if_others_can_read(path: &str) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.permissions().mode() & 0o077 != 0 {
            tracing::warn!("{path} can be read by others than its owner: chmod 600 it");
        }
    }
}

/// Finds the file that names the hashed assets. `.ci/build-site` writes it into the site root,
/// so that a site folder is self-contained; cargo-leptos writes it beside the binary. Leptos joins
/// the name to the binary's folder, and joining an absolute path replaces that folder.
fn locate_hash_file(leptos: &mut LeptosOptions) {
    let in_site_root = Path::new(leptos.site_root.as_ref()).join(leptos.hash_file.as_ref());
    if let Ok(absolute) = std::path::absolute(&in_site_root) {
        if absolute.is_file() {
            leptos.hash_file = absolute.to_string_lossy().as_ref().into();
            leptos.hash_files = true;
            return;
        }
    }
    leptos.hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(leptos.hash_file.as_ref())))
        .is_some_and(|path| path.exists());
}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn flag(name: &'static str) -> Result<bool, ConfigError> {
    match var(name).as_deref() {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes") => Ok(true),
        Some(other) => Err(ConfigError::Invalid {
            name,
            value: other.into(),
            reason: "use 1 or 0".into(),
        }),
    }
}

fn number(name: &'static str, default: i64) -> Result<i64, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(value) => value
            .parse()
            .map_err(|e: std::num::ParseIntError| ConfigError::Invalid {
                name,
                value,
                reason: e.to_string(),
            }),
    }
}
