//! The server's signing keys: HMAC keys for sessions and reading receipts, Ed25519 keys for
//! certificates and credentials. Outside demo mode they come from a key file
//! (`MALAKA_KEYS_FILE`, or its text in `MALAKA_KEYS`), never from the database, so a copy of the
//! database or of its backups can neither forge a session nor re-sign an edited certificate.
//!
//! Every key has an id. The first key of each kind signs; the others are retired and only
//! verify: sessions signed just before a rotation, and certificates signed by any earlier key
//! (for those the public half is enough, and a rotation keeps nothing else).

pub mod database;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use ed25519_dalek::SigningKey;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use crate::Error;

pub const MIN_SESSION_SECRET_BYTES: usize = 32;
const GENERATED_SESSION_SECRET_BYTES: usize = 64;
const MAX_KEY_ID_CHARS: usize = 64;

#[derive(Clone, PartialEq, Eq)]
pub struct SessionKey {
    pub id: String,
    pub secret: Vec<u8>,
}

#[derive(Clone, PartialEq, Eq)]
pub struct CertificateKey {
    pub id: String,
    /// Only the signing key needs it; retired keys keep their public half alone.
    pub seed: Option<[u8; 32]>,
    pub public: [u8; 32],
}

/// Both kinds of key, the signing one first. Never empty, and the first certificate key has
/// its private half: `parse` and the constructors check it.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyRing {
    pub session: Vec<SessionKey>,
    pub certificate: Vec<CertificateKey>,
}

/// Keys print as their ids: a log line or a failed assertion never shows a secret.
impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SessionKey({})", self.id)
    }
}

impl std::fmt::Debug for CertificateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let half = if self.seed.is_some() {
            "signing"
        } else {
            "public only"
        };
        write!(f, "CertificateKey({}, {half})", self.id)
    }
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids = |ids: Vec<&str>| ids.join(", ");
        f.debug_struct("KeyRing")
            .field(
                "session",
                &ids(self.session.iter().map(|k| &*k.id).collect()),
            )
            .field(
                "certificate",
                &ids(self.certificate.iter().map(|k| &*k.id).collect()),
            )
            .finish()
    }
}

