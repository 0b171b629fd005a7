#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Embedded in a page (embed.js set `waymark.embedded`), the app waits
    // for its element instead of taking the page's body.
    let embedded = js_sys::Reflect::get(&js_sys::global(), &"waymark".into())
        .ok()
        .and_then(|w| js_sys::Reflect::get(&w, &"embedded".into()).ok())
        .is_some_and(|e| e.is_truthy());
    if !embedded {
        waymark::ui::mount();
    }
}

/// For the benchmarks (boot.js offers it as `waymark.provisionsCosted()`):
/// how many times a provision was costed since the app started.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn provisions_costed() -> u32 {
    let n = waymark::domain::costing::PROVISIONS_COSTED.load(std::sync::atomic::Ordering::Relaxed);
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Called by embed.js: start the app inside `el`, in the shadow root `root`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount_embedded(el: web_sys::HtmlElement, root: web_sys::ShadowRoot) {
    console_error_panic_hook::set_once();
    waymark::ui::mount_embedded_in(el, root);
}

/// Natively the binary prints the export format's JSON Schema
/// (`--schema`) and the LA rate card file's (`--rate-card-schema`); the
/// app itself runs in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--schema") {
        print!("{}", waymark::exchange::document_schema());
        return;
    }
    if args.iter().any(|a| a == "--rate-card-schema") {
        print!("{}", waymark::exchange::rate_card::rate_card_schema());
        return;
    }
    // `--synthetic <size>`: a benchmark school's export document (seed 1).
    if let Some(size) = args
        .iter()
        .position(|a| a == "--synthetic")
        .and_then(|i| args.get(i + 1))
    {
        match size.parse::<waymark::domain::synthetic::Size>() {
            Ok(size) => {
                let data = waymark::domain::synthetic::school(size, 1);
                let at = "2026-11-22T10:00:00Z".parse().expect("a time");
                print!("{}", waymark::exchange::Document::new(data, at).to_json());
                return;
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
    }
    eprintln!("Waymark runs in a browser: build it with `./dev serve` (see README.md).");
    eprintln!("`cargo run -- --schema` prints the JSON Schema of its export format;");
    eprintln!("`cargo run -- --rate-card-schema` that of an LA rate card file;");
    eprintln!("`cargo run --release -- --synthetic large` prints a benchmark school's export.");
    std::process::exit(2);
}
