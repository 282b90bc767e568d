//! A corpus of broken courses: every folder under `tests/broken/` is a small course that would be
//! valid but for one mistake, and its `expected.txt` holds the exact problems the validator must
//! report for it, one per line, in order, with paths relative to the case folder.

use malaka_courses::{load_course, Problem};
use std::fs;
use std::path::{Path, PathBuf, MAIN_SEPARATOR};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken")
}

/// The case folders, sorted by name.
fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .expect("tests/broken/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    cases
}

fn name_of(case: &Path) -> String {
    case.file_name().unwrap().to_string_lossy().into_owned()
}

/// `file:line:column: message`, with every path (also inside the message) relative to the case
/// folder, and `.` for the folder itself.
fn relative_to(case: &Path, problem: &Problem) -> String {
    let file = problem.file.strip_prefix(case).unwrap_or(&problem.file);
    let file = if file.as_os_str().is_empty() {
        Path::new(".")
    } else {
        file
    };
    let message = problem
        .message
        .replace(&format!("{}{MAIN_SEPARATOR}", case.display()), "");
    Problem::new(file, problem.line, problem.column, message).to_string()
}

/// The problems the validator reports for a case, or why that is not what a broken case gives.
fn reported(case: &Path) -> Result<Vec<String>, String> {
    match load_course(case) {
        Ok(_) => Err("the course loaded without any problem".into()),
        Err(error) => Ok(error
            .problems()
            .iter()
            .map(|problem| relative_to(case, problem))
            .collect()),
    }
}

fn indented(lines: &[String]) -> String {
    if lines.is_empty() {
        return "    (nothing)".into();
    }
    lines.iter().map(|line| format!("    {line}\n")).collect()
}

#[test]
fn every_broken_course_reports_exactly_its_expected_problems() {
    let cases = cases();
    let mut mismatches = Vec::new();
    for case in &cases {
        let name = name_of(case);
        // A missing expected.txt is reported by its own test.
        let Ok(expected) = fs::read_to_string(case.join("expected.txt")) else {
            continue;
        };
        let expected: Vec<String> = expected
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned)
            .collect();
        match reported(case) {
            Ok(got) if got == expected => {}
            Ok(got) => mismatches.push(format!(
                "{name}:\n  expected:\n{}  got:\n{}",
                indented(&expected),
                indented(&got)
            )),
            Err(why) => mismatches.push(format!(
                "{name}: {why}\n  expected:\n{}",
                indented(&expected)
            )),
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} broken courses were not reported as expected:\n\n{}",
        mismatches.len(),
        cases.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_broken_course_has_an_expected_txt() {
    let cases = cases();
    assert!(
        cases.len() >= 15,
        "the corpus has only {} cases",
        cases.len()
    );
    let without: Vec<String> = cases
        .iter()
        .filter(|case| !case.join("expected.txt").is_file())
        .map(|case| name_of(case))
        .collect();
    assert!(
        without.is_empty(),
        "these cases have no expected.txt: {}",
        without.join(", ")
    );
}
