//! Session tokens: HS256 JWTs with a short lifetime, renewed while the learner is active but
//! never past an absolute lifetime from sign-in (`sat`), so a stolen cookie kept alive by
//! activity still dies. Verification pins the algorithm and checks expiry, issuer and audience;
//! the `ver` claim must equal the user's current token version, so signing out (which raises
//! the version) ends every session of that user.

use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use crate::Error;

const ISSUER: &str = "malaka";
const AUDIENCE: &str = "malaka-web";
const SIGNING_SECRET_NAME: &str = "session-signing-key";
const MIN_SECRET_BYTES: usize = 32;
/// However active the session, sign in again after this long: a working day and then some.
pub const ABSOLUTE_LIFETIME_SECONDS: i64 = 12 * 60 * 60;
/// Reading receipts are a different audience, so neither kind of token passes for the other.
const RECEIPT_AUDIENCE: &str = "malaka-lesson-served";
const RECEIPT_LIFETIME_SECONDS: i64 = 12 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub ver: i32,
    /// When the person signed in; renewals keep it. Tokens from before it existed have none
    /// and count as signed in at the epoch, so they are refused.
    #[serde(default)]
    pub sat: i64,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// When the server served a lesson to a reader, signed, for the "Mark complete" form to bring
/// back: with JavaScript off it is the only server-observed start of a reading session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ReadingReceipt {
    sub: String,
    /// `course/lesson`.
    les: String,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
}

