#!/usr/bin/env python3
"""axe-core's WCAG 2.1 A and AA rules on a served podlab dist/.

Drives headless Chromium through chromedriver (WebDriver over HTTP,
python3's standard library only). For each layout (default at 1400x1000,
`?embed=1` at 800x600) and each theme (`?theme=light`, `?theme=dark`), it
opens the page, injects axe.min.js through WebDriver's execute_script (which
the page's Content-Security-Policy does not govern), and runs axe with the
tags wcag2a, wcag2aa, wcag21a and wcag21aa: on the page as it opens, and
again after a run of the demonstration, two console lines (one failing),
edits with errors and a failing container, so that the verdicts, the trace,
the console's colours, the diagnostics and the pod states are on the page
too; and then with each pane behind a tab (the embed layout's) shown. It
also checks what axe leaves out: the contrast of every SVG text in the diagram against the box
behind it (or its halo), and of the editors' highlighting under their
transparent textareas, at 4.5:1; that real Tab and Escape keys leave the
editors and the console (no keyboard trap); and that `?theme=auto`
follows prefers-color-scheme as it changes. Every violation is printed;
the exit status is 1 if there was any.

Usage: axe-check.py URL CHROMEDRIVER_PORT AXE_JS [SCREENSHOT_DIR]
"""

import base64
import json
import os
import sys
import time
import urllib.request

URL, PORT, AXE = sys.argv[1], int(sys.argv[2]), sys.argv[3]
SHOTS = sys.argv[4] if len(sys.argv) > 4 else None
BASE = f"http://127.0.0.1:{PORT}"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LAYOUTS = [("default", "", (1400, 1000)), ("embed", "embed=1&", (800, 600))]
THEMES = ["light", "dark"]


def wd(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=180) as r:
            return json.loads(r.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"axe-check: WebDriver {path}: {e.read().decode()[:2000]}")


caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run",
             "--force-prefers-reduced-motion", "--window-size=1400,1000"]}}}}
session = wd("POST", "/session", caps)["sessionId"]
S = f"/session/{session}"
wd("POST", S + "/timeouts", {"script": 120000, "pageLoad": 60000})


def js(script, *args):
    return wd("POST", S + "/execute/sync", {"script": script, "args": list(args)})


def js_async(script, *args):
    return wd("POST", S + "/execute/async", {"script": script, "args": list(args)})


