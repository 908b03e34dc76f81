//! Word lists stored as one block of bytes. A `&[&str]` costs the wasm a
//! pointer and a length (8 bytes, which gzip barely shrinks) per word on top
//! of the letters; HAProxy's 513 sample fetch names were 4 KB of those. A
//! list kept as a `const` in the source and [`pack`]ed at compile time into
//! a `static` of length-prefixed words costs one byte per word instead, and
//! the `const` itself never reaches the binary. [`contains`] asks it.

/// The bytes [`pack`] makes of `words`.
pub const fn packed_len(words: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < words.len() {
        n += 1 + words[i].len();
        i += 1;
    }
    n
}

/// `words` as one block: each word's length in a byte, then its bytes.
/// Evaluated at compile time (`N` is [`packed_len`]); a word longer than 255
/// bytes or empty fails the build.
pub const fn pack<const N: usize>(words: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_bytes();
        assert!(
            !w.is_empty() && w.len() < 256,
            "a packed word is 1 to 255 bytes"
        );
        out[at] = w.len() as u8;
        at += 1;
        let mut j = 0;
        while j < w.len() {
            out[at] = w[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(at == N, "N is packed_len(words)");
    out
}

/// Whether `word` is one of the packed words.
pub fn contains(packed: &[u8], word: &str) -> bool {
    let mut rest = packed;
    while let Some((&n, tail)) = rest.split_first() {
        let Some((w, tail)) = tail.split_at_checked(usize::from(n)) else {
            return false;
        };
        if w == word.as_bytes() {
            return true;
        }
        rest = tail;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &["base", "base32", "base32+src", "src", "x"];
    static PACKED: [u8; packed_len(WORDS)] = pack(WORDS);

    fn check(word: &str, expect: bool) {
        assert_eq!(contains(&PACKED, word), expect, "{word:?}");
        assert_eq!(WORDS.contains(&word), expect, "{word:?}");
    }

    #[test]
    fn contains_as_the_slice_does() {
        for w in WORDS {
            check(w, true);
        }
        for w in [
            "",
            "bas",
            "base3",
            "base32+",
            "sr",
            "srcx",
            "y",
            "\u{5}base",
        ] {
            check(w, false);
        }
        assert_eq!(PACKED.len(), 5 + 4 + 6 + 10 + 3 + 1);
    }
}
