//! The trainers' validator as they run it: `malaka-server courses check DIR`.

use std::process::Command;

fn check(dir: &std::path::Path) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_malaka-server"))
        .args(["courses", "check"])
        .arg(dir)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

#[test]
fn the_bundled_catalog_passes_the_check() {
    let (ok, stdout, stderr) = check(&malaka_courses::bundled_catalog_dir());
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("3 courses") && stdout.contains("no problems"),
        "{stdout}"
    );
}

#[test]
fn a_broken_course_fails_with_every_problem_as_file_line_column() {
    let root = tempfile::tempdir().unwrap();
    let course = root.path().join("broken");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(course.join("course.yaml"), "source_language: en\ntitle: {en: T, ru: T, uz: T}\nsummary: {en: S, ru: S, uz: S}\nestimated_hours: 1\npass_mark: 80\n").unwrap();
    std::fs::write(course.join("01-one.md"), "---\ntitle: One\nminutes: 5\n---\n\n```question\nid: q1\ntype: single\nQ?\n- [ ] a\n- [ ] b\n> f\n```\n").unwrap();
    std::fs::write(
        course.join("02-two.md"),
        "---\ntitle: Two\nminutes: lots\n---\n",
    )
    .unwrap();
    let (ok, _, stderr) = check(root.path());
    assert!(!ok);
    let one = course.join("01-one.md");
    let two = course.join("02-two.md");
    assert!(
        stderr.contains(&format!(
            "{}:10:1: a single-choice question needs exactly one correct option",
            one.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:3:", two.display())),
        "{stderr}"
    );
    assert!(stderr.contains("2 problem(s) found"), "{stderr}");
}

#[test]
fn a_gift_bank_becomes_a_quiz_file_that_passes_the_check() {
    let root = tempfile::tempdir().unwrap();
    let gift = root.path().join("bank.gift");
    std::fs::write(&gift, "::Lock::Lock the screen with? {=Win+L ~Alt+F4 ~Ctrl+S}\n\n::Codes::Share SMS codes?{F}\n\n::Essay::Describe.{}\n").unwrap();
    let out = root.path().join("quiz.md");
    let output = Command::new(env!("CARGO_BIN_EXE_malaka-server"))
        .args(["courses", "import-gift"])
        .arg(&gift)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the essay is reported");
    assert!(
        stderr.contains("2 question(s) written")
            && stderr.contains("bank.gift:5:1: essay questions"),
        "{stderr}"
    );
    let quiz = std::fs::read_to_string(&out).unwrap();
    assert!(
        quiz.contains("id: lock\ntype: single\n") && quiz.contains("answer: false"),
        "{quiz}"
    );
}

#[test]
fn export_then_import_on_the_command_line_gives_a_course_that_passes_the_check() {
    let work = tempfile::tempdir().unwrap();
    let zip = work.path().join("cybersecurity.zip");
    let run = |args: &[&std::ffi::OsStr]| {
        let output = Command::new(env!("CARGO_BIN_EXE_malaka-server"))
            .arg("courses")
            .args(args)
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let source = malaka_courses::bundled_catalog_dir().join("cybersecurity");
    let (ok, stderr) = run(&[
        "export".as_ref(),
        source.as_os_str(),
        "--out".as_ref(),
        zip.as_os_str(),
    ]);
    assert!(ok, "{stderr}");
    let into = work.path().join("catalog");
    std::fs::create_dir(&into).unwrap();
    let (ok, stderr) = run(&[
        "import".as_ref(),
        zip.as_os_str(),
        "--into".as_ref(),
        into.as_os_str(),
    ]);
    assert!(ok, "{stderr}");
    let (ok, stdout, stderr) = check(&into);
    assert!(ok && stdout.contains("1 courses"), "{stdout}{stderr}");

    // Importing over an existing course is refused, and says where.
    let (ok, stderr) = run(&[
        "import".as_ref(),
        zip.as_os_str(),
        "--into".as_ref(),
        into.as_os_str(),
    ]);
    assert!(!ok);
    assert!(stderr.contains("cybersecurity"), "{stderr}");
}
