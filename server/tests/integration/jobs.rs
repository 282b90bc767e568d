//! Periodic jobs run each pass on one node, however many nodes share the database; a node told
//! to stop hands its claim back.

use chrono::{Duration, Utc};
use malaka_domain::entities::scheduled_job;
use malaka_domain::jobs::{self, claim, Job, Schedule};
use sea_orm::EntityTrait;
use tokio_util::sync::CancellationToken;

use crate::support::TestApp;

const JOB: &str = "training-reminders";

async fn row(app: &TestApp, job: &str) -> scheduled_job::Model {
    scheduled_job::Entity::find_by_id(job.to_owned())
        .one(&app.state.db.read)
        .await
        .unwrap()
        .expect("the job has a row")
}

#[tokio::test]
async fn of_many_nodes_claiming_a_due_pass_at_once_exactly_one_gets_it() {
    let app = TestApp::new().await;
    let now = Utc::now();
    let mut claims = tokio::task::JoinSet::new();
    for node in 0..12 {
        let db = app.state.db.clone();
        claims.spawn(async move {
            claim::claim(
                &db.write,
                JOB,
                &format!("node-{node}"),
                Duration::minutes(5),
                now,
            )
            .await
            .unwrap()
        });
    }
    let won = claims
        .join_all()
        .await
        .into_iter()
        .filter(|won| *won)
        .count();
    assert_eq!(won, 1);
    let holder = row(&app, JOB).await.holder.expect("claimed");

    // The holder finishes: the next pass is due an hour later, and not before.
    assert!(
        claim::finish(&app.state.db.write, JOB, &holder, Duration::hours(1), now)
            .await
            .unwrap()
    );
    let finished = row(&app, JOB).await;
    assert_eq!((finished.runs, finished.holder), (1, None));
    let soon = now + Duration::minutes(59);
    assert!(!claim::claim(
        &app.state.db.write,
        JOB,
        "other",
        Duration::minutes(5),
        soon
    )
    .await
    .unwrap());
    let later = now + Duration::minutes(61);
    assert!(claim::claim(
        &app.state.db.write,
        JOB,
        "other",
        Duration::minutes(5),
        later
    )
    .await
    .unwrap());
}

#[tokio::test]
async fn a_node_that_dies_mid_pass_loses_its_claim_when_the_lease_ends() {
    let app = TestApp::new().await;
    let db = &app.state.db.write;
    let now = Utc::now();
    assert!(claim::claim(db, JOB, "dies", Duration::minutes(5), now)
        .await
        .unwrap());
    let during = now + Duration::minutes(4);
    assert!(
        !claim::claim(db, JOB, "other", Duration::minutes(5), during)
            .await
            .unwrap()
    );
    let after = now + Duration::minutes(6);
    assert!(claim::claim(db, JOB, "other", Duration::minutes(5), after)
        .await
        .unwrap());
    // The dead node's late finish cannot undo the new holder's claim.
    assert!(!claim::finish(db, JOB, "dies", Duration::hours(1), after)
        .await
        .unwrap());
    assert_eq!(row(&app, JOB).await.holder.as_deref(), Some("other"));
    // A stopping node gives its claim back, so the pass need not wait for the lease.
    claim::release(db, JOB, "other").await.unwrap();
    assert!(claim::claim(db, JOB, "third", Duration::minutes(5), after)
        .await
        .unwrap());
}

#[tokio::test]
async fn two_nodes_running_every_job_run_each_pass_once_and_stop_when_told() {
    let app = TestApp::new().await;
    let second_node = app.state.clone();
    let stop = CancellationToken::new();
    let mut loops = tokio::task::JoinSet::new();
    for state in [app.state.clone(), second_node] {
        let node = jobs::node_name();
        for job in Job::ALL {
            let schedule = Schedule {
                poll: std::time::Duration::from_millis(20),
                ..Schedule::hourly(job)
            };
            loops.spawn(jobs::run_periodically(
                state.db.clone(),
                state.metrics.clone(),
                node.clone(),
                schedule,
                stop.clone(),
            ));
        }
    }
    // Long enough for each loop to ask many times whether a pass is due.
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let rows = scheduled_job::Entity::find()
            .all(&app.state.db.read)
            .await
            .unwrap();
        if rows.len() == Job::ALL.len() && rows.iter().all(|row| row.runs == 1) {
            break;
        }
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    stop.cancel();
    tokio::time::timeout(std::time::Duration::from_secs(10), loops.join_all())
        .await
        .expect("every loop stops when told");
    for job in Job::ALL {
        let row = row(&app, job.name()).await;
        assert_eq!(row.runs, 1, "{}: one pass across both nodes", job.name());
        assert_eq!(row.holder, None, "{}: no claim left behind", job.name());
        assert!(row.next_run_at > Utc::now() + Duration::minutes(55));
    }
}
