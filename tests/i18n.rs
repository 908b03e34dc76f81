//! Every text of podlab's own the UI shows comes from the catalogue
//! (`model::base::i18n`), so a text without a translation fails here: the
//! components and app.rs are scanned for string literals a person would
//! read (text nodes `{ "…" }` and `{ format!("…") }`, and the attributes
//! title, aria-label, placeholder, alt and label), and any with a word in it
//! must be on the short allow-list below (a program's name, a file's name, a
//! command podlab shows as typed, a unit). The catalogue's own completeness
//! is `i18n::tests::every_key_has_both_texts`; the chosen language on a page
//! is the browser test `lang_zh_tw_translates_the_chrome_not_the_tools`.

use std::fs;
use std::path::{Path, PathBuf};

/// Literals that are not podlab's words to translate: names, symbols,
/// commands as typed (tool input and output stay verbatim), units.
const ALLOWED: &[&str] = &[
    // The program's and a file's name.
    "podlab",
    "haproxy.cfg",
    // Commands as a terminal shows them.
    "$ kubectl apply -f {}",
    "$ kubectl get pods -o wide",
    "$ kubectl describe pod {}   # Events:",
    // A unit.
    "+{ms:.1} ms",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scanned() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("src/components"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.push(root().join("src/app.rs"));
    files.sort();
    files
}

/// The string literal starting at `s` (just after its opening quote): its
/// text, escapes kept as written.
fn literal(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return &s[..i],
            _ => i += 1,
        }
    }
    s
}

/// Whether the end of `before` is inside an unclosed `classes!(` on its
/// line.
fn in_classes(before: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.rfind("classes!(").is_some_and(|i| {
        let rest = &line[i..];
        rest.matches('(').count() > rest.matches(')').count()
    })
}

/// The literals a person would read, with their line numbers.
fn visible_literals(text: &str) -> Vec<(usize, String)> {
    // Test code is not shown.
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let attrs = ["title", "aria-label", "placeholder", "alt", "label"];
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('"') {
        // What comes before the quote, spaces skipped.
        let before = text[..at].trim_end();
        let brace = ["{", "{ format!(", "{format!("]
            .iter()
            .find(|p| before.ends_with(**p))
            .map(|p| before[..before.len() - p.len()].trim_end());
        // A brace after `=` is an attribute's value (handled below), and
        // one inside `classes!(…)` picks a class.
        let opens_text_node = brace.is_some_and(|b| !b.ends_with('=') && !in_classes(b));
        let attr = attrs.iter().any(|a| {
            [
                format!("{a}="),
                format!("{a}={{format!("),
                format!("{a}={{ format!("),
            ]
            .iter()
            .any(|p| {
                before.ends_with(p.as_str())
                    && before[..before.len() - p.len()]
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_whitespace())
            })
        });
        // Only the opening quote of a literal: the one before it closes
        // nothing on this token (a closing quote is followed by text, not
        // preceded by `{` or `=`).
        if (opens_text_node || attr) && bytes.get(at.wrapping_sub(1)) != Some(&b'\\') {
            let lit = literal(&text[at + 1..]);
            // A match arm's pattern (`match key { "ArrowRight" => …`) is
            // compared, not shown.
            let after = text.get(at + 2 + lit.len()..).unwrap_or("").trim_start();
            if !after.starts_with("=>") {
                out.push((line_of(at), lit.to_string()));
            }
        }
    }
    out
}

/// Whether a literal has a word in it: two letters in a row once the
/// format placeholders (`{}`, `{name}`, `{x:.1}`) are taken out.
fn has_words(lit: &str) -> bool {
    let mut plain = String::new();
    let mut depth = 0;
    for c in lit.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let chars: Vec<char> = plain.chars().collect();
    chars
        .windows(2)
        .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic())
}

fn untranslated(path: &Path, text: &str) -> Vec<String> {
    visible_literals(text)
        .into_iter()
        .filter(|(_, lit)| has_words(lit) && !ALLOWED.contains(&lit.as_str()))
        .map(|(line, lit)| format!("{}:{line}: {lit:?}", path.display()))
        .collect()
}

#[test]
fn components_show_no_text_outside_the_catalogue() {
    let mut bad = Vec::new();
    for f in scanned() {
        let text = fs::read_to_string(&f).unwrap();
        bad.extend(untranslated(&f, &text));
    }
    assert!(
        bad.is_empty(),
        "text shown without the catalogue (model::base::i18n, add a Key), or add it to ALLOWED if it is a name, a command or a symbol:\n{}",
        bad.join("\n")
    );
}

/// The scan finds what it is meant to find, and lets through what is not
/// text: class names, test ids, symbols, keys, catalogue lookups.
#[test]
fn the_scan_finds_literal_text() {
    let check = |src: &str, expect: &[&str]| {
        let got: Vec<String> = untranslated(Path::new("x.rs"), src)
            .into_iter()
            .map(|l| l.split_once(": ").unwrap().1.to_string())
            .collect();
        let want: Vec<String> = expect.iter().map(|e| format!("{e:?}")).collect();
        assert_eq!(got, want, "{src}");
    };
    check(r#"html! { <h2>{ "Console" }</h2> }"#, &["Console"]);
    check(
        r#"html! { <p>{ "Press “Run” to run." }</p> }"#,
        &["Press “Run” to run."],
    );
    check(
        r#"<button title="Stop the command">"#,
        &["Stop the command"],
    );
    check(
        r#"<input aria-label="console command" />"#,
        &["console command"],
    );
    check(
        r#"<input placeholder="kubectl get pods" />"#,
        &["kubectl get pods"],
    );
    check(
        r#"<summary>{ format!("Why is {} not ready?", p) }</summary>"#,
        &["Why is {} not ready?"],
    );
    check(r#"<div title={format!("hop {k}")}>"#, &["hop {k}"]);
    check(r#"<p>{ "說明" }</p>"#, &["說明"]);
    check(r#"let j = match key { "ArrowRight" => 1, _ => 0 };"#, &[]);
    check(
        r#"{ if p { "❚❚ pause" } else { "▶ play" } }"#,
        &["❚❚ pause", "▶ play"],
    );
    // Not text: classes, ids, symbols, placeholders only, lookups, names.
    check(
        r#"<div class="notice warn" data-testid="x" key="running" id="arrow">{ "$ " }{ "⎈" }{ " — " }"#,
        &[],
    );
    check(
        r#"<span>{ format!("{}:{}", a, b) }</span>{ format!("$ {cmd}") }"#,
        &[],
    );
    check(
        r#"<h2>{ Key::Console.text(lang) }</h2><h1>{ "podlab" }</h1>"#,
        &[],
    );
    check(
        r#"<div class={classes!("verdict", if ok { "ok" } else { "bad" })} data-testid={format!("tab-{}", n)}>"#,
        &[],
    );
    check(
        r#"#[cfg(test)] mod t { fn f() -> Html { html! { { "Hello" } } } }"#,
        &[],
    );
}
