//! kubectl's flag parsing, as spf13/pflag does it under cobra: long flags
//! (`--namespace ch-4`, `--namespace=ch-4`), shorthands (`-n ch-4`,
//! `-nch-4`, grouped booleans `-it`), flags anywhere among the arguments,
//! and `--` ending them. Errors read as kubectl prints them.

/// One flag a command accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    /// Takes a value (else a boolean).
    pub value: bool,
}

pub const fn value(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        value: true,
    }
}

pub const fn boolean(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        value: false,
    }
}

/// Flags every kubectl command takes (a subset of kubectl's global flags).
pub const GLOBAL: &[Flag] = &[
    value("namespace", Some('n')),
    value("kubeconfig", None),
    value("context", None),
    value("cluster", None),
    value("user", None),
    value("server", Some('s')),
    value("request-timeout", None),
    value("v", Some('v')),
];

/// What was given on the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub flags: Vec<(&'static str, String)>,
    pub args: Vec<String>,
    /// The words after `--`, when there was one.
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
}

/// Parse `argv` (the words after the command's name) against the command's
/// flags and the global ones. `cmd` names the command for the usage hint.
pub fn parse(cmd: &str, argv: &[String], own: &[Flag]) -> Result<Parsed, String> {
    let find_long = |n: &str| own.iter().chain(GLOBAL).find(|f| f.long == n).copied();
    let find_short = |c: char| {
        own.iter()
            .chain(GLOBAL)
            .find(|f| f.short == Some(c))
            .copied()
    };
    let usage = format!("See 'kubectl {cmd} --help' for usage.");
    let mut p = Parsed::default();
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            p.command = Some(argv[i..].to_vec());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let Some(f) = find_long(name) else {
                return Err(format!("error: unknown flag: --{name}\n{usage}"));
            };
            let v = match (f.value, inline) {
                (_, Some(v)) => v,
                (false, None) => "true".into(),
                (true, None) => match argv.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        return Err(format!("error: flag needs an argument: --{name}\n{usage}"));
                    }
                },
            };
            p.flags.push((f.long, v));
        } else if a.len() > 1 && a.starts_with('-') {
            let shorts: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let c = shorts[j];
                let Some(f) = find_short(c) else {
                    return Err(format!(
                        "error: unknown shorthand flag: '{c}' in {a}\n{usage}"
                    ));
                };
                j += 1;
                if !f.value {
                    p.flags.push((f.long, "true".into()));
                    continue;
                }
                let rest: String = shorts[j..].iter().collect();
                let v = if let Some(r) = rest.strip_prefix('=') {
                    r.to_string()
                } else if !rest.is_empty() {
                    rest
                } else if let Some(v) = argv.get(i) {
                    i += 1;
                    v.clone()
                } else {
                    return Err(format!(
                        "error: flag needs an argument: '{c}' in -{c}\n{usage}"
                    ));
                };
                p.flags.push((f.long, v));
                break;
            }
        } else {
            p.args.push(a.clone());
        }
    }
    Ok(p)
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
    ];

    fn check(line: &str, expect: &str) {
        let argv: Vec<String> = line.split(' ').map(String::from).collect();
        let got = match parse("get", &argv, FLAGS) {
            Ok(p) => format!("{:?} {:?} {:?}", p.flags, p.args, p.command),
            Err(e) => e,
        };
        assert_eq!(got, expect);
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
    }

    #[test]
    fn errors_as_kubectl_prints_them() {
        check(
            "pods --wide",
            "error: unknown flag: --wide\nSee 'kubectl get --help' for usage.",
        );
        check(
            "pods -x",
            "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.",
        );
        check(
            "pods -o",
            "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.",
        );
        check(
            "pods --output",
            "error: flag needs an argument: --output\nSee 'kubectl get --help' for usage.",
        );
    }
}
