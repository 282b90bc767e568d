//! Sign-in attempts are limited three ways. Per client address (its /64 for IPv6), against
//! trying many accounts from one place. Per account and address, failures back off
//! exponentially: guessing one officer's password from one place slows to a crawl, while
//! someone else's failures, from elsewhere, cannot lock the officer out of their own office.
//! Per account across all addresses, a generous hourly cap against guessing from many places.
//! Certificate lookups are limited per address too, so that codes cannot be enumerated.
//! Counters live in memory, per server.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::client_address::limit_key;
use crate::Error;

const FORGET_AFTER_KEYS: usize = 10_000;
/// Certificate lookups per address and minute: plenty for a person, hopeless for guessing.
const LOOKUPS_PER_MINUTE: u32 = 60;
/// Typos are free; after these, each failure doubles the wait (1 s, 2 s, 4 s …).
const FREE_FAILURES: u32 = 3;
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

#[derive(Debug)]
pub struct SignInLimits {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<String>,
    failures: Mutex<HashMap<(String, Option<IpAddr>), Failures>>,
    lookups_per_address: DefaultKeyedRateLimiter<IpAddr>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn blocks_until(self) -> Instant {
        let wait = match self.count.checked_sub(FREE_FAILURES) {
            None => Duration::ZERO,
            Some(doublings) => Duration::from_secs(1u64 << doublings.min(20)).min(LONGEST_WAIT),
        };
        self.last + wait
    }
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self::new(30, 100)
    }
}

impl SignInLimits {
    /// `per_address` attempts a minute from one address; `per_account` attempts an hour on
    /// one account from all addresses together.
    pub fn new(per_address: u32, per_account: u32) -> Self {
        let count = |n: u32| NonZeroU32::new(n.max(1)).expect("at least one");
        Self {
            per_address: RateLimiter::keyed(Quota::per_minute(count(per_address))),
            per_account: RateLimiter::keyed(Quota::per_hour(count(per_account))),
            failures: Mutex::new(HashMap::new()),
            lookups_per_address: RateLimiter::keyed(Quota::per_minute(count(LOOKUPS_PER_MINUTE))),
        }
    }

    /// Whether a sign-in attempt may be checked at all (before any hashing).
    pub fn check(&self, email: &str, address: Option<IpAddr>) -> Result<(), Error> {
        self.check_at(email, address, Instant::now())
    }

    pub fn check_at(
        &self,
        email: &str,
        address: Option<IpAddr>,
        now: Instant,
    ) -> Result<(), Error> {
        if self.per_account.len() > FORGET_AFTER_KEYS {
            self.per_account.retain_recent();
        }
        if self.per_address.len() > FORGET_AFTER_KEYS {
            self.per_address.retain_recent();
        }
        let key = address.map(limit_key);
        let backing_off = self
            .failures()
            .get(&(email.to_owned(), key))
            .is_some_and(|failures| now < failures.blocks_until());
        if backing_off {
            return Err(Error::RateLimited);
        }
        let address_allowed = key.is_none_or(|key| self.per_address.check_key(&key).is_ok());
        let account_allowed = self.per_account.check_key(&email.to_owned()).is_ok();
        if address_allowed && account_allowed {
            Ok(())
        } else {
            Err(Error::RateLimited)
        }
    }

    pub fn record_failure(&self, email: &str, address: Option<IpAddr>) {
        self.record_failure_at(email, address, Instant::now());
    }

    pub fn record_failure_at(&self, email: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.failures();
        if failures.len() > FORGET_AFTER_KEYS {
            failures.retain(|_, f| now < f.blocks_until() + LONGEST_WAIT);
        }
        let entry = failures
            .entry((email.to_owned(), address.map(limit_key)))
            .or_insert(Failures {
                count: 0,
                last: now,
            });
        entry.count += 1;
        entry.last = now;
    }

    /// A successful sign-in forgets that place's failures on the account.
    pub fn record_success(&self, email: &str, address: Option<IpAddr>) {
        self.failures()
            .remove(&(email.to_owned(), address.map(limit_key)));
    }

    pub fn check_lookup(&self, address: Option<IpAddr>) -> Result<(), Error> {
        if self.lookups_per_address.len() > FORGET_AFTER_KEYS {
            self.lookups_per_address.retain_recent();
        }
        match address.map(|address| self.lookups_per_address.check_key(&limit_key(address))) {
            Some(Err(_)) => Err(Error::RateLimited),
            _ => Ok(()),
        }
    }

    fn failures(&self) -> std::sync::MutexGuard<'_, HashMap<(String, Option<IpAddr>), Failures>> {
        // A panic while holding the lock leaves plain counters behind: still usable.
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn failures_back_off_per_account_and_place_and_a_success_forgets_them() {
        let limits = SignInLimits::new(1_000, 1_000);
        let start = Instant::now();
        let attacker = ip("203.0.113.7");
        for _ in 0..FREE_FAILURES {
            assert!(limits.check_at("a@x.uz", attacker, start).is_ok());
            limits.record_failure_at("a@x.uz", attacker, start);
        }
        limits.record_failure_at("a@x.uz", attacker, start);
        assert!(matches!(
            limits.check_at("a@x.uz", attacker, start),
            Err(Error::RateLimited)
        ));
        assert!(limits
            .check_at("a@x.uz", attacker, start + Duration::from_secs(2))
            .is_ok());
        for _ in 0..10 {
            limits.record_failure_at("a@x.uz", attacker, start);
        }
        assert!(
            limits
                .check_at("a@x.uz", attacker, start + Duration::from_secs(600))
                .is_err(),
            "the wait grows"
        );
        assert!(
            limits
                .check_at("a@x.uz", attacker, start + LONGEST_WAIT)
                .is_ok(),
            "and is capped"
        );
        // The officer, from their own office, is not held back by the attacker's failures.
        assert!(limits.check_at("a@x.uz", ip("198.51.100.1"), start).is_ok());
        // The same /64 is the same place.
        assert!(limits.check_at("b@x.uz", ip("2001:db8::1"), start).is_ok());
        for _ in 0..FREE_FAILURES + 1 {
            limits.record_failure_at("b@x.uz", ip("2001:db8::1"), start);
        }
        assert!(limits
            .check_at("b@x.uz", ip("2001:db8::ffff"), start)
            .is_err());
        limits.record_success("b@x.uz", ip("2001:db8::2"));
        assert!(limits.check_at("b@x.uz", ip("2001:db8::1"), start).is_ok());
    }

    #[test]
    fn an_account_has_an_hourly_cap_across_addresses() {
        let limits = SignInLimits::new(1_000, 3);
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
        let limits = SignInLimits::new(2, 100);
        let address = ip("192.168.1.1");
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
        let address = ip("192.168.1.2");
        for _ in 0..LOOKUPS_PER_MINUTE {
            assert!(limits.check_lookup(address).is_ok());
        }
        assert!(matches!(
            limits.check_lookup(address),
            Err(Error::RateLimited)
        ));
        assert!(limits.check_lookup(ip("192.168.1.3")).is_ok());
    }
}
