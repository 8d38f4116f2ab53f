//! Levels, importance and the sources of an assessment: the vocabulary the
//! gap analysis and the screens share.

use serde::{Deserialize, Serialize};

/// A proficiency level on the framework's five-step scale:
/// 0 none, 1 knows the basics, 2 applies with guidance, 3 applies
/// independently, 4 expert who can teach others.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    pub const NONE: Level = Level(0);
    pub const MAX: Level = Level(4);
    pub const ALL: [Level; 5] = [Level(0), Level(1), Level(2), Level(3), Level(4)];

    pub fn new(v: u8) -> Option<Level> {
        (v <= Self::MAX.0).then_some(Level(v))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// Parses form or CSV input.
    pub fn parse(s: &str) -> Result<Level, &'static str> {
        s.trim()
            .parse::<u8>()
            .ok()
            .and_then(Level::new)
            .ok_or("level-invalid")
    }

    /// How many steps `self` lies above `other` (0 when it does not).
    pub fn steps_above(self, other: Level) -> u8 {
        self.0.saturating_sub(other.0)
    }

    pub fn message_key(self) -> &'static str {
        ["level-0", "level-1", "level-2", "level-3", "level-4"][usize::from(self.0)]
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        Level::new(v).ok_or_else(|| format!("level must be 0 to 4, got {v}"))
    }
}

impl From<Level> for u8 {
    fn from(l: Level) -> u8 {
        l.0
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How much a requirement matters to the company.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// nice to have
    Low,
    /// needed for the job
    Medium,
    /// critical: without it the change fails
    High,
}

crate::auth::domain::str_enum!(Importance { Low => "low", Medium => "medium", High => "high" });

impl Importance {
    pub fn weight(self) -> f64 {
        match self {
            Importance::Low => 1.0,
            Importance::Medium => 2.0,
            Importance::High => 3.0,
        }
    }

    pub fn message_key(self) -> &'static str {
        match self {
            Importance::Low => "importance-low",
            Importance::Medium => "importance-medium",
            Importance::High => "importance-high",
        }
    }
}

/// Who made an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The person about themself.
    SelfAssessment,
    /// Their manager, with the person's consent.
    Manager,
}

crate::auth::domain::str_enum!(Source { SelfAssessment => "self", Manager => "manager" });

impl Source {
    pub fn message_key(self) -> &'static str {
        match self {
            Source::SelfAssessment => "source-self",
            Source::Manager => "source-manager",
        }
    }
}

use crate::kernel::days::Day;

/// Assessments older than this are shown as outdated and no longer count.
pub const STALE_AFTER_DAYS: Day = 730;

pub fn is_stale(assessed_on: Day, today: Day) -> bool {
    today - assessed_on > STALE_AFTER_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_bounded() {
        assert_eq!(Level::parse("3"), Ok(Level(3)));
        assert!(Level::parse("5").is_err());
        assert!(Level::parse("-1").is_err());
        assert!(Level::parse("drei").is_err());
        assert_eq!(Level(3).steps_above(Level(1)), 2);
        assert_eq!(Level(1).steps_above(Level(3)), 0);
        assert!(serde_json::from_str::<Level>("7").is_err());
        assert_eq!(serde_json::from_str::<Level>("2").ok(), Some(Level(2)));
    }
}
