//! Session tokens: HS256 JWTs with a short lifetime, renewed while the learner is active but
//! never past an absolute lifetime from sign-in (`sat`), so a stolen cookie kept alive by
//! activity still dies. Verification pins the algorithm and checks expiry, issuer and audience;
//! the `ver` claim must equal the user's current token version, so signing out (which raises
//! the version) ends every session of that user. Each token names its key in the header's
//! `kid`; a token naming no key of the ring, or none at all, is refused.

use chrono::{DateTime, Utc};
use jsonwebtoken::{
    decode, decode_header, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation,
};
use serde::{Deserialize, Serialize};

use crate::keys::KeyRing;

const ISSUER: &str = "malaka";
const AUDIENCE: &str = "malaka-web";
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
    signing_key_id: String,
    encoding: EncodingKey,
    /// Every session key of the ring by id, the signing one included.
    decoding: Vec<(String, DecodingKey)>,
    validation: Validation,
    receipt_validation: Validation,
    pub lifetime_seconds: i64,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("signing_key_id", &self.signing_key_id)
            .field("lifetime_seconds", &self.lifetime_seconds)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    pub fn from_ring(ring: &KeyRing, lifetime_minutes: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let mut receipt_validation = validation.clone();
        receipt_validation.set_audience(&[RECEIPT_AUDIENCE]);
        let signing = &ring.session[0];
        Self {
            signing_key_id: signing.id.clone(),
            encoding: EncodingKey::from_secret(&signing.secret),
            decoding: ring
                .session
                .iter()
                .map(|key| (key.id.clone(), DecodingKey::from_secret(&key.secret)))
                .collect(),
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
        encode(&self.header(), &claims, &self.encoding).expect("HS256 signing cannot fail")
    }

    fn header(&self) -> Header {
        Header {
            kid: Some(self.signing_key_id.clone()),
            ..Header::new(Algorithm::HS256)
        }
    }

    /// The key the token's header names, if the ring has it.
    fn key_for(&self, token: &str) -> Option<&DecodingKey> {
        let kid = decode_header(token).ok()?.kid?;
        self.decoding
            .iter()
            .find_map(|(id, key)| (*id == kid).then_some(key))
    }

    /// The token's claims when its signature, algorithm, expiry, issuer and audience are right
    /// and the session is within its absolute lifetime.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, self.key_for(token)?, &self.validation)
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
        encode(&self.header(), &receipt, &self.encoding).expect("HS256 signing cannot fail")
    }

    /// When the lesson was served, if `receipt` is genuine, unexpired and for this reader and
    /// lesson; anything else counts as no receipt (no reading time credited), not an error.
    pub fn served_at(&self, receipt: &str, user_id: i32, lesson: &str) -> Option<DateTime<Utc>> {
        let data =
            decode::<ReadingReceipt>(receipt, self.key_for(receipt)?, &self.receipt_validation)
                .ok()?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn ring(secret: u8) -> KeyRing {
        KeyRing {
            session: vec![crate::keys::SessionKey {
                id: format!("key-{secret}"),
                secret: vec![secret; 32],
            }],
            ..KeyRing::generate()
        }
    }

    fn keys() -> TokenKeys {
        TokenKeys::from_ring(&ring(7), 30)
    }

    /// What a forger who knows the secret but not the key id, or the id but not the secret,
    /// would send: a header without `kid`, or naming the ring's key over another secret.
    fn signed(claims: &Claims, kid: Option<&str>, secret: u8) -> String {
        let header = Header {
            kid: kid.map(str::to_owned),
            ..Header::new(Algorithm::HS256)
        };
        encode(&header, claims, &EncodingKey::from_secret(&[secret; 32])).unwrap()
    }

    #[test]
    fn an_issued_token_verifies_with_its_claims() {
        let token = keys().issue(42, 3, Utc::now());
        let claims = keys().verify(&token).expect("valid");
        assert_eq!((claims.user_id(), claims.ver), (Some(42), 3));
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let forged = TokenKeys::from_ring(&ring(8), 30).issue(42, 0, Utc::now());
        assert!(keys().verify(&forged).is_none());
    }

    #[test]
    fn a_token_must_name_a_key_of_the_ring_and_be_signed_by_it() {
        let claims = keys().verify(&keys().issue(42, 0, Utc::now())).unwrap();
        assert!(keys().verify(&signed(&claims, Some("key-7"), 7)).is_some());
        assert!(keys().verify(&signed(&claims, None, 7)).is_none());
        assert!(keys().verify(&signed(&claims, Some("key-8"), 7)).is_none());
        assert!(keys().verify(&signed(&claims, Some("key-7"), 8)).is_none());
    }

    #[test]
    fn sessions_signed_before_a_rotation_stay_valid_until_the_next_one() {
        let first = KeyRing::generate();
        let second = first.rotated();
        let third = second.rotated();
        let before = TokenKeys::from_ring(&first, 30).issue(42, 0, Utc::now());
        let after_one = TokenKeys::from_ring(&second, 30);
        assert!(after_one.verify(&before).is_some());
        let renewed = after_one.issue(42, 0, Utc::now());
        assert!(TokenKeys::from_ring(&first, 30).verify(&renewed).is_none());
        assert!(TokenKeys::from_ring(&third, 30).verify(&before).is_none());
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
        assert!(keys().verify(&signed(&claims, Some("key-7"), 7)).is_none());
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
        let other = signed(&claims, Some("key-7"), 9);
        parts[1] = other.split('.').nth(1).unwrap().to_owned();
        assert!(keys().verify(&parts.join(".")).is_none());
    }
}
