//! Encrypted exports: a passphrase-protected envelope around a document.
//!
//! The key is derived from the passphrase with PBKDF2-SHA-256 over a random
//! 16-byte salt ([`ITERATIONS`] iterations), and the document is sealed with
//! AES-256-GCM under a random 12-byte IV. All of it is done by the
//! browser's WebCrypto; nothing here is hand-rolled. GCM's tag means a
//! wrong passphrase and a changed file are both caught before anything is
//! read.
//!
//! The envelope (reading it is pure Rust, tested natively):
//! `{"format": "waymark-encrypted", "version": 1, "kdf": {"name": "PBKDF2",
//! "hash": "SHA-256", "iterations": 600000, "salt": "<base64>"}, "cipher":
//! {"name": "AES-GCM", "length": 256, "iv": "<base64>"}, "ciphertext":
//! "<base64>"}`.

use base64::Engine;
use serde::{Deserialize, Serialize};

use super::ENCRYPTED_FORMAT;

/// PBKDF2 iterations for new files (OWASP's 2023 figure for SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// The most iterations a file may ask for: more would hang the tablet.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Passphrases shorter than this are refused.
pub const MIN_PASSPHRASE_CHARS: usize = crate::domain::passphrase::MIN_CHARS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    pub name: String,
    pub hash: String,
    pub iterations: u32,
    pub salt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cipher {
    pub name: String,
    pub length: u32,
    pub iv: String,
}

/// The encrypted file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    pub kdf: Kdf,
    pub cipher: Cipher,
    pub ciphertext: String,
}

/// The parts of an envelope, checked and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// Why an encrypted file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// Too weak to protect children's data (a file is never made with it).
    #[error("{0}")]
    WeakPassphrase(crate::domain::passphrase::Weakness),
    #[error("This is not an encrypted Waymark file: {0}")]
    NotEnvelope(String),
    #[error("This encrypted file uses {0}, which this version of Waymark does not read.")]
    Unsupported(String),
    #[error("The passphrase is wrong, or the file was changed after it was saved. Nothing was imported.")]
    WrongPassphraseOrTampered,
    #[error("The browser could not {0}. Nothing was changed.")]
    Browser(String),
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

impl Sealed {
    /// The envelope that holds these parts.
    pub fn to_json(&self) -> String {
        let e = Envelope {
            format: ENCRYPTED_FORMAT.into(),
            version: 1,
            kdf: Kdf {
                name: "PBKDF2".into(),
                hash: "SHA-256".into(),
                iterations: self.iterations,
                salt: b64().encode(&self.salt),
            },
            cipher: Cipher {
                name: "AES-GCM".into(),
                length: 256,
                iv: b64().encode(&self.iv),
            },
            ciphertext: b64().encode(&self.ciphertext),
        };
        crate::exchange::json::write_pretty(&e)
    }

    /// Read and check an envelope: only what this version writes is read.
    pub fn from_json(text: &str) -> Result<Sealed, CryptoError> {
        let e: Envelope = crate::exchange::json::read(text)
            .map_err(|e| CryptoError::NotEnvelope(e.to_string()))?;
        if e.format != ENCRYPTED_FORMAT {
            return Err(CryptoError::NotEnvelope(format!(
                "its format is \"{}\"",
                e.format
            )));
        }
        if e.version != 1 {
            return Err(CryptoError::Unsupported(format!(
                "envelope version {}",
                e.version
            )));
        }
        if e.kdf.name != "PBKDF2" || e.kdf.hash != "SHA-256" {
            return Err(CryptoError::Unsupported(format!(
                "{} with {}",
                e.kdf.name, e.kdf.hash
            )));
        }
        if !(ITERATIONS..=MAX_ITERATIONS).contains(&e.kdf.iterations) {
            return Err(CryptoError::Unsupported(format!(
                "{} PBKDF2 iterations (it reads {ITERATIONS} to {MAX_ITERATIONS})",
                e.kdf.iterations
            )));
        }
        if e.cipher.name != "AES-GCM" || e.cipher.length != 256 {
            return Err(CryptoError::Unsupported(format!(
                "{}-{}",
                e.cipher.name, e.cipher.length
            )));
        }
        let decode = |what: &str, s: &str| {
            b64()
                .decode(s)
                .map_err(|_| CryptoError::NotEnvelope(format!("its {what} is not base64")))
        };
        let sealed = Sealed {
            iterations: e.kdf.iterations,
            salt: decode("salt", &e.kdf.salt)?,
            iv: decode("IV", &e.cipher.iv)?,
            ciphertext: decode("ciphertext", &e.ciphertext)?,
        };
        if sealed.salt.len() != 16 || sealed.iv.len() != 12 || sealed.ciphertext.len() < 16 {
            return Err(CryptoError::NotEnvelope(
                "its salt, IV or ciphertext has the wrong length".into(),
            ));
        }
        Ok(sealed)
    }
}

