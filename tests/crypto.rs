//! Encrypted exports in the browser's own WebCrypto (run in Chromium,
//! Firefox and WebKit): a round trip, a wrong passphrase and a changed file.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use waymark::domain::passphrase::Weakness;
use waymark::exchange::encryption::{decrypt, encrypt, CryptoError, Sealed, ITERATIONS};

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = r#"{"format":"waymark","note":"Zoë's plan: £6,000 <b>bold</b>"}"#;

#[wasm_bindgen_test]
async fn a_document_round_trips_under_its_passphrase() {
    let sealed = encrypt(TEXT, "correct horse battery").await.unwrap();
    assert_eq!(sealed.iterations, ITERATIONS);
    assert_eq!((sealed.salt.len(), sealed.iv.len()), (16, 12));
    // The ciphertext is the text plus GCM's 16-byte tag, and hides it.
    assert_eq!(sealed.ciphertext.len(), TEXT.len() + 16);
    let json = sealed.to_json();
    assert!(!json.contains("Zoë") && !json.contains("6,000"));
    let back = Sealed::from_json(&json).unwrap();
    assert_eq!(decrypt(&back, "correct horse battery").await.unwrap(), TEXT);
    // Salt and IV are fresh each time.
    let again = encrypt(TEXT, "correct horse battery").await.unwrap();
    assert_ne!(again.salt, sealed.salt);
    assert_ne!(again.iv, sealed.iv);
    assert_ne!(again.ciphertext, sealed.ciphertext);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_a_changed_file_is_refused() {
    let sealed = encrypt(TEXT, "correct horse battery").await.unwrap();
    assert_eq!(
        decrypt(&sealed, "correct horse batterz").await,
        Err(CryptoError::WrongPassphraseOrTampered)
    );
    let mut changed = sealed.clone();
    changed.ciphertext[3] ^= 1;
    assert_eq!(
        decrypt(&changed, "correct horse battery").await,
        Err(CryptoError::WrongPassphraseOrTampered)
    );
    let mut moved = sealed.clone();
    moved.iv[0] ^= 1;
    assert_eq!(
        decrypt(&moved, "correct horse battery").await,
        Err(CryptoError::WrongPassphraseOrTampered)
    );
    assert_eq!(
        encrypt(TEXT, "short").await,
        Err(CryptoError::WeakPassphrase(Weakness::TooShort))
    );
}
