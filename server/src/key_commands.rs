//! `malaka-server keys …`: making and rotating the key file that start-up reads.

use malaka_domain::keys::{database, KeyRing};
use malaka_domain::Db;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::DEFAULT_DATABASE_URL;

pub fn generate(out: Option<PathBuf>, from_database: bool) -> ExitCode {
    let mut ring = KeyRing::generate();
    if from_database {
        match stored_certificate_key() {
            Ok(Some(key)) => {
                eprintln!(
                    "kept the database's certificate key `{}` (public half)",
                    key.id
                );
                ring = ring.with_retired_certificate_key(&key);
            }
            Ok(None) => eprintln!("the database keeps no certificate key"),
            Err(error) => return fail(&error),
        }
    }
    let text = ring.to_toml();
    let written = match &out {
        Some(path) => write_private(path, &text, false),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

pub fn rotate(file: PathBuf) -> ExitCode {
    let rotated = std::fs::read_to_string(&file)
        .map_err(|e| format!("{}: {e}", file.display()))
        .and_then(|text| KeyRing::parse(&text).map_err(|e| e.to_string()))
        .map(|ring| ring.rotated());
    let result = rotated.and_then(|ring| {
        let temporary = file.with_extension("rotating");
        write_private(&temporary, &ring.to_toml(), true)?;
        std::fs::rename(&temporary, &file).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok(ring)
    });
    match result {
        Ok(ring) => {
            eprintln!(
                "{}: now signing with `{}` and `{}`; restart the servers",
                file.display(),
                ring.session[0].id,
                ring.certificate[0].id
            );
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn stored_certificate_key() -> Result<Option<malaka_domain::keys::CertificateKey>, String> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into());
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let db = Db::connect(&url).await.map_err(|e| e.to_string())?;
        database::stored_certificate_key(&db.read)
            .await
            .map_err(|e| e.to_string())
    })
}

/// Secrets are never readable by anyone but the owner, not even for a moment.
fn write_private(path: &Path, text: &str, replace: bool) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).mode(0o600);
    match replace {
        true => options.create(true).truncate(true),
        false => options.create_new(true),
    };
    let mut file = options
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn fail(error: &str) -> ExitCode {
    eprintln!("malaka-server keys: {error}");
    ExitCode::FAILURE
}
