//! # Lernregion
//!
//! The platform on which a regional continuing-education network runs.
//! Read this first:
//!
//! - `main.rs` parses the command line ([`cli`]) and loads [`config::Settings`].
//! - [`startup`] connects the database ([`db`]: SQLite or PostgreSQL through one
//!   enum and the `on_db!` macro), runs migrations and assembles the routers.
//! - Each domain lives in its own folder with the same rooms: `mod.rs` (router),
//!   `domain.rs` (types and rules, no I/O), `queries.rs` (all SQL),
//!   `handlers.rs` (parse → call → render), `views.rs` (templates):
//!   [`auth`] (accounts, sessions, permissions), [`networks`] (networks,
//!   organisations, memberships, invitations), [`regions`] (reference data),
//!   [`mail`] (outbox and SMTP), [`api`] (JSON API and OpenAPI), [`ops`]
//!   (health and metrics).
//! - [`disclosure`] is the one place figures about people leave the platform:
//!   minimum group size, linked-table suppression, cell-key noise and overlap
//!   control, applied to every page, export and API answer that counts people.
//! - [`web`] holds what every page shares: request context (language, user,
//!   CSRF), translations, assets, URLs and the error pages.
//! - [`error::AppError`] is the one error type; it never leaks internals.

/// The server allocates many short-lived buffers on several threads (search
/// bitsets, JSON, SQLite rows); glibc's allocator spent a measurable share of
/// the catalog benchmark in lock contention and consolidation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod api;
pub mod auth;
pub mod catalog;
pub mod cli;
pub mod competences;
pub mod config;
pub mod db;
pub mod demo;
pub mod disclosure;
pub mod error;
pub mod funding;
pub mod ideas;
pub mod ids;
pub mod mail;
pub mod networks;
pub mod ops;
pub mod regions;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;
