#!/usr/bin/env python3
"""Mount time, edit latency, wasm memory and the first check, per preset.

Drives a served podlab dist/ in headless Chromium through chromedriver
(WebDriver over HTTP, python3's standard library only) and prints one table
per preset (issue 12, item 4 and "How this will be checked"). Every figure
is taken in the page with performance.now() (milliseconds since the
navigation started); the script only reads them. Figures are printed, never
asserted (scripts/bench-browser.sh runs this before the main-thread table).

Each preset is opened fresh (`?preset=ID`, localStorage cleared before the
page's own scripts run, by a script Chromium injects at document start):

- mount: from navigation start to the first moment the app's diagram and
  manifest editor are in the DOM (a MutationObserver), to the animation
  frame after that, and Chromium's first-contentful-paint (the page has
  nothing else to paint: its body is empty until the app mounts);
  "cold" in a new browser (nothing cached, not even compiled wasm), "warm"
  when the same browser opened the page before;
- on the warm page the clock is then paused (the header's Pause), and edit
  latency is taken over EDITS edits of each kind, one character typed each,
  GAP_MS apart: the textarea's value is set, then from just before the
  `input` event is dispatched to (a) the moment the editor's highlighted
  copy holds the new text (the MutationObserver callback after Yew's
  render) and (b) the animation frame after that. Median, p95 (nearest
  rank) and the largest. The kinds: a comment line at the end of the
  active file (no object changes), a label's value on the file's first
  object (the object changes: the cluster is built again), and on the lab
  a comment in the haproxy.cfg editor (its ConfigMap changes);
- then the header's "+5 min" is pressed 12 times (the clock still paused),
  and the same edits are measured again at t = 60 min;
- wasm memory is the instance's `memory.buffer.byteLength` (the exports
  trunk's loader passes in its TrunkApplicationStarted event), after mount,
  after the hour's skip, and at the end (wasm memory never shrinks, so the
  last is the most the page held).

Last, on the lab (ambassador) the first check as a learner does it: the page
opened fresh, Try it pressed in the task after the frame that first shows
it, and the time from navigation start until the check's output holds
`"fruits"` (in the DOM, and the frame after).

Usage: bench-presets.py URL CHROMEDRIVER_PORT [PRESET...]
"""

import json
import math
import pathlib
import re
import sys
import time
import urllib.request

URL, PORT = sys.argv[1].rstrip("/") + "/", int(sys.argv[2])
ONLY = sys.argv[3:]
BASE = f"http://127.0.0.1:{PORT}"
TIMEOUT = 300
# Edits of each kind at each time (one character typed each). At most 31:
# the label typed into holds 1 + 2 * EDITS characters, and a label's value
# at most 63.
EDITS = 30
# The presets' ids, in gallery order, as src/model/project/presets.rs lists them.
PRESETS = re.findall(r'^\s*id: "([a-z0-9-]+)",', (pathlib.Path(__file__).parent.parent
                     / "src/model/project/presets.rs").read_text(), re.M)
LAB = "ambassador"


