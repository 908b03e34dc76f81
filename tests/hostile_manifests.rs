//! Hostile input through the parsers themselves: YAML and JSON as kubectl
//! reads a manifest, kubectl's apply path, a JSONPath template, and
//! haproxy.cfg. One table, one `check` per entry: the first message podlab
//! gives (kubectl's or HAProxy's words where the tool answers, a `podlab:`
//! note where podlab stops before the tool would), on a thread with a 1 MiB
//! stack (the browser's), so any unbounded recursion shows as a crash.
//! Whole-product runs of `podlab run`/`podlab apply` are tests/hostile.rs;
//! the answers kubectl and HAProxy give to the same files are recorded in
//! tests/kubectl/corpus/hostile-* and tests/haproxy/corpus/14x-hostile-*.

use podlab::model::base::diag::FileId;
use podlab::model::base::yaml;
use podlab::model::lang::haproxy::{Version, config};
use podlab::model::project::cli;
use podlab::model::project::workspace::File;
use podlab::model::tools::kubectl::{apply, object};

/// Run `f` on a thread with a 1 MiB stack, as WebAssembly has.
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic, no stack overflow")
}

/// A manifest's first diagnostic as `yaml::parse` gives it ("" when it
/// reads), and that kubectl's apply path reads it without a panic.
fn check_yaml(name: &str, text: String, expect: &str) {
    let got = small_stack(move || {
        let (_, diags) = yaml::parse(FileId::Workspace(0), &text);
        let _ = apply::read(FileId::Workspace(0), &text, false);
        diags.first().map(|d| d.message.clone()).unwrap_or_default()
    });
    assert_eq!(got, expect, "{name}");
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\nspec:\n  containers:\n  - name: c\n    image: busybox\n";

fn pod(name: &str) -> String {
    POD.replace("NAME", name)
}

#[test]
fn hostile_manifests() {
    let deep = 10_000;
    let laughs = {
        let mut s = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        let mut prev = 'a';
        for c in 'b'..='i' {
            let refs = vec![format!("*{prev}"); 9].join(", ");
            s.push_str(&format!("{c}: &{c} [{refs}]\n"));
            prev = c;
        }
        s
    };
    let fanout = {
        let mut s = String::from("big: &big\n");
        for i in 0..1100 {
            s.push_str(&format!("  k{i}: \"{}\"\n", "x".repeat(80)));
        }
        s.push_str("list:\n");
        s.push_str(&"- *big\n".repeat(10_000));
        s
    };
    let not_modelled = "podlab: YAML nested deeper than 64 levels is not modelled";
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "flow sequences",
            format!("{}{}\n", "[".repeat(deep), "]".repeat(deep)),
            not_modelled,
        ),
        ("unclosed flow sequences", "[".repeat(deep), not_modelled),
        (
            "flow mappings in a block",
            format!("a: {}1{}\n", "{a: ".repeat(deep), "}".repeat(deep)),
            not_modelled,
        ),
        (
            "compact block sequences",
            format!("{}x\n", "- ".repeat(deep)),
            not_modelled,
        ),
        (
            "flow in block",
            format!("a:\n  b: {}{}\n", "[".repeat(deep), "]".repeat(deep)),
            not_modelled,
        ),
        (
            "JSON arrays",
            format!("{{\"a\":{}{}}}\n", "[".repeat(deep), "]".repeat(deep)),
            "podlab: JSON nested deeper than 64 levels is not modelled",
        ),
        (
            "billion laughs",
            laughs,
            "error converting YAML to JSON: yaml: document contains excessive aliasing",
        ),
        (
            "fan-out",
            fanout,
            "error converting YAML to JSON: yaml: document contains excessive aliasing",
        ),
        (
            "NUL far after a syntax error",
            format!("a: b: c\n{}\n\0\n", "#".repeat(2000)),
            "error converting YAML to JSON: yaml: mapping values are not allowed in this context",
        ),
        (
            "NUL in a name",
            pod("x\0y"),
            "error converting YAML to JSON: yaml: control characters are not allowed",
        ),
        ("BOM", format!("\u{feff}{}", pod("a")), ""),
        ("CRLF", pod("a").replace('\n', "\r\n"), ""),
        ("lone CR", pod("a").replace('\n', "\r"), ""),
        ("U+FFFD first", format!("\u{fffd}{}", pod("a")), ""),
        ("U+FFFD in a name", pod("a\u{fffd}"), ""),
        (
            "non-ASCII keys",
            "é: ü\nmetadata: {labels: {ключ: 值}}\n".into(),
            "",
        ),
        (
            "huge numbers",
            "a: 99999999999999999999\nb: 1e400\nc: -0\nd: 0x10\ne: 9223372036854775808\n".into(),
            "",
        ),
        ("100 000 empty documents", "---\n".repeat(100_000), ""),
        ("a 10 MB name", pod(&"a".repeat(10_000_000)), ""),
        (
            "a 5 MB string",
            format!("a: \"{}\"\n", "x".repeat(5_000_000)),
            "",
        ),
        (
            "24 000 data keys",
            format!(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n{}",
                (0..24_000)
                    .map(|i| format!("  k{i}: v\n"))
                    .collect::<String>()
            ),
            "",
        ),
        (
            "100 000 containers",
            format!("{POD}{}", "  - {name: c, image: busybox}\n".repeat(100_000)),
            "podlab: a document of more than 50000 nodes is not modelled",
        ),
    ];
    for (name, text, expect) in cases {
        check_yaml(name, text, expect);
    }
}

