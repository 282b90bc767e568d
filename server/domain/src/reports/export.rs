//! Reports as files: the same selection and the same numbers as the page, as CSV (UTF-8 with a
//! byte-order mark, so that Excel opens Cyrillic and Uzbek letters correctly) or as XLSX.

use chrono::{DateTime, Utc};
use rust_xlsxwriter::{Format, Workbook};

use super::dashboard::{groups, select};
use super::people::{describe, Names};
use super::query;
use crate::Error;
use crate::{CurrentUser, Db};
use malaka_shared::i18n::{t, Locale};
use malaka_shared::reports::{GroupCounts, PersonCourseRow, ReportFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    /// One row per person and course.
    People,
    Units,
    Regions,
}

impl ReportKind {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "people" => Some(Self::People),
            "units" => Some(Self::Units),
            "regions" => Some(Self::Regions),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::Units => "units",
            Self::Regions => "regions",
        }
    }
}

pub struct ExportFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A header row and the rows, all as text except numbers, which stay numbers in XLSX.
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

pub async fn table(
    db: &Db,
    viewer: &CurrentUser,
    filter: &ReportFilter,
    kind: ReportKind,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, Vec<Vec<Cell>>), Error> {
    let selection = select(db, viewer, filter).await?;
    let number = |n: u64| Cell::Number(n as f64);
    match kind {
        ReportKind::People => {
            let names = Names::load(db, locale).await?;
            let lines = query::lines(
                &db.read,
                &selection,
                now,
                query::LineOrder::ChaseFirst,
                None,
            )
            .await?;
            let rows = describe(db, &names, lines, now).await?;
            let cells = rows
                .into_iter()
                .map(|row| people_cells(locale, row))
                .collect();
            Ok((people_header(locale), cells))
        }
        ReportKind::Units | ReportKind::Regions => {
            let groups = groups(db, viewer, filter, &selection, now).await?;
            let list: Vec<GroupCounts> = if kind == ReportKind::Units {
                groups.by_unit
            } else {
                groups.by_region
            };
            let first = if kind == ReportKind::Units {
                "org-unit"
            } else {
                "org-region"
            };
            let header = [
                first,
                "report-total",
                "team-completed",
                "team-in-progress",
                "team-not-started",
                "team-overdue",
                "report-completion",
            ];
            let cells = list
                .into_iter()
                .map(|g| {
                    vec![
                        Cell::Text(g.label.clone()),
                        number(g.total),
                        number(g.completed),
                        number(g.in_progress),
                        number(g.not_started),
                        number(g.overdue),
                        number(u64::from(g.completion_percent())),
                    ]
                })
                .collect();
            Ok((header.iter().map(|k| t(locale, k)).collect(), cells))
        }
    }
}

/// The people report's column titles in `locale`.
pub(super) fn people_header(locale: Locale) -> Vec<String> {
    [
        "team-person",
        "sign-in-email",
        "org-unit",
        "org-region",
        "report-position",
        "team-course",
        "report-status",
        "report-enrolled",
        "assign-due",
        "report-completed-on",
        "report-score",
        "report-minutes-header",
        "report-estimated",
        "report-quiz-seconds",
        "report-flags",
    ]
    .iter()
    .map(|key| t(locale, key))
    .collect()
}

