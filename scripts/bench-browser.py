#!/usr/bin/env python3
"""How long each kind of user action blocks the browser's main thread.

Drives a served podlab dist/ in headless Chromium through chromedriver
(WebDriver over HTTP, python3's standard library only) and prints a table:
for each action, the longest time the main thread was blocked while the
action ran (a setTimeout heartbeat's longest gap, cross-checked with the
longest 'longtask' entry), and the real time until its answer was on the
page. Figures are printed, never asserted (scripts/bench-browser.sh).

Usage: bench-browser.py URL CHROMEDRIVER_PORT
"""

import json
import sys
import time
import urllib.request

URL, PORT = sys.argv[1], int(sys.argv[2])
BASE = f"http://127.0.0.1:{PORT}"
# How long one action may hold the page before it is reported as frozen
# (and the measurement stops: a frozen page answers nothing else).
TIMEOUT = 120


def wd(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return json.loads(r.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"bench-browser: WebDriver {path}: {e.read().decode()[:2000]}")


caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--window-size=1400,1000"]}}}}
session = wd("POST", "/session", caps)["sessionId"]
S = f"/session/{session}"


def js(script, *args):
    return wd("POST", S + "/execute/sync", {"script": script, "args": list(args)})


def js_async(script, *args):
    return wd("POST", S + "/execute/async", {"script": script, "args": list(args)})


wd("POST", S + "/timeouts", {"script": 300000, "pageLoad": 60000})

# In the page: `measure(action, done)` runs `action` in a task of its own,
# waits until `done()` holds (polled every 5 ms), and reports the longest
# heartbeat gap and longtask entry meanwhile.
HELPERS = r"""
window.__bench = {
  q(id) { return document.querySelector(`[data-testid="${id}"]`); },
  input(el, value) {
    el.value = value;
    el.dispatchEvent(new InputEvent('input', {bubbles: true}));
  },
  key(el, key, opts) {
    el.dispatchEvent(new KeyboardEvent('keydown', Object.assign({key, bubbles: true, cancelable: true}, opts || {})));
  },
  prompts() { return document.querySelectorAll('[data-testid="console-output"] .prompt').length; },
  running() { return !!document.querySelector('[data-testid="console-running"]'); },
  measure(action, done, settleMs, timeoutMs) {
    return new Promise(resolve => {
      const longtasks = [];
      let obs = null;
      try {
        obs = new PerformanceObserver(l => { for (const e of l.getEntries()) longtasks.push(e.duration); });
        obs.observe({type: 'longtask'});
      } catch (e) { obs = null; }
      let last = performance.now(), maxGap = 0, beating = true;
      const beat = () => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
        if (beating) setTimeout(beat, 0);
      };
      setTimeout(beat, 0);
      setTimeout(() => {
        const t0 = performance.now();
        action();
        const t1 = performance.now();
        const poll = () => {
          if (done() || performance.now() - t0 > (timeoutMs || 60000)) {
            const t2 = performance.now();
            setTimeout(() => {
              beating = false;
              if (obs) { for (const e of obs.takeRecords()) longtasks.push(e.duration); obs.disconnect(); }
              resolve({sync: t1 - t0, wall: t2 - t0, gap: maxGap,
                       longtask: obs === null ? null : Math.max(0, ...longtasks),
                       timedOut: !done()});
            }, settleMs || 50);
          } else {
            setTimeout(poll, 5);
          }
        };
        poll();
      }, 20);
    });
  },
};
"""

rows = []
NAME_W = 78


def report(name, r):
    if r is None:
        print(f"{name:<{NAME_W}}  {'frozen':>10}  {'-':>11}  {'>' + str(TIMEOUT * 1000):>9}", flush=True)
        return
    lt = "-" if r["longtask"] is None else f"{r['longtask']:.0f}"
    to = "  (no answer yet)" if r["timedOut"] and "ticks" not in name else ""
    print(f"{name:<{NAME_W}}  {r['gap']:>10.0f}  {lt:>11}  {r['wall']:>9.0f}{to}", flush=True)


print(f"{'action':<{NAME_W}}  {'blocked ms':>10}  {'longtask ms':>11}  {'answer ms':>9}", flush=True)


def run(name, action_js, done_js="true", settle=50, timeout=60000):
    script = HELPERS + f"""
const done = arguments[arguments.length - 1];
const b = window.__bench;
const before = b.prompts();
window.__bench.measure(() => {{ {action_js} }}, () => ({done_js}), {settle}, {timeout}).then(done);
"""
    try:
        r = js_async(script)
    except TimeoutError:
        report(name, None)
        raise SystemExit(0)
    report(name, r)
    return r


def wait_for(cond_js, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if js(HELPERS + f"const b = window.__bench; return !!({cond_js});"):
            return
        time.sleep(0.1)
    raise SystemExit(f"bench-browser: timed out waiting for {cond_js}")


def console(line):
    return (f"const i = b.q('console-input'); b.input(i, {json.dumps(line)}); b.key(i, 'Enter');",
            "b.prompts() > before && !b.running()")


def clock():
    t = js(HELPERS + "return window.__bench.q('clock').textContent;")
    return t.split(" after apply")[0].removeprefix("t = ")


wd("POST", S + "/url", {"url": URL})
wait_for("b.q('topology') && b.q('manifest-editor')")
js("localStorage.clear();")
wd("POST", S + "/url", {"url": URL})
wait_for("b.q('topology') && b.q('manifest-editor')")
time.sleep(1.5)
# Pause the clock: only the measured action runs.
js(HELPERS + "window.__bench.q('clock-toggle').click();")
time.sleep(0.3)

KEY = ("const e = b.q('manifest-editor'); b.input(e, e.value + '#');", "true")
for i in range(5):
    run(f"keystroke in a manifest (t = {clock()})", *KEY)
run("console: kubectl get pods", *console("kubectl get pods"))
run("console: while :; do :; done", *console("while :; do :; done"))
run("console: while :; do echo hello; done", *console("while :; do echo hello; done"))
run("console: kubectl exec busybox -- sh -c 'while :; do :; done'",
    *console("kubectl exec busybox -- sh -c 'while :; do :; done'"))
SPIN = """
---
apiVersion: v1
kind: Pod
metadata:
  name: spin
spec:
  containers:
  - name: spin
    image: busybox
    command: ["sh", "-c", "while :; do :; done"]
"""
run(f"edit: add a pod spinning without a sleep (t = {clock()})",
    f"const e = b.q('manifest-editor'); b.input(e, e.value + {json.dumps(SPIN)});")
js(HELPERS + "window.__bench.q('clock-toggle').click();")  # play
run("clock ticks for 3 s with a spinning container", "", "false", settle=0, timeout=3000)
js(HELPERS + "window.__bench.q('clock-toggle').click();")  # pause
run("edit: remove the spinning pod",
    f"const e = b.q('manifest-editor'); b.input(e, e.value.replace({json.dumps(SPIN)}, ''));")
for i in range(12):
    run("skip +5 min (to an hour)",
        "document.querySelector('[data-testid=\"skip-5min\"]').click();")
for i in range(5):
    run(f"keystroke in a manifest (t = {clock()})", *KEY)


big = "".join(f"  key{i:07d}: some pasted value {i}\n" for i in range(150000))
big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted\ndata:\n" + big
print(f"(the paste is {len(big) / 1e6:.1f} MB)", file=sys.stderr)
run("paste 5 MB into a manifest",
    f"const e = b.q('manifest-editor'); b.input(e, e.value + '\\n---\\n' + {json.dumps(big)});")
for i in range(3):
    run("keystroke in a manifest holding 5 MB", *KEY)
# A long save waits until the typing pauses (src/saving.rs): measured over
# the keystroke and the 1.5 s after it, which hold the save.
run("keystroke in a manifest holding 5 MB, then its save (1.5 s)", KEY[0], "false",
    settle=0, timeout=1500)
saved = js(HELPERS + "return Object.keys(localStorage).filter(k => k.startsWith('podlab:v1:'))"
           ".map(k => localStorage.getItem(k).length).reduce((a, b) => Math.max(a, b), 0);")
print(f"(the save holds {saved / 1e6:.1f} MB)", file=sys.stderr)
run("preset load: sidecar",
    "b.q('preset-sidecar').click();", "b.q('preset-summary').textContent.includes('idecar') || true")
# A paste as the browser delivers it: a paste event with the clipboard's
# text, which the editor splices in without the textarea laying it out.
PASTE = ("const e = b.q('manifest-editor'); const d = new DataTransfer();"
         f" d.setData('text/plain', '\\n---\\n' + {json.dumps(big)});"
         " e.focus(); e.setSelectionRange(e.value.length, e.value.length);"
         " e.dispatchEvent(new ClipboardEvent('paste', {clipboardData: d, bubbles: true, cancelable: true}));")
run("paste 5 MB into a manifest (a paste event)", PASTE)
run("keystroke in a manifest holding 5 MB", *KEY)
run("preset load: ambassador (holding the 5 MB paste)", "b.q('preset-ambassador').click();")

# Last: these may freeze the page for good.
run(f"edit: add a pod spinning without a sleep (t = {clock()})",
    f"const e = b.q('manifest-editor'); b.input(e, e.value + {json.dumps(SPIN)});")
run("console: while :; do kubectl exec busybox -- true; done",
    *console("while :; do kubectl exec busybox -- true; done"))
run("console: while :; do kubectl exec busybox -- sh -c 'while :; do :; done'; done",
    *console("while :; do kubectl exec busybox -- sh -c 'while :; do :; done'; done"))
wd("DELETE", S)
