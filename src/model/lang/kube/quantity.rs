//! A `resource.Quantity` (k8s.io/apimachinery/pkg/api/resource) read as a
//! whole number of bytes, as the kubelet reads an emptyDir's `sizeLimit`:
//! digits with an optional fraction, then a binary suffix (`Ki` … `Ei`), a
//! decimal one (`k`, `M` … `E`, or `m` for thousandths) or a decimal
//! exponent (`e6`). A fraction of a byte rounds up, as `Quantity.Value()`
//! does. What does not fit that grammar, or is negative, or is past
//! `u64`, reads as `None`.

/// The bytes `text` stands for, or `None` (see the module's paragraph).
pub fn bytes(text: &str) -> Option<u64> {
    let text = text.trim();
    let text = text.strip_prefix('+').unwrap_or(text);
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(end);
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && frac.is_empty() || frac.contains('.') {
        return None;
    }
    // value = digits / 10^frac_len * base^power (base 2 or 10).
    let (base, power): (u32, i32) = match suffix {
        "" => (10, 0),
        "Ki" => (2, 10),
        "Mi" => (2, 20),
        "Gi" => (2, 30),
        "Ti" => (2, 40),
        "Pi" => (2, 50),
        "Ei" => (2, 60),
        "m" => (10, -3),
        "k" => (10, 3),
        "M" => (10, 6),
        "G" => (10, 9),
        "T" => (10, 12),
        "P" => (10, 15),
        "E" => (10, 18),
        s if s.starts_with(['e', 'E']) => (10, s[1..].parse::<i32>().ok()?),
        _ => return None,
    };
    // Keep at most 40 digits of the number: more is past u64 anyway.
    let digits: String = format!("{whole}{frac}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > 40 {
        return None;
    }
    let mantissa: u128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    if power.unsigned_abs() > 100 {
        return None;
    }
    let frac_len = i32::try_from(frac.len()).ok()?;
    let (mut num, mut den): (u128, u128) = (mantissa, 1);
    if base == 2 {
        scale(power, 2, &mut num, &mut den)?;
        scale(-frac_len, 10, &mut num, &mut den)?;
    } else {
        scale(power.checked_sub(frac_len)?, 10, &mut num, &mut den)?;
    }
    let value = num.div_ceil(den);
    u64::try_from(value).ok()
}

/// Multiply `num` (for `exp > 0`) or `den` (for `exp < 0`) by `by`,
/// `|exp|` times; `None` past `u128`.
fn scale(exp: i32, by: u128, num: &mut u128, den: &mut u128) -> Option<()> {
    for _ in 0..exp.unsigned_abs() {
        if exp > 0 {
            *num = num.checked_mul(by)?;
        } else {
            *den = den.checked_mul(by)?;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::bytes;

    #[test]
    fn quantities_read_as_bytes() {
        for (text, want) in [
            ("1Mi", Some(1 << 20)),
            ("1048576", Some(1 << 20)),
            ("1.5Ki", Some(1536)),
            ("64Mi", Some(64 << 20)),
            ("1G", Some(1_000_000_000)),
            ("1k", Some(1000)),
            ("1e3", Some(1000)),
            ("1E6", Some(1_000_000)),
            ("1500m", Some(2)),
            ("0.1", Some(1)),
            ("+2Ki", Some(2048)),
            ("0", Some(0)),
            ("16Ei", None),
            ("1e400", None),
            ("-1Mi", None),
            ("abc", None),
            ("1MB", None),
            ("", None),
            (".", None),
            ("1.2.3", None),
            ("é", None),
        ] {
            assert_eq!(bytes(text), want, "{text}");
        }
    }
}