pub(super) fn people_cells(locale: Locale, row: PersonCourseRow) -> Vec<Cell> {
    let text = Cell::Text;
    let optional = |value: Option<String>| Cell::Text(value.unwrap_or_default());
    vec![
        text(row.name),
        text(row.email),
        text(row.unit),
        text(row.region),
        text(row.position),
        text(row.course_title),
        text(t(locale, &format!("report-status-{}", row.status.code()))),
        text(row.enrolled_on),
        optional(row.due_on),
        optional(row.completed_on),
        row.score_percent
            .map_or(text(String::new()), |s| Cell::Number(f64::from(s))),
        Cell::Number(row.minutes_spent as f64),
        Cell::Number(f64::from(row.estimated_minutes)),
        row.quiz_seconds
            .map_or(text(String::new()), |s| Cell::Number(s as f64)),
        text(
            row.flags
                .iter()
                .map(|flag| t(locale, &format!("report-flag-{flag}")))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    ]
}

/// A cell that a spreadsheet would run as a formula is written as text (OWASP: CSV injection);
/// names come from imported files and must never become formulas.
fn defused(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// Excel reads a CSV as UTF-8 (Cyrillic and Uzbek letters) only after this mark.
pub(super) const CSV_BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

pub fn to_csv(header: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, Error> {
    let mut bytes = CSV_BYTE_ORDER_MARK.to_vec();
    bytes.extend(csv_lines(
        std::iter::once(header.to_vec()).chain(rows.iter().map(|row| cell_texts(row))),
    )?);
    Ok(bytes)
}

/// A row's cells as the CSV writes them, text defused.
pub(super) fn cell_texts(row: &[Cell]) -> Vec<String> {
    row.iter()
        .map(|cell| match cell {
            Cell::Text(text) => defused(text.clone()),
            number => number.text(),
        })
        .collect()
}

/// CSV lines for `records`, without the byte-order mark (a stream writes it once, first).
pub(super) fn csv_lines(records: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = Error::because::<csv::Error>("writing a CSV export");
    for record in records {
        writer.write_record(&record).map_err(failed)?;
    }
    writer
        .into_inner()
        .map_err(|error| Error::internal("finishing a CSV export", error.to_string()))
}

/// Rows below the header on one worksheet: Excel's limit is 1,048,576 rows in all.
pub const XLSX_ROWS_PER_SHEET: usize = 1_048_575;

/// One worksheet per [`XLSX_ROWS_PER_SHEET`] rows (`people`, `people 2`, …), each with the
/// header, so a national export fits the format instead of failing at its row limit.
pub fn to_xlsx(sheet_name: &str, header: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, Error> {
    to_xlsx_sheets(sheet_name, header, rows, XLSX_ROWS_PER_SHEET)
}

pub fn to_xlsx_sheets(
    sheet_name: &str,
    header: &[String],
    rows: &[Vec<Cell>],
    rows_per_sheet: usize,
) -> Result<Vec<u8>, Error> {
    let failed = Error::because::<rust_xlsxwriter::XlsxError>("writing an XLSX export");
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let empty: &[Vec<Cell>] = &[];
    let parts: Vec<&[Vec<Cell>]> = match rows.is_empty() {
        true => vec![empty],
        false => rows.chunks(rows_per_sheet.max(1)).collect(),
    };
    for (number, part) in parts.into_iter().enumerate() {
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(failed)?;
        match number {
            0 => sheet.set_name(sheet_name),
            n => sheet.set_name(format!("{sheet_name} {}", n + 1)),
        }
        .map_err(failed)?;
        for (column, title) in header.iter().enumerate() {
            sheet
                .write_string_with_format(0, column as u16, title, &bold)
                .map_err(failed)?;
        }
        for (index, row) in part.iter().enumerate() {
            let line = index as u32 + 1;
            for (column, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(text) => sheet.write_string(line, column as u16, text),
                    Cell::Number(n) => sheet.write_number(line, column as u16, *n),
                }
                .map_err(failed)?;
            }
        }
    }
    workbook.save_to_buffer().map_err(failed)
}

pub fn file_name(kind: ReportKind, format: FileFormat, now: DateTime<Utc>) -> String {
    let extension = match format {
        FileFormat::Csv => "csv",
        FileFormat::Xlsx => "xlsx",
    };
    format!(
        "malaka-{}-{}.{extension}",
        kind.name(),
        now.format("%Y-%m-%d")
    )
}

pub async fn export(
    db: &Db,
    viewer: &CurrentUser,
    filter: &ReportFilter,
    kind: ReportKind,
    format: FileFormat,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<ExportFile, Error> {
    let (header, rows) = table(db, viewer, filter, kind, locale, now).await?;
    let file_name = file_name(kind, format, now);
    Ok(match format {
        FileFormat::Csv => ExportFile {
            file_name,
            content_type: "text/csv; charset=utf-8",
            bytes: to_csv(&header, &rows)?,
        },
        FileFormat::Xlsx => {
            let bytes =
                tokio::task::spawn_blocking(move || to_xlsx(kind.name(), &header, &rows)).await??;
            ExportFile {
                file_name,
                content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes,
            }
        }
    })
}
