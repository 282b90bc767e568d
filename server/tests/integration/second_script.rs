//! Uzbek in Cyrillic script is a second script of one language: the same lessons, progress,
//! checks and certificates as in Latin, with every text the learner reads in Cyrillic.

use axum::body::Body;
use axum::http::{header, Request};
use chrono::Utc;
use malaka_app::i18n::Locale;
use malaka_domain::entities::{certificate, outbox_message};
use malaka_domain::learning;
use malaka_domain::mail::compose::compose;
use malaka_domain::quiz::knowledge_checks;
use malaka_shared::people::Role;
use malaka_shared::script::latin_to_cyrillic;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

use crate::support::{pdf_text, TestApp};

const COURSE: &str = "cybersecurity";

/// Letters only Uzbek Cyrillic has, which no Latin or Russian text contains.
fn has_uzbek_cyrillic(text: &str) -> bool {
    text.chars().any(|c| "ўқғҳЎҚҒҲ".contains(c))
}

fn latin_letters(text: &str) -> usize {
    text.chars().filter(char::is_ascii_alphabetic).count()
}

#[tokio::test]
async fn a_lesson_read_in_cyrillic_is_the_lesson_read_in_latin() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let officer = app
        .person("olim@gov.uz", "Olim Karimov", Role::Officer, Locale::UzCyrl)
        .await;
    let cyrillic = learning::course_outline(db, officer, COURSE, Locale::UzCyrl)
        .await
        .unwrap();
    let latin = learning::course_outline(db, officer, COURSE, Locale::Uz)
        .await
        .unwrap();
    assert_eq!(cyrillic.card.title, latin_to_cyrillic(&latin.card.title));
    assert!(
        has_uzbek_cyrillic(&cyrillic.card.summary),
        "{}",
        cyrillic.card.summary
    );
    assert_eq!(cyrillic.lessons.len(), latin.lessons.len());

    let slug = &cyrillic.lessons[0].slug;
    let lesson = learning::open_lesson(db, officer, COURSE, slug, Locale::UzCyrl)
        .await
        .unwrap();
    assert_eq!(lesson.language, "uz-Cyrl");
    assert!(!lesson.is_fallback, "Cyrillic is not a missing translation");
    assert!(has_uzbek_cyrillic(&lesson.html));
    let in_latin = learning::open_lesson(db, officer, COURSE, slug, Locale::Uz)
        .await
        .unwrap();
    assert_eq!(lesson.html, latin_to_cyrillic(&in_latin.html));
    // Prose is converted; what is left in Latin letters is markup, links and code.
    assert!(latin_letters(&lesson.html) < latin_letters(&in_latin.html) / 2);

    learning::complete_lesson(db, officer, COURSE, slug, None)
        .await
        .unwrap();
    let after = learning::open_lesson(db, officer, COURSE, slug, Locale::Uz)
        .await
        .unwrap();
    assert!(after.completed, "completed in Cyrillic, completed in Latin");
}

#[tokio::test]
async fn a_knowledge_check_in_cyrillic_asks_and_grades_the_same_question() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let officer = app
        .person("olim@gov.uz", "Olim Karimov", Role::Officer, Locale::UzCyrl)
        .await;
    let snapshot = db.catalog.snapshot();
    let course = snapshot.course(COURSE).unwrap();
    let (lesson, variants) = course
        .lessons
        .iter()
        .find_map(|lesson| lesson.checks.first().map(|check| (lesson, check)))
        .expect("the course has a knowledge check");
    let of = |code: &str| variants.iter().find(|v| v.language == code).unwrap();
    let (latin, cyrillic) = (of("uz"), of("uz-Cyrl"));
    assert_eq!(cyrillic.question.id, latin.question.id);
    assert_eq!(cyrillic.prompt_html, latin_to_cyrillic(&latin.prompt_html));
    assert_eq!(
        cyrillic.question.kind.type_name(),
        latin.question.kind.type_name()
    );

    let view = learning::open_lesson(db, officer, COURSE, &lesson.model.slug, Locale::UzCyrl)
        .await
        .unwrap();
    let shown = view
        .checks
        .iter()
        .find(|check| check.id == latin.question.id)
        .unwrap();
    assert_eq!(shown.prompt_html, cyrillic.prompt_html);
    // An answer is graded like any other: by position, against the course file's key.
    let form = HashMap::from([("choice".to_owned(), "0".to_owned())]);
    let score = knowledge_checks::answer_check(db, officer, COURSE, &latin.question.id, form)
        .await
        .unwrap();
    assert!(score <= 100);
}

#[tokio::test]
async fn the_certificate_and_its_email_come_in_cyrillic() {
    let app = TestApp::new().await;
    let officer = app
        .person("olim@gov.uz", "Olim Karimov", Role::Officer, Locale::UzCyrl)
        .await;
    app.complete_course(officer, COURSE, Utc::now()).await;
    let record = certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(officer))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .expect("a certificate");
    assert_eq!(record.language, "uz-Cyrl");
    let snapshot = app.state.db.catalog.snapshot();
    let latin_title = snapshot.course(COURSE).unwrap().title(Locale::Uz);
    assert_eq!(record.course_title, latin_to_cyrillic(&latin_title));

    let row = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("certificate_issued"))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .expect("the certificate email is waiting");
    let from: lettre::message::Mailbox = "Malaka <no-reply@malaka.localhost>".parse().unwrap();
    let message = compose(&app.state, &from, &row).await.unwrap();
    let subject = message.headers().get_raw("Subject").unwrap();
    assert!(
        subject
            .chars()
            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
        "a Cyrillic subject: {subject}"
    );

    let cookie = app.cookie_for(officer).await;
    let pdf = app
        .get(
            &format!("/certificates/{}/certificate.pdf", record.public_id),
            Some(&cookie),
        )
        .await;
    let text = pdf_text(&pdf.bytes);
    assert!(has_uzbek_cyrillic(&text), "{text}");
    let first_title_word = record.course_title.split_whitespace().next().unwrap();
    assert!(
        text.contains(first_title_word),
        "{first_title_word} in {text}"
    );
}

#[tokio::test]
async fn the_page_names_its_script_and_the_switcher_offers_both() {
    let app = TestApp::new().await;
    let page = |accept: &'static str| {
        let request = Request::get("/sign-in")
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, accept)
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap();
        app.send(request)
    };
    let cyrillic = page("uz-Cyrl-UZ, ru;q=0.5").await;
    assert!(
        cyrillic.body.contains("<html lang=\"uz-Cyrl\""),
        "{}",
        &cyrillic.body[..200]
    );
    let latin = page("uz, ru;q=0.5").await;
    assert!(
        latin.body.contains("<html lang=\"uz-Latn\""),
        "{}",
        &latin.body[..200]
    );
    for body in [&cyrillic.body, &latin.body] {
        assert!(body.contains("value=\"uz-Cyrl\" lang=\"uz-Cyrl\""));
        assert!(body.contains(">Ўзбекча<"));
        assert!(body.contains(">Oʻzbekcha<"));
    }
    let heading = malaka_app::i18n::t(Locale::UzCyrl, "sign-in-title");
    assert_eq!(
        heading,
        latin_to_cyrillic(&malaka_app::i18n::t(Locale::Uz, "sign-in-title"))
    );
    assert_ne!(heading, malaka_app::i18n::t(Locale::Uz, "sign-in-title"));
    assert!(
        cyrillic.body.contains(&heading),
        "the interface in Cyrillic"
    );
}
