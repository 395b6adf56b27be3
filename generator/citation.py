"""How an item is cited: the formal reference in Chinese and in English, its permalinks, a fingerprint of its
official Chinese wording, and a QR code of the permalink. Everything is computed here; the partial template
`_citation.md.j2` only prints it.

- The formal Chinese reference follows the rule for citing official documents (title first, then the document
  number; the title of a 公文 includes its issuing office), then names the plan the notice issued and the numbered
  task, or the ledger (with its attachment number where the plan numbers it) and its row.
- Permalinks are absolute: the public origin comes from the SITE_URL environment variable, with the same default as
  `site_url` in mkdocs.yml, so the generator never reads MkDocs configuration.
- The fingerprint identifies the wording a letter cited: the first 8 hex digits of the SHA-256 of the item's official
  Chinese wording (task: title, text, responsible units as printed; ledger row: measure, deadline, responsible units
  as printed), each field in Unicode NFC with all whitespace removed, joined by line feeds, UTF-8. Translations,
  editor's notes and layout do not change it; any change to an official character does.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import segno

from .index import Item, SiteIndex
from .prose_dates import prose_date
from .site_url import DEFAULT_SITE_URL, absolute, site_url  # noqa: F401  (re-exported)

FINGERPRINT_LENGTH = 8
WHITESPACE = re.compile(r"\s+")
QR_FOLDER = "cite/qr"  # inside the default language's folder, so served at /cite/qr/…




def normalise(text: str) -> str:
    return WHITESPACE.sub("", unicodedata.normalize("NFC", text))


def official_wording(item: Item) -> list[str]:
    """The fields of the official Chinese text that make up what a citation of this item refers to."""
    if item.kind == "task":
        return [item.task_title.zh, item.text.zh, item.responsible]
    return [item.text.zh, *(d.words for d in item.deadlines), item.responsible]


def fingerprint(item: Item) -> str:
    canonical = "\n".join(normalise(field) for field in official_wording(item))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _ledger_attachment(item: Item) -> int | None:
    """The attachment number under which the plan lists its ledger (the water plan: 附件2), if it does."""
    titles = [normalise(a.zh) for a in item.plan.attachments]
    title = normalise(item.plan.ledger.title.zh)
    return titles.index(title) + 1 if title in titles else None


def citation_zh(item: Item) -> str:
    """《陵川县人民政府办公室关于印发…的通知》（陵政办发〔2022〕22号，2022年6月14日）印发的《…行动计划》重点任务第15项“…”."""
    document, plan = item.bundle.document, item.plan
    issued = f"{document.issued.year}年{document.issued.month}月{document.issued.day}日"
    head = f"《{document.title.zh}》（{document.number}，{issued}）印发的《{plan.title.zh}》"
    if item.kind == "task":
        return f"{head}{plan.tasks_heading.zh}第{item.number}项“{item.task_title.zh}”"
    attachment = _ledger_attachment(item)
    where = f"附件{attachment}" if attachment else "所附"
    return f"{head}{where}《{plan.ledger.title.zh}》第{item.number}项"


def citation_en(item: Item) -> str:
    """“Notice of …” (Ling Zheng Ban Fa [2022] No. 22, 陵政办发〔2022〕22号, June 14, 2022), “… Action Plan …”, Key
    tasks, no. 15 (“…”): the English number an English letter can cite, the official Chinese beside it."""
    document, plan = item.bundle.document, item.plan
    issued = prose_date(document.issued, "en")
    number = f"{document.number_en}, {document.number}" if document.number_en else document.number
    head = f"“{document.title.en}” ({number}, {issued}), “{plan.title.en}”"
    if item.kind == "task":
        return f"{head}, {plan.tasks_heading.en}, no. {item.number} (“{item.task_title.en}”)"
    attachment = _ledger_attachment(item)
    where = f"Annex {attachment}: " if attachment else ""
    return f"{head}, {where}“{plan.ledger.title.en}”, row {item.number}"


@functools.lru_cache(maxsize=None)
def _qr_code(target: str) -> segno.QRCode:
    """Encoding (segno tries all 8 masks) is most of the generator's time when no code is cached (qr_cache)."""
    return segno.make(target, error="m", micro=False)


