//! The server's Ed25519 key for certificates: it signs each certificate record and each
//! verifiable credential, and its public half is published at `/.well-known/jwks.json`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Db;
use crate::Error;

const SECRET_NAME: &str = "certificate-signing-key";

pub struct CertificateKeys {
    signing: SigningKey,
    /// Names the key in credentials' headers, so that a future key can be published beside it.
    pub key_id: String,
}

impl std::fmt::Debug for CertificateKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateKeys")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl CertificateKeys {
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let digest = Sha256::digest(signing.verifying_key().as_bytes());
        Self {
            signing,
            key_id: hex::encode(&digest[..8]),
        }
    }

    /// The key stored in the database, created on first use (cached in `Db` afterwards).
    pub async fn load(db: &Db) -> Result<std::sync::Arc<Self>, Error> {
        db.certificate_keys
            .get_or_try_init(|| async {
                let bytes = crate::secrets::load_or_create(&db.write, SECRET_NAME, 32).await?;
                let seed: [u8; 32] = bytes.try_into().map_err(|bytes: Vec<u8>| {
                    Error::internal(
                        "reading the certificate signing key",
                        format!("the stored seed has {} bytes, not 32", bytes.len()),
                    )
                })?;
                Ok(std::sync::Arc::new(Self::from_seed(seed)))
            })
            .await
            .cloned()
    }

    pub fn sign(&self, message: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(self.signing.sign(message).to_bytes())
    }

    /// Whether `signature` (as `sign` wrote it) is this key's signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &str) -> bool {
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(signature) else {
            return false;
        };
        let Ok(signature) = Signature::from_slice(&bytes) else {
            return false;
        };
        self.verifying_key().verify(message, &signature).is_ok()
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
    pub fn jwks(&self) -> JsonWebKeySet {
        JsonWebKeySet {
            keys: vec![JsonWebKey {
                kty: "OKP",
                crv: "Ed25519",
                alg: "EdDSA",
                key_use: "sig",
                kid: self.key_id.clone(),
                x: URL_SAFE_NO_PAD.encode(self.verifying_key().as_bytes()),
            }],
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
