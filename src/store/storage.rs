//! The browser's storage manager: persistence and the usage estimate.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    let nav = web_sys::window()?.navigator();
    // Older WebKit has no `navigator.storage`.
    js_sys::Reflect::has(&nav, &JsValue::from_str("storage"))
        .ok()
        .filter(|has| *has)
        .map(|_| nav.storage())
}

async fn bool_of(p: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(p.ok()?).await.ok()?.as_bool()
}

/// Ask the browser to keep this site's data; `Some(true)` if granted.
pub async fn persist() -> Option<bool> {
    bool_of(manager()?.persist()).await
}

/// Whether the browser has granted persistent storage.
pub async fn persisted() -> Option<bool> {
    bool_of(manager()?.persisted()).await
}

/// Bytes used and bytes available to this site, as the browser estimates them.
pub async fn estimate() -> Option<(f64, f64)> {
    let e: web_sys::StorageEstimate = JsFuture::from(manager()?.estimate().ok()?)
        .await
        .ok()?
        .into();
    Some((e.get_usage()?, e.get_quota()?))
}
