//! What the app reads of the browser: which engine it is (WebKit deletes
//! unused sites' data, unless the app is installed), how to install the
//! app there, asking to keep the storage, and freeing a download's object
//! URL. The rules are in `domain::browser`, `domain::backup` and
//! `domain::persistence`; this reads the browser and acts.

use std::cell::{Cell, OnceCell};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::state::{AppCtx, AppStateStoreFields};
use crate::domain::browser::{Browser, Engine};

thread_local! {
    static BROWSER: OnceCell<Browser> = const { OnceCell::new() };
    static ASKING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the app runs installed: `display-mode: standalone` (a Home
/// Screen or Dock web app, or an installed PWA), or iOS's own
/// `navigator.standalone`.
fn installed(window: &web_sys::Window) -> bool {
    let standalone_mode = js_sys::Reflect::get(window, &"matchMedia".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(window, &"(display-mode: standalone)".into()).ok())
        .and_then(|q| js_sys::Reflect::get(&q, &"matches".into()).ok())
        .and_then(|m| m.as_bool())
        .unwrap_or(false);
    let ios_standalone = js_sys::Reflect::get(&window.navigator(), &"standalone".into())
        .ok()
        .and_then(|s| s.as_bool())
        .unwrap_or(false);
    standalone_mode || ios_standalone
}

/// The browser the app runs in (read once).
pub fn current() -> Browser {
    BROWSER.with(|b| {
        *b.get_or_init(|| {
            let Some(window) = web_sys::window() else {
                return Browser::default();
            };
            let nav = window.navigator();
            let ua = nav.user_agent().unwrap_or_default();
            let touch = u32::try_from(nav.max_touch_points()).unwrap_or(0);
            Browser::from_user_agent(&ua, touch, installed(&window))
        })
    })
}

/// Why and how to install the app, where Safari may delete its data;
/// nothing elsewhere.
#[component]
pub fn InstallAdvice(id: &'static str) -> impl IntoView {
    current().install_advice().map(|a| {
        view! {
            <div class="install-advice" id=id>
                <p>{a.why}</p>
                <p>{a.how}</p>
            </div>
        }
    })
}

/// After an edit is saved: ask the browser to keep this site's storage if
/// `domain::persistence` says to (the first real edit; after a refusal, a
/// real edit a day or more later). One request at a time in this tab.
pub async fn ask_for_persistence(ctx: AppCtx) {
    let real_edit = ctx.state.data().with_untracked(|d| !d.pupils.is_empty());
    let Some(meta) = ctx.meta.get_untracked() else {
        return;
    };
    let now = jiff::Timestamp::now();
    // Settled without asking the browser: no real edit, or asked lately.
    if !crate::domain::persistence::should_ask(None, meta.persistence_asked(), real_edit, now)
        || ASKING.with(|a| a.replace(true))
    {
        return;
    }
    let granted = crate::store::storage::persisted().await;
    if crate::domain::persistence::should_ask(granted, meta.persistence_asked(), real_edit, now) {
        // Recorded first: a browser that asks the user may take a while.
        let mut meta = ctx.meta.get_untracked().unwrap_or(meta);
        meta.persistence_requested = true;
        meta.persistence_asked_at = Some(now);
        if ctx.save_meta(meta).await.is_ok() {
            let _ = crate::store::storage::persist().await;
        }
    }
    ASKING.with(|a| a.set(false));
}

/// How long after the click a download's object URL is revoked.
///
/// Chromium takes the blob as `click()` runs. Firefox reads the URL after
/// the click's task, so revoking in the same task cancels the download;
/// a zero timeout (the next task) works, a resolved promise (a microtask)
/// does not: Mozilla bug 1282407, "revokeObjectURL breaks blob download
/// with download attribute". WebKit starts the download on a later task
/// still, and on iOS revoking at once fails with "WebKitBlobResource error
/// 1" (WebKit bug 211234), and a zero timeout was reported to fail
/// sometimes there (kennethjiang/js-file-download#55): so WebKit keeps the
/// URL for a while, as FileSaver.js does for every browser (40 s).
fn revoke_after(engine: Engine) -> std::time::Duration {
    match engine {
        Engine::Other => std::time::Duration::ZERO,
        Engine::WebKit => std::time::Duration::from_secs(30),
    }
}

/// Offer `text` as a download called `name`, through a Blob whose object
/// URL is freed as soon as the browser has taken it ([`revoke_after`]).
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let err = |e: JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(err)?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        revoke_after(current().engine),
    );
    Ok(())
}
