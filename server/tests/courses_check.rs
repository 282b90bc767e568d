//! The trainers' validator as they run it: `malaka-server courses check DIR`.

use std::process::Command;

fn check(dir: &std::path::Path) -> (bool, String, String) {
    check_with(dir, &[])
}

fn check_with(dir: &std::path::Path, flags: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_malaka-server"))
        .args(["courses", "check"])
        .arg(dir)
        .args(flags)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

#[test]
fn the_bundled_catalog_passes_the_strict_check() {
    let (ok, stdout, stderr) = check_with(&malaka_courses::bundled_catalog_dir(), &["--strict"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("3 courses") && stdout.contains("no problems, 0 answer-cue warning(s)"),
        "{stdout}"
    );
}

/// A bank where "pick the longest, answer false, tick *all of the above*" scores: each habit is
/// a warning at the first question that shows it, naming the others; `--strict` fails on them.
#[test]
fn answer_cues_in_a_bank_are_warned_about_with_file_and_line() {
    let root = tempfile::tempdir().unwrap();
    let course = root.path().join("cues");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(course.join("course.yaml"), "source_language: en\ntitle: {en: T, ru: T, uz: T}\nsummary: {en: S, ru: S, uz: S}\nestimated_hours: 1\npass_mark: 80\n").unwrap();
    std::fs::write(
        course.join("01-one.md"),
        "---\ntitle: One\nminutes: 5\n---\n\nText.\n",
    )
    .unwrap();
    let mut quiz = String::from("---\nquestions_per_attempt: 5\n---\n");
    for i in 0..6 {
        quiz.push_str(&format!("\n```question\nid: long-{i}\ntype: single\nWhich?\n- [ ] No\n  > f\n- [x] The one with a full and careful explanation, number {i}\n  > f\n- [ ] Nope\n  > f\n> f\n```\n"));
    }
    for i in 0..5 {
        quiz.push_str(&format!(
            "\n```question\nid: tf-{i}\ntype: true-false\nClaim {i}.\nanswer: false\n> f\n```\n"
        ));
    }
    for i in 0..2 {
        quiz.push_str(&format!("\n```question\nid: all-{i}\ntype: single\nWhich {i}?\n- [ ] Alpha\n  > f\n- [ ] Beta\n  > f\n- [x] All of the above\n  > f\n> f\n```\n"));
    }
    std::fs::write(course.join("quiz.md"), &quiz).unwrap();

    let (ok, stdout, stderr) = check(root.path());
    assert!(ok, "warnings alone do not fail: {stderr}");
    assert!(
        stdout.contains("3 answer-cue warning(s)"),
        "{stdout}{stderr}"
    );
    let file = course.join("quiz.md");
    let line_of = |id: &str| quiz.lines().position(|l| l == format!("id: {id}")).unwrap() + 1;
    for (id, says) in [
        ("long-0", "the right option is the longest in 8 of 8"),
        ("tf-0", "5 of 5 true-false statements are false"),
        (
            "all-0",
            "option \"all of the above\" is right in all 2 questions",
        ),
    ] {
        let at = format!("{}:{}:1: warning: ", file.display(), line_of(id));
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&at) && l.contains(says)),
            "{at} {says}\n{stderr}"
        );
    }
    let (ok, _, _) = check_with(root.path(), &["--strict"]);
    assert!(!ok, "--strict fails on warnings");
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
