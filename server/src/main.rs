use clap::Parser;
use malaka_server::cli::{
    check_courses, export_course, import_course, import_gift, Cli, Command, CoursesCommand,
    KeysCommand, SummariesCommand,
};
use malaka_server::{backup, data_copy, key_commands, startup, summary_commands, web, Config};
use std::net::SocketAddr;
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    match Cli::parse().command.unwrap_or(Command::Serve) {
        Command::Courses {
            command: CoursesCommand::Check { dir, strict },
        } => check_courses(dir, strict),
        Command::Courses {
            command: CoursesCommand::ImportGift { file, out },
        } => import_gift(file, out),
        Command::Courses {
            command: CoursesCommand::Export { dir, out },
        } => export_course(dir, out),
        Command::Courses {
            command: CoursesCommand::Import { zip, into },
        } => import_course(zip, into),
        Command::Keys {
            command: KeysCommand::Generate { out, from_database },
        } => key_commands::generate(out, from_database),
        Command::Keys {
            command: KeysCommand::Rotate { file },
        } => key_commands::rotate(file),
        Command::Summaries {
            command: SummariesCommand::Check { repair },
        } => summary_commands::check(repair),
        Command::Backup { out } => backup::backup_command(out),
        Command::Restore { from } => backup::restore_command(from),
        Command::MigrateData { from, to } => data_copy::copy_command(from, to),
        Command::Serve => match serve() {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("malaka: {error}");
                ExitCode::FAILURE
            }
        },
    }
}

#[tokio::main]
async fn serve() -> Result<(), Box<dyn std::error::Error>> {
    let logs = tracing_subscriber::fmt().with_env_filter(
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
    );
    // One JSON object per line for log collectors; readable lines otherwise.
    match std::env::var("MALAKA_LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().with_current_span(true).init(),
        _ => logs.init(),
    }
    let config = Config::from_env()?;
    let state = startup::prepare(
        &config.database_url,
        config.keys.clone(),
        config.settings.clone(),
    )
    .await?;
    let jobs = startup::spawn_background_jobs(&state)?;
    // SIGTERM: stop accepting, finish the requests in flight, stop claiming jobs and finish
    // the work in hand; the load balancer sends new requests to the other nodes meanwhile.
    let stopping = CancellationToken::new();
    tokio::spawn({
        let stopping = stopping.clone();
        async move {
            shutdown_signal().await;
            tracing::info!("stopping: finishing requests and jobs in flight");
            stopping.cancel();
        }
    });
    let jobs_stopped = tokio::spawn({
        let stopping = stopping.clone();
        async move {
            stopping.cancelled().await;
            jobs.stop().await;
        }
    });
    if let Some(address) = config.metrics_address {
        let listener = tokio::net::TcpListener::bind(address).await?;
        tracing::info!("metrics at http://{address}/metrics");
        let metrics = web::metrics_router(state.clone());
        let stopping = stopping.clone();
        tokio::spawn(async move {
            let served = axum::serve(listener, metrics)
                .with_graceful_shutdown(stopping.cancelled_owned())
                .await;
            if let Err(error) = served {
                tracing::error!(%error, "the metrics listener failed");
            }
        });
    }
    let address = config.leptos.site_addr;
    let app = web::router(state, config.leptos);
    let listener = tokio::net::TcpListener::bind(address).await?;
    tracing::info!("Malaka is serving http://{address}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stopping.clone().cancelled_owned())
    .await?;
    jobs_stopped.await?;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM (what service managers send) ends the server after in-flight requests.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
