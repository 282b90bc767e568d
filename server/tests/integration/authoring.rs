//! The authoring workspace: trainers and admins only; drafts are previewed through the same
//! loader, renderer and sanitiser as the catalog, with problems as file:line:column, and the
//! published file stays untouched.

use axum::http::StatusCode;
use malaka_domain::Settings;
use malaka_shared::people::Role;

use crate::support::TestApp;

const ENGLISH: &str = "malaka_lang=en";

/// A test app on a copy of the bundled catalog, which drafts must never change.
async fn app_on_copied_catalog() -> (TestApp, tempfile::TempDir) {
    let catalog = tempfile::tempdir().unwrap();
    let options = std::process::Command::new("cp")
        .arg("-r")
        .arg(malaka_courses::bundled_catalog_dir().join("cybersecurity"))
        .arg(catalog.path())
        .status()
        .unwrap();
    assert!(options.success());
    let app = TestApp::with_settings(Settings {
        catalog_dir: catalog.path().to_owned(),
        ..Settings::default()
    })
    .await;
    (app, catalog)
}

#[tokio::test]
async fn only_trainers_and_admins_reach_the_workspace() {
    let (app, _catalog) = app_on_copied_catalog().await;
    let officer = app.user("o@gov.uz", Role::Officer, None).await;
    let hr = app.user("hr@gov.uz", Role::Hr, None).await;
    let trainer = app.user("t@gov.uz", Role::Trainer, None).await;
    for user in [officer, hr] {
        let cookie = format!("{}; {ENGLISH}", app.cookie_for(user).await);
        assert_eq!(
            app.get("/author", Some(&cookie)).await.status,
            StatusCode::FORBIDDEN
        );
        let form = [
            ("course", "cybersecurity"),
            ("file", "02-phishing.md"),
            ("markdown", "x"),
        ];
        let response = app.post_form("/api/save-draft", &form, Some(&cookie)).await;
        assert_ne!(response.status, StatusCode::SEE_OTHER);
    }
    let cookie = format!("{}; {ENGLISH}", app.cookie_for(trainer).await);
    let page = app.get("/author", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Cybersecurity for public servants"));
    assert!(page.body.contains("No problems"));
    assert!(page
        .body
        .contains("/author/cybersecurity/02-phishing.ru.md"));
    assert_eq!(
        app.get("/author/cybersecurity/..%2Fcourse.yaml", Some(&cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/author/cybersecurity/course.yaml", Some(&cookie))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "only lesson files"
    );
}

#[tokio::test]
async fn a_draft_is_previewed_sanitised_with_its_problems_and_the_published_file_is_kept() {
    let (app, catalog) = app_on_copied_catalog().await;
    let trainer = app.user("t@gov.uz", Role::Trainer, None).await;
    let cookie = format!("{}; {ENGLISH}", app.cookie_for(trainer).await);
    let published = catalog.path().join("cybersecurity/02-phishing.md");
    let original = std::fs::read_to_string(&published).unwrap();

    let draft = format!(
        "{original}\n\n## A new heading\n\nText <script>alert(1)</script> and <b onclick=\"x()\">bold</b>.\n"
    );
    let saved = app
        .post_form(
            "/api/save-draft",
            &[
                ("course", "cybersecurity"),
                ("file", "02-phishing.md"),
                ("markdown", draft.as_str()),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        saved.location(),
        Some("/author/cybersecurity/02-phishing.md")
    );
    let page = app
        .get("/author/cybersecurity/02-phishing.md", Some(&cookie))
        .await;
    assert!(page.body.contains("You are editing a saved draft"));
    assert!(
        page.body.contains("&lt;script&gt;alert(1)"),
        "the source is shown escaped in the editor"
    );
    let preview = &page.body[page.body.find("id=\"preview-heading\"").unwrap()..];
    let preview = &preview[..preview.find("</section>").unwrap()];
    assert!(preview.contains("No problems"), "{preview}");
    assert!(
        preview.contains("A new heading"),
        "the preview shows the draft"
    );
    assert!(!preview.contains("<script"), "raw HTML is sanitised");
    assert!(!preview.contains("onclick"), "event handlers are removed");
    assert!(preview.contains("<b>bold</b>"), "harmless markup stays");
    assert_eq!(
        std::fs::read_to_string(&published).unwrap(),
        original,
        "not published"
    );

    let broken = "---\ntitle: Phishing\nminutes: lots\n---\n\nText.\n";
    app.post_form(
        "/api/save-draft",
        &[
            ("course", "cybersecurity"),
            ("file", "02-phishing.md"),
            ("markdown", broken),
        ],
        Some(&cookie),
    )
    .await;
    let page = app
        .get("/author/cybersecurity/02-phishing.md", Some(&cookie))
        .await;
    assert!(
        page.body.contains("02-phishing.md:3:"),
        "the problem names file and line"
    );
    assert!(
        page.body.contains("minutes: lots"),
        "the draft is kept as typed"
    );
}

#[tokio::test]
async fn publishing_writes_the_files_keeps_progress_and_records_the_version_and_its_changes() {
    use malaka_app::i18n::Locale;
    use malaka_domain::learning;

    let (app, catalog) = app_on_copied_catalog().await;
    let trainer = app.user("t@gov.uz", Role::Trainer, None).await;
    let officer = app.user("o@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    learning::complete_lesson(db, officer, "cybersecurity", "phishing", None)
        .await
        .unwrap();
    let version_before = db
        .catalog
        .snapshot()
        .course("cybersecurity")
        .unwrap()
        .model
        .version;
    let cookie = format!("{}; {ENGLISH}", app.cookie_for(trainer).await);
    let published = catalog.path().join("cybersecurity/02-phishing.md");
    let original = std::fs::read_to_string(&published).unwrap();

    // A draft that breaks the course is not published.
    let broken = "---\ntitle: Phishing\nminutes: lots\n---\n";
    app.post_form(
        "/api/save-draft",
        &[
            ("course", "cybersecurity"),
            ("file", "02-phishing.md"),
            ("markdown", broken),
        ],
        Some(&cookie),
    )
    .await;
    let refused = app
        .post_form(
            "/api/publish-course",
            &[("course", "cybersecurity")],
            Some(&cookie),
        )
        .await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(std::fs::read_to_string(&published).unwrap(), original);

    let draft = format!("{original}\n\n## Published from the browser\n\nNew text.\n");
    app.post_form(
        "/api/save-draft",
        &[
            ("course", "cybersecurity"),
            ("file", "02-phishing.md"),
            ("markdown", draft.as_str()),
        ],
        Some(&cookie),
    )
    .await;
    let done = app
        .post_form(
            "/api/publish-course",
            &[("course", "cybersecurity")],
            Some(&cookie),
        )
        .await;
    let version = db
        .catalog
        .snapshot()
        .course("cybersecurity")
        .unwrap()
        .model
        .version;
    assert_eq!(version, version_before + 1);
    assert_eq!(
        done.location(),
        Some(format!("/author/cybersecurity/history?diff={version}").as_str())
    );
    assert_eq!(std::fs::read_to_string(&published).unwrap(), draft);

    let lesson = learning::open_lesson(db, officer, "cybersecurity", "phishing", Locale::En)
        .await
        .unwrap();
    assert!(
        lesson.html.contains("Published from the browser"),
        "learners see it"
    );
    assert!(lesson.completed, "progress is kept");

    let history = app
        .get(
            &format!("/author/cybersecurity/history?diff={version}"),
            Some(&cookie),
        )
        .await;
    assert_eq!(history.status, StatusCode::OK);
    assert!(history.body.contains("cybersecurity/02-phishing.md"));
    assert!(
        history.body.contains("+## Published from the browser"),
        "{}",
        history.body
    );
    assert!(history.body.contains(&format!("Version {version_before},")));
    let editor = app
        .get("/author/cybersecurity/02-phishing.md", Some(&cookie))
        .await;
    assert!(
        !editor.body.contains("You are editing a saved draft"),
        "drafts are cleared"
    );
}

fn multipart_upload(
    app: &TestApp,
    cookie: &str,
    archive: &[u8],
) -> axum::http::Request<axum::body::Body> {
    let _ = app;
    crate::support::multipart_request(
        "/api/course-import",
        "archive",
        "course.zip",
        archive,
        cookie,
    )
}

#[tokio::test]
async fn a_course_zip_downloads_and_a_new_one_uploads_with_its_checks() {
    let (app, catalog) = app_on_copied_catalog().await;
    let trainer = app.user("t@gov.uz", Role::Trainer, None).await;
    let officer = app.user("o@gov.uz", Role::Officer, None).await;
    let cookie = format!("{}; {ENGLISH}", app.cookie_for(trainer).await);
    let officer_cookie = app.cookie_for(officer).await;

    assert_eq!(
        app.get("/author/cybersecurity/export.zip", Some(&officer_cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let download = app
        .get("/author/cybersecurity/export.zip", Some(&cookie))
        .await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.headers["content-type"], "application/zip");
    let exported = download.bytes.clone();
    assert!(exported.starts_with(b"PK"));

    // The same course again is refused: it exists; nothing changes.
    let again = app.send(multipart_upload(&app, &cookie, &exported)).await;
    assert!(again
        .location()
        .unwrap()
        .starts_with("/author?import_error="));

    // A new course: the exported one under another folder name.
    let renamed = {
        let files = malaka_courses::archive::read_checked(&exported, &Default::default()).unwrap();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (path, bytes) in files {
            let name = path
                .to_string_lossy()
                .replacen("cybersecurity", "cyber-copy", 1);
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, &bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let officer_try = app
        .send(multipart_upload(&app, &officer_cookie, &renamed))
        .await;
    assert_eq!(officer_try.status, StatusCode::FORBIDDEN);
    let uploaded = app.send(multipart_upload(&app, &cookie, &renamed)).await;
    assert_eq!(uploaded.location(), Some("/author?imported=cyber-copy"));
    assert!(catalog.path().join("cyber-copy/02-phishing.md").is_file());
    assert!(
        app.state
            .db
            .catalog
            .snapshot()
            .course("cyber-copy")
            .is_some(),
        "synced"
    );

    let mut evil = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    evil.start_file(
        "evil/../../escape.md",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut evil, b"x").unwrap();
    let evil = evil.finish().unwrap().into_inner();
    let refused = app.send(multipart_upload(&app, &cookie, &evil)).await;
    let location = refused.location().unwrap().to_owned();
    assert!(location.starts_with("/author?import_error="));
    let page = app.get(&location, Some(&cookie)).await;
    assert!(
        page.body.contains("leaves the course folder"),
        "{}",
        page.body
    );
    assert!(!catalog.path().join("escape.md").exists());
}

/// Several nodes on one database and one catalog directory (shared storage): a course published
/// through one node reaches learners on another within seconds, without a restart.
#[tokio::test]
async fn a_publication_on_one_node_reaches_another_node_without_a_restart() {
    use malaka_app::i18n::Locale;
    use malaka_domain::learning::{self, catalog_follow};
    use tokio_util::sync::CancellationToken;

    let (app, catalog) = app_on_copied_catalog().await;
    let other_node = malaka_server::startup::prepare(
        &app.database_url,
        Some(crate::support::test_keys()),
        Settings {
            catalog_dir: catalog.path().to_owned(),
            ..Settings::default()
        },
    )
    .await
    .unwrap();
    let stop = CancellationToken::new();
    let follower = tokio::spawn(catalog_follow::follow(
        other_node.db.clone(),
        std::time::Duration::from_millis(20),
        stop.clone(),
    ));
    let version_of = |db: &malaka_domain::Db| {
        db.catalog
            .snapshot()
            .course("cybersecurity")
            .unwrap()
            .model
            .version
    };
    let before = version_of(&other_node.db);

    let trainer = app.user("t@gov.uz", Role::Trainer, None).await;
    let officer = app.user("o@gov.uz", Role::Officer, None).await;
    let cookie = format!("{}; {ENGLISH}", app.cookie_for(trainer).await);
    let original =
        std::fs::read_to_string(catalog.path().join("cybersecurity/02-phishing.md")).unwrap();
    let draft = format!("{original}\n\n## Published on the first node\n\nNew text.\n");
    let form = [
        ("course", "cybersecurity"),
        ("file", "02-phishing.md"),
        ("markdown", draft.as_str()),
    ];
    app.post_form("/api/save-draft", &form, Some(&cookie)).await;
    let published = app
        .post_form(
            "/api/publish-course",
            &[("course", "cybersecurity")],
            Some(&cookie),
        )
        .await;
    assert!(
        published
            .location()
            .is_some_and(|to| to.contains("/history")),
        "published: {:?}",
        published.location()
    );

    let mut waited = 0;
    while version_of(&other_node.db) == before {
        waited += 1;
        assert!(waited < 250, "the other node never saw the publication");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(version_of(&other_node.db), before + 1);
    let lesson = learning::open_lesson(
        &other_node.db,
        officer,
        "cybersecurity",
        "phishing",
        Locale::En,
    )
    .await
    .unwrap();
    assert!(lesson.html.contains("Published on the first node"));
    stop.cancel();
    follower.await.unwrap();
}
