//! kubectl's flag parsing, as spf13/pflag (v1.0.5, the one kubectl 1.32
//! vendors) does it under cobra: long flags (`--namespace ch-4`,
//! `--namespace=ch-4`), shorthands (`-n ch-4`, `-nch-4`, `-n=ch-4`, grouped
//! booleans `-it`), flags anywhere among the arguments, and `--` ending
//! them. Values are typed as kubectl declares them, and a bad one is refused
//! with Go's own words: `strconv.ParseInt`, `strconv.ParseBool`,
//! `time.ParseDuration`, `encoding/csv` for string slices. Errors are data
//! ([`FlagError`]); their `Display` is pflag's text, without the `Error: `
//! and `See …` that cobra and kubectl wrap around it (see `cobra.rs`).

use std::fmt;

/// How a flag's value is read: the Go type kubectl declares it with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `bool`: `strconv.ParseBool`; without `=value` it means true.
    Bool,
    /// `int`/`int64`: `strconv.ParseInt(s, 0, 64)` (so `0x1f`, `0o17`,
    /// `1_000` are numbers).
    Int,
    /// `int32`: `strconv.ParseInt(s, 0, 32)`.
    Int32,
    /// klog's `Level` (`-v`): `strconv.ParseInt(s, 10, 32)`.
    Level,
    /// `time.Duration`: `time.ParseDuration`.
    Duration,
    /// component-base's `--log-flush-frequency`: a duration whose error is
    /// just `parse error`.
    FlushFrequency,
    /// klog's `--vmodule`: `pattern=N,…`.
    VModule,
    String,
    /// `[]string` read as one CSV record per occurrence (`-f a,b`).
    StringSlice,
    /// `[]string`, one value per occurrence, commas kept.
    StringArray,
    /// pflag's `stringToString` (`--env a=b,c=d`).
    StringToString,
    /// component-base's `MapStringString` (`a=b,c=d`).
    MapStringString,
}

/// One flag a command accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    /// pflag's `NoOptDefVal`: the value the flag takes when given without
    /// `=value` (then it does not take the next word). `"true"` for every
    /// boolean.
    pub no_opt: Option<&'static str>,
}

impl Flag {
    /// How pflag names the flag in `invalid argument` errors.
    fn display(&self) -> String {
        match self.short {
            Some(c) => format!("-{c}, --{}", self.long),
            None => format!("--{}", self.long),
        }
    }
}

pub const fn flag(long: &'static str, short: Option<char>, kind: Kind) -> Flag {
    Flag {
        long,
        short,
        kind,
        no_opt: match kind {
            Kind::Bool => Some("true"),
            _ => None,
        },
    }
}

/// A string flag.
pub const fn value(long: &'static str, short: Option<char>) -> Flag {
    flag(long, short, Kind::String)
}

pub const fn boolean(long: &'static str, short: Option<char>) -> Flag {
    flag(long, short, Kind::Bool)
}

/// A string flag with pflag's `NoOptDefVal` (kubectl's `--dry-run` is
/// `unchanged` when bare, `--validate` `strict`, `--cascade` `background`).
pub const fn optional(long: &'static str, default: &'static str) -> Flag {
    Flag {
        long,
        short: None,
        kind: Kind::String,
        no_opt: Some(default),
    }
}

/// kubectl's global flags (`kubectl options`), with their types as kubectl
/// 1.32 declares them (probed with `--flag='a"b'` against /usr/bin/kubectl).
pub const GLOBAL: &[Flag] = &[
    value("as", None),
    flag("as-group", None, Kind::StringArray),
    value("as-uid", None),
    value("cache-dir", None),
    value("certificate-authority", None),
    value("client-certificate", None),
    value("client-key", None),
    value("cluster", None),
    value("context", None),
    boolean("disable-compression", None),
    boolean("insecure-skip-tls-verify", None),
    value("kubeconfig", None),
    flag("log-flush-frequency", None, Kind::FlushFrequency),
    boolean("match-server-version", None),
    value("namespace", Some('n')),
    value("password", None),
    value("profile", None),
    value("profile-output", None),
    value("request-timeout", None),
    value("server", Some('s')),
    value("tls-server-name", None),
    value("token", None),
    value("user", None),
    value("username", None),
    flag("v", Some('v'), Kind::Level),
    flag("vmodule", None, Kind::VModule),
    boolean("warnings-as-errors", None),
];

