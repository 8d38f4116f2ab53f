//! Builds the application: connects and migrates the database, assembles the
//! routers of all domains with the middleware stack, and runs the server
//! until a shutdown signal arrives.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{Router, middleware, routing::get};
use tokio::net::TcpListener;
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer, limit::RequestBodyLimitLayer,
    timeout::TimeoutLayer, trace::TraceLayer,
};

use crate::{
    config::Settings,
    db::Db,
    mail::Mailer,
    ops::metrics::{self, Metrics},
    state::{AppState, Shared},
    web::{self, context, layout},
};

/// Bodies above this are refused outright; forms and JSON are far smaller.
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Connects, migrates and binds; the returned application is ready to run.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = Db::connect(&settings.database_url).await?;
        db.migrate().await?;
        Self::build_with_db(settings, db).await
    }

    pub async fn build_with_db(mut settings: Settings, db: Db) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(settings.bind).await?;
        // With port 0 the OS picks the port; links in mails must name the real one.
        if settings.base_url.is_empty() {
            settings.base_url = format!("http://{}", listener.local_addr()?);
        }
        let secret: Arc<[u8]> = if settings.secret_key.is_empty() {
            web::random_token(32).into_bytes().into()
        } else {
            settings.secret_key.expose().as_bytes().into()
        };
        let mailer = Mailer::new(&settings.mail_from, settings.smtp.as_ref())?;
        let search = crate::catalog::indexer::SearchService::open(settings.search_dir.as_deref())?;
        let state = AppState::new(Shared {
            db,
            settings: Arc::new(settings),
            mailer,
            metrics: Arc::new(Metrics::new()),
            secret,
            search,
            idea_maps: Arc::default(),
            regional_figures: Arc::default(),
            imports: Arc::default(),
            public_cache: Arc::default(),
        });
        // An upload whose server stopped midway saved nothing; say so.
        let failed =
            crate::catalog::queries::fail_interrupted_imports(&state.db, crate::db::now()).await?;
        if failed > 0 {
            tracing::warn!(
                jobs = failed,
                "offering uploads interrupted by the last stop were marked failed; nothing of them was saved"
            );
        }
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then lets running requests finish.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let housekeeping = tokio::spawn(housekeeping(self.state.clone()));
        let indexer = tokio::spawn(self.state.search.clone().run(self.state.db.clone()));
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        housekeeping.abort();
        indexer.abort();
        self.state.db.close().await;
        Ok(())
    }
}

/// Every route of the platform, without fallback or middleware: what
/// `web::urls` builds must be found here (a test checks each builder).
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(crate::networks::router())
        .merge(crate::competences::router())
        .merge(crate::disclosure::router())
        .merge(crate::catalog::router())
        .merge(crate::ideas::router())
        .merge(crate::funding::router())
        .merge(crate::auth::router())
        .merge(crate::start::router())
        .merge(crate::regions::router())
        .merge(crate::mail::router())
        .merge(crate::api::router())
        .merge(crate::ops::router())
        .route("/sprache", get(layout::switch_language))
        .route("/static/{hash}/{*path}", get(web::assets::serve))
}

/// The whole HTTP surface: domain routers, then the middleware stack (the
/// last layer added runs first).
pub fn router(state: AppState) -> Router {
    let app = routes().fallback(layout::not_found);
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        web::cache::forget_after_writes,
    ))
    .layer(middleware::from_fn_with_state(
        state.clone(),
        context::request_context,
    ))
    // Inside render_errors, so that a refused body gets a page (or problem JSON).
    .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
    .layer(middleware::from_fn(layout::render_errors))
    .layer(middleware::from_fn_with_state(
        state.clone(),
        layout::security_headers,
    ))
    .layer(CompressionLayer::new())
    .layer(TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        Duration::from_secs(30),
    ))
    .layer(TraceLayer::new_for_http())
    .layer(CatchPanicLayer::new())
    // Outermost, so that requests refused by any layer (CSRF, body limit)
    // are counted too. Router::layer wraps each route and the fallback, so
    // the matched route template is known here; the fallback counts as
    // "unmatched".
    .layer(middleware::from_fn_with_state(
        state.clone(),
        metrics::track,
    ))
    .with_state(state)
}

/// Periodic clean-up of expired sessions.
async fn housekeeping(state: AppState) {
    let db = state.db.clone();
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        // Hourly, so each person's digest goes out about a day after the last.
        match crate::ideas::notify::send_digests(&state, crate::db::now()).await {
            Ok(n) if n > 0 => tracing::info!(sent = n, "notification digests sent"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "notification digests failed"),
        }
        match crate::auth::queries::delete_expired_sessions(
            &db,
            crate::db::now(),
            state.settings.session_limits(),
        )
        .await
        {
            Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session clean-up failed"),
        }
        // The day's regional figures, ready before the first visitor waits
        // for them (reading every assessment of a large network takes seconds).
        if let Err(e) = crate::competences::region::prepare_all(&state).await {
            tracing::warn!(error = ?e, "regional figures could not be prepared");
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received, finishing open requests");
}
