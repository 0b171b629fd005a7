//! A long fuzz run, by hand (issue 16): the document reader over mutated
//! exports, and every computation a view runs over whatever it accepts.
//! Nothing may panic. Not part of `./dev test` (it runs as long as it is
//! asked); run it with
//!
//! ```sh
//! FUZZ_SECONDS=600 cargo test --release --test fuzz -- --ignored --nocapture
//! ```
//!
//! A crasher prints its seed and the file; keep it as a case in
//! `tests/exchange.rs` or `tests/limits.rs`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/every_view.rs"]
mod every_view;
mod support;

use waymark::exchange::Document;

/// One mutation of `text`, chosen by `rng`: the shapes hostile and damaged
/// files take (a byte changed, a span cut or repeated, a number made
/// extreme, a string made long or strange, a date moved far away).
fn mutate(rng: &mut fastrand::Rng, text: &str) -> String {
    let mut s = text.to_owned();
    for _ in 0..rng.usize(1..4) {
        let n = s.len().max(1);
        let at = rng.usize(0..n);
        let at = (0..=at).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0);
        match rng.u8(0..8) {
            0 => s.truncate(at),
            1 => {
                let end = (at + rng.usize(0..200)).min(s.len());
                let end = (end..=s.len())
                    .find(|i| s.is_char_boundary(*i))
                    .unwrap_or(s.len());
                let piece = s[at..end].to_owned();
                s.insert_str(at, &piece);
            }
            2 => {
                // A number somewhere made extreme.
                if let Some(i) = s[at..].find(|c: char| c.is_ascii_digit()) {
                    let i = at + i;
                    let j = s[i..]
                        .find(|c: char| !c.is_ascii_digit())
                        .map_or(s.len(), |j| i + j);
                    let big = [
                        "9223372036854775807",
                        "-9223372036854775808",
                        "18446744073709551616",
                        "0",
                        "-1",
                        "4294967295",
                        "1e308",
                        "65536",
                    ];
                    s.replace_range(i..j, big[rng.usize(0..big.len())]);
                }
            }
            3 => {
                let odd = [
                    "\u{202e}", "\u{200b}", "\u{feff}", "\u{0}", "\\u0000", "\u{fffd}", "e\u{301}",
                    "<script>", "\"", "\\",
                ];
                s.insert_str(at, odd[rng.usize(0..odd.len())]);
            }
            4 => {
                // A date moved far away.
                if let Some(i) = s[at..].find("\"20") {
                    let i = at + i + 1;
                    let years = ["9999", "0001", "2101", "1999", "2100"];
                    if s.get(i..i + 4)
                        .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
                    {
                        s.replace_range(i..i + 4, years[rng.usize(0..years.len())]);
                    }
                }
            }
            5 => s.insert_str(at, &"x".repeat(rng.usize(0..5000))),
            6 => {
                let end = (at + rng.usize(0..40)).min(s.len());
                let end = (end..=s.len())
                    .find(|i| s.is_char_boundary(*i))
                    .unwrap_or(s.len());
                s.replace_range(at..end, "");
            }
            _ => {
                let b = rng.u8(32..127) as char;
                s.insert(at, b);
            }
        }
    }
    s
}

#[test]
#[ignore = "a long fuzz run, by hand: see the module's comment"]
fn the_reader_and_every_view_survive_mutated_files() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = fastrand::Rng::with_seed(seed);
    let base = Document::new(support::sample(), support::now()).to_json();
    let start = std::time::Instant::now();
    let (mut tried, mut read) = (0u64, 0u64);
    while start.elapsed().as_secs() < seconds {
        let text = mutate(&mut rng, &base);
        tried += 1;
        let outcome = std::panic::catch_unwind(|| {
            if let Ok(doc) = Document::from_json(&text) {
                every_view::run_every_computation(&doc.data);
                true
            } else {
                false
            }
        });
        match outcome {
            Ok(true) => read += 1,
            Ok(false) => {}
            Err(_) => panic!("a crasher (seed {seed}, file {tried}):\n{text}"),
        }
    }
    println!("fuzz: {tried} mutated files in {seconds} s, {read} read and computed, no panic (seed {seed})");
}
