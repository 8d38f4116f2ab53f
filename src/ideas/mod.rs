//! Module 4: idea competitions, idea labs and the public idea map.
//!
//! This first part holds the pure logic: the rules of campaigns and their
//! phases, and the clustering of the idea map. The screens, API and storage
//! build on it.

pub mod clusters;
pub mod rules;
