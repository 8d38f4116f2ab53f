//! Request counts and latency histograms by route, kept in memory and
//! rendered in the Prometheus text exposition format. Routes are the matched
//! templates (`/n/{slug}`), never raw paths, so the label set stays bounded.

use std::{collections::BTreeMap, fmt::Write, sync::Mutex, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    middleware::Next,
    response::Response,
};

use crate::state::AppState;

/// Upper bounds of the latency buckets in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Series {
    count_by_status: BTreeMap<u16, u64>,
    buckets: [u64; BUCKETS.len()],
    sum_seconds: f64,
    count: u64,
}

#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String), Series>>,
    started: std::sync::OnceLock<Instant>,
}

impl Metrics {
    pub fn new() -> Self {
        let m = Self::default();
        let _ = m.started.set(Instant::now());
        m
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let Ok(mut map) = self.series.lock() else {
            return;
        };
        let s = map
            .entry((method.to_owned(), route.to_owned()))
            .or_default();
        *s.count_by_status.entry(status).or_default() += 1;
        for (i, le) in BUCKETS.iter().enumerate() {
            if seconds <= *le {
                s.buckets[i] += 1;
            }
        }
        s.sum_seconds += seconds;
        s.count += 1;
    }

    pub fn render(&self, backend: &str) -> String {
        let mut out = String::new();
        let uptime = self
            .started
            .get()
            .map(|s| s.elapsed().as_secs_f64())
            .unwrap_or(0.0);
        let _ = writeln!(
            out,
            "# HELP lernregion_uptime_seconds Seconds since the server started."
        );
        let _ = writeln!(out, "# TYPE lernregion_uptime_seconds gauge");
        let _ = writeln!(
            out,
            "lernregion_uptime_seconds{{backend=\"{backend}\"}} {uptime:.1}"
        );
        let Ok(map) = self.series.lock() else {
            return out;
        };
        let _ = writeln!(
            out,
            "# HELP lernregion_http_requests_total HTTP requests by method, route and status."
        );
        let _ = writeln!(out, "# TYPE lernregion_http_requests_total counter");
        for ((method, route), s) in map.iter() {
            for (status, n) in &s.count_by_status {
                let _ = writeln!(
                    out,
                    "lernregion_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP lernregion_http_request_duration_seconds Latency of HTTP requests by method and route."
        );
        let _ = writeln!(
            out,
            "# TYPE lernregion_http_request_duration_seconds histogram"
        );
        for ((method, route), s) in map.iter() {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
            for (i, le) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "lernregion_http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "lernregion_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "lernregion_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum_seconds
            );
            let _ = writeln!(
                out,
                "lernregion_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Measures every request. Unmatched paths are counted under one label.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().as_str().to_owned();
    let start = Instant::now();
    let response = next.run(req).await;
    state.metrics.observe(
        &method,
        &route,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_cumulative_buckets() {
        let m = Metrics::new();
        m.observe("GET", "/n/{slug}", 200, 0.003);
        m.observe("GET", "/n/{slug}", 404, 0.2);
        let text = m.render("sqlite");
        assert!(text.contains(
            r#"lernregion_http_requests_total{method="GET",route="/n/{slug}",status="200"} 1"#
        ));
        assert!(text.contains(r#"lernregion_http_request_duration_seconds_bucket{method="GET",route="/n/{slug}",le="0.005"} 1"#));
        assert!(text.contains(r#"lernregion_http_request_duration_seconds_bucket{method="GET",route="/n/{slug}",le="0.25"} 2"#));
        assert!(text.contains(
            r#"lernregion_http_request_duration_seconds_count{method="GET",route="/n/{slug}"} 2"#
        ));
    }
}
