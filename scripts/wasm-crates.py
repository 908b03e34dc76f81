#!/usr/bin/env python3
"""Where the release wasm's bytes go, crate by crate (podlab by module).

Usage: wasm-crates.py NAMED.wasm [ROWS [SHIPPED.wasm]]

NAMED.wasm is the release wasm optimised exactly as trunk optimises it, but
with its name section kept (`wasm-opt -Oz -g`; scripts/size.sh makes it).
Each function body is charged to the crate of the function it ended up in
after inlining: the path's first crate, the Self type's crate for a trait
impl (`<podlab::app::App as yew::…>::run` is podlab's), the trait's crate
when Self is a primitive or a type parameter. podlab itself is split by
module (model::LAYER::MODULE, or the UI's top module). The data section
(strings, tables) and the remaining sections get a row each.

Columns: bytes in the wasm, share of the wasm, and the bytes gzip -9 makes
of that row alone (rows compress against each other in the real file, so
those do not add up to the total). Given the shipped wasm (dist/), it says
so when that one's code and data are not the named one's: the table is then
of another build.
"""

import collections
import re
import sys
import zlib

PRIMITIVES = {
    "str", "char", "bool", "f32", "f64", "u8", "u16", "u32", "u64", "u128", "usize",
    "i8", "i16", "i32", "i64", "i128", "isize",
}


def leb(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def read(path):
    """(function bodies in order, number of imported functions, names, sections)."""
    data = open(path, "rb").read()
    if data[:4] != b"\0asm":
        raise SystemExit(f"{path}: not a wasm module")
    i = 8
    bodies, names, sections = [], {}, []
    imported = 0
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        start, end = i, i + size
        name = None
        if sid == 0:
            n, j = leb(data, i)
            name = data[j:j + n].decode("utf8", "replace")
            j += n
            if name == "name":
                while j < end:
                    sub = data[j]
                    sub_size, j = leb(data, j + 1)
                    if sub == 1:  # function names
                        count, k = leb(data, j)
                        for _ in range(count):
                            index, k = leb(data, k)
                            n, k = leb(data, k)
                            names[index] = data[k:k + n].decode("utf8", "replace")
                            k += n
                    j += sub_size
        elif sid == 2:  # imports: count the imported functions
            count, j = leb(data, i)
            for _ in range(count):
                for _ in range(2):
                    n, j = leb(data, j)
                    j += n
                kind = data[j]
                j += 1
                if kind == 0:
                    imported += 1
                    _, j = leb(data, j)
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j + 0)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
                else:
                    raise SystemExit(f"{path}: import kind {kind} not understood")
        elif sid == 10:
            count, j = leb(data, i)
            for _ in range(count):
                n, j = leb(data, j)
                bodies.append(data[j:j + n])
                j += n
        sections.append((sid, name, data[start:end]))
        i = end
    return bodies, imported, names, sections


def strip_ref(s):
    while True:
        t = s
        for p in ("<", "&", "*const ", "*mut ", "mut ", "dyn ", "*"):
            if t.startswith(p):
                t = t[len(p):]
        if t == s:
            return s
        s = t


def crate_of(name):
    name = re.sub(r"\[[0-9a-f]+\]", "", name)
    s = strip_ref(name)
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", s)
    if not m:
        return "(no name)"
    first = m.group(0)
    rest = s[m.end():]
    if first in PRIMITIVES or (not rest.startswith("::") and first[:1].isupper()):
        trait = re.search(r" as ([A-Za-z_][A-Za-z0-9_]*)::", name)
        return trait.group(1) if trait else "core"
    if first == "podlab":
        m = re.match(r"podlab::(model::\w+::\w+|\w+)", s)
        return "podlab::" + m.group(1) if m else "podlab"
    if first == "podlab_web":
        return "podlab (main.rs)"
    return first


def gz(b):
    return len(zlib.compress(b, 9))


def main():
    path = sys.argv[1]
    rows_wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    bodies, imported, names, sections = read(path)
    if not names:
        raise SystemExit(f"{path}: no name section (was it built with wasm-opt -g?)")
    per = collections.defaultdict(list)
    for k, body in enumerate(bodies):
        per[crate_of(names.get(imported + k, ""))].append(body)
    rows = [(sum(map(len, b)), c, b) for c, b in per.items()]
    rows.sort(key=lambda r: (-r[0], r[1]))
    # What trunk ships has no name section (nor other custom sections).
    shipped = [(sid, name, b) for sid, name, b in sections if sid != 0 or name == "target_features"]
    total = 8 + sum(1 + len(b) + 5 for _, _, b in shipped)  # ~section headers
    data = b"".join(b for sid, _, b in shipped if sid == 11)
    other = b"".join(b for sid, _, b in shipped if sid not in (10, 11))

    def line(label, n, z):
        print(f"  {label:<40} {n:>9} {100 * n / total:>5.1f}% {z:>9}")

    print(f"  {'crate (podlab by module)':<40} {'bytes':>9} {'share':>6} {'gzip alone':>9}")
    shown = rows[:rows_wanted]
    for n, c, b in shown:
        line(c, n, gz(b"".join(b)))
    rest = rows[rows_wanted:]
    if rest:
        line(f"({len(rest)} more crates)", sum(r[0] for r in rest), gz(b"".join(x for r in rest for x in r[2])))
    line("[data: strings and tables]", len(data), gz(data))
    line("[other sections]", len(other), gz(other))
    if len(sys.argv) > 3:
        _, _, _, theirs = read(sys.argv[3])
        mine = [len(b) for sid, _, b in shipped if sid in (10, 11)]
        if mine != [len(b) for sid, _, b in theirs if sid in (10, 11)]:
            print(f"  NOTE: {sys.argv[3]} is not this build (its code or data differ); "
                  "the table is of the last trunk build in target/")
    podlab = sum(n for n, c, _ in rows if c.startswith("podlab"))
    print(f"  podlab's own code {podlab} bytes ({100 * podlab / total:.1f}%), all code "
          f"{sum(r[0] for r in rows)} bytes in {len(bodies)} functions")


if __name__ == "__main__":
    main()
