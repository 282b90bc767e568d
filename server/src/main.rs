use malaka_server::{startup, web, Config};
use std::net::SocketAddr;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::from_env()?;
    let state = startup::prepare(
        &config.database_url,
        config.session_secret.clone(),
        config.settings.clone(),
    )
    .await?;
    let address = config.leptos.site_addr;
    let app = web::router(state, config.leptos);
    let listener = tokio::net::TcpListener::bind(address).await?;
    tracing::info!("Malaka is serving http://{address}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