/// What was given on the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Every value set, in order; a boolean's as `true`/`false`, a string
    /// slice's one entry per element.
    pub flags: Vec<(&'static str, String)>,
    pub args: Vec<String>,
    /// The words after `--`, when there was one (pflag's `ArgsLenAtDash`
    /// is `args.len()` then).
    pub command: Option<Vec<String>>,
}

impl Parsed {
    /// The last value given for a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, long: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn on(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v != "false")
    }

    /// Whether the flag holds a value: given at all, and for a string slice
    /// with at least one element (what kubectl's `len(Filenames) != 0`
    /// asks).
    pub fn changed(&self, long: &str) -> bool {
        self.flags.iter().any(|(l, _)| *l == long)
    }

    /// An int flag's value (already checked by [`parse_args`]).
    pub fn int(&self, long: &str) -> Option<i64> {
        self.get(long).and_then(|v| parse_int(v, true, 64).ok())
    }

    /// A duration flag's value in nanoseconds.
    pub fn duration(&self, long: &str) -> Option<i64> {
        self.get(long).and_then(|v| parse_duration(v).ok())
    }

    /// Every argument, with the ones after `--` (cobra's `args`).
    pub fn all_args(&self) -> Vec<String> {
        let mut a = self.args.clone();
        a.extend(self.command.iter().flatten().cloned());
        a
    }
}

/// Why pflag refused a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlagError {
    /// `---x`, `--=x`.
    BadSyntax(String),
    UnknownFlag(String),
    /// The shorthand's byte and the shorthands left from it.
    UnknownShorthand(u8, String),
    /// The word as typed (`--namespace`).
    NeedsArgument(String),
    NeedsArgumentShort(u8, String),
    InvalidArgument {
        value: String,
        flag: String,
        why: ValueError,
    },
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagError::BadSyntax(s) => write!(f, "bad flag syntax: {s}"),
            FlagError::UnknownFlag(n) => write!(f, "unknown flag: --{n}"),
            FlagError::UnknownShorthand(c, rest) => {
                write!(f, "unknown shorthand flag: {} in -{rest}", quote_byte(*c))
            }
            FlagError::NeedsArgument(s) => write!(f, "flag needs an argument: {s}"),
            FlagError::NeedsArgumentShort(c, rest) => {
                write!(f, "flag needs an argument: {} in -{rest}", quote_byte(*c))
            }
            FlagError::InvalidArgument { value, flag, why } => write!(
                f,
                "invalid argument {} for {} flag: {why}",
                quote(value),
                quote(flag)
            ),
        }
    }
}

/// Why a value does not fit its flag's type, in Go's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    /// `strconv.ParseInt`/`ParseBool`: the function, the input, and
    /// whether it was out of range (else invalid syntax).
    Strconv {
        func: &'static str,
        input: String,
        range: bool,
    },
    /// `time: invalid duration "x"`.
    InvalidDuration(String),
    /// `time: missing unit in duration "1"`.
    MissingUnit(String),
    /// `time: unknown unit "x" in duration "1x"`.
    UnknownUnit(String, String),
    /// encoding/csv: the 1-based column and the problem.
    Csv(usize, &'static str),
    /// A fixed message (klog's and component-base's own values).
    Plain(&'static str),
    /// A message that quotes the value.
    Formatted(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::Strconv { func, input, range } => write!(
                f,
                "strconv.{func}: parsing {}: {}",
                quote(input),
                if *range {
                    "value out of range"
                } else {
                    "invalid syntax"
                }
            ),
            ValueError::InvalidDuration(s) => {
                write!(f, "time: invalid duration {}", time_quote(s))
            }
            ValueError::MissingUnit(s) => {
                write!(f, "time: missing unit in duration {}", time_quote(s))
            }
            ValueError::UnknownUnit(u, s) => write!(
                f,
                "time: unknown unit {} in duration {}",
                time_quote(u),
                time_quote(s)
            ),
            ValueError::Csv(col, what) => write!(f, "parse error on line 1, column {col}: {what}"),
            ValueError::Plain(s) => f.write_str(s),
            ValueError::Formatted(s) => f.write_str(s),
        }
    }
}

