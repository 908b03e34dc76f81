// An example course page's side of podlab's embedding API (README.md,
// "Embedding podlab"): a JSON-RPC 2.0 client over postMessage. Copy it.
(() => {
  'use strict';
  // Where podlab is: ?podlab=URL, else the podlab beside this page.
  const here = new URLSearchParams(location.search);
  const url = new URL(here.get('podlab') || './index.html', location.href);
  const podlabOrigin = url.origin;
  url.searchParams.set('embed', '1');
  url.searchParams.set('key', 'lesson-1'); // this page's own storage slot
  url.searchParams.set('allow', location.origin); // whose messages podlab reads
  const frame = document.getElementById('podlab');
  const logEl = document.getElementById('log');
  const log = (what, data) => {
    logEl.textContent += `${what} ${JSON.stringify(data).slice(0, 400)}\n`;
  };

  let nextId = 1;
  const pending = new Map();
  const events = [];
  let onReady;
  const ready = new Promise((resolve) => { onReady = resolve; });

  window.addEventListener('message', (e) => {
    // Only podlab's frame, from podlab's origin.
    if (e.source !== frame.contentWindow || e.origin !== podlabOrigin) return;
    const m = e.data;
    if (!m || m.jsonrpc !== '2.0') return;
    if (m.method) { // a notification: podlab.ready, podlab.change
      events.push(m);
      log('←', m);
      if (m.method === 'podlab.ready') onReady(m.params);
      return;
    }
    log('←', m);
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(m.error); else p.resolve(m.result);
  });

  // Post any message to podlab; the answer to `id`, if one comes.
  function send(message) {
    log('→', message);
    frame.contentWindow.postMessage(message, podlabOrigin);
    return new Promise((resolve, reject) => {
      if (message && message.id !== undefined) pending.set(message.id, { resolve, reject });
    });
  }

  // Call a method once podlab is ready: its result, or its error thrown.
  function call(method, params) {
    return ready.then(() => send({ jsonrpc: '2.0', id: nextId++, method, params }));
  }

  const exercise = [
    { name: 'pod.yml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.25\n    ports:\n    - containerPort: 80\n' },
  ];
  const click = (id, f) => document.getElementById(id).addEventListener('click', () => f().catch((e) => log('error', e)));
  click('load', () => call('podlab.setFiles', { files: exercise }));
  click('pods', () => call('podlab.run', { command: 'kubectl get pods' }).then((r) => log('output', r.output)));
  click('files', () => call('podlab.getFiles'));
  click('reset', () => call('podlab.reset'));
  click('dark', () => call('podlab.setTheme', { theme: 'dark' }));

  // For tests and the console: podlab.call('podlab.getFiles').then(...).
  window.podlab = { call, send, ready, events, origin: podlabOrigin };
  frame.src = url.href;
})();
