//! Front matter: the YAML block between two `---` lines at the top of a lesson file.

use serde::de::DeserializeOwned;
use std::path::Path;

use crate::Problem;

pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line number of the first body line, to report body problems at the right line.
    pub body_first_line: usize,
}

pub fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        Problem::new(file, 1, 1, "the file must start with front matter: a `---` line, `title:` and `minutes:`, and another `---` line")
    };
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                body: &rest[offset + line.len()..],
                body_first_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::new(
        file,
        1,
        1,
        "the front matter has no closing `---` line",
    ))
}

/// Parses YAML, reporting errors at their line in the file (`first_line` is where the YAML starts).
pub fn parse_yaml<T: DeserializeOwned>(
    file: &Path,
    yaml: &str,
    first_line: usize,
) -> Result<T, Problem> {
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_norway::from_str(source).map_err(|error| {
        let (line, column) = error
            .location()
            .map(|location| (location.line() + first_line - 1, location.column()))
            .unwrap_or((first_line, 0));
        let message = error.to_string();
        // serde's message repeats the position; the Problem already carries it.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        Problem::new(file, line, column, message)
    })
}