/// Parse `argv` (the words after the command's name) against the command's
/// flags and the global ones. `cmd` names the command for the usage hint.
pub fn parse(cmd: &str, argv: &[String], own: &[Flag]) -> Result<Parsed, String> {
    parse_args(argv, &[own, GLOBAL]).map_err(|e| {
        let path = if cmd.is_empty() {
            "kubectl".to_string()
        } else {
            format!("kubectl {cmd}")
        };
        format!("Error: {e}\nSee '{path} --help' for usage.")
    })
}

/// Look a long name up, with kubectl's normaliser (`_` reads as `-`).
pub fn find_long(sets: &[&[Flag]], name: &str) -> Option<Flag> {
    let n = name.replace('_', "-");
    sets.iter()
        .flat_map(|s| s.iter())
        .find(|f| f.long == n)
        .copied()
}

pub fn find_short(sets: &[&[Flag]], c: u8) -> Option<Flag> {
    sets.iter()
        .flat_map(|s| s.iter())
        .find(|f| f.short.is_some_and(|s| s.is_ascii() && s as u8 == c))
        .copied()
}

/// pflag's `FlagSet.Parse` with interspersed flags, over the union of
/// `sets` (the first set a name is found in wins).
pub fn parse_args(argv: &[String], sets: &[&[Flag]]) -> Result<Parsed, FlagError> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < argv.len() {
        let s = &argv[i];
        i += 1;
        let b = s.as_bytes();
        if b.len() < 2 || b[0] != b'-' {
            p.args.push(s.clone());
            continue;
        }
        if b[1] == b'-' {
            if b.len() == 2 {
                p.command = Some(argv[i..].to_vec());
                break;
            }
            let name = &s[2..];
            if name.starts_with('-') || name.starts_with('=') {
                return Err(FlagError::BadSyntax(s.clone()));
            }
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (name, None),
            };
            let Some(f) = find_long(sets, name) else {
                return Err(FlagError::UnknownFlag(name.to_string()));
            };
            let v = match (inline, f.no_opt) {
                (Some(v), _) => v.to_string(),
                (None, Some(d)) => d.to_string(),
                (None, None) => match argv.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(FlagError::NeedsArgument(s.clone())),
                },
            };
            set(&mut p, &f, v)?;
        } else {
            // Shorthands work on bytes, as pflag's do.
            let mut rest = &b[1..];
            // pflag hands every shorthand in the group the words after the
            // whole group, not what an earlier one left.
            let mut consumed = false;
            while !rest.is_empty() {
                let c = rest[0];
                let shorts = String::from_utf8_lossy(rest).into_owned();
                let Some(f) = find_short(sets, c) else {
                    return Err(FlagError::UnknownShorthand(c, shorts));
                };
                let v;
                if rest.len() > 2 && rest[1] == b'=' {
                    v = String::from_utf8_lossy(&rest[2..]).into_owned();
                    rest = &[];
                } else if let Some(d) = f.no_opt {
                    v = d.to_string();
                    rest = &rest[1..];
                } else if rest.len() > 1 {
                    v = String::from_utf8_lossy(&rest[1..]).into_owned();
                    rest = &[];
                } else if let Some(w) = argv.get(i) {
                    v = w.clone();
                    consumed = true;
                    rest = &[];
                } else {
                    return Err(FlagError::NeedsArgumentShort(c, shorts));
                }
                set(&mut p, &f, v)?;
            }
            if consumed {
                i += 1;
            }
        }
    }
    Ok(p)
}

