"""Open data of the built site: /data/plan.json against the shape DESIGN.md fixes, /data/items.csv as Excel needs
it (UTF-8 with BOM, CRLF, one row per item), every URL in them pointing at a built page, and the /data/ page
documenting every file in both languages. Expected items come from the raw YAML (tests/site_helpers.py)."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from site_helpers import SITE, document, name_to_unit, plans, raw_items, units
from test_feeds import read_deadline

DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
KINDS = {"due", "window", "from", "recurring", "ongoing", "season"}
# Which of start/end each kind has (DESIGN.md: "start/end are present where the kind has them").
BOUNDS = {"due": {"end"}, "window": {"start", "end"}, "season": {"start", "end"}, "from": {"start"},
          "ongoing": set()}
CSV_COLUMNS = ["id", "kind", "document", "plan", "number", "title_zh", "title_en", "text_zh", "text_en", "units",
               "responsible_zh", "responsible_column_zh", "deadline_words", "deadline_en", "deadline_kind",
               "deadline_start", "deadline_end", "deadline_assumption_zh", "deadline_assumption_en", "implements",
               "url_zh", "url_en"]


@pytest.fixture(scope="module")
def plan() -> dict:
    path = SITE / "data" / "plan.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make site` first", pytrace=False)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csv_bytes() -> bytes:
    return (SITE / "data" / "items.csv").read_bytes()


@pytest.fixture(scope="module")
def csv_rows(csv_bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline="")))


def page_exists(url: str) -> bool:
    """A site-root-relative directory URL such as '/en/2022-22/air/15/' -> is there a built page?"""
    return url.startswith("/") and url.endswith("/") and (SITE / url.lstrip("/") / "index.html").is_file()


def bilingual(value) -> bool:
    return isinstance(value, dict) and set(value) >= {"zh", "en"} and all(
        isinstance(value[lang], str) and value[lang] for lang in ("zh", "en"))


# --- plan.json ---------------------------------------------------------------------------------------------------

def test_plan_json_has_the_three_top_level_lists(plan):
    assert {"documents", "units", "items"} <= set(plan)


def test_documents_have_the_design_fields(plan):
    doc = document()
    assert [d["id"] for d in plan["documents"]] == [doc["id"]]
    record = plan["documents"][0]
    assert record["number"] == doc["number"] == "陵政办发〔2022〕22号"
    assert bilingual(record["title"]) and record["title"]["zh"] == doc["title"]["zh"]
    assert record["issued"] == "2022-06-14"


def test_units_have_the_design_fields_and_every_unit_is_there(plan):
    assert [u["id"] for u in plan["units"]] == [u["id"] for u in units()]
    ids = {u["id"] for u in units()}
    for record, source in zip(plan["units"], units()):
        assert bilingual(record["name"]) and record["name"]["zh"] == source["name"]["zh"]
        assert record["aliases"] == source.get("aliases", [])
        assert record["members"] == source.get("members", []) and set(record["members"]) <= ids
        assert record["url"] == {"zh": f"/units/{record['id']}/", "en": f"/en/units/{record['id']}/"}
        assert page_exists(record["url"]["zh"]) and page_exists(record["url"]["en"])


def test_items_are_exactly_the_tasks_and_ledger_rows_of_the_yaml(plan):
    assert [i["id"] for i in plan["items"]] == [item.path for item in raw_items()]


def test_items_have_the_design_fields(plan):
    by_name = name_to_unit()
    unit_ids = {u["id"] for u in units()}
    raw = {item.path: item for item in raw_items()}
    problems = []
    for record in plan["items"]:
        item = raw[record["id"]]
        where = record["id"]
        expected = {"id": item.path, "kind": "task" if item.kind == "task" else "ledger",
                    "document": document()["id"], "plan": item.plan, "number": item.number}
        for key, value in expected.items():
            if record.get(key) != value:
                problems.append(f"{where}: {key} is {record.get(key)!r}, expected {value!r}")
        if not isinstance(record["number"], int):
            problems.append(f"{where}: number is not an integer")
        for key in ("title", "text"):
            if not bilingual(record.get(key)):
                problems.append(f"{where}: {key} is not {{zh, en}}")
        units_named = list(dict.fromkeys(by_name[name] for name in item.responsible.split("、")))
        if record["units"] != units_named or not set(record["units"]) <= unit_ids:
            problems.append(f"{where}: units {record['units']}, expected {units_named}")
        if record["url"] != {"zh": f"/{item.path}/", "en": f"/en/{item.path}/"}:
            problems.append(f"{where}: url {record['url']}")
        elif not (page_exists(record["url"]["zh"]) and page_exists(record["url"]["en"])):
            problems.append(f"{where}: url points at no built page")
        # `implements` is on ledger rows (and only there), naming tasks of the same plan
        if item.kind == "ledger":
            tasks = record.get("implements")
            if not tasks or not all(re.fullmatch(rf"{document()['id']}/{item.plan}/\d+", t) for t in tasks):
                problems.append(f"{where}: implements {tasks!r}")
        elif "implements" in record:
            problems.append(f"{where}: a task carries `implements`")
    assert not problems, "\n".join(problems[:30])


def test_implemented_tasks_exist(plan):
    ids = {record["id"] for record in plan["items"]}
    missing = [(r["id"], t) for r in plan["items"] for t in r.get("implements", []) if t not in ids]
    assert missing == []


def test_deadlines_keep_the_words_and_have_start_end_where_the_kind_has_them(plan):
    raw = {item.path: item for item in raw_items()}
    year, issued = int(document()["id"][:4]), document()["issued"]
    problems = []
    for record in plan["items"]:
        item = raw[record["id"]]
        words = [d["text"]["zh"] for d in record["deadlines"]]
        if words != list(item.deadline_words):
            problems.append(f"{record['id']}: deadline words {words}, expected {list(item.deadline_words)}")
            continue
        for deadline in record["deadlines"]:
            where = f"{record['id']} {deadline['text']['zh']}"
            kind = deadline["kind"]
            if kind not in KINDS or not bilingual(deadline["text"]):
                problems.append(f"{where}: kind {kind!r} or text not as DESIGN.md says")
                continue
            bounds = {key for key in ("start", "end") if key in deadline}
            wanted = BOUNDS.get(kind) or ({"start"} if deadline.get("frequency") == "yearly" else set())
            if bounds != wanted:
                problems.append(f"{where}: has {sorted(bounds)}, a {kind} deadline has {sorted(wanted)}")
            if any(not DATE.match(deadline[key]) for key in bounds):
                problems.append(f"{where}: start/end not YYYY-MM[-DD]")
            reading = read_deadline(deadline["text"]["zh"], year, issued)
            kinds = {"yearly": "recurring", "monthly": "recurring", "quarterly": "recurring"}
            if kinds.get(reading.kind, reading.kind) != kind:
                problems.append(f"{where}: kind {kind}, expected {reading.kind}")
            if kind == "recurring" and deadline.get("frequency") != reading.kind:
                problems.append(f"{where}: frequency {deadline.get('frequency')}, expected {reading.kind}")
            if reading.last and reading.kind not in ("monthly", "quarterly") \
                    and deadline.get("last_day") != reading.last.isoformat():
                problems.append(f"{where}: last_day {deadline.get('last_day')}, expected {reading.last}")
    assert not problems, "\n".join(problems[:30])


def test_urls_in_plan_json_are_site_root_relative_and_resolve(plan):
    urls = [d["url"] for d in plan["documents"]] + [p["url"] for d in plan["documents"] for p in d["plans"]] \
        + [u["url"] for u in plan["units"]] + [i["url"] for i in plan["items"]]
    flat = [value for pair in urls for value in pair.values()]
    assert flat and [u for u in flat if not page_exists(u)] == []
    calendars = [u["calendar"] for u in plan["units"] if u["calendar"] is not None]   # null: no dated deadline
    assert len(calendars) > 20 and [c for c in calendars if not (c.startswith("/") and (SITE / c.lstrip("/")).is_file())] == []


# --- items.csv -----------------------------------------------------------------------------------------------------

def test_csv_starts_with_a_utf8_byte_order_mark(csv_bytes):
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    csv_bytes.decode("utf-8")


def test_csv_uses_crlf_everywhere(csv_bytes):
    """Record ends and the line breaks inside quoted cells are all CRLF: no bare LF, no bare CR."""
    assert csv_bytes.endswith(b"\r\n")
    assert csv_bytes.count(b"\n") == csv_bytes.count(b"\r\n") == csv_bytes.count(b"\r")


def test_csv_has_the_documented_columns_and_one_row_per_item(csv_rows, csv_bytes):
    header = csv_bytes.decode("utf-8-sig").split("\r\n", 1)[0]
    assert header.split(",") == CSV_COLUMNS
    assert [row["id"] for row in csv_rows] == [item.path for item in raw_items()]
    assert len(csv_rows) == 127


def test_csv_rows_carry_the_item_text_and_deadlines(csv_rows):
    raw = {item.path: item for item in raw_items()}
    texts = {}
    for plan_id, plan_data in plans().items():
        for category in plan_data["categories"]:
            for task in category["tasks"]:
                texts[f"{document()['id']}/{plan_id}/{task['number']}"] = task["text"]
        for category in (plan_data.get("ledger") or {}).get("categories", []):
            for row in category["rows"]:
                texts[f"{document()['id']}/{plan_id}/ledger/{row['number']}"] = row["text"]
    year, issued = int(document()["id"][:4]), document()["issued"]
    for row in csv_rows:
        item = raw[row["id"]]
        assert row["text_zh"].replace("\r\n", "\n") == texts[row["id"]]["zh"]
        assert row["text_en"].replace("\r\n", "\n") == texts[row["id"]]["en"]
        assert row["number"] == str(item.number)
        assert row["deadline_words"] == " | ".join(item.deadline_words)
        readings = [read_deadline(words, year, issued) for words in item.deadline_words]
        ends = [r.last.isoformat() if r.last and r.kind not in ("monthly", "quarterly") else "" for r in readings]
        assert row["deadline_end"] == (" | ".join(ends) if any(ends) else "")
        starts = [r.first.isoformat() if r.first and r.kind not in ("monthly", "quarterly") else "" for r in readings]
        assert row["deadline_start"] == (" | ".join(starts) if any(starts) else "")


def test_csv_cells_do_not_start_like_formulas(csv_rows):
    """Excel would run a cell starting with = + - @ as a formula."""
    risky = [(row["id"], key) for row in csv_rows for key, value in row.items()
             if value[:1] in ("=", "+", "-", "@")]
    assert risky == []


def test_csv_urls_point_at_built_pages(csv_rows):
    html = (SITE / "index.html").read_text(encoding="utf-8")
    origin = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    for row in csv_rows:
        assert row["url_zh"] == f"{origin}{row['id']}/"
        assert row["url_en"] == f"{origin}en/{row['id']}/"
        for url in (row["url_zh"], row["url_en"]):
            assert page_exists("/" + url[len(origin):]), url


# --- the /data/ page ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["", "en/"])
def test_data_page_links_every_file_so_that_the_link_resolves(prefix):
    page = SITE / prefix / "data" / "index.html"
    html = page.read_text(encoding="utf-8")
    linked = {(page.parent / href).resolve() for href in re.findall(r'href="([^"#]+\.(?:json|csv|ics))"', html)}
    files = {path.resolve() for path in (SITE / "data").rglob("*") if path.suffix in (".json", ".csv", ".ics")}
    assert files and linked == files


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_data_page_describes_every_field(prefix, plan):
    html = (SITE / prefix / "data" / "index.html").read_text(encoding="utf-8")
    described = set(re.findall(r"<code>([a-z_]+)(?:\[\])?(?:\.[a-z_]+)*</code>", html))
    described |= {part for code in re.findall(r"<code>([a-z_.\[\]]+)</code>", html)
                  for part in re.split(r"[.\[\]]+", code) if part}
    keys = set()
    for section in ("documents", "units", "items"):
        for record in plan[section]:
            keys |= set(record)
    for record in plan["items"]:
        for deadline in record["deadlines"]:
            keys |= set(deadline)
    assert sorted(keys - described) == []
    assert sorted(set(CSV_COLUMNS) - described) == []
