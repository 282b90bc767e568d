//! Password hashing with argon2id. Hashing is deliberately slow (tens of milliseconds of CPU), so
//! it runs on blocking threads behind a semaphore: a burst of sign-ins waits its turn instead of
//! stalling the async threads that serve pages.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher as _, PasswordVerifier};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

use crate::Error;

#[derive(Clone, Debug)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl PasswordHasher {
    pub fn new() -> Self {
        // Leave at least one core to page serving.
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            permits: Arc::new(Semaphore::new(cores.saturating_sub(1).max(1))),
        }
    }

    pub async fn hash(&self, password: String) -> Result<String, Error> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(Error::because("waiting for a password hashing slot"))?;
        tokio::task::spawn_blocking(move || hash_password(&password)).await?
    }

    /// Verifies against `stored`, or against a dummy hash when there is no account, so both
    /// cases cost the same time.
    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool, Error> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(Error::because("waiting for a password hashing slot"))?;
        let verified = tokio::task::spawn_blocking(move || {
            // An invited account with no password yet costs the same time as a wrong password.
            let stored = stored
                .as_deref()
                .filter(|stored| PasswordHash::new(stored).is_ok())
                .unwrap_or(DUMMY_HASH.as_str());
            let matches = verify_password(stored, &password);
            matches && stored != DUMMY_HASH.as_str()
        });
        Ok(verified.await?)
    }
}

/// argon2id, version 19, with the crate's defaults (19 MiB, 2 passes, 1 lane): OWASP's baseline.
pub fn hash_password(password: &str) -> Result<String, Error> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| Error::internal("hashing a password", error.to_string()))
}

pub fn verify_password(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash_password("no account has this password").expect("hashing a constant works")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let first = hash_password("malaka-demo").unwrap();
        let second = hash_password("malaka-demo").unwrap();
        assert!(first.starts_with("$argon2id$v=19$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify_password(&first, "malaka-demo"));
        assert!(!verify_password(&first, "malaka-demO"));
        assert!(!verify_password("not a hash", "malaka-demo"));
    }

    #[tokio::test]
    async fn a_missing_account_never_verifies() {
        let hasher = PasswordHasher::new();
        assert!(!hasher
            .verify(None, "no account has this password".into())
            .await
            .unwrap());
        let stored = hash_password("right").unwrap();
        assert!(hasher
            .verify(Some(stored.clone()), "right".into())
            .await
            .unwrap());
        assert!(!hasher.verify(Some(stored), "wrong".into()).await.unwrap());
    }
}
