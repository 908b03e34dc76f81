//! Text tools for pipes on the console's host: `grep`, `head`, `tail` and
//! `wc` over standard input, with the options learners pipe kubectl into
//! (`kubectl get pods | grep fruit`, `… | tail -n 3`, `… | wc -l`). GNU
//! coreutils and grep behaviour, since the host is the learner's machine.
//! grep's matching is shared with the containers' BusyBox grep ([`Grep`],
//! with [`Flavor`] choosing whose messages), over [`regex`].

pub mod regex;

/// Run a tool on `stdin`: (stdout, stderr, exit status).
pub fn run(tool: &str, args: &[String], stdin: &[u8]) -> (Vec<u8>, Vec<u8>, i32) {
    let text = String::from_utf8_lossy(stdin);
    match tool {
        "grep" => grep(args, stdin),
        "head" | "tail" => head_tail(tool == "head", args, &text),
        _ => wc(args, stdin),
    }
}

fn grep(args: &[String], stdin: &[u8]) -> (Vec<u8>, Vec<u8>, i32) {
    let g = match Grep::parse(args, Flavor::Gnu) {
        Ok(g) => g,
        Err((err, code)) => return (Vec::new(), err, code),
    };
    if let Some(f) = g.files.iter().find(|f| *f != "-") {
        return (
            Vec::new(),
            format!("grep: {f}: podlab's console greps standard input only\n").into_bytes(),
            2,
        );
    }
    g.run(&[Input {
        name: None,
        data: Ok(stdin),
    }])
}

/// Which grep is speaking: GNU grep on the learner's machine, BusyBox's in
/// the containers. They match lines alike and differ in their messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Gnu,
    Busybox,
}

/// GNU grep's short usage, after an option error.
const GNU_USAGE: &str =
    "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
/// BusyBox's full usage of grep (BusyBox 1.36.1, `grep` with no arguments),
/// printed after any option error.
const BUSYBOX_USAGE: &str = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n\nSearch for PATTERN in FILEs (or stdin)\n\n\t-H\tAdd 'filename:' prefix\n\t-h\tDo not add 'filename:' prefix\n\t-n\tAdd 'line_no:' prefix\n\t-l\tShow only names of files that match\n\t-L\tShow only names of files that don't match\n\t-c\tShow only count of matching lines\n\t-o\tShow only the matching part of line\n\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise\n\t-v\tSelect non-matching lines\n\t-s\tSuppress open and read errors\n\t-r\tRecurse\n\t-R\tRecurse and dereference symlinks\n\t-i\tIgnore case\n\t-w\tMatch whole words only\n\t-x\tMatch whole lines only\n\t-F\tPATTERN is a literal (not regexp)\n\t-E\tPATTERN is an extended regexp\n\t-z\tNUL terminated input\n\t-m N\tMatch up to N times per file\n\t-A N\tPrint N lines of trailing context\n\t-B N\tPrint N lines of leading context\n\t-C N\tSame as '-A N -B N'\n\t-e PTRN\tPattern to match\n\t-f FILE\tRead pattern from file\n";
/// Options both greps have that podlab does not model.
const UNMODELLED: &str = "HhoLsrRwxzmABCf";

enum Matcher {
    /// `-F`: the pattern as a plain string (lowercased under `-i`).
    Fixed(String, bool),
    Re(regex::Regex),
}

impl Matcher {
    fn is_match(&self, line: &str) -> bool {
        match self {
            Matcher::Fixed(p, false) => line.contains(p.as_str()),
            Matcher::Fixed(p, true) => line.to_lowercase().contains(p.as_str()),
            Matcher::Re(re) => re.is_match(line),
        }
    }
}

/// One input of grep: its name (None for standard input) and its bytes, or
/// why it could not be read.
pub struct Input<'a> {
    pub name: Option<&'a str>,
    pub data: Result<&'a [u8], String>,
}

/// A grep command line, parsed: `-v`, `-i`, `-c`, `-n`, `-q`, `-l`, `-e`,
/// `-F` and `-E`, in any order and grouping, options after operands too.
pub struct Grep {
    flavor: Flavor,
    invert: bool,
    count: bool,
    numbers: bool,
    quiet: bool,
    list: bool,
    matchers: Vec<Matcher>,
    /// The operands after the pattern.
    pub files: Vec<String>,
}