def wd(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return json.loads(r.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"bench-presets: WebDriver {path}: {e.read().decode()[:2000]}")


caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--window-size=1400,1000"]}}}}
S = None


def start():
    """A new browser, its caches empty, the boot script installed."""
    global S
    S = f"/session/{wd('POST', '/session', caps)['sessionId']}"
    wd("POST", S + "/timeouts", {"script": TIMEOUT * 1000, "pageLoad": 60000})
    cdp("Page.addScriptToEvaluateOnNewDocument", {"source": BOOT})


def cdp(cmd, params):
    return wd("POST", S + "/goog/cdp/execute", {"cmd": cmd, "params": params})


def js(script, *args):
    return wd("POST", S + "/execute/sync", {"script": script, "args": list(args)})


def js_async(script, *args):
    return wd("POST", S + "/execute/async", {"script": script, "args": list(args)})


# Runs at the start of every document, before the page's own scripts.
BOOT = r"""
(() => {
  try { localStorage.clear(); } catch (e) {}
  const m = window.__benchMount = {};
  const q = id => document.querySelector(`[data-testid="${id}"]`);
  try {
    new PerformanceObserver(l => {
      for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') m.fcp = e.startTime;
    }).observe({type: 'paint', buffered: true});
  } catch (e) {}
  addEventListener('TrunkApplicationStarted', e => {
    m.started = performance.now();
    m.wasm = e.detail && e.detail.wasm;
  });
  const seen = () => {
    if (m.dom === undefined && q('topology') && q('manifest-editor')) {
      m.dom = performance.now();
      requestAnimationFrame(() => { m.frame = performance.now(); });
      if (!window.__benchTry) mo.disconnect();
    }
    if (window.__benchTry && m.shown === undefined && q('check-run')) {
      m.shown = performance.now();
      requestAnimationFrame(() => setTimeout(() => {
        m.clicked = performance.now();
        q('check-run').click();
      }, 0));
    }
    if (m.clicked !== undefined && m.fruits === undefined) {
      const o = q('check-output');
      if (o && o.textContent.includes('"fruits"')) {
        m.fruits = performance.now();
        m.output = o.textContent.slice(0, 400);
        requestAnimationFrame(() => { m.fruitsFrame = performance.now(); });
        mo.disconnect();
      }
    }
  };
  const mo = new MutationObserver(seen);
  mo.observe(document, {childList: true, subtree: true, characterData: true});
})();
"""

HELPERS = r"""
const q = id => document.querySelector(`[data-testid="${id}"]`);
const memory = async () => {
  const m = window.__benchMount;
  let w = m && m.wasm;
  if (!w || !w.memory) {
    // The module's own init returns the instance's exports once it ran.
    const js = document.querySelector('link[rel=modulepreload]').href;
    w = await (await import(js)).default();
  }
  return w.memory.buffer.byteLength;
};
"""


def wait_for(cond_js, timeout=60, why="''"):
    end = time.time() + timeout
    while time.time() < end:
        v = js(HELPERS + f"return ({cond_js});")
        if v:
            return v
        time.sleep(0.05)
    raise SystemExit(f"bench-presets: timed out waiting for {cond_js}: {js(HELPERS + 'return ' + why)}")


def clock():
    t = js(HELPERS + "return q('clock').textContent;")
    return t.split(" after apply")[0].removeprefix("t = ")


def memory():
    return js_async(HELPERS + "memory().then(arguments[arguments.length - 1]);")


# One kind of edit, measured `n` times: `prepare` (run once, unmeasured,
# when the kind is first used) puts a line to type into; each edit types
# one character at its end. `line` is the JS expression of the whole line
# after `k` characters have been typed (the mark the editor's highlighted
# copy must show).
EDIT_JS = r"""
const [testid, prepare, n, gap, k0, tag] = arguments;
const done = arguments[arguments.length - 1];
const line = k => tag + 'x'.repeat(k);
const area = () => q(testid);
const hl = () => area().parentElement.querySelector('pre.hl');
const setValue = (v) => { const a = area(); a.value = v; return a; };
const fire = a => a.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText', data: 'x'}));
const waitFor = (cond, t0) => new Promise(resolve => {
  if (cond()) { resolve(performance.now()); return; }
  const mo = new MutationObserver(() => {
    if (cond()) { mo.disconnect(); clearTimeout(to); resolve(performance.now()); }
  });
  mo.observe(area().closest('.editor-wrap') || document.body, {childList: true, subtree: true, characterData: true});
  const to = setTimeout(() => { mo.disconnect(); resolve(null); }, 10000);
});
const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
const pause = ms => new Promise(r => setTimeout(r, ms));
(async () => {
  if (!area()) { done({missing: true}); return; }
  if (prepare) {
    const v = area().value;
    let nv;
    if (prepare === 'comment') {
      nv = v + (v.endsWith('\n') ? '' : '\n') + line(0) + '\n';
    } else {
      // a label on the file's first object, just under its metadata (no
      // preset's first object has labels of its own):
      const j = v.indexOf('\nmetadata:\n');
      const at = v.startsWith('metadata:\n') ? 0 : j < 0 ? -1 : j + 1;
      if (at < 0) { done({missing: true}); return; }
      const i = at + 'metadata:\n'.length;
      nv = v.slice(0, i) + '  labels:\n' + line(0) + '\n' + v.slice(i);
    }
    fire(setValue(nv));
    if (await waitFor(() => hl().textContent.includes(line(0) + '\n')) === null) { done({stuck: 'prepare'}); return; }
    await frame();
    await pause(gap);
  }
  const dom = [], frm = [];
  for (let k = k0 + 1; k <= k0 + n; k++) {
    const v = area().value;
    const i = v.indexOf(line(k - 1) + '\n') + line(k - 1).length;
    const a = setValue(v.slice(0, i) + 'x' + v.slice(i));
    const want = line(k) + '\n';
    const t0 = performance.now();
    fire(a);
    const t1 = await waitFor(() => hl().textContent.includes(want));
    if (t1 === null) { done({stuck: k, dom, frm}); return; }
    const t2 = await frame();
    dom.push(t1 - t0);
    frm.push(t2 - t0);
    await pause(gap);
  }
  done({dom, frm});
})();
"""

# How long between two typed characters (a quick typist: about 12 a second).
GAP_MS = 80


def edit(testid, kind, tag, k0, prepare):
    return js_async(HELPERS + EDIT_JS, testid, kind if prepare else "", EDITS, GAP_MS, k0, tag)


def stats(xs):
    s = sorted(xs)
    med = (s[(len(s) - 1) // 2] + s[len(s) // 2]) / 2
    p95 = s[max(0, math.ceil(0.95 * len(s)) - 1)]
    return med, p95, s[-1]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fmt_stats(r, key):
    if r is None:
        return f"{'-':>7} {'-':>6} {'-':>6}"
    if r.get("missing"):
        return f"{'(no such editor)':>21}"
    if "stuck" in r:
        return f"{'(no render: ' + str(r['stuck']) + ')':>21}"
    med, p95, mx = stats(r[key])
    return f"{med:>7.1f} {p95:>6.1f} {mx:>6.1f}"


def mib(b):
    return f"{b / 1048576:.2f} MiB"


def open_fresh(url):
    wd("POST", S + "/url", {"url": url})
    wait_for("window.__benchMount && window.__benchMount.frame !== undefined")


MOUNT_JS = """
const m = window.__benchMount;
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
return {dom: m.dom, frame: m.frame, started: m.started === undefined ? null : m.started,
        fcp: fcp ? fcp.startTime : m.fcp === undefined ? null : m.fcp};"""


def in_new_browser(fn):
    """Run `fn` in a browser of its own (nothing cached, not even the
    compiled wasm a renderer keeps in memory), then go back to the main one."""
    global S
    main = S
    start()
    try:
        return fn()
    finally:
        wd("DELETE", S)
        S = main


def mount(url):
    open_fresh(url)
    wait_for("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=5)
    return js(MOUNT_JS)


def mount_text(m):
    started = "-" if m["started"] is None else f"{m['started']:.0f}"
    fcp = "-" if m["fcp"] is None else f"{m['fcp']:.0f}"
    return (f"app in the DOM {m['dom']:.0f} ms, its frame {m['frame']:.0f} ms,"
            f" first contentful paint {fcp} ms (wasm started {started} ms)")


def measure(preset):
    load0 = loadavg()
    url = f"{URL}?preset={preset}"
    m_cold = in_new_browser(lambda: mount(url))
    open_fresh(url)
    # Pause the clock at once: the edits at t = 0 run at the time shown.
    js(HELPERS + "q('clock-toggle').click();")
    wait_for("q('clock-toggle').textContent.toLowerCase().includes('play')")
    file = js(HELPERS + "return q('manifest-editor').getAttribute('aria-label');")
    has_cfg = js(HELPERS + "return !!q('haproxy-editor');")
    kinds = [("manifest-editor", "comment", "# typed: ", f"{file}: a comment"),
             ("manifest-editor", "label", "    typed: v", f"{file}: a label's value")]
    if has_cfg:
        kinds.append(("haproxy-editor", "comment", "# typed: ", "haproxy.cfg: a comment"))
    mem0 = memory()
    t0 = clock()
    at0 = [edit(tid, kind, tag, 0, True) for tid, kind, tag, _ in kinds]
    for _ in range(12):
        before = clock()
        js(HELPERS + "document.querySelector('[data-testid=\"skip-5min\"]').click();")
        wait_for(f"!q('clock').textContent.includes({json.dumps(before)})")
    mem_h = memory()
    t1 = clock()
    at1 = [edit(tid, kind, tag, EDITS, False) for tid, kind, tag, _ in kinds]
    mem_end = memory()
    load1 = loadavg()
    m = js(MOUNT_JS)

    W = 60
    print(f"\n== preset {preset}   (load average {load0} before, {load1} after; 2 shared cores)")
    print("mount, from navigation start (a fresh page, localStorage empty):")
    print(f"  cold (a new browser):     {mount_text(m_cold)}")
    print(f"  warm (opened before):     {mount_text(m)}")
    print(f"{'edit latency, ms (' + str(EDITS) + ' edits of one character)':<{W}}"
          f"  {'t = ' + t0:^21}  {'t = ' + t1:^21}")
    print(f"{'':<{W}}  {'median':>7} {'p95':>6} {'max':>6}  {'median':>7} {'p95':>6} {'max':>6}")
    for (tid, kind, tag, label), r0, r1 in zip(kinds, at0, at1):
        for key, what in (("dom", "to DOM"), ("frm", "to next frame")):
            print(f"{label + ', ' + what:<{W}}  {fmt_stats(r0, key)}  {fmt_stats(r1, key)}")
    print(f"{'wasm memory (after mount | after the skip)':<{W}}  {mib(mem0):>21}  {mib(mem_h):>21}")
    print(f"{'wasm memory at the end (after the edits)':<{W}}  {'':>21}  {mib(mem_end):>21}")
    sys.stdout.flush()


def first_check():
    ident = cdp("Page.addScriptToEvaluateOnNewDocument", {"source": "window.__benchTry = true;"})
    try:
        wd("POST", S + "/url", {"url": f"{URL}?preset={LAB}"})
        wait_for("window.__benchMount && window.__benchMount.fruitsFrame !== undefined", timeout=60,
                 why="JSON.stringify(Object.assign({}, window.__benchMount, {wasm: undefined}))"
                     " + (q('check-output') || {}).textContent")
    finally:
        cdp("Page.removeScriptToEvaluateOnNewDocument", {"identifier": ident["identifier"]})
    return js(HELPERS + "const m = window.__benchMount; return {dom: m.dom, shown: m.shown, clicked: m.clicked,"
              " fruits: m.fruits, frame: m.fruitsFrame, waited: (q('check-waited') || {}).textContent || null};")


def report_check(how, m, load0):
    print(f"{how + ':':<24}app in the DOM {m['dom']:.0f} ms, Try it shown {m['shown']:.0f} ms,"
          f" pressed {m['clicked']:.0f} ms, output holds \"fruits\" {m['fruits']:.0f} ms,"
          f" its frame {m['frame']:.0f} ms   [{m['waited'] or 'no wait shown'}; load average {load0}]")
    sys.stdout.flush()


start()
print(f"Per preset, release dist/ in headless Chromium ({URL}); figures printed, never asserted.")
for p in (ONLY or PRESETS):
    measure(p)
if not ONLY or LAB in ONLY:
    print(f"\n== the first check on the lab ({LAB}): a fresh page, Try it pressed in the task after the"
          " frame that first shows it;\n   times from navigation start (2 shared cores)")
    load0 = loadavg()
    report_check("cold (a new browser)", in_new_browser(first_check), load0)
    load0 = loadavg()
    report_check("warm (opened before)", first_check(), load0)
wd("DELETE", S)
