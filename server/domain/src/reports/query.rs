//! The SQL behind HR's reports. At 100,000 people and millions of progress rows, reports are
//! counted by the database, grouped per unit, and rolled up to sub-trees and regions in memory
//! (the tree has hundreds of units, not millions). Statements are written once with `?` and
//! numbered for PostgreSQL, so both databases run the same query.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use std::collections::HashSet;

use crate::Error;
use malaka_shared::reports::EnrolmentStatus;

/// What the filtered enrolments are, resolved from the page's filter and the viewer's reach.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub course_id: Option<i32>,
    /// `None`: every unit (and people with no unit). Otherwise people of these units only.
    pub units: Option<HashSet<i32>>,
    pub region: Option<String>,
    pub status: Option<EnrolmentStatus>,
    pub due_from: Option<DateTime<Utc>>,
    pub due_to: Option<DateTime<Utc>>,
    /// Only these people (the flagged list's quiz check finds them).
    pub people: Option<Vec<i32>>,
    /// Only completions with less than a quarter of the estimated time on the lessons.
    pub read_too_fast: bool,
}

/// `EnrolmentStatus::of` as SQL over the enrolment's own row (its summary says whether reading
/// has started); `?` is the current time. Built from the enum so the two cannot drift.
fn status_sql() -> String {
    let case =
        |completed, past_due, started| EnrolmentStatus::of(completed, past_due, started).code();
    format!(
        "CASE WHEN e.completed_at IS NOT NULL THEN '{}' \
         WHEN e.due_at IS NOT NULL AND e.due_at < ? THEN '{}' \
         WHEN e.last_progress_at IS NOT NULL THEN '{}' ELSE '{}' END",
        case(true, true, true),
        case(false, true, true),
        case(false, false, true),
        case(false, false, false),
    )
}

/// HR's chasing order (`EnrolmentStatus::ALL`) as SQL over `t.status`.
fn chase_order_sql() -> String {
    let mut sql = String::from("CASE t.status");
    for (rank, status) in EnrolmentStatus::ALL.iter().enumerate() {
        sql.push_str(&format!(" WHEN '{}' THEN {rank}", status.code()));
    }
    sql.push_str(" END");
    sql
}

