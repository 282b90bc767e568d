//! Load generator for the final quiz, against a running release server on the same database:
//! N officers start the same quiz within about a second, then save answers as fast as the
//! server takes them for a while, then some submit. Prints throughput and latencies, then
//! checks the database: every acknowledged save is stored, every submission graded once.
//!
//! Usage: quiz-load BASE_URL DATABASE_URL [officers] [save-seconds] [submissions]

use chrono::Utc;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use malaka_domain::auth::TokenKeys;
use malaka_domain::entities::{quiz_answer, quiz_attempt, user};
use malaka_domain::Db;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type HttpClient =
    Client<hyper_util::client::legacy::connect::HttpConnector, Full<axum::body::Bytes>>;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:3300".into());
    let database_url = args
        .get(2)
        .cloned()
        .ok_or("usage: quiz-load BASE_URL DATABASE_URL [officers] [save-seconds] [submissions]")?;
    let officers: usize = args.get(3).map_or(Ok(3000), |a| a.parse())?;
    let save_seconds: u64 = args.get(4).map_or(Ok(10), |a| a.parse())?;
    let submissions: usize = args.get(5).map_or(Ok(1000), |a| a.parse())?;
    let course = "cybersecurity";

    let db = Db::connect(&database_url).await?;
    // The servers' key file when they have one (the failover test), else the demo keys kept in
    // this database (the benchmark's server runs in demo mode).
    let ring = match std::env::var("MALAKA_KEYS_FILE") {
        Ok(path) => malaka_domain::keys::KeyRing::parse(&std::fs::read_to_string(path)?)?,
        Err(_) => malaka_domain::keys::database::demo_key_ring(&db.write).await?,
    };
    let tokens = TokenKeys::from_ring(&ring, 120);
    let cookies = seed_officers(&db, &tokens, officers).await?;
    println!("{officers} officers seeded");

    let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
    connector.set_nodelay(true);
    let client: HttpClient = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(512)
        .build(connector);
    let limit = Arc::new(tokio::sync::Semaphore::new(256));

    // Phase 1: everybody starts the quiz at once.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for cookie in &cookies {
        let (client, cookie, base, limit) =
            (client.clone(), cookie.clone(), base.clone(), limit.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire().await.expect("semaphore");
            let begun = Instant::now();
            let response = post(
                &client,
                &base,
                "/api/start-quiz",
                &format!("course={course}"),
                &cookie,
                true,
            )
            .await;
            (begun.elapsed(), response)
        }));
    }
    let mut latencies = Vec::new();
    let mut attempts = Vec::new();
    let mut failures = 0;
    for (task, cookie) in tasks.into_iter().zip(&cookies) {
        let (latency, response) = task.await?;
        latencies.push(latency);
        match response {
            Ok((302, location)) if location.contains("/quiz/") => attempts.push((
                cookie.clone(),
                location.rsplit('/').next().unwrap_or_default().to_owned(),
            )),
            _ => failures += 1,
        }
    }
    report("start quiz", started.elapsed(), &mut latencies, failures);

    // Phase 2: saves at the highest rate the server sustains.
    let acknowledged = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
    let saves = Arc::new(AtomicUsize::new(0));
    let save_failures = Arc::new(AtomicUsize::new(0));
    let save_latencies = Arc::new(Mutex::new(Vec::new()));
    let deadline = Instant::now() + Duration::from_secs(save_seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..128 {
        let (client, base, attempts) = (client.clone(), base.clone(), attempts.clone());
        let (acknowledged, saves, save_failures, save_latencies) = (
            acknowledged.clone(),
            saves.clone(),
            save_failures.clone(),
            save_latencies.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut round = 0;
            while Instant::now() < deadline {
                let (cookie, attempt) = &attempts[(worker + round * 128) % attempts.len()];
                round += 1;
                let key = question_key_of(&client, &base, cookie, attempt).await;
                let Some(key) = key else { continue };
                // Values are positions on screen; every single-choice question shows at least
                // two options, and a position that is not on screen is not stored.
                let choice = round % 2;
                let body = format!("attempt={attempt}&answer%5B{key}%5D%5Bchoice%5D={choice}");
                let begun = Instant::now();
                match post(&client, &base, "/api/autosave-quiz", &body, cookie, false).await {
                    Ok((200, _)) => {
                        save_latencies.lock().expect("lock").push(begun.elapsed());
                        saves.fetch_add(1, Ordering::Relaxed);
                        acknowledged
                            .lock()
                            .expect("lock")
                            .insert(format!("{attempt}/{key}"), choice);
                    }
                    _ => {
                        save_failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for worker in workers {
        worker.await?;
    }
    let mut latencies = std::mem::take(&mut *save_latencies.lock().expect("lock"));
    report(
        "save answer",
        started.elapsed(),
        &mut latencies,
        save_failures.load(Ordering::Relaxed),
    );

    // Phase 3: submissions.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (cookie, attempt) in attempts.clone().into_iter().take(submissions) {
        let (client, base, limit) = (client.clone(), base.clone(), limit.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire().await.expect("semaphore");
            let begun = Instant::now();
            let body = format!("course={course}&attempt={attempt}&intent=submit");
            (
                begun.elapsed(),
                post(&client, &base, "/api/save-quiz", &body, &cookie, true)
                    .await
                    .map(|(s, l)| (s, l, begun.elapsed())),
            )
        }));
    }
    let mut latencies = Vec::new();
    let mut failures = 0;
    for task in tasks {
        match task.await? {
            (_, Ok((302, location, latency))) if location.ends_with("/result") => {
                latencies.push(latency)
            }
            _ => failures += 1,
        }
    }
    report("submit", started.elapsed(), &mut latencies, failures);

    // Verification against the database.
    let acknowledged = acknowledged.lock().expect("lock").clone();
    let mut missing = 0;
    for slot in acknowledged.keys() {
        let (attempt, key) = slot.split_once('/').expect("attempt/key");
        let row = quiz_answer::Entity::find()
            .filter(quiz_answer::Column::AttemptId.eq(attempt.parse::<i32>()?))
            .filter(quiz_answer::Column::QuestionKey.eq(key))
            .one(&db.read)
            .await?;
        let stored: Option<HashMap<String, String>> =
            row.map(|r| serde_json::from_str(&r.answer).unwrap_or_default());
        // Later saves to the same slot may have won; any acknowledged value must be stored.
        if stored.is_none_or(|form| !form.contains_key("choice")) {
            missing += 1;
        }
    }
    let graded = quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::SubmittedAt.is_not_null())
        .count(&db.read)
        .await?;
    let ungraded_submitted = quiz_attempt::Entity::find()
        .filter(quiz_attempt::Column::SubmittedAt.is_not_null())
        .filter(quiz_attempt::Column::ScorePercent.is_null())
        .count(&db.read)
        .await?;
    println!(
        "retried: {} requests sent again after a gateway error or a dropped connection",
        RETRIED.load(Ordering::Relaxed)
    );
    println!("verify: {} acknowledged answer slots, {missing} missing; {graded} attempts graded (expected {}), {ungraded_submitted} submitted without a score", acknowledged.len(), submissions.min(attempts.len()));
    if missing > 0 || graded as usize != submissions.min(attempts.len()) || ungraded_submitted > 0 {
        return Err("verification failed".into());
    }
    Ok(())
}

async fn seed_officers(
    db: &Db,
    tokens: &TokenKeys,
    count: usize,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    // One hash for all: hashing 3,000 passwords would measure argon2, not the quiz.
    let hash = malaka_domain::auth::PasswordHasher::new()
        .hash("load-test".into())
        .await?;
    let now = Utc::now();
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|i| user::ActiveModel {
            email: Set(format!("load-{i}-{}@bench.malaka.uz", now.timestamp())),
            name: Set(format!("Load officer {i}")),
            password_hash: Set(hash.clone()),
            role: Set("officer".into()),
            language: Set("en".into()),
            active: Set(true),
            token_version: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        user::Entity::insert_many(rows).exec(&db.write).await?;
    }
    let users = user::Entity::find()
        .filter(user::Column::Email.like(format!("load-%-{}@bench.malaka.uz", now.timestamp())))
        .all(&db.read)
        .await?;
    Ok(users
        .iter()
        .map(|u| {
            format!(
                "malaka_session={}",
                tokens.issue(u.id, u.token_version, now)
            )
        })
        .collect())
}

/// The first question key on the attempt page, cached per attempt.
async fn question_key_of(
    client: &HttpClient,
    base: &str,
    cookie: &str,
    attempt: &str,
) -> Option<String> {
    static KEYS: std::sync::LazyLock<Mutex<HashMap<String, String>>> =
        std::sync::LazyLock::new(Default::default);
    if let Some(key) = KEYS.lock().ok()?.get(attempt) {
        return Some(key.clone());
    }
    let uri = format!("{base}/courses/cybersecurity/quiz/{attempt}");
    let request = http::Request::get(uri)
        .header("cookie", cookie)
        .body(Full::default())
        .ok()?;
    let body = client
        .request(request)
        .await
        .ok()?
        .into_body()
        .collect()
        .await
        .ok()?
        .to_bytes();
    let page = String::from_utf8_lossy(&body);
    // The first question answered with one `choice` (single choice or true-false).
    let key = page
        .match_indices("name=\"answer[")
        .map(|(at, marker)| &page[at + marker.len()..])
        .find_map(|rest| {
            let (key, field) = rest.split_once(']')?;
            field.starts_with("[choice]").then(|| key.to_owned())
        })?;
    KEYS.lock().ok()?.insert(attempt.to_owned(), key.clone());
    Some(key)
}

/// Requests sent again after a failure that never reached a server or came back as a gateway
/// error: what the browser's autosave and a person pressing the button again do. Every request
/// this tool sends is safe to repeat (a start returns the open attempt, a save writes the same
/// value, a second submission finds the attempt graded).
static RETRIED: AtomicUsize = AtomicUsize::new(0);
const TRIES: usize = 5;

async fn post(
    client: &HttpClient,
    base: &str,
    path: &str,
    body: &str,
    cookie: &str,
    as_form: bool,
) -> Result<(u16, String), Box<dyn std::error::Error + Send + Sync>> {
    let mut tries = 1;
    loop {
        let outcome = post_once(client, base, path, body, cookie, as_form).await;
        let again = match &outcome {
            Ok((status, _)) => matches!(status, 502..=504),
            Err(_) => true,
        };
        if !again || tries == TRIES {
            return outcome;
        }
        tries += 1;
        RETRIED.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn post_once(
    client: &HttpClient,
    base: &str,
    path: &str,
    body: &str,
    cookie: &str,
    as_form: bool,
) -> Result<(u16, String), Box<dyn std::error::Error + Send + Sync>> {
    let mut request = http::Request::post(format!("{base}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", base)
        .header("cookie", cookie);
    if as_form {
        request = request.header("accept", "text/html");
    }
    let response = client
        .request(request.body(Full::from(body.to_owned()))?)
        .await?;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let _ = response.into_body().collect().await?;
    Ok((status, location))
}

fn report(phase: &str, elapsed: Duration, latencies: &mut [Duration], failures: usize) {
    latencies.sort_unstable();
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or_default()
    };
    println!(
        "{phase:>12}: {} ok, {failures} failed in {:.2}s = {:.0}/s; p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0
    );
}
