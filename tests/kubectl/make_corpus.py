#!/usr/bin/env python3
"""Write tests/kubectl/corpus/: learner mistakes on manifests, for
tests/kubectl_diff.rs. Each case mangles one of the seed's three files
(src/model/project/workspace/*.yml) or the presets' (presets/*.yml), or is
written out below. Run from the crate root; then record kubectl's answers
with `PODLAB_BLESS=1 cargo test --test kubectl_diff`.

The mangling is deterministic: the same sources give the same corpus.
TYPOS=N sets how many random typos are written (200 by default; 700 ran
clean against kubectl v1.32 too, and found a libyaml-safer panic).
"""

import json
import os
import random
import re
import sys

import yaml  # PyYAML, only to turn the sources into JSON manifests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests/kubectl/corpus")
SOURCES = [
    ("fruit", "src/model/project/workspace/fruit-service.yml"),
    ("busybox", "src/model/project/workspace/busybox.yml"),
    ("ambassador", "src/model/project/workspace/fruit-service-ambassador-config.yml"),
    ("counter", "src/model/project/presets/counter.yml"),
    ("pidns", "src/model/project/presets/share-process-namespace.yml"),
    ("status", "src/model/project/presets/status-app.yml"),
    ("two", "src/model/project/presets/two-containers.yml"),
]

cases = []


def case(name, text, ext="yml"):
    if isinstance(text, str):
        text = text.encode("utf-8")
    cases.append((f"{name}.{ext}", text))


def lines(text):
    return text.split("\n")


def key_lines(text):
    """Indices of lines holding a block mapping key (not comments, not in
    block scalars), with their indentation."""
    out = []
    block = None
    for i, l in enumerate(lines(text)):
        stripped = l.lstrip(" ")
        ind = len(l) - len(stripped)
        if block is not None:
            if stripped == "" or ind > block:
                continue
            block = None
        if stripped.startswith("#") or stripped == "":
            continue
        m = re.match(r"(- )?([A-Za-z][\w.-]*):( |$)", stripped)
        if m:
            out.append((i, ind + (2 if m.group(1) else 0), m.group(1) is not None))
            if re.search(r": [|>][-+]?\s*$", stripped):
                block = ind
    return out


def edit_line(text, i, f):
    ls = lines(text)
    ls[i] = f(ls[i])
    return "\n".join(ls)


