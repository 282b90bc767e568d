//! People: accounts, their language, their sessions; staff imports and invitations.

pub mod directory;
pub mod import;
pub mod invitations;
pub mod organisation;
pub mod password_reset;
pub mod staff_file;

use chrono::Utc;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

use crate::auth::password::PasswordHasher;
use crate::entities::user;
use crate::Db;
use crate::{Error, Refusal};
use malaka_shared::i18n::Locale;
use malaka_shared::people::Role;

pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password: String,
    pub role: Role,
    pub org_unit_id: Option<i32>,
    pub language: Locale,
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn create_user(
    db: &Db,
    hasher: &PasswordHasher,
    new: NewUser,
) -> Result<user::Model, Error> {
    let email = normalise_email(&new.email);
    if !email.contains('@') || email.len() > 254 {
        return Err(Error::Refused(Refusal::NotAnEmail));
    }
    if find_by_email(&db.read, &email).await?.is_some() {
        return Err(Error::Refused(Refusal::EmailTaken));
    }
    let password_hash = hasher.hash(new.password).await?;
    let now = Utc::now();
    let user = user::ActiveModel {
        email: Set(email),
        name: Set(new.name.trim().to_owned()),
        password_hash: Set(password_hash),
        role: Set(new.role.as_str().to_owned()),
        org_unit_id: Set(new.org_unit_id),
        language: Set(new.language.code().to_owned()),
        active: Set(true),
        token_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(user.insert(&db.write).await?)
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<user::Model>, Error> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?)
}

pub async fn find_active(db: &impl ConnectionTrait, id: i32) -> Result<Option<user::Model>, Error> {
    Ok(user::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|user| user.active))
}

pub async fn set_language(db: &Db, user_id: i32, locale: Locale) -> Result<(), Error> {
    user::Entity::update_many()
        .col_expr(user::Column::Language, locale.code().into())
        .col_expr(user::Column::UpdatedAt, Utc::now().into())
        .filter(user::Column::Id.eq(user_id))
        .exec(&db.write)
        .await?;
    db.users.invalidate(&user_id);
    Ok(())
}

/// An admin signs a person out everywhere (a lost phone, a suspected stolen session). Audited.
pub async fn end_sessions_for(
    db: &Db,
    admin: &crate::CurrentUser,
    user_id: i32,
    ip: Option<std::net::IpAddr>,
) -> Result<(), Error> {
    let person = user::Entity::find_by_id(user_id)
        .one(&db.read)
        .await?
        .ok_or(Error::NotFound)?;
    end_all_sessions(db, person.id).await?;
    crate::audit::record(
        &db.write,
        Some(admin.id),
        "person.end-sessions",
        &person.email,
        "",
        ip,
    )
    .await
}

/// Ends every session of the user: tokens carry the version they were issued with.
pub async fn end_all_sessions(db: &Db, user_id: i32) -> Result<(), Error> {
    user::Entity::update_many()
        .col_expr(
            user::Column::TokenVersion,
            sea_orm::sea_query::Expr::col(user::Column::TokenVersion).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(&db.write)
        .await?;
    db.users.invalidate(&user_id);
    Ok(())
}