class _QRCache:
    """QR codes as SVG by what they encode and show. Encoding was two thirds of a generation in which nothing changed,
    so `build` keeps the codes between runs in a file beside docs/ (generated/qr-cache.json, never published): a
    code is made again only for a new permalink or label. `check` uses the codes in memory only and writes nothing.
    The key holds segno's version and the drawing settings, so a new segno or new settings start afresh."""

    def __init__(self):
        self.svg: dict[str, str] = {}
        self.used: set[str] = set()

    @staticmethod
    def key(target: str, label: str, inline: bool) -> str:
        return f"segno {segno.__version__}|m|scale 3|border 2|{'inline' if inline else 'file'}|{label}|{target}"


_CACHE = _QRCache()


@contextlib.contextmanager
def qr_cache(path: Path):
    """Within: QR codes come from (and new ones go to) the cache file at `path`; on leaving, the file is rewritten
    with the codes this run used, if they differ from what it held (so it never grows with stale permalinks)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        stored = {}  # a damaged cache is rebuilt, never an error
    if not isinstance(stored, dict):
        stored = {}
    for key, value in stored.items():
        _CACHE.svg.setdefault(key, value)
    _CACHE.used = set()
    yield
    wanted = {key: _CACHE.svg[key] for key in sorted(_CACHE.used)}
    if wanted != stored:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{path.name}.new")
        staged.write_text(json.dumps(wanted, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        staged.replace(path)


def qr_svg(target: str, label: str, inline: bool) -> str:
    """A QR code of `target` as SVG: inline markup (role img, named by its <title>) or a standalone file."""
    key = _CACHE.key(target, label, inline)
    _CACHE.used.add(key)
    if key in _CACHE.svg:
        return _CACHE.svg[key]
    code = _qr_code(target)
    markup = code.svg_inline(scale=3, border=2, title=label, svgclass="qr", lineclass=None, omitsize=inline)
    if inline:
        markup = markup.replace("<svg ", '<svg role="img" ', 1)
    else:
        markup = markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1) + "\n"
    _CACHE.svg[key] = markup
    return markup


def qr_label(target: str, lang: str) -> str:
    return f"二维码：{target}" if lang == "zh" else f"QR code: {target}"


@dataclass(frozen=True)
class Citation:
    id: str
    fingerprint: str
    citation: dict[str, str]     # zh, en
    url: dict[str, str]          # site-root-relative, zh, en
    permalink: dict[str, str]    # absolute, zh, en

    def qr(self, lang: str) -> str:
        return qr_svg(self.permalink[lang], qr_label(self.permalink[lang], lang), inline=True)

    def record(self) -> dict:
        return {"id": self.id, "fingerprint": self.fingerprint, "citation": self.citation, "url": self.url,
                "permalink": self.permalink}


def cite(item: Item) -> Citation:
    origin = site_url()
    urls = {lang: item.url(lang) for lang in ("zh", "en")}
    return Citation(item.id, fingerprint(item), {"zh": citation_zh(item), "en": citation_en(item)}, urls,
                    {lang: origin + value.lstrip("/") for lang, value in urls.items()})


def qr_path(root_relative: str) -> str:
    """Where the QR file of a page lives inside the default language's folder: '/en/units/x/' ->
    'cite/qr/en/units/x/qr.svg' (served at /cite/qr/en/units/x/qr.svg; overrides/partials/ prints it)."""
    return f"{QR_FOLDER}/{root_relative.lstrip('/')}qr.svg"


def citation_files(index: SiteIndex, page_urls: list[str]) -> dict[str, str]:
    """Files for the default language's folder: a QR code of every page and citations.json of every item."""
    files = {}
    for page_url in page_urls:
        lang = "en" if page_url.startswith("/en/") else "zh"
        files[qr_path(page_url)] = qr_svg(absolute(page_url), qr_label(absolute(page_url), lang), inline=False)
    records = [cite(item).record() for item in index.items]
    files["cite/citations.json"] = json.dumps(
        {"site_url": site_url(), "fingerprint": "sha256-8 of the official Chinese wording; see /about/#fingerprint",
         "items": records}, ensure_ascii=False, indent=1) + "\n"
    return files

