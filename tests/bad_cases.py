"""The bad-input catalogue: each case is the mini data (tests/fixtures/mini/data) with one mistake of a kind an
editor makes (a small text edit, a removed or added file), and the exact lines `python -m generator check` must
print for it: they are the spec of what an editor reads. tests/test_bad_input.py runs them.

Kinds covered: YAML the safe reader refuses; shapes (types, fields, one-line text); numbering, uniqueness and
references; units and deadlines; files; fidelity to the source, by content and by position.
"""
from __future__ import annotations

from dataclasses import dataclass, field

PLAN = "documents/2022-22/air.yml"
DOCUMENT = "documents/2022-22/document.yml"
UNITS = "units.yml"
GLOSSARY = "glossary.yml"
SOURCE = "source/lingchuan-2022-22-notice.txt"
AIR = "data/documents/2022-22/air.yml"
DOC = "data/documents/2022-22/document.yml"


@dataclass
class Case:
    name: str
    edits: list[tuple[str, str, str]]        # (file under data/, old text, new text)
    expected: list[str]                       # stderr lines before the summary, in the order printed
    removed: list[str] = field(default_factory=list)  # files or folders under data/ to delete
    files: dict[str, str | bytes] = field(default_factory=dict)  # files under data/ to (over)write whole


BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
               for prev, name in zip([None, *"abcdefgh"], "abcdefghi"))

