#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    waymark::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Waymark runs in a browser: build it with `./dev serve` (see README.md).");
    std::process::exit(2);
}
