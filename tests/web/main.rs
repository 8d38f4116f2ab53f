//! The one integration-test binary: the real server on a free port with a
//! fresh database per test, each test run on SQLite and on PostgreSQL.

// Test and benchmark code may panic on what cannot happen: a panic here
// fails the run, which is the point. The server's own code may not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod build;
mod helpers;

mod api;
mod auth;
mod browser;
mod browser_catalog;
mod browser_ideas;
mod browser_needs;
mod catalog;
mod cli;
mod competences;
mod consent;
mod funding;
mod gaps;
mod ideas;
mod needs;
mod networks;
mod ops;
mod orgs;
mod pooling;
mod privacy;
mod recommend;
mod routes;
mod search;
mod start;
