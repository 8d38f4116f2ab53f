//! Operations endpoints: `/healthz` (alive: the database answers), `/readyz`
//! (ready for traffic: also the search index serves) and `/metrics`
//! (Prometheus text format).

pub mod metrics;

use axum::{
    Router,
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
    routing::get,
};

use crate::state::AppState;

/// Ready when the database answers; load balancers poll this.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}

/// Ready for traffic: the database answers, the search index has caught up
/// after the start and the day's regional figures are prepared. A load balancer sends requests only to ready nodes.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    if let Err(e) = state.db.ping().await {
        tracing::error!(error = %e, "readiness check: database unreachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n");
    }
    if !state.search.serving() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "search index being built\n",
        );
    }
    if !state.settings.live_regional_figures && !state.regional_figures.prepared() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "regional figures being prepared\n",
        );
    }
    (StatusCode::OK, "ready\n")
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(state.db.backend_name()),
    )
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}
