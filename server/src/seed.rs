//! A data set the size of a large ministry's, for benchmarks: 14 regions, ministries with a
//! department per region and units below, people spread over them, each enrolled in the
//! catalog's courses with lesson progress (completed, under way, not started, overdue), in
//! bulk inserts. People get no password: nobody can sign in as them.

use chrono::{DateTime, Duration, Utc};
use malaka_domain::entities::{enrolment, lesson_progress, user};
use malaka_domain::people::invitations::NO_PASSWORD_YET;
use malaka_domain::people::organisation::{create_unit, UnitKind};
use malaka_domain::Db;
use malaka_domain::Error;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};
use std::collections::HashMap;

pub const REGIONS: [&str; 14] = [
    "Tashkent city",
    "Tashkent",
    "Andijan",
    "Bukhara",
    "Fergana",
    "Jizzakh",
    "Kashkadarya",
    "Khorezm",
    "Namangan",
    "Navoi",
    "Samarkand",
    "Surkhandarya",
    "Syrdarya",
    "Karakalpakstan",
];

#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub ministries: usize,
    pub units_per_department: usize,
    pub people: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    pub units: usize,
    pub people: usize,
    pub enrolments: usize,
    pub progress_rows: usize,
}

/// Rows per INSERT: well under SQLite's 32,766 parameters for the widest table.
const BATCH: usize = 2_000;

/// A small deterministic generator: the same data set every run, no extra dependency.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below
    }
}

pub async fn seed(db: &Db, scale: Scale, now: DateTime<Utc>) -> Result<Seeded, Error> {
    let mut leaves = Vec::new();
    let mut units = 0;
    for m in 0..scale.ministries {
        let ministry = create_unit(
            &db.write,
            None,
            UnitKind::Ministry,
            &format!("Ministry {}", m + 1),
            "Tashkent city",
        )
        .await?;
        units += 1;
        for region in REGIONS {
            let department = create_unit(
                &db.write,
                Some(ministry.id),
                UnitKind::Department,
                &format!("{region} department"),
                region,
            )
            .await?;
            units += 1;
            for u in 0..scale.units_per_department {
                let unit = create_unit(
                    &db.write,
                    Some(department.id),
                    UnitKind::Unit,
                    &format!("{region} office {}", u + 1),
                    region,
                )
                .await?;
                leaves.push(unit.id);
                units += 1;
            }
        }
    }
    let snapshot = db.catalog.snapshot();
    let courses: Vec<(i32, Vec<i32>)> = snapshot
        .courses
        .iter()
        .map(|c| (c.model.id, c.lessons.iter().map(|l| l.model.id).collect()))
        .collect();
    let mut random = Sequence(2026);
    let mut seeded = Seeded {
        units,
        ..Seeded::default()
    };
    for start in (0..scale.people).step_by(BATCH) {
        let end = (start + BATCH).min(scale.people);
        let people: Vec<user::ActiveModel> = (start..end)
            .map(|n| user::ActiveModel {
                email: Set(format!("person{n}@scale.malaka.uz")),
                name: Set(format!("Person {n}")),
                password_hash: Set(NO_PASSWORD_YET.into()),
                role: Set("officer".into()),
                org_unit_id: Set(Some(leaves[n % leaves.len()])),
                position: Set(Some(
                    ["Inspector", "Specialist", "Head of unit"][n % 3].into(),
                )),
                language: Set(["uz", "ru", "en"][n % 3].into()),
                active: Set(true),
                token_version: Set(0),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .collect();
        let emails: Vec<String> = (start..end)
            .map(|n| format!("person{n}@scale.malaka.uz"))
            .collect();
        let txn = db.write.begin().await?;
        seeded.people += people.len();
        user::Entity::insert_many(people).exec(&txn).await?;
        let ids: HashMap<String, i32> = user::Entity::find()
            .filter(user::Column::Email.is_in(emails))
            .all(&txn)
            .await?
            .into_iter()
            .map(|u| (u.email, u.id))
            .collect();
        let mut enrolments = Vec::new();
        let mut progress = Vec::new();
        for n in start..end {
            let person = ids[&format!("person{n}@scale.malaka.uz")];
            for (course, lessons) in &courses {
                // Late in a campaign: 85% completed, 10% under way (every lesson opened, some
                // finished), 5% not started; a third of the open ones are late.
                let roll = random.next(100);
                let due = if random.next(3) == 0 {
                    now - Duration::days(5)
                } else {
                    now + Duration::days(25)
                };
                let (opened, done) = match roll {
                    0..85 => (lessons.len(), lessons.len()),
                    85..95 => (lessons.len(), random.next(lessons.len() as u64) as usize),
                    _ => (0, 0),
                };
                let completed = done == lessons.len() && done > 0;
                let last_seen = now - Duration::days(10);
                let mut seconds_spent = 0i64;
                for (index, lesson) in lessons.iter().take(opened).enumerate() {
                    // Now and then someone clicks through a lesson in seconds.
                    let seconds = if random.next(50) == 0 {
                        20
                    } else {
                        300 + random.next(900) as i32
                    };
                    seconds_spent += i64::from(seconds);
                    progress.push(lesson_progress::ActiveModel {
                        user_id: Set(person),
                        lesson_id: Set(*lesson),
                        started_at: Set(now - Duration::days(20)),
                        last_seen_at: Set(last_seen),
                        completed_at: Set((index < done).then_some(last_seen)),
                        seconds_spent: Set(seconds),
                        ..Default::default()
                    });
                }
                // The summary the application keeps with each progress write.
                enrolments.push(enrolment::ActiveModel {
                    user_id: Set(person),
                    course_id: Set(*course),
                    enrolled_at: Set(now - Duration::days(40)),
                    due_at: Set(Some(due)),
                    completed_at: Set(
                        completed.then(|| now - Duration::days(random.next(30) as i64))
                    ),
                    score_percent: Set(completed.then(|| 70 + random.next(31) as i16)),
                    lessons_done: Set(done as i32),
                    seconds_spent: Set(seconds_spent),
                    last_progress_at: Set((opened > 0).then_some(last_seen)),
                    ..Default::default()
                });
            }
        }
        seeded.enrolments += enrolments.len();
        for chunk in enrolments.chunks(BATCH) {
            enrolment::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        seeded.progress_rows += progress.len();
        for chunk in progress.chunks(BATCH) {
            lesson_progress::Entity::insert_many(chunk.to_vec())
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
    }
    // Fresh statistics, as a bulk import should leave them: PostgreSQL's planner otherwise
    // plans the reports for empty tables until autovacuum gets round to it.
    db.write.execute_unprepared("ANALYZE").await?;
    Ok(seeded)
}
