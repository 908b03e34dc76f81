//! The fuzzers' corpora replayed on stable Rust: every committed seed
//! (`fuzz/seeds/<target>/`) and every crash input a fuzzer found and that
//! is fixed (`fuzz/regressions/<target>/`) goes through the same function
//! the cargo-fuzz target calls (`podlab::fuzzing`), and must return without
//! a panic. Inputs whose fix has not landed wait in `fuzz/pending/`, which
//! is not replayed. scripts/fuzz.sh runs the fuzzers themselves.

use std::fs;
use std::path::{Path, PathBuf};

use podlab::fuzzing::TARGETS;

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Run every input under `fuzz/KIND/<target>/` through its target; a panic
/// names the input file.
fn replay(kind: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind);
    let mut n = 0;
    for (name, target) in TARGETS {
        for p in inputs(&root.join(name)) {
            let data = fs::read(&p).unwrap();
            let r = std::panic::catch_unwind(|| target(&data));
            assert!(r.is_ok(), "{name} panicked on {}", p.display());
            n += 1;
        }
    }
    n
}

#[test]
fn the_seed_corpora_run_without_a_panic() {
    assert!(replay("seeds") > 0, "no seeds under fuzz/seeds/");
}

#[test]
fn the_crash_inputs_the_fuzzers_found_run_without_a_panic() {
    replay("regressions");
}

/// Every target name has its cargo-fuzz target and its seeds, so that
/// neither side goes missing unnoticed.
#[test]
fn every_target_has_a_fuzz_target_and_seeds() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, _) in TARGETS {
        let src = fs::read_to_string(fuzz.join("fuzz_targets").join(format!("{name}.rs")))
            .unwrap_or_else(|e| panic!("fuzz/fuzz_targets/{name}.rs: {e}"));
        assert!(
            src.contains(&format!("podlab::fuzzing::{name}(data)")),
            "fuzz/fuzz_targets/{name}.rs does not call podlab::fuzzing::{name}"
        );
        assert!(
            !inputs(&fuzz.join("seeds").join(name)).is_empty(),
            "fuzz/seeds/{name}/ is empty"
        );
    }
}
