//! Text tools for pipes on the console's host: `grep`, `head`, `tail` and
//! `wc` over standard input, with the options learners pipe kubectl into
//! (`kubectl get pods | grep fruit`, `… | tail -n 3`, `… | wc -l`). GNU
//! coreutils and grep behaviour, since the host is the learner's machine.

/// Run a tool on `stdin`: (stdout, stderr, exit status).
pub fn run(tool: &str, args: &[String], stdin: &[u8]) -> (Vec<u8>, Vec<u8>, i32) {
    let text = String::from_utf8_lossy(stdin);
    match tool {
        "grep" => grep(args, &text),
        "head" | "tail" => head_tail(tool == "head", args, &text),
        _ => wc(args, stdin),
    }
}

fn grep(args: &[String], text: &str) -> (Vec<u8>, Vec<u8>, i32) {
    let mut ignore = false;
    let mut invert = false;
    let mut count = false;
    let mut pattern = None;
    for a in args {
        match a.as_str() {
            s if s.starts_with('-') && s.len() > 1 && pattern.is_none() => {
                for c in s[1..].chars() {
                    match c {
                        'i' => ignore = true,
                        'v' => invert = true,
                        'c' => count = true,
                        'E' | 'F' => {}
                        other => {
                            return (
                                Vec::new(),
                                format!("grep: invalid option -- '{other}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n").into_bytes(),
                                2,
                            );
                        }
                    }
                }
            }
            _ if pattern.is_none() => pattern = Some(a.clone()),
            _ => {
                return (
                    Vec::new(),
                    format!("grep: {a}: podlab's console greps standard input only\n").into_bytes(),
                    2,
                );
            }
        }
    }
    let Some(pattern) = pattern else {
        return (
            Vec::new(),
            b"Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n".to_vec(),
            2,
        );
    };
    let needle = if ignore {
        pattern.to_lowercase()
    } else {
        pattern
    };
    let hits: Vec<&str> = text
        .lines()
        .filter(|l| {
            let hay = if ignore {
                l.to_lowercase()
            } else {
                l.to_string()
            };
            hay.contains(&needle) != invert
        })
        .collect();
    let code = i32::from(hits.is_empty());
    let out = if count {
        format!("{}\n", hits.len())
    } else {
        hits.iter().map(|l| format!("{l}\n")).collect()
    };
    (out.into_bytes(), Vec::new(), code)
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
}
