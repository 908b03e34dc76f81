#!/usr/bin/env python3
"""podlab's embedding API, driven as a course page on another origin does.

scripts/embed-check.sh serves dist/ (podlab) on one origin and the course
pages on two others, and runs this against headless Chromium through
chromedriver (WebDriver over HTTP, python3's standard library only).

On the allowed origin, static/embed-example.html embeds podlab with
`?embed=1&key=…&allow=<its origin>` and calls the API through the
example's own client (window.podlab): podlab.ready, getFiles, setFiles and
the podlab.change after it, run (a short line and one that runs in many
stretches, both shown in podlab's console), reset, setTheme, and the
errors. A sibling frame on the allowed origin, and a stranger page on an
origin not in `allow`, message podlab too: they get nothing and change
nothing. It also checks the embedded layout at 800x600 (no page header, the
panes in tabs, no sideways scroll) and, given a path, saves a screenshot.

Usage: embed-check.py PODLAB_ORIGIN HOST_ORIGIN STRANGER_ORIGIN DRIVER_PORT [SHOT]
"""

import base64
import json
import sys
import time
import urllib.request

PODLAB, HOST, STRANGER, PORT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
SHOT = sys.argv[5] if len(sys.argv) > 5 else ""
BASE = f"http://127.0.0.1:{PORT}"
ELEMENT = "element-6066-11e4-a52f-4a5cb77cfd72"
failures = []


def wd(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"embed-check: WebDriver {path}: {e.read().decode()[:2000]}")


caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--window-size=1000,1000"]}}}}
session = wd("POST", "/session", caps)["sessionId"]
S = f"/session/{session}"
wd("POST", S + "/timeouts", {"script": 60000, "pageLoad": 60000})


def js(script, *args):
    return wd("POST", S + "/execute/sync", {"script": script, "args": list(args)})


def js_async(script, *args):
    return wd("POST", S + "/execute/async", {"script": script, "args": list(args)})


def check(what, ok, got=None):
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": got {got!r}"))
    if not ok:
        failures.append(what)


def wait_for(script, timeout=20.0, *args):
    """Poll `script` (returning a value) until it is truthy."""
    end = time.time() + timeout
    while time.time() < end:
        v = js(script, *args)
        if v:
            return v
        time.sleep(0.05)
    return None


def call(method, params=None):
    """Call through the example page's client: {result} or {error}."""
    return js_async("""
        const [method, params, done] = arguments;
        window.podlab.call(method, params === null ? undefined : params)
          .then(r => done({result: r}), e => done({error: e}));
    """, method, params)


def send_raw(message, reply_id, timeout_ms=3000):
    """Post any message; the answers carrying `reply_id` (or every answer
    that is a string) seen within the time, from the page's own log."""
    return js_async("""
        const [message, id, ms, done] = arguments;
        const got = [];
        const on = (e) => {
          if (e.source !== document.getElementById('podlab').contentWindow) return;
          let d = e.data;
          if (typeof d === 'string') { got.push({text: d}); return; }
          if (d && d.id === id) got.push(d);
        };
        window.addEventListener('message', on);
        document.getElementById('podlab').contentWindow.postMessage(message, window.podlab.origin);
        setTimeout(() => { window.removeEventListener('message', on); done(got); }, ms);
    """, message, reply_id, timeout_ms)


def in_podlab(fn):
    """Run `fn` with WebDriver switched into podlab's frame."""
    frame = wd("POST", S + "/element", {"using": "css selector", "value": "#podlab"})
    wd("POST", S + "/frame", {"id": frame})
    try:
        return fn()
    finally:
        wd("POST", S + "/frame/parent", {})


# --- The course page on the allowed origin --------------------------------
podlab_url = PODLAB + "/index.html"
wd("POST", S + "/url", {"url": f"{HOST}/embed-example.html?podlab={podlab_url}"})
ready = wait_for("return (window.podlab && window.podlab.events.find(m => m.method === 'podlab.ready')) || null")
check("podlab.ready comes once mounted, with version 1 and the preset",
      ready is not None and ready["params"] == {"version": 1, "preset": "ambassador"}, ready)
