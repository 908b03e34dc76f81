//! A request's hops in Traditional Chinese: every caption of the lab's
//! check and of each preset's demonstration, working and broken the ways a
//! learner breaks them, renders in zh-TW with no English sentence left. The
//! tools' words and the names inside a caption come in as values
//! (`Arg::Text`) and stay verbatim; what is left, podlab's own words, may hold
//! only the Kubernetes and HAProxy nouns the catalogue keeps in English.

use podlab::model::base::i18n::{Arg, Key, Lang, Msg};
use podlab::model::base::time::{SimTime, WallClock};
use podlab::model::project::presets;
use podlab::model::project::workspace;
use podlab::model::sim::cluster::wire::Hop;

/// Words podlab's Chinese captions keep in English: HAProxy's keywords and
/// the names of the programs (as the catalogue's header says).
const KEPT: &[&str] = &[
    "HAProxy",
    "HTTP",
    "backend",
    "connect",
    "default_backend",
    "deny",
    "frontend",
    "http-request",
    "legacy-fruit-service",
    "nginx",
    "option",
    "redirect",
    "redispatch",
    "return",
    "server",
    "timeout",
    "use_backend",
    "volume",
];

/// The message with every value as written (names, tool text) blanked.
fn own_words(m: &Msg) -> Msg {
    fn blank(a: &Arg) -> Arg {
        match a {
            Arg::Text(_) => Arg::Text(String::new()),
            Arg::Msg(m) => Arg::Msg(own_words(m)),
            Arg::List(items) => Arg::List(items.iter().map(blank).collect()),
        }
    }
    Msg {
        key: m.key,
        args: m.args.iter().map(|(n, a)| (*n, blank(a))).collect(),
    }
}

/// The English words of 4 or more letters in `text` that the catalogue
/// does not keep.
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphabetic() || c == '_' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '-' || c == '_'))
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 4)
        .filter(|w| !KEPT.contains(w))
        .map(str::to_string)
        .collect()
}

/// What [`english_words`] finds in a caption's own words in zh-TW.
fn english_left(h: &Hop) -> Vec<String> {
    english_words(&own_words(&h.text).render(Lang::ZhTw))
}

/// The hops of `preset`'s demonstration with `edits` applied, at 20 s.
fn hops(preset: &str, edits: &[(&str, &str)]) -> Vec<Hop> {
    let p = presets::by_id(preset).unwrap();
    let mut files = p.files.clone();
    for (from, to) in edits {
        assert!(
            files.iter().any(|f| f.text.contains(from)),
            "{preset}: {from:?}"
        );
        for f in &mut files {
            f.text = f.text.replace(from, to);
        }
    }
    let mut c = workspace::build(&workspace::analyze(&files), WallClock::TEST);
    c.advance_to(SimTime::from_secs(20));
    presets::demonstrate(&p.demo, &mut c).trace
}

/// Check every hop of `preset`'s demonstration; the keys of its captions.
fn check(preset: &str, edits: &[(&str, &str)]) -> Vec<Key> {
    let hs = hops(preset, edits);
    for h in &hs {
        let left = english_left(h);
        assert!(
            left.is_empty(),
            "{preset} {edits:?}: {:?} leaves {left:?} in {:?}",
            h.text.en(),
            h.text.render(Lang::ZhTw)
        );
    }
    hs.iter().map(|h| h.text.key).collect()
}

#[test]
fn every_hop_of_every_demonstration_renders_in_chinese() {
    let mut n = 0;
    for p in presets::all() {
        n += check(p.id, &[]).len();
    }
    assert!(n > 10, "the demonstrations make hops: {n}");
}

#[test]
fn the_lab_broken_renders_its_hops_in_chinese() {
    let mut seen = std::collections::BTreeSet::new();
    for edits in [
        // haproxy.cfg's server where nothing listens: refusals, retries, 503.
        &[("127.0.0.1:8775 maxconn", "127.0.0.1:8776 maxconn")][..],
        // HAProxy binding another port than the one curl uses.
        &[("bind *:80", "bind *:81")],
        // A server without a port: the connection loops.
        &[("127.0.0.1:8775 maxconn", "127.0.0.1 maxconn")],
        // Rules that answer before any server.
        &[("bind *:80", "bind *:80\n        http-request deny")],
        &[(
            "bind *:80",
            "bind *:80\n        http-request return status 200",
        )],
        &[("bind *:80", "bind *:80\n        redirect location /x")],
        // Bytes forwarded untouched.
        &[("mode http", "mode tcp")],
        // A server name nothing resolves.
        &[("127.0.0.1:8775 maxconn", "nowhere.invalid:8775 maxconn")],
        // Retries past what the trace shows one by one.
        &[
            ("127.0.0.1:8775 maxconn", "127.0.0.1:8776 maxconn"),
            ("mode http", "mode http\n        retries 20"),
        ],
    ] {
        let keys = check("ambassador", edits);
        assert!(keys.len() > 1, "{edits:?}");
        seen.extend(keys);
    }
    // The broken runs reach HAProxy's failures, not just the happy path.
    for k in [
        Key::HopRefused,
        Key::HopRefusedMore,
        Key::HopRetriesLeft,
        Key::HopLoops,
        Key::HopToServerNoPort,
        Key::HopDeny,
        Key::HopRedirect,
    ] {
        assert!(seen.contains(&k), "{k:?} in {seen:?}");
    }
}

/// The check can fail: an English sentence in podlab's own words is found,
/// names and tool text passed as values are not.
#[test]
fn english_left_finds_english_and_spares_values() {
    let hop = |text: Msg| Hop {
        at: SimTime::from_secs(0),
        pod: "p".into(),
        container: None,
        text,
        outcome: podlab::model::base::outcome::Outcome::Passed,
        volume: None,
    };
    let status = Key::HopReceives
        .msg()
        .arg("status", "503 Service Unavailable");
    assert!(english_left(&hop(status.clone())).is_empty());
    assert_eq!(status.en(), "receives 503 Service Unavailable");
    // The same caption's own words in English are caught: a key whose
    // Chinese text were left in English would fail.
    let own = own_words(
        &Key::HopRefusedMore
            .msg()
            .arg("addr", "10.0.0.1:80")
            .arg("left", 3)
            .arg("delay", "1s"),
    );
    assert_eq!(
        english_words(&own.render(Lang::En)),
        ["Connection", "refused", "more", "times", "apart"]
    );
    assert!(english_words(&own.render(Lang::ZhTw)).is_empty());
}
