//! The fuzz targets' logic, as plain functions from bytes to nothing: each
//! takes what a learner could type (manifests, an haproxy.cfg, a console
//! line, a sequence of edits and clock ticks) down the same path the app and
//! the `podlab` command take, and must return without panicking, overflowing
//! the stack or hanging. `fuzz/fuzz_targets/` (cargo-fuzz, nightly) calls
//! them with libFuzzer's inputs; `tests/fuzz_regressions.rs` replays the
//! committed seeds and crash inputs through them on stable Rust. It lives
//! beside the UI, not in the model, because the edits target drives the UI's
//! own reducer ([`State::apply`]) and the view's layout, which sit above
//! every model layer.
//!
//! Inputs are bytes: text is decoded lossily (invalid UTF-8 becomes U+FFFD),
//! so every input reaches the parsers. The budgets are the app's own except
//! where a comment says the fuzzers use less (to keep executions fast; the
//! aim is panics, stack overflows, overflow checks and hangs, not answers).

use crate::model::base::time::{SimDuration, WallClock};
use crate::model::lang::haproxy::cli as haproxy_cli;
use crate::model::project::cfgsync;
use crate::model::project::cli;
use crate::model::project::presets;
use crate::model::project::workspace::{self, CFG_KEY, File};
use crate::model::sim::cluster::{CState, Cluster, TerminatedReason};
use crate::model::tools::console;
use crate::model::view::{layout, topology};
use crate::state::{Action, State};

/// Splits the manifests target's input into files: one file per
/// NUL-separated part.
pub const FILE_SEPARATOR: u8 = 0;

/// At most this many files per manifests input (the seed lab has three);
/// fewer files keep an execution short.
pub const MAX_FILES: usize = 4;

/// The names the manifests target gives its files.
fn file_name(i: usize) -> String {
    format!("fuzz-{i}.yml")
}

/// Bytes to text as a learner's paste would arrive: invalid UTF-8 replaced.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Every container running, or done: what `podlab run` waits for.
fn settled(cl: &Cluster) -> bool {
    cl.pods.values().all(|p| {
        p.containers.iter().all(|c| {
            matches!(c.state, CState::Running { .. })
                || matches!(&c.state, CState::Terminated(t) if t.reason == TerminatedReason::Completed)
        })
    })
}

/// Let the pods settle as `podlab run` does: half a second at a time until
/// every container runs or is done, or [`cli::SETTLE_MAX`] passed.
fn settle(cl: &mut Cluster) {
    let deadline = cl.now + cli::SETTLE_MAX;
    while cl.now < deadline && !settled(cl) {
        cl.advance(SimDuration::from_millis(500));
    }
}

/// Draw the diagram as the app does after every action.
fn draw(cl: &Cluster) {
    let _ = layout::layout(&topology::derive(cl, "default"));
}

/// The files of a manifests input: NUL-separated parts, at most
/// [`MAX_FILES`] (the last part keeps any further separators).
pub fn manifest_files(data: &[u8]) -> Vec<File> {
    data.splitn(MAX_FILES, |b| *b == FILE_SEPARATOR)
        .enumerate()
        .map(|(i, part)| File {
            name: file_name(i),
            text: text(part),
        })
        .collect()
}

/// The bytes of a manifests input that [`manifest_files`] splits into
/// `files` (for writing seeds).
pub fn manifest_input(files: &[File]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, f) in files.iter().enumerate() {
        if i > 0 {
            out.push(FILE_SEPARATOR);
        }
        out.extend_from_slice(f.text.as_bytes());
    }
    out
}

