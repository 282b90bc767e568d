//! The server's Ed25519 keys for certificates: the signing key signs each certificate record and
//! each verifiable credential; it and the retired keys are published at `/.well-known/jwks.json`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::keys::{database, KeyRing};
use crate::Db;
use crate::Error;

pub struct CertificateKeys {
    signing: SigningKey,
    /// Names the signing key in credentials' headers and in each certificate record.
    pub key_id: String,
    /// Every key that verifies, the signing one first: retired keys keep old certificates good.
    verifying: Vec<(String, VerifyingKey)>,
}

impl std::fmt::Debug for CertificateKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateKeys")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl CertificateKeys {
    pub fn from_ring(ring: &KeyRing) -> Result<Self, Error> {
        let signing = ring.signing_certificate_key();
        let seed = signing.seed.ok_or(Error::Invariant(
            "a checked key ring's first certificate key has a seed",
        ))?;
        let verifying = ring
            .certificate
            .iter()
            .map(|key| {
                VerifyingKey::from_bytes(&key.public)
                    .map(|public| (key.id.clone(), public))
                    .map_err(|e| Error::KeyFile(format!("certificate key `{}`: {e}", key.id)))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            signing: SigningKey::from_bytes(&seed),
            key_id: signing.id.clone(),
            verifying,
        })
    }

    /// A ring of one key, named by its fingerprint (for tests and tools).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let digest = Sha256::digest(signing.verifying_key().as_bytes());
        let key_id = hex::encode(&digest[..8]);
        Self {
            verifying: vec![(key_id.clone(), signing.verifying_key())],
            signing,
            key_id,
        }
    }

    /// The keys start-up configured; when it configured none (demo mode, tools, tests of the
    /// domain alone), those kept in the database, created on first use.
    pub async fn load(db: &Db) -> Result<std::sync::Arc<Self>, Error> {
        db.certificate_keys
            .get_or_try_init(|| async {
                let ring = database::demo_key_ring(&db.write).await?;
                Ok(std::sync::Arc::new(Self::from_ring(&ring)?))
            })
            .await
            .cloned()
    }

    pub fn sign(&self, message: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(self.signing.sign(message).to_bytes())
    }

    /// Whether `signature` (as `sign` wrote it) is the signature of `message` by the key named
    /// `key_id`, or, for records from before keys had ids, by any key of the ring.
    pub fn verify(&self, key_id: Option<&str>, message: &[u8], signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        let Ok(signature) = Signature::from_slice(&bytes) else {
            return false;
        };
        self.verifying
            .iter()
            .filter(|(id, _)| key_id.is_none_or(|wanted| wanted == id))
            .any(|(_, key)| key.verify(message, &signature).is_ok())
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    pub fn jwt_encoding_key(&self) -> jsonwebtoken::EncodingKey {
        let der = self
            .signing
            .to_pkcs8_der()
            .expect("an Ed25519 key always encodes as PKCS#8");
        jsonwebtoken::EncodingKey::from_ed_der(der.as_bytes())
    }

    /// The public key as a JSON Web Key Set, the form third parties fetch to check credentials.
    /// Retired keys are published too, so credentials they signed keep verifying.
    pub fn jwks(&self) -> JsonWebKeySet {
        JsonWebKeySet {
            keys: self
                .verifying
                .iter()
                .map(|(id, key)| JsonWebKey {
                    kty: "OKP",
                    crv: "Ed25519",
                    alg: "EdDSA",
                    key_use: "sig",
                    kid: id.clone(),
                    x: URL_SAFE_NO_PAD.encode(key.as_bytes()),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct JsonWebKeySet {
    pub keys: Vec<JsonWebKey>,
}

#[derive(Debug, Serialize)]
pub struct JsonWebKey {
    pub kty: &'static str,
    pub crv: &'static str,
    pub alg: &'static str,
    #[serde(rename = "use")]
    pub key_use: &'static str,
    pub kid: String,
    pub x: String,
}
