//! The legacy fruit service (`linuxacademycontent/legacy-fruit-service:1`):
//! hard-coded to port 8775, it answers every GET with a JSON list of fruit.
//! The body is the one the lab's transcript shows (fidelity.md); its headers,
//! other paths and methods are unknown, so podlab makes a plain choice
//! (application/json, the same answer for every GET) and ARCHITECTURE.md says so.

use std::net::{IpAddr, Ipv4Addr};

use crate::model::base::http::Request;
use crate::model::base::http::Response;
use crate::model::base::i18n::Key as Say;
use crate::model::base::net::conn::Reply;
use crate::model::base::outcome::Outcome;
use crate::model::base::time::{SimDuration, SimTime};
use crate::model::sim::cluster::process::{EXIT_AFTER, Process, Program, Started, set_process};
use crate::model::sim::cluster::wire::{Hop, bind};
use crate::model::sim::cluster::{Cluster, Key};

/// The only port the legacy app serves on.
pub const PORT: u16 = 8775;

/// How long the app takes to answer, chosen so that curl's figures come out
/// as in the lab's transcript (1360 bytes at an average of 370k: about 3.6 ms).
pub const LATENCY: SimDuration = SimDuration::from_micros(3_500);

/// The 81 fruits, in the order the service lists them.
pub const FRUITS: [&str; 81] = [
    "apple",
    "apricot",
    "avocado",
    "banana",
    "bell pepper",
    "bilberry",
    "blackberry",
    "blackcurrant",
    "blood orange",
    "blueberry",
    "boysenberry",
    "breadfruit",
    "canary melon",
    "cantaloupe",
    "cherimoya",
    "cherry",
    "chili pepper",
    "clementine",
    "cloudberry",
    "coconut",
    "cranberry",
    "cucumber",
    "currant",
    "damson",
    "date",
    "dragonfruit",
    "durian",
    "eggplant",
    "elderberry",
    "feijoa",
    "fig",
    "goji berry",
    "gooseberry",
    "grape",
    "grapefruit",
    "guava",
    "honeydew",
    "huckleberry",
    "jackfruit",
    "jambul",
    "jujube",
    "kiwi fruit",
    "kumquat",
    "lemon",
    "lime",
    "loquat",
    "lychee",
    "mandarine",
    "mango",
    "mulberry",
    "nectarine",
    "nut",
    "olive",
    "orange",
    "pamelo",
    "papaya",
    "passionfruit",
    "peach",
    "pear",
    "persimmon",
    "physalis",
    "pineapple",
    "plum",
    "pomegranate",
    "pomelo",
    "purple mangosteen",
    "quince",
    "raisin",
    "rambutan",
    "raspberry",
    "redcurrant",
    "rock melon",
    "salal berry",
    "satsuma",
    "star fruit",
    "strawberry",
    "tamarillo",
    "tangerine",
    "tomato",
    "ugli fruit",
    "watermelon",
];

/// The JSON body: 2-space indent, `": "` separators, one final newline.
pub fn body() -> String {
    let mut s = String::from("{\n  \"description\": \"A list of fruits.\",\n  \"fruits\": [\n");
    for (i, f) in FRUITS.iter().enumerate() {
        s.push_str("    \"");
        s.push_str(f);
        s.push('"');
        if i + 1 < FRUITS.len() {
            s.push(',');
        }
        s.push('\n');
    }
    s.push_str("  ]\n}\n");
    s
}

/// The answer to any request.
pub fn respond(method: &str) -> Response {
    let body = if method == "HEAD" {
        String::new()
    } else {
        body()
    };
    Response::new("HTTP/1.0", 200, "OK")
        .with_header("Content-Type", "application/json")
        .with_header("Content-Length", &self::body().len().to_string())
        .with_body(body.into_bytes())
}

/// Start the service: it binds 0.0.0.0:8775 or exits 1.
pub fn start(cl: &mut Cluster, key: &Key, i: usize, pid: u32, argv: Vec<String>) -> Started {
    let started = bind(
        cl,
        key,
        i,
        pid,
        "legacy-fruit-s",
        &[(IpAddr::V4(Ipv4Addr::UNSPECIFIED), PORT)],
        true,
        false,
    );
    let program = if started.is_ok() {
        Program::Fruit
    } else {
        Program::Idle
    };
    set_process(cl, key, i, Process::new(pid, argv, program));
    match started {
        Ok(()) => Started::Running { wake: None },
        Err(_) => Started::Exits {
            code: 1,
            at: cl.now + EXIT_AFTER,
        },
    }
}

/// The service answers a connection to `addr`.
#[allow(clippy::too_many_arguments)]
pub fn answer(
    cl: &mut Cluster,
    key: &Key,
    container: usize,
    addr: &str,
    bytes: &[u8],
    at: SimTime,
    rtt: SimDuration,
    trace: &mut Vec<Hop>,
) -> Reply {
    let req = Request::parse(bytes);
    let method = req.as_ref().map_or("GET", |r| r.method.as_str());
    let resp = respond(method);
    let took = rtt + LATENCY;
    cl.hop(
        trace,
        at,
        key,
        Some(container),
        Say::HopFruitGets
            .msg()
            .arg("addr", addr)
            .arg("method", method)
            .arg("target", req.as_ref().map_or("/", |r| r.target.as_str())),
        Outcome::Passed,
    );
    cl.hop(
        trace,
        at + took,
        key,
        Some(container),
        Say::HopFruitAnswers
            .msg()
            .arg("status", format!("{} {}", resp.status, resp.reason))
            .arg("n", resp.body.len()),
        Outcome::Http(resp.status),
    );
    Reply::Bytes(resp.to_bytes(), took)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_the_transcripts() {
        let b = body();
        assert_eq!(b.len(), 1360);
        assert!(b.starts_with(
            "{\n  \"description\": \"A list of fruits.\",\n  \"fruits\": [\n    \"apple\",\n"
        ));
        assert!(b.ends_with("    \"watermelon\"\n  ]\n}\n"));
    }
}
