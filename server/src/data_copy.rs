//! `malaka-server migrate-data --from sqlite://… --to postgres://…`: a pilot that started on
//! SQLite moves to PostgreSQL with everything it has, ids included (certificates keep their
//! codes and signatures, the audit log its order, links their ids). The target is migrated
//! first and must hold no data; tables are copied parents first, rows in key order, in chunks;
//! afterwards each table's id sequence continues after the highest id copied. Run it with the
//! server stopped, so that nothing is written to the source meanwhile.

use malaka_domain::entities::*;
use malaka_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    IntoActiveModel, Iterable, PaginatorTrait, PrimaryKeyToColumn, PrimaryKeyTrait, QueryOrder,
    Statement,
};
use std::process::ExitCode;

const CHUNK: u64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("the database: {0}")]
    Database(#[from] DbErr),
    #[error(
        "the source has {0} migrations not applied: start this version of the server on it once"
    )]
    SourceBehind(usize),
    #[error("the target already holds data (table {0}): copy only into a new, empty database")]
    TargetNotEmpty(&'static str),
}

/// How many rows each table received, in copy order.
pub type Copied = Vec<(&'static str, u64)>;

pub async fn copy(from: &str, to: &str) -> Result<Copied, CopyError> {
    let source = Database::connect(from).await?;
    let pending = Migrator::get_pending_migrations(&source).await?.len();
    if pending > 0 {
        return Err(CopyError::SourceBehind(pending));
    }
    let target = Database::connect(to).await?;
    Migrator::up(&target, None).await?;
    // Parents before children, so that every foreign key finds its row.
    macro_rules! each_table {
        ($run:ident) => {{
            let mut done = Copied::new();
            done.push($run::<org_unit::Entity>(&source, &target).await?);
            done.push($run::<user::Entity>(&source, &target).await?);
            done.push($run::<course::Entity>(&source, &target).await?);
            done.push($run::<course_text::Entity>(&source, &target).await?);
            done.push($run::<course_version::Entity>(&source, &target).await?);
            done.push($run::<lesson::Entity>(&source, &target).await?);
            done.push($run::<lesson_text::Entity>(&source, &target).await?);
            done.push($run::<question::Entity>(&source, &target).await?);
            done.push($run::<lesson_draft::Entity>(&source, &target).await?);
            done.push($run::<enrolment::Entity>(&source, &target).await?);
            done.push($run::<lesson_progress::Entity>(&source, &target).await?);
            done.push($run::<check_answer::Entity>(&source, &target).await?);
            done.push($run::<quiz_attempt::Entity>(&source, &target).await?);
            done.push($run::<quiz_answer::Entity>(&source, &target).await?);
            done.push($run::<certificate::Entity>(&source, &target).await?);
            done.push($run::<outbox_message::Entity>(&source, &target).await?);
            done.push($run::<audit_entry::Entity>(&source, &target).await?);
            done.push($run::<invitation::Entity>(&source, &target).await?);
            done.push($run::<people_import::Entity>(&source, &target).await?);
            done.push($run::<assignment::Entity>(&source, &target).await?);
            done.push($run::<training_round::Entity>(&source, &target).await?);
            done.push($run::<reminder::Entity>(&source, &target).await?);
            done.push($run::<server_secret::Entity>(&source, &target).await?);
            done.push($run::<scheduled_job::Entity>(&source, &target).await?);
            done.push($run::<rate_limit_hit::Entity>(&source, &target).await?);
            done.push($run::<sign_in_failure::Entity>(&source, &target).await?);
            done
        }};
    }
    // Every table is checked before any is written: a refused copy writes nothing.
    each_table!(refuse_data);
    let copied = each_table!(copy_table);
    source.close().await?;
    target.close().await?;
    Ok(copied)
}

async fn refuse_data<E: EntityTrait>(
    _source: &DatabaseConnection,
    target: &DatabaseConnection,
) -> Result<(&'static str, u64), CopyError> {
    let table = E::default().table_name();
    match E::find().one(target).await? {
        None => Ok((table, 0)),
        Some(_) => Err(CopyError::TargetNotEmpty(table)),
    }
}

async fn copy_table<E>(
    source: &DatabaseConnection,
    target: &DatabaseConnection,
) -> Result<(&'static str, u64), CopyError>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel> + Sync,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let table = E::default().table_name();
    let mut ordered = E::find();
    for key in E::PrimaryKey::iter() {
        ordered = ordered.order_by_asc(key.into_column());
    }
    let mut pages = ordered.paginate(source, CHUNK);
    let mut rows = 0;
    while let Some(page) = pages.fetch_and_next().await? {
        if page.is_empty() {
            break;
        }
        rows += page.len() as u64;
        // Every column set, the id included.
        let page = page
            .into_iter()
            .map(|model| model.into_active_model().reset_all());
        E::insert_many(page).exec_without_returning(target).await?;
    }
    if target.get_database_backend() == DbBackend::Postgres
        && <E::PrimaryKey as PrimaryKeyTrait>::auto_increment()
    {
        target
            .execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
                ),
            ))
            .await?;
    }
    Ok((table, rows))
}

pub fn copy_command(from: String, to: String) -> ExitCode {
    let outcome = tokio::runtime::Runtime::new()
        .map_err(|error| error.to_string())
        .and_then(|runtime| {
            runtime
                .block_on(copy(&from, &to))
                .map_err(|e| e.to_string())
        });
    match outcome {
        Ok(copied) => {
            for (table, rows) in &copied {
                eprintln!("{table}: {rows} rows");
            }
            let total: u64 = copied.iter().map(|(_, rows)| rows).sum();
            eprintln!(
                "copied {total} rows into {}",
                to.split('@').next_back().unwrap_or(&to)
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("malaka-server migrate-data: {error}");
            ExitCode::FAILURE
        }
    }
}
