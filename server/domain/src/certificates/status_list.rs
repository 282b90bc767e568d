//! Revocation that wallets and verifiers can check for themselves: a W3C Bitstring Status List
//! (v1.0). Each credential's `credentialStatus` points at bit `id` of one list, published as a
//! credential signed by the certificate key at `STATUS_LIST_PATH`; a set bit means revoked.
//! The list is at least 16 KB (131,072 entries, the size the specification asks for so that
//! fetching it says nothing about which credential is being checked).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{SecondsFormat, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;
use jsonwebtoken::{Algorithm, Header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::{json, Value};
use std::io::Write;

use super::claims::CredentialClaims;
use super::keys::CertificateKeys;
use crate::entities::certificate;
use crate::{Db, Error};

pub const STATUS_LIST_PATH: &str = "/credentials/status/revocation";
const MIN_ENTRIES: usize = 131_072;
/// How long a fetched list may be trusted; verifiers fetch again after it.
pub const LIST_LIFETIME_SECONDS: i64 = 300;

/// The `credentialStatus` of the certificate with database id `index`.
pub fn entry(index: i32, site_url: &str) -> Value {
    let list = format!("{site_url}{STATUS_LIST_PATH}");
    json!({
        "id": format!("{list}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index.to_string(),
        "statusListCredential": list,
    })
}

/// The list's `encodedList`: the bitstring (entry 0 is the first byte's highest bit),
/// gzipped, base64url without padding, with the multibase prefix `u`.
pub fn encode(set: &[usize]) -> String {
    let highest = set.iter().copied().max().unwrap_or(0);
    let entries = (highest / MIN_ENTRIES + 1) * MIN_ENTRIES;
    let mut bits = vec![0u8; entries / 8];
    for &index in set {
        bits[index / 8] |= 0x80 >> (index % 8);
    }
    let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
    gzip.write_all(&bits)
        .expect("writing to memory cannot fail");
    let compressed = gzip.finish().expect("writing to memory cannot fail");
    format!("u{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Whether entry `index` is set in an `encodedList`, as a verifier reads it; `None` when the
/// text is not a status list or the index is beyond it.
pub fn is_set(encoded: &str, index: usize) -> Option<bool> {
    let compressed = URL_SAFE_NO_PAD.decode(encoded.strip_prefix('u')?).ok()?;
    let mut bits = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(compressed.as_slice()),
        &mut bits,
    )
    .ok()?;
    bits.get(index / 8)
        .map(|byte| byte & (0x80 >> (index % 8)) != 0)
}

/// The signed status list credential, as of now.
pub async fn signed_list(db: &Db, site_url: &str) -> Result<String, Error> {
    let revoked: Vec<i32> = certificate::Entity::find()
        .select_only()
        .column(certificate::Column::Id)
        .filter(certificate::Column::RevokedAt.is_not_null())
        .into_tuple()
        .all(&db.read)
        .await?;
    let set: Vec<usize> = revoked
        .into_iter()
        .filter_map(|id| usize::try_from(id).ok())
        .collect();
    let keys = CertificateKeys::load(db).await?;
    Ok(sign(&keys, site_url, &encode(&set)))
}

fn sign(keys: &CertificateKeys, site_url: &str, encoded_list: &str) -> String {
    let now = Utc::now();
    let list = format!("{site_url}{STATUS_LIST_PATH}");
    let until = now + chrono::Duration::seconds(LIST_LIFETIME_SECONDS);
    let vc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": list,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": site_url,
        "validFrom": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "validUntil": until.to_rfc3339_opts(SecondsFormat::Secs, true),
        "credentialSubject": {
            "id": format!("{list}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        }
    });
    let claims = CredentialClaims {
        iss: site_url.to_owned(),
        jti: list.clone(),
        sub: format!("{list}#list"),
        nbf: now.timestamp(),
        iat: now.timestamp(),
        exp: Some(until.timestamp()),
        vc,
    };
    let header = Header {
        kid: Some(keys.key_id.clone()),
        typ: Some("JWT".into()),
        ..Header::new(Algorithm::EdDSA)
    };
    jsonwebtoken::encode(&header, &claims, &keys.jwt_encoding_key())
        .expect("EdDSA signing with a valid key cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_entries_read_back_set_and_the_list_keeps_its_minimum_size() {
        let encoded = encode(&[0, 9, 131_071]);
        for (index, expected) in [
            (0, true),
            (1, false),
            (8, false),
            (9, true),
            (131_071, true),
        ] {
            assert_eq!(is_set(&encoded, index), Some(expected), "{index}");
        }
        assert_eq!(is_set(&encoded, 131_072), None, "16 KB, no more");
        let empty = encode(&[]);
        assert_eq!(is_set(&empty, 131_071), Some(false));
        assert_eq!(is_set(&encode(&[200_000]), 200_000), Some(true), "it grows");
        assert_eq!(is_set("not a list", 0), None);
    }
}