/// SQL text and its values, built in order.
pub struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new() -> Self {
        Self {
            text: String::new(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, values: impl IntoIterator<Item = Value>) -> &mut Self {
        self.text.push_str(text);
        self.values.extend(values);
        self
    }

    /// ` AND column IN (…)`; no ids select nothing.
    fn push_in(&mut self, column: &str, ids: &[i32]) -> &mut Self {
        if ids.is_empty() {
            return self.push(" AND 1 = 0", []);
        }
        let marks = vec!["?"; ids.len()].join(", ");
        self.push(
            &format!(" AND {column} IN ({marks})"),
            ids.iter().copied().map(Value::from),
        )
    }

    pub fn statement(self, backend: DbBackend) -> Statement {
        let text = match backend {
            DbBackend::Postgres => {
                let mut numbered = String::with_capacity(self.text.len() + 16);
                let mut n = 0;
                for c in self.text.chars() {
                    if c == '?' {
                        n += 1;
                        numbered.push_str(&format!("${n}"));
                    } else {
                        numbered.push(c);
                    }
                }
                numbered
            }
            _ => self.text,
        };
        Statement::from_sql_and_values(backend, text, self.values)
    }
}

/// `FROM … WHERE …` of the selected enrolments, with `status` computed as a column of `t`.
fn selected(selection: &Selection, now: DateTime<Utc>, columns: &str) -> Sql {
    let mut sql = Sql::new();
    sql.push("SELECT * FROM (SELECT ", []);
    sql.push(columns, []);
    sql.push(", ", []);
    sql.push(&status_sql(), [now.into()]);
    sql.push(
        " AS status FROM enrolments e JOIN users u ON u.id = e.user_id",
        [],
    );
    // Only a region filter needs the units: joining them for every row costs a lookup each.
    if selection.region.is_some() {
        sql.push(" LEFT JOIN org_units o ON o.id = u.org_unit_id", []);
    }
    sql.push(" WHERE u.active = ?", [true.into()]);
    if let Some(course) = selection.course_id {
        sql.push(" AND e.course_id = ?", [course.into()]);
    }
    if let Some(units) = &selection.units {
        let mut ids: Vec<i32> = units.iter().copied().collect();
        ids.sort_unstable();
        sql.push_in("u.org_unit_id", &ids);
    }
    if let Some(region) = &selection.region {
        sql.push(" AND o.region = ?", [region.clone().into()]);
    }
    if let Some(from) = selection.due_from {
        sql.push(" AND e.due_at >= ?", [from.into()]);
    }
    if let Some(to) = selection.due_to {
        sql.push(" AND e.due_at <= ?", [to.into()]);
    }
    if let Some(people) = &selection.people {
        sql.push_in("u.id", people);
    }
    sql.push(") t WHERE 1 = 1", []);
    if let Some(status) = &selection.status {
        sql.push(" AND t.status = ?", [status.code().into()]);
    }
    if selection.read_too_fast {
        sql.push(
            " AND t.completed_at IS NOT NULL AND t.seconds_spent * 4 < t.estimated_minutes * 60",
            [],
        );
    }
    sql
}

/// Counts per unit and status: (unit, status, enrolments).
pub async fn counts_by_unit(
    db: &impl ConnectionTrait,
    selection: &Selection,
    now: DateTime<Utc>,
) -> Result<Vec<(Option<i32>, EnrolmentStatus, i64)>, Error> {
    let inner = selected(selection, now, "u.org_unit_id AS unit");
    let mut sql = Sql::new();
    sql.push("SELECT unit, status, COUNT(*) AS n FROM (", []);
    sql.push(&inner.text, inner.values);
    sql.push(") s GROUP BY unit, status", []);
    let rows = db
        .query_all_raw(sql.statement(db.get_database_backend()))
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<Option<i32>>("", "unit")?,
                status(row)?,
                row.try_get::<i64>("", "n")?,
            ))
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(Error::from)
}

/// The columns of one person on one course, before names and flags are added in Rust.
#[derive(Debug, Clone)]
pub struct EnrolmentLine {
    pub enrolment_id: i32,
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub unit: Option<i32>,
    pub position: Option<String>,
    pub course_id: i32,
    pub enrolled_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub score_percent: Option<i16>,
    pub status: EnrolmentStatus,
    pub seconds_spent: i64,
}

const LINE_COLUMNS: &str =
    "e.id AS enrolment_id, u.id AS user_id, u.name AS name, u.email AS email, \
    u.org_unit_id AS unit, u.position AS position, e.course_id AS course_id, \
    e.enrolled_at AS enrolled_at, e.due_at AS due_at, e.completed_at AS completed_at, \
    e.score_percent AS score_percent, e.seconds_spent AS seconds_spent, \
    (SELECT c.estimated_minutes FROM courses c WHERE c.id = e.course_id) AS estimated_minutes";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineOrder {
    /// Overdue first (the ones to chase), then by due date and name.
    ChaseFirst,
    /// The latest completions first.
    RecentlyCompleted,
}