/// The key file as written on disk: TOML, secrets in hex.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    session: Vec<SessionKeyEntry>,
    certificate: Vec<CertificateKeyEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionKeyEntry {
    id: String,
    secret: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertificateKeyEntry {
    id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    public: Option<String>,
}

const FILE_HEADER: &str = "\
# Malaka's signing keys (see README, \"Keys\"). Keep this file readable by the server only and
# out of the database's backups. The first key of each kind signs; the others only verify.
# Rotate with `malaka-server keys rotate <this file>`.
";

impl KeyRing {
    /// A new ring with one fresh key of each kind.
    pub fn generate() -> Self {
        Self {
            session: vec![new_session_key()],
            certificate: vec![new_certificate_key()],
        }
    }

    /// The same ring with fresh signing keys. The previous session key still verifies (a
    /// session lives at most twelve hours, so rotate less often than that); older session keys
    /// are dropped. Every certificate key is kept, without its private half.
    pub fn rotated(&self) -> Self {
        let mut session = vec![new_session_key()];
        session.extend(self.session.first().cloned());
        let mut certificate = vec![new_certificate_key()];
        certificate.extend(self.certificate.iter().map(CertificateKey::retired));
        Self {
            session,
            certificate,
        }
    }

    /// The ring with `key` added as a retired certificate key (one the database held before
    /// key files existed), so certificates it signed still verify.
    pub fn with_retired_certificate_key(mut self, key: &CertificateKey) -> Self {
        if !self
            .certificate
            .iter()
            .any(|known| known.public == key.public)
        {
            self.certificate.push(key.retired());
        }
        self
    }

    /// Reads a key file, refusing anything that would make a key ambiguous or weak.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let file: KeyFile = toml::from_str(text).map_err(|e| Error::KeyFile(e.to_string()))?;
        let session = file
            .session
            .into_iter()
            .map(|entry| {
                let secret = decode_hex(&entry.id, "secret", &entry.secret)?;
                if secret.len() < MIN_SESSION_SECRET_BYTES {
                    return Err(Error::KeyFile(format!(
                        "session key `{}`: the secret has {} bytes, at least \
                         {MIN_SESSION_SECRET_BYTES} are needed",
                        entry.id,
                        secret.len()
                    )));
                }
                Ok(SessionKey {
                    id: entry.id,
                    secret,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let certificate = file
            .certificate
            .into_iter()
            .map(certificate_key)
            .collect::<Result<Vec<_>, _>>()?;
        let ring = Self {
            session,
            certificate,
        };
        ring.check()?;
        Ok(ring)
    }

    pub fn to_toml(&self) -> String {
        let file = KeyFile {
            session: self
                .session
                .iter()
                .map(|key| SessionKeyEntry {
                    id: key.id.clone(),
                    secret: hex::encode(&key.secret),
                })
                .collect(),
            certificate: self
                .certificate
                .iter()
                .map(|key| CertificateKeyEntry {
                    id: key.id.clone(),
                    seed: key.seed.map(hex::encode),
                    public: Some(hex::encode(key.public)),
                })
                .collect(),
        };
        let body = toml::to_string(&file).expect("plain strings always serialise");
        format!("{FILE_HEADER}\n{body}")
    }

    pub fn signing_certificate_key(&self) -> &CertificateKey {
        &self.certificate[0]
    }

    fn check(&self) -> Result<(), Error> {
        let (Some(_), Some(signing)) = (self.session.first(), self.certificate.first()) else {
            return Err(Error::KeyFile(
                "it needs at least one [[session]] and one [[certificate]] key".into(),
            ));
        };
        if signing.seed.is_none() {
            return Err(Error::KeyFile(format!(
                "the first certificate key, `{}`, signs and so needs its `seed`",
                signing.id
            )));
        }
        let ids = self
            .session
            .iter()
            .map(|k| &k.id)
            .chain(self.certificate.iter().map(|k| &k.id));
        let mut seen = std::collections::BTreeSet::new();
        for id in ids {
            let well_formed = !id.is_empty()
                && id.chars().count() <= MAX_KEY_ID_CHARS
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !well_formed {
                return Err(Error::KeyFile(format!(
                    "key id `{id}`: use 1 to {MAX_KEY_ID_CHARS} letters, digits, `-`, `_` or `.`"
                )));
            }
            if !seen.insert(id) {
                return Err(Error::KeyFile(format!("key id `{id}` is used twice")));
            }
        }
        Ok(())
    }
}

impl CertificateKey {
    pub fn from_seed(id: String, seed: [u8; 32]) -> Self {
        Self {
            id,
            seed: Some(seed),
            public: SigningKey::from_bytes(&seed).verifying_key().to_bytes(),
        }
    }

    fn retired(&self) -> Self {
        Self {
            seed: None,
            ..self.clone()
        }
    }
}

fn certificate_key(entry: CertificateKeyEntry) -> Result<CertificateKey, Error> {
    let thirty_two = |field: &str, text: &str| -> Result<[u8; 32], Error> {
        decode_hex(&entry.id, field, text)?.try_into().map_err(|_| {
            Error::KeyFile(format!(
                "certificate key `{}`: `{field}` must be 32 bytes (64 hex digits)",
                entry.id
            ))
        })
    };
    let seed = entry
        .seed
        .as_deref()
        .map(|text| thirty_two("seed", text))
        .transpose()?;
    let public = entry
        .public
        .as_deref()
        .map(|text| thirty_two("public", text))
        .transpose()?;
    match (seed, public) {
        (Some(seed), public) => {
            let key = CertificateKey::from_seed(entry.id.clone(), seed);
            if public.is_some_and(|public| public != key.public) {
                return Err(Error::KeyFile(format!(
                    "certificate key `{}`: `public` is not the public half of `seed`",
                    entry.id
                )));
            }
            Ok(key)
        }
        (None, Some(public)) => Ok(CertificateKey {
            id: entry.id,
            seed: None,
            public,
        }),
        (None, None) => Err(Error::KeyFile(format!(
            "certificate key `{}` has neither `seed` nor `public`",
            entry.id
        ))),
    }
}

fn decode_hex(id: &str, field: &str, text: &str) -> Result<Vec<u8>, Error> {
    hex::decode(text.trim())
        .map_err(|e| Error::KeyFile(format!("key `{id}`: `{field}` is not hex ({e})")))
}

fn new_session_key() -> SessionKey {
    let mut secret = vec![0u8; GENERATED_SESSION_SECRET_BYTES];
    rand::rng().fill_bytes(&mut secret);
    SessionKey {
        id: new_id("session"),
        secret,
    }
}

fn new_certificate_key() -> CertificateKey {
    let mut seed = [0u8; 32];
    rand::rng().fill_bytes(&mut seed);
    CertificateKey::from_seed(new_id("certificate"), seed)
}

/// `session-20261203-Xb3k…`: the date says how old a key is; the random tail keeps two keys
/// made the same day apart.
fn new_id(kind: &str) -> String {
    let mut tail = [0u8; 6];
    rand::rng().fill_bytes(&mut tail);
    format!(
        "{kind}-{}-{}",
        Utc::now().format("%Y%m%d"),
        URL_SAFE_NO_PAD.encode(tail)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_ring_reads_back_the_same() {
        let ring = KeyRing::generate();
        assert_eq!(KeyRing::parse(&ring.to_toml()).unwrap(), ring);
    }

    #[test]
    fn a_rotation_signs_with_new_keys_and_keeps_only_public_halves_of_old_certificate_keys() {
        let first = KeyRing::generate();
        let second = first.rotated();
        let third = KeyRing::parse(&second.rotated().to_toml()).unwrap();
        assert_ne!(third.session[0], second.session[0]);
        assert_eq!(
            third.session[1], second.session[0],
            "the previous one verifies"
        );
        assert_eq!(third.session.len(), 2, "older session keys are dropped");
        let ids: Vec<_> = third.certificate.iter().map(|k| k.id.clone()).collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(
            ids[1..],
            [
                second.certificate[0].id.clone(),
                first.certificate[0].id.clone()
            ]
        );
        assert!(third.certificate[0].seed.is_some());
        assert!(third.certificate[1..].iter().all(|k| k.seed.is_none()));
        assert_eq!(third.certificate[2].public, first.certificate[0].public);
    }

    #[test]
    fn weak_ambiguous_or_unsigned_rings_are_refused_with_the_reason() {
        let ring = KeyRing::generate();
        let text = ring.to_toml();
        let short = text.replace(
            &hex::encode(&ring.session[0].secret),
            &hex::encode([1u8; 16]),
        );
        let twice = text.replace(&ring.certificate[0].id, &ring.session[0].id);
        let unsigned = text.replace(
            &format!(
                "seed = \"{}\"\n",
                hex::encode(ring.certificate[0].seed.unwrap())
            ),
            "",
        );
        let mismatched = text.replace(
            &format!("public = \"{}\"", hex::encode(ring.certificate[0].public)),
            &format!("public = \"{}\"", hex::encode([3u8; 32])),
        );
        for (case, needle) in [
            (short, "at least 32 are needed"),
            (twice, "is used twice"),
            (unsigned, "needs its `seed`"),
            (mismatched, "not the public half"),
            ("session = []\ncertificate = []".to_owned(), "at least one"),
            ("[[session]]\nid = 1".to_owned(), ""),
        ] {
            match KeyRing::parse(&case) {
                Err(Error::KeyFile(reason)) => assert!(reason.contains(needle), "{reason}"),
                other => panic!("accepted or wrong error: {other:?}"),
            }
        }
    }
}
