"""Typed models of the data files (the schema). Shape and field-level rules only; cross-references live in validate.py."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo

HAN = re.compile(r"[\u3400-\u9fff]")
ASCII_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NUMBER_EN = r"^[A-Z][a-z]+(?: [A-Z][a-z]+)* \[[0-9]{4}\] No\. [1-9][0-9]*$"


class DataValueError(ValueError):
    """A field's value is wrong; `code` is the problem's stable code (problems.py)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _chinese(value: str) -> str:
    if not value.strip():
        raise DataValueError("missing Chinese text", "missing-text")
    return value


ENGLISH_PENDING = "english_pending"  # validation context key: the document says `english: pending`


def _english(value: str, info: ValidationInfo) -> str:
    if not value.strip():
        if (info.context or {}).get(ENGLISH_PENDING):
            return value  # a document not yet translated: `check` lists it as a warning (validate.untranslated)
        raise DataValueError("missing English text", "missing-text")
    if HAN.search(value):
        raise DataValueError(f"English text contains Chinese characters: '{HAN.search(value).group()}'",
                             "wrong-language")
    return value


def _english_remark(value: str) -> str:
    """An editor's note or explanation may quote the Chinese it talks about, but must be written in English."""
    if not re.search(r"[A-Za-z]{2}", value):
        raise DataValueError("missing English text", "missing-text")
    return value


def _one_line(value: str) -> str:
    """Titles, names, headings, units, deadlines and table cells print inside one line of a page (a heading, a
    link, a table cell, a calendar's name): a line break there would split the page's structure."""
    if "\n" in value:
        raise DataValueError("line break in a one-line field: write it on one line", "line-break")
    return value


Chinese = Annotated[str, AfterValidator(_chinese)]
EnglishRemark = Annotated[str, AfterValidator(_english_remark)]
English = Annotated[str, AfterValidator(_english)]
ChineseLine = Annotated[str, AfterValidator(_chinese), AfterValidator(_one_line)]
EnglishLine = Annotated[str, AfterValidator(_english), AfterValidator(_one_line)]
AsciiId = Annotated[str, Field(pattern=ASCII_ID)]
Number = Annotated[int, Field(ge=1, strict=True)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A passage in both languages; `zh` is the official wording, `en` the site's translation."""

    zh: Chinese
    en: English


class Line(Text):
    """A title, name, heading or table cell: one line in both languages."""

    zh: ChineseLine
    en: EnglishLine


class Note(Strict):
    """An editor's note (or an explanation): the site's own remark, never official text, shown clearly marked."""

    zh: Chinese
    en: EnglishRemark


class TranslationException(Strict):
    """A departure from a data/STYLE.md convention, recorded where it occurs: `zh` is a substring of one passage's
    Chinese, `en` of the same passage's English, `reason` says why (e.g. 国三以下 "below China III": the figure is
    excluded because the same text writes 国四及以下 when it includes one). Checked by validate.py and the translation
    tests; not shown on the pages (the English itself is the reader's text; the reason is for editors and reviewers)."""

    zh: Chinese
    en: English
    reason: EnglishRemark


class Translated(Strict):
    """An object whose passages may carry translation exceptions (tasks, ledger rows, parts, safeguards, annexes, ...)."""

    translation_exceptions: list[TranslationException] = []


class Task(Translated):
    number: Number
    title: Line
    text: Text
    responsible: ChineseLine
    milestones: list[ChineseLine] = []
    editor_notes: list[Note] = []


class Category(Translated):
    number: Number
    title: Line
    tasks: list[Task] = Field(min_length=1)
    editor_notes: list[Note] = []


class Part(Translated):
    id: AsciiId
    heading: Line
    text: Text


class Safeguard(Translated):
    number: Number
    id: AsciiId
    title: Line
    text: Text
    editor_notes: list[Note] = []


class Table(Strict):
    columns: list[Line] = Field(min_length=1)
    rows: list[list[Line]]


class Annex(Translated):
    number: Number
    id: AsciiId
    title: Line
    tables: list[Table] = Field(min_length=1)


# A ledger row implements tasks of its own plan: a task number, or a full item id ("2022-22/air/15").
TaskRef = Union[Number, Annotated[str, Field(pattern=r"^[0-9a-z-]+/[a-z0-9-]+/[0-9]+$")]]


class LedgerRow(Translated):
    number: Number
    text: Text
    deadline: ChineseLine
    responsible: ChineseLine
    implements: list[TaskRef] = Field(min_length=1)
    remarks: Line | None = None
    editor_notes: list[Note] = []


class LedgerCategory(Translated):
    number: Number
    title: Line
    rows: list[LedgerRow] = Field(min_length=1)
    editor_notes: list[Note] = []


class LedgerColumns(Strict):
    """The ledger's own column headings; a ledger printed without a remarks column has none."""

    category: Line
    number: Line
    text: Line
    deadline: Line
    responsible: Line
    remarks: Line | None = None


class Ledger(Translated):
    title: Line
    columns: LedgerColumns
    categories: list[LedgerCategory] = Field(min_length=1)


class Plan(Translated):
    id: AsciiId
    title: Line
    preamble: Text
    parts: list[Part] = []
    tasks_heading: Line
    # "sentence": a task's title is its lead sentence, printed as `title。text`;
    # "heading": the title is printed on its own line above the text (the soil plan)
    task_title_style: Literal["sentence", "heading"] = "sentence"
    categories: list[Category] = Field(min_length=1)
    safeguards_heading: Line
    safeguards: list[Safeguard] = []
    attachments: list[Line] = []
    annexes: list[Annex] = []
    ledger: Ledger | None = None
    editor_notes: list[Note] = []


class Document(Translated):
    id: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]+$")]
    number: ChineseLine
    # The number as an English letter cites it (data/STYLE.md): 陵政办发〔2022〕22号 -> Ling Zheng Ban Fa [2022] No. 22
    # Optional so that a freshly imported notice validates; English pages then show the Chinese number alone.
    number_en: Annotated[str, Field(pattern=NUMBER_EN)] | None = None
    issuer: Line
    title: Line
    issued: date
    printed: date
    release: Line
    recipients: Line
    body: Text
    copied_to: Line
    plans: list[AsciiId] = Field(min_length=1)
    editor_notes: list[Note] = []
    # "pending": English fields may be empty (a fresh import); the site shows the Chinese on English pages,
    # with a notice, and `check` lists every untranslated field as a warning
    english: Literal["pending"] | None = None
    # the file under data/source/ holding this document's verbatim text (default: the 2022-22 notice)
    source: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+\.txt$")] | None = None

    def cited_number(self, lang: str) -> str:
        """The number as a reader of the language cites it, as plain text: in English the cited form with the
        official Chinese beside it ("Ling Zheng Ban Fa [2022] No. 22 (陵政办发〔2022〕22号)"), or the Chinese alone
        while there is no English form."""
        if lang == "zh" or not self.number_en:
            return self.number
        return f"{self.number_en} ({self.number})"


class Unit(Translated):
    id: AsciiId
    name: Line
    aliases: list[ChineseLine] = []
    members: list[AsciiId] = []


class UnitRegistry(Strict):
    units: list[Unit] = Field(min_length=1)


class Term(Translated):
    id: AsciiId
    zh: ChineseLine
    en: EnglishLine
    explanation: Note


class Glossary(Strict):
    terms: list[Term] = []
