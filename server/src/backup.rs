//! `malaka-server backup --out FILE` and `malaka-server restore --from FILE`.
//!
//! SQLite: `VACUUM INTO` writes a compact copy from one read transaction, so the copy is one
//! consistent moment of the database even while the server goes on writing. A restore checks the
//! copy (SQLite's integrity check, Malaka's migration record, not newer than this binary) and puts
//! it where `DATABASE_URL` points, which must not exist yet: restoring never overwrites a live
//! database. PostgreSQL: `pg_dump --format=custom` (one snapshot, also while the server writes)
//! and `pg_restore` into an empty database, run with the options the README documents.
//!
//! The signing keys are not in the database (see `keys`): they are backed up apart, with the
//! secrets, and a restored database needs the key file that verified its certificates.

use malaka_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::SqliteConnectOptions;
use sea_orm::{ConnectionTrait, Database, DbBackend, DbErr, Statement};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::str::FromStr;

use crate::config::DEFAULT_DATABASE_URL;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists already: a backup or restore never overwrites a file")]
    Exists(PathBuf),
    #[error("the database: {0}")]
    Database(#[from] DbErr),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a sound SQLite database: {problem}")]
    NotSound { path: PathBuf, problem: String },
    #[error("{0} holds no Malaka migration record: not a Malaka backup")]
    NotMalaka(PathBuf),
    #[error(
        "{path} was made by a newer Malaka (migration {migration} is unknown to this one): \
         restore it with that version"
    )]
    Newer { path: PathBuf, migration: String },
    #[error("the PostgreSQL database to restore into is not empty: it has {0} tables")]
    NotEmpty(i64),
    #[error("`{url}` names no SQLite file or PostgreSQL database: {reason}")]
    Url { url: String, reason: String },
    #[error("{tool} failed ({status}); is it installed and the same major version as the server?")]
    Tool { tool: &'static str, status: String },
}

/// What a backup or restore wrote, for the operator's log.
#[derive(Debug)]
pub struct Copied {
    pub path: PathBuf,
    pub bytes: u64,
}

pub async fn backup(database_url: &str, out: &Path) -> Result<Copied, BackupError> {
    if out.exists() {
        return Err(BackupError::Exists(out.to_owned()));
    }
    if is_postgres(database_url) {
        run_tool(
            Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
                .arg(out)
                .arg(database_url),
            "pg_dump",
        )?;
    } else {
        let db = Database::connect(database_url).await?;
        let path = out.to_str().ok_or_else(|| BackupError::Url {
            url: out.display().to_string(),
            reason: "the path is not UTF-8".into(),
        })?;
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [path.into()],
        ))
        .await?;
        db.close().await?;
    }
    copied(out)
}

pub async fn restore(from: &Path, database_url: &str) -> Result<Copied, BackupError> {
    if !from.exists() {
        return Err(BackupError::Io {
            path: from.to_owned(),
            source: std::io::ErrorKind::NotFound.into(),
        });
    }
    if is_postgres(database_url) {
        let db = Database::connect(database_url).await?;
        let tables = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
            ))
            .await?
            .map(|row| row.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        db.close().await?;
        if tables > 0 {
            return Err(BackupError::NotEmpty(tables));
        }
        run_tool(
            Command::new("pg_restore")
                .args(["--no-owner", "--no-privileges", "--exit-on-error"])
                .args(["--single-transaction", "--dbname", database_url])
                .arg(from),
            "pg_restore",
        )?;
        return copied(from);
    }
    let target = sqlite_file(database_url)?;
    if target.exists() {
        return Err(BackupError::Exists(target));
    }
    check_sqlite_backup(from).await?;
    // Copied beside the target, then renamed: a restore cut short leaves no half database.
    let partial = target.with_extension("restoring");
    std::fs::copy(from, &partial).map_err(|source| BackupError::Io {
        path: partial.clone(),
        source,
    })?;
    std::fs::rename(&partial, &target).map_err(|source| BackupError::Io {
        path: target.clone(),
        source,
    })?;
    copied(&target)
}

async fn check_sqlite_backup(path: &Path) -> Result<(), BackupError> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let db = Database::connect(&url).await?;
    let integrity = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .map(|row| row.try_get_by_index::<String>(0))
        .transpose()?
        .unwrap_or_default();
    if integrity != "ok" {
        return Err(BackupError::NotSound {
            path: path.to_owned(),
            problem: integrity,
        });
    }
    let has_record = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'",
        ))
        .await?
        .map(|row| row.try_get_by_index::<i64>(0))
        .transpose()?
        .unwrap_or(0);
    if has_record == 0 {
        return Err(BackupError::NotMalaka(path.to_owned()));
    }
    let applied = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT version FROM seaql_migrations",
        ))
        .await?;
    db.close().await?;
    if applied.is_empty() {
        return Err(BackupError::NotMalaka(path.to_owned()));
    }
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|migration| migration.name().to_owned())
        .collect();
    for row in applied {
        let version: String = row.try_get("", "version")?;
        if !known.contains(&version) {
            return Err(BackupError::Newer {
                path: path.to_owned(),
                migration: version,
            });
        }
    }
    Ok(())
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

fn sqlite_file(url: &str) -> Result<PathBuf, BackupError> {
    let refused = |reason: String| BackupError::Url {
        url: url.to_owned(),
        reason,
    };
    let options =
        SqliteConnectOptions::from_str(url).map_err(|error| refused(error.to_string()))?;
    let file = options.get_filename();
    if url.contains(":memory:") || file.as_os_str().is_empty() {
        return Err(refused("an in-memory database has no file".into()));
    }
    Ok(file.to_owned())
}

fn run_tool(command: &mut Command, tool: &'static str) -> Result<(), BackupError> {
    let status = command.status().map_err(|error| BackupError::Tool {
        tool,
        status: error.to_string(),
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool,
            status: status.to_string(),
        })
    }
}

fn copied(path: &Path) -> Result<Copied, BackupError> {
    let bytes = std::fs::metadata(path)
        .map_err(|source| BackupError::Io {
            path: path.to_owned(),
            source,
        })?
        .len();
    Ok(Copied {
        path: path.to_owned(),
        bytes,
    })
}

/// The commands' entry points: the database is `DATABASE_URL`'s.
pub fn backup_command(out: PathBuf) -> ExitCode {
    run_command("backup", async move { backup(&database_url(), &out).await })
}

pub fn restore_command(from: PathBuf) -> ExitCode {
    run_command(
        "restore",
        async move { restore(&from, &database_url()).await },
    )
}

fn database_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into())
}

fn run_command(
    name: &str,
    work: impl std::future::Future<Output = Result<Copied, BackupError>>,
) -> ExitCode {
    let outcome = tokio::runtime::Runtime::new()
        .map_err(|source| BackupError::Io {
            path: PathBuf::from("tokio runtime"),
            source,
        })
        .and_then(|runtime| runtime.block_on(work));
    match outcome {
        Ok(copied) => {
            eprintln!("{name}: {} ({} bytes)", copied.path.display(), copied.bytes);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("malaka-server {name}: {error}");
            ExitCode::FAILURE
        }
    }
}