def wait_for(cond_js, what, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        if js(f"return !!({cond_js});"):
            return
        time.sleep(0.1)
    raise SystemExit(f"axe-check: timed out waiting for {what}")


AXE_SRC = open(AXE, encoding="utf-8").read()
Q = "document.querySelector('[data-testid=\"%s\"]')"

# The diagram's texts against what is behind them: a node's text against its
# box (or, where the box has no fill, the panel), an edge label against its
# halo (the text's own stroke, painted under it). WCAG 1.4.3 at 4.5:1.
SVG_CONTRAST = r"""
const rgb = s => {
  const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(s || '');
  return m && (m[4] === undefined || +m[4] > 0.99) ? [+m[1], +m[2], +m[3]] : null;
};
const lum = c => {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
};
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
const panelBg = el => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c) return c;
  }
  return [255, 255, 255];
};
const bad = [];
for (const t of document.querySelectorAll('svg text')) {
  if (!t.getClientRects().length || !t.textContent.trim()) continue;
  const cs = getComputedStyle(t);
  const fg = rgb(cs.fill);
  if (!fg) continue;
  let bg = null, against = '';
  const g = t.closest('g');
  const rect = g && g.querySelector(':scope > rect');
  if (g && g.classList.contains('edge')) {
    bg = rgb(cs.stroke); against = 'its halo';
  } else if (rect) {
    bg = rgb(getComputedStyle(rect).fill); against = 'its box';
  }
  if (!bg) { bg = panelBg(t.closest('svg')); against = 'the panel'; }
  const r = ratio(fg, bg);
  if (r < 4.5) bad.push(`${r.toFixed(2)}:1 "${t.textContent}" (${cs.fill} on ${against} rgb(${bg.join(', ')})) in ${g ? g.getAttribute('class') : 'svg'}`);
}
// The editors' highlighting and line numbers, under the transparent
// textarea (axe cannot tell their colours through it), against the editor.
for (const s of document.querySelectorAll('.editor .hl span[class], .editor .gutter .ln')) {
  if (!s.getClientRects().length || !s.textContent.trim() || s.classList.contains('line')) continue;
  const fg = rgb(getComputedStyle(s).color);
  const bg = panelBg(s);
  if (!fg) continue;
  const r = ratio(fg, bg);
  if (r < 4.5) bad.push(`${r.toFixed(2)}:1 "${s.textContent.slice(0, 40)}" (${getComputedStyle(s).color} on rgb(${bg.join(', ')})) in .${[...s.classList].join('.')}`);
}
return bad;
"""


ACTIONS = r"""
const q = id => document.querySelector(`[data-testid="${id}"]`);
const input = (el, text) => {
  el.value = text;
  el.dispatchEvent(new InputEvent('input', {bubbles: true}));
};
const line = text => {
  const i = q('console-input');
  if (!i) return;
  input(i, text);
  i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true, cancelable: true}));
};
const clock = q('clock-toggle');
if (clock && /pause/.test(clock.textContent)) clock.click();
"""


def used(step):
    """Put verdicts, a trace, console output and diagnostics on the page:
    step 1 lets the pods start and runs the demonstration (it works) and
    two console lines, one failing; step 2 breaks haproxy.cfg's backend port (with an unknown
    keyword) and moves a containerPort, and runs the demonstration again
    (it fails); step 3 names an image tag that does not exist, so a
    container fails and its pod is not ready."""
    if step == 1:
        js(ACTIONS + """
if (q('skip-10s')) q('skip-10s').click();
if (q('check-run')) q('check-run').click();
line('kubectl get pods');
line('kubectl get nothing');
""")
    if step == 2:
        js(ACTIONS + """
const cfg = q('haproxy-editor');
if (cfg) input(cfg, cfg.value.replace('127.0.0.1:8775', '127.0.0.1:8776').replace('maxconn 256', 'maxconn 256\\n    bogus-keyword'));
const ed = q('manifest-editor');
if (ed) input(ed, ed.value.replace('containerPort: 80', 'containerPort: 81'));
if (q('check-run')) q('check-run').click();
line('kubectl logs fruit-service -c nope');
""")
    if step == 3:
        js(ACTIONS + """
const ed = q('manifest-editor');
if (ed) input(ed, ed.value.replace('legacy-fruit-service:1', 'legacy-fruit-service:2'));
if (q('skip-10s')) q('skip-10s').click();
""")
    time.sleep(2.5)


TAB, ESC = "\ue004", "\ue00c"


def keys(*ks):
    """Press and release real keys (WebDriver actions), in order."""
    wd("POST", S + "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": [
        a for k in ks for a in ({"type": "keyDown", "value": k}, {"type": "keyUp", "value": k})]}]})


def keyboard(name):
    """No keyboard trap: with real keys, Tab indents in an editor and
    completes in the console, and Escape then Tab moves the focus out."""
    found = 0
    for testid in ("manifest-editor", "haproxy-editor", "console-input"):
        # Only where it is shown (the embed layout may keep it behind a tab).
        if not js(f"const e = {Q % testid}; return !!e && e.getClientRects().length > 0;"):
            continue
        js(f"const e = {Q % testid}; e.focus(); if (e.setSelectionRange) e.setSelectionRange(0, 0);")
        before = js(f"return {Q % testid}.value;")
        keys(TAB)
        time.sleep(0.2)
        if not js(f"return document.activeElement === {Q % testid};"):
            print(f"  {name}: keyboard: Tab left {testid} (it should indent or complete)")
            found += 1
        if testid != "console-input" and js(f"return {Q % testid}.value;") != "  " + before:
            print(f"  {name}: keyboard: Tab did not indent {testid}")
            found += 1
        keys(ESC, TAB)
        time.sleep(0.2)
        where = js(f"""const a = document.activeElement;
return a === {Q % testid} ? null : (a.getAttribute('data-testid') || a.getAttribute('aria-label') || a.tagName);""")
        if where is None:
            print(f"  {name}: keyboard: Escape then Tab kept the focus in {testid} (a keyboard trap)")
            found += 1
        else:
            print(f"  {name}: keyboard: Tab stays in {testid}; Escape then Tab moves on to {where}")
    return found


