"""The drawings pk-excel writes: the notes' VML boxes (and the user's VML bound to its namespaces), the text of
a note's runs, Ringkasan's bar chart (`chart_xml`) and the drawing that anchors it (`drawing_xml`).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from .cellref import col_letter
from .marking import quote_sheet
from .package import NS_R
from .xmltext import escape

if TYPE_CHECKING:  # pragma: no cover
    from .summary import ChartPlan

VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{block}"/></o:shapelayout>'
)
VML_TYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def vml_shape(shape_id: int, row: int, col: int, height: int) -> str:
    """The hidden note box of the cell at (row, col), 1-based."""
    rows = max(3, height // 20)
    return (
        f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
        f'margin-top:1.5pt;width:320px;height:{height}px;z-index:1;visibility:hidden" fillcolor="#ffffe1" '
        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        '<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>'
        f"<x:SizeWithCells/><x:Anchor>{col}, 15, {max(row - 2, 0)}, 10, {col + 4}, 15, {row - 1 + rows}, 4"
        f"</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column>"
        "</x:ClientData></v:shape>"
    )


def comment_runs(inner: str, p: str) -> str:
    """The user's note text (the inside of <text>) as runs, so ours can follow as one more run."""
    inner = re.sub(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>|<(?:\w+:)?phoneticPr\b[^>]*/>", "", inner, flags=re.S)
    if re.search(r"<(?:\w+:)?r[\s>]", inner):
        return inner
    return f"<{p}r>{inner}</{p}r>" if inner.strip() else ""


_VML_NS = {
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "x": "urn:schemas-microsoft-com:office:excel",
}


def bind_vml(vml: str) -> str:
    """Declare the prefixes v:, o:, x: our note shapes use on the drawing's root (openpyxl writes its
    VML with ns0:, ns1:, ... for the same namespaces)."""
    root = re.search(r"<xml\b[^>]*>", vml)
    if root is None:
        return vml
    tag = root.group(0)
    extra = "".join(f' xmlns:{k}="{v}"' for k, v in _VML_NS.items() if f"xmlns:{k}=" not in tag)
    if not extra:
        return vml
    return vml[: root.start()] + tag[:-1] + extra + ">" + vml[root.end() :]


def comment_plain(inner: str) -> str:
    """The plain text of a note (the inside of <text>), as Excel shows it."""
    inner = re.sub(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", "", inner, flags=re.S)
    texts = re.findall(r"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>|<(?:\w+:)?t\b[^>]*/>", inner, re.S)
    return _unescape_x("".join(html.unescape(t) for t in texts))


def _unescape_x(text: str) -> str:
    if "_x" not in text:
        return text
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)




def _ref(title: str, col: int, r0: int, r1: int | None = None) -> str:
    letter = col_letter(col)
    return f"{quote_sheet(title)}!${letter}${r0}" + (f":${letter}${r1}" if r1 is not None else "")


def chart_xml(plan: ChartPlan, title: str, head: int) -> str:
    """A chartSpace for `plan` (`summary.ChartPlan`) whose data sits on sheet `title` from row `head`."""
    first, last = head + 1, head + len(plan.rows)

    def str_cache(values: list[Any]) -> str:
        pts = "".join(f'<c:pt idx="{i}"><c:v>{escape(str(v))}</c:v></c:pt>' for i, v in enumerate(values))
        return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'

    def num_cache(values: list[Any]) -> str:
        pts = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
        return f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{pts}</c:numCache>'

    cats = [r[0] for r in plan.rows]

    def series(idx: int, col: int, extra: str = "") -> str:
        values = [r[col - 1] for r in plan.rows]
        return (
            f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/>'
            f"<c:tx><c:strRef><c:f>{escape(_ref(title, col, head))}</c:f>{str_cache([plan.header[col - 1]])}</c:strRef></c:tx>"
            f"{extra}"
            f"<c:cat><c:strRef><c:f>{escape(_ref(title, 1, first, last))}</c:f>{str_cache(cats)}</c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>{escape(_ref(title, col, first, last))}</c:f>{num_cache(values)}</c:numRef></c:val>"
            "</c:ser>"
        )

    def rich(text: str) -> str:
        return (
            "<c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>"
            f"{escape(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/>"
        )

    # Horizontal bars, the first at the top (categories maxMin, the value axis crossing at the far end so it
    # stays below), each bar's value at its end (a 0% bar still shows "0"), no axis title, no legend.
    labels = (
        '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )
    blue = '<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
    bar = (
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f"{series(0, 2, blue)}{labels}"
        '<c:gapWidth val="60"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
    )
    small = '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="id-ID"/></a:p></c:txPr>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{NS_R}"><c:roundedCorners val="0"/><c:chart>'
        f'<c:title>{rich(plan.title)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f"{bar}"
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{small}<c:crossAx val="100"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="10"/>'
        '<c:crosses val="max"/><c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    )


def drawing_xml(rid: str, col: int, row: int, width_cm: float, height_cm: float) -> str:
    """One chart anchored at (col, row), 0-based, of the given size."""
    emu = 360_000
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row>"
        f'<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{int(width_cm * emu)}" cy="{int(height_cm * emu)}"/>'
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Grafik pk-excel"/>'
        '<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '</xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="{NS_R}" r:id="{rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>'
        "</xdr:oneCellAnchor></xdr:wsDr>"
    )

