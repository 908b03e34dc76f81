//! One stable sort for the whole program. `slice::sort_by` copies the
//! standard library's driftsort (about 4 KB of wasm) into the binary once for
//! every element type and comparison it is called with; podlab sorted some
//! twenty kinds of lists, which made sorting the largest single block of
//! generic code in the release wasm. [`sort_by`] and its two friends sort
//! the list's *positions* instead: one driftsort over `usize` with a
//! comparison behind `dyn`, then the elements swapped into place along the
//! permutation's cycles. Each call site still gets a few bytes of closure,
//! never a sort of its own. Same order as `slice::sort_by` (stable, equal
//! elements keep their order), same O(n log n). [`btree_map`] is the same
//! for `collect` into a `BTreeMap`, which sorts its pairs first.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Sort `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let perm = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(perm, &mut |a, b| v.swap(a, b));
}

/// Sort `v` stably by `key`, as `v.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` stably in its natural order, as `v.sort()` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `pairs.collect::<BTreeMap<_, _>>()` without the sort `collect` brings
/// (`BTreeMap::from_iter` sorts the pairs first, with a driftsort for each
/// pair type): inserted one by one, a later pair with an equal key replacing
/// the value, as `collect` does.
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// The positions `0..n` in the order `cmp` gives them (stable): the only
/// instance of the standard library's sort that these functions use.
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(|&a, &b| cmp(a, b));
    perm
}

/// Move the elements so that position `i` holds what was at `perm[i]`,
/// with `swap` alone, cycle by cycle (each element moves once).
fn permute(mut perm: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..perm.len() {
        let mut at = start;
        // `perm[at] == at` marks a position that is done.
        while perm[at] != at {
            let from = perm[at];
            perm[at] = at;
            if from == start {
                break;
            }
            // Position `at` receives the element at `from`; the element
            // that began this cycle moves on to `from`.
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compare with the standard library's stable sort on keys with ties, so
    /// that stability shows: (key, original position).
    fn check(keys: &[u8]) {
        let mut mine: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
        let mut std = mine.clone();
        sort_by(&mut mine, |a, b| a.0.cmp(&b.0));
        std.sort_by_key(|a| a.0);
        assert_eq!(mine, std, "keys {keys:?}");
    }

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        check(&[]);
        check(&[1]);
        check(&[2, 1]);
        check(&[1, 1, 1]);
        check(&[3, 1, 2]);
        check(&[5, 4, 3, 2, 1, 0]);
        check(&[1, 0, 1, 0, 1, 0, 2, 2, 0]);
        // A pseudo-random run, many ties, long cycles.
        let mut x = 7u32;
        let keys: Vec<u8> = (0..500)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8 % 13
            })
            .collect();
        check(&keys);
    }

    #[test]
    fn by_key_and_natural_order() {
        let mut v = vec!["pear", "fig", "apple", "kiwi"];
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "kiwi", "apple"]);
        sort(&mut v);
        assert_eq!(v, ["apple", "fig", "kiwi", "pear"]);
    }

    #[test]
    fn btree_map_is_collect() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)];
        let collected: BTreeMap<&str, i32> = pairs.iter().copied().collect();
        assert_eq!(btree_map(pairs), collected);
    }
}
