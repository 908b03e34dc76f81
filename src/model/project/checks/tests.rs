//! The checklists on the presets' own files and on broken variants: every
//! preset's items pass on its files, and each lab item fails, with its
//! hint, on a variant broken in its one way.

use super::*;
use crate::model::base::time::WallClock;
use crate::model::project::presets;
use crate::model::project::workspace;

fn run_files(files: &[File], items: &[CheckItem]) -> Vec<(Entry, Verdict)> {
    let analysis = workspace::analyze(files);
    let mut cl = workspace::build(&analysis, WallClock::TEST);
    run(&mut cl, files, items)
}

#[test]
fn every_presets_checklist_passes_on_its_own_files() {
    for p in presets::all() {
        let items = for_preset(p.id);
        assert!(!items.is_empty(), "{}: no checklist", p.id);
        for (it, (e, v)) in items.iter().zip(run_files(&p.files, &items)) {
            assert_eq!(
                v,
                Verdict::Pass,
                "{}/{}: `{}` printed\n{}",
                p.id,
                it.id,
                it.command,
                e.text()
            );
            assert!(!it.hint.en().is_empty() && !it.title.en().is_empty());
        }
    }
}

/// Each lab item on a variant broken in one way: it fails, for this reason.
#[test]
fn each_lab_item_fails_on_its_broken_variant() {
    let items = for_preset("ambassador");
    let check = |file: usize, from: &str, to: &str, id: &str, miss: Miss| {
        let mut files = workspace::seed();
        assert!(files[file].text.contains(from), "{from}");
        files[file].text = files[file].text.replace(from, to);
        let verdicts = run_files(&files, &items);
        let (i, it) = items
            .iter()
            .enumerate()
            .find(|(_, it)| it.id == id)
            .unwrap();
        assert_eq!(
            verdicts[i].1,
            Verdict::Fail(miss),
            "{id}: {}",
            verdicts[i].0.text()
        );
        assert!(!it.hint.en().is_empty());
        // The seed's items that this breakage leaves alone still pass.
        assert!(verdicts.iter().any(|(_, v)| v.passed()), "{id}");
    };
    // The ConfigMap without the key HAProxy's file is named by.
    check(
        1,
        "haproxy.cfg:",
        "haproxy.conf:",
        "cfg-key",
        Miss::Lacks("\"haproxy.cfg\":".into()),
    );
    // A wrong image.
    check(
        0,
        "image: haproxy:1.7",
        "image: nginx",
        "images",
        Miss::NoWord("haproxy:1.7".into()),
    );
    check(
        0,
        "linuxacademycontent/legacy-fruit-service:1",
        "nginx",
        "images",
        Miss::NoWord("linuxacademycontent/legacy-fruit-service:1".into()),
    );
    // The config mounted elsewhere: HAProxy finds no config and exits, so
    // there is no container to exec into.
    check(
        0,
        "mountPath: \"/usr/local/etc/haproxy/\"",
        "mountPath: /etc/haproxy",
        "mount",
        Miss::ExitCode { want: 0, got: 1 },
    );
    // The wrong port declared (8080 holds 80, but not as a word).
    check(
        0,
        "containerPort: 80",
        "containerPort: 8080",
        "port",
        Miss::NoWord("80".into()),
    );
    // HAProxy sends to a port nobody listens on: a 503 page, not JSON.
    check(
        1,
        "127.0.0.1:8775",
        "127.0.0.1:8776",
        "fruit",
        Miss::NotJson,
    );
}

fn entry(text: &str, code: i32) -> Entry {
    let mut e = Entry {
        code,
        ..Entry::default()
    };
    e.io.write(1, text.as_bytes());
    e
}

#[test]
fn expectations_are_judged_by_their_kind() {
    let check = |expect: Expect, out: &str, code: i32, want: Verdict| {
        assert_eq!(
            judge(&expect, &entry(out, code)),
            want,
            "{expect:?} on {out:?}"
        );
    };
    let eq = |s: &str| Expect::Equals(s.into());
    check(eq("true"), "true", 0, Verdict::Pass);
    check(eq("true"), "true\n", 0, Verdict::Pass);
    check(eq("true\n"), "true", 0, Verdict::Pass);
    check(eq("true"), "true\n\n", 0, Verdict::Fail(Miss::Differs));
    check(eq("true"), "True", 0, Verdict::Fail(Miss::Differs));
    check(Expect::Contains("b".into()), "abc", 3, Verdict::Pass);
    check(
        Expect::Contains("x".into()),
        "abc",
        0,
        Verdict::Fail(Miss::Lacks("x".into())),
    );
    let w = Expect::Words(vec!["80".into(), "443".into()]);
    check(w.clone(), "443 80", 0, Verdict::Pass);
    check(
        w.clone(),
        "8080 443",
        0,
        Verdict::Fail(Miss::NoWord("80".into())),
    );
    check(w, "", 0, Verdict::Fail(Miss::NoWord("80".into())));
    check(Expect::ExitCode(0), "", 0, Verdict::Pass);
    check(
        Expect::ExitCode(0),
        "",
        130,
        Verdict::Fail(Miss::ExitCode { want: 0, got: 130 }),
    );
    let j = Expect::Json(serde_json::json!({"a": [1, "b"]}));
    check(j.clone(), "{ \"a\" : [1,\"b\"] }\n", 0, Verdict::Pass);
    check(j.clone(), "{\"a\":[1]}", 0, Verdict::Fail(Miss::OtherJson));
    check(
        j.clone(),
        "<html>503</html>",
        0,
        Verdict::Fail(Miss::NotJson),
    );
    check(j, "{\"a\":[1,\"b\"]}", 7, Verdict::Fail(Miss::Failed(7)));
}

