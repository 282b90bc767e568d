//! Demo data for `make run`: a small organisation and one account per role, all with the
//! password `malaka-demo`. Only demo mode calls this; production never has these accounts.

use crate::people::organisation::{create_unit, UnitKind};
use crate::people::{create_user, find_by_email, NewUser};
use crate::Error;
use crate::{learning, AppState};
use malaka_shared::i18n::Locale;
use malaka_shared::people::Role;

pub const DEMO_PASSWORD: &str = "malaka-demo";

pub const DEMO_ACCOUNTS: [(&str, &str, Role); 4] = [
    ("admin@demo.malaka.uz", "Aziz Karimov", Role::Admin),
    ("trainer@demo.malaka.uz", "Nodira Yusupova", Role::Trainer),
    ("hr@demo.malaka.uz", "Malika Rashidova", Role::Hr),
    ("officer@demo.malaka.uz", "Jasur Toshmatov", Role::Officer),
];

/// Creates what is missing; running it again changes nothing.
pub async fn seed_demo(state: &AppState) -> Result<(), Error> {
    if find_by_email(&state.db.read, DEMO_ACCOUNTS[0].0)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let db = &state.db.write;
    let ministry = create_unit(
        db,
        None,
        UnitKind::Ministry,
        "Ministry of Digital Technologies",
        "Tashkent",
    )
    .await?;
    let department = create_unit(
        db,
        Some(ministry.id),
        UnitKind::Department,
        "Department of Public Services",
        "Tashkent",
    )
    .await?;
    let samarkand = create_unit(
        db,
        Some(department.id),
        UnitKind::Unit,
        "Public Service Centre, Samarkand",
        "Samarkand",
    )
    .await?;
    create_unit(
        db,
        Some(department.id),
        UnitKind::Unit,
        "Public Service Centre, Qarshi",
        "Qashqadaryo",
    )
    .await?;
    for (email, name, role) in DEMO_ACCOUNTS {
        let unit = if role == Role::Officer {
            samarkand.id
        } else {
            ministry.id
        };
        let user = create_user(
            &state.db,
            &state.hasher,
            NewUser {
                email: email.into(),
                name: name.into(),
                password: DEMO_PASSWORD.into(),
                role,
                org_unit_id: Some(unit),
                language: Locale::Uz,
            },
        )
        .await?;
        if role == Role::Officer {
            for course in ["cybersecurity", "e-services", "data-literacy"] {
                match learning::enrol(&state.db, user.id, course).await {
                    Ok(_) | Err(Error::NotFound) => {}
                    Err(other) => return Err(other),
                }
            }
        }
    }
    Ok(())
}
