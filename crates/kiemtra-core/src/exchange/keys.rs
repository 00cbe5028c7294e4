//! Device identity: each laptop holds one Ed25519 key pair and signs every bundle it writes.
//! The secret stays on the laptop (the caller stores [`DeviceKey::secret_bytes`]); the public
//! half travels in each bundle's manifest, and people confirm it by reading the short
//! [`PublicKey::fingerprint`] to each other.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The length of an Ed25519 secret key and of a public key, in bytes.
pub const KEY_LEN: usize = 32;
/// The length of an Ed25519 signature, in bytes.
pub const SIGNATURE_LEN: usize = 64;

/// This laptop's signing key. Its `Debug` shows only the public fingerprint, never the secret.
#[derive(Clone)]
pub struct DeviceKey {
    signing: SigningKey,
}

impl DeviceKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Self {
        DeviceKey {
            signing: SigningKey::generate(&mut rand_core::OsRng),
        }
    }

    /// The key whose secret is `bytes` (as returned by [`DeviceKey::secret_bytes`]); anything
    /// but 32 bytes is refused.
    pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self> {
        let secret: [u8; KEY_LEN] = bytes.try_into().map_err(|_| Error::KeyInvalid {
            reason: format!(
                "khóa bí mật phải dài {KEY_LEN} byte, nhận được {} byte",
                bytes.len()
            ),
        })?;
        Ok(DeviceKey {
            signing: SigningKey::from_bytes(&secret),
        })
    }

    /// The secret, for the caller to store (and nothing else).
    pub fn secret_bytes(&self) -> [u8; KEY_LEN] {
        self.signing.to_bytes()
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.signing.verifying_key().to_bytes())
    }

    /// The Ed25519 signature of `msg`.
    pub fn sign(&self, msg: &[u8]) -> [u8; SIGNATURE_LEN] {
        self.signing.sign(msg).to_bytes()
    }
}

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceKey")
            .field("public", &self.public().fingerprint())
            .finish_non_exhaustive()
    }
}

/// A device's public key: 32 bytes that decode to a point of the curve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PublicKey([u8; KEY_LEN]);

