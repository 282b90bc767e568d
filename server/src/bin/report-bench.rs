//! Report figures at scale: seeds 100,000 people (about 2,000,000 lesson progress rows) into a
//! fresh database, then times HR's dashboard queries and full exports, as admin and as the HR
//! officer of one ministry.
//!
//! Usage: report-bench DATABASE_URL [people]

use chrono::Utc;
use malaka_app::i18n::Locale;
use malaka_domain::entities::org_unit;
use malaka_domain::keys::KeyRing;
use malaka_domain::reports::dashboard::dashboard;
use malaka_domain::reports::export::{export, FileFormat, ReportKind};
use malaka_domain::reports::stream::people_csv;
use malaka_domain::{CurrentUser, Settings};
use malaka_server::seed::{seed, Scale};
use malaka_server::startup;
use malaka_shared::people::Role;
use malaka_shared::reports::ReportFilter;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

/// The process's resident memory now, in MB (Linux).
fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The streamed people CSV as the download route serves it: time to the first rows, to the
/// end, and how far resident memory rose while it streamed.
async fn streamed_csv(
    db: &malaka_domain::Db,
    who: &CurrentUser,
    filter: &ReportFilter,
    now: chrono::DateTime<Utc>,
) -> Result<(), Box<dyn std::error::Error>> {
    let before = resident_mb();
    let start = Instant::now();
    let mut chunks = people_csv(db, who, filter, Locale::En, now).await?;
    let (mut first_rows, mut bytes, mut peak) = (None, 0usize, before);
    while let Some(chunk) = chunks.recv().await {
        let chunk = chunk?;
        bytes += chunk.len();
        // The first chunk is the header; the second holds the first rows.
        if bytes > chunk.len() && first_rows.is_none() {
            first_rows = Some(start.elapsed());
        }
        peak = peak.max(resident_mb());
    }
    println!(
        "| CSV export streamed, every person and course, admin | {:.1} MB; first rows after {}, memory +{:.0} MB | {} |",
        bytes as f64 / 1e6,
        ms(first_rows.unwrap_or_default()),
        peak - before,
        ms(start.elapsed())
    );
    Ok(())
}

fn viewer(role: Role, unit: Option<i32>) -> CurrentUser {
    CurrentUser {
        id: 0,
        name: "Bench".into(),
        email: "bench@malaka.uz".into(),
        role,
        language: Locale::En,
        org_unit_id: unit,
    }
}

/// The median of five runs after one warm-up.
async fn timed<T, F: std::future::Future<Output = T>>(mut run: impl FnMut() -> F) -> (Duration, T) {
    let mut last = run().await;
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        last = run().await;
        times.push(start.elapsed());
    }
    times.sort();
    (times[2], last)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let database_url = args
        .get(1)
        .ok_or("usage: report-bench DATABASE_URL [people]")?
        .clone();
    let people: usize = args.get(2).map_or(Ok(100_000), |a| a.parse())?;
    let state = startup::prepare(
        &database_url,
        Some(KeyRing::generate()),
        Settings::default(),
    )
    .await?;
    let db = &state.db;
    let now = Utc::now();

    let start = Instant::now();
    let seeded = seed(
        db,
        Scale {
            ministries: 10,
            units_per_department: 5,
            people,
        },
        now,
    )
    .await?;
    println!(
        "seeded {} units, {} people, {} enrolments, {} progress rows in {:.1} s",
        seeded.units,
        seeded.people,
        seeded.enrolments,
        seeded.progress_rows,
        start.elapsed().as_secs_f64()
    );
    let ministry = org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.is_null())
        .one(&db.read)
        .await?
        .ok_or("no ministry")?;
    let admin = viewer(Role::Admin, None);
    let hr = viewer(Role::Hr, Some(ministry.id));
    let narrow = ReportFilter {
        course: Some("cybersecurity".into()),
        region: Some("Samarkand".into()),
        status: Some(malaka_shared::reports::EnrolmentStatus::Overdue),
        ..ReportFilter::default()
    };

    println!("| query | rows | median of 5 |");
    println!("|---|---|---|");
    let cases: [(&str, &CurrentUser, ReportFilter, u64); 4] = [
        (
            "dashboard, admin, everything",
            &admin,
            ReportFilter::default(),
            0,
        ),
        (
            "dashboard, HR of one ministry",
            &hr,
            ReportFilter::default(),
            0,
        ),
        (
            "dashboard, admin, cybersecurity overdue in Samarkand",
            &admin,
            narrow,
            0,
        ),
        (
            "dashboard, admin, people page 1,000",
            &admin,
            ReportFilter::default(),
            999,
        ),
    ];
    for (name, who, filter, page) in cases {
        let (time, report) =
            timed(|| dashboard(db, who, filter.clone(), page, Locale::En, now)).await;
        let report = report?;
        println!(
            "| {name} | {} enrolments, {} flagged shown | {} |",
            report.totals.total,
            report.flagged.len(),
            ms(time)
        );
    }
    let everything = ReportFilter::default();
    // Before the exports written whole, which leave the allocator holding their memory.
    streamed_csv(db, &admin, &everything, now).await?;
    for (name, who, format) in [
        (
            "CSV export of every person and course, admin",
            &admin,
            FileFormat::Csv,
        ),
        (
            "XLSX export of every person and course, admin",
            &admin,
            FileFormat::Xlsx,
        ),
        ("CSV export, HR of one ministry", &hr, FileFormat::Csv),
    ] {
        let (time, file) = timed(|| {
            export(
                db,
                who,
                &everything,
                ReportKind::People,
                format,
                Locale::En,
                now,
            )
        })
        .await;
        let file = file?;
        println!(
            "| {name} | {:.1} MB | {} |",
            file.bytes.len() as f64 / 1e6,
            ms(time)
        );
    }
    Ok(())
}
