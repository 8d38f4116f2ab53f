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

/// A new password, as OWASP ASVS level 2 asks (V2.1): at least 12
/// characters, at most 128 (so hashing stays cheap), any characters allowed
/// and no composition rules, but not one of the base words people choose
/// first and not guessable by a strength estimate that knows common
/// passwords from published leaks, keyboard patterns, dates, repetitions and
/// what the person told us about themselves.
pub struct NewPassword(String);

/// Base words of common passwords, shipped with the binary.
static COMMON: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("common_passwords.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;
    /// zxcvbn's score 3: "safely unguessable", about 10^10 guesses, which
    /// with Argon2id means years for an offline attacker with one GPU.
    const MIN_SCORE: u8 = 3;

    /// `context`: what the person told us (address, name), which a guesser
    /// who knows them tries first.
    pub fn parse(s: &str, context: &[&str]) -> Result<Self, &'static str> {
        let n = s.chars().count();
        if n == 0 {
            return Err("field-required");
        }
        if n < Self::MIN_CHARS {
            return Err("password-too-short");
        }
        if n > Self::MAX_CHARS {
            return Err("field-too-long");
        }
        let letters = fold_letters(s);
        let common = |w: &str| COMMON.contains(w);
        if letters.is_empty() || made_of(&letters, &common) {
            return Err("password-common");
        }
        let mut own: Vec<String> = Vec::new();
        for c in context {
            own.extend(
                c.split(|ch: char| !ch.is_alphanumeric())
                    .map(fold_letters)
                    .filter(|w| w.chars().count() >= 3),
            );
        }
        // The person's own name or address, perhaps with common words and
        // digits: the first thing someone who knows them tries.
        if made_of(&letters, &|w: &str| common(w) || own.iter().any(|o| o == w)) {
            return Err("password-weak");
        }
        let mut hints: Vec<String> = vec!["lernregion".into(), "weiterbildung".into()];
        hints.extend(context.iter().map(|c| c.to_lowercase()));
        hints.extend(own);
        hints.extend(COMMON.iter().map(|w| w.to_string()));
        let hints: Vec<&str> = hints.iter().map(String::as_str).collect();
        let score: u8 = zxcvbn::zxcvbn(s, &hints).score().into();
        if score < Self::MIN_SCORE {
            return Err("password-weak");
        }
        Ok(NewPassword(s.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether `letters` is nothing but words for which `is_word` holds, one
/// after another ("schalkeschalke", "janavogt").
fn made_of(letters: &str, is_word: &dyn Fn(&str) -> bool) -> bool {
    let chars: Vec<usize> = letters
        .char_indices()
        .map(|(i, _)| i)
        .chain([letters.len()])
        .collect();
    let n = chars.len() - 1;
    // reachable[i]: the first i characters split into words.
    let mut reachable = vec![false; n + 1];
    reachable[0] = true;
    for end in 1..=n {
        reachable[end] =
            (0..end).any(|start| reachable[start] && is_word(&letters[chars[start]..chars[end]]));
    }
    n > 0 && reachable[n]
}

/// The letters of a password, lower case with umlauts folded, so
/// "Passwort2025!" and "PASSWORT" both read "passwort".
fn fold_letters(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_alphabetic() => out.push(c),
            _ => {}
        }
    }
    out
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

        // Stored as its text on both backends: rows decode straight into
        // the enum, and a value the code does not know is an error, not a
        // string compared to literals later.
        impl<DB: sqlx::Database> sqlx::Type<DB> for $t
        where
            str: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <str as sqlx::Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <str as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $t
        where
            &'r str: sqlx::Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let s = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
                <$t>::parse(s).ok_or_else(|| format!("unknown {} {s:?}", stringify!($t)).into())
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $t
        where
            &'static str: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut DB::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&'static str as sqlx::Encode<'q, DB>>::encode(self.as_str(), buf)
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
        let ok = |p: &str| NewPassword::parse(p, &["jana.vogt@example.org", "Jana Vogt"]).err();
        assert_eq!(ok(""), Some("field-required"));
        assert_eq!(ok("kurz"), Some("password-too-short"));
        assert_eq!(ok("elf-zeichen"), Some("password-too-short"));
        assert_eq!(ok(&"x".repeat(200)), Some("field-too-long"));
        // Common base words, however decorated.
        for p in [
            "Passwort2025!",
            "PASSWORT-1234",
            "123456789012",
            "Fußball19741974",
            "!!!!!!!!!!!!",
            "qwertzuiopasdf",
            "Schalke04Schalke04",
        ] {
            assert_eq!(ok(p), Some("password-common"), "{p}");
        }
        // Long but guessable: patterns, repetitions, the person's own name.
        for p in [
            "aaaaaaaaaaaaaaaa",
            "JanaVogt1990!",
            "Vogt-Jana-1990",
            "jana.vogt@example.org",
            "xyzxyzxyzxyz",
            "Jana-Passwort-77",
        ] {
            assert_eq!(ok(p), Some("password-weak"), "{p}");
        }
        for p in [
            "Kiefer-Brunnen-Amsel",
            "mein Hund frisst gern Brokkoli",
            "tV9#pL2q!xR7",
        ] {
            assert_eq!(ok(p), None, "{p}");
        }
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