/// client-go's JSONPath parser is a loop here: deep templates end.
#[test]
fn hostile_jsonpath_templates() {
    let cases: Vec<(String, Result<(), &str>)> = vec![
        (
            "{".repeat(100_000),
            Err("unrecognized character in action: U+007B '{'"),
        ),
        (
            format!("{}{}", "{range .a}".repeat(10_000), "{end}".repeat(10_000)),
            Ok(()),
        ),
        (
            format!("{{.a[?(@.b{}", "x".repeat(100_000)),
            Err("unterminated filter"),
        ),
        (format!("{{{}}}", "..a".repeat(10_000)), Ok(())),
    ];
    for (tpl, expect) in cases {
        let got = small_stack(move || object::check_jsonpath(&tpl));
        assert_eq!(
            got.as_ref().map_err(String::as_str),
            expect.as_ref().map_err(|e| *e)
        );
    }
}

/// haproxy.cfg: the first message HAProxy 2.6 gives, bounded work.
#[test]
fn hostile_haproxy_configs() {
    const BASE: &str = "global\n    maxconn 100\ndefaults\n    mode http\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\nfrontend f\n    bind :8080\n    default_backend b\nbackend b\n    server s1 127.0.0.1:9000\n";
    let many: String = (0..100_000)
        .map(|i| format!("backend b{i}\n    server s 127.0.0.1:{}\n", 9000 + i % 1000))
        .collect();
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "NUL",
            BASE.replace("maxconn 100", "maxconn 1\u{0}00"),
            "Stray NUL character at position 14.",
        ),
        (
            "a 10 MB comment",
            format!("{BASE}    # {}\n", "x".repeat(10_000_000)),
            "",
        ),
        (
            "bind :99999999999999999999",
            BASE.replace("bind :8080", "bind :99999999999999999999"),
            "'bind' : invalid port '99999999999999999999'",
        ),
        (
            "timeout 99999999999d",
            BASE.replace("timeout client 5s", "timeout client 99999999999d"),
            "timer overflow in argument '99999999999d' to 'timeout client' (maximum value is 2147483647 ms or ~24.8 days)",
        ),
        (
            "10 000 words",
            BASE.replace(
                "default_backend b",
                &format!(
                    "acl a path_beg /x\n    use_backend b if {}\n    default_backend b",
                    vec!["a"; 10_000].join(" ")
                ),
            ),
            "too many words, truncating after word 64, position 138: <a>.",
        ),
        (
            "10 000 bangs",
            BASE.replace(
                "default_backend b",
                &format!(
                    "acl a path_beg /x\n    use_backend b if {}a\n    default_backend b",
                    "!".repeat(10_000)
                ),
            ),
            "",
        ),
        ("100 000 backends", format!("{BASE}{many}"), ""),
    ];
    for (name, text, expect) in cases {
        let got = small_stack(move || {
            let cfg = config::parse(&text, Version::V2_6);
            cfg.messages
                .iter()
                .find(|m| m.fatal)
                .map(|m| m.text.clone())
                .unwrap_or_default()
        });
        assert_eq!(got, expect, "{name}");
    }
}

/// 24 000 unknown fields: one message each, each placed by one line index
/// of the file (it was made anew per message), and the output capped.
#[test]
fn many_unknown_fields() {
    let text = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{}",
        (0..24_000)
            .map(|i| format!("k{i}: v\n"))
            .collect::<String>()
    );
    let o = small_stack(move || {
        cli::apply(&[File {
            name: "k.yml".into(),
            text,
        }])
    });
    assert!(
        o.stderr
            .starts_with("k.yml:5:1: error: strict decoding error: unknown field \"k0\"\n")
    );
    assert!(o.stdout.len() + o.stderr.len() <= cli::OUTPUT_MAX);
}

/// `podlab apply` prints at most 1 MiB, however much the messages quote.
#[test]
fn apply_output_is_bounded() {
    // Files within workspace::MAX_READ whose messages quote their long
    // names several times each.
    let o = small_stack(|| {
        let files: Vec<File> = (0..6)
            .map(|i| File {
                name: format!("long{i}.yml"),
                text: pod(&"a".repeat(200_000)),
            })
            .collect();
        cli::apply(&files)
    });
    assert!(o.stdout.len() + o.stderr.len() <= cli::OUTPUT_MAX);
    assert!(o.stderr.ends_with("podlab: output cut at 1048576 bytes\n"));
    assert_eq!(o.code, 1);
}