n_ready = js("return window.podlab.events.filter(m => m.method === 'podlab.ready').length")
time.sleep(0.5)
check("podlab.ready comes once", js("return window.podlab.events.filter(m => m.method === 'podlab.ready').length") == 1 == n_ready, n_ready)

got = call("podlab.getFiles")
files0 = (got.get("result") or {}).get("files") or []
check("podlab.getFiles answers the lab's files and preset",
      len(files0) >= 3 and got["result"]["preset"] == "ambassador"
      and all(set(f) == {"name", "text"} for f in files0), got)

exercise = [{"name": "pod.yml", "text": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n"},
            {"name": "notes.yml", "text": "# 課程 ✓\n"}]
js("window.__changes = window.podlab.events.filter(m => m.method === 'podlab.change').length")
t0 = time.time()
got = call("podlab.setFiles", {"files": exercise})
check("podlab.setFiles answers {}", got == {"result": {}}, got)
change = wait_for("""
    const c = window.podlab.events.filter(m => m.method === 'podlab.change');
    return c.length > window.__changes ? c[c.length - 1] : null""", 5)
print(f"     podlab.change came {1000 * (time.time() - t0):.0f} ms after setFiles was sent")
check("podlab.change follows setFiles with the files", change is not None and change["params"]["files"] == exercise, change)
got = call("podlab.getFiles")
check("podlab.getFiles answers the files set, byte for byte", got.get("result", {}).get("files") == exercise, got)

got = call("podlab.run", {"command": "kubectl get pods"})
r = got.get("result") or {}
check("podlab.run answers {output, exitCode}", r.get("exitCode") == 0 and "web" in r.get("output", "")
      and r["output"].startswith("NAME"), got)
got = call("podlab.run", {"command": "kubectl get pod nope"})
r = got.get("result") or {}
check("podlab.run answers a failing line's status and stderr",
      r.get("exitCode") == 1 and 'pods "nope" not found' in r.get("output", ""), got)
# A line long enough to run in many stretches of the browser's time.
got = call("podlab.run", {"command": "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo $i"})
check("podlab.run answers when a long line ends", got == {"result": {"output": "30000\n", "exitCode": 0}}, got)
shown = in_podlab(lambda: js("return document.querySelector('[data-testid=\"console-output\"]').textContent"))
check("podlab.run's lines are shown in podlab's console",
      "kubectl get pods" in shown and "30000" in shown, shown[-300:])

# Errors, as JSON-RPC 2.0 says.
got = call("podlab.nope")
check("an unknown method gets -32601", (got.get("error") or {}).get("code") == -32601, got)
got = call("podlab.run", {"command": 1})
check("bad params get -32602", (got.get("error") or {}).get("code") == -32602, got)
got = call("podlab.setFiles", {"files": []})
check("setFiles with no file gets -32602", (got.get("error") or {}).get("code") == -32602, got)
got = call("podlab.check")
r = got.get("result", {})
check("podlab.check on the page's own (broken) exercise: every item fails, each with its reason and hint",
      r.get("passed") is False and len(r.get("items", [])) == 5
      and all(not i["passed"] and i["detail"] for i in r["items"]), got)
got = send_raw({"jsonrpc": "1.0", "id": "old", "method": "podlab.getFiles"}, "old")
check("a message that is not a JSON-RPC 2.0 request gets -32600",
      len(got) == 1 and got[0]["error"]["code"] == -32600, got)
got = send_raw("{not json", None)
check("a string that is not JSON gets -32700 with id null, as a string",
      len(got) == 1 and json.loads(got[0]["text"])["error"]["code"] == -32700
      and json.loads(got[0]["text"])["id"] is None, got)
got = send_raw({"jsonrpc": "2.0", "method": "podlab.nope"}, None)
check("a notification gets no answer, not even an error", got == [], got)

got = call("podlab.setTheme", {"theme": "dark"})
theme = in_podlab(lambda: js("return document.documentElement.dataset.theme"))
check("podlab.setTheme sets <html data-theme>", got == {"result": {}} and theme == "dark", (got, theme))
lang = in_podlab(lambda: js("return document.documentElement.lang"))
check("<html lang> says the language shown", lang == "en", lang)

# A frame on the allowed origin that is not the parent gets nothing.
before = call("podlab.getFiles")
js("""
    window.__sibling = [];
    window.addEventListener('message', (e) => {
      if (e.data && (e.data.siblingGot || e.data.siblingSent)) window.__sibling.push(e.data);
      if (e.data && typeof e.data.id === 'string' && e.data.id.startsWith('sibling')) window.__sibling.push(e.data);
    });
    const f = document.createElement('iframe');
    f.src = 'sibling.html';
    document.body.append(f);
""")
wait_for("return window.__sibling.some(m => m.siblingSent)", 10)
time.sleep(1.5)
after = call("podlab.getFiles")
got = js("return window.__sibling.filter(m => !m.siblingSent)")
check("a sibling frame on the allowed origin gets no answer", got == [], got)
check("... and changes nothing", before == after and before.get("result", {}).get("files") == exercise, after)

# A learner's edit in podlab's editor: podlab.change tells the page.
js("window.__changes = window.podlab.events.filter(m => m.method === 'podlab.change').length")
in_podlab(lambda: js("""
    const t = document.querySelector('[data-testid="manifest-editor"]');
    t.value = t.value + '# edited\\n';
    t.dispatchEvent(new InputEvent('input', {bubbles: true}));"""))
change = wait_for("""
    const c = window.podlab.events.filter(m => m.method === 'podlab.change');
    return c.length > window.__changes ? c[c.length - 1] : null""", 5)
check("podlab.change follows a learner's edit",
      change is not None and change["params"]["files"][0]["text"] == exercise[0]["text"] + "# edited\n", change)

# The embedded layout, in the course page's 800x600 frame.
def layout():
    out = {"header": js("return !!document.querySelector('.app-header, .presets')"),
           "embed": js("return !!document.querySelector('[data-testid=\"embed\"]')"),
           "tabs": js("return [...document.querySelectorAll('.embed-tabs [role=tab]')].map(t => t.textContent.trim())"),
           "wide": []}
    for tab in ["files", "diagram", "console", "checks"]:
        js(f"document.querySelector('[data-testid=\"embed-tab-{tab}\"]').click()")
        time.sleep(0.2)
        w = js("""const e = document.scrollingElement;
                  const p = document.querySelector('.embed-panel:not([hidden])');
                  return [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight, p.scrollWidth, p.clientWidth]""")
        if w[0] > w[1] or w[2] > w[3] or w[4] > w[5]:
            out["wide"].append((tab, w))
    js("document.querySelector('[data-testid=\"embed-tab-files\"]').click()")
    return out


got = in_podlab(layout)
check("?embed=1 has no page header or gallery, and the panes in tabs",
      not got["header"] and got["embed"] and got["tabs"] == ["Files", "Diagram", "Console", "Checks"], got)
check("every tab fits 800x600 with no sideways scroll", got["wide"] == [], got["wide"])

got = call("podlab.reset")
files = call("podlab.getFiles")
check("podlab.reset puts back the preset's files", got == {"result": {}}
      and files.get("result", {}).get("files") == files0, files)
# The checklist: the preset's on its own files, then a course's own.
js("window.__checked = window.podlab.events.filter(m => m.method === 'podlab.checked').length")
got = call("podlab.check")
items = got.get("result", {}).get("items", [])
check("podlab.check runs the lab's checklist and every item passes on the preset's files",
      got.get("result", {}).get("passed") is True and len(items) == 5
      and all(set(i) == {"id", "title", "passed", "detail"} for i in items), got)
checked = wait_for("""
    const c = window.podlab.events.filter(m => m.method === 'podlab.checked');
    return c.length > window.__checked ? c[c.length - 1] : null""", 5)
check("podlab.checked follows a checklist run, with its report",
      checked is not None and checked["params"] == got.get("result"), checked)
shown = in_podlab(lambda: js("return document.querySelector('[data-testid=\"console\"]').textContent"))
check("... and each item's command is shown in podlab's console",
      all(i in shown for i in ["kubectl get configmap fruit-service-ambassador-config", "curl -s"]), shown[-400:])
got = call("podlab.setChecks", {"items": [
    {"title": "busybox runs", "command": "kubectl get pod busybox -o jsonpath='{.status.phase}'", "expect": {"equals": "Running"}},
    {"title": "nothing on 8080", "command": "kubectl get pod nope", "expect": {"exitCode": 0}, "hint": "no such pod"}]})
check("podlab.setChecks takes a course's items", got == {"result": {}}, got)
got = call("podlab.check")
r = got.get("result", {})
check("podlab.check runs the course's items: one passes, one fails with its reason and hint",
      r.get("passed") is False and [i["passed"] for i in r.get("items", [])] == [True, False]
      and r["items"][1]["detail"] == "It exited 1, not 0. no such pod", got)
got = call("podlab.setChecks", {"items": [{"title": "t", "command": "ls"}]})
check("podlab.setChecks with an item lacking expect gets -32602",
      got.get("error", {}).get("code") == -32602, got)

call("podlab.setFiles", {"files": exercise})
time.sleep(0.6)  # podlab saves on render; the stranger's podlab opens the save

# --- A page on an origin not in `allow` -----------------------------------
wd("POST", S + "/url", {"url": f"{STRANGER}/stranger.html"})
got = js_async("""
    const [src, done] = arguments;
    const got = [];
    window.addEventListener('message', (e) => got.push({origin: e.origin, data: e.data}));
    const f = document.createElement('iframe');
    f.id = 'podlab';
    f.width = 800; f.height = 600;
    f.src = src;
    f.addEventListener('load', () => {
      const w = f.contentWindow;
      setTimeout(() => {
        for (const m of [
          {jsonrpc: '2.0', id: 1, method: 'podlab.getFiles'},
          {jsonrpc: '2.0', id: 2, method: 'podlab.setFiles', params: {files: [{name: 'evil.yml', text: 'evil\\n'}]}},
          {jsonrpc: '2.0', id: 3, method: 'podlab.run', params: {command: 'kubectl delete pod busybox'}},
          {jsonrpc: '2.0', id: 4, method: 'podlab.nope'},
          '{not json',
        ]) { w.postMessage(m, '*'); }
        setTimeout(() => done(got), 2500);
      }, 1500);
    });
    document.body.append(f);
""", f"{PODLAB}/index.html?embed=1&key=lesson-1&allow={HOST}")
check("a page on an origin not in allow gets nothing (not even podlab.ready)", got == [], got)
stranger_files = in_podlab(lambda: js("return [...document.querySelectorAll('[data-testid=\"file-tab\"], .tab')].map(t => t.textContent)"))
check("... and changes nothing in its frame",
      len(stranger_files) == len(exercise) and not any("evil" in t for t in stranger_files), stranger_files)

# Back on the course page: the work is as it was.
wd("POST", S + "/url", {"url": f"{HOST}/embed-example.html?podlab={podlab_url}"})
wait_for("return window.podlab && window.podlab.events.some(m => m.method === 'podlab.ready')")
got = call("podlab.getFiles")
check("the stranger changed nothing saved", got.get("result", {}).get("files") == exercise, got)

if SHOT:
    wd("POST", S + "/url", {"url": f"{PODLAB}/index.html?embed=1&theme=dark&key=shot"})
    wait_for("return !!document.querySelector('[data-testid=\"embed\"]')")
    # A viewport of 800x600: the window is that plus the browser's frame.
    wd("POST", S + "/window/rect", {"width": 800, "height": 600})
    dw, dh = js("return [800 - innerWidth, 600 - innerHeight]")
    wd("POST", S + "/window/rect", {"width": 800 + dw, "height": 600 + dh})
    time.sleep(1)
    inner = js("return [innerWidth, innerHeight]")
    for tab in ["files", "diagram", "console", "checks"]:
        js(f"document.querySelector('[data-testid=\"embed-tab-{tab}\"]').click()")
        time.sleep(0.3)
        path = SHOT if tab == "files" else SHOT.replace(".png", f"-{tab}.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(wd("GET", S + "/screenshot")))
        print(f"     screenshot of ?embed=1, {tab}, at {inner[0]}x{inner[1]} (viewport): {path}")

wd("DELETE", S)
if failures:
    raise SystemExit(f"embed-check: {len(failures)} check(s) failed")
print("embed-check: the API answers the allowed parent only, and the embedded layout fits")