def follows_the_system(url):
    """?theme=auto follows prefers-color-scheme, and its changes."""
    found = 0
    wd("POST", S + "/url", {"url": f"{url}?theme=auto"})
    wait_for("document.documentElement.dataset.theme && document.querySelector('[data-testid]')", "the page")
    for scheme in ("dark", "light", "dark"):
        wd("POST", S + "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]}})
        time.sleep(0.3)
        shown = js("return document.documentElement.dataset.theme;")
        if shown != scheme:
            print(f"  auto: the system prefers {scheme}, <html data-theme> is {shown!r}")
            found += 1
    wd("POST", S + "/goog/cdp/execute", {"cmd": "Emulation.setEmulatedMedia", "params": {"features": []}})
    print(f"axe-check: ?theme=auto follows prefers-color-scheme: {found} problem(s)", flush=True)
    return found


def shot(name):
    if not SHOTS:
        return
    r = wd("POST", S + "/goog/cdp/execute", {"cmd": "Page.captureScreenshot",
                                             "params": {"captureBeyondViewport": True}})
    with open(os.path.join(SHOTS, f"{name}.png"), "wb") as f:
        f.write(base64.b64decode(r["data"]))


def check(name):
    found = 0
    res = js_async(AXE_SRC + """
;const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => done({rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), why: n.failureSummary}))}))}))
  .catch(e => done({rules: 0, violations: [{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]}));
""" % json.dumps(TAGS))
    if res["rules"] < 20:
        print(f"  {name}: axe ran only {res['rules']} rules")
        found += 1
    for v in res["violations"]:
        found += 1
        print(f"  {name}: {v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:8]:
            why = " ".join((n["why"] or "").split())[:300]
            print(f"      {n['target']}: {why}")
        if len(v["nodes"]) > 8:
            print(f"      … and {len(v['nodes']) - 8} more")
    print(f"  {name}: axe-core {js('return axe.version;')} ran {res['rules']} rules")
    for b in js(SVG_CONTRAST):
        found += 1
        print(f"  {name}: svg-text-contrast: {b}")
    return found


total = 0
for layout, param, (w, h) in LAYOUTS:
    wd("POST", S + "/window/rect", {"width": w, "height": h})
    for theme in THEMES:
        url = f"{URL}?{param}theme={theme}"
        wd("POST", S + "/url", {"url": url})
        wait_for("document.documentElement.dataset.theme && document.querySelector('[data-testid]')", f"{url} to mount")
        time.sleep(1.0)
        shown = js("return document.documentElement.dataset.theme;")
        if shown != theme:
            print(f"  {layout}/{theme}: <html data-theme> is {shown!r}, not {theme!r}")
            total += 1
        n = check(f"{layout}/{theme}/opened")
        shot(f"{layout}-{theme}-opened")
        for step in (1, 2, 3):
            used(step)
            n += check(f"{layout}/{theme}/used-{step}")
            shot(f"{layout}-{theme}-used-{step}")
        n += keyboard(f"{layout}/{theme}")
        # Panes behind tabs (the embed layout's): each shown in turn. Not
        # the preset gallery's or the manifests' own tabs.
        tabs = js("""return [...document.querySelectorAll('[role="tab"]')]
  .filter(t => !t.closest('.presets, .manifests'))
  .map((t, i) => { t.setAttribute('data-axe-tab', i); return [i, t.textContent.trim()]; });""")
        for i, label in tabs:
            js(f"document.querySelector('[data-axe-tab=\"{i}\"]').click();")
            time.sleep(0.8)
            n += check(f"{layout}/{theme}/tab {label!r}")
            shot(f"{layout}-{theme}-tab-{i}")
        print(f"axe-check: {layout} layout, {theme} theme ({w}x{h}): {n} violation(s)", flush=True)
        total += n
        js("localStorage.clear();")
total += follows_the_system(URL)
wd("DELETE", S)
if total:
    raise SystemExit(f"axe-check: {total} violation(s) of WCAG 2.1 A/AA (above)")
print("axe-check: no WCAG 2.1 A/AA violation in the default and embed layouts, light and dark")
