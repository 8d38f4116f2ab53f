//! The one integration-test binary: the real server on a free port with a
//! fresh database per test, each test run on SQLite and on PostgreSQL.

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
mod search;