CASES = [
    # --- the first catalogue (2026-11) ---
    Case("broken-yaml",
         [(PLAN, "en: Controlling vehicles}\n    tasks:", "en: Controlling vehicles\n    tasks:")],
         [f"{AIR}:37:10: (yaml): invalid YAML: expected ',' or '}}', but got ':' (while parsing a flow mapping at line 36, column 12) [yaml-syntax]"]),
    Case("wrong-type",
         [(PLAN, "      - number: 2\n        title:", "      - number: two\n        title:")],
         [f"{AIR}:26:9: categories[0].tasks[1].number: expected a whole number, got 'two' [wrong-type]"]),
    Case("unknown-field",
         [(PLAN, "        milestones: [2022年10月底前]", "        milestone: [2022年10月底前]")],
         [f'{AIR}:25:9: categories[0].tasks[0].milestone: unknown field [unknown-field]']),
    Case("unknown-unit-in-responsible-list",
         [(UNITS, "  - id: ecology-environment\n    name: {zh: 市生态环境局陵川分局, en: Lingchuan Branch of the "
                  "Jincheng Municipal Ecology and Environment Bureau}\n", "")],
         [f"{AIR}:31:9: categories[0].tasks[1].responsible: unknown unit '市生态环境局陵川分局' (not a name or alias in data/units.yml) [unknown-unit]"]),
    Case("unknown-unit-id-in-group-members",
         [(UNITS, "members: [chongwen]", "members: [chongwen, liyi]")],
         ["data/units.yml:11:25: units[2].members[1]: unknown unit id 'liyi' [unknown-reference]"]),
    Case("duplicate-task-number",
         [(PLAN, "      - number: 2\n        title:", "      - number: 1\n        title:")],
         [f'{AIR}:26:9: categories[0].tasks[1].number: duplicate task number 1 (first at line 19) [duplicate-number]',
          f"{AIR}:27:17: categories[0].tasks[1].title.zh: not at task 1's place in the source: the source has no '1' followed by this text after task 1 (swapped or misnumbered?) [out-of-place]"]),
    Case("duplicate-unit-id",
         [(UNITS, "  - id: ecology-environment", "  - id: transport")],
         ["data/units.yml:5:5: units[1].id: duplicate unit id 'transport' (first at line 3) [duplicate-id]"]),
    Case("implements-a-task-of-another-plan",
         [(PLAN, 'implements: ["2022-22/air/3"]', 'implements: ["2022-22/other/1"]')],
         [f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: '2022-22/other/1' is not a task of this plan: a ledger row can only implement tasks of its own plan (2022-22/air/<number>) [invalid-reference]"]),
    Case("implements-a-missing-task",
         [(PLAN, "implements: [1]", "implements: [9]")],
         [f"{AIR}:71:24: ledger.categories[0].rows[0].implements[0]: broken reference: plan 'air' has no task 9 [unknown-reference]"]),
    Case("unparseable-deadline",
         # words that are in the source, so the only mistake is the deadline form
         [(PLAN, "deadline: 2022年8月份起", "deadline: 按期完成")],
         [f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: not the source's text for ledger row 2: the source has '2022年8月份起县交通运输局、崇文镇政府' here [out-of-place]",
          f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: unknown deadline form '按期完成' [deadline-form]"]),
    Case("impossible-date",
         # the source says it too, so the only mistake is the date itself
         [(PLAN, "deadline: 2022年10月底前", "deadline: 2022年2月30日前"),
          (SOURCE, "2022 年 10 月底前", "2022 年 2 月 30 日前")],
         [f'{AIR}:69:11: ledger.categories[0].rows[0].deadline: impossible date 2022-2-30: day is out of range for month [invalid-date]']),
    Case("empty-english",
         [(PLAN, "en: Targets}", 'en: ""}')],
         [f'{AIR}:10:25: parts[0].heading.en: missing English text [missing-text]']),
    Case("missing-en-key",
         [(PLAN, "heading: {zh: 工作目标, en: Targets}", "heading: {zh: 工作目标}")],
         [f'{AIR}:10:5: parts[0].heading.en: required field is missing [missing-field]']),
    Case("chinese-not-in-source",
         [(PLAN, "制定本行动计划", "制订本行动计划")],
         [f"{AIR}:6:3: preamble.zh: Chinese text not found in the source: '为改善空气质量，坚持PM₂.₅协同控制，制订本行动计划。' [not-in-source]"]),
    Case("several-cross-reference-mistakes-in-one-file",
         [(PLAN, "responsible: 市生态环境局陵川分局", "responsible: 县检察院"),
          (PLAN, "deadline: 2022年8月份起", "deadline: 按期完成"),
          (PLAN, "implements: [1]", "implements: [1, 9]"),
          (PLAN, 'implements: ["2022-22/air/3"]', 'implements: ["2022-22/other/1"]'),
          (PLAN, "确保各项任务按期完成。", "确保各项任务如期完成。"),
          (PLAN, "        - number: 2\n", "        - number: 1\n")],
         [f"{AIR}:31:9: categories[0].tasks[1].responsible: not the source's text for task 2: the source has '市生态环境局陵川分局〕（二）管控车辆3.优化车辆通行线路。对…' here [out-of-place]",
          f"{AIR}:31:9: categories[0].tasks[1].responsible: unknown unit '县检察院' (not a name or alias in data/units.yml) [unknown-unit]",
          f"{AIR}:50:7: safeguards[0].text.zh: Chinese text not found in the source: '各单位要落实责任，确保各项任务如期完成。' [not-in-source]",
          f"{AIR}:71:27: ledger.categories[0].rows[0].implements[1]: broken reference: plan 'air' has no task 9 [unknown-reference]",
          f'{AIR}:78:11: ledger.categories[1].rows[0].number: duplicate ledger row number 1 (first at line 65) [duplicate-number]',
          f"{AIR}:80:13: ledger.categories[1].rows[0].text.zh: not at ledger row 1's place in the source: the source has no '1' followed by this text after ledger row 1 (swapped or misnumbered?) [out-of-place]",
          f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: unknown deadline form '按期完成' [deadline-form]",
          f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: '2022-22/other/1' is not a task of this plan: a ledger row can only implement tasks of its own plan (2022-22/air/<number>) [invalid-reference]"]),
    Case("several-shape-mistakes-in-one-file",
         [(PLAN, "      - number: 2\n        title:", "      - number: two\n        title:"),
          (PLAN, "        milestones: [2022年10月底前]", "        milestone: [2022年10月底前]"),
          (PLAN, "en: Targets}", 'en: ""}'),
          (PLAN, "title: {zh: 强化组织领导, en: Strengthen leadership}", "title: {zh: 强化组织领导}")],
         [f'{AIR}:10:25: parts[0].heading.en: missing English text [missing-text]',
          f'{AIR}:25:9: categories[0].tasks[0].milestone: unknown field [unknown-field]',
          f"{AIR}:26:9: categories[0].tasks[1].number: expected a whole number, got 'two' [wrong-type]",
          f'{AIR}:48:5: safeguards[0].title.en: required field is missing [missing-field]']),
    Case("mistakes-in-every-file",
         # an invalid document.yml must not hide the plan's own problem
         [(UNITS, "members: [chongwen]", "members: [chongwen, liyi]"),
          ("glossary.yml", "  - id: autumn-winter", "  - id: Autumn_Winter"),
          ("documents/2022-22/document.yml", "issued: 2022-06-14", "issued: 2022-06-31"),
          (PLAN, "implements: [1]", "implements: [9]")],
         [f"{AIR}:71:24: ledger.categories[0].rows[0].implements[0]: broken reference: plan 'air' has no task 9 [unknown-reference]",
          f"{DOC}:8:1: issued: expected a date YYYY-MM-DD, got '2022-06-31' [invalid-date]",
          "data/glossary.yml:9:5: terms[1].id: invalid id 'Autumn_Winter': use lowercase ASCII letters, digits and hyphens [invalid-id]",
          "data/units.yml:11:25: units[2].members[1]: unknown unit id 'liyi' [unknown-reference]"]),
    Case("invalid-units-file-does-not-flood-the-plans",
         # every unit name in the plan would be "unknown": only the real mistake is reported
         [(UNITS, "aliases: [县交通局]", "aliases: 县交通局")],
         ["data/units.yml:7:5: units[1].aliases: expected a list, got '县交通局' [wrong-type]"]),
    Case("missing-source-file",
         [], ["data/source/lingchuan-2022-22-notice.txt:1:1: (file): cannot read the verbatim source: [Errno 2] No such file or directory: 'data/source/lingchuan-2022-22-notice.txt' [missing-file]"],
         removed=[SOURCE]),
]

CASES += [
    # --- YAML the safe reader refuses ---
    Case("alias-bomb",  # "billion laughs": 9 lines that would expand to 387 million strings; refused in one pass
         [], [f"data/glossary.yml:1:4: (yaml): anchor &a is not allowed: write each value out [yaml-alias]",
              f"data/glossary.yml:2:4: (yaml): anchor &b is not allowed: write each value out [yaml-alias]",
              f"data/glossary.yml:2:8: (yaml): alias *a is not allowed: write the value out [yaml-alias]",
              f"data/glossary.yml:2:12: (yaml): alias *a is not allowed: write the value out [yaml-alias]",
              f"data/glossary.yml:2:16: (yaml): alias *a is not allowed: write the value out [yaml-alias]",
              f"data/glossary.yml:2:20: (yaml): 76 more anchors, aliases or tags in this file [yaml-alias]"],
         files={GLOSSARY: BOMB}),
    Case("recursive-alias",
         [(UNITS, "units:\n", "loop: &loop [*loop]\nunits:\n")],
         ["data/units.yml:2:7: (yaml): anchor &loop is not allowed: write each value out [yaml-alias]",
          "data/units.yml:2:14: (yaml): alias *loop is not allowed: write the value out [yaml-alias]"]),
    Case("shared-value-through-an-alias",
         [(PLAN, "title: {zh: 治理散煤, en: Tackling loose coal}\n    tasks:",
           "title: &coal {zh: 治理散煤, en: Tackling loose coal}\n    tasks:"),
          (PLAN, "      title: {zh: 治理散煤, en: Tackling loose coal}", "      title: *coal")],
         [f"{AIR}:17:12: (yaml): anchor &coal is not allowed: write each value out [yaml-alias]",
          f"{AIR}:63:14: (yaml): alias *coal is not allowed: write the value out [yaml-alias]"]),
    Case("merge-key",
         [(PLAN, "  - id: goals\n", "  - <<: {id: goals}\n")],
         [f"{AIR}:9:5: (yaml): merge keys (<<) are not allowed: write the fields out [yaml-merge-key]"]),
    Case("complex-key",
         [(GLOSSARY, "terms:\n", "? [loose, coal]\n: 1\nterms:\n")],
         ["data/glossary.yml:2:3: (yaml): a key must be a field name, got 'a list or mapping' [yaml-key]"]),
    Case("number-as-key",
         [(UNITS, "units:\n", "1: one\nunits:\n")],
         ["data/units.yml:2:1: (yaml): a key must be a field name, got '1' [yaml-key]"]),
    Case("unknown-tag",
         [(PLAN, "preamble:\n", "preamble: !!python/object:os.system\n")],
         [f"{AIR}:5:11: (yaml): tag tag:yaml.org,2002:python/object:os.system is not allowed: the data needs no "
          "tags [yaml-tag]"]),
    Case("local-tag",
         [(PLAN, "heading: {zh: 工作目标, en: Targets}", "heading: !text {zh: 工作目标, en: Targets}")],
         [f"{AIR}:10:14: (yaml): tag !text is not allowed: the data needs no tags [yaml-tag]"]),
    Case("raw-nul-byte",
         [(PLAN, "en: Targets}", "en: Tar\x00gets}")],
         [f'{AIR}:10:32: (yaml): control character U+0000 is not allowed [control-character]']),
    Case("raw-escape-character",
         [(UNITS, "en: County Transport Bureau}", "en: County \x1b[31mTransport Bureau}")],
         ['data/units.yml:6:35: (yaml): control character U+001B is not allowed [control-character]']),
    Case("raw-line-separator",
         [(PLAN, "Optimize vehicle routes", "Optimize\u2028vehicle routes")],
         [f'{AIR}:39:43: (yaml): control character U+2028 (LINE SEPARATOR) is not allowed [control-character]']),
    Case("zero-width-space",
         [(PLAN, "加强秋冬季巡查", "加强秋冬季\u200b巡查")],
         [f'{AIR}:27:26: (yaml): control character U+200B (ZERO WIDTH SPACE) is not allowed [control-character]']),
    Case("escaped-control-character-in-a-quoted-value",
         [(PLAN, "en: Strengthen leadership}", 'en: "Strengthen\\eleadership"}')],
         [f'{AIR}:48:29: safeguards[0].title.en: control character U+001B is not allowed in text [control-character]']),
    Case("escaped-carriage-return",
         [(UNITS, "en: Chongwen Town People's Government}", 'en: "Chongwen Town\\rPeople\'s Government"}')],
         ['data/units.yml:13:29: units[3].name.en: a carriage return (CR) is not allowed in text [control-character]']),
    Case("escaped-tab",
         [(PLAN, "en: Key tasks}", 'en: "Key\\ttasks"}')],
         [f'{AIR}:14:31: tasks_heading.en: a tab is not allowed in text [control-character]']),
    Case("oversized-file",
         [], ["data/glossary.yml:1:1: (file): file too large (2000110 bytes; the limit is 2000000) [file-too-large]"],
         files={GLOSSARY: "terms: []\n" + ("#" * 99 + "\n") * 20001}),
    Case("nesting-too-deep",
         [(GLOSSARY, "terms:\n", "deep: " + "[" * 41 + "]" * 41 + "\nterms:\n")],
         ["data/glossary.yml:2:46: (yaml): nested more than 40 levels deep [yaml-too-deep]"]),
    Case("two-documents-in-one-file",
         [(UNITS, "units:\n", "units:\n---\n")],
         ['data/units.yml:3:1: (yaml): invalid YAML: but found another document (expected a single document in the stream at line 2, column 1) [yaml-syntax]']),
    Case("not-utf-8",
         [], ["data/units.yml:1:1: (file): cannot read: 'utf-8' codec can't decode byte 0xb5 in position 0: invalid start byte [file-unreadable]"],
         files={UNITS: "units: []\n".encode("utf-8").replace(b"units", "单位".encode("gbk"))}),
    Case("duplicate-key",
         [(PLAN, "        responsible: 市生态环境局陵川分局\n",
           "        responsible: 市生态环境局陵川分局\n        responsible: 县交通局\n")],
         [f"{AIR}:32:9: categories[0].tasks[1].responsible: duplicate key [duplicate-key]"]),
]

CASES += [
    # --- files ---
    Case("no-document-yml",
         [], [f"{DOC}:1:1: (file): missing: every folder under documents/ needs a document.yml naming its plans "
              "[missing-file]"],
         removed=[DOCUMENT]),
    Case("no-documents-at-all",
         [], ["data/documents/<id>/document.yml:1:1: (file): no document: the site needs at least one "
              "documents/<id>/document.yml [missing-file]"],
         removed=["documents"]),
    Case("missing-units-file",
         [], ["data/units.yml:1:1: (file): cannot read: [Errno 2] No such file or directory: 'data/units.yml' "
              "[file-unreadable]"],
         removed=[UNITS]),
    Case("empty-units-file",
         [], ["data/units.yml:1:1: units: required field is missing [missing-field]"],
         files={UNITS: "# nothing yet\n"}),
    Case("a-list-instead-of-a-mapping",
         [], ["data/glossary.yml:1:1: (file): expected a mapping of fields, got ['loose-coal'] [wrong-type]"],
         files={GLOSSARY: "- loose-coal\n"}),
    Case("plan-file-not-listed",
         [], ["data/documents/2022-22/water.yml:1:1: (file): plan file not listed in "
              "data/documents/2022-22/document.yml (plans:), so it would not be published [unlisted-file]"],
         files={"documents/2022-22/water.yml": "id: water\n"}),
    Case("listed-plan-file-missing",
         [(DOCUMENT, "plans: [air]", "plans: [air, water]")],
         [f'{DOC}:16:14: plans[1]: broken reference: no plan file data/documents/2022-22/water.yml [missing-file]']),
    Case("plan-listed-twice",  # every item would be listed twice in plan.json, with repeated calendar UIDs
         [(DOCUMENT, "plans: [air]", "plans: [air, air]")],
         [f"{DOC}:16:14: plans[1]: duplicate plan 'air' (first at line 16) [duplicate-reference]"]),
    Case("plan-id-differs-from-its-file",
         [(PLAN, "id: air\n", "id: smog\n")],
         [f"{AIR}:3:1: id: plan id 'smog' differs from its file name 'air' [id-mismatch]",
          f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: '2022-22/air/3' is not a task of this plan: a ledger row can only implement tasks of its own plan (2022-22/smog/<number>) [invalid-reference]"]),
    Case("document-id-differs-from-its-folder",
         [(DOCUMENT, 'id: "2022-22"', 'id: "2022-23"')],
         [f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: '2022-22/air/3' is not a task of this plan: a ledger row can only implement tasks of its own plan (2022-23/air/<number>) [invalid-reference]",
          f"{DOC}:2:1: id: document id '2022-23' differs from its folder '2022-22' [id-mismatch]"]),

    # --- dates and deadlines ---
    Case("deadline-in-year-9999",
         [(PLAN, "deadline: 2022年10月底前", "deadline: 9999年12月底前"),
          (SOURCE, "2022 年 10 月底前", "9999 年 12 月底前")],
         [f"{AIR}:69:11: ledger.categories[0].rows[0].deadline: year 9999 is outside 2012–2032 (the document's "
          "year ± 10) [date-range]"]),
    Case("milestone-in-year-1900",
         [(PLAN, "milestones: [2022年10月底前]", "milestones: [1900年10月底前]"),
          (PLAN, "zh: 2022年10月底前，完成", "zh: 1900年10月底前，完成"),
          (SOURCE, "2022年10月底前，完成", "1900年10月底前，完成")],
         [f"{AIR}:25:22: categories[0].tasks[0].milestones[0]: year 1900 is outside 2012–2032 (the document's year ± 10) [date-range]"]),
    Case("month-13",
         [(PLAN, "deadline: 2022年10月底前", "deadline: 2022年13月底前"),
          (SOURCE, "2022 年 10 月底前", "2022 年 13 月底前")],
         [f"{AIR}:69:11: ledger.categories[0].rows[0].deadline: month 13 does not exist [invalid-date]"]),
    Case("window-runs-backwards",
         [(PLAN, "deadline: 2022年8月份起", "deadline: 2022年9-5月"),
          (SOURCE, "2022 年 8 月份起", "2022 年 9-5 月")],
         [f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: window runs backwards (9 to 5) [invalid-date]"]),
    Case("issued-in-another-year-than-its-number",
         [(DOCUMENT, "issued: 2022-06-14", "issued: 2021-06-14")],
         [f"{DOC}:8:1: issued: issued in 2021, but the document id '2022-22' names the year 2022 [date-range]"]),
    Case("printed-before-issued",
         [(DOCUMENT, "printed: 2022-06-14", "printed: 2022-06-13")],
         [f"{DOC}:9:1: printed: printed 2022-06-13, issued 2022-06-14: a notice is printed on or after its issue "
          "date, within a year [date-range]"]),
    Case("milestone-not-in-the-task-text",
         [(PLAN, "milestones: [2022年10月底前]", "milestones: [2022年8月份起]")],
         [f"{AIR}:25:22: categories[0].tasks[0].milestones[0]: milestone '2022年8月份起' does not occur in the task's text [milestone-not-in-text]"]),
    Case("deadline-as-a-number",
         [(PLAN, "deadline: 2022年10月底前", "deadline: 2022")],
         [f"{AIR}:69:11: ledger.categories[0].rows[0].deadline: expected text, got 2022 [wrong-type]"]),

    # --- numbering: unique and in the official order ---
    Case("category-number-120",  # once an IndexError in the Chinese numerals
         [(PLAN, "  - number: 2\n    title: {zh: 管控车辆", "  - number: 120\n    title: {zh: 管控车辆")],
         [f"{AIR}:35:5: categories[1].number: category number 120 out of order: expected 2 (numbers run 1, 2, 3… "
          "in the order printed) [number-order]"]),
    Case("task-number-gap",
         [(PLAN, "      - number: 3\n", "      - number: 4\n")],
         [f'{AIR}:38:9: categories[1].tasks[0].number: task number 4 out of order: expected 3 (numbers run 1, 2, 3… in the order printed) [number-order]',
          f"{AIR}:39:17: categories[1].tasks[0].title.zh: not at task 4's place in the source: the source has no '4' followed by this text after task 2 (swapped or misnumbered?) [out-of-place]",
          f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: broken reference: plan 'air' has no task 3 [unknown-reference]"]),
    Case("task-numbers-swapped",
         [(PLAN, "      - number: 1\n        title:", "      - number: 2\n        title:"),
          (PLAN, "      - number: 2\n        title: {zh: 加强", "      - number: 1\n        title: {zh: 加强")],
         [f'{AIR}:19:9: categories[0].tasks[0].number: task number 2 out of order: expected 1 (numbers run 1, 2, 3… in the order printed) [number-order]',
          f"{AIR}:20:17: categories[0].tasks[0].title.zh: not at task 2's place in the source: the source has no '2' followed by this text in its plan (swapped or misnumbered?) [out-of-place]",
          f'{AIR}:26:9: categories[0].tasks[1].number: task number 1 out of order: expected 2 (numbers run 1, 2, 3… in the order printed) [number-order]',
          f"{AIR}:27:17: categories[0].tasks[1].title.zh: not at task 1's place in the source: the source has no '1' followed by this text in its plan (swapped or misnumbered?) [out-of-place]"]),
    Case("safeguard-number-100",  # once printed as （十十）
         [(PLAN, "  - number: 1\n    id: organization", "  - number: 100\n    id: organization")],
         [f"{AIR}:46:5: safeguards[0].number: safeguard number 100 out of order: expected 1 (numbers run 1, 2, 3… "
          "in the order printed) [number-order]"]),
    Case("duplicate-safeguard-number",
         [(PLAN, "ledger:\n", "  - number: 1\n    id: duties\n    title: {zh: 压实工作责任, en: Assign duties}\n"
                              "    text: {zh: 各单位要压实责任。, en: Every unit shall assign duties.}\nledger:\n"),
          (SOURCE, "抄送", "（二）压实工作责任。各单位要压实责任。\n\n抄送")],
         [f"{AIR}:52:5: safeguards[1].number: duplicate safeguard number 1 (first at line 46) [duplicate-number]"]),
    Case("duplicate-ledger-category-number",  # once two HTML elements with one id
         [(PLAN, "    - number: 2\n      title: {zh: 管控车辆", "    - number: 1\n      title: {zh: 管控车辆")],
         [f"{AIR}:75:7: ledger.categories[1].number: duplicate ledger category number 1 (first at line 62) "
          "[duplicate-number]"]),
    Case("ledger-row-number-gap",
         [(PLAN, "        - number: 2\n", "        - number: 3\n")],
         [f'{AIR}:78:11: ledger.categories[1].rows[0].number: ledger row number 3 out of order: expected 2 (numbers run 1, 2, 3… in the order printed) [number-order]',
          f"{AIR}:80:13: ledger.categories[1].rows[0].text.zh: not at ledger row 3's place in the source: the source has no '3' followed by this text after ledger row 1 (swapped or misnumbered?) [out-of-place]"]),
    Case("number-zero",
         [(PLAN, "  - number: 1\n    id: organization", "  - number: 0\n    id: organization")],
         [f"{AIR}:46:5: safeguards[0].number: must be 1 or more, got 0 [out-of-range]"]),
    Case("number-with-a-fraction",
         [(PLAN, "      - number: 3\n", "      - number: 2.5\n")],
         [f"{AIR}:38:9: categories[1].tasks[0].number: expected a whole number, got 2.5 [wrong-type]"]),
]

CASES += [
    # --- uniqueness and references ---
    Case("unit-id-index",  # once overwrote the list of units (/units/)
         [(UNITS, "  - id: chongwen", "  - id: index"), (UNITS, "members: [chongwen]", "members: [index]")],
         ["data/units.yml:12:5: units[3].id: unit id 'index' is taken: units/index.md is the list of all units "
          "[path-collision]"]),
    Case("unit-id-all",
         [(UNITS, "  - id: transport", "  - id: all")],
         ["data/units.yml:5:5: units[1].id: unit id 'all' is taken: data/calendar/all.ics is the calendar of every "
          "item [path-collision]"]),
    Case("duplicate-implements",
         [(PLAN, "implements: [1]", "implements: [1, 1]")],
         [f"{AIR}:71:27: ledger.categories[0].rows[0].implements[1]: task 1 listed twice (first as item 1) "
          "[duplicate-reference]"]),
    Case("duplicate-implements-written-two-ways",  # the same task by number and by id: one normalisation
         [(PLAN, 'implements: ["2022-22/air/3"]', 'implements: [3, "2022-22/air/03"]')],
         [f"{AIR}:84:27: ledger.categories[1].rows[0].implements[1]: task 3 listed twice (first as item 1) "
          "[duplicate-reference]"]),
    Case("implements-a-missing-task-by-id",  # once a KeyError in the build
         [(PLAN, 'implements: ["2022-22/air/3"]', 'implements: ["2022-22/air/04"]')],
         [f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: broken reference: plan 'air' has no task 4 "
          "[unknown-reference]"]),
    Case("member-listed-twice",
         [(UNITS, "members: [chongwen]", "members: [chongwen, chongwen]")],
         ["data/units.yml:11:25: units[2].members[1]: member 'chongwen' listed twice (first as item 1) "
          "[duplicate-reference]"]),
    Case("unit-is-its-own-member",
         [(UNITS, "members: [chongwen]", "members: [townships]")],
         ["data/units.yml:11:15: units[2].members[0]: a unit cannot be its own member [invalid-reference]"]),
    Case("alias-is-another-units-name",
         [(UNITS, "aliases: [县交通局]", "aliases: [县交通局, 崇文镇人民政府]")],
         ["data/units.yml:13:12: units[3].name.zh: duplicate unit name or alias '崇文镇人民政府' (first at line 7) [duplicate-name]"]),
    Case("duplicate-glossary-term",
         [(GLOSSARY, "    zh: 秋冬季\n", "    zh: 散煤\n")],
         ["data/glossary.yml:10:5: terms[1].zh: duplicate term '散煤' (first at line 4) [duplicate-name]"]),
    Case("english-terms-equal-but-for-case",
         [(GLOSSARY, "    en: autumn and winter\n", "    en: Loose Coal\n")],
         ["data/glossary.yml:11:5: terms[1].en: duplicate English term 'loose coal' (first at line 5) "
          "[duplicate-name]"]),
    Case("duplicate-anchor-id",
         [(PLAN, "    id: organization", "    id: goals")],
         [f"{AIR}:47:5: safeguards[0].id: duplicate anchor id 'goals' (first at line 9) [duplicate-id]"]),
    Case("unit-named-twice-in-one-list",
         [(PLAN, "responsible: 县交通局、崇文镇人民政府", "responsible: 县交通局、县交通局、崇文镇人民政府"),
          (SOURCE, "县交通局、崇文镇人民政府", "县交通局、县交通局、崇文镇人民政府")],
         [f"{AIR}:43:9: categories[1].tasks[0].responsible: unit '县交通局' named twice [duplicate-reference]"]),
    Case("stray-separator-in-a-unit-list",
         [(PLAN, "responsible: 县交通局、崇文镇人民政府", "responsible: 县交通局、、崇文镇人民政府"),
          (SOURCE, "县交通局、崇文镇人民政府", "县交通局、、崇文镇人民政府")],
         [f"{AIR}:43:9: categories[1].tasks[0].responsible: empty unit name (a stray 、) (not a name or alias in "
          "data/units.yml) [unknown-unit]"]),

    # --- text shapes ---
    Case("line-break-in-a-units-english-name",  # once an AssertionError in the calendar feeds
         [(UNITS, "en: County Transport Bureau}", 'en: "County Transport\\nBureau"}')],
         ['data/units.yml:6:24: units[1].name.en: line break in a one-line field: write it on one line [line-break]']),
    Case("paragraph-break-in-an-english-title",  # once split the heading and showed { #top }
         [(PLAN, "en: Optimize vehicle routes}", 'en: "Optimize\\n\\nvehicle routes"}')],
         [f'{AIR}:39:31: categories[1].tasks[0].title.en: line break in a one-line field: write it on one line [line-break]']),
    Case("line-break-in-a-chinese-title-block",
         [(PLAN, "title: {zh: 强化组织领导, en: Strengthen leadership}",
           "title:\n      zh: |\n        强化组织\n        领导\n      en: Strengthen leadership")],
         [f"{AIR}:49:7: safeguards[0].title.zh: line break in a one-line field: write it on one line "
          "[line-break]"]),
    Case("line-break-in-a-deadline",
         [(PLAN, "deadline: 2022年8月份起", 'deadline: "2022年8月\\n份起"')],
         [f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: line break in a one-line field: write it on one "
          "line [line-break]"]),
    Case("english-with-chinese-characters",
         [(PLAN, "en: Optimize vehicle routes}", "en: Optimize vehicle routes 路线}")],
         [f"{AIR}:39:31: categories[1].tasks[0].title.en: English text contains Chinese characters: '路' [wrong-language]"]),
    Case("title-as-a-list",
         [(PLAN, "title: {zh: 强化组织领导, en: Strengthen leadership}", "title: [强化组织领导]")],
         [f"{AIR}:48:5: safeguards[0].title: expected a mapping of fields, got ['强化组织领导'] [wrong-type]"]),
    Case("no-categories",
         [(PLAN, "categories:\n  - number: 1\n    title: {zh: 治理散煤",
           "categories: []\nold:\n  - number: 1\n    title: {zh: 治理散煤")],
         [f"{AIR}:15:1: categories: must not be empty [empty-list]",
          f"{AIR}:16:1: old: unknown field [unknown-field]"]),
    Case("space-inside-chinese",
         [(PLAN, "title: {zh: 优化车辆通行线路,", "title: {zh: 优化车辆 通行线路,")],
         [f"{AIR}:39:17: categories[1].tasks[0].title.zh: Chinese text must not contain whitespace (the source's spaces are conversion marks) [whitespace-in-chinese]"]),

    # --- fidelity to the source, by content and by position ---
    Case("official-text-cut-short",  # the last clause dropped: what is left is still in the source
         [(PLAN, "zh: 开展重点区域巡查，发现问题立即整改。", "zh: 开展重点区域巡查，")],
         [f"{AIR}:29:11: categories[0].tasks[1].text.zh: not the source's whole text for task 2: the source goes on with '发现问题立即整改。〔责任单位：' [text-cut]"]),
    Case("official-text-missing-its-start",
         [(PLAN, "zh: 开展重点区域巡查，发现问题立即整改。", "zh: 发现问题立即整改。")],
         [f"{AIR}:29:11: categories[0].tasks[1].text.zh: not the source's text for task 2: the source has '开展重点区域巡查，发现问题立即整改。〔责任单位：市生态环境局…' here [out-of-place]"]),
    Case("two-tasks-texts-swapped",
         [(PLAN, "zh: 开展重点区域巡查，发现问题立即整改。", "zh: @@"),
          (PLAN, "zh: 对过境货车进一步优化路线。\n          en: Further optimize the routes of transit trucks.\n"
                 "        responsible: 县交通局", "zh: 开展重点区域巡查，发现问题立即整改。\n          en: Further "
                 "optimize the routes of transit trucks.\n        responsible: 县交通局"),
          (PLAN, "zh: @@", "zh: 对过境货车进一步优化路线。")],
         [f"{AIR}:29:11: categories[0].tasks[1].text.zh: not the source's text for task 2: the source has '开展重点区域巡查，发现问题立即整改。〔责任单位：市生态环境局…' here [out-of-place]",
          f"{AIR}:41:11: categories[1].tasks[0].text.zh: not the source's text for task 3: the source has '对过境货车进一步优化路线。〔责任单位：县交通局、崇文镇人民政…' here [out-of-place]"]),
    Case("unit-list-cut-short",
         [(PLAN, "responsible: 各乡镇人民政府、县交通运输局", "responsible: 各乡镇人民政府")],
         [f"{AIR}:24:9: categories[0].tasks[0].responsible: not the source's whole unit list for task 1: the source goes on with '、县交通运输局〕2.加强秋冬季巡查。开展重点区域巡查，发现问…' [text-cut]"]),
    Case("ledger-measure-cut-short",
         [(PLAN, "zh: 完成平原地区散煤清零任务。\n            en: Complete",
           "zh: 完成平原地区散煤清零\n            en: Complete")],
         [f"{AIR}:67:13: ledger.categories[0].rows[0].text.zh: not the source's whole text for ledger row 1: the source goes on with '任务。' [text-cut]"]),
]

CASES += [
    Case("unit-name-with-the-list-separator",
         [(UNITS, "aliases: [崇文镇政府]", "aliases: [崇文镇政府, 县交通局、崇文镇人民政府]")],
         ["data/units.yml:14:22: units[3].aliases[1]: a unit name cannot contain '、': it separates the units of a "
          "responsible list [invalid-value]"]),
    Case("lead-sentence-with-its-full-stop",  # would print 。。 on the page
         [(PLAN, "title: {zh: 加快推进散煤清零, en:", "title: {zh: 加快推进散煤清零。, en:")],
         [f"{AIR}:20:17: categories[0].tasks[0].title.zh: a lead sentence is written without its final 。 (the "
          "page adds it) [invalid-value]"]),
    Case("line-break-in-the-recipients",
         [(DOCUMENT, "recipients: {zh: 各乡镇人民政府，县直有关单位, en:",
           "recipients: {zh: \"各乡镇人民政府，\\n县直有关单位\", en:")],
         [f"{DOC}:11:14: recipients.zh: line break in a one-line field: write it on one line [line-break]"]),
]

CASES += [
    Case("part-id-takes-a-section-anchor",  # two elements with id="ledger" on the plan page
         [(PLAN, "  - id: goals", "  - id: ledger")],
         [f"{AIR}:9:5: parts[0].id: anchor id 'ledger' is taken by the plan page's own sections and items (#top, "
          "#tasks, #task-15, #ledger-16 …) [path-collision]"]),
    Case("safeguard-id-takes-a-task-anchor",
         [(PLAN, "    id: organization", "    id: task-2")],
         [f"{AIR}:47:5: safeguards[0].id: anchor id 'task-2' is taken by the plan page's own sections and items "
          "(#top, #tasks, #task-15, #ledger-16 …) [path-collision]"]),
    Case("term-id-top",
         [(GLOSSARY, "  - id: autumn-winter", "  - id: top")],
         ["data/glossary.yml:9:5: terms[1].id: term id 'top' is taken by the glossary page's heading "
          "[path-collision]"]),
    Case("group-membership-loop",
         [(UNITS, "    aliases: [崇文镇政府]", "    aliases: [崇文镇政府]\n    members: [townships]")],
         ["data/units.yml:11:5: units[2].members: group 'townships' is its own member through another group: "
          "membership must not loop [invalid-reference]",
          "data/units.yml:15:5: units[3].members: group 'chongwen' is its own member through another group: "
          "membership must not loop [invalid-reference]"]),
]
