//! Certificate figures: PDF generation time and size, and outbox throughput (emails per second
//! to a local SMTP server) for N completions, each a certificate with its PDF attached.
//!
//! Usage: certificate-bench SMTP_URL DATABASE_URL [completions] [sample.pdf]

use chrono::Utc;
use malaka_app::i18n::Locale;
use malaka_domain::certificates::pdf::{self, PdfContext};
use malaka_domain::certificates::{record_completion, CertificateKeys};
use malaka_domain::keys::KeyRing;
use malaka_domain::mail::{outbox, Mailer, OutboxWorker};
use malaka_domain::people::{create_user, NewUser};
use malaka_domain::{entities::certificate, Settings};
use malaka_server::startup;
use malaka_shared::people::Role;
use sea_orm::{EntityTrait, PaginatorTrait, TransactionTrait};
use std::time::Instant;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: certificate-bench SMTP_URL DATABASE_URL [completions] [sample.pdf]";
    let smtp_url = args.get(1).ok_or(usage)?.clone();
    let database_url = args.get(2).ok_or(usage)?.clone();
    let completions: usize = args.get(3).map_or(Ok(1000), |a| a.parse())?;
    let settings = Settings {
        smtp_url: Some(smtp_url.clone()),
        site_url: "https://malaka.example.uz".into(),
        ..Settings::default()
    };
    let state = startup::prepare(&database_url, Some(KeyRing::generate()), settings).await?;
    let db = &state.db;
    let keys = CertificateKeys::load(db).await?;
    let snapshot = db.catalog.snapshot();
    let course = snapshot
        .course("cybersecurity")
        .ok_or("no cybersecurity course")?;

    // Completions: a learner each, in the three languages, Cyrillic names among them.
    let names = ["Дилноза Рахимова", "Oʻtkir Gʻulomov", "Aziza Karimova"];
    let mut recording = std::time::Duration::ZERO;
    for n in 0..completions {
        let learner = create_user(
            db,
            &state.hasher,
            NewUser {
                email: format!("bench{n}@bench.malaka.uz"),
                name: format!("{} {n}", names[n % 3]),
                password: "bench-password-not-used".into(),
                role: Role::Officer,
                org_unit_id: None,
                language: Locale::ALL[n % 3],
            },
        )
        .await?;
        let started = Instant::now();
        let txn = db.write.begin().await?;
        record_completion(&txn, &keys, learner.id, course, Some(90), true, Utc::now()).await?;
        txn.commit().await?;
        recording += started.elapsed();
    }
    println!(
        "{completions} completions recorded (enrolment, signed certificate and outbox row in one transaction each): {:.2} ms each",
        recording.as_secs_f64() * 1000.0 / completions as f64
    );

    // PDF generation on its own, on one thread.
    let records = certificate::Entity::find().all(&db.read).await?;
    let sample = records.iter().take(200).collect::<Vec<_>>();
    let started = Instant::now();
    let mut sizes = Vec::new();
    for record in &sample {
        let url = format!("https://malaka.example.uz/verify/{}", record.code);
        sizes.push(pdf::render(record, &PdfContext { verify_url: &url }).len());
    }
    let per_pdf = started.elapsed().as_secs_f64() * 1000.0 / sample.len() as f64;
    sizes.sort_unstable();
    println!(
        "PDF: {per_pdf:.1} ms each on one core (mean of {}), size {:.1} KB median, {:.1} KB max",
        sample.len(),
        sizes[sizes.len() / 2] as f64 / 1024.0,
        sizes[sizes.len() - 1] as f64 / 1024.0
    );
    if let (Some(path), Some(record)) = (args.get(4), sample.first()) {
        let url = format!("https://malaka.example.uz/verify/{}", record.code);
        std::fs::write(path, pdf::render(record, &PdfContext { verify_url: &url }))?;
        println!("sample written to {path}");
    }

    // The outbox, drained by one worker as the server runs it.
    let worker = OutboxWorker::new(
        state.clone(),
        Mailer::new(&smtp_url, &state.settings.mail_from)?,
    );
    let started = Instant::now();
    let mut sent = 0;
    while sent < completions {
        match worker.run_once().await? {
            0 if outbox::pending_count(&db.read).await? == 0 => break,
            n => sent += n,
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "outbox: {sent} emails with PDF attached sent in {seconds:.2} s = {:.0} emails/s",
        sent as f64 / seconds
    );
    let total = certificate::Entity::find().count(&db.read).await?;
    if sent != completions || total as usize != completions {
        return Err(format!(
            "expected {completions} emails and certificates, got {sent} and {total}"
        )
        .into());
    }
    Ok(())
}