/// Check `v` against the flag's type and record it.
fn set(p: &mut Parsed, f: &Flag, v: String) -> Result<(), FlagError> {
    let bad = |why| FlagError::InvalidArgument {
        value: v.clone(),
        flag: f.display(),
        why,
    };
    match f.kind {
        Kind::Bool => {
            let b = parse_bool(&v).map_err(bad)?;
            p.flags.push((f.long, b.to_string()));
            return Ok(());
        }
        Kind::Int => {
            parse_int(&v, true, 64).map_err(bad)?;
        }
        Kind::Int32 => {
            parse_int(&v, true, 32).map_err(bad)?;
        }
        Kind::Level => {
            parse_int(&v, false, 32).map_err(bad)?;
        }
        Kind::Duration => {
            parse_duration(&v).map_err(bad)?;
        }
        Kind::FlushFrequency => {
            parse_duration(&v).map_err(|_| bad(ValueError::Plain("parse error")))?;
        }
        Kind::VModule => {
            vmodule(&v).map_err(bad)?;
        }
        Kind::StringSlice => {
            for field in csv_record(&v).map_err(bad)? {
                p.flags.push((f.long, field));
            }
            return Ok(());
        }
        Kind::StringToString => {
            let pairs = if v.matches('=').count() == 1 {
                vec![v.trim_matches('"').to_string()]
            } else if v.contains('=') {
                csv_record(&v).map_err(bad)?
            } else {
                vec![v.clone()]
            };
            if let Some(p) = pairs.iter().find(|p| !p.contains('=')) {
                return Err(bad(ValueError::Formatted(format!(
                    "{p} must be formatted as key=value"
                ))));
            }
        }
        Kind::MapStringString => {
            if v.split(',').any(|p| !p.is_empty() && !p.contains('=')) {
                return Err(bad(ValueError::Plain(
                    "malformed pair, expect string=string",
                )));
            }
        }
        Kind::String | Kind::StringArray => {}
    }
    p.flags.push((f.long, v));
    Ok(())
}

/// `strconv.ParseBool`.
pub fn parse_bool(s: &str) -> Result<bool, ValueError> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(ValueError::Strconv {
            func: "ParseBool",
            input: s.to_string(),
            range: false,
        }),
    }
}

