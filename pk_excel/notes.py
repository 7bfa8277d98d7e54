"""pk-excel's notes in a sheet's comments part and VML: written merged with the user's own notes (the user's
text first, then `marks.NOTE_SEPARATOR`, then ours; signed by `NOTE_AUTHOR`), each new one with its box in the
VML part the sheet's `<legacyDrawing>` names (or a VML part of pk-excel's own); and taken out again on a second
run (`strip_notes`: the user's text and author come back, boxes of notes that were only ours go).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .cellref import col_letter, split
from .drawings import VML_HEAD, VML_TYPE, bind_vml, comment_plain, comment_runs, vml_shape
from .marking import merge_note, note_height
from .marks import NOTE_AUTHOR
from .package import CT_COMMENTS, CT_VML, NS_MAIN, REL_COMMENTS, REL_VML, Package, Pieces
from .sheetpatch import SheetEdits
from .workbookxml import Workbook
from .xmltext import attrs, prefixed, text_xml

if TYPE_CHECKING:  # pragma: no cover
    from .bookdata import SheetData
    from .opc import Rel


def write_notes(pkg: Package, data: SheetData, cells: dict[tuple[int, int], str], ed: SheetEdits,
                recs: dict[str, dict[str, str]], wbk: Workbook) -> None:  # fmt: skip
    """Put pk-excel's note text `cells[(row, col)]` on each cell of sheet `data`: merged into the user's note
    where there is one (its record in `recs` learns the user's author), else a new note with its box. Raises
    PkError("corrupt") for a comments part that is not well-formed."""
    rels = pkg.rels(data.part)
    comments_part = next((r.part for r in rels if r.type.endswith("/comments")), None)
    vml_part = notes_vml(pkg, data.part, rels)
    threaded = any(r.type.endswith("/threadedComment") for r in rels)
    existing: dict[tuple[int, int], tuple[re.Match, str]] = {}
    authors: list[str] = []
    xml = None
    p = ""  # the prefix of the comments part's main namespace
    if comments_part and pkg.has(comments_part):
        xml = pkg.checked_text(comments_part)
        root = re.search(r"<(\w+:)?comments\b", xml)
        p = (root.group(1) or "") if root else ""
        authors = [html.unescape(a) for a in re.findall(r"<(?:\w+:)?author>(.*?)</(?:\w+:)?author>", xml, re.S)]
        for m in re.finditer(r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>", xml, re.S):
            a = attrs(m.group(1))
            try:
                existing[split(a.get("ref", ""))] = (m, a.get("authorId", "0"))
            except ValueError:
                continue
    if NOTE_AUTHOR in authors:
        pk_id = authors.index(NOTE_AUTHOR)
    else:
        authors.append(NOTE_AUTHOR)
        pk_id = len(authors) - 1
    replaced: dict[int, str] = {}  # start offset of an existing comment -> its new XML
    new_comments: list[str] = []
    new_shapes: list[tuple[int, int, int]] = []
    for (r, c), ours in sorted(cells.items()):
        coord = f"{col_letter(c)}{r}"
        old = existing.get((r, c))
        if old is not None:
            m, author_id = old
            if threaded:
                continue  # a threaded comment's note is a placeholder: leave it, the finding is on Temuan
            inner = re.search(r"<(?:\w+:)?text\b[^>]*>(.*)</(?:\w+:)?text>", m.group(2), re.S)
            user_inner = inner.group(1) if inner else ""
            user = comment_plain(user_inner)
            text = merge_note(user, ours)
            if text is None:
                continue
            try:
                author = authors[int(author_id)]
            except (ValueError, IndexError):
                author = ""
            if coord in recs:
                recs[coord]["author"] = author
            tail = text[len(user.rstrip("\n")) :]
            ours_run = prefixed(f'<r><t xml:space="preserve">{text_xml(tail)}</t></r>', p)
            body = comment_runs(user_inner, p) + ours_run
            # The user's comment element keeps its attributes (Excel's xr:uid); only author and text change.
            head = re.sub(r'\bauthorId=["\'][^"\']*["\']', f'authorId="{pk_id}"', m.group(0)[: m.start(2) - m.start()])
            replaced[m.start()] = f"{head}<{p}text>{body}</{p}text></{p}comment>"
            continue
        text = merge_note(None, ours) or ours
        new_comments.append(
            prefixed(
                f'<comment ref="{coord}" authorId="{pk_id}"><text><t xml:space="preserve">{text_xml(text)}</t>'
                "</text></comment>",
                p,
            )
        )
        new_shapes.append((r, c, note_height(text)))
    if not replaced and not new_comments:
        return
    if xml is not None:
        # Edit the part in place: its root keeps every namespace the kept comments use (xr:, mc:Ignorable).
        # Comments first: `replaced` is keyed by their offsets in the part as read.
        if replaced:
            xml = re.sub(
                r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>",
                lambda m: replaced.get(m.start(), m.group(0)),
                xml,
                flags=re.S,
            )
        xml = _with_authors(xml, p, authors)
        added = "".join(new_comments)
        if added:
            close = re.search(r"</(?:\w+:)?commentList>", xml)
            if close is not None:
                xml = xml[: close.start()] + added + xml[close.start() :]
            else:
                xml = re.sub(r"<((?:\w+:)?commentList)\b([^>]*)/>", lambda m: f"<{m.group(1)}{m.group(2)}>{added}</{m.group(1)}>", xml, count=1)
        assert comments_part is not None  # xml was read from it
        pkg.put(comments_part, xml)
    else:
        comments_part = pkg.free("xl/comments{}.xml")
        pkg.put(
            comments_part,
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<comments xmlns="{NS_MAIN}"><authors>{_authors_xml("", authors)}</authors>'
            f"<commentList>{''.join(new_comments)}</commentList></comments>",
        )
        pkg.add_override(comments_part, CT_COMMENTS)
        pkg.add_rel(data.part, REL_COMMENTS, comments_part)
    if not new_shapes:
        return
    if vml_part and pkg.has(vml_part):
        vml = pkg.read(vml_part).decode("utf-8", "replace")
        ids = [int(x) for x in re.findall(r"_x0000_s(\d+)", vml)]
        idmap = re.search(r"""<\w+:idmap\b[^>]*\bdata=["'](\d+)""", vml)
        start = max(ids, default=int(idmap.group(1)) * 1024 if idmap else 1024) + 1
        shapes = "".join(vml_shape(start + i, r, c, h) for i, (r, c, h) in enumerate(new_shapes))
        if "_x0000_t202" not in vml:
            shapes = VML_TYPE + shapes
        vml = bind_vml(vml)
        end = vml.rindex("</xml>")
        pkg.put(vml_part, vml[:end] + shapes + vml[end:])
    else:
        block = 100 + wbk.titles.index(data.title) if data.title in wbk.titles else 100
        vml_part = pkg.free("xl/drawings/vmlDrawingPk{}.vml")

        def boxes() -> Iterator[str]:  # made when the package is written: a box per note, never held
            yield VML_HEAD.format(block=block) + VML_TYPE
            for i, (r, c, h) in enumerate(new_shapes):
                yield vml_shape(block * 1024 + 1 + i, r, c, h)
            yield "</xml>"

        pkg.put(vml_part, Pieces(boxes, 700 * len(new_shapes) + 1000))
        pkg.add_default("vml", CT_VML)
        ed.legacy_rid = pkg.add_rel(data.part, REL_VML, vml_part)


_LEGACY_DRAWING = re.compile(r"<(?:\w+:)?legacyDrawing\b([^>]*)>")


def notes_vml(pkg: Package, part: str, rels: list[Rel]) -> str | None:
    """The VML part holding the notes' boxes of sheet `part`: the one its `<legacyDrawing>` names. A sheet's
    other VML relationship (`<legacyDrawingHF>`, the header and footer pictures) is not for notes."""
    data = pkg.utf8(part)
    # <legacyDrawing> comes after sheetData (schema order): looked for there, not through every row.
    m = _LEGACY_DRAWING.search(data[max(data.rfind(b"sheetData>"), 0) :].decode("utf-8"))
    if m is None:
        return None
    rid = next((v for k, v in attrs(m.group(1)).items() if k == "id" or k.endswith(":id")), None)
    return next((r.part for r in rels if r.id == rid and r.type.endswith("/vmlDrawing")), None)


def _authors_xml(p: str, authors: list[str]) -> str:
    return "".join(f"<{p}author>{text_xml(a)}</{p}author>" for a in authors)


def _with_authors(xml: str, p: str, authors: list[str]) -> str:
    """The comments part with its list of authors replaced by `authors`."""
    return re.sub(
        r"<(?:\w+:)?authors\b[^>]*?(?:/>|>.*?</(?:\w+:)?authors>)",
        lambda m: f"<{p}authors>{_authors_xml(p, authors)}</{p}authors>",
        xml,
        count=1,
        flags=re.S,
    )



def strip_notes(pkg: Package, data: SheetData, recs: dict[str, dict[str, str]], separator: str) -> None:
    """Take pk-excel's notes out of sheet `data`: a note it joined goes back to the user's text and author
    (from `recs`), a note only of pk-excel's goes with its VML box."""
    rels = pkg.rels(data.part)
    comments_part = next((r.part for r in rels if r.type.endswith("/comments")), None)
    vml_part = notes_vml(pkg, data.part, rels)
    if not comments_part or not pkg.has(comments_part):
        return
    xml = pkg.checked_text(comments_part)
    root = re.search(r"<(\w+:)?comments\b", xml)
    p = (root.group(1) or "") if root else ""
    authors = [html.unescape(a) for a in re.findall(r"<(?:\w+:)?author>(.*?)</(?:\w+:)?author>", xml, re.S)]
    if NOTE_AUTHOR not in authors:
        return
    pk_id = str(authors.index(NOTE_AUTHOR))
    dropped: list[tuple[int, int]] = []
    sep = text_xml(separator)

    def fix(m: re.Match) -> str:
        a = attrs(m.group(1))
        if a.get("authorId") != pk_id:
            return m.group(0)
        coord = a.get("ref", "")
        body = m.group(2)
        cut = body.find(sep) if sep else -1
        if cut < 0:
            cut = body.find(separator)
        if cut < 0:
            try:
                dropped.append(split(coord))
            except ValueError:
                pass
            return ""
        run_start = body.rfind(f"<{p}r>", 0, cut)
        user = body[:run_start] if run_start >= 0 else body[:cut]
        user = re.sub(r"<(?:\w+:)?text\b[^>]*>", "", user)
        author = (recs.get(coord) or {}).get("author") or ""
        if author not in authors:
            authors.append(author)
        head = m.group(0)[: m.start(2) - m.start()]
        head = re.sub(r"""\bauthorId=["'][^"']*["']""", f'authorId="{authors.index(author)}"', head)
        return f"{head}<{p}text>{user}</{p}text></{p}comment>"

    xml = re.sub(r"<(?:\w+:)?comment\b([^>]*)>(.*?)</(?:\w+:)?comment>", fix, xml, flags=re.S)
    pkg.put(comments_part, _with_authors(xml, p, authors))
    if dropped and vml_part and pkg.has(vml_part):
        vml = pkg.read(vml_part).decode("utf-8", "replace")
        gone = {(r - 1, c - 1) for r, c in dropped}

        def drop_shape(m: re.Match) -> str:
            row = re.search(r"<\w+:Row>(\d+)</\w+:Row>", m.group(0))
            col = re.search(r"<\w+:Column>(\d+)</\w+:Column>", m.group(0))
            if row and col and (int(row.group(1)), int(col.group(1))) in gone:
                return ""
            return m.group(0)

        pkg.put(vml_part, re.sub(r"<(\w+):shape\b[^>]*>.*?</\1:shape>", drop_shape, vml, flags=re.S))
