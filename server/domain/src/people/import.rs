//! Staff imports: an admin uploads a CSV file, reads its report line by line, and applies it.
//! Nothing is created while the file has problems, unless the admin asks for the clean rows
//! only. Applying checks the file again (the database may have changed since the upload),
//! creates the accounts, their invitations and invitation emails, and enrols each newcomer in
//! the assignments that cover them, all in one transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use std::collections::HashSet;
use std::net::IpAddr;

use super::invitations::{self, NO_PASSWORD_YET};
use super::staff_file::{self, CleanRow, Directory};
use crate::assignments::Newcomers;
use crate::entities::{people_import, user};
use crate::{audit, people::organisation, AppState, CurrentUser, Db};
use crate::{Error, Refusal};
use malaka_shared::people::{ImportReport, ImportSummary, LineProblem, PrivilegedRow, Role};

/// 10,000 people with long names and units fit in well under this.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

struct Examined {
    rows_total: usize,
    clean: Vec<CleanRow>,
    problems: Vec<LineProblem>,
}

async fn examine(db: &impl ConnectionTrait, text: &str) -> Result<Examined, Error> {
    let parsed = match staff_file::parse(text) {
        Ok(parsed) => parsed,
        Err(problems) => {
            return Ok(Examined {
                rows_total: 0,
                clean: Vec::new(),
                problems,
            })
        }
    };
    let units = organisation::unit_directory(db).await?;
    let existing_emails: HashSet<String> = user::Entity::find()
        .select_only()
        .column(user::Column::Email)
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let directory = Directory {
        units: &units,
        existing_emails: &existing_emails,
    };
    let (clean, mut problems) = staff_file::check(&parsed.rows, &directory);
    problems.extend(parsed.problems.iter().cloned());
    problems.sort_by_key(|problem| problem.line);
    Ok(Examined {
        rows_total: parsed.rows.len() + parsed.problems.len(),
        clean,
        problems,
    })
}

/// Checks an uploaded file and keeps it with its report; returns the import's id.
pub async fn upload(
    db: &Db,
    admin: &CurrentUser,
    file_name: &str,
    bytes: &[u8],
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<i32, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::Refused(Refusal::FileTooLarge));
    }
    let (content, examined) = match staff_file::decode(bytes) {
        Ok(text) => {
            let examined = examine(&db.read, &text).await?;
            (text, examined)
        }
        Err(problem) => (
            String::new(),
            Examined {
                rows_total: 0,
                clean: Vec::new(),
                problems: vec![problem],
            },
        ),
    };
    let file_name: String = file_name.chars().take(200).collect();
    let row = people_import::ActiveModel {
        uploaded_by: Set(admin.id),
        uploaded_at: Set(now),
        file_name: Set(file_name.clone()),
        content: Set(content),
        rows_total: Set(examined.rows_total as i32),
        rows_clean: Set(examined.clean.len() as i32),
        problems: Set(serde_json::to_string(&examined.problems).map_err(Error::from)?),
        applied_at: Set(None),
        applied_count: Set(None),
        ..Default::default()
    }
    .insert(&db.write)
    .await?;
    audit::record(
        &db.write,
        Some(admin.id),
        "people.upload",
        &format!("import {}", row.id),
        &format!(
            "{file_name}: {} rows, {} clean, {} problems",
            examined.rows_total,
            examined.clean.len(),
            examined.problems.len()
        ),
        ip,
    )
    .await?;
    Ok(row.id)
}

pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<ImportSummary>, Error> {
    Ok(people_import::Entity::find()
        .order_by_desc(people_import::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ImportSummary {
            id: row.id,
            uploaded_on: row.uploaded_at.format("%Y-%m-%d %H:%M").to_string(),
            rows_total: row.rows_total as usize,
            problems: serde_json::from_str::<Vec<LineProblem>>(&row.problems)
                .map_or(0, |p| p.len()),
            applied: row.applied_at.is_some(),
            file_name: row.file_name,
        })
        .collect())
}

