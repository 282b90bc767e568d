//! Backups taken while the server writes, restored into a new database and compared with the
//! original table by table.

use chrono::Utc;
use malaka_app::i18n::Locale;
use malaka_domain::entities::certificate;
use malaka_domain::learning::{self, summary};
use malaka_domain::{certificates, Db, Settings};
use malaka_server::backup::{self, BackupError};
use malaka_server::startup;
use malaka_shared::people::Role;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::support::{database_url, test_keys, TestApp};

/// Every table's rows, each row as one text, sorted: equal when the tables hold the same data.
async fn contents(db: &impl ConnectionTrait) -> Vec<(String, Vec<String>)> {
    let backend = db.get_database_backend();
    let tables = match backend {
        DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
                              AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        _ => {
            "SELECT table_name FROM information_schema.tables \
              WHERE table_schema = 'public' ORDER BY table_name"
        }
    };
    let mut all = Vec::new();
    for row in db
        .query_all_raw(Statement::from_string(backend, tables))
        .await
        .unwrap()
    {
        let table: String = row.try_get_by_index(0).unwrap();
        let columns = match backend {
            DbBackend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}')"),
            _ => format!(
                "SELECT column_name FROM information_schema.columns \
                 WHERE table_name = '{table}' ORDER BY ordinal_position"
            ),
        };
        let columns: Vec<String> = db
            .query_all_raw(Statement::from_string(backend, columns))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get_by_index(0).unwrap())
            .collect();
        let text = columns
            .iter()
            .map(|column| format!("COALESCE(CAST(\"{column}\" AS TEXT), '<null>')"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let mut rows: Vec<String> = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT {text} FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get_by_index(0).unwrap())
            .collect();
        rows.sort();
        all.push((table, rows));
    }
    all
}

/// Officers reading lessons as fast as the database lets them, until told to stop.
fn write_load(db: Db, officers: Vec<i32>, stop: Arc<AtomicBool>, writes: Arc<AtomicUsize>) {
    tokio::spawn(async move {
        let outline = learning::course_outline(&db, officers[0], "e-services", Locale::En)
            .await
            .unwrap();
        let mut round = 0;
        while !stop.load(Ordering::SeqCst) {
            let officer = officers[round % officers.len()];
            let lesson = &outline.lessons[(round / officers.len()) % outline.lessons.len()];
            learning::complete_lesson(&db, officer, "e-services", &lesson.slug, None)
                .await
                .unwrap();
            writes.fetch_add(1, Ordering::SeqCst);
            round += 1;
            tokio::task::yield_now().await;
        }
    });
}