/// Manifests: `podlab apply` on the files (YAML, decode, validate, what
/// kubectl's apply answers), then the workspace's analysis and build as the
/// app does, the pods settled as `podlab run` settles them, and the diagram
/// drawn.
pub fn manifests(data: &[u8]) {
    let files = manifest_files(data);
    let _ = cli::apply(&files);
    let analysis = workspace::analyze(&files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    settle(&mut cl);
    draw(&cl);
}

/// haproxy.cfg: `haproxy -c -f haproxy.cfg` on the text, then the text as
/// the seed lab's ConfigMap value (as the haproxy.cfg pane writes it), the
/// lab built and settled, and the lab's check run through HAProxy.
pub fn haproxy_cfg(data: &[u8]) {
    let cfg = text(data);
    let args: Vec<String> = ["-c", "-f", CFG_KEY].map(String::from).to_vec();
    let _ = haproxy_cli::run(&args, &mut |_| Ok(cfg.clone()));
    let mut files = workspace::seed();
    let (fi, binding) = files
        .iter()
        .enumerate()
        .find_map(|(i, f)| cfgsync::find(&f.text, CFG_KEY).map(|b| (i, b)))
        .expect("the seed lab has a haproxy.cfg");
    files[fi].text = cfgsync::set(&files[fi].text, &binding, &cfg);
    let analysis = workspace::analyze(&files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    settle(&mut cl);
    let _ = workspace::check(&mut cl);
    draw(&cl);
}

thread_local! {
    /// The seed lab, applied and settled: built once per thread (a
    /// `Cluster` holds `Rc`s), cloned per input.
    static SETTLED_SEED: (Vec<File>, Cluster) = {
        let files = workspace::seed();
        let mut cl = workspace::build(&workspace::analyze(&files), WallClock::TEST);
        settle(&mut cl);
        (files, cl)
    };
}

/// Console: Tab completion on the line, then the line run on the settled
/// seed lab as the console runs it.
pub fn console(data: &[u8]) {
    let line = text(data);
    let (files, mut cl) = SETTLED_SEED.with(|s| s.clone());
    let _ = console::complete(&cl, &files, &line);
    let _ = console::run(&mut cl, &files, &line);
    draw(&cl);
}

/// At most this many operations per edits input: each edit rebuilds the
/// cluster, so a longer sequence mostly repeats work.
pub const MAX_OPS: usize = 24;

/// The clock's skip buttons, in seconds (components/app_header.rs).
pub const SKIPS: [u64; 3] = [10, 60, 300];

/// Reads an edits input: bytes and little-endian numbers, zero past the end.
struct Reader<'a> {
    data: &'a [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    /// A length byte, then that many bytes as text.
    fn text(&mut self) -> String {
        let n = usize::from(self.byte()).min(self.data.len());
        let (t, rest) = self.data.split_at(n);
        self.data = rest;
        text(t)
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `s` with the bytes from `at` (clamped to a char boundary) up to `del`
/// bytes further (clamped likewise) replaced by `ins`: a keystroke or a
/// paste in an editor.
fn splice(s: &str, at: usize, del: usize, ins: &str) -> String {
    let a = floor_boundary(s, at);
    let b = floor_boundary(s, a.saturating_add(del)).max(a);
    let mut out = String::with_capacity(s.len() + ins.len());
    out.push_str(&s[..a]);
    out.push_str(ins);
    out.push_str(&s[b..]);
    out
}

/// One edit, as the ops of an edits input decode it.
fn edit(r: &mut Reader, old: &str) -> String {
    let at = usize::from(r.u16());
    let del = usize::from(r.byte() % 64);
    let ins = r.text();
    splice(old, at, del, &ins)
}

thread_local! {
    /// The app's starting state (the seed lab at time zero), built once per
    /// thread (a `State` holds `Rc`s) and cloned per input.
    static START: State = State::new(workspace::seed(), 0, WallClock::TEST);
}

/// Edits: a sequence of operations through the UI's own reducer,
/// [`State::apply`], from the app's starting state. Each op is one byte
/// (its value mod 8 says which) and its operands:
/// 0. edit a manifest: file (byte), offset (u16, clamped to a char
///    boundary), bytes to delete (byte mod 64), text to insert (length
///    byte, then the bytes);
/// 1. a clock tick of 4·`n` ms (byte), as the app's interval sends (250 ms
///    each while playing; a slow frame makes it longer);
/// 2. a console line (length byte, then the bytes), run to its end as the
///    app's timer resumes it;
/// 3. reset to the preset's files;
/// 4. edit the haproxy.cfg pane, operands as for 0 without the file;
/// 5. a skip on the clock, one of the header's buttons ([`SKIPS`], byte:
///    which);
/// 6. load a preset (byte: which);
/// 7. run the preset's check, or toggle play (byte even or odd).
///
/// At most [`MAX_OPS`] ops are read.
pub fn edits(data: &[u8]) {
    let mut s = START.with(State::clone);
    let all = presets::all();
    let mut r = Reader { data };
    for _ in 0..MAX_OPS {
        if r.data.is_empty() {
            break;
        }
        let action = match r.byte() % 8 {
            0 => {
                let n = s.files.len().max(1);
                let file = usize::from(r.byte()) % n;
                let old = s.files.get(file).map_or("", |f| f.text.as_str());
                let text = edit(&mut r, old);
                Action::Edit { file, text }
            }
            1 => Action::Tick(SimDuration::from_millis(u64::from(r.byte()) * 4)),
            2 => Action::Console(r.text()),
            3 => Action::Reset,
            4 => {
                let old = s
                    .analysis
                    .cfg
                    .as_ref()
                    .map_or(String::new(), |c| c.binding.value.clone());
                Action::EditCfg(edit(&mut r, &old))
            }
            5 => Action::Skip(SimDuration::from_secs(
                SKIPS[usize::from(r.byte()) % SKIPS.len()],
            )),
            6 => {
                let p = &all[usize::from(r.byte()) % all.len()];
                Action::LoadPreset(p.id.to_string())
            }
            _ => {
                if r.byte().is_multiple_of(2) {
                    Action::RunCheck
                } else {
                    Action::TogglePlay
                }
            }
        };
        let console = matches!(action, Action::Console(_));
        s = s.apply(action);
        if console {
            s = s.finish_lines();
        }
    }
}

/// A fuzz target: one input, no answer; it must return.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, as `fuzz/fuzz_targets/` and
/// `tests/fuzz_regressions.rs` name them.
pub const TARGETS: [(&str, Target); 4] = [
    ("manifests", manifests),
    ("haproxy_cfg", haproxy_cfg),
    ("console", console),
    ("edits", edits),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_cuts_at_char_boundaries() {
        for (s, at, del, ins, expect) in [
            ("abc", 1, 1, "X", "aXc"),
            ("abc", 99, 5, "X", "abcX"),
            ("é", 1, 0, "X", "Xé"),
            ("aéb", 2, 1, "", "aéb"),
            ("aéb", 1, 1, "", "aéb"),
            ("aéb", 1, 2, "", "ab"),
        ] {
            assert_eq!(splice(s, at, del, ins), expect, "{s:?} {at} {del} {ins:?}");
        }
    }

    #[test]
    fn manifest_input_splits_back_into_its_files() {
        let seed = workspace::seed();
        let back = manifest_files(&manifest_input(&seed));
        let texts = |f: &[File]| f.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&back), texts(&seed));
    }
}
