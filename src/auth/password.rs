//! Password hashing with Argon2id (RFC 9106), off the async threads.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use std::sync::LazyLock;

/// A hash to verify against when the account does not exist, so that a
/// failed login takes the same time whether or not the address is known.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("not-a-real-password").unwrap_or_default());

fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt);
    let hash: PasswordHash = Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(hash.to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    hash.parse::<PasswordHash>()
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

/// Verifies against the stored hash, or against a dummy when there is none.
pub async fn verify(password: String, hash: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify_blocking(&password, &h),
        None => {
            verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
    .map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_are_argon2id() {
        let h = hash_blocking("richtig-langes-passwort").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_blocking("richtig-langes-passwort", &h));
        assert!(!verify_blocking("falsches-passwort", &h));
        assert!(!verify_blocking("x", "not a hash"));
    }
}
