//! Reading a staff file as admins export it from a personnel system or Excel: UTF-8 with or
//! without Excel's byte-order mark, separated by commas, or by semicolons as Excel writes CSV in
//! Russian and Uzbek locales. Every row is checked and every problem reported with its line;
//! nothing here touches the database, so the same checks run at upload and again when applied.

use std::collections::{HashMap, HashSet};

use malaka_shared::i18n::Locale;
use malaka_shared::people::Role;
use malaka_shared::people::{ImportProblem, LineProblem};

/// More rows than this is not one import: split the file.
pub const MAX_ROWS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub line: usize,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub position: Option<String>,
    pub language: Option<String>,
    pub role: Option<String>,
}

/// A row that passed every check, ready to become an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanRow {
    pub line: usize,
    pub name: String,
    pub email: String,
    pub unit_id: i32,
    pub position: Option<String>,
    pub language: Locale,
    pub role: Role,
}

/// What the checks need to know about the database.
pub struct Directory<'a> {
    /// Lower-cased `Ministry / Department / Unit` paths and bare names, with the unit ids they name.
    pub units: &'a HashMap<String, Vec<i32>>,
    pub existing_emails: &'a HashSet<String>,
}

const COLUMNS: [(&str, &[&str]); 6] = [
    (
        "name",
        &[
            "name",
            "full name",
            "фио",
            "ф.и.о.",
            "имя",
            "ism",
            "f.i.sh.",
        ],
    ),
    (
        "email",
        &[
            "email",
            "e-mail",
            "почта",
            "электронная почта",
            "elektron pochta",
        ],
    ),
    (
        "unit",
        &["unit", "подразделение", "bo'lim", "boʻlim", "bo‘lim"],
    ),
    ("position", &["position", "должность", "lavozim"]),
    ("language", &["language", "язык", "til"]),
    ("role", &["role", "роль", "rol"]),
];
const REQUIRED: [&str; 3] = ["name", "email", "unit"];

/// Decodes the upload: UTF-8, with Excel's byte-order mark removed. Other encodings (Excel's
/// "CSV" in a Russian locale is Windows-1251) are refused at the first line that is not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<String, LineProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let before = &bytes[..error.valid_up_to()];
            Err(LineProblem {
                line: before.iter().filter(|&&b| b == b'\n').count() + 1,
                problem: ImportProblem::NotUtf8,
            })
        }
    }
}

/// The separator of the header line: whichever of `;`, `,` and tab it has most of.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&candidate| header.bytes().filter(|&b| b == candidate).count())
        .filter(|&candidate| header.as_bytes().contains(&candidate))
        .unwrap_or(b',')
}

/// The rows of a file, and the rows that could not even be split into the header's columns.
#[derive(Debug, Default)]
pub struct ParsedFile {
    pub rows: Vec<StaffRow>,
    pub problems: Vec<LineProblem>,
}

/// Splits the file into rows, or says why it cannot be read as a staff file at all.
pub fn parse(text: &str) -> Result<ParsedFile, Vec<LineProblem>> {
    let at_line = |line, problem| LineProblem { line, problem };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(_) => return Err(vec![at_line(1, ImportProblem::NoRows)]),
    };
    let position_of = |column: &str| {
        let aliases = COLUMNS.iter().find(|(name, _)| *name == column)?.1;
        headers.iter().position(|h| aliases.contains(&h.as_str()))
    };
    let missing: Vec<LineProblem> = REQUIRED
        .iter()
        .filter(|column| position_of(column).is_none())
        .map(|column| {
            at_line(
                1,
                ImportProblem::MissingColumn {
                    column: (*column).into(),
                },
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let [name, email, unit, position, language, role] = COLUMNS.map(|(c, _)| position_of(c));
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let Ok(record) = record else { continue };
        // Counted from the byte offset, past the line end the reader may start on: its own
        // line count is off by one after each `\r\n`, as Excel ends lines.
        let line = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut start = (p.byte() as usize).min(bytes.len());
            while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
                start += 1;
            }
            bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
        });
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != headers.len() {
            problems.push(at_line(
                line,
                ImportProblem::WrongFieldCount {
                    expected: headers.len(),
                    found: record.len(),
                },
            ));
            continue;
        }
        let field = |index: Option<usize>| {
            index
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|value| !value.is_empty())
                .map(str::to_owned)
        };
        rows.push(StaffRow {
            line,
            name: field(name).unwrap_or_default(),
            email: field(email).unwrap_or_default(),
            unit: field(unit).unwrap_or_default(),
            position: field(position),
            language: field(language),
            role: field(role),
        });
        if rows.len() > MAX_ROWS {
            return Err(vec![at_line(
                line,
                ImportProblem::TooManyRows { max: MAX_ROWS },
            )]);
        }
    }
    if rows.is_empty() && problems.is_empty() {
        return Err(vec![at_line(2, ImportProblem::NoRows)]);
    }
    Ok(ParsedFile { rows, problems })
}

