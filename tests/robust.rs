//! No input can panic the model: thousands of mangled versions of the lab's
//! files go through everything the app runs on an edit (analysis, cluster,
//! clock, the check, the diagram), and through the haproxy.cfg pane's
//! rewrite. Deterministic: a fixed linear congruential generator picks the
//! mutations.

use podlab::model::base::time::{SimTime, WallClock};
use podlab::model::project::cfgsync;
use podlab::model::project::workspace::{self, File};
use podlab::model::view::layout;
use podlab::model::view::topology;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        // Knuth's MMIX constants.
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const JUNK: &[&str] = &[
    "",
    " ",
    "\t",
    "\n",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "|",
    "|-",
    ">",
    "&a",
    "*a",
    "#",
    "!!str",
    "~",
    "0",
    "-1",
    "99999999999999999999",
    "é",
    "\u{0}",
    "\r\n",
    "---\n",
    "...\n",
    "  ",
    "80",
    "true",
    "null",
    "${X}",
    "\\",
];

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(12)).min(chars.len());
                chars.drain(at..end);
            }
            1 => {
                let junk = JUNK[rng.below(JUNK.len())];
                for (k, c) in junk.chars().enumerate() {
                    chars.insert(at + k, c);
                }
            }
            2 => chars.truncate(at),
            _ => {
                // Duplicate a slice somewhere else (repeats keys, lines).
                let end = (at + rng.below(40)).min(chars.len());
                let piece: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                for (k, c) in piece.into_iter().enumerate() {
                    chars.insert(to + k, c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Everything an edit makes the app do.
fn run(files: &[File]) {
    let analysis = workspace::analyze(files);
    let mut c = workspace::build(&analysis, WallClock::TEST);
    c.advance_to(SimTime::from_secs(40));
    let _ = workspace::check(&mut c);
    let g = layout::layout(&topology::derive(&c, "default"));
    assert!(g.height > 0.0);
}

#[test]
fn mangled_manifests_never_panic() {
    let seed = workspace::seed();
    let mut rng = Lcg(0x5eed);
    for _ in 0..1500 {
        let mut files = seed.clone();
        let i = rng.below(files.len());
        files[i].text = mutate(&files[i].text, &mut rng);
        run(&files);
    }
}

#[test]
fn mangled_haproxy_configs_never_panic() {
    let seed = workspace::seed();
    let cm = &seed[1].text;
    let b = cfgsync::find(cm, workspace::CFG_KEY).expect("seed binding");
    let mut rng = Lcg(0xc0ffee);
    for _ in 0..1500 {
        let value = mutate(&b.value, &mut rng);
        let text = cfgsync::set(cm, &b, &value);
        let back =
            cfgsync::find(&text, workspace::CFG_KEY).expect("still a ConfigMap with the key");
        assert_eq!(back.value, value, "the pane's text survives the round trip");
        let mut files = seed.clone();
        files[1].text = text;
        run(&files);
        // `podlab haproxy -c` and the keyword under every cursor position.
        let args: Vec<String> = ["-c", "-f", "x.cfg"].map(String::from).to_vec();
        let _ = podlab::model::lang::haproxy::cli::run(&args, &mut |_| Ok(value.clone()));
        for offset in (0..=value.len()).step_by(7) {
            let _ = podlab::model::lang::haproxy::keywords::keyword_at(&value, offset);
        }
    }
}

/// Regression: a mangled command (`sleeptainer\n 3600`) made busybox's loop
/// spin on missing commands with no sleep; the model resumed it every
/// millisecond and its log grew by gigabytes. A failed exec now costs ash
/// about a millisecond, logs rotate at containerLogMaxSize, and a process
/// that never sleeps runs at its Pace.
#[test]
fn a_loop_of_missing_commands_logs_at_a_realistic_rate() {
    let mut files = workspace::seed();
    files[2].text = files[2].text.replace("sleep 3600", "sleeptainer\n 3600");
    let analysis = workspace::analyze(&files);
    let mut c = workspace::build(&analysis, WallClock::TEST);
    c.advance_to(SimTime::from_secs(40));
    let logs = c.pod("default", "busybox").unwrap().containers[0].logs_text(false);
    let lines = logs.lines().count();
    assert!(
        logs.starts_with("sh: sleeptainer: not found\nsh: sleeptainer: not found\n"),
        "{}",
        &logs[..logs.len().min(200)]
    );
    // A failed exec per millisecond while it runs; but the loop never
    // sleeps, so its Pace (sim/cluster/process.rs, issue 10) holds it to a
    // hundred runs of ten failed execs per window, the windows beginning
    // 0, 1 and 9 s after it started: 3000 lines by 40 s, where it logged
    // 35 000 before the cap (a day of it is seven windows, not 86 million
    // lines).
    assert_eq!(lines, 3000, "{lines} lines");
}
