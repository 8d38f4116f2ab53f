//! # Lernregion
//!
//! The platform on which a regional continuing-education network runs.
//! Read this first:
//!
//! - `main.rs` parses the command line ([`cli`]) and loads [`config::Settings`].
//! - [`startup`] connects the database ([`db`]: SQLite or PostgreSQL through one
//!   enum and the `on_db!` macro), runs migrations and assembles the routers.
//! - Each domain lives in its own folder with the same rooms:
//!   - `mod.rs`: what the domain owns, and its `router()` of pages;
//!   - `domain.rs` (or `domain/`): types and rules, pure, no I/O: forms are
//!     parsed into these before anything reaches the database;
//!   - use-case files named after what people do (`competences/assessments.rs`,
//!     `competences/vision.rs`, `catalog/publishing.rs`, `catalog/import_job.rs`,
//!     `ideas/contributions.rs`, `ideas/moderation.rs` …): one function per
//!     action, taking typed input, checking permission and rules once,
//!     writing in one transaction ([`db::Tx`]), or in a unit of work
//!     ([`state::Work`]) when the action also notifies people: its mails
//!     leave only once the transaction commits; returning domain types;
//!   - `queries.rs` (or `queries/`): all SQL of the domain; a query function
//!     takes the pool or an open transaction (`impl Into<db::Exec>`);
//!   - pages (`pages.rs`, `pages/` with one file per journey, or files named
//!     after a page): HTML handlers that translate HTTP to a use case and its
//!     result to a template;
//!   - `api.rs` (or `api/`): the JSON operations, calling the same use cases.
//!
//!   Domains: [`auth`] (accounts, sessions, permissions), [`networks`]
//!   (networks, organisations, memberships, invitations), [`regions`]
//!   (reference data), [`competences`], [`catalog`], [`funding`], [`ideas`],
//!   [`mail`] (outbox and SMTP), [`ops`] (health and metrics), [`start`]
//!   (a person's start page). [`api`] keeps
//!   only what the domains' API files share: extractors, schema, the route
//!   table and the OpenAPI document. [`kernel`] holds what several domains
//!   use and none owns (days, money); status and kind enums are stored as
//!   text and decoded from rows by `sqlx::Type` (`auth::domain::str_enum!`).
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
pub mod kernel;
pub mod mail;
pub mod networks;
pub mod ops;
pub mod regions;
pub mod start;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;