impl Grep {
    /// Parse grep's arguments; an error is (stderr, exit status).
    pub fn parse(args: &[String], flavor: Flavor) -> Result<Grep, (Vec<u8>, i32)> {
        let usage_error = |line: String| -> (Vec<u8>, i32) {
            let usage = match flavor {
                Flavor::Gnu => GNU_USAGE,
                Flavor::Busybox => BUSYBOX_USAGE,
            };
            (format!("{line}{usage}").into_bytes(), 2)
        };
        let (mut invert, mut icase, mut count, mut numbers, mut quiet, mut list) =
            (false, false, false, false, false, false);
        let (mut fixed, mut extended) = (false, false);
        let mut patterns: Vec<String> = Vec::new();
        let mut operands: Vec<String> = Vec::new();
        let mut i = 0;
        let mut options_done = false;
        while i < args.len() {
            let a = &args[i];
            i += 1;
            if options_done || !a.starts_with('-') || a == "-" {
                operands.push(a.clone());
                continue;
            }
            if a == "--" {
                options_done = true;
                continue;
            }
            if a.starts_with("--") {
                return Err(usage_error(format!("grep: unrecognized option '{a}'\n")));
            }
            for (k, c) in a.char_indices().skip(1) {
                match c {
                    'v' => invert = true,
                    'i' => icase = true,
                    'y' if flavor == Flavor::Gnu => icase = true,
                    'c' => count = true,
                    'n' => numbers = true,
                    'q' => quiet = true,
                    'l' => list = true,
                    'F' => fixed = true,
                    'E' => extended = true,
                    'e' => {
                        let rest = &a[k + 1..];
                        if !rest.is_empty() {
                            patterns.push(rest.to_string());
                        } else if let Some(p) = args.get(i) {
                            patterns.push(p.clone());
                            i += 1;
                        } else {
                            return Err(usage_error(
                                "grep: option requires an argument -- 'e'\n".into(),
                            ));
                        }
                        break;
                    }
                    c if UNMODELLED.contains(c) => {
                        return Err((
                            format!("podlab: grep -{c} is not modelled\n").into_bytes(),
                            2,
                        ));
                    }
                    c => {
                        return Err(usage_error(format!("grep: invalid option -- '{c}'\n")));
                    }
                }
            }
        }
        if flavor == Flavor::Gnu && fixed && extended {
            return Err((b"grep: conflicting matchers specified\n".to_vec(), 2));
        }
        if patterns.is_empty() {
            if operands.is_empty() {
                return Err(match flavor {
                    Flavor::Gnu => (GNU_USAGE.as_bytes().to_vec(), 2),
                    Flavor::Busybox => (BUSYBOX_USAGE.as_bytes().to_vec(), 2),
                });
            }
            patterns.push(operands.remove(0));
        }
        let mut matchers = Vec::new();
        for p in &patterns {
            matchers.push(if fixed {
                Matcher::Fixed(if icase { p.to_lowercase() } else { p.clone() }, icase)
            } else {
                match regex::Regex::new(p, extended, icase) {
                    Ok(re) => Matcher::Re(re),
                    Err(e) => {
                        let msg = match flavor {
                            Flavor::Gnu => format!("grep: {e}\n"),
                            Flavor::Busybox => format!("grep: bad regex '{p}'\n"),
                        };
                        return Err((msg.into_bytes(), 2));
                    }
                }
            });
        }
        Ok(Grep {
            flavor,
            invert,
            count,
            numbers,
            quiet,
            list,
            matchers,
            files: operands,
        })
    }

