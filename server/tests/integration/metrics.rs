//! `/metrics`, scraped the way Prometheus does and parsed with a Prometheus text parser.

use axum::body::Body;
use axum::http::Request;
use chrono::Utc;
use malaka_domain::quiz::attempts;
use malaka_shared::people::Role;
use nom_openmetrics::parser::openmetrics;
use tower::ServiceExt;

use crate::support::TestApp;

/// One parsed sample: the metric's name, its labels and its value.
struct Sample {
    name: String,
    labels: Vec<(String, String)>,
    value: f64,
}

async fn scrape(app: &TestApp) -> Vec<Sample> {
    let response = malaka_server::web::metrics_router(app.state.clone())
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let (rest, families) = openmetrics(&text).expect("an OpenMetrics parser reads it whole");
    assert!(rest.is_empty());
    families
        .iter()
        .flat_map(|family| &family.samples)
        .map(|sample| Sample {
            name: sample.name().to_owned(),
            labels: sample
                .labels()
                .iter()
                .map(|label| (label.name.to_owned(), label.value.clone()))
                .collect(),
            value: sample.number(),
        })
        .collect()
}

fn value(samples: &[Sample], metric: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|sample| {
            sample.name == metric
                && labels.iter().all(|(name, wanted)| {
                    sample
                        .labels
                        .iter()
                        .any(|(label, value)| label == name && value == wanted)
                })
        })
        .map(|sample| sample.value)
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_read_the_database_when_scraped() {
    let app = TestApp::new().await;
    let officer = app.user("metrics@gov.uz", Role::Officer, None).await;
    let cookie = app.cookie_for(officer).await;
    for course in ["cybersecurity", "data-literacy", "cybersecurity"] {
        let page = app.get(&format!("/courses/{course}"), Some(&cookie)).await;
        assert_eq!(page.status, 200);
    }
    assert_eq!(app.get("/no-such-page-anywhere", None).await.status, 404);
    assert_eq!(
        app.get("/metrics", None).await.status,
        404,
        "the site itself does not serve metrics: they have an internal address of their own"
    );
    let refused = app
        .post_form(
            "/api/sign-in",
            &[("email", "metrics@gov.uz"), ("password", "wrong password")],
            None,
        )
        .await;
    assert_ne!(refused.status, 200);
    attempts::start(&app.state.db, officer, "cybersecurity", Utc::now())
        .await
        .unwrap();

    let samples = scrape(&app).await;
    let course_page = [
        ("method", "GET"),
        ("route", "/courses/{course}"),
        ("status", "200"),
    ];
    assert_eq!(
        value(&samples, "malaka_http_requests_total", &course_page),
        Some(3.0),
        "both courses under one route pattern, never the raw path"
    );
    assert!(
        samples.iter().all(|sample| !sample
            .labels
            .iter()
            .any(|(_, value)| value == "/courses/cybersecurity")),
        "no series per raw path"
    );
    assert_eq!(
        value(
            &samples,
            "malaka_http_requests_total",
            &[("route", "unmatched"), ("status", "404")]
        ),
        Some(2.0)
    );
    assert_eq!(
        value(
            &samples,
            "malaka_http_requests_total",
            &[("route", "/api/sign-in")]
        ),
        Some(1.0),
        "a server function is counted by its own path"
    );
    assert_eq!(
        value(
            &samples,
            "malaka_http_request_duration_seconds_count",
            &[("method", "GET"), ("route", "/courses/{course}")]
        ),
        Some(3.0)
    );
    assert_eq!(
        value(&samples, "malaka_sign_in_failures_total", &[]),
        Some(1.0)
    );
    assert_eq!(
        value(&samples, "malaka_quiz_attempts_in_progress", &[]),
        Some(1.0)
    );
    assert_eq!(value(&samples, "malaka_outbox_waiting", &[]), Some(0.0));
    assert!(
        value(
            &samples,
            "malaka_database_connections",
            &[("state", "idle")]
        )
        .is_some(),
        "the pools are reported"
    );
}
