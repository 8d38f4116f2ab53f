//! What several domains share and none owns: days and dates, money.
//! Pure apart from reading the clock; no domain imports another one's
//! helpers for these.

pub mod days;
pub mod money;