/// Whether `passphrase` is strong enough to protect children's data: not
/// trivially weak ([`crate::domain::passphrase::check`]).
pub fn check_passphrase(passphrase: &str) -> Result<(), CryptoError> {
    crate::domain::passphrase::check(passphrase).map_err(CryptoError::WeakPassphrase)
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{CryptoError, Sealed, ITERATIONS};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{CryptoKey, SubtleCrypto};

    fn crypto() -> Result<web_sys::Crypto, CryptoError> {
        let global = js_sys::global();
        js_sys::Reflect::get(&global, &"crypto".into())
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok())
            .ok_or_else(|| CryptoError::Browser("find WebCrypto".into()))
    }

    fn subtle() -> Result<SubtleCrypto, CryptoError> {
        Ok(crypto()?.subtle())
    }

    fn random(n: usize) -> Result<Vec<u8>, CryptoError> {
        let mut v = vec![0u8; n];
        crypto()?
            .get_random_values_with_u8_array(&mut v)
            .map_err(|_| CryptoError::Browser("make random numbers".into()))?;
        Ok(v)
    }

    async fn wait(p: Result<js_sys::Promise, JsValue>, what: &str) -> Result<JsValue, CryptoError> {
        let p = p.map_err(|_| CryptoError::Browser(what.into()))?;
        JsFuture::from(p)
            .await
            .map_err(|_| CryptoError::Browser(what.into()))
    }

    async fn key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, CryptoError> {
        let s = subtle()?;
        let raw = js_sys::Uint8Array::from(passphrase.as_bytes());
        let usages = js_sys::Array::of1(&"deriveKey".into());
        let algorithm = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&algorithm, &"name".into(), &"PBKDF2".into());
        let base = wait(
            s.import_key_with_object("raw", &raw, &algorithm, false, &usages),
            "read the passphrase",
        )
        .await?;
        let salt = js_sys::Uint8Array::from(salt);
        let params = web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &salt);
        let aes = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
        let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
        let k = wait(
            s.derive_key_with_object_and_object(
                &params,
                &base.unchecked_into(),
                &aes,
                false,
                &usages,
            ),
            "derive a key from the passphrase",
        )
        .await?;
        Ok(k.unchecked_into())
    }

    /// Seal `plaintext` under `passphrase`.
    pub async fn encrypt(plaintext: &str, passphrase: &str) -> Result<Sealed, CryptoError> {
        super::check_passphrase(passphrase)?;
        let salt = random(16)?;
        let iv = random(12)?;
        let k = key(passphrase, &salt, ITERATIONS).await?;
        let params =
            web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(iv.as_slice()));
        let out = wait(
            subtle()?.encrypt_with_object_and_u8_array(&params, &k, plaintext.as_bytes()),
            "encrypt the file",
        )
        .await?;
        Ok(Sealed {
            iterations: ITERATIONS,
            salt,
            iv,
            ciphertext: js_sys::Uint8Array::new(&out).to_vec(),
        })
    }

    /// Open `sealed` with `passphrase`: the document's text, or why not.
    pub async fn decrypt(sealed: &Sealed, passphrase: &str) -> Result<String, CryptoError> {
        let k = key(passphrase, &sealed.salt, sealed.iterations).await?;
        let params =
            web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(sealed.iv.as_slice()));
        let p = subtle()?
            .decrypt_with_object_and_u8_array(&params, &k, &sealed.ciphertext)
            .map_err(|_| CryptoError::Browser("decrypt the file".into()))?;
        // A failed tag check rejects: a wrong passphrase or a changed file.
        let out = JsFuture::from(p)
            .await
            .map_err(|_| CryptoError::WrongPassphraseOrTampered)?;
        String::from_utf8(js_sys::Uint8Array::new(&out).to_vec())
            .map_err(|_| CryptoError::WrongPassphraseOrTampered)
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::{decrypt, encrypt};

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed() -> Sealed {
        Sealed {
            iterations: ITERATIONS,
            salt: vec![1; 16],
            iv: vec![2; 12],
            ciphertext: vec![3; 40],
        }
    }

    #[test]
    fn envelopes_round_trip_and_are_checked() {
        let s = sealed();
        let json = s.to_json();
        assert!(json.contains("\"iterations\": 600000"));
        assert!(json.contains("\"format\": \"waymark-encrypted\""));
        assert_eq!(Sealed::from_json(&json), Ok(s.clone()));
        assert_eq!(
            crate::exchange::Document::from_json(&json),
            Err(crate::exchange::ImportError::Encrypted)
        );

        let bad = |from: &str, to: &str| Sealed::from_json(&json.replace(from, to)).unwrap_err();
        assert!(
            matches!(bad("600000", "1000"), CryptoError::Unsupported(m) if m.contains("1000 PBKDF2"))
        );
        assert!(matches!(
            bad("600000", "99999999"),
            CryptoError::Unsupported(_)
        ));
        assert!(matches!(
            bad("SHA-256", "SHA-1"),
            CryptoError::Unsupported(_)
        ));
        assert!(matches!(
            bad("AES-GCM", "AES-CBC"),
            CryptoError::Unsupported(_)
        ));
        assert!(matches!(
            bad("\"version\": 1", "\"version\": 2"),
            CryptoError::Unsupported(_)
        ));
        assert!(matches!(
            bad("waymark-encrypted", "zip"),
            CryptoError::NotEnvelope(_)
        ));
        assert!(
            matches!(bad("AQEBAQEBAQEBAQEBAQEBAQ==", "AQEB"), CryptoError::NotEnvelope(m) if m.contains("wrong length"))
        );
        assert!(
            matches!(bad("AQEBAQEBAQEBAQEBAQEBAQ==", "!!!"), CryptoError::NotEnvelope(m) if m.contains("salt is not base64"))
        );
        assert!(matches!(
            Sealed::from_json("{}"),
            Err(CryptoError::NotEnvelope(_))
        ));
        use crate::domain::passphrase::Weakness;
        assert_eq!(
            check_passphrase("short"),
            Err(CryptoError::WeakPassphrase(Weakness::TooShort))
        );
        assert_eq!(
            CryptoError::WeakPassphrase(Weakness::TooShort).to_string(),
            "The passphrase must be at least 10 characters."
        );
        assert_eq!(
            check_passphrase("password123"),
            Err(CryptoError::WeakPassphrase(Weakness::Common))
        );
        assert_eq!(check_passphrase("a long passphrase"), Ok(()));
    }
}
