"""Rewrite a CSL style so citeproc-py renders it as the CSL 1.0.2 specification says.

citeproc-py implements CSL 1.0 but misses a few later or subtler rules that current styles rely on.
Each rewrite below turns one such construct into an equivalent that citeproc-py does handle, so the
style definition still decides the output. The style files themselves are never edited.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from lxml import etree

NS = "http://purl.org/net/xbiblio/csl"
_Q = f"{{{NS}}}"
# Private-use characters around a title the style sets in title case (see `_mark_title_case`).
TITLE_CASE_OPEN = "\ue030"
TITLE_CASE_CLOSE = "\ue031"
_TITLE_VARIABLES = ("title", "title-short")


def adapt_style(path: Path) -> BytesIO:
    tree = etree.parse(str(path), etree.XMLParser(remove_comments=True, no_network=True))
    root = tree.getroot()
    _honour_initialize_false(root)
    _guard_labels(root)
    _drop_disambiguate_branches(root)
    _mark_title_case(root)
    return BytesIO(etree.tostring(tree, xml_declaration=True, encoding="utf-8"))


def _honour_initialize_false(root: etree._Element) -> None:
    """CSL 1.0.1 `initialize="false"`: keep full given names even though `initialize-with` is inherited.

    citeproc-py ignores the attribute and initialises every given name. The style-wide
    `initialize-with` is moved down onto each `cs:name` that does not opt out, which says the same
    thing in CSL 1.0 terms. (Styles that also set it on cs:citation or cs:bibliography are left alone.)
    """
    names = list(root.iter(f"{_Q}name"))
    if not any(n.get("initialize") == "false" for n in names):
        return
    if any(s.get("initialize-with") is not None for s in root.iter(f"{_Q}citation", f"{_Q}bibliography")):
        return
    inherited = root.get("initialize-with")
    if inherited is None:
        return
    del root.attrib["initialize-with"]
    for name in names:
        if "initialize-with" not in name.attrib and name.get("initialize") != "false":
            name.set("initialize-with", inherited)


def _guard_labels(root: etree._Element) -> None:
    """A `cs:label` prints only when its variable has a value (CSL spec, "Label").

    citeproc-py prints the term regardless ("Edition" with no edition). Each label of an ordinary
    variable is wrapped in a `cs:choose` that tests the variable first.
    """
    for label in list(root.iter(f"{_Q}label")):
        variable = label.get("variable")
        if not variable or variable == "locator":
            continue
        parent = label.getparent()
        if parent is None:  # the root itself: nothing to wrap it in
            continue
        choose = etree.Element(f"{_Q}choose")
        branch = etree.SubElement(choose, f"{_Q}if", variable=variable)
        choose.tail = label.tail
        parent.replace(label, choose)
        label.tail = None
        branch.append(label)


def _drop_disambiguate_branches(root: etree._Element) -> None:
    """`disambiguate="true"` holds only when two cited items would otherwise look alike.

    We always cite one item, so the test is false; citeproc-py has not implemented it and treats it as
    true (MLA then repeats the title in every in-text citation). Branches that need it are removed.
    """
    for branch in list(root.iter(f"{_Q}if", f"{_Q}else-if")):
        if branch.get("disambiguate") != "true":
            continue
        tests = [k for k in branch.attrib if k not in ("disambiguate", "match")]
        match = branch.get("match", "all")
        if tests and match in ("any", "none"):
            del branch.attrib["disambiguate"]  # a false test changes neither "any" nor "none"
            continue
        following, parent = branch.getnext(), branch.getparent()
        if parent is None:
            continue
        if branch.tag == f"{_Q}if" and following is not None:
            following.tag = f"{_Q}if"  # the next branch now comes first (an else becomes an always-true if)
        parent.remove(branch)


def _mark_title_case(root: etree._Element) -> None:
    """`text-case="title"` on the title: the style decides where a title is set in title case, and
    we do the casing (`title_case.headline_case`, with the style's own minor words).

    citeproc-py's title case misses most of the rules the styles rely on: it capitalises every
    preposition of four letters or more ("Flows Through"), both halves of a hyphenated prefix, and
    never a last word that is a minor one; CMOS, MLA and APA each keep their own list of minor words,
    which CSL cannot say. The attribute is removed and the element wrapped in a group whose affixes
    mark the title in the rendered output; the formatter cases the marked text and drops the marks.
    """
    for text in list(root.iter(f"{_Q}text")):
        if text.get("variable") not in _TITLE_VARIABLES or text.get("text-case") != "title":
            continue
        del text.attrib["text-case"]
        group = etree.Element(f"{_Q}group", prefix=TITLE_CASE_OPEN, suffix=TITLE_CASE_CLOSE)
        parent = text.getparent()
        if parent is None:
            continue
        group.tail = text.tail
        text.tail = None
        parent.replace(text, group)
        group.append(text)
