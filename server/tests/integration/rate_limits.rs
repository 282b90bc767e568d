//! The sign-in and lookup limits, kept in the database: every node spends the same budget.

use chrono::{Duration, Utc};
use malaka_domain::auth::{authenticate, SignInLimits};
use malaka_domain::{Error, Settings};
use malaka_server::startup;
use malaka_shared::people::Role;
use std::net::IpAddr;

use crate::support::{test_keys, TestApp, PASSWORD};

fn ip(text: &str) -> Option<IpAddr> {
    Some(text.parse().unwrap())
}

#[tokio::test]
async fn failures_back_off_per_account_and_place_and_a_success_forgets_them() {
    let app = TestApp::new().await;
    let db = &app.state.db.write;
    let limits = SignInLimits::new(1_000, 1_000);
    let start = Utc::now();
    let attacker = ip("203.0.113.7");
    for _ in 0..3 {
        limits.check(db, "a@x.uz", attacker, start).await.unwrap();
        limits
            .record_failure(db, "a@x.uz", attacker, start)
            .await
            .unwrap();
    }
    limits
        .record_failure(db, "a@x.uz", attacker, start)
        .await
        .unwrap();
    assert_eq!(
        limits.check(db, "a@x.uz", attacker, start).await,
        Err(Error::RateLimited)
    );
    let two_seconds = start + Duration::seconds(2);
    assert!(limits
        .check(db, "a@x.uz", attacker, two_seconds)
        .await
        .is_ok());
    for _ in 0..10 {
        limits
            .record_failure(db, "a@x.uz", attacker, start)
            .await
            .unwrap();
    }
    let ten_minutes = start + Duration::minutes(10);
    assert!(
        limits
            .check(db, "a@x.uz", attacker, ten_minutes)
            .await
            .is_err(),
        "the wait grows"
    );
    let fifteen_minutes = start + Duration::minutes(15);
    assert!(
        limits
            .check(db, "a@x.uz", attacker, fifteen_minutes)
            .await
            .is_ok(),
        "and is capped"
    );
    // The officer, from their own office, is not held back by the attacker's failures.
    let office = ip("198.51.100.1");
    assert!(limits.check(db, "a@x.uz", office, start).await.is_ok());
    // The same /64 is the same place.
    for _ in 0..4 {
        limits
            .record_failure(db, "b@x.uz", ip("2001:db8::1"), start)
            .await
            .unwrap();
    }
    assert!(limits
        .check(db, "b@x.uz", ip("2001:db8::ffff"), start)
        .await
        .is_err());
    limits
        .record_success(db, "b@x.uz", ip("2001:db8::2"))
        .await
        .unwrap();
    assert!(limits
        .check(db, "b@x.uz", ip("2001:db8::1"), start)
        .await
        .is_ok());
}

#[tokio::test]
async fn an_account_has_an_hourly_cap_across_addresses_and_an_address_across_accounts() {
    let app = TestApp::new().await;
    let db = &app.state.db.write;
    let now = Utc::now();
    let per_account = SignInLimits::new(1_000, 3);
    for n in 0..3u8 {
        let address = Some(IpAddr::from([10, 0, 0, n]));
        assert!(per_account.check(db, "a@x.uz", address, now).await.is_ok());
    }
    let elsewhere = Some(IpAddr::from([10, 0, 0, 9]));
    assert_eq!(
        per_account.check(db, "a@x.uz", elsewhere, now).await,
        Err(Error::RateLimited)
    );
    assert!(
        per_account
            .check(db, "b@x.uz", elsewhere, now)
            .await
            .is_ok(),
        "other accounts are not affected"
    );
    let next_hour = now + Duration::hours(1);
    assert!(per_account
        .check(db, "a@x.uz", elsewhere, next_hour)
        .await
        .is_ok());

    let per_address = SignInLimits::new(2, 100);
    let address = ip("192.168.1.1");
    assert!(per_address.check(db, "c@x.uz", address, now).await.is_ok());
    assert!(per_address.check(db, "d@x.uz", address, now).await.is_ok());
    assert_eq!(
        per_address.check(db, "e@x.uz", address, now).await,
        Err(Error::RateLimited)
    );
}

#[tokio::test]
async fn certificate_lookups_are_limited_per_address_even_in_parallel() {
    let app = TestApp::new().await;
    let now = Utc::now();
    let mut lookups = tokio::task::JoinSet::new();
    for _ in 0..80 {
        let state = app.state.clone();
        lookups.spawn(async move {
            state
                .sign_in_limits
                .check_lookup(&state.db.write, ip("192.168.1.2"), now)
                .await
        });
    }
    let allowed = lookups
        .join_all()
        .await
        .into_iter()
        .filter(Result::is_ok)
        .count();
    assert_eq!(
        allowed, 60,
        "exactly the minute's budget, however the requests race"
    );
    let limits = app.state.sign_in_limits;
    let db = &app.state.db.write;
    assert!(limits
        .check_lookup(db, ip("192.168.1.3"), now)
        .await
        .is_ok());
}

/// Two nodes on one database: an attacker who alternates between them is slowed as on one.
#[tokio::test]
async fn guessing_across_two_nodes_backs_off_as_on_one() {
    let app = TestApp::new().await;
    app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let other_node = startup::prepare(&app.database_url, Some(test_keys()), Settings::default())
        .await
        .unwrap();
    let nodes = [&app.state, &other_node];
    let attacker = ip("203.0.113.7");
    let mut failures = 0;
    while authenticate(nodes[failures % 2], "dilnoza@gov.uz", "guess", attacker).await
        != Err(Error::RateLimited)
    {
        failures += 1;
        assert!(
            failures <= 6,
            "not slowed after {failures} guesses on two nodes"
        );
    }
    assert!(failures >= 3, "slowed too early, after {failures}");
    for node in nodes {
        assert_eq!(
            authenticate(node, "dilnoza@gov.uz", PASSWORD, attacker).await,
            Err(Error::RateLimited),
            "both nodes make the guessing place wait"
        );
    }
}