def main():
    os.makedirs(OUT, exist_ok=True)
    # Cases are rewritten; kubectl's records (*.out) and the command lines
    # (*.cmd) are kept.
    for f in os.listdir(OUT):
        if not f.endswith((".out", ".cmd")):
            os.remove(os.path.join(OUT, f))
    src = {}
    for short, path in SOURCES:
        with open(os.path.join(ROOT, path), encoding="utf-8") as fh:
            src[short] = fh.read()

    for short, text in src.items():
        keys = [k for k in key_lines(text) if k[1] >= 2 and not k[2]]
        nested = [k for k in key_lines(text) if k[1] >= 2]
        # Indentation: a key one space too little, or one too many.
        for n, (i, ind, _) in enumerate([keys[0], keys[len(keys) // 2], keys[-1]]):
            case(f"indent-less-{short}-{n}", edit_line(text, i, lambda l: l[1:]))
        for n, (i, ind, _) in enumerate([keys[1 % len(keys)], keys[-1]]):
            case(f"indent-more-{short}-{n}", edit_line(text, i, lambda l: " " + l))
        # Tabs: as indentation, and after a colon.
        i, ind, _ = nested[len(nested) // 2]
        case(f"tab-indent-{short}", edit_line(text, i, lambda l: "\t" + l.lstrip(" ")))
        i, ind, _ = keys[0]
        case(f"tab-after-colon-{short}", edit_line(text, i, lambda l: re.sub(r": ", ":\t", l, 1)))
        # Quotes left open.
        m = re.search(r"(?m)^(\s*-?\s*name: )(\S+)$", text)
        case(f"quote-open-{short}", text[: m.start(2)] + '"' + text[m.start(2):])
        case(f"single-quote-open-{short}", text[: m.start(2)] + "'" + text[m.start(2):])
        case(f"quote-mismatch-{short}", text[: m.start(2)] + '"' + m.group(2) + "'" + text[m.end(2):])
        # Colons: no space after, none at all, one too many.
        case(f"colon-nospace-{short}", re.sub(r"(?m)^(\s*)name: ", r"\1name:", text, 1))
        case(f"colon-missing-{short}", re.sub(r"(?m)^kind: ", "kind ", text, 1))
        case(f"colon-double-{short}", re.sub(r"(?m)^(\s*)name: ", r"\1name: : ", text, 1))
        # Line endings and the byte order mark.
        case(f"crlf-{short}", text.replace("\n", "\r\n"))
        i, ind, _ = keys[-1]
        case(f"crlf-indent-less-{short}", edit_line(text, i, lambda l: l[1:]).replace("\n", "\r\n"))
        case(f"bom-{short}", "\ufeff" + text)
        # A list item's dash without its space.
        m = re.search(r"(?m)^(\s*)- name:", text)
        if m:
            case(f"dash-nospace-{short}", text[: m.start()] + m.group(1) + "-name:" + text[m.end():])
        # The same file as JSON, and with a trailing comma.
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
        js = json.dumps(docs[0], indent=2)
        case(f"json-{short}", js + "\n", "json")
        case(f"json-trailing-comma-{short}", re.sub(r'("\n(\s*)\})', r'",\n\2}', js, 1) + "\n", "json")

    busy = src["busybox"]
    fruit = src["fruit"]
    # Flow collections left open or closed twice.
    case("flow-open-seq", busy.replace("done']", "done'"))
    case("flow-open-seq-last-line", busy.rstrip("\n").replace("done']", "done'"))
    case("flow-extra-bracket", busy.replace("done']", "done']]"))
    case("flow-open-map", busy.replace("name: busybox", "{name: busybox"))
    case("flow-map-unclosed-inline", "apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n")
    case("flow-seq-missing-comma", busy.replace("'sh', '-c'", "'sh' '-c'"))
    case("flow-seq-multiline-open", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: [\n    {name: a, image: b}\n")
    # Anchors and aliases.
    case("alias-unknown", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: *x\n")
    case("alias-unknown-first-line", "a: *x\n")
    case("alias-before-anchor", "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: *l\n  annotations: &l {a: b}\n")
    case("alias-self", "apiVersion: v1\nkind: Pod\nmetadata: &m\n  name: x\n  self: *m\n")
    case("alias-ok", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n x\n  labels: {app: *n}\nspec:\n  containers:\n  - name: *n\n    image: busybox\n")
    case("merge-ok", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: &l {a: b}\n  annotations:\n    <<: *l\n")
    case("merge-scalar", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: &n x\n  labels:\n    <<: *n\n")
    case("anchor-no-value", "apiVersion: v1\nkind: Pod\nmetadata: &\n  name: x\n")
    case("alias-in-flow-unknown", "apiVersion: v1\nkind: Pod\nmetadata: {name: *nope}\n")
    # Duplicate keys: kubectl keeps the last.
    case("duplicate-kind", "apiVersion: v1\nkind: Pod\nkind: ConfigMap\nmetadata:\n  name: x\n")
    case("duplicate-name", busy.replace("  name: busybox\n", "  name: busybox\n  name: other\n"))
    case("duplicate-top", "a: 1\na: 2\n")
    # Empty files and bad top levels.
    case("empty", "")
    case("blank-lines", "\n\n   \n")
    case("comment-only", "# nothing here yet\n")
    case("separator-only", "---\n")
    case("separators-only", "---\n---\n---\n")
    case("document-end-only", "...\n")
    case("null-doc", "~\n")
    case("top-list", "- a\n- b\n")
    case("top-list-of-pods", "- " + busy.replace("\n", "\n  ").rstrip() + "\n")
    case("top-scalar", "hello\n")
    case("top-number", "42\n")
    case("top-bool", "true\n")
    case("top-quoted", '"apiVersion: v1"\n')
    case("top-flow-list", "[a, b]\n")
    case("top-empty-map", "{}\n")
    case("top-block-scalar", "|\n  text\n")
    # Documents and separators.
    case("multi-good-then-bad", busy + "---\na: [1\n")
    case("multi-bad-then-good", "a: [1\n---\n" + busy)
    case("multi-good-then-list", busy + "---\n- a\n")
    case("multi-list-then-good", "- a\n---\n" + busy)
    case("multi-empty-between", busy + "---\n---\n" + fruit)
    case("separator-with-text", "x: 1\n--- a: b\n")
    case("separator-first-with-text", "--- apiVersion: v1\nkind: Pod\n")
    case("separator-four-dashes", busy + "----\n" + fruit)
    case("separator-comment", busy + "--- # next\n" + fruit)
    case("separator-indented", busy + " ---\n" + fruit)
    case("directive", "%YAML 1.1\n---\n" + busy)
    case("document-end-marker", busy + "...\n")
    case("second-doc-error-line", busy + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: y\n")
    # Values JSON cannot hold.
    case("value-inf", busy.replace("name: busybox", "name: .inf"))
    case("value-nan", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    a: .nan\n")
    case("value-neg-inf", "apiVersion: v1\nkind: Pod\nspec: {x: -.inf}\n")
    # Characters.
    case("control-char", busy.replace("name: busybox", "name: busy\x01box"))
    case("control-char-first-line", "apiVersion: v1\x02\nkind: Pod\n")
    case("nbsp-indent", busy.replace("  name: busybox", "\u00a0 name: busybox"))
    case("smart-quotes", busy.replace("name: busybox", "name: \u201cbusybox\u201d"))
    case("fullwidth-colon", busy.replace("kind: Pod", "kind\uff1a Pod"))
    case("non-ascii-values", busy.replace("name: busybox", "name: b\u00fcsyb\u00f6x"))
    case("non-ascii-key", busy.replace("  name: busybox", "  n\u00e4me: busybox"))
    case("emoji-value", busy.replace("name: busybox", "name: busybox-\U0001f600"))
    case("lone-cr", busy.replace("\n", "\r"))
    case("crlf-tab", busy.replace("\n", "\r\n").replace("  name: busybox", "\tname: busybox"))
    case("bom-json", "\ufeff" + json.dumps(yaml.safe_load(busy)), "json")
    # Block scalars.
    case("block-scalar-less-indented", src["ambassador"].replace("    daemon\n", "  daemon\n"))
    case("block-scalar-text-after-bar", src["ambassador"].replace("haproxy.cfg: |\n", "haproxy.cfg: | global\n"))
    case("block-scalar-tab", src["ambassador"].replace("    daemon\n", "\tdaemon\n"))
    case("block-scalar-bad-indicator", src["ambassador"].replace("haproxy.cfg: |\n", "haproxy.cfg: |0\n"))
    # Keys and structure.
    case("null-key", "apiVersion: v1\nkind: Pod\n~: x\n")
    case("complex-key", "apiVersion: v1\nkind: Pod\n? [a, b]\n: c\n")
    case("list-under-map", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  - y\n")
    case("map-after-list", busy + "  foo: bar\n")
    case("seq-item-misaligned", busy.replace("  - name: myapp-container", "   - name: myapp-container"))
    case("key-with-space", "apiVersion: v1\nkind: Pod\nmeta data:\n  name: x\n")
    case("value-then-key", "apiVersion: v1 kind: Pod\n")
    case("colon-in-plain", busy.replace("name: busybox", "name: busy:box"))
    case("hash-no-space", busy.replace("name: busybox", "name: busybox#comment"))
    case("at-sign-value", busy.replace("name: busybox", "name: @busybox"))
    case("backtick-value", busy.replace("name: busybox", "name: `busybox`"))
    case("percent-value", busy.replace("name: busybox", "name: %busybox"))
    case("ampersand-value", busy.replace("name: busybox", "name: & busybox"))
    case("bang-tag", busy.replace("name: busybox", "name: !foo busybox"))
    case("tag-int-mismatch", busy.replace("name: busybox", "name: !!int busybox"))
    case("tag-str", busy.replace("name: busybox", "name: !!str busybox"))
    case("question-mark-value", busy.replace("name: busybox", "name: ? busybox"))
    case("pipe-in-flow", "apiVersion: v1\nkind: Pod\nmetadata: {name: |}\n")
    case("deep-indent-jump", "apiVersion: v1\nkind: Pod\nmetadata:\n      name: x\n  labels: {}\n")
    case("quoted-key-unclosed", 'apiVersion: v1\nkind: Pod\n"metadata: {}\n')
    case("double-quote-escape", busy.replace("name: busybox", 'name: "busy\\qbox"'))
    case("single-quote-inside", busy.replace("name: busybox", "name: 'it's'"))
    case("quote-multiline-open", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\n  labels: {}\nspec: {}\n")
    # JSON manifests by hand.
    case("json-missing-comma", '{\n  "apiVersion": "v1"\n  "kind": "Pod"\n}\n', "json")
    case("json-single-quotes", "{'apiVersion': 'v1', 'kind': 'Pod'}\n", "json")
    case("json-unquoted-key", '{apiVersion: "v1", "kind": "Pod"}\n', "json")
    case("json-comment", '{\n  // a pod\n  "apiVersion": "v1"\n}\n', "json")
    case("json-truncated", '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"\n', "json")
    case("json-extra-brace", '{"apiVersion": "v1", "kind": "Pod"}}\n', "json")
    case("json-two-objects", '{"apiVersion": "v1", "kind": "Pod"}\n{"apiVersion": "v1", "kind": "ConfigMap"}\n', "json")
    case("json-object-then-list", '{"apiVersion": "v1", "kind": "Pod"}\n[1, 2]\n', "json")
    case("json-trailing-comma-array", '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a"},]}}\n', "json")
    case("json-top-list", '[{"apiVersion": "v1", "kind": "Pod"}]\n', "json")
    case("json-top-list-trailing-comma", '[{"apiVersion": "v1"},]\n', "json")
    case("json-bad-escape", '{"apiVersion": "v\\1"}\n', "json")
    case("json-tab-in-string", '{"apiVersion": "v\t1"}\n', "json")
    case("json-leading-zero", '{"apiVersion": "v1", "kind": "Pod", "x": 01}\n', "json")
    case("json-true-typo", '{"apiVersion": "v1", "kind": "Pod", "x": tru}\n', "json")
    case("json-no-kind", '{ "apiVersion" : "v1",\n  "metadata": {"name": "x"} }\n', "json")
    case("json-empty-object", "{}\n", "json")
    case("json-nested-unclosed", '{"a": {"b": [1, 2}\n', "json")
    case("json-colon-missing", '{"apiVersion" "v1"}\n', "json")
    case("json-non-ascii", '{"apiVersion": "v1", "kind": "Pod", é}\n', "json")
    case("json-negative-bad", '{"a": -x}\n', "json")
    case("json-decimal-bad", '{"a": 1.}\n', "json")
    case("json-exponent-bad", '{"a": 1e}\n', "json")
    case("json-leading-space", '   \n  {"apiVersion": "v1",}\n', "json")
    case("json-in-yml", '{"apiVersion": "v1", "kind": "Pod",}\n')
    case("json-nul-in-string", '{"a": "\x00"}\n', "json")
    # Kind and apiVersion.
    case("kind-missing", "apiVersion: v1\nmetadata:\n  name: x\n")
    case("kind-number", "apiVersion: v1\nkind: 5\n")
    case("kind-empty", "apiVersion: v1\nkind: \"\"\n")
    case("kind-list", "apiVersion: v1\nkind: [Pod]\n")
    case("apiversion-missing", "kind: Pod\nmetadata:\n  name: x\n")
    case("apiversion-three-parts", "apiVersion: apps/v1/beta\nkind: Pod\nmetadata:\n  name: x\n")
    case("apiversion-number-no-kind", "apiVersion: 1\nmetadata:\n  name: x\n")
    case("apiversion-slash", "apiVersion: /\nkind: Pod\nmetadata:\n  name: x\n")
    case("kind-null", "apiVersion: v1\nkind: ~\nmetadata:\n  name: x\n")
    case("kind-lowercase", busy.replace("kind: Pod", "kind: pod"))
    case("apiversion-typo", busy.replace("apiVersion: v1", "apiversion: v1"))

    # Metadata kubectl decodes itself before the server.
    pod = "apiVersion: v1\nkind: Pod\n"
    case("metadata-string", pod + "metadata: fruit-service\n")
    case("metadata-list", pod + "metadata:\n- name: x\n")
    case("metadata-name-number", pod + "metadata:\n  name: 5\n")
    case("metadata-name-map", pod + "metadata:\n  name: {a: 1}\n")
    case("metadata-labels-list", pod + "metadata:\n  name: x\n  labels:\n  - app: x\n")
    case("metadata-label-number", pod + "metadata:\n  name: x\n  labels:\n    tier: 1\n")
    case("metadata-label-bool", pod + "metadata:\n  name: x\n  labels:\n    enabled: yes\n")
    case("metadata-annotations-string", pod + "metadata:\n  name: x\n  annotations: none\n")
    case("metadata-two-errors", pod + "metadata:\n  name: 5\n  labels: [a]\n")
    case("metadata-generation-string", pod + "metadata:\n  name: x\n  generation: one\n")
    case("metadata-generation-float", pod + "metadata:\n  name: x\n  generation: 1.5\n")
    case("metadata-finalizers-string", pod + "metadata:\n  name: x\n  finalizers: x\n")
    case("metadata-null", pod + "metadata:\n")
    case("apiversion-number", "apiVersion: 1\nkind: Pod\nmetadata:\n  name: x\n")
    case("metadata-json-order", '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": 5, "labels": [1]}}\n', "json")
    case("metadata-string-no-apiversion", "kind: Pod\nmetadata: x\n")
    # Corners where libyaml and go-yaml might part.
    case("flow-question-mark", pod + "metadata: {name: a?b}\n")
    case("flow-colon-plain", pod + "metadata: {name: a:b}\n")
    case("flow-seq-colon", pod + "spec: {args: [a:b, c]}\n")
    case("flow-seq-pair", pod + "spec: {args: [a: b]}\n")
    case("flow-empty-entry", pod + "spec: {args: [a,,b]}\n")
    case("flow-block-seq-inside", pod + "spec: {args: [- a]}\n")
    case("trailing-colon", pod + "metadata:\n  name: x:\n")
    case("value-colon-end", pod + "metadata:\n  name: x: y\n")
    case("tab-top-level-key", "\tapiVersion: v1\nkind: Pod\n")
    case("tab-after-dash", busy.replace("  - name: myapp-container", "  -\tname: myapp-container"))
    case("tab-in-plain-value", busy.replace("name: busybox", "name: busy\tbox"))
    case("tabs-after-value", busy.replace("name: busybox", "name: busybox\t\t"))
    case("document-end-then-content", busy + "...\ngarbage: [\n")
    case("plain-dash-start", busy.replace("name: busybox", "name: -busybox"))
    case("plain-colon-start", busy.replace("name: busybox", "name: :busybox"))
    case("plain-question-start", busy.replace("name: busybox", "name: ?busybox"))
    case("anchor-empty-value", pod + "metadata:\n  labels: &l\n  annotations: *l\n  name: x\n")
    case("long-simple-key", pod + "metadata:\n  " + "n" * 1100 + ": x\n")
    case("multiline-quoted-key", pod + 'metadata:\n  "na\n  me": x\n')
    case("unknown-directive", "%FOO bar\n---\n" + busy)
    case("yaml-directive-2", "%YAML 2.0\n" + busy)
    case("undefined-tag-handle", busy.replace("name: busybox", "name: !e!foo busybox"))
    case("quoted-then-text", busy.replace("name: busybox", 'name: "busybox" x'))
    case("quoted-then-comment-nospace", busy.replace("name: busybox", 'name: "busybox"#c'))
    case("block-indicator-explicit", src["ambassador"].replace("haproxy.cfg: |\n", "haproxy.cfg: |2-\n"))
    case("block-indicator-ten", src["ambassador"].replace("haproxy.cfg: |\n", "haproxy.cfg: |10\n"))
    case("block-more-indented-first", src["ambassador"].replace("    global\n", "      global\n"))
    case("line-separator", busy.replace("kind: Pod\n", "kind: Pod\u2028"))
    case("next-line-char", busy.replace("kind: Pod\n", "kind: Pod\u0085"))
    case("key-at-col0-after-seq", "apiVersion: v1\nkind: Pod\nitems:\n- a\n- b\n c: d\n")
    case("json-like-yaml-key", '"apiVersion": v1\n"kind": Pod\nmetadata: {"name": "x",}\n')
    case("seq-then-map-same-level", pod + "spec:\n  containers:\n  - name: a\n  image: b\n")
    case("map-in-seq-less-indent", pod + "spec:\n  containers:\n  - name: a\n   image: b\n")
    case("empty-key", pod + ": x\n")
    case("dash-only", pod + "spec:\n  containers:\n  -\n")
    case("comment-in-flow", pod + "spec: {args: [a, # c\n b]}\n")
    case("unclosed-single-last-line", busy.rstrip("\n").replace("done']", "done]"))
    case("double-quote-newline-escape", busy.replace("name: busybox", 'name: "busy\\\nbox"'))
    case("alias-as-key", pod + "metadata: &m\n  name: x\nspec:\n  *m : y\n")
    case("merge-list", pod + "metadata:\n  name: x\n  labels:\n    <<: [{a: b}, {c: d}]\n")
    case("merge-list-scalar", pod + "metadata:\n  name: x\n  labels:\n    <<: [{a: b}, c]\n")
    case("tag-float-int", pod + "metadata:\n  name: x\n  generation: !!float 1\n")
    case("tag-bool-bad", pod + "metadata:\n  name: x\n  labels: {a: !!bool maybe}\n")
    case("tag-comma-in-flow", pod + "spec: {args: [!foo, b]}\n")
    case("tag-comma-no-space", pod + "spec: {args: [!foo,b]}\n")
    case("tag-in-flow-map", pod + "spec: {x: !foo, y: 1}\n")
    case("tag-bracket", pod + "spec: {args: [!foo]}\n")
    case("many-documents", (busy + "---\n") * 3 + "a: [\n")

    # Typos: one character deleted, doubled or replaced at a random place
    # of a random source (a fixed seed, so the corpus is stable).
    rng = random.Random(9)
    typo_chars = [" ", "\t", ":", "-", '"', "'", "[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "\n", "?", "%", "@", "`"]
    shorts = sorted(src)
    for n in range(int(os.environ.get("TYPOS", "200"))):
        short = shorts[rng.randrange(len(shorts))]
        text = src[short]
        at = rng.randrange(len(text))
        op = rng.choice(["delete", "insert", "replace"])
        c = rng.choice(typo_chars)
        if op == "delete":
            t = text[:at] + text[at + 1:]
        elif op == "insert":
            t = text[:at] + c + text[at:]
        else:
            t = text[:at] + c + text[at + 1:]
        case(f"typo-{n:03}-{short}-{op}", t)

    names = set()
    for name, data in cases:
        assert name not in names, name
        names.add(name)
        with open(os.path.join(OUT, name), "wb") as fh:
            fh.write(data)
    # Records of cases no longer written go too.
    for f in os.listdir(OUT):
        if f.endswith(".out") and f[: -len(".out")] not in names and not f.endswith(".cmd.out"):
            os.remove(os.path.join(OUT, f))
    print(f"{len(cases)} cases in {OUT}", file=sys.stderr)


main()
