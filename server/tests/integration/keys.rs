//! Signing keys come from a key file outside demo mode, rotate without breaking what they
//! signed, and the database's old keys are carried over once and then forgotten.

use chrono::Utc;
use malaka_domain::certificates;
use malaka_domain::entities::certificate;
use malaka_domain::keys::{database, KeyRing};
use malaka_domain::{Error, Settings};
use malaka_server::startup::StartupError;
use malaka_shared::people::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::support::TestApp;

const COURSE: &str = "cybersecurity";

fn demo() -> Settings {
    Settings {
        demo_mode: true,
        ..Settings::default()
    }
}

async fn certificate_of(app: &TestApp, user: i32) -> certificate::Model {
    certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(user))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .expect("a certificate")
}

async fn genuine(app: &TestApp, code: &str) -> bool {
    certificates::verify(&app.state.db, code)
        .await
        .unwrap()
        .expect("found")
        .genuine
}

#[tokio::test]
async fn outside_demo_mode_the_server_refuses_to_start_without_a_key_file() {
    let app = TestApp::with_keys(None, demo()).await;
    let (app, refusal) = app
        .restart(None, Settings::default())
        .await
        .err()
        .expect("no key file, no start");
    assert!(matches!(refusal, StartupError::NoKeys), "{refusal}");
    assert!(refusal.to_string().contains("keys generate"));
    assert!(app.restart(None, demo()).await.is_ok(), "demo mode may");
}

/// An installation from before key files: its certificates were signed with the key kept in
/// the database. A key file without that key is refused (the certificates would turn "not
/// genuine"); with it carried over, the database forgets its keys, old certificates verify,
/// and after a rotation new ones are signed with the new key while sessions from before the
/// rotation survive one rotation and not two.
#[tokio::test]
async fn certificates_and_sessions_survive_the_move_to_a_key_file_and_a_rotation() {
    let app = TestApp::with_keys(None, demo()).await;
    let first = app.user("first@gov.uz", Role::Officer, None).await;
    app.complete_course(first, COURSE, Utc::now()).await;
    let old = certificate_of(&app, first).await;
    let stored = database::stored_certificate_key(&app.state.db.read)
        .await
        .unwrap()
        .expect("demo mode keeps its key in the database");
    assert_eq!(old.signing_key_id.as_deref(), Some(stored.id.as_str()));

    let fresh = KeyRing::generate();
    let (app, refusal) = app
        .restart(Some(fresh.clone()), Settings::default())
        .await
        .err()
        .expect("a key file that cannot verify the certificates is refused");
    match refusal {
        StartupError::Domain(Error::KeyFile(reason)) => assert!(reason.contains(&stored.id)),
        other => panic!("{other}"),
    }

    let carried = fresh.clone().with_retired_certificate_key(&stored);
    let app = app
        .restart(Some(carried.clone()), Settings::default())
        .await
        .map_err(|(_, e)| e)
        .unwrap();
    assert!(database::stored_certificate_key(&app.state.db.read)
        .await
        .unwrap()
        .is_none());
    assert!(genuine(&app, &old.code).await);
    let cookie = app.cookie_for(first).await;

    let rotated = carried.rotated();
    let app = app
        .restart(Some(rotated.clone()), Settings::default())
        .await
        .map_err(|(_, e)| e)
        .unwrap();
    assert!(genuine(&app, &old.code).await);
    assert_eq!(app.get("/learning", Some(&cookie)).await.status, 200);
    let second = app.user("second@gov.uz", Role::Officer, None).await;
    app.complete_course(second, COURSE, Utc::now()).await;
    let new = certificate_of(&app, second).await;
    assert_eq!(new.signing_key_id, Some(rotated.certificate[0].id.clone()));
    assert!(genuine(&app, &new.code).await);
    let jwks: serde_json::Value =
        serde_json::from_str(&app.get("/.well-known/jwks.json", None).await.body).unwrap();
    let published: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key["kid"].as_str().unwrap())
        .collect();
    assert_eq!(
        published,
        [
            &rotated.certificate[0].id,
            &fresh.certificate[0].id,
            &stored.id
        ]
    );

    let app = app
        .restart(Some(rotated.rotated()), Settings::default())
        .await
        .map_err(|(_, e)| e)
        .unwrap();
    assert_eq!(
        app.get("/learning", Some(&cookie)).await.status,
        302,
        "two rotations later the session key is gone"
    );
    assert!(genuine(&app, &old.code).await && genuine(&app, &new.code).await);
}

/// `keys generate --out` writes a file only its owner can read and never overwrites one;
/// `keys rotate` gives it new signing keys and keeps what verifies.
#[test]
fn the_key_commands_write_private_files_and_rotate_them() {
    use std::os::unix::fs::PermissionsExt;
    use std::process::ExitCode;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys.toml");
    let generated = malaka_server::key_commands::generate(Some(path.clone()), false);
    assert_eq!(generated, ExitCode::SUCCESS);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let first = KeyRing::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        malaka_server::key_commands::generate(Some(path.clone()), false),
        ExitCode::FAILURE,
        "an existing key file is never overwritten"
    );
    assert_eq!(
        malaka_server::key_commands::rotate(path.clone()),
        ExitCode::SUCCESS
    );
    let second = KeyRing::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(second.session[1], first.session[0]);
    assert_eq!(second.certificate[1].public, first.certificate[0].public);
    assert_eq!(second.certificate[1].seed, None);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}
