//! What a plain YAML scalar stands for, as go-yaml v2 (`resolve.go`, the
//! YAML 1.1 rules kubectl's YAML-to-JSON step uses) decides it when it
//! decodes into `interface{}`: `yes`, `on` and `y` are booleans, `0x1F` and
//! `0777` are integers, `1e3` and `08` floats, `~` and the empty string
//! null, and a timestamp stays a string (go-yaml keeps it one for
//! `interface{}`, for backward compatibility). `<<` resolves to a string:
//! go-yaml recognises a merge key by its text, not by resolving it.

/// A resolved scalar.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer above `i64::MAX` (go-yaml's `uint64`).
    Uint(u64),
    Float(f64),
    Str,
}

/// go-yaml's `resolve_map`: the words that resolve by table lookup.
fn lookup(s: &str) -> Option<Scalar> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Scalar::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Scalar::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => Scalar::Null,
        ".nan" | ".NaN" | ".NAN" => Scalar::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Scalar::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Scalar::Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

/// `resolve("", s)` for a plain scalar without a tag.
pub fn plain(s: &str) -> Scalar {
    // go-yaml's resolve_table: the first byte hints at what it may be.
    let hint = match s.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => return Scalar::Str,
    };
    if let Some(v) = lookup(s) {
        return v;
    }
    match hint {
        b'.' => go_parse_float(s).map_or(Scalar::Str, Scalar::Float),
        b'D' | b'S' => number(s),
        _ => Scalar::Str,
    }
}

/// The integer, float (or timestamp, kept a string) branch of `resolve`.
fn number(s: &str) -> Scalar {
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if let Some(i) = go_parse_int(&plain) {
        return Scalar::Int(i);
    }
    if let Some(u) = go_parse_uint(&plain) {
        return Scalar::Uint(u);
    }
    if yaml_style_float(&plain)
        && let Some(f) = go_parse_float(&plain)
    {
        return Scalar::Float(f);
    }
    Scalar::Str
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseUint(s, 0, 64)` after the sign: base prefixes
/// `0x`, `0o`, `0b`, and a leading `0` for octal.
fn go_parse_uint(s: &str) -> Option<u64> {
    let (digits, radix) = if let Some(r) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (r, 16)
    } else if let Some(r) = s.strip_prefix("0o").or_else(|| s.strip_prefix("0O")) {
        (r, 8)
    } else if let Some(r) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        (r, 2)
    } else if s.len() > 1 && s.starts_with('0') {
        (&s[1..], 8)
    } else {
        (s, 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = go_parse_uint(rest)?;
    if neg {
        if u <= i64::MAX as u64 + 1 {
            Some((u as i64).wrapping_neg())
        } else {
            None
        }
    } else {
        i64::try_from(u).ok()
    }
}

/// Go's `strconv.ParseFloat(s, 64)` for the decimal forms YAML can reach
/// here; an overflow is an error in Go (ErrRange), so no infinities.
fn go_parse_float(s: &str) -> Option<f64> {
    if s.is_empty()
        || !s
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str, expect: Scalar) {
        assert_eq!(plain(s), expect, "{s:?}");
    }

    #[test]
    fn yaml_1_1_words() {
        check("yes", Scalar::Bool(true));
        check("Off", Scalar::Bool(false));
        check("y", Scalar::Bool(true));
        check("~", Scalar::Null);
        check("", Scalar::Null);
        check("nope", Scalar::Str);
        check("<<", Scalar::Str);
        check("True", Scalar::Bool(true));
        check("tRUE", Scalar::Str);
    }

    #[test]
    fn numbers_as_go_parses_them() {
        check("80", Scalar::Int(80));
        check("+80", Scalar::Int(80));
        check("-80", Scalar::Int(-80));
        check("0x1F", Scalar::Int(31));
        check("0777", Scalar::Int(511));
        check("0o17", Scalar::Int(15));
        check("0b101", Scalar::Int(5));
        check("1_000", Scalar::Int(1000));
        check("08", Scalar::Float(8.0));
        check("1e3", Scalar::Float(1000.0));
        check("1.5", Scalar::Float(1.5));
        check(".5", Scalar::Float(0.5));
        check("1.", Scalar::Float(1.0));
        check("18446744073709551615", Scalar::Uint(u64::MAX));
        check("1e400", Scalar::Str);
        check("2001-12-14", Scalar::Str);
        check("1:30", Scalar::Str);
        check("8080/TCP", Scalar::Str);
        check(".", Scalar::Str);
        check("-", Scalar::Str);
    }
}
