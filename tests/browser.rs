//! What a person sees, in headless Chromium (wasm-bindgen-test): the app
//! mounts, the lab's check returns the fruit, an edit of haproxy.cfg breaks
//! it visibly, a reload keeps the edit, and the Pods pane prints what the
//! cluster answered to each apply. Every test runs under dist/'s
//! Content-Security-Policy (scripts/csp-policy.txt), put on the runner's
//! page before the first mount; a violation fails the test that saw it.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::time::Duration;

use gloo_timers::future::sleep;
use podlab::app::{App, AppProps};
use podlab::components::code_editor;
use podlab::model::view::bigtext;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// dist/'s policy (scripts/csp.sh writes it there), without the hash of
/// trunk's loader, a script this page does not have.
fn policy() -> String {
    include_str!("../scripts/csp-policy.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace(" LOADER_HASHES", ""))
        .collect::<Vec<_>>()
        .join("; ")
}

thread_local! {
    /// What the policy blocked: `violated-directive blocked-uri`.
    static VIOLATIONS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Put the policy on the test page (once) and record what it blocks. The
/// runner serves its own page and sets no headers, so the policy comes as
/// a `<meta>`, which governs everything loaded or run after it.
fn install_csp() {
    let doc = document();
    if doc
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .unwrap()
        .is_some()
    {
        return;
    }
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let get = |k: &str| {
            js_sys::Reflect::get(&e, &k.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        let v = format!("{} {}", get("violatedDirective"), get("blockedURI"));
        VIOLATIONS.with(|l| l.borrow_mut().push(v));
    });
    doc.add_event_listener_with_callback(
        "securitypolicyviolation",
        listener.as_ref().unchecked_ref(),
    )
    .unwrap();
    listener.forget();
    let meta = doc.create_element("meta").unwrap();
    meta.set_attribute("http-equiv", "Content-Security-Policy")
        .unwrap();
    meta.set_attribute("content", &policy()).unwrap();
    let head = doc.query_selector("head").unwrap().unwrap();
    head.insert_before(&meta, head.first_child().as_ref())
        .unwrap();
}

/// Fail on anything the policy blocked.
fn no_violations() {
    VIOLATIONS.with(|l| {
        let l = l.borrow();
        assert!(l.is_empty(), "the Content-Security-Policy blocked: {l:?}");
    });
}

/// A fresh root element and storage key for one test.
struct Page {
    root: Element,
    key: String,
    app: Option<AppHandle<App>>,
}

impl Page {
    async fn open(key: &str) -> Page {
        install_csp();
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let mut p = Page {
            root,
            key: key.to_string(),
            app: None,
        };
        p.mount().await;
        p
    }

    async fn mount(&mut self) {
        let props = AppProps {
            storage_key: Some(self.key.clone().into()),
        };
        self.app =
            Some(yew::Renderer::<App>::with_root_and_props(self.root.clone(), props).render());
        settle().await;
    }

    /// Unmount and mount again: what a reload does to the app.
    async fn reload(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        settle().await;
        self.mount().await;
    }

    fn find(&self, testid: &str) -> Element {
        self.root
            .query_selector(&format!("[data-testid=\"{testid}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
    }

    fn text(&self, testid: &str) -> String {
        self.find(testid).text_content().unwrap_or_default()
    }

    async fn click(&self, testid: &str) {
        self.find(testid).dyn_into::<HtmlElement>().unwrap().click();
        settle().await;
    }

    /// Type into an editor as a person would: the value changes and an
    /// input event fires.
    async fn set_text(&self, testid: &str, text: &str) {
        let area: HtmlTextAreaElement = self.find(testid).dyn_into().unwrap();
        area.set_value(text);
        let ev = web_sys::InputEvent::new("input").unwrap();
        area.dispatch_event(&ev).unwrap();
        settle().await;
    }

    /// Type a line into the console and press a key (Enter, Tab, ArrowUp).
    async fn type_line(&self, text: &str, key: &str) {
        let input: web_sys::HtmlInputElement = self.find("console-input").dyn_into().unwrap();
        input.set_value(text);
        input
            .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
            .unwrap();
        settle().await;
        self.press(key).await;
    }

    async fn press(&self, key: &str) {
        let input: web_sys::HtmlInputElement = self.find("console-input").dyn_into().unwrap();
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let ev =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        input.dispatch_event(&ev).unwrap();
        settle().await;
    }

    fn input_value(&self) -> String {
        self.find("console-input")
            .dyn_into::<web_sys::HtmlInputElement>()
            .unwrap()
            .value()
    }

    fn value(&self, testid: &str) -> String {
        self.find(testid)
            .dyn_into::<HtmlTextAreaElement>()
            .unwrap()
            .value()
    }

    fn close(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
        let _ = web_sys::window()
            .unwrap()
            .local_storage()
            .unwrap()
            .unwrap()
            .remove_item(&self.key);
    }
}

/// Let yew render: run everything its scheduler has pending (renders,
/// effects such as saving to localStorage), then return; and fail if the
/// Content-Security-Policy blocked anything meanwhile.
async fn settle() {
    yew::scheduler::flush().await;
    no_violations();
}

/// Wait until the console has no line running: a running line goes on in
/// stretches on the browser's timers, which `settle` does not wait for.
/// Returns the longest the page went without answering this loop (a
/// timer of 0 ms), in milliseconds: how long one stretch held it.
async fn until_idle(page: &Page) -> f64 {
    let start = js_sys::Date::now();
    let mut last = start;
    let mut longest: f64 = 0.0;
    loop {
        settle().await;
        let now = js_sys::Date::now();
        longest = longest.max(now - last);
        last = now;
        if page
            .root
            .query_selector("[data-testid=\"console-running\"]")
            .unwrap()
            .is_none()
        {
            return longest;
        }
        assert!(now - start < 30_000.0, "the console line never ended");
        sleep(Duration::from_millis(0)).await;
    }
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_every_pane() {
    let page = Page::open("podlab:test:mount").await;
    for id in [
        "manifest-editor",
        "haproxy-editor",
        "check-run",
        "check-output",
        "pod-status",
        "topology",
    ] {
        page.find(id);
    }
    assert!(
        page.value("manifest-editor")
            .contains("name: fruit-service")
    );
    assert!(
        page.value("haproxy-editor")
            .starts_with("global\ndaemon\nmaxconn 256\n")
    );
    assert!(
        page.text("pod-status")
            .contains("$ kubectl get pods -o wide")
    );
    page.close();
}

#[wasm_bindgen_test]
async fn the_check_returns_the_fruit_json() {
    let page = Page::open("podlab:test:check").await;
    page.click("clock-toggle").await; // pause, so the test decides the time
    page.click("skip-10s").await;
    assert!(
        page.text("get-pods")
            .contains("fruit-service   2/2     Running"),
        "{}",
        page.text("get-pods")
    );
    page.click("check-run").await;
    let out = page.text("check-output");
    assert!(
        out.contains("\"description\": \"A list of fruits.\""),
        "{out}"
    );
    assert!(out.contains("\"watermelon\""), "{out}");
    assert!(out.contains("100  1360  100  1360"), "{out}");
    assert!(page.text("check-verdict").contains("JSON listing fruit"));
    page.close();
}

#[wasm_bindgen_test]
async fn editing_the_backend_port_gives_a_503_and_a_broken_diagram() {
    let page = Page::open("podlab:test:edit").await;
    page.click("clock-toggle").await;
    page.click("skip-10s").await;
    let svg = page.find("topology");
    assert!(
        svg.query_selector("[data-edge^=\"local/fruit-service/\"].local:not(.broken)")
            .unwrap()
            .is_some()
    );
    let cfg = page
        .value("haproxy-editor")
        .replace("127.0.0.1:8775", "127.0.0.1:8776");
    page.set_text("haproxy-editor", &cfg).await;
    // One source of truth: the ConfigMap's YAML changed with it.
    page.click("tab-fruit-service-ambassador-config.yml").await;
    assert!(
        page.value("manifest-editor")
            .contains("server server1 127.0.0.1:8776 maxconn 32")
    );
    page.click("check-run").await;
    let out = page.text("check-output");
    assert!(
        out.contains("<html><body><h1>503 Service Unavailable</h1>"),
        "{out}"
    );
    let broken = svg
        .query_selector("[data-edge^=\"local/fruit-service/\"].broken")
        .unwrap()
        .expect("the localhost edge is drawn broken");
    assert!(
        broken
            .text_content()
            .unwrap()
            .contains("127.0.0.1:8776: nothing listens")
    );
    page.close();
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_edit() {
    let mut page = Page::open("podlab:test:reload").await;
    let cfg = page
        .value("haproxy-editor")
        .replace("127.0.0.1:8775", "127.0.0.1:8776");
    page.set_text("haproxy-editor", &cfg).await;
    page.reload().await;
    assert!(page.value("haproxy-editor").contains("127.0.0.1:8776"));
    page.close();
}

#[wasm_bindgen_test]
async fn garbage_shows_errors_at_their_lines_and_the_app_keeps_working() {
    let page = Page::open("podlab:test:garbage").await;
    page.set_text(
        "manifest-editor",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  bad: : y\n",
    )
    .await;
    let diags = page.text("manifest-editor-diagnostics");
    assert!(diags.contains("5:8"), "{diags}");
    assert!(
        diags.contains("mapping values are not allowed in this context"),
        "{diags}"
    );
    page.set_text(
        "haproxy-editor",
        "listen http-in\n  bnd *:80\n\u{0}\u{7f}{{{\n",
    )
    .await;
    let diags = page.text("haproxy-editor-diagnostics");
    assert!(diags.contains("2:3"), "{diags}");
    assert!(
        diags.contains("unknown keyword 'bnd' in 'listen' section"),
        "{diags}"
    );
    // Still alive: the check runs and says why there is no fruit.
    page.click("check-run").await;
    assert!(!page.text("check-output").is_empty());
    page.close();
}

#[wasm_bindgen_test]
async fn the_console_runs_the_seed_labs_commands_verbatim() {
    let page = Page::open("podlab:test:console").await;
    page.click("clock-toggle").await;
    page.type_line("sleep 15", "Enter").await;
    page.type_line("kubectl get pods", "Enter").await;
    // Lines that let simulated time pass run on in stretches.
    until_idle(&page).await;
    let out = page.text("console-output");
    assert!(
        // AGE is 15s or 16s: the API's timestamps are whole seconds of the
        // browser's wall clock.
        out.contains("fruit-service   2/2     Running   0          1"),
        "{out}"
    );
    page.type_line(
        "kubectl exec busybox -- curl $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80",
        "Enter",
    )
    .await;
    until_idle(&page).await;
    let out = page.text("console-output");
    assert!(
        out.contains("\"description\": \"A list of fruits.\""),
        "{out}"
    );
    assert!(out.contains("100  1360  100  1360"), "{out}");
    page.type_line("kubectl create namespace ch-4", "Enter")
        .await;
    assert!(
        page.text("console-output")
            .contains("namespace/ch-4 created")
    );
    // History: Up brings back the last line, Down returns to the draft.
    page.type_line("draft", "ArrowUp").await;
    assert_eq!(page.input_value(), "kubectl create namespace ch-4");
    page.press("ArrowDown").await;
    assert_eq!(page.input_value(), "draft");
    // Tab completes commands, pod names and file names.
    page.type_line("kubectl exec fr", "Tab").await;
    assert_eq!(page.input_value(), "kubectl exec fruit-service ");
    page.type_line("kubectl apply -f bu", "Tab").await;
    assert_eq!(page.input_value(), "kubectl apply -f busybox.yml ");
    // cobra's own line, as /usr/bin/kubectl prints it (capital E).
    page.type_line("kubectl frob", "Enter").await;
    assert!(
        page.text("console-output")
            .contains("Error: unknown command \"frob\" for \"kubectl\"")
    );
    page.close();
}

/// Load a preset with the clock paused, let its pods come up, run its
/// command: the diagram names what `diagram` says and the output shows
/// `outcome`, with a ✔ verdict; the path then lights up hop by hop.
async fn preset_case(id: &str, node: &str, diagram: &str, outcome: &str) -> Page {
    let page = Page::open(&format!("podlab:test:preset-{id}")).await;
    page.click("clock-toggle").await;
    page.click(&format!("preset-{id}")).await;
    assert!(
        page.find(&format!("preset-{id}"))
            .get_attribute("class")
            .unwrap_or_default()
            .contains("active")
    );
    page.click("skip-10s").await;
    page.click("skip-10s").await;
    let svg = page.find("topology");
    let n = svg
        .query_selector(&format!("[data-node=\"{node}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {node} in the diagram"));
    let text = n.text_content().unwrap_or_default();
    assert!(text.contains(diagram), "{text}");
    page.click("check-run").await;
    let out = page.text("check-output");
    assert!(out.contains(outcome), "{out}");
    assert!(page.text("check-verdict").starts_with('✔'), "{out}");
    page
}

#[wasm_bindgen_test]
async fn the_sidecar_preset_streams_the_log() {
    let page = preset_case(
        "sidecar",
        "pod/counter",
        "sidecar: count-log-1 reads what count writes to volume varlog",
        "$ kubectl logs counter count-log-1",
    )
    .await;
    // `0: <date>`, the browser's date when the app started, in UTC.
    let out = page
        .find("check-output")
        .query_selector(".stdout")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(out.starts_with("0: ") && out.contains(" UTC 20"), "{out}");
    assert!(
        page.text("haproxy-editor-missing")
            .contains("There is no haproxy.cfg in this workspace")
    );
    assert!(page.value("manifest-editor").contains("name: counter"));
    page.close();
}

#[wasm_bindgen_test]
async fn the_adapter_preset_serves_prometheus_text() {
    let page = preset_case(
        "adapter",
        "pod/status-app",
        "adapter: prometheus-adapter reads what app writes to volume status",
        "app_requests_total ",
    )
    .await;
    // The request's path lights up, hop by hop, to the end. Real time: the
    // diagram's interval moves one hop every 650 ms.
    sleep(Duration::from_millis(2500)).await;
    settle().await;
    let svg = page.find("topology");
    assert!(
        svg.query_selector("[data-edge=\"client/busybox/status-app/9100\"].lit")
            .unwrap()
            .is_some()
    );
    let caption = page.text("trace-caption");
    assert!(caption.contains("hop 3/3"), "{caption}");
    assert!(caption.contains("receives 200 OK"), "{caption}");
    page.close();
}

#[wasm_bindgen_test]
async fn the_shared_volume_preset_serves_what_debian_wrote() {
    let page = preset_case(
        "shared-volume",
        "pod/two-containers",
        "sidecar: debian-container writes into volume shared-data, which nginx-container",
        "Hello from the debian container",
    )
    .await;
    assert!(
        page.text("get-pods")
            .contains("two-containers   1/2     NotReady")
    );
    page.close();
}

#[wasm_bindgen_test]
async fn the_process_namespace_preset_lists_the_pause_process() {
    let page = preset_case(
        "process-namespace",
        "pids/nginx",
        "PID 1 /pause",
        "    1 root      0:00 /pause",
    )
    .await;
    assert!(
        page.text("check-output")
            .contains("nginx: master process nginx -g daemon off;")
    );
    page.close();
}

#[wasm_bindgen_test]
async fn the_ambassador_preset_names_its_pattern_and_lights_the_path() {
    let page = preset_case(
        "ambassador",
        "pod/fruit-service",
        "ambassador: fruit-service-ambassador proxies the pod's :80 to",
        "\"watermelon\"",
    )
    .await;
    // Real time: the diagram's interval moves one hop every 650 ms.
    sleep(Duration::from_millis(4500)).await;
    settle().await;
    let svg = page.find("topology");
    for lit in [
        "[data-edge=\"client/busybox/fruit-service/80\"].lit",
        "[data-edge^=\"local/fruit-service/\"].lit",
        "[data-node=\"container/fruit-service/legacy-fruit-service\"].lit",
    ] {
        assert!(svg.query_selector(lit).unwrap().is_some(), "{lit}");
    }
    page.close();
}

#[wasm_bindgen_test]
async fn each_preset_keeps_its_edits_across_switches_and_reloads() {
    let mut page = Page::open("podlab:test:preset-switch").await;
    page.click("preset-sidecar").await;
    let mine = page
        .value("manifest-editor")
        .replace("busybox:1.28", "busybox:1.36");
    page.set_text("manifest-editor", &mine).await;
    page.click("preset-ambassador").await;
    assert!(
        page.value("manifest-editor")
            .contains("name: fruit-service")
    );
    page.reload().await;
    assert!(
        page.value("manifest-editor")
            .contains("name: fruit-service")
    );
    page.click("preset-sidecar").await;
    assert_eq!(page.value("manifest-editor"), mine);
    page.reload().await;
    assert_eq!(
        page.value("manifest-editor"),
        mine,
        "the open preset survives a reload"
    );
    page.close();
}

#[wasm_bindgen_test]
async fn the_keyword_under_the_cursor_is_explained() {
    let page = Page::open("podlab:test:keyword-help").await;
    let area: HtmlTextAreaElement = page.find("haproxy-editor").dyn_into().unwrap();
    let at = area.value().find("bind").unwrap() as u32 + 2;
    area.focus().unwrap();
    area.set_selection_range(at, at).unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    area.dispatch_event(
        &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keyup", &init).unwrap(),
    )
    .unwrap();
    settle().await;
    let help = page.text("keyword-help");
    assert!(help.starts_with("bind — "), "{help}");
    page.close();
}

#[wasm_bindgen_test]
async fn a_clock_tick_renders_neither_editor() {
    let page = Page::open("podlab:test:tick-renders").await;
    let clock = page.text("clock");
    let before = code_editor::renders();
    // Real time: the app's clock ticks every 250 ms while playing.
    sleep(Duration::from_millis(800)).await;
    settle().await;
    assert_ne!(page.text("clock"), clock, "the clock ticked");
    assert_eq!(
        code_editor::renders(),
        before,
        "no editor rendered on a tick"
    );
    // An edit does render them (the counter counts).
    let cfg = page
        .value("haproxy-editor")
        .replace("maxconn 256", "maxconn 257");
    page.set_text("haproxy-editor", &cfg).await;
    assert!(code_editor::renders() > before);
    page.close();
}

/// The Pods pane's lines under `$ kubectl apply -f FILE`: (text, shown as
/// an error).
fn apply_lines(page: &Page) -> Vec<(String, bool)> {
    let lines = page
        .find("pod-status")
        .query_selector_all(".cmd-block .out")
        .unwrap();
    (0..lines.length())
        .filter_map(|i| lines.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|e| {
            (
                e.text_content().unwrap_or_default(),
                e.get_attribute("class")
                    .is_some_and(|c| c.split_whitespace().any(|c| c == "err")),
            )
        })
        .collect()
}

/// Issue 8: the Pods pane prints what the cluster answered, as the console
/// does: kubectl's NotFound line, in red, for a pod in a namespace that
/// does not exist, and `unchanged` for the same pod applied twice.
#[wasm_bindgen_test]
async fn the_pods_pane_prints_what_the_cluster_answered() {
    let page = Page::open("podlab:test:apply-answers").await;
    let pod = page.value("manifest-editor");
    page.set_text(
        "manifest-editor",
        &pod.replacen(
            "  name: fruit-service\n",
            "  name: fruit-service\n  namespace: nope\n",
            1,
        ),
    )
    .await;
    let lines = apply_lines(&page);
    assert_eq!(
        lines.first(),
        Some(&(
            "Error from server (NotFound): error when creating \"fruit-service.yml\": namespaces \"nope\" not found".to_string(),
            true
        )),
        "{lines:?}"
    );
    assert!(
        !lines.iter().any(|(l, _)| l == "pod/fruit-service created"),
        "{lines:?}"
    );
    page.set_text("manifest-editor", &format!("{pod}---\n{pod}"))
        .await;
    let lines = apply_lines(&page);
    assert_eq!(
        lines[..2],
        [
            ("pod/fruit-service created".to_string(), false),
            ("pod/fruit-service unchanged".to_string(), false),
        ],
        "{lines:?}"
    );
    page.close();
}

/// Issue 10: a runaway console line ends as Ctrl-C would, and the console
/// takes the next line (the page did not freeze or die). It runs in
/// stretches: while it runs the page renders and takes input (lines typed
/// meanwhile wait behind it, as typeahead), and the line typed after it is
/// answered. The times are printed, not asserted.
#[wasm_bindgen_test]
async fn a_runaway_console_line_is_stopped_and_the_console_goes_on() {
    let page = Page::open("podlab:test:runaway").await;
    page.click("clock-toggle").await;
    let t0 = js_sys::Date::now();
    page.type_line("while :; do :; done", "Enter").await;
    assert!(
        page.text("console-running").contains("running…"),
        "it shows that it runs"
    );
    page.find("console-stop");
    page.type_line("sleep inf", "Enter").await;
    page.type_line("echo still here", "Enter").await;
    assert!(page.text("console-running").contains("$ echo still here"));
    let longest = until_idle(&page).await;
    wasm_bindgen_test::console_log!(
        "a runaway line and two more: {:.0} ms in all, the page held at most {longest:.0} ms at a time",
        js_sys::Date::now() - t0
    );
    let out = page.text("console-output");
    assert!(out.ends_with("$ echo still herestill here\n$ "), "{out}");
    let failed = page
        .root
        .query_selector_all("[data-testid=\"console-output\"] .out.failed")
        .unwrap()
        .length();
    assert_eq!(
        failed, 2,
        "status 130: the stopped lines' output is marked failed"
    );
    assert!(
        out.contains("^C\npodlab: the command ran a million shell steps without ending; podlab stopped it as Ctrl-C would"),
        "{out}"
    );
    assert!(
        out.contains("podlab: the command would run past an hour of simulated time; podlab stopped it as Ctrl-C would"),
        "{out}"
    );
    assert!(out.contains("still here"), "{out}");
    page.close();
}

// Issue 10, nothing lost (h-storage): the panic hook's notice and the
// paused reload after it, saves of another format kept aside, a full quota
// named, another tab's write noticed, and a reset without confirm() that
// can be undone.

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Remove `key` and everything podlab keeps beside it.
fn forget(key: &str) {
    let s = local_storage();
    for k in [
        key.to_string(),
        podlab::persist::crash_key(key),
        format!("{key}:unreadable"),
        format!("{key}:unreadable:2"),
    ] {
        s.remove_item(&k).unwrap();
    }
}

fn saved_files(key: &str) -> Vec<String> {
    let raw = local_storage().get_item(key).unwrap().unwrap();
    podlab::persist::migrate(&raw)
        .unwrap()
        .files
        .into_iter()
        .map(|f| f.text)
        .collect()
}

fn entries(page: &Page) -> u32 {
    page.find("console-output")
        .query_selector_all(".entry")
        .unwrap()
        .length()
}

/// The hook is called with a made-up message (a real panic would end this
/// test's WebAssembly too); `crash::tests` checks natively that a real
/// panic runs it once installed.
#[wasm_bindgen_test]
async fn a_crash_shows_the_notice_and_the_reload_opens_paused() {
    let key = "podlab:test:crash";
    forget(key);
    let mut page = Page::open(key).await;
    page.type_line("echo before", "Enter").await;
    page.set_text("manifest-editor", "# shown\n").await;
    // An edit handed to the reducer when the panic comes: not rendered yet.
    let area: HtmlTextAreaElement = page.find("manifest-editor").dyn_into().unwrap();
    area.set_value("# typed last\n");
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    podlab::crash::crashed("podlab test: a made-up panic");
    let flag = local_storage()
        .get_item(&podlab::persist::crash_key(key))
        .unwrap();
    let files = saved_files(key);
    let notice = document()
        .query_selector("[data-testid=\"crash-notice\"]")
        .unwrap()
        .expect("the crash notice");
    let text = notice.text_content().unwrap();
    let reload = notice
        .query_selector("a[data-testid=\"crash-reload\"]")
        .unwrap()
        .expect("a reload link");
    let href = reload.get_attribute("href").unwrap();
    let class = notice.class_name();
    notice.remove();
    assert_eq!(flag.as_deref(), Some("running"));
    assert_eq!(files[0], "# typed last\n", "the edit typed last is saved");
    assert_eq!(
        text,
        "podlab hit an internal error; your files are savedReload"
    );
    assert_eq!(class, "crash-notice");
    assert!(!href.is_empty() && !href.contains('#'), "{href}");
    assert!(href.starts_with("http"), "{href}");

    page.reload().await;
    assert!(
        page.text("crash-recovered-notice").starts_with(
            "podlab hit an internal error last time, so it opened with the clock paused"
        )
    );
    assert!(page.text("clock-toggle").contains("play"), "paused");
    assert_eq!(entries(&page), 0, "no console replay");
    assert_eq!(page.value("manifest-editor"), "# typed last\n");
    assert_eq!(
        local_storage()
            .get_item(&podlab::persist::crash_key(key))
            .unwrap()
            .as_deref(),
        Some("running"),
        "the flag stays until the user resumes"
    );
    page.click("clock-toggle").await;
    assert!(
        page.root
            .query_selector("[data-testid=\"crash-recovered-notice\"]")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        local_storage()
            .get_item(&podlab::persist::crash_key(key))
            .unwrap(),
        None,
        "cleared once the user resumed"
    );
    page.close();
    forget(key);
}

#[wasm_bindgen_test]
async fn a_crash_while_opening_after_a_crash_keeps_the_files_aside() {
    let key = "podlab:test:crash-opening";
    forget(key);
    let raw =
        r##"{"version":1,"files":[{"name":"a.yml","text":"# crashed podlab\n"}],"active":0}"##;
    local_storage().set_item(key, raw).unwrap();
    local_storage()
        .set_item(&podlab::persist::crash_key(key), "opening")
        .unwrap();
    let page = Page::open(key).await;
    let aside = local_storage()
        .get_item(&format!("{key}:unreadable"))
        .unwrap();
    let flag = local_storage()
        .get_item(&podlab::persist::crash_key(key))
        .unwrap();
    let notice = page.text("aside-notice");
    let value = page.value("manifest-editor");
    page.close();
    forget(key);
    assert_eq!(aside.as_deref(), Some(raw));
    assert_eq!(flag.as_deref(), Some("running"));
    assert!(
        notice.starts_with("podlab hit an internal error again while opening your saved files"),
        "{notice}"
    );
    assert!(
        notice.contains(&format!("under \"{key}:unreadable\"")),
        "{notice}"
    );
    assert!(value.contains("name: fruit-service"), "the preset's own");
}

#[wasm_bindgen_test]
async fn a_newer_podlabs_save_is_kept_aside_and_an_earlier_copy_never_overwritten() {
    let key = "podlab:test:newer";
    forget(key);
    let raw = r##"{"version":2,"tabs":[{"name":"a.yml","text":"# from the future\n"}]}"##;
    local_storage().set_item(key, raw).unwrap();
    local_storage()
        .set_item(&format!("{key}:unreadable"), "an earlier copy")
        .unwrap();
    let mut page = Page::open(key).await;
    let notice = page.text("aside-notice");
    page.set_text("manifest-editor", "# mine\n").await;
    page.reload().await;
    let again = page
        .root
        .query_selector("[data-testid=\"aside-notice\"]")
        .unwrap()
        .is_none();
    let value = page.value("manifest-editor");
    page.close();
    let first = local_storage()
        .get_item(&format!("{key}:unreadable"))
        .unwrap();
    let second = local_storage()
        .get_item(&format!("{key}:unreadable:2"))
        .unwrap();
    forget(key);
    assert!(
        notice.starts_with(
            "The work saved here was written by a newer podlab (save format 2; this page reads format 1)"
        ),
        "{notice}"
    );
    assert!(
        notice.contains(&format!("under \"{key}:unreadable:2\"")),
        "{notice}"
    );
    assert_eq!(first.as_deref(), Some("an earlier copy"));
    assert_eq!(second.as_deref(), Some(raw));
    assert!(again, "once kept aside, the page saves its own work");
    assert_eq!(value, "# mine\n");
}

/// Fill localStorage under `prefix` until setItem throws; the keys written.
fn fill_storage(prefix: &str) -> Vec<String> {
    let s = local_storage();
    let mut keys = Vec::new();
    let mut chunk = "x".repeat(1 << 20);
    while chunk.len() >= 16 && keys.len() < 1000 {
        let k = format!("{prefix}{}", keys.len());
        if s.set_item(&k, &chunk).is_ok() {
            keys.push(k);
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    keys
}

#[wasm_bindgen_test]
async fn a_full_quota_is_named_as_such() {
    let key = "podlab:test:quota";
    forget(key);
    let page = Page::open(key).await;
    let filled = fill_storage("podlab-test-fill:");
    // Longer than what it replaces: more than the few bytes left.
    let big = format!("# over the quota\n{}", "#".repeat(64 * 1024));
    page.set_text("manifest-editor", &big).await;
    // Read without failing, so that the storage is emptied whatever it says.
    let notice = page
        .root
        .query_selector("[data-testid=\"save-notice\"]")
        .unwrap()
        .and_then(|n| n.text_content())
        .unwrap_or_default();
    for k in &filled {
        local_storage().remove_item(k).unwrap();
    }
    page.set_text("manifest-editor", "# saved again\n").await;
    let gone = page
        .root
        .query_selector("[data-testid=\"save-notice\"]")
        .unwrap()
        .is_none();
    let files = saved_files(key);
    page.close();
    forget(key);
    assert!(!filled.is_empty());
    assert!(
        notice.starts_with("podlab's saved work is over the browser's storage quota ("),
        "{notice}"
    );
    assert!(
        notice.contains(" KB): your latest edits are not saved."),
        "{notice}"
    );
    assert!(gone, "the next edit saved");
    assert_eq!(files[0], "# saved again\n");
}

/// What another tab does: write the save, and this page gets a `storage`
/// event (a page never gets one for its own writes, so the test sends it).
fn write_from_another_tab(key: &str, text: &str) -> String {
    let old = local_storage().get_item(key).unwrap();
    let mut theirs = podlab::persist::migrate(old.as_deref().unwrap()).unwrap();
    theirs.files[0].text = text.to_string();
    let raw = serde_json::to_string(&theirs).unwrap();
    local_storage().set_item(key, &raw).unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_old_value(old.as_deref());
    init.set_new_value(Some(&raw));
    init.set_storage_area(Some(&local_storage()));
    let ev = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&ev).unwrap();
    raw
}

#[wasm_bindgen_test]
async fn another_tabs_write_is_noticed_and_never_overwritten() {
    let key = "podlab:test:tabs";
    forget(key);
    let page = Page::open(key).await;
    page.set_text("manifest-editor", "# mine\n").await;
    let raw = write_from_another_tab(key, "# theirs\n");
    settle().await;
    let notice = page.text("elsewhere-notice");
    page.set_text("manifest-editor", "# mine, edited on\n")
        .await;
    let kept = local_storage().get_item(key).unwrap();
    page.click("load-theirs").await;
    let loaded = page.value("manifest-editor");
    let notice_gone = page
        .root
        .query_selector("[data-testid=\"elsewhere-notice\"]")
        .unwrap()
        .is_none();
    // Again, and this time keep mine: saving resumes over theirs.
    page.set_text("manifest-editor", "# mine again\n").await;
    write_from_another_tab(key, "# theirs again\n");
    settle().await;
    page.click("keep-mine").await;
    let files = saved_files(key);
    page.close();
    forget(key);
    assert!(
        notice.starts_with("This workspace was changed in another tab or frame."),
        "{notice}"
    );
    assert_eq!(
        kept.as_deref(),
        Some(&*raw),
        "their save is not overwritten"
    );
    assert_eq!(loaded, "# theirs\n");
    assert!(notice_gone);
    assert_eq!(files[0], "# mine again\n");
}

#[wasm_bindgen_test]
async fn reset_needs_no_confirm_and_can_be_undone() {
    let key = "podlab:test:reset-undo";
    forget(key);
    let mut page = Page::open(key).await;
    let mine = "# mine: é\u{a0}ü\n\tkind: Pod\n\u{feff}";
    page.set_text("manifest-editor", mine).await;
    page.click("reset").await;
    let reset = page.value("manifest-editor");
    let notice = page.text("reset-notice");
    page.reload().await;
    let after_reload = page.text("reset-notice");
    page.click("undo-reset").await;
    let undone = page.value("manifest-editor");
    let notice_gone = page
        .root
        .query_selector("[data-testid=\"reset-notice\"]")
        .unwrap()
        .is_none();
    page.close();
    forget(key);
    assert!(reset.contains("name: fruit-service"), "{reset}");
    assert_eq!(notice, "Files reset to the preset.UndoDismiss");
    assert_eq!(after_reload, notice, "a reload keeps the undo");
    assert_eq!(undone, mine, "byte for byte");
    assert!(notice_gone);
}

// Issue 10's hostile-input table (tests/hostile/table.txt), in the real app.
#[path = "hostile/table.rs"]
mod hostile_table;

/// After a hostile input the app still renders and answers: `echo
/// $((1000+N))ok` prints `N+1000ok`, a text the typed line itself does not
/// contain. A problem is added to `failed`.
async fn answers_the_next_command(page: &Page, n: usize, after: &str, failed: &mut Vec<String>) {
    page.type_line(&format!("echo $((1000+{n}))ok"), "Enter")
        .await;
    until_idle(page).await;
    let out = page.text("console-output");
    if !out.contains(&format!("{}ok\n", 1000 + n)) {
        failed.push(format!(
            "the console did not answer after {after}: …{}",
            hostile_table::short(&out, 300)
        ));
    }
}

/// Issue 10: the table's rows marked `browser` typed into the console, then
/// a 5 MB paste into an editor and a billion-laughs manifest: each shows
/// what the native test expects of it, and the app keeps rendering and
/// answering the next command.
#[wasm_bindgen_test]
async fn hostile_inputs_leave_the_app_rendering_and_answering() {
    use hostile_table::Expect;
    let page = Page::open("podlab:test:hostile").await;
    page.click("clock-toggle").await;
    page.type_line("sleep 20", "Enter").await;
    until_idle(&page).await;
    let rows: Vec<_> = hostile_table::rows()
        .into_iter()
        .filter(|r| r.browser)
        .collect();
    assert!(rows.len() >= 10, "the table marks its browser rows");
    // Every row runs before the test fails (unless the app itself dies).
    let mut failed = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        page.type_line("clear", "Enter").await;
        page.type_line(&row.line, "Enter").await;
        // A runaway line goes on in stretches between frames; the page
        // answers meanwhile (how long each stretch held it is printed).
        let held = until_idle(&page).await;
        web_sys::console::log_1(
            &format!("{}: the page was held at most {held} ms at once", row.name).into(),
        );
        let out = page.text("console-output");
        for e in &row.expect {
            let want = match e {
                Expect::Out(s) | Expect::Has(s) => s.trim_end_matches('\n').to_string(),
                Expect::First(s) | Expect::Last(s) => s.clone(),
                Expect::Stopped => "^C\npodlab: ".to_string(),
                Expect::Note => "podlab: ".to_string(),
                _ => continue,
            };
            if !out.contains(&want) {
                failed.push(format!(
                    "{}: the console lacks {}: …{}",
                    row.name,
                    hostile_table::short(&want, 200),
                    hostile_table::short(&out, 300)
                ));
            }
        }
        answers_the_next_command(&page, n, &row.name, &mut failed).await;
    }
    // A 5 MB paste into the manifest editor.
    let paste = format!(
        "{}{}",
        page.value("manifest-editor"),
        "# xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
            .repeat(65536)
    );
    page.set_text("manifest-editor", &paste).await;
    // Kept: the editor holds the part where the paste ended (`bigtext`).
    let part = bigtext::part_holding(&paste, paste.len());
    assert_eq!(page.value("manifest-editor").len(), part.len());
    assert_eq!(page.value("manifest-editor"), paste[part]);
    answers_the_next_command(&page, 100, "a 5 MB paste", &mut failed).await;
    // Back to the text before the paste, so the next one replaces it whole.
    page.click("manifest-editor-undo-paste").await;
    // Billion laughs: go-yaml's error, shown at once.
    let lol = [
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
    ]
    .join("\n");
    page.set_text("manifest-editor", &lol).await;
    let diags = page.text("manifest-editor-diagnostics");
    if !diags.contains("yaml: document contains excessive aliasing") {
        failed.push(format!("billion laughs: the diagnostics say {diags:?}"));
    }
    answers_the_next_command(&page, 101, "billion laughs", &mut failed).await;
    page.close();
    assert!(
        failed.is_empty(),
        "{} problems:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[wasm_bindgen_test]
async fn the_browser_tests_run_under_dists_content_security_policy() {
    let page = Page::open("podlab:test:csp").await;
    let meta = document()
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .unwrap()
        .unwrap();
    let content = meta.get_attribute("content").unwrap();
    assert!(
        content.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; "),
        "{content}"
    );
    // The policy is enforced: an image from elsewhere is blocked, and the
    // listener that fails the other tests hears of it.
    let img = document().create_element("img").unwrap();
    img.set_attribute("src", "https://example.com/x.png")
        .unwrap();
    page.root.append_child(&img).unwrap();
    let mut heard = Vec::new();
    for _ in 0..200 {
        heard = VIOLATIONS.with(|l| std::mem::take(&mut *l.borrow_mut()));
        if !heard.is_empty() {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(heard, ["img-src https://example.com/x.png"]);
    img.remove();
    page.close();
}

/// Ctrl-C (and the Stop button) stop a running line at once, with the
/// terminal's `^C` and no note: the learner stopped it, not podlab. What
/// was typed ahead goes, as a terminal's driver flushes it.
#[wasm_bindgen_test]
async fn ctrl_c_and_the_stop_button_stop_a_running_line() {
    let page = Page::open("podlab:test:ctrl-c").await;
    page.click("clock-toggle").await;
    page.type_line("while :; do :; done", "Enter").await;
    page.type_line("echo typed ahead", "Enter").await;
    let input: web_sys::HtmlInputElement = page.find("console-input").dyn_into().unwrap();
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("c");
    init.set_ctrl_key(true);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
    settle().await;
    assert!(
        page.root
            .query_selector("[data-testid=\"console-running\"]")
            .unwrap()
            .is_none()
    );
    let out = page.text("console-output");
    assert!(out.ends_with("$ while :; do :; done^C\n$ "), "{out}");
    assert!(!out.contains("typed ahead"), "{out}");
    page.type_line("while :; do :; done", "Enter").await;
    page.click("console-stop").await;
    let out = page.text("console-output");
    assert!(
        out.ends_with("$ while :; do :; done^C\n$ while :; do :; done^C\n$ "),
        "{out}"
    );
    page.type_line("echo after", "Enter").await;
    until_idle(&page).await;
    assert!(
        page.text("console-output")
            .ends_with("$ echo afterafter\n$ ")
    );
    page.close();
}

/// Issue 10: a 5 MB paste is kept as it is, shown plain (no element per
/// line), and noted; the page stays usable. The time is printed only.
#[wasm_bindgen_test]
async fn a_five_megabyte_paste_is_kept_plain_and_noted() {
    let page = Page::open("podlab:test:paste").await;
    page.click("clock-toggle").await;
    let before = page.value("manifest-editor");
    let big: String = (0..150_000)
        .map(|i| format!("  key{i:07}: some pasted value {i}\n"))
        .collect();
    let text = format!(
        "{before}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted\ndata:\n{big}"
    );
    let t0 = js_sys::Date::now();
    page.set_text("manifest-editor", &text).await;
    wasm_bindgen_test::console_log!(
        "a {:.1} MB paste: {:.0} ms to the rendered page",
        text.len() as f64 / 1e6,
        js_sys::Date::now() - t0
    );
    // Kept as pasted: the editor holds the part where the paste ended
    // (`bigtext`); the whole text is saved (the next test).
    let part = bigtext::part_holding(&text, text.len());
    assert_eq!(page.value("manifest-editor"), text[part], "kept as pasted");
    assert!(
        page.text("manifest-editor-diagnostics")
            .contains("podlab reads, checks and highlights files up to 256 KiB"),
        "{}",
        page.text("manifest-editor-diagnostics")
    );
    assert!(page.root.query_selector(".editor.plain").unwrap().is_some());
    // A keystroke more, then back to the file as it was: read again.
    let part = page.value("manifest-editor");
    page.set_text("manifest-editor", &(part.clone() + "#"))
        .await;
    assert_eq!(page.value("manifest-editor"), part + "#");
    page.click("manifest-editor-undo-paste").await;
    assert_eq!(page.value("manifest-editor"), before);
    assert!(page.root.query_selector(".editor.plain").unwrap().is_none());
    assert!(!page.text("manifest-editor-diagnostics").contains("256 KiB"));
    page.close();
}

/// Set the page's URL without loading it (the app reads its parameters
/// when it mounts).
fn replace_url(url: &str) {
    let history = js_sys::Reflect::get(&web_sys::window().unwrap(), &"history".into()).unwrap();
    let replace: js_sys::Function = js_sys::Reflect::get(&history, &"replaceState".into())
        .unwrap()
        .unchecked_into();
    replace
        .call3(
            &history,
            &wasm_bindgen::JsValue::NULL,
            &"".into(),
            &url.into(),
        )
        .unwrap();
}

/// `?embed=1&theme=dark&key=…&allow=…` (issue 11): the compact layout with
/// no page header or gallery and the panes in tabs, `<html data-theme>`
/// and `<html lang>` set, the work saved in the named slot; and, not being
/// in a frame, podlab reads no message, even from an allowed origin.
#[wasm_bindgen_test]
async fn the_embed_parameters_choose_the_layout_theme_and_slot() {
    install_csp();
    let window = web_sys::window().unwrap();
    let location = window.location();
    let (path, search) = (location.pathname().unwrap(), location.search().unwrap());
    let origin = location.origin().unwrap();
    let slot = format!("podlab:v1:{path}?key=browser-embed");
    forget(&slot);
    replace_url(&format!(
        "{path}?embed=1&theme=dark&lang=zh-TW&key=browser-embed&allow={}",
        js_sys::encode_uri_component(&origin)
    ));
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    settle().await;
    replace_url(&format!("{path}{search}"));

    let q = |sel: &str| root.query_selector(sel).unwrap();
    assert!(q("[data-testid=\"embed\"]").is_some());
    assert!(q(".app-header").is_none() && q(".presets").is_none());
    let tabs = root.query_selector_all(".embed-tabs [role=tab]").unwrap();
    let labels: Vec<String> = (0..tabs.length())
        .map(|i| tabs.get(i).unwrap().text_content().unwrap())
        .collect();
    // `lang=zh-TW`: the tabs in Traditional Chinese.
    assert_eq!(labels, ["檔案", "示意圖", "主控台", "檢查"]);
    let hidden = |pane: &str| {
        q(&format!("[data-testid=\"embed-panel-{pane}\"]"))
            .unwrap()
            .has_attribute("hidden")
    };
    assert!(!hidden("files") && hidden("diagram") && hidden("console") && hidden("checks"));
    q("[data-testid=\"embed-tab-console\"]")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    assert!(hidden("files") && !hidden("console"));
    assert_eq!(
        q("[data-testid=\"embed-tab-console\"]")
            .unwrap()
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    // The panes are all there: the console works in its tab.
    assert!(q("[data-testid=\"manifest-editor\"]").is_some());
    assert!(q("[data-testid=\"topology\"]").is_some());
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(html.get_attribute("lang").as_deref(), Some("zh-TW"));
    assert!(local_storage().get_item(&slot).unwrap().is_some());

    // Not in a frame: a request from this very window is not read.
    let files = saved_files(&slot);
    let message = r#"{"jsonrpc":"2.0","id":1,"method":"podlab.setFiles","params":{"files":[{"name":"x.yml","text":""}]}}"#;
    window.post_message(&message.into(), &origin).unwrap();
    sleep(Duration::from_millis(300)).await;
    settle().await;
    assert_eq!(saved_files(&slot), files);

    app.destroy();
    root.remove();
    html.remove_attribute("data-theme").unwrap();
    html.set_attribute("lang", "en").unwrap();
    forget(&slot);
}

/// Set the page's query (`?lang=zh-TW`) without a reload, as a link would
/// have opened it; returns the URL to put back.
fn set_query(query: &str) -> String {
    let w = web_sys::window().unwrap();
    let before = w.location().href().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .unwrap();
    before
}

fn restore_url(url: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .unwrap();
}

fn html_lang() -> String {
    document()
        .document_element()
        .unwrap()
        .get_attribute("lang")
        .unwrap_or_default()
}

/// Run lines whose output does not depend on the wall clock, and return
/// what the console and the Pods pane's tool output show.
async fn tool_output(page: &Page) -> (String, String) {
    page.click("clock-toggle").await;
    page.click("skip-10s").await;
    page.click("skip-10s").await;
    for line in [
        "kubectl frob",
        "kubectl get pod nope",
        "kubectl exec busybox -- curl -s $(kubectl get pod fruit-service -o=custom-columns=IP:.status.podIP --no-headers):80",
        "ls /nope; echo $((1/0))",
        "kubectl apply -f nope.yml",
    ] {
        page.type_line(line, "Enter").await;
        until_idle(page).await;
    }
    let out: Vec<String> = page
        .root
        .query_selector_all("[data-testid=\"console-output\"] .entry")
        .unwrap()
        .values()
        .into_iter()
        .map(|e| {
            e.unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .text_content()
                .unwrap_or_default()
        })
        .collect();
    (out.join("\n"), page.text("get-pods"))
}

/// Issue 11 (5): `?lang=zh-TW` shows podlab's own words in Traditional
/// Chinese and says so in `<html lang>`, while what the tools print stays
/// byte for byte what it is in English; the switch goes back.
#[wasm_bindgen_test]
async fn lang_zh_tw_translates_the_chrome_not_the_tools() {
    let url = set_query("?lang=en");
    let en = Page::open("podlab:test:lang-en").await;
    assert_eq!(html_lang(), "en");
    assert_eq!(en.text("check-run"), "Run");
    let (en_console, en_pods) = tool_output(&en).await;
    en.close();

    set_query("?lang=zh-TW");
    let zh = Page::open("podlab:test:lang-zh").await;
    assert_eq!(html_lang(), "zh-TW");
    assert_eq!(zh.text("check-run"), "執行");
    let console_head = zh
        .root
        .query_selector("[data-testid=\"console\"] h2")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(console_head.starts_with("主控台"), "{console_head}");
    assert!(zh.text("preset-ambassador").contains("水果服務"));
    assert_eq!(
        zh.find("lang-zh-TW")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        zh.find("console-input")
            .get_attribute("aria-label")
            .as_deref(),
        Some("主控台指令")
    );
    assert_eq!(document().title(), "podlab · 多 container Pod 練習場");
    let (zh_console, zh_pods) = tool_output(&zh).await;
    assert_eq!(zh_console, en_console, "the console's tool output");
    // The tables alike but for AGE: the two pages' clocks played for a
    // moment each before the pause (regression: 20s against 21s).
    let without_age = |t: &str| -> Vec<Vec<String>> {
        t.lines()
            .map(|l| {
                let mut w: Vec<String> = l.split_whitespace().map(str::to_string).collect();
                if w.len() > 4 {
                    w.remove(4);
                }
                w
            })
            .collect()
    };
    assert_eq!(
        without_age(&zh_pods),
        without_age(&en_pods),
        "kubectl get pods"
    );
    assert!(
        zh_console.contains("Error: unknown command \"frob\" for \"kubectl\""),
        "{zh_console}"
    );
    assert!(zh_console.contains("\"fruits\""), "{zh_console}");
    assert!(zh_pods.starts_with("NAME "), "{zh_pods}");

    // Try it: the request's hops in podlab's Chinese, the tools' words in
    // them (the status line, the addresses) verbatim.
    zh.click("check-run").await;
    until_idle(&zh).await;
    let out = zh.text("check-output");
    assert!(out.contains("\"fruits\""), "{out}");
    let trace = zh.text("check-trace");
    assert!(trace.contains("連線到 10.244."), "{trace}");
    assert!(trace.contains("收到 200 OK"), "{trace}");
    assert!(!trace.contains("receives"), "{trace}");
    // The diagram's caption of the hop shown, and its own labels.
    let caption = zh.text("trace-caption");
    assert!(caption.contains("/6 步"), "{caption}");
    assert!(!caption.contains("connect to"), "{caption}");
    let svg = zh.text("topology");
    assert!(svg.contains("共享 network namespace（localhost）"), "{svg}");
    assert!(svg.contains("Pod fruit-service"), "{svg}");

    // podlab's hints on the files read in Chinese; HAProxy's own message
    // stays HAProxy's.
    let cfg = zh
        .value("haproxy-editor")
        .replace("maxconn 256", "maxconnn 256")
        .replace("bind *:80", "bind 127.0.0.1:80");
    zh.set_text("haproxy-editor", &cfg).await;
    let diags = zh.text("haproxy-editor-diagnostics");
    assert!(
        diags.contains("這個監聽只在 127.0.0.1 上，其他 Pod（busybox）連不到它"),
        "{diags}"
    );
    assert!(
        diags.contains("unknown keyword 'maxconnn' in 'global' section"),
        "{diags}"
    );

    // The switch: English again, and the URL remembers it.
    zh.click("lang-en").await;
    let diags = zh.text("haproxy-editor-diagnostics");
    assert!(
        diags.contains(
            "this listener is on 127.0.0.1 only, so other pods (busybox) cannot reach it"
        ),
        "{diags}"
    );
    assert_eq!(html_lang(), "en");
    assert_eq!(zh.text("check-run"), "Run");
    zh.click("check-run").await;
    until_idle(&zh).await;
    // (HAProxy now binds 127.0.0.1 only: the request is refused.)
    let trace = zh.text("check-trace");
    assert!(
        trace.contains("connect to 10.244.1.2:80") && trace.contains(": Connection refused"),
        "{trace}"
    );
    assert!(
        web_sys::window()
            .unwrap()
            .location()
            .search()
            .unwrap()
            .contains("lang=en")
    );
    zh.close();
    restore_url(&url);
    document()
        .document_element()
        .unwrap()
        .set_attribute("lang", "en")
        .unwrap();
}
// Issue 11: checked exercises and share links (h-checks).
#[path = "browser/checks_share.rs"]
mod checks_share;

// Accessibility (issue 11): the keyboard leaves the editors and the
// console, every scrolling region takes the focus, the theme follows the
// URL and `theme::set_theme`, the console's output is announced.

/// Press a key on an element; whether the page left the key to the
/// browser (did not `preventDefault` it). A synthetic event moves no
/// focus, so this is what can be checked here; scripts/axe-check.py
/// presses the real keys.
fn key_on(el: &Element, key: &str) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap()
}

/// The element an element's `aria-describedby` names, as text.
fn description(el: &Element) -> String {
    let id = el
        .get_attribute("aria-describedby")
        .expect("aria-describedby");
    document()
        .get_element_by_id(&id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn escape_then_tab_leaves_the_editor_and_the_console() {
    let page = Page::open("podlab:test:keyboard").await;
    page.click("clock-toggle").await;
    for id in ["manifest-editor", "haproxy-editor"] {
        let area: HtmlTextAreaElement = page.find(id).dyn_into().unwrap();
        area.focus().unwrap();
        area.set_selection_range(0, 0).unwrap();
        let before = area.value();
        // Tab indents, and keeps the key.
        assert!(!key_on(&area, "Tab"), "{id}: Tab was left to the browser");
        settle().await;
        assert_eq!(page.value(id), format!("  {before}"), "{id}");
        // Escape, then Tab: left to the browser, which moves the focus on.
        assert!(key_on(&area, "Escape"));
        assert!(key_on(&area, "Tab"), "{id}: Escape then Tab was kept");
        settle().await;
        assert_eq!(page.value(id), format!("  {before}"), "{id}");
        // Only the next key: Tab indents again after it.
        assert!(!key_on(&area, "Tab"), "{id}");
        // Escape, then leaving and coming back: Tab indents.
        assert!(key_on(&area, "Escape"));
        area.blur().unwrap();
        area.dispatch_event(&web_sys::FocusEvent::new("blur").unwrap())
            .unwrap();
        area.focus().unwrap();
        assert!(
            !key_on(&area, "Tab"),
            "{id}: Escape's effect outlived a blur"
        );
        // The UI says so, under the editor and to a screen reader.
        let hint = description(&area);
        assert!(
            hint.contains("Esc then Tab leaves the editor"),
            "{id}: {hint}"
        );
        assert_eq!(page.text(&format!("{id}-hint")), hint);
    }
    // The console's input: Tab completes, Escape then Tab leaves.
    let input = page.find("console-input");
    page.type_line("kubectl apply -f bu", "Tab").await;
    assert_eq!(page.input_value(), "kubectl apply -f busybox.yml ");
    assert!(key_on(&input, "Escape"));
    assert!(key_on(&input, "Tab"), "console: Escape then Tab was kept");
    settle().await;
    assert_eq!(page.input_value(), "kubectl apply -f busybox.yml ");
    assert!(description(&input).contains("Esc then Tab leaves the console"));
    page.close();
}

/// Every element that scrolls (overflow auto or scroll) takes the focus
/// and has a name, or is a text field (which does both by itself).
fn unreachable_scrollers(page: &Page) -> Vec<String> {
    let window = web_sys::window().unwrap();
    let all = page.root.query_selector_all("*").unwrap();
    let mut bad = Vec::new();
    for i in 0..all.length() {
        let el: Element = all.item(i).unwrap().dyn_into().unwrap();
        let style = window.get_computed_style(&el).unwrap().unwrap();
        let scrolls = ["overflow-x", "overflow-y"].iter().any(|p| {
            matches!(
                style.get_property_value(p).unwrap().as_str(),
                "auto" | "scroll"
            )
        });
        if !scrolls || matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT") {
            continue;
        }
        let named = ["aria-label", "aria-labelledby"]
            .iter()
            .any(|a| el.get_attribute(a).is_some_and(|v| !v.trim().is_empty()));
        if el.get_attribute("tabindex").as_deref() != Some("0") || !named {
            bad.push(format!(
                "<{} class=\"{}\">",
                el.tag_name().to_lowercase(),
                el.class_name()
            ));
        }
    }
    bad
}

#[wasm_bindgen_test]
async fn every_scrolling_region_takes_the_focus_under_a_name() {
    let page = Page::open("podlab:test:scrollers").await;
    page.click("clock-toggle").await;
    assert_eq!(unreachable_scrollers(&page), Vec::<String>::new());
    // With output everywhere, diagnostics and a pod that is not ready.
    page.click("check-run").await;
    page.type_line("kubectl get pods", "Enter").await;
    let cfg = page.value("haproxy-editor");
    page.set_text(
        "haproxy-editor",
        &cfg.replace("maxconn 256", "maxconn 256\n    bogus"),
    )
    .await;
    let m = page.value("manifest-editor");
    page.set_text(
        "manifest-editor",
        &m.replace("legacy-fruit-service:1", "legacy-fruit-service:2"),
    )
    .await;
    page.click("skip-10s").await;
    assert!(
        page.root
            .query_selector("details.pod-detail pre")
            .unwrap()
            .is_some(),
        "{}",
        page.text("pod-status")
    );
    assert!(
        page.root
            .query_selector("ul.diagnostics")
            .unwrap()
            .is_some()
    );
    assert_eq!(unreachable_scrollers(&page), Vec::<String>::new());
    // The ones the issue names, by name.
    for sel in [
        "[data-testid=\"console-output\"]",
        "[data-testid=\"check-output\"]",
        ".pod-status > .terminal",
        "[data-testid=\"manifest-editor-scroll\"]",
        "[data-testid=\"haproxy-editor-diagnostics\"]",
    ] {
        let el = page.root.query_selector(sel).unwrap().unwrap();
        assert_eq!(el.get_attribute("tabindex").as_deref(), Some("0"), "{sel}");
    }
    page.close();
}

fn shown_theme() -> Option<String> {
    document()
        .document_element()
        .unwrap()
        .get_attribute("data-theme")
}

/// Put `search` in the test page's URL (without loading anything).
fn set_search(search: &str) {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        )
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_theme_follows_the_url_the_toggle_and_set_theme() {
    use podlab::theme::{self, Theme};
    let prefers_dark = web_sys::window()
        .unwrap()
        .match_media("(prefers-color-scheme: dark)")
        .unwrap()
        .unwrap()
        .matches();
    let auto = if prefers_dark { "dark" } else { "light" };
    let select = |page: &Page| -> web_sys::HtmlSelectElement {
        page.find("theme-select").dyn_into().unwrap()
    };
    let original = web_sys::window().unwrap().location().search().unwrap();
    for (search, shown, chosen) in [
        ("?theme=dark", "dark", "dark"),
        ("?embed=1&theme=light", "light", "light"),
        ("?theme=auto", auto, "auto"),
        ("", auto, "auto"),
        ("?theme=purple", auto, "auto"),
    ] {
        set_search(search);
        let page = Page::open("podlab:test:theme").await;
        assert_eq!(shown_theme().as_deref(), Some(shown), "{search}");
        assert_eq!(select(&page).value(), chosen, "{search}");
        page.close();
    }
    set_search("?theme=light");
    let page = Page::open("podlab:test:theme").await;
    // The embed API's way: the page shows it, and the toggle says so.
    theme::set_theme(Theme::Dark);
    settle().await;
    assert_eq!(shown_theme().as_deref(), Some("dark"));
    assert_eq!(select(&page).value(), "dark");
    // The toggle's way.
    let s = select(&page);
    s.set_value("light");
    s.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(shown_theme().as_deref(), Some("light"));
    assert_eq!(theme::current(), Theme::Light);
    // The toggle is labelled.
    let label = s.closest("label").unwrap().unwrap().text_content().unwrap();
    assert!(label.starts_with("Theme"), "{label}");
    page.close();
    set_search(&original);
}

#[wasm_bindgen_test]
async fn console_output_is_announced_politely_new_and_capped() {
    use podlab::model::view::a11y::ANNOUNCE_CHARS;
    let page = Page::open("podlab:test:announce").await;
    page.click("clock-toggle").await;
    let live = page.find("console-announce");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    page.type_line("echo one", "Enter").await;
    assert_eq!(page.text("console-announce"), "one");
    page.type_line("echo two", "Enter").await;
    // Only the new output, not the transcript.
    assert_eq!(page.text("console-announce"), "two");
    page.type_line(
        "i=0; while [ $i -lt 300 ]; do echo line $i; i=$((i+1)); done",
        "Enter",
    )
    .await;
    until_idle(&page).await;
    let said = page.text("console-announce");
    assert!(said.starts_with("line 0\nline 1\n"), "{said}");
    assert!(
        said.contains(&format!("cut at {ANNOUNCE_CHARS} characters")),
        "{said}"
    );
    assert!(said.chars().count() < ANNOUNCE_CHARS + 120, "{said}");
    page.close();
}

#[wasm_bindgen_test]
async fn the_diagram_is_named_and_described() {
    let page = Page::open("podlab:test:diagram-desc").await;
    let svg = page.find("topology");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert!(svg.get_attribute("aria-label").is_some());
    let desc = description(&svg);
    assert!(desc.contains("Container legacy-fruit-service"), "{desc}");
    assert!(svg.query_selector("title").unwrap().is_some());
    page.close();
}

/// Issue 10: a 5 MB paste keeps the page responsive and nothing is lost:
/// the paste, as the browser delivers it (a paste event), never goes
/// through the textarea, the whole text is saved, and each character typed
/// into any part of it is kept and saved.
#[wasm_bindgen_test]
async fn a_five_megabyte_paste_is_saved_and_every_char_typed_in_it_kept() {
    let mut page = Page::open("podlab:test:paste-typing").await;
    page.click("clock-toggle").await;
    let before = page.value("manifest-editor");
    let big: String = (0..150_000)
        .map(|i| format!("  key{i:07}: some pasted value {i}\n"))
        .collect();
    let pasted =
        format!("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted\ndata:\n{big}");
    let area: HtmlTextAreaElement = page.find("manifest-editor").dyn_into().unwrap();
    let end = area.value().encode_utf16().count() as u32;
    area.set_selection_range(end, end).unwrap();
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", &pasted).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    let t0 = js_sys::Date::now();
    area.dispatch_event(&ev).unwrap();
    settle().await;
    wasm_bindgen_test::console_log!(
        "a {:.1} MB paste event: {:.0} ms to the rendered page",
        pasted.len() as f64 / 1e6,
        js_sys::Date::now() - t0
    );
    let mut text = before.clone() + &pasted;
    // The editor holds a part, ending where the paste ended.
    let part = page.value("manifest-editor");
    assert!(
        part.len() <= bigtext::PART,
        "{} bytes in the textarea",
        part.len()
    );
    assert!(text.ends_with(&part));
    page.reload().await;
    assert_eq!(saved_files(&page.key)[0], text, "saved as pasted");
    // Typing, a character at a time, at the end of the first part, then of
    // the second, then of the last: every one is kept.
    let typed = "abc:é日\n";
    let mut first = page.value("manifest-editor");
    assert_eq!(first, text[bigtext::part_at(&text, 0)]);
    for c in typed.chars() {
        first.push(c);
        page.set_text("manifest-editor", &first).await;
    }
    let at = first.len();
    text.insert_str(at - typed.len(), typed);
    assert_eq!(page.value("manifest-editor"), text[..at]);
    page.click("manifest-editor-next").await;
    let second = bigtext::part_at(&text, at);
    assert_eq!(page.value("manifest-editor"), text[second.clone()]);
    let mut value = page.value("manifest-editor");
    for c in typed.chars() {
        value.push(c);
        page.set_text("manifest-editor", &value).await;
    }
    text.insert_str(second.end, typed);
    page.reload().await;
    assert_eq!(saved_files(&page.key)[0], text, "every char kept and saved");
    // Back to the previous part and forward again: the same parts.
    page.click("manifest-editor-next").await;
    page.click("manifest-editor-previous").await;
    assert_eq!(
        page.value("manifest-editor"),
        text[bigtext::part_at(&text, 0)]
    );
    page.close();
}

/// Issue 12: a clock tick re-renders neither editor, also when one holds a
/// long text (a render of it reads the whole text): no render is counted
/// and the textarea is the very same element.
#[wasm_bindgen_test]
async fn a_clock_tick_leaves_a_long_file_s_editor_alone() {
    let page = Page::open("podlab:test:tick-big").await;
    let big: String = (0..40_000).map(|i| format!("  k{i}: v\n")).collect();
    let text = format!(
        "{}---\nkind: ConfigMap\ndata:\n{big}",
        page.value("manifest-editor")
    );
    page.set_text("manifest-editor", &text).await;
    let area = page.find("manifest-editor");
    let clock = page.text("clock");
    let before = code_editor::renders();
    sleep(Duration::from_millis(800)).await;
    settle().await;
    assert_ne!(page.text("clock"), clock, "the clock ticked");
    assert_eq!(
        code_editor::renders(),
        before,
        "no editor rendered on a tick"
    );
    assert!(
        page.find("manifest-editor").is_same_node(Some(&area)),
        "the same textarea"
    );
    page.close();
}