#[tokio::test]
async fn a_backup_under_write_load_restores_consistent_and_a_quiet_one_restores_equal() {
    let app = TestApp::new().await;
    let now = Utc::now();
    for n in 0..3 {
        let graduate = app
            .user(&format!("graduate{n}@gov.uz"), Role::Officer, None)
            .await;
        app.complete_course(graduate, "cybersecurity", now).await;
    }
    let mut officers = Vec::new();
    for n in 0..6 {
        officers.push(
            app.user(&format!("reader{n}@gov.uz"), Role::Officer, None)
                .await,
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let under_load = dir.path().join("under-load.backup");
    let quiet = dir.path().join("quiet.backup");

    let stop = Arc::new(AtomicBool::new(false));
    let writes = Arc::new(AtomicUsize::new(0));
    write_load(app.state.db.clone(), officers, stop.clone(), writes.clone());
    while writes.load(Ordering::SeqCst) < 5 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    backup::backup(&app.database_url, &under_load)
        .await
        .unwrap();
    let during = writes.load(Ordering::SeqCst);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    stop.store(true, Ordering::SeqCst);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(
        writes.load(Ordering::SeqCst) > during,
        "the server went on writing after the backup began"
    );
    assert!(matches!(
        backup::backup(&app.database_url, &under_load).await,
        Err(BackupError::Exists(_))
    ));

    // Taken under load: a consistent moment. Every summary agrees with the progress rows it
    // was written with, every certificate still verifies, and a server starts on it.
    let load_dir = tempfile::tempdir().unwrap();
    let restored_url = database_url(&load_dir).await;
    backup::restore(&under_load, &restored_url).await.unwrap();
    let restored = startup::prepare(&restored_url, Some(test_keys()), Settings::default())
        .await
        .expect("a server starts on the restored database");
    assert!(summary::differences(&restored.db.write)
        .await
        .unwrap()
        .is_empty());
    let issued = certificate::Entity::find()
        .all(&restored.db.read)
        .await
        .unwrap();
    assert_eq!(issued.len(), 3);
    for record in issued {
        let verified = certificates::verify(&restored.db, &record.code)
            .await
            .unwrap();
        assert!(
            verified.unwrap().genuine,
            "{} verifies after restore",
            record.code
        );
    }

    // Taken quiet: the restored database equals the original, table by table.
    backup::backup(&app.database_url, &quiet).await.unwrap();
    let quiet_dir = tempfile::tempdir().unwrap();
    let quiet_url = database_url(&quiet_dir).await;
    backup::restore(&quiet, &quiet_url).await.unwrap();
    let original = contents(&app.state.db.read).await;
    let copy = Db::connect(&quiet_url).await.unwrap();
    let copied = contents(&copy.read).await;
    assert!(
        original.len() >= 20,
        "every table is compared: {}",
        original.len()
    );
    for ((table, rows), (copied_table, copied_rows)) in original.iter().zip(&copied) {
        assert_eq!(table, copied_table);
        assert_eq!(rows, copied_rows, "table {table}");
    }
    assert_eq!(original.len(), copied.len());

    // A restore never lands on a database that exists.
    assert!(backup::restore(&quiet, &quiet_url).await.is_err());
}

#[tokio::test]
async fn a_file_that_is_not_a_malaka_backup_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_database = dir.path().join("notes.txt");
    std::fs::write(&not_a_database, "not a database at all").unwrap();
    let target = dir.path().join("restored.db");
    let url = format!("sqlite://{}?mode=rwc", target.display());
    assert!(backup::restore(&not_a_database, &url).await.is_err());
    let empty = dir.path().join("empty.db");
    let empty_url = format!("sqlite://{}?mode=rwc", empty.display());
    sea_orm::Database::connect(&empty_url)
        .await
        .unwrap()
        .execute_unprepared("CREATE TABLE notes (text TEXT)")
        .await
        .unwrap();
    assert!(matches!(
        backup::restore(&empty, &url).await,
        Err(BackupError::NotMalaka(_))
    ));
    assert!(!target.exists(), "a refused restore writes nothing");
}

/// A pilot on SQLite moves to the suite's database (PostgreSQL in `make test`'s second run):
/// every table arrives with the same rows under the same ids, certificates still verify, the
/// summaries still agree, and new rows get new ids after the copied ones.
#[tokio::test]
async fn a_sqlite_pilot_moves_with_every_row_and_id_and_goes_on_working() {
    let pilot = TestApp::on_sqlite().await;
    let now = Utc::now();
    let mut people = Vec::new();
    for n in 0..3 {
        let graduate = pilot
            .user(&format!("pilot{n}@gov.uz"), Role::Officer, None)
            .await;
        pilot.complete_course(graduate, "cybersecurity", now).await;
        people.push(graduate);
    }
    let reader = pilot.user("reader@gov.uz", Role::Officer, None).await;
    let outline = learning::course_outline(&pilot.state.db, reader, "e-services", Locale::En)
        .await
        .unwrap();
    learning::complete_lesson(
        &pilot.state.db,
        reader,
        "e-services",
        &outline.lessons[0].slug,
        None,
    )
    .await
    .unwrap();

    for action in ["person.created", "person.role_changed"] {
        let subject = format!("user:{reader}");
        let ip = Some("10.0.0.7".parse().unwrap());
        malaka_domain::audit::record(
            &pilot.state.db.write,
            Some(people[0]),
            action,
            &subject,
            "",
            ip,
        )
        .await
        .unwrap();
    }

    let dir = tempfile::tempdir().unwrap();
    let target_url = database_url(&dir).await;
    let copied = malaka_server::data_copy::copy(&pilot.database_url, &target_url)
        .await
        .unwrap();
    let source_tables: Vec<String> = contents(&pilot.state.db.read)
        .await
        .into_iter()
        .map(|(table, _)| table)
        .filter(|table| table != "seaql_migrations")
        .collect();
    for table in &source_tables {
        assert!(
            copied.iter().any(|(name, _)| name == table),
            "table {table} is not copied"
        );
    }
    let target = startup::prepare(&target_url, Some(test_keys()), Settings::default())
        .await
        .expect("a server starts on the copy");
    for (table, rows) in &copied {
        let in_source = row_count(&pilot.state.db.read, table).await;
        assert_eq!(in_source as u64, *rows, "{table}: every row read");
        assert_eq!(
            row_count(&target.db.read, table).await,
            in_source,
            "{table}: every row copied"
        );
        assert_eq!(
            ids_of(&pilot.state.db.read, table).await,
            ids_of(&target.db.read, table).await,
            "{table}: the same ids"
        );
    }
    assert!(copied
        .iter()
        .any(|(table, rows)| *table == "audit_log" && *rows > 0));
    let issued = certificate::Entity::find()
        .all(&target.db.read)
        .await
        .unwrap();
    let originals = certificate::Entity::find()
        .all(&pilot.state.db.read)
        .await
        .unwrap();
    assert_eq!(issued.len(), 3);
    for (copy, original) in issued.iter().zip(&originals) {
        assert_eq!((copy.id, &copy.code), (original.id, &original.code));
        let verified = certificates::verify(&target.db, &copy.code).await.unwrap();
        assert!(
            verified.unwrap().genuine,
            "{} verifies on the copy",
            copy.code
        );
    }
    assert!(summary::differences(&target.db.write)
        .await
        .unwrap()
        .is_empty());
    // Ids go on after the copied ones.
    let newcomer = malaka_domain::people::create_user(
        &target.db,
        &target.hasher,
        malaka_domain::people::NewUser {
            email: "newcomer@gov.uz".into(),
            name: "Newcomer".into(),
            password: crate::support::PASSWORD.into(),
            role: Role::Officer,
            org_unit_id: None,
            language: Locale::En,
        },
    )
    .await
    .expect("a new person after the copy");
    assert!(newcomer.id > reader);
    assert!(people.iter().all(|id| *id < newcomer.id));

    // A second copy into the same database is refused: it holds data.
    assert!(matches!(
        malaka_server::data_copy::copy(&pilot.database_url, &target_url).await,
        Err(malaka_server::data_copy::CopyError::TargetNotEmpty(_))
    ));
}

async fn row_count(db: &sea_orm::DatabaseConnection, table: &str) -> i64 {
    let statement = Statement::from_string(
        db.get_database_backend(),
        format!("SELECT COUNT(*) FROM \"{table}\""),
    );
    db.query_one_raw(statement)
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// A table's ids in order; None for tables keyed otherwise (no `id` column).
async fn ids_of(db: &sea_orm::DatabaseConnection, table: &str) -> Option<Vec<String>> {
    let statement = Statement::from_string(
        db.get_database_backend(),
        // Qualified, so that PostgreSQL sorts by the number, not by the text it selects.
        format!("SELECT CAST(id AS TEXT) FROM \"{table}\" ORDER BY \"{table}\".id"),
    );
    db.query_all_raw(statement).await.ok().map(|rows| {
        rows.iter()
            .map(|row| row.try_get_by_index::<String>(0).unwrap())
            .collect()
    })
}
