//! Sign-in attempts are limited per account (against guessing one officer's password) and per
//! client address (against trying many accounts from one place). Certificate lookups are limited
//! per address too, so that codes cannot be enumerated. Counters live in memory.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

use crate::Error;

const FORGET_AFTER_KEYS: usize = 10_000;

#[derive(Debug)]
pub struct SignInLimits {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    lookups_per_address: DefaultKeyedRateLimiter<IpAddr>,
}

/// Certificate lookups per address and minute: plenty for a person, hopeless for guessing.
const LOOKUPS_PER_MINUTE: u32 = 60;

impl Default for SignInLimits {
    fn default() -> Self {
        Self::per_minute(10, 30)
    }
}

impl SignInLimits {
    pub fn per_minute(per_account: u32, per_address: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least one"));
        Self {
            per_account: RateLimiter::keyed(quota(per_account)),
            per_address: RateLimiter::keyed(quota(per_address)),
            lookups_per_address: RateLimiter::keyed(quota(LOOKUPS_PER_MINUTE)),
        }
    }

    pub fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), Error> {
        if self.per_account.len() > FORGET_AFTER_KEYS {
            self.per_account.retain_recent();
        }
        if self.per_address.len() > FORGET_AFTER_KEYS {
            self.per_address.retain_recent();
        }
        let address_allowed =
            address.is_none_or(|address| self.per_address.check_key(&address).is_ok());
        let account_allowed = self.per_account.check_key(&email.to_owned()).is_ok();
        if address_allowed && account_allowed {
            Ok(())
        } else {
            Err(Error::RateLimited)
        }
    }
}

impl SignInLimits {
    pub fn check_lookup(&self, address: Option<IpAddr>) -> Result<(), Error> {
        if self.lookups_per_address.len() > FORGET_AFTER_KEYS {
            self.lookups_per_address.retain_recent();
        }
        match address.map(|address| self.lookups_per_address.check_key(&address)) {
            Some(Err(_)) => Err(Error::RateLimited),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_whatever_the_address() {
        let limits = SignInLimits::per_minute(3, 100);
        for n in 0..3 {
            assert!(limits.check("a@x.uz", Some([10, 0, 0, n].into())).is_ok());
        }
        assert!(matches!(
            limits.check("a@x.uz", Some([10, 0, 0, 9].into())),
            Err(Error::RateLimited)
        ));
        assert!(
            limits.check("b@x.uz", Some([10, 0, 0, 9].into())).is_ok(),
            "other accounts are not affected"
        );
    }

    #[test]
    fn an_address_is_limited_across_accounts() {
        let limits = SignInLimits::per_minute(100, 2);
        let address = Some([192, 168, 1, 1].into());
        assert!(limits.check("a@x.uz", address).is_ok());
        assert!(limits.check("b@x.uz", address).is_ok());
        assert!(matches!(
            limits.check("c@x.uz", address),
            Err(Error::RateLimited)
        ));
    }

    #[test]
    fn certificate_lookups_are_limited_per_address() {
        let limits = SignInLimits::default();
        let address = Some([192, 168, 1, 2].into());
        for _ in 0..LOOKUPS_PER_MINUTE {
            assert!(limits.check_lookup(address).is_ok());
        }
        assert!(matches!(
            limits.check_lookup(address),
            Err(Error::RateLimited)
        ));
        assert!(limits.check_lookup(Some([192, 168, 1, 3].into())).is_ok());
    }
}
