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
