use malaka_app::i18n::Locale;
use malaka_courses::load_catalog;
use malaka_domain::learning;
use malaka_domain::learning::catalog_sync::sync_catalog;
use malaka_shared::people::Role;
use std::path::Path;

use crate::support::TestApp;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn syncing_an_unchanged_catalog_writes_nothing() {
    let app = TestApp::new().await;
    let catalog = load_catalog(&app.state.settings.catalog_dir).unwrap();
    let report = sync_catalog(&app.state.db, &catalog).await.unwrap();
    assert_eq!(report.courses_unchanged, catalog.courses.len());
    assert_eq!(
        (
            report.courses_created,
            report.courses_updated,
            report.lessons_archived
        ),
        (0, 0, 0)
    );
}

#[tokio::test]
async fn editing_and_removing_lessons_keeps_learners_progress() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&app.state.settings.catalog_dir, copy.path());
    let course_dir = copy.path().join("cybersecurity");
    let first = load_catalog(copy.path()).unwrap();
    let lessons = &first.course("cybersecurity").unwrap().lessons;
    let (first_slug, last_slug) = (
        lessons[0].slug.clone(),
        lessons.last().unwrap().slug.clone(),
    );
    learning::complete_lesson(&app.state.db, officer, "cybersecurity", &first_slug, None)
        .await
        .unwrap();

    // Edit the first lesson's text and delete the last lesson (in every language).
    let first_file = course_dir.join(format!("01-{first_slug}.md"));
    let edited = std::fs::read_to_string(&first_file).unwrap() + "\n\nA new closing paragraph.\n";
    std::fs::write(&first_file, edited).unwrap();
    for entry in std::fs::read_dir(&course_dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .contains(&format!("-{last_slug}."))
        {
            std::fs::remove_file(path).unwrap();
        }
    }
    let report = sync_catalog(&app.state.db, &load_catalog(copy.path()).unwrap())
        .await
        .unwrap();
    assert_eq!(report.courses_updated, 1);
    let expected_archived = usize::from(lessons.len() > 1);
    assert_eq!(report.lessons_archived, expected_archived);

    let outline = learning::course_outline(&app.state.db, officer, "cybersecurity", Locale::En)
        .await
        .unwrap();
    assert_eq!(
        outline.lessons[0].state,
        malaka_shared::learning::LessonState::Completed,
        "progress survives the edit"
    );
    assert_eq!(outline.version, 2);
    assert!(
        outline
            .lessons
            .iter()
            .all(|l| lessons.len() == 1 || l.slug != last_slug),
        "the removed lesson is no longer listed"
    );
    let view = learning::open_lesson(
        &app.state.db,
        officer,
        "cybersecurity",
        &first_slug,
        Locale::En,
    )
    .await
    .unwrap();
    assert!(view.html.contains("A new closing paragraph."));
}

/// A rolling deployment starts several nodes at once on a new database: one applies the
/// migrations, the others wait for it, and every node comes up on the same schema.
#[tokio::test]
async fn nodes_starting_together_on_a_new_database_all_come_up() {
    let dir = tempfile::tempdir().unwrap();
    let url = crate::support::database_url(&dir).await;
    let mut starts = tokio::task::JoinSet::new();
    for _ in 0..3 {
        let url = url.clone();
        starts.spawn(async move {
            malaka_server::startup::prepare(
                &url,
                Some(crate::support::test_keys()),
                malaka_domain::Settings::default(),
            )
            .await
            .map(|state| state.db.catalog.snapshot().courses.len())
        });
    }
    for started in starts.join_all().await {
        assert_eq!(started.expect("every node starts"), 3);
    }
}
