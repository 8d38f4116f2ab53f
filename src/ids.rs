//! Typed identifiers. Every table's primary key gets its own type so that an
//! organisation id can never be passed where a user id is meant.

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, sqlx::Type)]
        #[serde(transparent)]
        #[sqlx(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )+};
}

typed_id!(
    /// A person's account.
    UserId,
    /// A continuing-education network (Weiterbildungsverbund).
    NetworkId,
    /// Any organisation: company, provider, chamber, union …
    OrganizationId,
    /// A further site of an organisation.
    LocationId,
    /// A named contact person of an organisation.
    ContactId,
    /// An invitation to join an organisation.
    InvitationId,
    /// An API token.
    ApiTokenId,
    /// A mail in the outbox.
    MailId,
    /// An area of a network's competence framework.
    CompetenceAreaId,
    /// A competence in a network's framework.
    CompetenceId,
    /// A job role in a company (machine operator, maintenance technician …).
    JobRoleId,
    /// A planned change in a company that raises requirements by a date.
    ChangeId,
    /// One recorded assessment of one competence of one person.
    AssessmentId,
    /// A training offering of a provider.
    OfferingId,
    /// A provider's upload of offerings, saved as a background job.
    ImportJobId,
    /// An idea campaign: an idea lab series or a competition.
    IdeaCampaignId,
    /// A category of a campaign.
    IdeaCategoryId,
    /// A half-day idea lab.
    IdeaLabId,
    /// One idea.
    IdeaId,
    /// A comment on an idea.
    IdeaCommentId,
    /// An in-platform notification.
    NotificationId,
);