/// Normalises a unit reference the way `Directory::units` keys are written.
pub fn unit_key(reference: &str) -> String {
    reference
        .split('/')
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" / ")
        .to_lowercase()
}

fn language_of(value: &str) -> Option<Locale> {
    let value = value.trim().to_lowercase();
    Locale::ALL.into_iter().find(|locale| {
        locale.code().to_lowercase() == value
            || locale.native_name().to_lowercase() == value
            || matches!(
                (locale, value.as_str()),
                (Locale::Uz, "uzbek" | "o'zbek" | "oʻzbek" | "узбекский")
                    | (
                        Locale::UzCyrl,
                        "uzbek (cyrillic)" | "ўзбек" | "узбекский (кириллица)"
                    )
                    | (Locale::Ru, "russian" | "русский" | "rus")
                    | (Locale::En, "english" | "английский" | "ingliz")
            )
    })
}

/// Checks every row against the directory; returns the clean rows and every problem, in order.
pub fn check(rows: &[StaffRow], directory: &Directory) -> (Vec<CleanRow>, Vec<LineProblem>) {
    let mut clean = Vec::new();
    let mut problems = Vec::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let mut row_problems = Vec::new();
        let mut problem = |problem| {
            row_problems.push(LineProblem {
                line: row.line,
                problem,
            })
        };
        for (column, value) in [
            ("name", &row.name),
            ("email", &row.email),
            ("unit", &row.unit),
        ] {
            if value.is_empty() {
                problem(ImportProblem::MissingValue {
                    column: column.into(),
                });
            }
        }
        let email = super::normalise_email(&row.email);
        if !email.is_empty() {
            if email.parse::<lettre::Address>().is_err() || email.len() > 254 {
                problem(ImportProblem::InvalidEmail {
                    value: row.email.clone(),
                });
            } else if let Some(&first_line) = first_seen.get(&email) {
                problem(ImportProblem::DuplicateInFile { first_line });
            } else if directory.existing_emails.contains(&email) {
                problem(ImportProblem::EmailTaken {
                    value: email.clone(),
                });
            }
            first_seen.entry(email.clone()).or_insert(row.line);
        }
        let unit_id = match directory.units.get(&unit_key(&row.unit)).map(Vec::as_slice) {
            Some([id]) => Some(*id),
            Some([_, _, ..]) => {
                problem(ImportProblem::AmbiguousUnit {
                    value: row.unit.clone(),
                });
                None
            }
            _ if row.unit.is_empty() => None,
            _ => {
                problem(ImportProblem::UnknownUnit {
                    value: row.unit.clone(),
                });
                None
            }
        };
        let language = match row.language.as_deref() {
            None => Some(Locale::Uz),
            Some(value) => language_of(value).or_else(|| {
                problem(ImportProblem::UnknownLanguage {
                    value: value.into(),
                });
                None
            }),
        };
        let role = match row.role.as_deref() {
            None => Some(Role::Officer),
            Some(value) => Role::parse(&value.to_lowercase()).or_else(|| {
                problem(ImportProblem::UnknownRole {
                    value: value.into(),
                });
                None
            }),
        };
        match (unit_id, language, role) {
            (Some(unit_id), Some(language), Some(role)) if row_problems.is_empty() => {
                clean.push(CleanRow {
                    line: row.line,
                    name: row.name.clone(),
                    email,
                    unit_id,
                    position: row.position.clone(),
                    language,
                    role,
                })
            }
            _ => problems.extend(row_problems),
        }
    }
    (clean, problems)
}
