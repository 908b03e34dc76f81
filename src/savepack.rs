//! A save too large to keep in localStorage as JSON, packed. Browsers count
//! localStorage in UTF-16 code units: Chromium keeps 10 MiB of them per
//! origin, 5 Mi characters (measured here in headless Chromium: 5.2 M
//! characters are written, 5.3 M throw `QuotaExceededError`), so a 5.7 MB
//! paste cannot be saved as text. Packed, the save's UTF-8 bytes go 15 bits
//! to a character (U+0020 to U+801F: no control characters and no
//! surrogates), which takes 8/15 of a character per byte: about 9.8 MB of
//! ASCII text fits. Only a save over [`PACK_OVER`] whose packing is
//! shorter is packed; `persist::migrate` opens both.

/// What a packed save starts with: not JSON, so an older podlab keeps it
/// aside as unreadable instead of overwriting it. The byte count follows,
/// then `:`, then the packed characters.
pub const MARK: &str = "podlab-packed-1:";

/// Saves up to this many bytes stay JSON, readable by any podlab and by
/// people: a save this size takes a fifth of Chromium's quota at most.
pub const PACK_OVER: usize = 1024 * 1024;

/// The first character a packed group of 15 bits is written as.
const BASE: u32 = 0x20;

/// `json` as written to localStorage: packed when it is over
/// [`PACK_OVER`] bytes and packing takes fewer UTF-16 units.
pub fn encode(json: String) -> String {
    if json.len() <= PACK_OVER {
        return json;
    }
    let units: usize = json.chars().map(char::len_utf16).sum();
    let packed_units = json.len().saturating_mul(8).div_ceil(15);
    if packed_units >= units {
        return json;
    }
    let mut out = String::with_capacity(MARK.len() + 24 + packed_units.saturating_mul(3));
    out.push_str(MARK);
    out.push_str(&json.len().to_string());
    out.push(':');
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in json.as_bytes() {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(unit((acc >> bits) & 0x7fff));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(unit((acc << (15 - bits)) & 0x7fff));
    }
    out
}

fn unit(v: u32) -> char {
    // BASE + v is at most U+801F: below the surrogates, always a char.
    char::from_u32(BASE + v).unwrap_or(' ')
}

/// A save as read from localStorage: the JSON of a packed save, the text
/// itself otherwise; `None` when it is marked packed but garbled.
pub fn decode(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    let Some(rest) = raw.strip_prefix(MARK) else {
        return Some(raw.into());
    };
    let (len, packed) = rest.split_once(':')?;
    let len: usize = len.parse().ok()?;
    if len > packed.len().saturating_mul(2) {
        return None;
    }
    let mut bytes = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in packed.chars() {
        if bytes.len() == len {
            return None;
        }
        let v = u32::from(c).checked_sub(BASE).filter(|v| *v <= 0x7fff)?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bytes.len() != len {
        return None;
    }
    String::from_utf8(bytes).ok().map(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_save_packs_and_unpacks_byte_for_byte() {
        let check = |json: String, packed: bool| {
            let raw = encode(json.clone());
            assert_eq!(raw.starts_with(MARK), packed, "{} bytes", json.len());
            let units: usize = raw.chars().map(char::len_utf16).sum();
            if packed {
                assert!(units < json.len() * 8 / 15 + 40, "{units} units");
                assert!(
                    raw.chars()
                        .skip(MARK.len())
                        .all(|c| (' '..='\u{801f}').contains(&c))
                );
            }
            assert_eq!(decode(&raw).as_deref(), Some(json.as_str()));
        };
        check(r#"{"version":1}"#.into(), false);
        let ascii: String = (0..200_000).map(|i| format!("  key{i}: v\n")).collect();
        check(format!(r#"{{"text":{ascii:?}}}"#), true);
        // Every byte length modulo 15 bits, and non-ASCII bytes.
        for extra in 0..16 {
            let s = format!(
                "{}{}",
                "é".repeat(PACK_OVER / 4),
                "x".repeat(PACK_OVER + extra)
            );
            check(s, true);
        }
        // Text of three-byte characters is shorter as it is.
        check("日".repeat(PACK_OVER), false);
        check("a".repeat(PACK_OVER), false);
    }

    #[test]
    fn a_garbled_packed_save_is_none() {
        assert_eq!(decode("not json").as_deref(), Some("not json"));
        for bad in [
            MARK.to_string(),
            format!("{MARK}x:"),
            format!("{MARK}5:"),
            format!("{MARK}99999999999:ab"),
            format!("{MARK}1:\u{1}"),
            format!("{MARK}2:\u{9000}"),
            format!("{MARK}1:ab"),
        ] {
            assert_eq!(decode(&bad), None, "{bad:?}");
        }
    }
}
