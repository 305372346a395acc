"""A placeholder's effective text style, resolved along PowerPoint's chain: layout placeholder,
master placeholder, the master's text styles, the presentation's defaults, PowerPoint's own;
and what LibreOffice's templates show only in sample text."""

from __future__ import annotations

from typing import Any

from lxml import etree

from lectern.deck_template import colours as c
from lectern.deck_template.styles import text_style

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
PALETTE = c.Palette({"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F2A44", "lt2": "EEEEEE",
                     "accent1": "C0392B", "accent2": "FF7F50"}, dict(c.DEFAULT_MAP))
WHITE = c.Tone(1.0, 1.0, "FFFFFF")
THEME = f"""<a:theme {NS}><a:themeElements><a:fontScheme name="x">
<a:majorFont><a:latin typeface="Cambria"/><a:ea typeface="MS Mincho"/><a:cs typeface=""/>
</a:majorFont><a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>
</a:minorFont></a:fontScheme></a:themeElements></a:theme>"""
MASTER = f"""<p:sldMaster {NS}><p:cSld><p:spTree>
<p:sp><p:nvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>
<p:txBody><a:bodyPr anchor="b" lIns="0"/><a:lstStyle/><a:p/></p:txBody></p:sp>
<p:sp><p:nvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>
<p:txBody><a:bodyPr tIns="91440"><a:normAutofit fontScale="85000" lnSpcReduction="10000"/>
</a:bodyPr><a:lstStyle/><a:p/></p:txBody></p:sp></p:spTree></p:cSld>
<p:txStyles><p:titleStyle><a:lvl1pPr algn="ctr"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc>
<a:defRPr sz="4000" b="1"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>
<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/></a:defRPr></a:lvl1pPr></p:titleStyle>
<p:bodyStyle><a:lvl1pPr marL="228600" indent="-228600"><a:spcBef><a:spcPts val="1000"/>
</a:spcBef><a:buFont typeface="Arial"/><a:buChar char="&#8226;"/>
<a:defRPr sz="2800"/></a:lvl1pPr><a:lvl2pPr marL="685800"><a:buNone/>
<a:defRPr sz="2400"/></a:lvl2pPr></p:bodyStyle><p:otherStyle/></p:txStyles></p:sldMaster>"""
PRESENTATION = f"""<p:presentation {NS}><p:defaultTextStyle><a:lvl1pPr>
<a:defRPr sz="1600" i="1"/></a:lvl1pPr></p:defaultTextStyle></p:presentation>"""


def _xml(text: str) -> Any:
    return etree.fromstring(text)


def _holder(master: Any, kind: str) -> Any:
    return next(sp for sp in master.iter("{*}sp")
                if sp.find(".//{*}ph") is not None and sp.find(".//{*}ph").get("type") == kind)


def _layout_holder(lst: str = "", body_pr: str = "<a:bodyPr/>") -> Any:
    return _xml(f"<p:sp {NS}><p:txBody>{body_pr}<a:lstStyle>{lst}</a:lstStyle><a:p/>"
                "</p:txBody></p:sp>")


def test_a_title_inherits_from_the_masters_title_style_and_the_theme() -> None:
    master = _xml(MASTER)
    layout = _layout_holder('<a:lvl1pPr><a:defRPr><a:solidFill><a:srgbClr val="FF7F50"/>'
                            "</a:solidFill></a:defRPr></a:lvl1pPr>")
    style = text_style((layout, _holder(master, "title")), master, _xml(PRESENTATION),
                       _xml(THEME), PALETTE, "ctrTitle", WHITE)
    level = style.first
    # Italic comes from the presentation's defaults, the last in the chain.
    assert (level.size, level.bold, level.italic, level.align) == (40.0, True, True, "ctr")
    assert (level.font.typeface, level.font.measure, level.ea) == ("Cambria", "caladea",
                                                                    "MS Mincho")
    # The layout's colour wins over the master's; it is rated against the background.
    assert (level.colour.scheme, level.colour.rgb) == ("FF7F50", "FF7F50")
    assert 2.3 < level.colour.contrast < 2.5
    assert level.line_spacing.pct == 0.9 and level.explicit == ()
    assert style.anchor == "b" and style.insets == (0, 45720, 91440, 45720)
    assert style.autofit == "none"


def test_a_body_inherits_bullets_spacing_insets_and_autofit() -> None:
    master = _xml(MASTER)
    layout = _layout_holder(body_pr='<a:bodyPr anchor="ctr"/>')
    style = text_style((layout, _holder(master, "body")), master, _xml(PRESENTATION),
                       _xml(THEME), PALETTE, "obj", WHITE)
    first, second = style.levels[:2]
    assert (first.size, first.font.typeface, first.italic) == (28.0, "Arial", True)
    assert (first.bullet.kind, first.bullet.char, first.bullet.typeface) == ("char", "•",
                                                                             "Arial")
    assert (first.margin, first.indent, first.space_before.points) == (228600, -228600, 10.0)
    assert (second.size, second.bullet.kind, second.margin) == (24.0, "none", 685800)
    assert (first.colour.scheme, first.colour.contrast) == ("tx1", 21.0)
    assert (style.anchor, style.insets) == ("ctr", (91440, 91440, 91440, 45720))
    assert (style.autofit, style.font_scale, style.spacing_reduction) == ("norm", 0.85, 0.1)
    assert style.level(12) == style.levels[8]


def test_text_boxes_take_the_presentations_defaults() -> None:
    master = _xml(MASTER)
    style = text_style((), master, _xml(PRESENTATION), _xml(THEME), PALETTE, "", WHITE)
    assert (style.first.size, style.first.italic, style.first.font.typeface) == (16.0, True,
                                                                                 "Arial")
    bare = text_style((), None, None, None, PALETTE, "", WHITE)
    assert (bare.first.size, bare.first.align, bare.first.bullet.kind) == (18.0, "l", "none")
    assert bare.insets == (91440, 45720, 91440, 45720) and bare.anchor == "t"


def test_what_only_sample_text_shows_is_marked_for_writing() -> None:
    """LibreOffice keeps a master's styles in its placeholders' sample paragraphs."""
    master = _xml(f"""<p:sldMaster {NS}><p:cSld><p:spTree><p:sp><p:nvSpPr><p:nvPr>
<p:ph type="title"/></p:nvPr></p:nvSpPr><p:txBody><a:bodyPr/><a:p><a:pPr algn="ctr"/>
<a:r><a:rPr sz="2700" b="1"><a:solidFill><a:srgbClr val="2C3E50"/></a:solidFill>
<a:latin typeface="Arial"/></a:rPr><a:t>Click to edit</a:t></a:r></a:p></p:txBody></p:sp>
</p:spTree></p:cSld></p:sldMaster>""")
    style = text_style((_holder(master, "title"),), master, None, None, PALETTE, "title",
                       WHITE)
    level = style.first
    assert (level.size, level.bold, level.align, level.colour.rgb) == (27.0, True, "ctr",
                                                                       "2C3E50")
    assert set(level.explicit) == {"size", "bold", "align", "colour", "font"}