/// The rows that would give someone more than an officer's rights.
fn privileged(clean: &[CleanRow]) -> Vec<PrivilegedRow> {
    clean
        .iter()
        .filter(|row| row.role != Role::Officer)
        .map(|row| PrivilegedRow {
            line: row.line,
            name: row.name.clone(),
            email: row.email.clone(),
            role: row.role,
        })
        .collect()
}

pub async fn report(db: &impl ConnectionTrait, id: i32) -> Result<ImportReport, Error> {
    let row = people_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let privileged = match row.applied_at {
        Some(_) => Vec::new(),
        None => privileged(&examine(db, &row.content).await?.clean),
    };
    Ok(ImportReport {
        id: row.id,
        file_name: row.file_name,
        uploaded_on: row.uploaded_at.format("%Y-%m-%d %H:%M").to_string(),
        rows_total: row.rows_total as usize,
        rows_clean: row.rows_clean as usize,
        problems: serde_json::from_str(&row.problems).map_err(Error::from)?,
        applied: row.applied_at.map(|at| {
            (
                at.format("%Y-%m-%d %H:%M").to_string(),
                row.applied_count.unwrap_or(0) as usize,
            )
        }),
        privileged,
    })
}

/// Creates the people of import `id`; returns how many. Applying twice is refused, and so is a
/// file that would create admins or HR officers unless `privileged_confirmed` (the admin saw
/// them listed by name and ticked a separate confirmation).
pub async fn apply(
    state: &AppState,
    admin: &CurrentUser,
    id: i32,
    clean_only: bool,
    privileged_confirmed: bool,
    ip: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let db = &state.db;
    let row = people_import::Entity::find_by_id(id)
        .one(&db.read)
        .await?
        .ok_or(Error::NotFound)?;
    // Said first: once applied, its rows exist and would read as problems.
    if row.applied_at.is_some() {
        return Err(Error::Refused(Refusal::AlreadyImported));
    }
    let examined = examine(&db.read, &row.content).await?;
    if !examined.problems.is_empty() && !clean_only {
        return Err(Error::Refused(Refusal::ImportHasProblems));
    }
    if examined.clean.is_empty() {
        return Err(Error::Refused(Refusal::NothingToImport));
    }
    let privileged = privileged(&examined.clean);
    if !privileged.is_empty() && !privileged_confirmed {
        return Err(Error::Refused(Refusal::PrivilegedUnconfirmed));
    }
    let txn = db.write.begin().await?;
    let claimed = people_import::Entity::update_many()
        .col_expr(people_import::Column::AppliedAt, Expr::value(now))
        .col_expr(
            people_import::Column::AppliedCount,
            Expr::value(examined.clean.len() as i32),
        )
        .filter(people_import::Column::Id.eq(id))
        .filter(people_import::Column::AppliedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(Error::Refused(Refusal::AlreadyImported));
    }
    let newcomers = Newcomers::load(&txn).await?;
    let mut enrolments = 0;
    for person in &examined.clean {
        let created = user::ActiveModel {
            email: Set(person.email.clone()),
            name: Set(person.name.clone()),
            password_hash: Set(NO_PASSWORD_YET.into()),
            role: Set(person.role.as_str().into()),
            org_unit_id: Set(Some(person.unit_id)),
            position: Set(person.position.clone()),
            language: Set(person.language.code().into()),
            active: Set(true),
            token_version: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        invitations::send(&txn, &created, now).await?;
        enrolments += newcomers.enrol(&txn, &created, now).await?;
    }
    audit::record(
        &txn,
        Some(admin.id),
        "people.import",
        &format!("import {id}"),
        &format!(
            "{}: {} people created, {} rows left out, {enrolments} assignments{}",
            row.file_name,
            examined.clean.len(),
            examined.rows_total - examined.clean.len(),
            privileged
                .iter()
                .map(|p| format!("; {} <{}> as {}", p.name, p.email, p.role.as_str()))
                .collect::<String>()
        ),
        ip,
    )
    .await?;
    txn.commit().await?;
    Ok(examined.clean.len())
}
