//! Module 2: competence framework, company vision, assessments and gap
//! analysis from a person to the region, private by construction.

pub mod anonymity;
pub mod domain;
pub mod framework;
pub mod gaps;
pub mod queries;