impl PublicKey {
    /// Refuses anything but 32 bytes that decode to a point of the curve.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let raw: [u8; KEY_LEN] = bytes.try_into().map_err(|_| Error::KeyInvalid {
            reason: format!(
                "khóa công khai phải dài {KEY_LEN} byte, nhận được {} byte",
                bytes.len()
            ),
        })?;
        VerifyingKey::from_bytes(&raw).map_err(|_| Error::KeyInvalid {
            reason: "khóa công khai không phải một điểm hợp lệ của đường cong Ed25519".into(),
        })?;
        Ok(PublicKey(raw))
    }

    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// The 32 bytes as 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// The inverse of [`PublicKey::to_hex`] (upper case digits are read too).
    pub fn from_hex(s: &str) -> Result<Self> {
        let bytes = unhex(s).ok_or_else(|| Error::KeyInvalid {
            reason: format!(
                "khóa công khai phải là {} chữ số thập lục phân",
                KEY_LEN * 2
            ),
        })?;
        PublicKey::from_bytes(&bytes)
    }

    /// Checks that `sig` is this key's signature of `msg` (strict Ed25519: no malleable
    /// signatures, no weak keys); [`Error::SignatureInvalid`] otherwise.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<()> {
        let key = VerifyingKey::from_bytes(&self.0).map_err(|_| Error::SignatureInvalid)?;
        let sig = Signature::from_slice(sig).map_err(|_| Error::SignatureInvalid)?;
        key.verify_strict(msg, &sig)
            .map_err(|_| Error::SignatureInvalid)
    }

    /// What two people compare, read aloud over the phone, before one laptop trusts another:
    /// the first 16 bytes of the SHA-256 of the public key, in lowercase hex, in 8 groups of 4
    /// digits joined by '-' (`3f2a-91bc-…`). Stable for a key; different keys differ.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.0);
        let digits = hex(&digest[..16]);
        digits
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// The id a device is known by in the change log and in bundles: `"dev-"` followed by the first
/// 12 lowercase hex digits of the SHA-256 of its public key (`dev-3f2a91bc07de`). Derived, so a
/// bundle whose id does not match its key is refused.
pub fn device_id(public: &PublicKey) -> String {
    let digest = Sha256::digest(public.0);
    let mut id = hex(&digest[..6]);
    id.insert_str(0, "dev-");
    id
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// The bytes of an even-length hex string, or `None`.
fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    s.as_bytes()
        .chunks(2)
        .map(|pair| {
            let hi = char::from(pair[0]).to_digit(16)?;
            let lo = char::from(pair[1]).to_digit(16)?;
            u8::try_from(hi * 16 + lo).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXED_SECRET: [u8; 32] = [
        0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c,
        0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae,
        0x7f, 0x60,
    ];

    fn fixed() -> Result<DeviceKey> {
        DeviceKey::from_secret_bytes(&FIXED_SECRET)
    }

    #[test]
    fn a_signature_verifies_with_the_signers_public_key() -> Result<()> {
        let key = DeviceKey::generate();
        let sig = key.sign(b"manifest");
        key.public().verify(b"manifest", &sig)
    }

    #[test]
    fn the_fixed_secret_gives_the_published_rfc8032_public_key() -> Result<()> {
        // RFC 8032, section 7.1, test 1.
        assert_eq!(
            fixed()?.public().to_hex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        Ok(())
    }

    #[test]
    fn one_flipped_bit_in_the_message_or_the_signature_fails() -> Result<()> {
        let key = fixed()?;
        let msg = b"changes of dev-1 up to 42".to_vec();
        let sig = key.sign(&msg);
        for i in 0..msg.len() * 8 {
            let mut m = msg.clone();
            m[i / 8] ^= 1 << (i % 8);
            let err = key.public().verify(&m, &sig).err();
            assert!(
                matches!(err, Some(Error::SignatureInvalid)),
                "message bit {i}"
            );
        }
        for i in 0..SIGNATURE_LEN * 8 {
            let mut s = sig;
            s[i / 8] ^= 1 << (i % 8);
            let err = key.public().verify(&msg, &s).err();
            assert!(
                matches!(err, Some(Error::SignatureInvalid)),
                "signature bit {i}"
            );
        }
        Ok(())
    }

    #[test]
    fn a_signature_of_the_wrong_length_or_by_another_key_fails() -> Result<()> {
        let key = fixed()?;
        let sig = key.sign(b"m");
        assert!(key.public().verify(b"m", &sig[..63]).is_err());
        assert!(DeviceKey::generate().public().verify(b"m", &sig).is_err());
        Ok(())
    }

    #[test]
    fn the_fingerprint_is_stable_for_a_key_and_shaped_for_reading_aloud() -> Result<()> {
        let fp = fixed()?.public().fingerprint();
        assert_eq!(fp, fixed()?.public().fingerprint());
        let groups: Vec<&str> = fp.split('-').collect();
        assert_eq!(groups.len(), 8, "{fp}");
        assert!(groups.iter().all(|g| g.len() == 4
            && g.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())));
        // The SHA-256 of the RFC 8032 test 1 public key, first 16 bytes.
        let digest = Sha256::digest(fixed()?.public().as_bytes());
        assert_eq!(fp.replace('-', ""), hex(&digest[..16]));
        assert_ne!(fp, DeviceKey::generate().public().fingerprint());
        Ok(())
    }

    #[test]
    fn the_device_id_is_dev_and_twelve_hex_digits_of_the_key_hash() -> Result<()> {
        let public = fixed()?.public();
        let id = device_id(&public);
        let digest = hex(&Sha256::digest(public.as_bytes()));
        assert_eq!(id, format!("dev-{}", &digest[..12]));
        assert_ne!(id, device_id(&DeviceKey::generate().public()));
        Ok(())
    }

    #[test]
    fn a_secret_kept_and_read_back_is_the_same_key() -> Result<()> {
        let key = DeviceKey::generate();
        let again = DeviceKey::from_secret_bytes(&key.secret_bytes())?;
        assert_eq!(again.public(), key.public());
        Ok(())
    }

    #[test]
    fn a_secret_or_public_key_of_the_wrong_length_is_refused() {
        for len in [0, 31, 33, 64] {
            let e = DeviceKey::from_secret_bytes(&vec![7u8; len]).err();
            assert!(matches!(e, Some(Error::KeyInvalid { .. })), "secret {len}");
            let e = PublicKey::from_bytes(&vec![7u8; len]).err();
            assert!(matches!(e, Some(Error::KeyInvalid { .. })), "public {len}");
        }
        assert!(PublicKey::from_hex("zz").is_err());
        assert!(PublicKey::from_hex("abc").is_err());
    }

    #[test]
    fn the_public_key_round_trips_through_hex() -> Result<()> {
        let public = DeviceKey::generate().public();
        assert_eq!(PublicKey::from_hex(&public.to_hex())?, public);
        assert_eq!(PublicKey::from_bytes(public.as_bytes())?, public);
        Ok(())
    }

    #[test]
    fn the_debug_text_of_a_key_never_shows_the_secret() -> Result<()> {
        let key = fixed()?;
        let shown = format!("{key:?}");
        assert!(!shown.contains(&hex(&FIXED_SECRET)), "{shown}");
        assert!(!shown.contains("157, 97, 177"), "{shown}");
        assert!(shown.contains(&key.public().fingerprint()), "{shown}");
        Ok(())
    }
}
