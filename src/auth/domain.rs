//! Account types and the rules for parsing what people type into them.

use crate::ids::{NetworkId, OrganizationId, UserId};

/// A syntactically plausible, lower-cased e-mail address. Deliverability is
/// proven by the confirmation mail, not by a regex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim().to_lowercase();
        if s.is_empty() {
            return Err("field-required");
        }
        if s.chars().count() > 254 {
            return Err("field-too-long");
        }
        let Some((local, domain)) = s.rsplit_once('@') else {
            return Err("email-invalid");
        };
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s
                .chars()
                .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',');
        if ok {
            Ok(Email(s))
        } else {
            Err("email-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: long enough to resist guessing, short enough to hash cheaply.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let n = s.chars().count();
        if n == 0 {
            Err("field-required")
        } else if n < Self::MIN_CHARS {
            Err("password-too-short")
        } else if n > 128 {
            Err("field-too-long")
        } else {
            Ok(NewPassword(s.to_owned()))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Roles a person can hold in a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NetworkRole {
    /// Runs the network's coordination office (Geschäftsstelle).
    Coordinator,
    Ambassador,
    Multiplier,
    Coach,
}

/// Roles a person can hold in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgRole {
    Admin,
    Member,
    Employee,
}

macro_rules! str_enum {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$(<$t>::$v),+];
            pub fn as_str(self) -> &'static str {
                match self { $(<$t>::$v => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(<$t>::$v),)+ _ => None }
            }
        }
    };
}
pub(crate) use str_enum;

str_enum!(NetworkRole { Coordinator => "coordinator", Ambassador => "ambassador", Multiplier => "multiplier", Coach => "coach" });
str_enum!(OrgRole { Admin => "admin", Member => "member", Employee => "employee" });

/// The logged-in person with every role they hold, loaded once per request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub email_confirmed: bool,
    pub network_roles: Vec<(NetworkId, NetworkRole)>,
    pub org_roles: Vec<(OrganizationId, OrgRole)>,
}

impl CurrentUser {
    pub fn has_network_role(&self, network: NetworkId, role: NetworkRole) -> bool {
        self.network_roles
            .iter()
            .any(|&(n, r)| n == network && r == role)
    }

    pub fn org_role(&self, org: OrganizationId) -> Option<OrgRole> {
        self.org_roles
            .iter()
            .find(|(o, _)| *o == org)
            .map(|(_, r)| *r)
    }

    pub fn is_coordinator_anywhere(&self) -> bool {
        self.network_roles
            .iter()
            .any(|(_, r)| *r == NetworkRole::Coordinator)
    }

    pub fn admin_orgs(&self) -> impl Iterator<Item = OrganizationId> + '_ {
        self.org_roles
            .iter()
            .filter(|(_, r)| *r == OrgRole::Admin)
            .map(|(o, _)| *o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Anna.Schmidt@Example.DE ").unwrap().as_str(),
            "anna.schmidt@example.de"
        );
    }

    #[test]
    fn implausible_emails_are_rejected() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.de",
            "anna@example",
            "an na@example.de",
            "a@.de",
            "a@b.de,",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_have_bounds() {
        assert_eq!(NewPassword::parse("kurz").err(), Some("password-too-short"));
        assert!(NewPassword::parse("lang-genug-1").is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(200)).err(),
            Some("field-too-long")
        );
    }

    #[test]
    fn role_names_round_trip() {
        for r in NetworkRole::ALL {
            assert_eq!(NetworkRole::parse(r.as_str()), Some(*r));
        }
        for r in OrgRole::ALL {
            assert_eq!(OrgRole::parse(r.as_str()), Some(*r));
        }
    }
}
