//! Keys kept in the database, as demo mode does (and every version before key files): generated
//! at random on first use, so that restarts and several demo instances share them. Outside demo
//! mode the only use is carrying the old certificate key into a key file, then forgetting it.

use chrono::Utc;
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use super::{CertificateKey, KeyRing, SessionKey};
use crate::entities::server_secret;
use crate::Error;

const SESSION_SECRET_NAME: &str = "session-signing-key";
const CERTIFICATE_SECRET_NAME: &str = "certificate-signing-key";

/// Demo mode's keys, created on first start.
pub async fn demo_key_ring(db: &impl ConnectionTrait) -> Result<KeyRing, Error> {
    let session = SessionKey {
        id: "database-session".into(),
        secret: load_or_create(db, SESSION_SECRET_NAME, 64).await?,
    };
    let seed = load_or_create(db, CERTIFICATE_SECRET_NAME, 32).await?;
    Ok(KeyRing {
        session: vec![session],
        certificate: vec![certificate_key(seed)?],
    })
}

/// The certificate key that a demo, or a version before key files, kept in the database.
pub async fn stored_certificate_key(
    db: &impl ConnectionTrait,
) -> Result<Option<CertificateKey>, Error> {
    load(db, CERTIFICATE_SECRET_NAME)
        .await?
        .map(certificate_key)
        .transpose()
}

/// Deletes the keys kept in the database; how many there were.
pub async fn forget(db: &impl ConnectionTrait) -> Result<u64, Error> {
    let deleted = server_secret::Entity::delete_many()
        .filter(server_secret::Column::Name.is_in([SESSION_SECRET_NAME, CERTIFICATE_SECRET_NAME]))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// Its id is the fingerprint credentials have carried in their `kid` since the first version.
fn certificate_key(seed: Vec<u8>) -> Result<CertificateKey, Error> {
    let seed: [u8; 32] = seed.try_into().map_err(|bytes: Vec<u8>| {
        Error::internal(
            "reading the certificate key kept in the database",
            format!("the stored seed has {} bytes, not 32", bytes.len()),
        )
    })?;
    let mut key = CertificateKey::from_seed(String::new(), seed);
    key.id = hex::encode(&Sha256::digest(key.public)[..8]);
    Ok(key)
}

/// The secret called `name`, creating `bytes` random bytes for it if there is none yet.
async fn load_or_create(
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

/// What a start with a key file does about keys an earlier version or a demo kept in the
/// database: forgets them once nothing needs them, and refuses to start (rather than let
/// certificates turn "not genuine") when certificates were signed by a key the file lacks.
pub async fn reconcile(db: &impl ConnectionTrait, ring: &KeyRing) -> Result<u64, Error> {
    let stored = stored_certificate_key(db).await?;
    let ring_has = |public: &[u8; 32]| ring.certificate.iter().any(|key| key.public == *public);
    let mut missing = std::collections::BTreeSet::new();
    for key_id in signing_keys_in_use(db).await? {
        let known = match &key_id {
            Some(id) => ring.certificate.iter().any(|key| key.id == *id),
            // Unnamed records were signed by the key the database kept.
            None => stored.as_ref().is_none_or(|key| ring_has(&key.public)),
        };
        if !known {
            missing.insert(key_id.unwrap_or_else(|| "the key kept in the database".into()));
        }
    }
    if !missing.is_empty() {
        return Err(Error::KeyFile(format!(
            "certificates were signed by keys it does not list ({}); they would no longer \
             verify. Carry the database's key over with `malaka-server keys generate \
             --from-database`, or add the retired keys' public halves",
            missing.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    forget(db).await
}

async fn signing_keys_in_use(db: &impl ConnectionTrait) -> Result<Vec<Option<String>>, Error> {
    use crate::entities::certificate;
    use sea_orm::QuerySelect;
    Ok(certificate::Entity::find()
        .select_only()
        .column(certificate::Column::SigningKeyId)
        .distinct()
        .into_tuple::<Option<String>>()
        .all(db)
        .await?)
}
