//! Architecture tests, in the manner of rust-analyzer's tidy: the rules
//! ARCHITECTURE.md states are checked here, so breaking one fails the build.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Code lines: comments and doc comments are not code.
fn code(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_model_imports_neither_yew_nor_web_sys() {
    for f in rust_files(&root().join("src/model")) {
        let text = code(&fs::read_to_string(&f).unwrap());
        for banned in [
            "yew",
            "web_sys",
            "wasm_bindgen",
            "js_sys",
            "gloo",
            "crate::app",
            "crate::state",
            "crate::components",
        ] {
            assert!(
                !text.contains(&format!("{banned}::")) && !text.contains(&format!("use {banned}")),
                "{} uses {banned}: the model must not depend on the UI",
                f.display()
            );
        }
    }
}

#[test]
fn the_model_reads_no_clock_and_iterates_no_hash_map() {
    for f in rust_files(&root().join("src/model")) {
        let text = code(&fs::read_to_string(&f).unwrap());
        for banned in [
            "Instant::now",
            "SystemTime",
            "HashMap",
            "HashSet",
            "thread_rng",
            "std::fs",
            "std::net::TcpStream",
        ] {
            assert!(
                !text.contains(banned),
                "{} uses {banned}: the model is sans-IO and deterministic",
                f.display()
            );
        }
    }
}

#[test]
fn every_module_opens_with_a_doc_paragraph() {
    for dir in ["src", "tests"] {
        for f in rust_files(&root().join(dir)) {
            let text = fs::read_to_string(&f).unwrap();
            assert!(
                text.starts_with("//!"),
                "{} does not open with a //! paragraph",
                f.display()
            );
        }
    }
}

#[test]
fn one_component_per_file() {
    for f in rust_files(&root().join("src/components")) {
        if f.ends_with("mod.rs") {
            continue;
        }
        let text = fs::read_to_string(&f).unwrap();
        assert_eq!(
            text.matches("#[component]").count(),
            1,
            "{} must hold exactly one #[component]",
            f.display()
        );
    }
}

/// The model's layers, lowest first (ARCHITECTURE.md): a file imports from
/// its own layer or from one below, never from one above.
const LAYERS: [&str; 6] = ["base", "lang", "sim", "tools", "project", "view"];

/// A model file's module path below `model`: `src/model/lang/kube/raw.rs` is
/// `["lang", "kube", "raw"]`.
fn module_path(file: &Path) -> Vec<String> {
    let rel = file
        .strip_prefix(root().join("src/model"))
        .expect("a model file");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(".rs").to_string();
    }
    parts
}

/// The module paths a file refers to (`crate::model::…`, `super::…`,
/// `self::…`, grouped `{a, b}` included), resolved against the module the
/// text sits in. Code after `#[cfg(test)]` counts only when `with_tests`.
fn references(file: &Path, text: &str, with_tests: bool) -> Vec<Vec<String>> {
    let me = module_path(file);
    let mut out = Vec::new();
    let mut inline_mod = false;
    for line in code(text).lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            if !with_tests {
                break;
            }
            continue;
        }
        // Inside an inline `mod x { … }`, `super` is this file itself.
        if (t.starts_with("mod ") || t.starts_with("pub mod ") || t.starts_with("pub(crate) mod "))
            && t.ends_with('{')
        {
            inline_mod = true;
        }
        for (prefix, base) in [
            ("crate::model::", Vec::new()),
            ("super::", {
                let mut b = me.clone();
                if !inline_mod {
                    b.pop();
                }
                b
            }),
            ("self::", me.clone()),
        ] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().last();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let mut path = base.clone();
                let mut tail = rest;
                loop {
                    let seg: String = tail
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if seg.is_empty() {
                        break;
                    }
                    if seg == "super" {
                        path.pop();
                    } else {
                        path.push(seg.clone());
                    }
                    tail = &tail[seg.len()..];
                    match tail.strip_prefix("::") {
                        Some(t) => tail = t,
                        None => break,
                    }
                }
                if let Some(group) = tail.strip_prefix('{') {
                    let group = group.split('}').next().unwrap_or("");
                    for item in group.split(',') {
                        let seg: String = item
                            .trim()
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        if !seg.is_empty() && seg != "self" {
                            let mut p = path.clone();
                            p.push(seg);
                            out.push(p);
                        }
                    }
                }
                out.push(path);
            }
        }
    }
    out
}

/// The model's import graph between files: (from, to) module paths, each
/// reference resolved to the deepest module file it names.
fn model_imports(with_tests: bool) -> std::collections::BTreeSet<(String, String)> {
    let files = rust_files(&root().join("src/model"));
    let modules: std::collections::BTreeSet<Vec<String>> =
        files.iter().map(|f| module_path(f)).collect();
    let mut edges = std::collections::BTreeSet::new();
    for f in &files {
        let me = module_path(f);
        let text = fs::read_to_string(f).unwrap();
        for r in references(f, &text, with_tests) {
            let Some(target) = (1..=r.len())
                .rev()
                .map(|n| r[..n].to_vec())
                .find(|p| modules.contains(p))
            else {
                continue;
            };
            // A module's own children and itself are not imports.
            if target.starts_with(&me) || me.len() < 2 {
                continue;
            }
            edges.insert((me.join("::"), target.join("::")));
        }
    }
    edges
}

fn layer_of(module: &str) -> Option<usize> {
    let first = module.split("::").next()?;
    LAYERS.iter().position(|l| *l == first)
}

#[test]
fn model_files_import_only_their_layer_or_below() {
    let mut wrong = Vec::new();
    for (from, to) in model_imports(true) {
        if let (Some(a), Some(b)) = (layer_of(&from), layer_of(&to))
            && b > a
        {
            wrong.push(format!("{from} → {to}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layer order {LAYERS:?}:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn model_files_import_each_other_without_cycles() {
    let edges = model_imports(false);
    let mut graph: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (a, b) in &edges {
        graph.entry(a).or_default().push(b);
    }
    // Tarjan's strongly connected components: any with two or more files is
    // a cycle.
    struct Tarjan<'a> {
        graph: &'a std::collections::BTreeMap<&'a str, Vec<&'a str>>,
        index: std::collections::BTreeMap<&'a str, (usize, usize)>,
        stack: Vec<&'a str>,
        on_stack: std::collections::BTreeSet<&'a str>,
        next: usize,
        cycles: Vec<Vec<&'a str>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            self.index.insert(v, (self.next, self.next));
            self.next += 1;
            self.stack.push(v);
            self.on_stack.insert(v);
            for &w in self.graph.get(v).map(Vec::as_slice).unwrap_or(&[]) {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[v].1.min(self.index[w].1);
                    self.index.get_mut(v).unwrap().1 = low;
                } else if self.on_stack.contains(w) {
                    let low = self.index[v].1.min(self.index[w].0);
                    self.index.get_mut(v).unwrap().1 = low;
                }
            }
            if self.index[v].0 == self.index[v].1 {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    comp.sort();
                    self.cycles.push(comp);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph: &graph,
        index: Default::default(),
        stack: Vec::new(),
        on_stack: Default::default(),
        next: 0,
        cycles: Vec::new(),
    };
    for &v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    let cycles: Vec<String> = t.cycles.iter().map(|c| c.join(" ↔ ")).collect();
    assert!(
        cycles.is_empty(),
        "import cycles between model files:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn one_module_style_foo_rs_beside_foo_folder() {
    for f in rust_files(&root().join("src")) {
        assert!(
            !f.ends_with("mod.rs"),
            "{}: podlab uses `foo.rs` beside `foo/`, not `foo/mod.rs`",
            f.display()
        );
    }
}
