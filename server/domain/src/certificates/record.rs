//! What a certificate says, in the exact bytes that are signed, and its short code.

use chrono::{DateTime, SecondsFormat, Utc};
use rand::Rng;
use serde::Serialize;

use super::keys::CertificateKeys;
use crate::entities::certificate;

/// Crockford's base 32: no I, L, O or U, so a code read aloud or from paper is not misread.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH: usize = 10;

/// The signed fields, in a fixed order: the signature covers this JSON, byte for byte.
#[derive(Debug, Serialize)]
struct SignedFields<'a> {
    v: u8,
    id: &'a str,
    code: &'a str,
    name: &'a str,
    course: &'a str,
    title: &'a str,
    version: i32,
    score: Option<i16>,
    issued: String,
    expires: Option<String>,
}

pub fn signed_bytes(record: &certificate::Model) -> Vec<u8> {
    let fields = SignedFields {
        v: 1,
        id: &record.public_id,
        code: &record.code,
        name: &record.learner_name,
        course: &record.course_slug,
        title: &record.course_title,
        version: record.course_version,
        score: record.score_percent,
        issued: timestamp(record.issued_at),
        expires: record.expires_at.map(timestamp),
    };
    serde_json::to_vec(&fields).expect("plain fields always serialise")
}

pub fn sign(keys: &CertificateKeys, record: &certificate::Model) -> String {
    keys.sign(&signed_bytes(record))
}

/// Whether the record's fields are exactly those the server signed, with the key it names.
pub fn is_genuine(keys: &CertificateKeys, record: &certificate::Model) -> bool {
    keys.verify(
        record.signing_key_id.as_deref(),
        &signed_bytes(record),
        &record.signature,
    )
}

/// Whole seconds, so that the value reads back the same from SQLite and PostgreSQL.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A new random code, shown as `XXXXX-XXXXX` (50 bits: guessing one is hopeless at the rate
/// the verification page allows).
pub fn new_code() -> String {
    let mut rng = rand::rng();
    let raw: String = (0..CODE_LENGTH)
        .map(|_| CODE_ALPHABET[rng.random_range(0..32)] as char)
        .collect();
    format!("{}-{}", &raw[..5], &raw[5..])
}

/// An unguessable identifier for download links and credentials.
pub fn new_public_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    hex::encode(bytes)
}

/// The code as a person may type it: any case, with or without the dash or spaces, with O for
/// zero and I or L for one. `None` when it cannot be a code.
pub fn normalise_code(input: &str) -> Option<String> {
    let mut raw = String::with_capacity(CODE_LENGTH);
    for c in input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}'))
    {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) {
            return None;
        }
        raw.push(c);
    }
    (raw.len() == CODE_LENGTH).then(|| format!("{}-{}", &raw[..5], &raw[5..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(keys: &CertificateKeys) -> certificate::Model {
        let mut record = certificate::Model {
            id: 1,
            public_id: new_public_id(),
            code: new_code(),
            user_id: 7,
            course_id: 2,
            sequence: 1,
            learner_name: "Дилноза Рахимова".into(),
            course_slug: "cybersecurity".into(),
            course_title: "Кибербезопасность".into(),
            course_version: 3,
            language: "ru".into(),
            score_percent: Some(85),
            issued_at: DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
                .unwrap()
                .to_utc(),
            expires_at: None,
            signature: String::new(),
            replaces_id: None,
            revoked_at: None,
            revoked_by: None,
            revoked_reason: None,
            reminded_30_at: None,
            reminded_7_at: None,
            lapsed_at: None,
            bar_lifted_at: None,
            bar_lifted_by: None,
            signing_key_id: Some(keys.key_id.clone()),
        };
        record.signature = sign(keys, &record);
        record
    }

    #[test]
    fn a_signed_record_verifies_and_any_change_breaks_it() {
        let keys = CertificateKeys::from_seed([7; 32]);
        let genuine = record(&keys);
        assert!(is_genuine(&keys, &genuine));

        let mut renamed = genuine.clone();
        renamed.learner_name = "Дилноза Рахимовa".into(); // Latin a at the end
        assert!(!is_genuine(&keys, &renamed));
        let mut rescored = genuine.clone();
        rescored.score_percent = Some(95);
        assert!(!is_genuine(&keys, &rescored));
        let mut extended = genuine.clone();
        extended.expires_at = Some(genuine.issued_at + chrono::Duration::days(365));
        assert!(!is_genuine(&keys, &extended));

        let other_server = CertificateKeys::from_seed([8; 32]);
        assert!(!is_genuine(&other_server, &genuine));
        let mut garbage = genuine;
        garbage.signature = "not base64!".into();
        assert!(!is_genuine(&keys, &garbage));
    }

    /// After a rotation the new key signs, a certificate signed by the retired key still
    /// verifies with it, and a record cannot borrow another key of the ring by naming it.
    #[test]
    fn certificates_signed_before_a_rotation_still_verify() {
        let ring = crate::keys::KeyRing::generate();
        let before = CertificateKeys::from_ring(&ring).unwrap();
        let old = record(&before);
        let after = CertificateKeys::from_ring(&ring.rotated()).unwrap();
        assert_ne!(after.key_id, before.key_id);
        assert!(is_genuine(&after, &old));
        let new = record(&after);
        assert!(is_genuine(&after, &new));
        assert!(
            !is_genuine(&before, &new),
            "the old ring does not know the new key"
        );
        let mut misnamed = old.clone();
        misnamed.signing_key_id = Some(after.key_id.clone());
        assert!(!is_genuine(&after, &misnamed));
        let mut unnamed = old;
        unnamed.signing_key_id = None;
        assert!(is_genuine(&after, &unnamed), "records from before key ids");
        assert_eq!(
            after.jwks().keys.len(),
            2,
            "the retired key is published too"
        );
    }

    #[test]
    fn codes_are_typed_forgivingly() {
        let code = new_code();
        assert_eq!(code.len(), 11);
        assert_eq!(normalise_code(&code).as_deref(), Some(code.as_str()));
        assert_eq!(
            normalise_code(&code.to_lowercase().replace('-', " ")),
            Some(code.clone())
        );
        assert_eq!(
            normalise_code("ab1o0-lizzz").as_deref(),
            Some("AB100-11ZZZ")
        );
        assert_eq!(normalise_code("ABCDE-FGHJ"), None, "too short");
        assert_eq!(
            normalise_code("ABCDE-FGHJU"),
            None,
            "U is not in the alphabet"
        );
        assert_eq!(normalise_code("ABCDE-FGHJЖ"), None);
        assert_eq!(normalise_code("../../etc"), None);
    }
}
