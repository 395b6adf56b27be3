"""Property test of the promise `check` makes (issue 11): the mini data is mutated at random the ways an editor's
slip does it (a field or list item deleted, an item duplicated, a value retyped, two items swapped, a control
character inserted), and then

- check passes  =>  build passes (and writes the site);
- check fails   =>  exit 1, every problem line is `path:line:column: field: message [code]` with the path of an
                    existing data file, no traceback, nothing written, and `build` prints the same lines;
- no mutation reaches the generator unvalidated: no `internal-error`.

Bounded (derandomized, few examples, the mini fixture, everything in-process) so it stays cheap.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mini_fixture import MINI_DATA, copy_mini, run_in_process

FILES = ["documents/2022-22/air.yml", "documents/2022-22/document.yml", "units.yml", "glossary.yml"]
CONTROL = ["\x00", "\x1b", "\u2028", "\u200b", "\t", "\r", "\x7f", "\ufeff"]
LINE = re.compile(r"^(?P<path>[^:]+):\d+:\d+: [^:]+(?:\[\d+\])*[^:]*: .+ \[[a-z0-9-]+\]$")


def nodes(value, loc=()):
    """Every (loc, value) in a loaded YAML tree, the root included."""
    yield loc, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, loc + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from nodes(child, loc + (i,))


def at(tree, loc):
    for key in loc:
        tree = tree[key]
    return tree


RETYPED = st.sampled_from([None, 0, -3, 2.5, True, "", "x", "二〇二二", [], {}, ["x"], {"zh": "散煤"}, 10 ** 12])


@st.composite
def mutation(draw):
    """(file, new text): one slip in one file of the mini data."""
    relative = draw(st.sampled_from(FILES))
    text = (MINI_DATA / relative).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["delete", "duplicate", "retype", "swap", "control"]))
    if kind == "control":
        offset = draw(st.integers(0, len(text)))
        return relative, text[:offset] + draw(st.sampled_from(CONTROL)) + text[offset:]
    tree = yaml.safe_load(text)
    containers = [(loc, value) for loc, value in nodes(tree) if isinstance(value, (dict, list)) and value]
    loc, container = draw(st.sampled_from(containers))
    keys = list(container) if isinstance(container, dict) else list(range(len(container)))
    key = draw(st.sampled_from(keys))
    if kind == "delete":
        del container[key]
    elif kind == "duplicate" and isinstance(container, list):
        container.insert(key, container[key])
    elif kind == "duplicate":  # a mapping: the value copied onto a sibling key
        container[draw(st.sampled_from(keys))] = container[key]
    elif kind == "retype":
        container[key] = draw(RETYPED)
    else:  # swap two siblings' values
        other = draw(st.sampled_from(keys))
        container[key], container[other] = container[other], container[key]
    return relative, yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=1000)


@settings(max_examples=40, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(mutation())
def test_check_passes_only_if_the_build_does_and_fails_clearly(change):
    relative, text = change
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        data = copy_mini(root / "data")
        (data / relative).write_text(text, encoding="utf-8")
        status, out, err = run_in_process("check", "--data", "data", "--docs", "docs", cwd=root)
        assert "Traceback" not in err and "[internal-error]" not in err, err
        assert sorted(p.name for p in root.iterdir()) == ["data"], "check wrote something"
        built_status, built_out, built_err = run_in_process("build", "--data", "data", "--docs", "docs", cwd=root)
        if status == 0:
            assert (out.startswith("data OK"), err) == (True, "")
            assert (built_status, built_err) == (0, ""), built_err
            assert (root / "docs" / "zh" / "2022-22").is_dir() or "0 document(s)" in out
            return
        lines = err.splitlines()
        assert status == 1 and out == "" and lines[-1] == f"{len(lines) - 1} problem(s); nothing written."
        for line in lines[:-1]:
            match = LINE.match(line)
            assert match, line
            path = match["path"]
            assert (root / path).is_file() or "<id>" in path or path.endswith("document.yml"), line
        assert (built_status, built_out, built_err) == (1, "", err)
        assert not (root / "docs").exists() or not any((root / "docs").rglob("*.md"))