/// The selected people and courses in `order`; `page` is (limit, offset).
pub async fn lines(
    db: &impl ConnectionTrait,
    selection: &Selection,
    now: DateTime<Utc>,
    order: LineOrder,
    page: Option<(u64, u64)>,
) -> Result<Vec<EnrolmentLine>, Error> {
    let backend = db.get_database_backend();
    let Some(page) = page else {
        let statement = lines_statement(selection, now, order, None, backend);
        return read_lines(db, statement).await;
    };
    // A page deep in a national list sorts every selected row: sort narrow rows (the order's
    // keys and the id), then read the page's few rows whole.
    let columns = match selection.read_too_fast {
        true => format!("{ORDER_COLUMNS}, {READING_COLUMNS}"),
        false => ORDER_COLUMNS.to_owned(),
    };
    let mut ids = selected(selection, now, &columns);
    push_order(&mut ids, order, Some(page));
    let ids: Vec<i32> = db
        .query_all_raw(ids.statement(backend))
        .await?
        .iter()
        .map(|row| row.try_get("", "enrolment_id"))
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut whole = Sql::new();
    whole.push("SELECT * FROM (SELECT ", []);
    whole.push(LINE_COLUMNS, []);
    whole.push(", ", []);
    whole.push(&status_sql(), [now.into()]);
    whole.push(
        " AS status FROM enrolments e JOIN users u ON u.id = e.user_id WHERE 1 = 1",
        [],
    );
    whole.push_in("e.id", &ids);
    whole.push(") t", []);
    let mut lines = read_lines(db, whole.statement(backend)).await?;
    let rank: std::collections::HashMap<i32, usize> = ids
        .iter()
        .enumerate()
        .map(|(rank, id)| (*id, rank))
        .collect();
    lines.sort_by_key(|line| rank.get(&line.enrolment_id).copied());
    Ok(lines)
}

async fn read_lines(
    db: &impl ConnectionTrait,
    statement: Statement,
) -> Result<Vec<EnrolmentLine>, Error> {
    let rows = db.query_all_raw(statement).await?;
    rows.iter()
        .map(line)
        .collect::<Result<_, _>>()
        .map_err(Error::from)
}

/// What the orders sort on.
const ORDER_COLUMNS: &str = "e.id AS enrolment_id, u.id AS user_id, u.name AS name, \
    e.course_id AS course_id, e.due_at AS due_at, e.completed_at AS completed_at";
/// What the filter on reading time compares.
const READING_COLUMNS: &str = "e.seconds_spent AS seconds_spent, \
    (SELECT c.estimated_minutes FROM courses c WHERE c.id = e.course_id) AS estimated_minutes";

fn push_order(sql: &mut Sql, order: LineOrder, page: Option<(u64, u64)>) {
    let order = match order {
        LineOrder::ChaseFirst => format!(
            " ORDER BY {}, t.due_at, t.name, t.user_id, t.course_id",
            chase_order_sql()
        ),
        LineOrder::RecentlyCompleted => {
            " ORDER BY t.completed_at DESC, t.user_id, t.course_id".into()
        }
    };
    sql.push(&order, []);
    if let Some((limit, offset)) = page {
        sql.push(
            " LIMIT ? OFFSET ?",
            [(limit as i64).into(), (offset as i64).into()],
        );
    }
}

/// The statement behind [`lines`], for a caller that streams its rows through [`line`].
pub fn lines_statement(
    selection: &Selection,
    now: DateTime<Utc>,
    order: LineOrder,
    page: Option<(u64, u64)>,
    backend: DbBackend,
) -> Statement {
    let mut sql = selected(selection, now, LINE_COLUMNS);
    push_order(&mut sql, order, page);
    sql.statement(backend)
}

pub fn line(row: &QueryResult) -> Result<EnrolmentLine, sea_orm::DbErr> {
    Ok(EnrolmentLine {
        enrolment_id: row.try_get("", "enrolment_id")?,
        user_id: row.try_get("", "user_id")?,
        name: row.try_get("", "name")?,
        email: row.try_get("", "email")?,
        unit: row.try_get("", "unit")?,
        position: row.try_get("", "position")?,
        course_id: row.try_get("", "course_id")?,
        enrolled_at: row.try_get("", "enrolled_at")?,
        due_at: row.try_get("", "due_at")?,
        completed_at: row.try_get("", "completed_at")?,
        score_percent: row.try_get("", "score_percent")?,
        status: status(row)?,
        seconds_spent: row.try_get("", "seconds_spent")?,
    })
}

fn status(row: &QueryResult) -> Result<EnrolmentStatus, sea_orm::DbErr> {
    let code: String = row.try_get("", "status")?;
    EnrolmentStatus::from_code(&code)
        .ok_or_else(|| sea_orm::DbErr::Type(format!("unknown enrolment status {code}")))
}
