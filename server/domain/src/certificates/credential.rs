//! The certificate as a verifiable credential: an Open Badges 3.0 `OpenBadgeCredential` (a W3C
//! Verifiable Credential) in a JWT signed with EdDSA by the certificate key, which third parties
//! fetch from `/.well-known/jwks.json`.

use chrono::{DateTime, SecondsFormat, Utc};
use jsonwebtoken::{Algorithm, Header};
use serde_json::{json, Value};

pub use super::claims::CredentialClaims;
use super::keys::CertificateKeys;
use crate::entities::certificate;

pub const JWKS_PATH: &str = "/.well-known/jwks.json";

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The signed JWT for `record`; `site_url` is the server's public address (no trailing slash).
pub fn issue_jwt(keys: &CertificateKeys, record: &certificate::Model, site_url: &str) -> String {
    let verify_url = super::pdf::verify_url(site_url, &record.code);
    let mut vc = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": site_url,
            "type": ["Profile"],
            "name": "Malaka"
        },
        "name": record.course_title,
        "validFrom": timestamp(record.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": record.learner_name,
            "achievement": {
                "id": format!("{site_url}/courses/{}", record.course_slug),
                "type": ["Achievement"],
                "name": record.course_title,
                "version": record.course_version.to_string(),
                "criteria": {
                    "narrative": "Completed every lesson of the course and passed its final quiz."
                }
            },
            "result": record.score_percent.map(|score| json!([{
                "type": ["Result"],
                "value": format!("{score}%")
            }])).unwrap_or(Value::Null)
        }
    });
    vc["credentialStatus"] = super::status_list::entry(record.id, site_url);
    if let Some(expires) = record.expires_at {
        vc["validUntil"] = Value::String(timestamp(expires));
    }
    if record.score_percent.is_none() {
        if let Some(subject) = vc["credentialSubject"].as_object_mut() {
            subject.remove("result");
        }
    }
    let claims = CredentialClaims {
        iss: site_url.to_owned(),
        jti: verify_url.clone(),
        sub: format!("urn:malaka:certificate:{}", record.public_id),
        nbf: record.issued_at.timestamp(),
        iat: record.issued_at.timestamp(),
        exp: record.expires_at.map(|at| at.timestamp()),
        vc,
    };
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(keys.key_id.clone());
    header.typ = Some("JWT".into());
    jsonwebtoken::encode(&header, &claims, &keys.jwt_encoding_key())
        .expect("EdDSA signing with a valid key cannot fail")
}