impl Claims {
    pub fn user_id(&self) -> Option<i32> {
        self.sub.parse().ok()
    }
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    receipt_validation: Validation,
    pub lifetime_seconds: i64,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("lifetime_seconds", &self.lifetime_seconds)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8], lifetime_minutes: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let mut receipt_validation = validation.clone();
        receipt_validation.set_audience(&[RECEIPT_AUDIENCE]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            receipt_validation,
            lifetime_seconds: lifetime_minutes * 60,
        }
    }

    /// A new session, signed in at `now`.
    pub fn issue(&self, user_id: i32, token_version: i32, now: DateTime<Utc>) -> String {
        self.sign(user_id.to_string(), token_version, now.timestamp(), now)
    }

    /// A fresh token for the same session, or none once the session's absolute lifetime is
    /// over. It expires no later than that lifetime either.
    pub fn renew(&self, claims: &Claims, now: DateTime<Utc>) -> Option<String> {
        (now.timestamp() < claims.sat + ABSOLUTE_LIFETIME_SECONDS)
            .then(|| self.sign(claims.sub.clone(), claims.ver, claims.sat, now))
    }

    fn sign(&self, sub: String, ver: i32, signed_in_at: i64, now: DateTime<Utc>) -> String {
        let claims = Claims {
            sub,
            ver,
            sat: signed_in_at,
            iat: now.timestamp(),
            exp: (now.timestamp() + self.lifetime_seconds)
                .min(signed_in_at + ABSOLUTE_LIFETIME_SECONDS),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// The token's claims when its signature, algorithm, expiry, issuer and audience are right
    /// and the session is within its absolute lifetime.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
            .filter(|claims| Utc::now().timestamp() < claims.sat + ABSOLUTE_LIFETIME_SECONDS)
    }

    /// A receipt saying the server served `lesson` (as `course/lesson`) to `user_id` at `now`.
    pub fn reading_receipt(&self, user_id: i32, lesson: &str, now: DateTime<Utc>) -> String {
        let receipt = ReadingReceipt {
            sub: user_id.to_string(),
            les: lesson.to_owned(),
            iat: now.timestamp(),
            exp: now.timestamp() + RECEIPT_LIFETIME_SECONDS,
            iss: ISSUER.into(),
            aud: RECEIPT_AUDIENCE.into(),
        };
        encode(&Header::new(Algorithm::HS256), &receipt, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// When the lesson was served, if `receipt` is genuine, unexpired and for this reader and
    /// lesson; anything else counts as no receipt (no reading time credited), not an error.
    pub fn served_at(&self, receipt: &str, user_id: i32, lesson: &str) -> Option<DateTime<Utc>> {
        let data =
            decode::<ReadingReceipt>(receipt, &self.decoding, &self.receipt_validation).ok()?;
        let receipt = data.claims;
        (receipt.sub == user_id.to_string() && receipt.les == lesson)
            .then(|| DateTime::from_timestamp(receipt.iat, 0))
            .flatten()
    }

    /// Tokens are renewed once half their life has passed, so active learners stay signed in.
    pub fn needs_renewal(&self, claims: &Claims, now: DateTime<Utc>) -> bool {
        claims.exp - now.timestamp() < self.lifetime_seconds / 2
    }
}

/// The signing key: `MALAKA_SESSION_SECRET` when set, otherwise a random key generated on first
/// start and kept in the database, so restarts and several server instances share it.
pub async fn load_or_create_signing_secret(
    db: &impl ConnectionTrait,
    from_environment: Option<String>,
) -> Result<Vec<u8>, Error> {
    if let Some(secret) = from_environment {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(Error::internal(
                "reading MALAKA_SESSION_SECRET",
                format!("it must be at least {MIN_SECRET_BYTES} characters"),
            ));
        }
        return Ok(secret.into_bytes());
    }
    crate::secrets::load_or_create(db, SIGNING_SECRET_NAME, 64).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn keys() -> TokenKeys {
        TokenKeys::from_secret(&[7u8; 32], 30)
    }

    #[test]
    fn an_issued_token_verifies_with_its_claims() {
        let token = keys().issue(42, 3, Utc::now());
        let claims = keys().verify(&token).expect("valid");
        assert_eq!((claims.user_id(), claims.ver), (Some(42), 3));
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let forged = TokenKeys::from_secret(&[8u8; 32], 30).issue(42, 0, Utc::now());
        assert!(keys().verify(&forged).is_none());
    }

    #[test]
    fn an_expired_token_is_refused() {
        let token = keys().issue(42, 0, Utc::now() - Duration::minutes(31));
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn a_token_with_the_none_algorithm_is_refused() {
        use base64::engine::{general_purpose::URL_SAFE_NO_PAD, Engine};
        let encode_segment = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
        let header = encode_segment(br#"{"alg":"none","typ":"JWT"}"#);
        let exp = Utc::now().timestamp() + 600;
        let payload = encode_segment(
            format!(
                r#"{{"sub":"1","ver":0,"iat":0,"exp":{exp},"iss":"malaka","aud":"malaka-web"}}"#
            )
            .as_bytes(),
        );
        assert!(keys().verify(&format!("{header}.{payload}.")).is_none());
    }

    #[test]
    fn a_token_for_another_audience_is_refused() {
        let claims = Claims {
            sub: "1".into(),
            ver: 0,
            sat: Utc::now().timestamp(),
            iat: 0,
            exp: Utc::now().timestamp() + 600,
            iss: ISSUER.into(),
            aud: "other-app".into(),
        };
        let token = encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(&[7u8; 32]),
        )
        .unwrap();
        assert!(keys().verify(&token).is_none());
    }

    #[test]
    fn renewals_keep_the_sign_in_time_and_stop_at_the_absolute_lifetime() {
        let keys = keys();
        let now = Utc::now();
        let signed_in = now - Duration::hours(11) - Duration::minutes(50);
        let claims = keys.verify(&keys.issue(7, 1, now)).unwrap();
        let mut old = claims.clone();
        old.sat = signed_in.timestamp();
        let renewed = keys.verify(&keys.renew(&old, now).unwrap()).unwrap();
        assert_eq!(renewed.sat, old.sat, "a renewal is the same session");
        assert!(
            renewed.exp <= old.sat + ABSOLUTE_LIFETIME_SECONDS,
            "and ends with it"
        );
        old.sat = (now - Duration::hours(12)).timestamp();
        assert_eq!(keys.renew(&old, now), None);
        let kept_alive = keys.sign(old.sub.clone(), 1, old.sat, now - Duration::minutes(5));
        assert_eq!(
            keys.verify(&kept_alive),
            None,
            "past twelve hours it is refused"
        );
    }

    #[test]
    fn a_reading_receipt_is_bound_to_its_reader_and_lesson_and_is_no_session() {
        let keys = keys();
        let now = Utc::now();
        let receipt = keys.reading_receipt(7, "course/lesson", now);
        assert_eq!(
            keys.served_at(&receipt, 7, "course/lesson")
                .map(|t| t.timestamp()),
            Some(now.timestamp())
        );
        assert_eq!(keys.served_at(&receipt, 8, "course/lesson"), None);
        assert_eq!(keys.served_at(&receipt, 7, "course/other"), None);
        assert_eq!(keys.verify(&receipt), None, "a receipt is not a session");
        let session = keys.issue(7, 1, now);
        assert_eq!(keys.served_at(&session, 7, "course/lesson"), None);
    }

    #[test]
    fn a_tampered_payload_is_refused() {
        let token = keys().issue(42, 0, Utc::now());
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let claims = Claims {
            sub: "1".into(),
            ver: 0,
            sat: Utc::now().timestamp(),
            iat: 0,
            exp: Utc::now().timestamp() + 600,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
        };
        let other = encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(&[9u8; 32]),
        )
        .unwrap();
        parts[1] = other.split('.').nth(1).unwrap().to_owned();
        assert!(keys().verify(&parts.join(".")).is_none());
    }
}
