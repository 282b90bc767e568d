//! Server secrets kept in the database: generated at random on first use, so that restarts and
//! several server instances share them.

use chrono::Utc;
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::entities::server_secret;
use crate::Error;

/// The secret called `name`, creating `bytes` random bytes for it if there is none yet.
pub async fn load_or_create(
    db: &impl ConnectionTrait,
    name: &str,
    bytes: usize,
) -> Result<Vec<u8>, Error> {
    if let Some(stored) = load(db, name).await? {
        return Ok(stored);
    }
    let mut secret = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut secret);
    let row = server_secret::ActiveModel {
        name: Set(name.into()),
        value: Set(hex::encode(&secret)),
        created_at: Set(Utc::now()),
    };
    // Another instance may have created it at the same moment: then theirs wins.
    let inserted = server_secret::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(server_secret::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    if inserted == 0 {
        return load(db, name).await?.ok_or(Error::Invariant(
            "a secret that another instance created is missing",
        ));
    }
    Ok(secret)
}

async fn load(db: &impl ConnectionTrait, name: &str) -> Result<Option<Vec<u8>>, Error> {
    match server_secret::Entity::find_by_id(name).one(db).await? {
        Some(stored) => hex::decode(stored.value)
            .map(Some)
            .map_err(Error::because("decoding a stored secret")),
        None => Ok(None),
    }
}
