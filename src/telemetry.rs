//! Structured logs via `tracing`: human-readable by default, JSON lines for
//! log collectors (`log_format = "json"`). `RUST_LOG` tunes the filter.

use tracing_subscriber::{EnvFilter, fmt, prelude::*};

pub fn init(format: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let registry = tracing_subscriber::registry().with(filter);
    let result = if format == "json" {
        registry
            .with(fmt::layer().json().with_current_span(true))
            .try_init()
    } else {
        registry.with(fmt::layer().compact()).try_init()
    };
    // A second init (tests) keeps the first subscriber; that is fine.
    let _ = result;
}