/// `strconv.ParseInt(s, base, bits)` with base 0 (prefixes and
/// underscores) when `base0`, else base 10.
pub fn parse_int(s: &str, base0: bool, bits: u32) -> Result<i64, ValueError> {
    let err = |range| ValueError::Strconv {
        func: "ParseInt",
        input: s.to_string(),
        range,
    };
    if s.is_empty() {
        return Err(err(false));
    }
    let (neg, digits) = match s.as_bytes()[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let un = parse_uint(digits, base0, bits).map_err(err)?;
    let cutoff = 1u64 << (bits - 1);
    if !neg && un >= cutoff {
        return Err(err(true));
    }
    if neg && un > cutoff {
        return Err(err(true));
    }
    Ok(if neg {
        (un as i64).wrapping_neg()
    } else {
        un as i64
    })
}

/// `strconv.ParseUint`'s digits; `Err(true)` is out of range, `Err(false)`
/// bad syntax.
fn parse_uint(s: &str, base0: bool, bits: u32) -> Result<u64, bool> {
    if s.is_empty() {
        return Err(false);
    }
    let b = s.as_bytes();
    let lower = |c: u8| c | 0x20;
    let (base, digits): (u64, &[u8]) = if !base0 {
        (10, b)
    } else if b[0] == b'0' {
        match b.get(1).map(|c| lower(*c)) {
            Some(b'b') if b.len() >= 3 => (2, &b[2..]),
            Some(b'o') if b.len() >= 3 => (8, &b[2..]),
            Some(b'x') if b.len() >= 3 => (16, &b[2..]),
            _ => (8, &b[1..]),
        }
    } else {
        (10, b)
    };
    let max: u64 = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let cutoff = u64::MAX / base + 1;
    let mut n: u64 = 0;
    let mut underscores = false;
    for &c in digits {
        let d = match c {
            b'_' if base0 => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => c - b'0',
            _ if lower(c).is_ascii_lowercase() => lower(c) - b'a' + 10,
            _ => return Err(false),
        };
        if u64::from(d) >= base {
            return Err(false);
        }
        if n >= cutoff {
            return Err(true);
        }
        n *= base;
        let n1 = n.wrapping_add(u64::from(d));
        if n1 < n || n1 > max {
            return Err(true);
        }
        n = n1;
    }
    if underscores && !underscore_ok(s) {
        return Err(false);
    }
    Ok(n)
}

/// strconv's `underscoreOK`: underscores only between digits (or after a
/// base prefix).
fn underscore_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let lower = |c: u8| c | 0x20;
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(lower(b[1]), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = lower(b[1]) == b'x';
    }
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() || hex && (b'a'..=b'f').contains(&lower(c)) {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// `time.ParseDuration`, in nanoseconds.
pub fn parse_duration(orig: &str) -> Result<i64, ValueError> {
    let invalid = || ValueError::InvalidDuration(orig.to_string());
    let mut s = orig;
    let mut neg = false;
    if let Some(c) = s.bytes().next()
        && (c == b'-' || c == b'+')
    {
        neg = c == b'-';
        s = &s[1..];
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut d: u64 = 0;
    while !s.is_empty() {
        let c = s.as_bytes()[0];
        if !(c == b'.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        // The integer part.
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let mut v: u64 = 0;
        for c in s[..int_len].bytes() {
            if v > (1u64 << 63) / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(c - b'0');
            if v > 1u64 << 63 {
                return Err(invalid());
            }
        }
        let pre = int_len != 0;
        s = &s[int_len..];
        // The fraction.
        let mut f: u64 = 0;
        let mut scale: f64 = 1.0;
        let mut post = false;
        if let Some(rest) = s.strip_prefix('.') {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            post = n != 0;
            let mut overflow = false;
            for c in rest[..n].bytes() {
                if overflow {
                    continue;
                }
                if f > (1u64 << 63) / 10 {
                    overflow = true;
                    continue;
                }
                let y = f * 10 + u64::from(c - b'0');
                if y > 1u64 << 63 {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10.0;
            }
            s = &rest[n..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        let u_len = s
            .bytes()
            .take_while(|c| *c != b'.' && !c.is_ascii_digit())
            .count();
        if u_len == 0 {
            return Err(ValueError::MissingUnit(orig.to_string()));
        }
        let u = &s[..u_len];
        s = &s[u_len..];
        let unit: u64 = match u {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return Err(ValueError::UnknownUnit(u.to_string(), orig.to_string())),
        };
        if v > (1u64 << 63) / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > 1u64 << 63 {
                return Err(invalid());
            }
        }
        d += v;
        if d > 1u64 << 63 {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > (1u64 << 63) - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

/// klog's `--vmodule` syntax.
fn vmodule(v: &str) -> Result<(), ValueError> {
    const SYNTAX: &str = "syntax error: expect comma-separated list of filename=N";
    for pat in v.split(',').filter(|p| !p.is_empty()) {
        let parts: Vec<&str> = pat.split('=').collect();
        if parts.len() != 2 || parts[0].is_empty() || parts[1].is_empty() {
            return Err(ValueError::Plain(SYNTAX));
        }
        let n = parse_int(parts[1], false, 32).map_err(|_| ValueError::Plain(SYNTAX))?;
        if n < 0 {
            return Err(ValueError::Plain("negative value for vmodule level"));
        }
    }
    Ok(())
}

/// One record of encoding/csv, as pflag's string slices read their value
/// (`""` is no element at all).
fn csv_record(v: &str) -> Result<Vec<String>, ValueError> {
    if v.is_empty() {
        return Ok(Vec::new());
    }
    let line = v.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let b = line.as_bytes();
    let mut fields = Vec::new();
    let mut i = 0;
    loop {
        if b.get(i) == Some(&b'"') {
            // A quoted field.
            let mut field = Vec::new();
            let mut j = i + 1;
            loop {
                match b.get(j) {
                    None => {
                        return Err(ValueError::Csv(
                            j + 1,
                            "extraneous or missing \" in quoted-field",
                        ));
                    }
                    Some(b'"') if b.get(j + 1) == Some(&b'"') => {
                        field.push(b'"');
                        j += 2;
                    }
                    Some(b'"') => {
                        j += 1;
                        match b.get(j) {
                            None | Some(b',') => break,
                            Some(_) => {
                                return Err(ValueError::Csv(
                                    j,
                                    "extraneous or missing \" in quoted-field",
                                ));
                            }
                        }
                    }
                    Some(c) => {
                        field.push(*c);
                        j += 1;
                    }
                }
            }
            fields.push(String::from_utf8_lossy(&field).into_owned());
            i = j;
        } else {
            let end = b[i..]
                .iter()
                .position(|c| *c == b',')
                .map_or(b.len(), |e| i + e);
            if let Some(q) = b[i..end].iter().position(|c| *c == b'"') {
                return Err(ValueError::Csv(i + q + 1, "bare \" in non-quoted-field"));
            }
            fields.push(line[i..end].to_string());
            i = end;
        }
        if i >= b.len() {
            break;
        }
        i += 1; // the comma
        if i == b.len() {
            fields.push(String::new());
            break;
        }
    }
    Ok(fields)
}

/// Whether Go's `strconv.IsPrint` holds (letters, marks, numbers,
/// punctuation, symbols and the ASCII space): the control characters,
/// spaces other than U+0020, the common format characters and the
/// private-use areas are not.
fn go_printable(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    let u = c as u32;
    !matches!(u,
        0xA0 | 0xAD | 0x1680 | 0x2000..=0x200F | 0x2028..=0x202F | 0x205F..=0x2064
        | 0x3000 | 0xFEFF | 0xE000..=0xF8FF | 0xFFF9..=0xFFFB | 0xF0000..)
}

fn escape_into(out: &mut String, c: char, q: char) {
    match c {
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        '\\' => out.push_str("\\\\"),
        c if c == q => {
            out.push('\\');
            out.push(c);
        }
        c if go_printable(c) => out.push(c),
        c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// Go's `%q` of a string (`strconv.Quote`).
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        escape_into(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// The package time's own `quote`: `"` and `\\` escaped, every byte of a
/// non-ASCII or control character as `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if !c.is_ascii() || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Go's `%q` of a byte (pflag's shorthand): the rune of that value.
fn quote_byte(b: u8) -> String {
    let mut out = String::from("'");
    escape_into(&mut out, char::from(b), '\'');
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        value("output", Some('o')),
        boolean("no-headers", None),
        boolean("stdin", Some('i')),
        boolean("tty", Some('t')),
        value("container", Some('c')),
        flag("tail", None, Kind::Int),
        flag("since", None, Kind::Duration),
        flag("filename", Some('f'), Kind::StringSlice),
        boolean("watch", Some('w')),
        optional("dry-run", "unchanged"),
    ];

    fn check(line: &str, expect: &str) {
        let argv: Vec<String> = line.split(' ').map(String::from).collect();
        let got = match parse("get", &argv, FLAGS) {
            Ok(p) => format!("{:?} {:?} {:?}", p.flags, p.args, p.command),
            Err(e) => e,
        };
        assert_eq!(got, expect, "{line}");
    }

    #[test]
    fn pflag_forms() {
        check(
            "pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers",
            r#"[("output", "custom-columns=IP:.status.podIP"), ("no-headers", "true")] ["pod", "fruit-service"] None"#,
        );
        check(
            "-nch-4 pods -o wide",
            r#"[("namespace", "ch-4"), ("output", "wide")] ["pods"] None"#,
        );
        check(
            "busybox -it -c box -- sh -c ls",
            r#"[("stdin", "true"), ("tty", "true"), ("container", "box")] ["busybox"] Some(["sh", "-c", "ls"])"#,
        );
        check(
            "pods --no-headers=false --namespace=x",
            r#"[("no-headers", "false"), ("namespace", "x")] ["pods"] None"#,
        );
        check(
            "pods --no-headers=F -w=1",
            r#"[("no-headers", "false"), ("watch", "true")] ["pods"] None"#,
        );
        check(
            "-f a.yml,b.yml --dry-run pods",
            r#"[("filename", "a.yml"), ("filename", "b.yml"), ("dry-run", "unchanged")] ["pods"] None"#,
        );
        check(
            "-n= pods --no_headers",
            r#"[("namespace", "="), ("no-headers", "true")] ["pods"] None"#,
        );
        check(
            "- pods --tail=0x1F --since=1h2m",
            r#"[("tail", "0x1F"), ("since", "1h2m")] ["-", "pods"] None"#,
        );
    }

    #[test]
    fn errors_as_kubectl_prints_them() {
        let see = "\nSee 'kubectl get --help' for usage.";
        for (line, msg) in [
            ("pods --wide", "unknown flag: --wide"),
            ("pods -x", "unknown shorthand flag: 'x' in -x"),
            ("pods -Ax", "unknown shorthand flag: 'A' in -Ax"),
            ("pods -ix", "unknown shorthand flag: 'x' in -x"),
            ("pods -é", "unknown shorthand flag: 'Ã' in -é"),
            ("pods -o", "flag needs an argument: 'o' in -o"),
            ("pods -io", "flag needs an argument: 'o' in -o"),
            ("pods --output", "flag needs an argument: --output"),
            ("---x", "bad flag syntax: ---x"),
            ("--=x", "bad flag syntax: --=x"),
            (
                "--tail=abc",
                r#"invalid argument "abc" for "--tail" flag: strconv.ParseInt: parsing "abc": invalid syntax"#,
            ),
            (
                "--tail=99999999999999999999",
                r#"invalid argument "99999999999999999999" for "--tail" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range"#,
            ),
            (
                "--tail=1__0",
                r#"invalid argument "1__0" for "--tail" flag: strconv.ParseInt: parsing "1__0": invalid syntax"#,
            ),
            (
                "--tail=",
                r#"invalid argument "" for "--tail" flag: strconv.ParseInt: parsing "": invalid syntax"#,
            ),
            (
                "-w=nope",
                r#"invalid argument "nope" for "-w, --watch" flag: strconv.ParseBool: parsing "nope": invalid syntax"#,
            ),
            (
                "--no-headers=maybe",
                r#"invalid argument "maybe" for "--no-headers" flag: strconv.ParseBool: parsing "maybe": invalid syntax"#,
            ),
            (
                "--since=1",
                r#"invalid argument "1" for "--since" flag: time: missing unit in duration "1""#,
            ),
            (
                "--since=1x",
                r#"invalid argument "1x" for "--since" flag: time: unknown unit "x" in duration "1x""#,
            ),
            (
                "--since=99999999h",
                r#"invalid argument "99999999h" for "--since" flag: time: invalid duration "99999999h""#,
            ),
            (
                "-f a\"b",
                r#"invalid argument "a\"b" for "-f, --filename" flag: parse error on line 1, column 2: bare " in non-quoted-field"#,
            ),
            (
                "-v abc",
                r#"invalid argument "abc" for "-v, --v" flag: strconv.ParseInt: parsing "abc": invalid syntax"#,
            ),
            (
                "-v 0x10",
                r#"invalid argument "0x10" for "-v, --v" flag: strconv.ParseInt: parsing "0x10": invalid syntax"#,
            ),
            (
                "--v=99999999999",
                r#"invalid argument "99999999999" for "-v, --v" flag: strconv.ParseInt: parsing "99999999999": value out of range"#,
            ),
            (
                "--since=5µ",
                r#"invalid argument "5µ" for "--since" flag: time: unknown unit "\xc2\xb5" in duration "5\xc2\xb5""#,
            ),
            (
                "--log-flush-frequency=1x",
                r#"invalid argument "1x" for "--log-flush-frequency" flag: parse error"#,
            ),
        ] {
            check(line, &format!("Error: {msg}{see}"));
        }
    }

    #[test]
    fn go_numbers_and_durations() {
        for (s, want) in [
            ("0x1F", Ok(31)),
            ("0o17", Ok(15)),
            ("017", Ok(15)),
            ("0b101", Ok(5)),
            ("1_000", Ok(1000)),
            ("-9223372036854775808", Ok(i64::MIN)),
            ("9223372036854775807", Ok(i64::MAX)),
            ("9223372036854775808", Err(true)),
            ("08", Err(false)),
            ("0x", Err(false)),
            ("_1", Err(false)),
            ("-", Err(false)),
        ] {
            let got = parse_int(s, true, 64).map_err(|e| e.to_string().ends_with("out of range"));
            assert_eq!(got, want, "{s}");
        }
        assert_eq!(parse_int("2147483647", true, 32), Ok(i32::MAX.into()));
        assert!(
            parse_int("2147483648", true, 32)
                .is_err_and(|e| e.to_string().ends_with("value out of range"))
        );
        for (s, want) in [
            ("1h2m3s", Some(3_723_000_000_000)),
            ("1.5s", Some(1_500_000_000)),
            (".5ms", Some(500_000)),
            ("-1s", Some(-1_000_000_000)),
            ("0", Some(0)),
            ("1µs", Some(1_000)),
            ("1", None),
            (".s", None),
            ("", None),
        ] {
            assert_eq!(parse_duration(s).ok(), want, "{s}");
        }
    }

    #[test]
    fn go_quoting() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("é\t\u{1}\u{a0}"), r#""é\t\x01\u00a0""#);
        assert_eq!(quote_byte(b'\''), r"'\''");
    }
}