/// An item as (id, title, command, expect, hint).
type Fields<'a> = (&'a str, &'a str, &'a str, Expect, &'a str);

#[test]
fn a_courses_items_are_read_or_refused_with_the_reason() {
    use serde_json::json;
    let check = |params: Value, want: Result<Vec<Fields>, BadItems>| {
        let got = parse_items(&params).map(|items| {
            items
                .into_iter()
                .map(|i| (i.id, i.title.en(), i.command, i.expect, i.hint.en()))
                .collect::<Vec<_>>()
        });
        let want = want.map(|v| {
            v.into_iter()
                .map(|(a, b, c, d, e)| {
                    (
                        a.to_string(),
                        b.to_string(),
                        c.to_string(),
                        d,
                        e.to_string(),
                    )
                })
                .collect::<Vec<_>>()
        });
        assert_eq!(got, want, "{params}");
    };
    check(
        json!({"items": [
            {"title": "T", "command": "echo hi", "expect": {"equals": "hi"}},
            {"title": "U", "command": "true", "expect": {"exitCode": 0}, "hint": "H", "id": "mine"},
            {"title": "V", "command": "x", "expect": "sub"},
            {"title": "W", "command": "x", "expect": {"words": ["a", "b"]}},
            {"title": "X", "command": "x", "expect": {"json": {"k": 1}}},
        ]}),
        Ok(vec![
            (
                "check-1",
                "T",
                "echo hi",
                Expect::Equals("hi".into()),
                text::DEFAULT_HINT.en(),
            ),
            ("mine", "U", "true", Expect::ExitCode(0), "H"),
            (
                "check-3",
                "V",
                "x",
                Expect::Contains("sub".into()),
                text::DEFAULT_HINT.en(),
            ),
            (
                "check-4",
                "W",
                "x",
                Expect::Words(vec!["a".into(), "b".into()]),
                text::DEFAULT_HINT.en(),
            ),
            (
                "check-5",
                "X",
                "x",
                Expect::Json(json!({"k": 1})),
                text::DEFAULT_HINT.en(),
            ),
        ]),
    );
    check(json!({"items": []}), Ok(vec![]));
    check(json!({}), Err(BadItems::NotAList));
    check(json!({"items": {"title": "T"}}), Err(BadItems::NotAList));
    check(
        json!({"items": [{"command": "x", "expect": "y"}]}),
        Err(BadItems::BadItem(0)),
    );
    let bad = |expect: Value| json!({"items": [{"title": "t", "command": "x", "expect": "ok"}, {"title": "t", "command": "x", "expect": expect}]});
    check(bad(json!({"equals": 1})), Err(BadItems::BadItem(1)));
    check(
        bad(json!({"equals": "a", "contains": "b"})),
        Err(BadItems::BadItem(1)),
    );
    check(bad(json!({"exitCode": 1e20})), Err(BadItems::BadItem(1)));
    check(
        bad(json!({"exitCode": 4294967296u64})),
        Err(BadItems::BadItem(1)),
    );
    check(bad(json!({"words": []})), Err(BadItems::BadItem(1)));
    check(bad(json!({"regex": "a"})), Err(BadItems::BadItem(1)));
    check(bad(json!(null)), Err(BadItems::BadItem(1)));
    let many: Vec<Value> = (0..=MAX_ITEMS)
        .map(|_| json!({"title": "t", "command": "x", "expect": "y"}))
        .collect();
    check(
        json!({ "items": many }),
        Err(BadItems::TooMany(MAX_ITEMS + 1)),
    );
    check(
        json!({"items": [{"title": "t", "command": "x".repeat(MAX_LINE + 1), "expect": "y"}]}),
        Err(BadItems::BadItem(0)),
    );
    // Long titles are cut at a char boundary.
    let long = "é".repeat(MAX_TEXT);
    let items =
        parse_items(&json!({"items": [{"title": long, "command": "x", "expect": "y"}]})).unwrap();
    assert_eq!(items[0].title.en().len(), MAX_TEXT);
}

/// `podlab.check`'s result: `{passed, items:[{id,title,passed,detail}]}`,
/// a failed item's detail saying why and giving its hint.
#[test]
fn the_report_names_each_item_and_why_it_failed() {
    let items = vec![
        CheckItem {
            id: "a".into(),
            title: "A".into(),
            command: "true".into(),
            expect: Expect::ExitCode(0),
            hint: "ha".into(),
        },
        CheckItem {
            id: "b".into(),
            title: "B".into(),
            command: "false".into(),
            expect: Expect::ExitCode(0),
            hint: "hb".into(),
        },
    ];
    let mut list = Checklist::custom(items);
    assert_eq!(
        list.report(Lang::En),
        serde_json::json!({"passed": false, "items": [
            {"id": "a", "title": "A", "passed": false, "detail": ""},
            {"id": "b", "title": "B", "passed": false, "detail": ""},
        ]}),
        "not run yet"
    );
    assert_eq!(list.start().as_deref(), Some("true"));
    let mut cl = workspace::build(&workspace::analyze(&[]), WallClock::TEST);
    let next = list.record(&console::run(&mut cl, &[], "true"));
    assert_eq!(next.as_deref(), Some("false"));
    assert_eq!(list.record(&console::run(&mut cl, &[], "false")), None);
    assert!(!list.running && list.runs == 1);
    let why = text::miss(&Miss::ExitCode { want: 0, got: 1 }).en();
    assert_eq!(
        list.report(Lang::En),
        serde_json::json!({"passed": false, "items": [
            {"id": "a", "title": "A", "passed": true, "detail": ""},
            {"id": "b", "title": "B", "passed": false, "detail": format!("{why} hb")},
        ]})
    );
}
