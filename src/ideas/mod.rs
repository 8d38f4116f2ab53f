//! Module 4: idea competitions, idea labs and the public idea map.
//!
//! This first part holds the rules of campaigns and their phases; the
//! screens, API and storage build on it.

pub mod rules;
