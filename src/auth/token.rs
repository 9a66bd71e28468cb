//! Personal API tokens: random, shown once, stored as SHA-256.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Every token starts with this, so that secret scanners can find leaked ones.
pub const TOKEN_PREFIX: &str = "sdp_";

/// Characters of a token kept in clear to tell tokens apart.
pub const VISIBLE_PREFIX_CHARS: usize = 8;

/// A new token: `sdp_` and 64 hex digits (256 random bits).
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{TOKEN_PREFIX}{}", hex::encode(bytes))
}

/// What the database keeps: tokens are high-entropy, so a plain SHA-256 is enough.
pub fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn visible_prefix(token: &str) -> String {
    token
        .chars()
        .take(TOKEN_PREFIX.len() + VISIBLE_PREFIX_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_digests_fixed_length() {
        let a = generate();
        assert!(a.starts_with("sdp_") && a.len() == 68);
        assert_ne!(a, generate());
        assert_eq!(digest(&a).len(), 32);
        assert_eq!(visible_prefix(&a).len(), 12);
    }
}
