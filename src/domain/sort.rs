//! Stable sorting through one compiled sort for the whole app.
//!
//! The standard library's `sort_by` is compiled again for every closure it
//! is given (a few KB of wasm each, about 150 KB over the app's forty-odd
//! sorts). Here the elements' order is found by sorting their indices with
//! one comparison behind a `dyn` (one compiled sort), and then the elements
//! are moved into place. Same results as `slice::sort_by`: stable, and the
//! comparison is called about as often.

use std::cmp::Ordering;

/// Sort `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let v: &[T] = v;
        indices(v.len(), &|a, b| cmp(&v[a], &v[b]))
    };
    permute(v, order);
}

/// Sort `v` stably by `key`, like `v.sort_by_key(key)`.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..n` in the order `cmp` gives them (ties keep their order).
fn indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearrange `v` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_does_keeping_ties_in_order() {
        let mut rng = fastrand::Rng::with_seed(8);
        for n in 0..120 {
            // Few distinct keys, so ties are common; the second field shows order.
            let v: Vec<(u8, usize)> = (0..n).map(|i| (rng.u8(0..5), i)).collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            let mut std = v;
            by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(ours, std, "n = {n}, descending");
        }
    }

    #[test]
    fn moves_elements_that_cannot_be_copied() {
        let mut v = vec![
            "pear".to_owned(),
            "apple".into(),
            "fig".into(),
            "apple".into(),
        ];
        by(&mut v, Ord::cmp);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
