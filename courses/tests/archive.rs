//! Course archives: export then import gives the same course, and each kind of bad upload is
//! refused with its reason before anything is written.

use malaka_courses::archive::{export_course, import_course, ArchiveLimits, Refusal};
use malaka_courses::{bundled_catalog_dir, load_course, CatalogError};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const COURSE_YAML: &[u8] = b"source_language: en
title:
  en: Tiny
  ru: \xd0\x9a\xd1\x80\xd0\xbe\xd1\x85\xd0\xb0
  uz: Kichik
summary:
  en: A tiny course.
  ru: Small.
  uz: Kichik kurs.
audience:
  en: Everyone.
estimated_hours: 0.1
pass_mark: 80
prerequisites: []
";
const LESSON: &[u8] = b"---\ntitle: One\nminutes: 2\n---\n\nHello.\n";

fn refusal(archive: &[u8], limits: &ArchiveLimits) -> (String, Refusal) {
    let workspace = tempfile::tempdir().unwrap();
    match import_course(archive, workspace.path(), limits) {
        Err(CatalogError::Archive { entry, reason }) => {
            assert_eq!(
                std::fs::read_dir(workspace.path()).unwrap().count(),
                0,
                "nothing written"
            );
            (entry, reason)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn valid_with(extra: (&str, &[u8])) -> Vec<u8> {
    zip_of(&[
        ("tiny/course.yaml", COURSE_YAML),
        ("tiny/01-one.md", LESSON),
        extra,
    ])
}

#[test]
fn export_then_import_gives_the_same_course() {
    let original = load_course(&bundled_catalog_dir().join("cybersecurity")).unwrap();
    let archive = export_course(&original.dir).unwrap();
    assert_eq!(
        archive,
        export_course(&original.dir).unwrap(),
        "the same course gives the same archive"
    );
    let workspace = tempfile::tempdir().unwrap();
    let imported = import_course(&archive, workspace.path(), &ArchiveLimits::default()).unwrap();
    assert_eq!(imported.slug, "cybersecurity");
    assert_eq!(imported.content_hash, original.content_hash);
    assert_eq!(imported.lessons.len(), original.lessons.len());
    assert_eq!(imported.assets, original.assets);
    assert_eq!(imported.meta.title, original.meta.title);
}

#[test]
fn a_path_that_leaves_the_course_folder_is_refused() {
    for name in [
        "tiny/../../escape.md",
        "/etc/tiny.md",
        "tiny\\..\\escape.md",
        "tiny/.hidden.md",
    ] {
        let (entry, reason) = refusal(&valid_with((name, LESSON)), &ArchiveLimits::default());
        assert_eq!(reason, Refusal::UnsafePath, "{name}");
        assert_eq!(entry, name);
    }
}

#[test]
fn a_zip_bomb_is_refused_by_size_and_by_ratio() {
    let zeros = vec![b' '; 12 * 1024 * 1024];
    let (entry, reason) = refusal(
        &valid_with(("tiny/assets/notes.txt", &zeros)),
        &ArchiveLimits::default(),
    );
    assert_eq!(entry, "tiny/assets/notes.txt");
    assert!(matches!(reason, Refusal::FileTooLarge { .. }), "{reason}");

    let (_, reason) = refusal(
        &valid_with(("tiny/assets/notes.txt", &zeros[..4 * 1024 * 1024])),
        &ArchiveLimits::default(),
    );
    assert!(
        matches!(reason, Refusal::SuspiciousRatio { .. }),
        "{reason}"
    );

    let limits = ArchiveLimits {
        max_total_bytes: 1000,
        ..ArchiveLimits::default()
    };
    let (_, reason) = refusal(&valid_with(("tiny/assets/a.txt", &[b'a'; 900])), &limits);
    assert_eq!(reason, Refusal::TotalTooLarge { limit: 1000 });
}

#[test]
fn archives_too_large_or_with_too_many_files_are_refused() {
    let archive = valid_with(("tiny/02-two.md", LESSON));
    let small = ArchiveLimits {
        max_archive_bytes: 100,
        ..ArchiveLimits::default()
    };
    assert!(matches!(
        refusal(&archive, &small).1,
        Refusal::ArchiveTooLarge { .. }
    ));
    let few = ArchiveLimits {
        max_files: 2,
        ..ArchiveLimits::default()
    };
    assert_eq!(
        refusal(&archive, &few).1,
        Refusal::TooManyFiles { count: 3, limit: 2 }
    );
    assert!(matches!(
        refusal(b"PK\x03\x04 not really a zip", &ArchiveLimits::default()).1,
        Refusal::NotAZip(_)
    ));
}

#[test]
fn only_course_files_are_allowed() {
    for name in [
        "tiny/assets/run.exe",
        "tiny/script.js",
        "tiny/lessons/01-x.md",
        "tiny/other.yaml",
    ] {
        let (entry, reason) = refusal(&valid_with((name, b"x")), &ArchiveLimits::default());
        assert_eq!(entry, name);
        assert!(
            matches!(reason, Refusal::FileType { .. }),
            "{name}: {reason}"
        );
    }
    let two_courses = zip_of(&[
        ("tiny/course.yaml", COURSE_YAML),
        ("other/course.yaml", COURSE_YAML),
    ]);
    assert_eq!(
        refusal(&two_courses, &ArchiveLimits::default()).1,
        Refusal::NotOneCourseFolder
    );
}

#[test]
fn images_are_checked_by_their_content_not_their_name() {
    let (entry, reason) = refusal(
        &valid_with(("tiny/assets/photo.png", b"<html><script>alert(1)</script>")),
        &ArchiveLimits::default(),
    );
    assert_eq!(entry, "tiny/assets/photo.png");
    assert_eq!(
        reason,
        Refusal::ContentMismatch {
            expected: "image/png"
        }
    );
    let jpeg_named_png: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0];
    assert_eq!(
        refusal(
            &valid_with(("tiny/assets/p.png", jpeg_named_png)),
            &ArchiveLimits::default()
        )
        .1,
        Refusal::ContentMismatch {
            expected: "image/png"
        }
    );
    for svg in [
        &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\">x</a></svg>",
    ] {
        assert!(matches!(
            refusal(
                &valid_with(("tiny/assets/d.svg", svg)),
                &ArchiveLimits::default()
            )
            .1,
            Refusal::ActiveSvg(_)
        ));
    }
    assert_eq!(
        refusal(
            &valid_with(("tiny/02-two.md", b"\xff\xfe bad")),
            &ArchiveLimits::default()
        )
        .1,
        Refusal::NotUtf8
    );
}

#[test]
fn a_symbolic_link_is_refused() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    zip.start_file("tiny/course.yaml", options).unwrap();
    zip.write_all(COURSE_YAML).unwrap();
    zip.add_symlink("tiny/01-one.md", "/etc/passwd", options)
        .unwrap();
    let archive = zip.finish().unwrap().into_inner();
    assert_eq!(
        refusal(&archive, &ArchiveLimits::default()).1,
        Refusal::Link
    );
}

#[test]
fn a_clean_archive_with_a_broken_lesson_reports_file_and_line_and_leaves_nothing() {
    let broken = b"---\ntitle: One\nminutes: lots\n---\n\nHello.\n";
    let archive = zip_of(&[
        ("tiny/course.yaml", COURSE_YAML),
        ("tiny/01-one.md", broken),
    ]);
    let workspace = tempfile::tempdir().unwrap();
    let error = import_course(&archive, workspace.path(), &ArchiveLimits::default()).unwrap_err();
    let problems = error.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.file.ends_with("tiny/01-one.md") && p.line == 3),
        "{error}"
    );
    assert!(!workspace.path().join("tiny").exists());

    let good = zip_of(&[
        ("tiny/course.yaml", COURSE_YAML),
        ("tiny/01-one.md", LESSON),
    ]);
    let course = import_course(&good, workspace.path(), &ArchiveLimits::default()).unwrap();
    assert_eq!(course.slug, "tiny");
    assert_eq!(course.lessons.len(), 1);
}