    /// Search the inputs: (stdout, stderr, exit status). Lines are prefixed
    /// with their input's name when there are several.
    pub fn run(&self, inputs: &[Input]) -> (Vec<u8>, Vec<u8>, i32) {
        let mut out = String::new();
        let mut err = String::new();
        let mut matched = false;
        let mut failed = false;
        let several = inputs.len() > 1;
        for input in inputs {
            let name = input.name.unwrap_or("(standard input)");
            let data = match &input.data {
                Ok(d) => d,
                Err(e) => {
                    err.push_str(&format!("grep: {name}: {e}\n"));
                    failed = true;
                    continue;
                }
            };
            let prefix = if several {
                format!("{name}:")
            } else {
                String::new()
            };
            let text = String::from_utf8_lossy(data);
            let body = text.strip_suffix('\n').unwrap_or(&text);
            let mut n = 0usize;
            if !text.is_empty() {
                for (k, line) in body.split('\n').enumerate() {
                    let hit = self.matchers.iter().any(|m| m.is_match(line));
                    if hit == self.invert {
                        continue;
                    }
                    n += 1;
                    if self.quiet || self.list || self.count {
                        continue;
                    }
                    out.push_str(&prefix);
                    if self.numbers {
                        out.push_str(&format!("{}:", k + 1));
                    }
                    out.push_str(line);
                    out.push('\n');
                }
            }
            matched |= n > 0;
            // -q stops at the first selected line, later inputs unread.
            if self.quiet && n > 0 {
                break;
            }
            if self.list && n > 0 {
                out.push_str(&format!("{name}\n"));
            } else if self.count && (self.flavor == Flavor::Busybox || !(self.quiet || self.list)) {
                // BusyBox prints a count of 0 even under -q or -l (its
                // grep_file() reaches the -c print when nothing matched).
                out.push_str(&format!("{prefix}{n}\n"));
            }
        }
        let code = if failed && !(self.quiet && matched) {
            2
        } else if matched {
            0
        } else {
            1
        };
        (out.into_bytes(), err.into_bytes(), code)
    }
}

fn head_tail(head: bool, args: &[String], text: &str) -> (Vec<u8>, Vec<u8>, i32) {
    let mut n: usize = 10;
    let mut from_start = false;
    let mut bytes = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = if a == "-c" {
            bytes = true;
            it.next().cloned().unwrap_or_default()
        } else if a == "-n" {
            it.next().cloned().unwrap_or_default()
        } else if let Some(v) = a.strip_prefix("-n") {
            v.to_string()
        } else if let Some(v) = a
            .strip_prefix('-')
            .filter(|v| v.chars().all(|c| c.is_ascii_digit()))
        {
            v.to_string()
        } else {
            continue;
        };
        from_start = v.starts_with('+');
        match v.trim_start_matches('+').parse() {
            Ok(k) => n = k,
            Err(_) => {
                let tool = if head { "head" } else { "tail" };
                return (
                    Vec::new(),
                    format!("{tool}: invalid number of lines: ‘{v}’\n").into_bytes(),
                    1,
                );
            }
        }
    }
    if bytes {
        let b = text.as_bytes();
        let picked = if head {
            &b[..n.min(b.len())]
        } else {
            &b[b.len().saturating_sub(n)..]
        };
        return (picked.to_vec(), Vec::new(), 0);
    }
    (
        pick_lines(text, head, n, from_start).into_bytes(),
        Vec::new(),
        0,
    )
}

/// The lines `head -n N`, `tail -n N` or `tail -n +N` keep (the same in
/// coreutils and busybox; containers' applets use it too).
pub fn pick_lines(text: &str, head: bool, n: usize, from_start: bool) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let picked: &[&str] = if head {
        &lines[..n.min(lines.len())]
    } else if from_start {
        &lines[n.saturating_sub(1).min(lines.len())..]
    } else {
        &lines[lines.len().saturating_sub(n)..]
    };
    picked.concat()
}

