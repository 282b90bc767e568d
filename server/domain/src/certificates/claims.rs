//! The claims of a verifiable credential signed as a JWT (VC-JWT): the certificate's Open Badges
//! credential and the revocation list that it points to are both signed in this shape.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Serialize, Deserialize)]
pub struct CredentialClaims {
    pub iss: String,
    pub jti: String,
    pub sub: String,
    pub nbf: i64,
    pub iat: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    pub vc: Value,
}
