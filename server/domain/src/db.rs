//! Database connections. `DATABASE_URL` picks SQLite (embedded, the default) or PostgreSQL.
//!
//! SQLite allows one writer at a time; two writers on separate connections can fail with
//! "database is locked" when one upgrades a read transaction. So writes go through a pool of
//! exactly one connection (they queue in the pool instead of failing), reads through several
//! connections in WAL mode, which never block the writer. PostgreSQL uses one bounded pool.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use std::sync::Arc;
use std::time::Duration;

use crate::certificates::CertificateKeys;

use crate::learning::catalog_cache::CatalogCache;

#[derive(Clone, Debug)]
pub struct Db {
    /// For queries that only read.
    pub read: DatabaseConnection,
    /// For anything that writes, and transactions.
    pub write: DatabaseConnection,
    /// The published catalog's tables, read through memory (reloaded by each catalog sync).
    pub catalog: CatalogCache,
    /// Signed-in users, for a few seconds, so that reading a page does not cost a query for who
    /// is asking. Changes made through `people` invalidate their entry at once; other server
    /// instances see them within `USER_CACHE_SECONDS`.
    pub users: UserCache,
    /// The certificate signing key, read from the database once (see `certificates::keys`).
    pub certificate_keys: Arc<tokio::sync::OnceCell<Arc<CertificateKeys>>>,
}

pub type UserCache = moka::sync::Cache<i32, crate::entities::user::Model>;
pub const USER_CACHE_SECONDS: u64 = 5;

fn user_cache() -> UserCache {
    UserCache::builder()
        .max_capacity(100_000)
        .time_to_live(Duration::from_secs(USER_CACHE_SECONDS))
        .build()
}

pub const SQLITE_READERS: u32 = 8;
pub const POSTGRES_POOL_SIZE: u32 = 16;
/// How much of a SQLite file its connections map into memory.
const SQLITE_MMAP_BYTES: u64 = 1 << 30;

impl Db {
    pub async fn connect(url: &str) -> Result<Self, DbErr> {
        if !url.starts_with("sqlite:") {
            let mut options = ConnectOptions::new(url);
            options
                .max_connections(POSTGRES_POOL_SIZE)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .sqlx_logging(false);
            let pool = Database::connect(options).await?;
            return Ok(Self {
                read: pool.clone(),
                write: pool,
                catalog: CatalogCache::default(),
                users: user_cache(),
                certificate_keys: Arc::default(),
            });
        }
        // An in-memory database exists once per connection: share a single one.
        if url.contains(":memory:") || url.contains("mode=memory") {
            let only = connect_sqlite(url, 1).await?;
            return Ok(Self {
                read: only.clone(),
                write: only,
                catalog: CatalogCache::default(),
                users: user_cache(),
                certificate_keys: Arc::default(),
            });
        }
        let write = connect_sqlite(url, 1).await?;
        let read = connect_sqlite(url, SQLITE_READERS).await?;
        Ok(Self {
            read,
            write,
            catalog: CatalogCache::default(),
            users: user_cache(),
            certificate_keys: Arc::default(),
        })
    }

    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }
}

async fn connect_sqlite(url: &str, connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|options| {
            options
                .journal_mode(SqliteJournalMode::Wal)
                // With WAL, NORMAL is durable against application crashes and is much faster.
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Reports read the whole enrolments table: through a memory map its pages come
                // from the operating system's cache without a system call each (measured: a
                // country-wide count went from 1.0 s to 0.5 s at 300,000 enrolments). Mapped
                // pages are shared by every connection, not copied per connection.
                .pragma("mmap_size", SQLITE_MMAP_BYTES.to_string())
        });
    Database::connect(options).await
}