fn wc(args: &[String], data: &[u8]) -> (Vec<u8>, Vec<u8>, i32) {
    let lines = data.iter().filter(|&&b| b == b'\n').count();
    let words = String::from_utf8_lossy(data).split_whitespace().count();
    let out = match args.first().map(String::as_str) {
        Some("-l") => format!("{lines}\n"),
        Some("-w") => format!("{words}\n"),
        Some("-c") => format!("{}\n", data.len()),
        _ => format!("{lines:>7} {words:>7} {:>7}\n", data.len()),
    };
    (out.into_bytes(), Vec::new(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(tool: &str, args: &str, input: &str, expect: &str) {
        let args: Vec<String> = args.split_whitespace().map(String::from).collect();
        let (o, e, code) = run(tool, &args, input.as_bytes());
        let got = format!(
            "{}{}[{code}]",
            String::from_utf8_lossy(&o),
            String::from_utf8_lossy(&e)
        );
        assert_eq!(got, expect);
    }

    #[test]
    fn tools() {
        let t = "NAME READY\nbusybox 1/1\nfruit-service 2/2\n";
        check("grep", "fruit", t, "fruit-service 2/2\n[0]");
        check("grep", "-v NAME", t, "busybox 1/1\nfruit-service 2/2\n[0]");
        check("grep", "-ic BUSY", t, "1\n[0]");
        check("grep", "nothing", t, "[1]");
        check("tail", "-n 1", t, "fruit-service 2/2\n[0]");
        check("tail", "-n +2", t, "busybox 1/1\nfruit-service 2/2\n[0]");
        check("head", "-1", t, "NAME READY\n[0]");
        check("head", "-c 4", t, "NAME[0]");
        check("wc", "-l", t, "3\n[0]");
        check("wc", "", t, "      3       6      41\n[0]");
    }

    /// BusyBox grep over one standard input, "stdout stderr [status]".
    fn busybox(args: &str, input: &str) -> String {
        let args: Vec<String> = args.split_whitespace().map(String::from).collect();
        let (o, e, code) = match Grep::parse(&args, Flavor::Busybox) {
            Ok(g) => g.run(&[Input {
                name: None,
                data: Ok(input.as_bytes()),
            }]),
            Err((e, code)) => (Vec::new(), e, code),
        };
        format!(
            "{}{}[{code}]",
            String::from_utf8_lossy(&o),
            String::from_utf8_lossy(&e)
        )
    }

    /// Regression (issue 8): busybox grep in a container ignored its
    /// options (`grep -v x` printed the matching lines). Answers recorded
    /// from `busybox grep` (BusyBox 1.35.0, Debian) on the same input.
    #[test]
    fn busybox_grep_options_as_busybox_answers() {
        let t = "NAME READY\nbusybox 1/1\nfruit-service 2/2\nFruit x\n";
        let check = |args: &str, expect: &str| assert_eq!(busybox(args, t), expect, "{args}");
        check("fruit", "fruit-service 2/2\n[0]");
        check("-v fruit", "NAME READY\nbusybox 1/1\nFruit x\n[0]");
        check("fruit -v", "NAME READY\nbusybox 1/1\nFruit x\n[0]");
        check("-i fruit", "fruit-service 2/2\nFruit x\n[0]");
        check("-c fruit", "1\n[0]");
        check("-n fruit", "3:fruit-service 2/2\n[0]");
        check("-q fruit", "[0]");
        check("-l fruit", "(standard input)\n[0]");
        check("-e fruit -e NAME", "NAME READY\nfruit-service 2/2\n[0]");
        check("-eNAME", "NAME READY\n[0]");
        check("-F f.uit", "[1]");
        check("f.uit", "fruit-service 2/2\n[0]");
        check("-E fr(u|x)it", "fruit-service 2/2\n[0]");
        check(r"fr\(u\)it", "fruit-service 2/2\n[0]");
        check("fr(u|x)it", "[1]");
        check("-vc fruit", "3\n[0]");
        check("-nv fruit", "1:NAME READY\n2:busybox 1/1\n4:Fruit x\n[0]");
        check("-ic FRUIT", "2\n[0]");
        check("-cq fruit", "[0]");
        check("-lc fruit", "(standard input)\n[0]");
        check("-ln fruit", "(standard input)\n[0]");
        check("-vq fruit", "[0]");
        check("-c -q zz", "0\n[1]");
        check("-c -l zz", "0\n[1]");
        check("-c -l fruit", "(standard input)\n[0]");
        check("-c nothing", "0\n[1]");
        check("-l nothing", "[1]");
        check("nothing", "[1]");
        check("-q nothing", "[1]");
        check("-E [[:upper:]]", "NAME READY\nFruit x\n[0]");
        check("^b", "busybox 1/1\n[0]");
        check("1/1$", "busybox 1/1\n[0]");
        check("-F -e a -e b", "busybox 1/1\n[0]");
        check("fruit+", "[1]");
        check("-E fruit+", "fruit-service 2/2\n[0]");
        check(r"fru\+it", "fruit-service 2/2\n[0]");
        check("-Fi FRUIT", "fruit-service 2/2\nFruit x\n[0]");
        check("-E (", "grep: bad regex '('\n[2]");
        check("[", "grep: bad regex '['\n[2]");
        check(
            "-y x",
            &format!("grep: invalid option -- 'y'\n{BUSYBOX_USAGE}[2]"),
        );
        check(
            "-e",
            &format!("grep: option requires an argument -- 'e'\n{BUSYBOX_USAGE}[2]"),
        );
        check(
            "--foo x",
            &format!("grep: unrecognized option '--foo'\n{BUSYBOX_USAGE}[2]"),
        );
        check("", &format!("{BUSYBOX_USAGE}[2]"));
        // What podlab does not model, it says so.
        check("-x fruit", "podlab: grep -x is not modelled\n[2]");
        // No final newline: the last line is printed with one.
        assert_eq!(busybox("new", "no newline"), "no newline\n[0]");
        assert_eq!(busybox("-c x", ""), "0\n[1]");
        assert_eq!(busybox("-n -v a", "a\n\nb\n"), "2:\n3:b\n[0]");
    }

    /// Several files: each line and count is prefixed with its file's name,
    /// a file that cannot be read is an error (status 2) unless -q found a
    /// line. Recorded from `busybox grep` (stdout, then stderr).
    #[test]
    fn busybox_grep_over_files() {
        let t = "NAME READY\nbusybox 1/1\nfruit-service 2/2\nFruit x\n";
        let u = "apple\nfruit\n";
        let check = |args: &str, files: &[&str], expect: &str| {
            let args: Vec<String> = args.split_whitespace().map(String::from).collect();
            let g = Grep::parse(&args, Flavor::Busybox).ok().unwrap();
            let inputs: Vec<Input> = files
                .iter()
                .map(|f| Input {
                    name: Some(f),
                    data: match *f {
                        "t.txt" => Ok(t.as_bytes()),
                        "u.txt" => Ok(u.as_bytes()),
                        _ => Err("No such file or directory".into()),
                    },
                })
                .collect();
            let (o, e, code) = g.run(&inputs);
            let got = format!(
                "{}{}[{code}]",
                String::from_utf8_lossy(&o),
                String::from_utf8_lossy(&e)
            );
            assert_eq!(got, expect, "{args:?} {files:?}");
        };
        let both = ["t.txt", "u.txt"];
        check("fruit", &both, "t.txt:fruit-service 2/2\nu.txt:fruit\n[0]");
        check("-c fruit", &both, "t.txt:1\nu.txt:1\n[0]");
        check("-l fruit", &both, "t.txt\nu.txt\n[0]");
        check(
            "-n fruit",
            &both,
            "t.txt:3:fruit-service 2/2\nu.txt:2:fruit\n[0]",
        );
        check("fruit", &["t.txt"], "fruit-service 2/2\n[0]");
        check(
            "fruit",
            &["nosuch"],
            "grep: nosuch: No such file or directory\n[2]",
        );
        check(
            "fruit",
            &["nosuch", "t.txt"],
            "t.txt:fruit-service 2/2\ngrep: nosuch: No such file or directory\n[2]",
        );
        check(
            "-q fruit",
            &["nosuch", "t.txt"],
            "grep: nosuch: No such file or directory\n[0]",
        );
        // -q stops at its first line: a later file is never opened.
        check("-q fruit", &["t.txt", "nosuch"], "[0]");
        check(
            "-l fruit",
            &["nosuch", "t.txt"],
            "t.txt\ngrep: nosuch: No such file or directory\n[2]",
        );
    }

    /// The host's GNU grep shares the matching and keeps GNU's messages.
    #[test]
    fn gnu_grep_messages() {
        let t = "NAME READY\nfruit-service 2/2\n";
        check("grep", "-y FRUIT", t, "fruit-service 2/2\n[0]");
        check("grep", "-E (", t, "grep: Unmatched ( or \\(\n[2]");
        check("grep", "[", t, "grep: Invalid regular expression\n[2]");
        check(
            "grep",
            "--foo x",
            t,
            "grep: unrecognized option '--foo'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n[2]",
        );
        check(
            "grep",
            "x file",
            t,
            "grep: file: podlab's console greps standard input only\n[2]",
        );
        check("grep", "-n ^fruit", t, "2:fruit-service 2/2\n[0]");
        // GNU grep prints no count under -q or -l (BusyBox prints 0).
        check("grep", "-c -q zz", t, "[1]");
        check("grep", "-c -l zz", t, "[1]");
        check(
            "grep",
            "-F -E x",
            t,
            "grep: conflicting matchers specified\n[2]",
        );
    }
}
