#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    waymark::ui::mount();
}

/// Natively the binary prints the export format's JSON Schema
/// (`--schema`); the app itself runs in a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if std::env::args().any(|a| a == "--schema") {
        print!("{}", waymark::exchange::document_schema());
        return;
    }
    eprintln!("Waymark runs in a browser: build it with `./dev serve` (see README.md).");
    eprintln!("`cargo run -- --schema` prints the JSON Schema of its export format.");
    std::process::exit(2);
}
