//! Demo data for `make run`: a small organisation and one account per role, all with the
//! password `malaka-demo`. Only demo mode creates them; a start without demo mode disables any
//! that a demo left in the database, so a known password never outlives demo mode.

use crate::entities::user;
use crate::people::organisation::{create_unit, UnitKind};
use crate::people::{create_user, find_by_email, NewUser};
use crate::{audit, learning, AppState, Db, Error};
use malaka_shared::i18n::Locale;
use malaka_shared::people::Role;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const DEMO_PASSWORD: &str = "malaka-demo";

pub const DEMO_ACCOUNTS: [(&str, &str, Role); 4] = [
    ("admin@demo.malaka.uz", "Aziz Karimov", Role::Admin),
    ("trainer@demo.malaka.uz", "Nodira Yusupova", Role::Trainer),
    ("hr@demo.malaka.uz", "Malika Rashidova", Role::Hr),
    ("officer@demo.malaka.uz", "Jasur Toshmatov", Role::Officer),
];

/// Creates what is missing, and turns the demo accounts back on if a start without demo mode
/// disabled them; running it again changes nothing.
pub async fn seed_demo(state: &AppState) -> Result<(), Error> {
    if find_by_email(&state.db.read, DEMO_ACCOUNTS[0].0)
        .await?
        .is_some()
    {
        user::Entity::update_many()
            .col_expr(user::Column::Active, Expr::value(true))
            .filter(user::Column::Email.is_in(DEMO_ACCOUNTS.map(|(email, _, _)| email)))
            .exec(&state.db.write)
            .await?;
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

/// Outside demo mode: deactivates the demo accounts and ends their sessions (audited), so that
/// `admin@demo.malaka.uz` with the published password cannot sign in to a real deployment that
/// started from a demo database. Returns how many accounts were switched off.
pub async fn disable_demo_accounts(db: &Db) -> Result<u64, Error> {
    let disabled = user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(false))
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .filter(user::Column::Email.is_in(DEMO_ACCOUNTS.map(|(email, _, _)| email)))
        .filter(user::Column::Active.eq(true))
        .exec(&db.write)
        .await?
        .rows_affected;
    if disabled > 0 {
        db.users.invalidate_all();
        audit::record(
            &db.write,
            None,
            "demo-accounts-disabled",
            "demo accounts",
            &format!("{disabled} accounts: the server started without demo mode"),
            None,
        )
        .await?;
    }
    Ok(disabled)
}
