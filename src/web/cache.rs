//! A node's short-lived cache of what public pages read from the database.
//!
//! The home page, a network's page, its partner directory and a partner's
//! page read the same rows for every visitor, and those rows change a few
//! times a day. Reading them anew on every request made these pages the
//! slowest of the platform (a tenth of a static file server's requests/s in
//! the audit, each request waiting for up to six queries). Entries live
//! [`FRESH_FOR`]; any state-changing request on this node empties the cache
//! (`forget_after_writes`), so whoever changes something sees it at once,
//! and other nodes on the same PostgreSQL database see it within
//! [`FRESH_FOR`], as they see catalog changes within a second. Only data is
//! cached, never a rendered page: pages carry the visitor's CSRF token and
//! what they may do.

use std::{
    any::Any,
    collections::HashMap,
    future::Future,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};

use crate::{error::AppResult, state::AppState};

/// How long another node's change may take to show.
pub const FRESH_FOR: Duration = Duration::from_secs(5);
/// Filters make keys; past this many the cache starts over rather than grow.
const MAX_ENTRIES: usize = 2_000;

struct Entry {
    at: Instant,
    generation: u64,
    value: Arc<dyn Any + Send + Sync>,
}

#[derive(Default)]
pub struct PublicCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    entries: HashMap<String, Entry>,
}

impl PublicCache {
    /// The value under `key`, loaded with `load` when missing or stale. Two
    /// requests that miss at once both load; the later one's value stays.
    pub async fn get<T, F, Fut>(&self, key: String, load: F) -> AppResult<T>
    where
        T: Clone + Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<T>>,
    {
        let generation = {
            let inner = self.lock();
            if let Some(e) = inner.entries.get(&key)
                && e.generation == inner.generation
                && e.at.elapsed() < FRESH_FOR
                && let Some(v) = e.value.downcast_ref::<T>()
            {
                return Ok(v.clone());
            }
            inner.generation
        };
        let value = load().await?;
        let mut inner = self.lock();
        // A write during the load may have changed what was read: keep it
        // only if no write came in between.
        if inner.generation == generation {
            if inner.entries.len() >= MAX_ENTRIES {
                inner.entries.clear();
            }
            inner.entries.insert(
                key,
                Entry {
                    at: Instant::now(),
                    generation,
                    value: Arc::new(value.clone()),
                },
            );
        }
        Ok(value)
    }

    /// Forgets everything; called after every state-changing request.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.entries.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map holds no invariant a panic could break halfway.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Empties the cache when a POST, PUT, PATCH or DELETE is answered, and
/// also before it runs, so that a page loaded while the write is under way
/// is not kept.
pub async fn forget_after_writes(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let writes = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    if writes {
        state.public_cache.clear();
    }
    let response = next.run(req).await;
    if writes {
        state.public_cache.clear();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_value_is_loaded_once_until_a_write() {
        let cache = PublicCache::default();
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let load = || async {
            loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(42_i64)
        };
        assert_eq!(cache.get("k".into(), load).await.ok(), Some(42));
        assert_eq!(cache.get("k".into(), load).await.ok(), Some(42));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
        cache.clear();
        assert_eq!(cache.get("k".into(), load).await.ok(), Some(42));
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 2);
        // Another type under the same key is loaded, not mistaken.
        assert_eq!(
            cache
                .get("k".into(), || async { Ok("x".to_owned()) })
                .await
                .ok()
                .as_deref(),
            Some("x")
        );
    }

    #[tokio::test]
    async fn a_write_during_a_load_keeps_the_loaded_value_out() {
        let cache = PublicCache::default();
        let value = cache
            .get("k".into(), || async {
                cache.clear();
                Ok(1_i64)
            })
            .await
            .ok();
        assert_eq!(value, Some(1));
        assert_eq!(
            cache.get("k".into(), || async { Ok(2_i64) }).await.ok(),
            Some(2)
        );
    }
}
