"""`python -m generator import`: the round trip on this notice, and a second notice from import to built site.

- Round trip: importing data/source/lingchuan-2022-22-notice.txt reproduces the committed data's Chinese side
  exactly (every task, ledger row, safeguard, part, annex row with its number, units and deadlines). The expected
  side is the committed data, kept by hand and proven against the source by test_completeness.py, never the
  importer's own output. Proposed ledger links are compared with the committed ones; the differences are listed.
- Second notice: tests/fixtures/import/lingchuan-2023-5-notice.txt (陵政办发〔2023〕5号, one plan, a ledger whose
  columns have other headings in another order, a unit units.yml does not know, a deadline form the parser does
  not know) imports, validates as pending, validates once translated, and builds beside 2022-22 (one build, in a
  temporary copy of the project, with `make site`): its own URLs, and home, unit and deadline pages across both.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from import_compare import chinese_side, differences, links
from site_helpers import ROOT, collapse, squash

from generator.__main__ import main
from generator.importer import ImportFailed, run_import
from generator.problems import DataError
from generator.validate import load_corpus

SOURCE = ROOT / "data" / "source" / "lingchuan-2022-22-notice.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "lingchuan-2023-5-notice.txt"
COMMITTED = ROOT / "data" / "documents" / "2022-22"


def fresh_data(tmp: Path) -> Path:
    """A data folder with this project's units, glossary and verbatim text, but no documents."""
    data = tmp / "data"
    (data / "source").mkdir(parents=True)
    for name in ("units.yml", "glossary.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    shutil.copy(SOURCE, data / "source" / SOURCE.name)
    return data


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the round trip on 陵政办发〔2022〕22号 -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    data = fresh_data(tmp_path_factory.mktemp("round-trip"))
    out = io.StringIO()
    findings = run_import(SOURCE, "2022-22", data, out=out)
    return data, findings, out.getvalue()


@pytest.mark.parametrize("name", ["document", "air", "water", "soil"])
def test_import_reproduces_the_committed_chinese(round_trip, name):
    data, _, _ = round_trip
    draft, kept = read(data / "documents" / "2022-22" / f"{name}.yml"), read(COMMITTED / f"{name}.yml")
    found = differences(chinese_side(draft), chinese_side(kept), name)
    assert not found, f"{len(found)} difference(s) between the import and the committed data:\n" + "\n".join(found)


def test_the_round_trip_compares_every_numbered_part(round_trip):
    """The comparison above is not vacuous: the draft holds every item the committed data holds."""
    data, findings, _ = round_trip
    plans = {name: read(data / "documents" / "2022-22" / f"{name}.yml") for name in ("air", "water", "soil")}
    tasks = {n: sum(len(c["tasks"]) for c in p["categories"]) for n, p in plans.items()}
    rows = {n: len(links(p)) for n, p in plans.items()}
    milestones = sum(len(t.get("milestones", [])) for p in plans.values() for c in p["categories"] for t in c["tasks"])
    assert tasks == {"air": 27, "water": 23, "soil": 19} and rows == {"air": 36, "water": 22, "soil": 0}
    assert milestones == 19 and [len(p["safeguards"]) for p in plans.values()] == [10, 4, 5]
    assert not findings.unplaced and not findings.unknown_units and not findings.unknown_deadlines
    # every English field is empty, and counted as untranslated
    drafted = "".join((data / "documents" / "2022-22" / f"{n}.yml").read_text(encoding="utf-8")
                      for n in ("document", "air", "water", "soil"))
    assert drafted.count("en: ''") == findings.untranslated > 300


def test_chinese_side_sees_a_changed_deadline(round_trip):
    """A one-character change in a ledger deadline or a unit list is a difference (the comparison can fail)."""
    data, _, _ = round_trip
    draft = read(data / "documents" / "2022-22" / "air.yml")
    draft["ledger"]["categories"][0]["rows"][1]["deadline"] = "2022年9月底前"
    draft["categories"][0]["tasks"][0]["responsible"] += "、县财政局"
    found = differences(chinese_side(draft), chinese_side(read(COMMITTED / "air.yml")), "air")
    assert len(found) == 2 and "2022年9月底前" in found[0] + found[1]


def test_proposed_links_match_the_committed_ones(round_trip):
    """Ledger row -> task links proposed from the texts, against the editor's links. The differences are printed
    (pytest -s) and bounded: 56 of 58 agree (air row 32, water row 22 are the editor's reading of weak matches)."""
    data, _, _ = round_trip
    differing, total = [], 0
    for name in ("air", "water"):
        proposed, kept = links(read(data / "documents" / "2022-22" / f"{name}.yml")), links(read(COMMITTED / f"{name}.yml"))
        assert proposed.keys() == kept.keys()
        total += len(kept)
        differing += [f"{name} ledger row {row}: proposed {proposed[row]}, committed {kept[row]}"
                      for row in kept if proposed[row] != kept[row]]
    print(f"\nproposed links: {total - len(differing)} of {total} match the committed ones; differences:\n  "
          + "\n  ".join(differing))
    assert len(differing) <= 2, "\n".join(differing)


def test_the_draft_validates_as_pending_and_the_links_are_marked(round_trip):
    data, _, _ = round_trip
    corpus = load_corpus(data)
    assert len(corpus.warnings) > 300 and all("not translated yet" in w for w in corpus.warnings)
    air = (data / "documents" / "2022-22" / "air.yml").read_text(encoding="utf-8")
    assert air.count("# proposed by import") == 36
    assert "english: pending" in (data / "documents" / "2022-22" / "document.yml").read_text(encoding="utf-8")


# --- the command: never overwrite, say what went wrong, write nothing then ----------------------------------------

def test_the_command_never_overwrites_without_force(tmp_path, capsys):
    data = fresh_data(tmp_path)
    args = ["import", str(SOURCE), "--id", "2022-22", "--data", str(data)]
    assert main(args) == 0
    plan = data / "documents" / "2022-22" / "air.yml"
    plan.write_text("# the editor's work\n", encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "existing data would be overwritten" in err and "documents/2022-22/air.yml" in err and "nothing written" in err
    assert plan.read_text(encoding="utf-8") == "# the editor's work\n"
    assert main([*args, "--force"]) == 0
    assert plan.read_text(encoding="utf-8").startswith("# 陵川县空气质量改善2022年行动计划")


@pytest.mark.parametrize("doc_id, text, message", [
    ("2022-23", None, "does not match the document number 陵政办发〔2022〕22号 (line 3)"),
    ("22", None, "a document id is the year and number"),
    ("2022-22", "陵政办发〔2022〕22号\n\n一段没有计划的文字。\n", "no plan title found"),
])
def test_bad_arguments_are_named_and_nothing_is_written(tmp_path, doc_id, text, message):
    data = fresh_data(tmp_path)
    source = SOURCE
    if text is not None:
        source = tmp_path / "other.txt"
        source.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed, match=re.escape(message)):
        run_import(source, doc_id, data, out=io.StringIO())
    assert not (data / "documents").exists()


def test_lines_it_cannot_place_are_printed_with_their_numbers(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("\n抄送", "\n附表说明：本表由县生态环境分局汇总。\n\n抄送")
    line = text.split("\n").index("附表说明：本表由县生态环境分局汇总。") + 1
    source = tmp_path / "with-stray-line.txt"
    source.write_text(text, encoding="utf-8")
    out = io.StringIO()
    run_import(source, "2023-5", fresh_data(tmp_path), out=out)
    assert re.search(rf"line {line}: 附表说明：本表由县生态环境分局汇总。 — after the safeguards", out.getvalue())


def test_an_unknown_deadline_form_in_the_ledger_is_reported_and_check_rejects_it(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace("2023 年 9 月底前", "2023 年上半年")
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "2023 年上半年" in l)
    source = tmp_path / "lingchuan-2023-5-notice.txt"
    source.write_text(text, encoding="utf-8")
    data = fresh_data(tmp_path)
    out = io.StringIO()
    run_import(source, "2023-5", data, out=out)
    assert f"line {line}: 2023年上半年 (noise ledger row 3: unknown deadline form '2023年上半年')" in out.getvalue()
    with pytest.raises(DataError) as error:
        load_corpus(data)
    assert "unknown deadline form '2023年上半年'" in str(error.value)


# --- a second notice, from import to the built site ----------------------------------------------------------------

def translate(path: Path) -> None:
    """What the translator does: every empty English field filled in (here with a marker naming its place)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.rstrip().endswith("en: ''"):
            lines[i] = line.replace("en: ''", f"en: English text {i + 1}")
    text = "\n".join(lines)
    path.write_text(re.sub(r"\nenglish: pending.*", "", text), encoding="utf-8")


@pytest.fixture(scope="module")
def second_notice(tmp_path_factory):
    """2022-22 as committed, plus 2023-5 imported and translated, plus 2023-6 (the same text under another
    number) imported and left pending: all in one copy of the project."""
    project = tmp_path_factory.mktemp("two-notices") / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", "site.new", "site.old", ".git", "__pycache__", ".pytest_cache", "node_modules", "generated",
        ".generated"))
    data = project / "data"
    out = io.StringIO()
    findings = run_import(FIXTURE, "2023-5", data, out=out)
    pending_text = FIXTURE.read_text(encoding="utf-8").replace("〔2023〕5号", "〔2023〕6号")
    pending_source = project / "lingchuan-2023-6-notice.txt"
    pending_source.write_text(pending_text, encoding="utf-8")
    return project, data, findings, out.getvalue(), pending_source


def test_second_notice_draft(second_notice):
    """The draft, checked against what the fixture text prints (read by eye, written out here)."""
    _, data, findings, report, _ = second_notice
    document = read(data / "documents" / "2023-5" / "document.yml")
    assert (document["id"], document["number"], document["plans"]) == ("2023-5", "陵政办发〔2023〕5号", ["noise"])
    assert str(document["issued"]) == "2023-03-08" and document["copied_to"]["zh"] == "县委办公室，县人大常委会办公室"
    plan = read(data / "documents" / "2023-5" / "noise.yml")
    tasks = [t for c in plan["categories"] for t in c["tasks"]]
    assert [(t["number"], t["title"]["zh"], t["responsible"], t.get("milestones")) for t in tasks] == [
        (1, "规范机动车鸣笛管理", "县公安局交警大队、县住建局", ["2023年6月底前"]),
        (2, "严查改装车辆噪声", "县公安局交警大队、市生态环境局陵川分局", ["长期坚持"]),
        (3, "规范文化娱乐场所经营", "县文旅局、县城管执法队", None),
        (4, "加强广场舞噪声管理", "县城管执法队、各乡镇人民政府", ["每月一次"]),
    ]
    assert tasks[2]["text"]["zh"] == "督促歌舞厅、酒吧等文化娱乐场所落实隔声降噪措施，2023年第三季度末前完成全县文化娱乐场所噪声排查。"
    ledger = plan["ledger"]
    assert {k: v["zh"] for k, v in ledger["columns"].items()} == {
        "category": "类别", "number": "序号", "text": "工作内容", "deadline": "完成时间", "responsible": "责任单位",
        "remarks": "备注"}
    rows = [r for c in ledger["categories"] for r in c["rows"]]
    assert [(r["number"], r["deadline"], r["responsible"], r["implements"]) for r in rows] == [
        (1, "2023年6月底前", "县公安局交警大队、县住建局", [1]), (2, "长期坚持", "县公安局交警大队", [2]),
        (3, "2023年9月底前", "县文旅局", [3]), (4, "每月一次", "县城管执法队", [4])]
    assert [s["title"]["zh"] for s in plan["safeguards"]] == ["加强组织领导", "强化执法监督"]
    # what the editor is told: the new unit (with its lines), the deadline words no form covers, every line placed
    assert list(findings.unknown_units) == ["县文旅局"] and "县文旅局 (source lines 38, 57)" in report
    assert "line 38: 2023年第三季度末 (noise task 3)" in report
    assert "every line of the text was placed" in report
    draft_units = read(data / "units.draft-2023-5.yml")["units"]
    assert draft_units == [{"id": "", "name": {"zh": "县文旅局", "en": ""}}]


def test_second_notice_validates_once_translated_and_builds_beside_2022_22(second_notice):
    project, data, _, _, pending_source = second_notice
    with pytest.raises(DataError, match="unknown unit '县文旅局'"):
        load_corpus(data)
    add_the_new_unit(data)
    (data / "units.draft-2023-5.yml").unlink()
    pending = load_corpus(data)
    assert len(pending.warnings) == 39
    for name in ("document", "noise"):
        translate(data / "documents" / "2023-5" / f"{name}.yml")
    assert load_corpus(data).warnings == []
    run_import(pending_source, "2023-6", data, out=io.StringIO())   # a third notice, left pending
    env = {**os.environ, "SITE_URL": "https://example.org/plans/"}
    build = subprocess.run(["make", "--no-print-directory", "site", f"VENV={ROOT / '.venv'}"], cwd=project, env=env,
                   capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    site = project / "site"

    def page(path: str) -> str:
        return (site / path / "index.html").read_text(encoding="utf-8")

    for lang in ("", "en/"):
        for path in ("2023-5", "2023-5/noise", "2023-5/noise/3", "2023-5/noise/ledger/4", "units/culture-tourism",
                     "2022-22/air/15"):
            assert (site / lang / path / "index.html").is_file(), f"/{lang}{path}/ was not built"
    home = page("")
    assert 'href="2022-22/"' in home and 'href="2023-5/"' in home and 'href="2023-6/"' in home
    police = page("units/traffic-police")
    assert "2022-22/air/7/" in police and "2023-5/noise/1/" in police
    june = page("deadlines/2023-06")
    assert "2023-5/noise/1/" in june and "2023-5/noise/ledger/1/" in june
    assert "2023-5/noise/" in page("deadlines") and "2022-22/air/" in page("deadlines")
    # translated: English on the English pages; pending: the Chinese, with a visible notice
    assert "English text" in page("en/2023-5/noise/3") and "Translation pending" not in page("en/2023-5/noise/3")
    pending_en = collapse(re.sub(r"<[^>]+>", " ", page("en/2023-6/noise/3")))
    assert "Translation pending This document is not translated into English yet" in pending_en and "规范文化娱乐场所经营" in squash(pending_en)
    assert "Translation pending" not in page("2023-6/noise/3")
    documents = {d["id"]: d for d in json.loads((site / "data" / "plan.json").read_text(encoding="utf-8"))["documents"]}
    assert documents["2023-6"]["english"] == "pending" and "english" not in documents["2023-5"]
    assert {i["document"] for i in json.loads((site / "data" / "plan.json").read_text(encoding="utf-8"))["items"]} \
        == {"2022-22", "2023-5", "2023-6"}


def add_the_new_unit(data: Path) -> None:
    """What the editor does with units.draft-2023-5.yml: an id and English name chosen, moved into units.yml."""
    units = (data / "units.yml").read_text(encoding="utf-8")
    (data / "units.yml").write_text(units.rstrip("\n") + "\n  - id: culture-tourism\n    name: {zh: 县文旅局, en: "
                                    "County Culture and Tourism Bureau}\n", encoding="utf-8")


def _headings_on_their_own_line(text: str) -> str:
    """Every task printed soil-style: its title on a line of its own, without 。."""
    return re.sub(r"^(\d+\. )(?:\*\*)?([^。*\n]+)。(?:\*\*)?", r"\1\2\n\n", text, flags=re.M)


def _no_remarks_column(text: str) -> str:
    return "\n".join(line.removesuffix("\t备注").removesuffix("\t") if "\t" in line else line
                     for line in text.split("\n"))


@pytest.mark.parametrize("variant", [_headings_on_their_own_line, _no_remarks_column])
def test_variants_of_the_format_import_and_validate(tmp_path, variant):
    """Other layouts the county prints: titles as heading lines (the soil plan's style), a ledger without 备注."""
    source = tmp_path / FIXTURE.name
    source.write_text(variant(FIXTURE.read_text(encoding="utf-8")), encoding="utf-8")
    data = fresh_data(tmp_path)
    out = io.StringIO()
    run_import(source, "2023-5", data, out=out)
    assert "every line of the text was placed" in out.getvalue()
    add_the_new_unit(data)
    load_corpus(data)  # valid, English pending
    plan = read(data / "documents" / "2023-5" / "noise.yml")
    tasks = [t for c in plan["categories"] for t in c["tasks"]]
    assert [t["title"]["zh"] for t in tasks] == ["规范机动车鸣笛管理", "严查改装车辆噪声", "规范文化娱乐场所经营",
                                                 "加强广场舞噪声管理"]
    assert tasks[0]["text"]["zh"] == "在县城建成区学校、医院周边划定禁鸣路段，设置禁鸣标志，2023年6月底前完成禁鸣路段设置。"
    if variant is _headings_on_their_own_line:
        assert plan["task_title_style"] == "heading"
    else:
        assert "task_title_style" not in plan and "remarks" not in plan["ledger"]["columns"]
