#!/usr/bin/env python3
"""Writes podlab's fuzz seed corpora, fuzz/seeds/<target>/, from the repo's
own test data: the seed lab's and the presets' manifests, the kubectl
corpus (tests/kubectl/corpus), the HAProxy corpus (tests/haproxy/corpus),
and the console lines the tests type (`$ ` lines in tests/*.rs, `line:` in
tests/kubectl/cmd/). Seeds are named by their content's hash, so re-running
it after the test data grew only adds files. Run from anywhere:
`python3 fuzz/make_seeds.py`. The input formats are podlab::fuzzing's
(src/fuzzing.rs)."""

import glob
import hashlib
import os
import re
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def write(target, data):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


LAB = ["fruit-service.yml", "fruit-service-ambassador-config.yml", "busybox.yml"]
lab = [read("src/model/project/workspace/" + n) for n in LAB]
presets = [read(p) for p in sorted(glob.glob(os.path.join(ROOT, "src/model/project/presets/*.yml")))]

# manifests: NUL-separated files.
write("manifests", b"\0".join(lab))
for p in presets:
    write("manifests", p)
    write("manifests", p + b"\0" + lab[2])
for p in sorted(glob.glob(os.path.join(ROOT, "tests/kubectl/corpus/*.yml")) + glob.glob(os.path.join(ROOT, "tests/kubectl/corpus/*.json"))):
    write("manifests", read(p))

# haproxy_cfg: the lab's own config, and the HAProxy corpus.
cfg = re.search(rb"haproxy\.cfg: \|\n((?:    .*\n|\n)*)", lab[1])
write("haproxy_cfg", re.sub(rb"(?m)^    ", b"", cfg.group(1)))
for p in sorted(glob.glob(os.path.join(ROOT, "tests/haproxy/corpus/*.cfg"))):
    write("haproxy_cfg", read(p))

# console: the lines the tests type.
lines = set()
for p in sorted(glob.glob(os.path.join(ROOT, "tests/*.rs"))):
    for l in read(p).splitlines():
        if l.startswith(b"$ "):
            lines.add(l[2:])
for p in sorted(glob.glob(os.path.join(ROOT, "tests/kubectl/cmd/*.txt"))):
    for l in read(p).splitlines():
        if l.startswith(b"line: "):
            lines.add(l[6:])
for p in sorted(glob.glob(os.path.join(ROOT, "tests/kubectl/corpus/*.cmd"))):
    lines.add(read(p).strip())
for l in sorted(lines):
    write("console", l)


# edits: op sequences (src/fuzzing.rs, `edits`).
def edit(file, at, delete, text):
    return bytes([0, file]) + struct.pack("<H", at) + bytes([delete, len(text)]) + text


def tick(ms):
    return bytes([1, ms // 4])


def line(text):
    return bytes([2, len(text)]) + text


def cfg_edit(at, delete, text):
    return b"\x04" + struct.pack("<H", at) + bytes([delete, len(text)]) + text


def skip(s):
    return bytes([5, [10, 60, 300].index(s)])


write("edits", tick(1000) * 20 + line(b"kubectl get pods") + b"\x07\x00")
write("edits", edit(1, 300, 4, b"8776") + tick(1000) * 15 + b"\x07\x00" + b"\x03" + tick(1000))
write("edits", skip(10) + skip(10) + skip(10) + line(b"kubectl delete pod busybox") + tick(500) + line(b"kubectl apply -f busybox.yml") + skip(10) + skip(10))
write("edits", cfg_edit(0, 0, b"global\n  maxconn 10\n") + skip(10) + skip(10) + b"\x07\x00" + cfg_edit(5, 20, b""))
write("edits", edit(2, 40, 10, b"n\xc3\xa9e: caf\xc3\xa9\n") + edit(0, 0, 0, b"---\n") + tick(100) + b"\x07\x01" + tick(100))
for i in range(5):
    write("edits", bytes([6, i]) + skip(10) + skip(10) + b"\x07\x00" + line(b"kubectl get pods -o wide") + b"\x03")
write("edits", skip(60) + line(b"kubectl exec busybox -- sh -c 'while :; do :; done'") + tick(1000))
