//! `malaka-server summaries check [--repair]`: the enrolment summaries against the progress rows.

use malaka_domain::learning::summary;
use malaka_domain::Db;
use malaka_migrations::{Migrator, MigratorTrait};
use std::process::ExitCode;

use crate::config::DEFAULT_DATABASE_URL;

pub fn check(repair: bool) -> ExitCode {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into());
    match tokio::runtime::Runtime::new().map(|runtime| runtime.block_on(run(&url, repair))) {
        Ok(Ok(code)) => code,
        Ok(Err(error)) => fail(&error.to_string()),
        Err(error) => fail(&error.to_string()),
    }
}

async fn run(url: &str, repair: bool) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let db = Db::connect(url).await?;
    // The summaries are only meaningful on the schema that keeps them.
    let pending = Migrator::get_pending_migrations(&db.write).await?.len();
    if pending > 0 {
        return Err(format!(
            "{pending} migrations are not applied yet: start the server once to apply them"
        )
        .into());
    }
    let differences = summary::differences(&db.write).await?;
    for difference in &differences {
        println!("{difference}");
    }
    if differences.is_empty() {
        eprintln!("every enrolment's summary matches its progress rows");
        return Ok(ExitCode::SUCCESS);
    }
    if repair {
        let repaired = summary::repair(&db.write).await?;
        eprintln!("{repaired} summaries rewritten from their progress rows");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "{} summaries differ from their progress rows (--repair rewrites them)",
        differences.len()
    );
    Ok(ExitCode::FAILURE)
}

fn fail(error: &str) -> ExitCode {
    eprintln!("malaka-server summaries: {error}");
    ExitCode::FAILURE
}
