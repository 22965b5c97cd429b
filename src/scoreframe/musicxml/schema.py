"""Validate MusicXML against the official MusicXML 4.0 XSD, offline.

The schema imports ``xml.xsd`` and ``xlink.xsd`` from www.musicxml.org; a resolver answers
those two from small stand-ins kept in this module (the attributes MusicXML uses from each
namespace, as the official files define them), and the parser never touches the network.

The MusicXML 4.0 XSD itself is looked for, in order: the ``schema`` argument;
``scoreframe/schemas/musicxml.xsd`` if shipped with the package; the ``musicxml`` package from
PyPI (``pip install musicxml``), which carries it as ``generate_classes/musicxml_4_0.xsd``.
Parsing the schema takes a second or so; it is parsed once per path and cached.

>>> from lxml import etree
>>> doc = etree.fromstring(
...     b'<score-partwise version="4.0"><part-list><score-part id="P1">'
...     b'<part-name>Piano</part-name></score-part></part-list><part id="P1"/></score-partwise>')
>>> check(doc)
(SchemaIssue(line=7, message="Element 'part': Missing child element(s). Expected is ( measure )."),)
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeAlias, cast

from lxml import etree

from ..errors import ExportError, MissingDependencyError

Document: TypeAlias = "etree._ElementTree | etree._Element | bytes | str | os.PathLike[str]"
"""What :func:`check` and :func:`validate` read: a tree, an element, XML bytes or a file path
(``.musicxml``, ``.xml`` or ``.mxl``)."""

_XML_XSD = b"""<?xml version="1.0"?>
<xs:schema targetNamespace="http://www.w3.org/XML/1998/namespace"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xml:lang="en">
  <xs:attribute name="lang">
    <xs:simpleType>
      <xs:union memberTypes="xs:language">
        <xs:simpleType>
          <xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction>
        </xs:simpleType>
      </xs:union>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="space">
    <xs:simpleType>
      <xs:restriction base="xs:NCName">
        <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
</xs:schema>
"""

_XLINK_XSD = b"""<?xml version="1.0"?>
<xs:schema targetNamespace="http://www.w3.org/1999/xlink" elementFormDefault="qualified"
    attributeFormDefault="qualified" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:attribute name="href" type="xs:anyURI"/>
  <xs:attribute name="type">
    <xs:simpleType>
      <xs:restriction base="xs:NMTOKEN"><xs:enumeration value="simple"/></xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="role" type="xs:token"/>
  <xs:attribute name="title" type="xs:token"/>
  <xs:attribute name="show">
    <xs:simpleType>
      <xs:restriction base="xs:NMTOKEN">
        <xs:enumeration value="new"/><xs:enumeration value="replace"/>
        <xs:enumeration value="embed"/><xs:enumeration value="other"/>
        <xs:enumeration value="none"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
  <xs:attribute name="actuate">
    <xs:simpleType>
      <xs:restriction base="xs:NMTOKEN">
        <xs:enumeration value="onRequest"/><xs:enumeration value="onLoad"/>
        <xs:enumeration value="other"/><xs:enumeration value="none"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:attribute>
</xs:schema>
"""

_STAND_INS = {"xml.xsd": _XML_XSD, "xlink.xsd": _XLINK_XSD}


class _LocalResolver(etree.Resolver):
    """Answers the schema's imports of xml.xsd and xlink.xsd from the stand-ins above."""

    # lxml-stubs leave out the ``context`` argument lxml passes.
    def resolve(  # type: ignore[override]
        self, system_url: str | None, public_id: str | None, context: Any
    ) -> Any:
        name = (system_url or "").rsplit("/", 1)[-1]
        text = _STAND_INS.get(name)
        return None if text is None else self.resolve_string(text, context, base_url=system_url)


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One complaint: the document line (0 when unknown) and the validator's message."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def find_schema() -> Path:
    """The MusicXML 4.0 XSD on this machine (see the module docstring for the search order)."""
    shipped = Path(__file__).resolve().parent.parent / "schemas" / "musicxml.xsd"
    if shipped.is_file():
        return shipped
    spec = importlib.util.find_spec("musicxml")
    if spec is not None and spec.origin is not None:
        found = Path(spec.origin).parent / "generate_classes" / "musicxml_4_0.xsd"
        if found.is_file():
            return found
    raise MissingDependencyError(
        "the MusicXML 4.0 schema was not found; install it with 'pip install musicxml' "
        "or pass schema=PATH to the official musicxml.xsd"
    )


def _safe_parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        no_network=True, load_dtd=False, resolve_entities=False, huge_tree=True
    )
    parser.resolvers.add(_LocalResolver())
    return parser


@lru_cache(maxsize=4)
def load_schema(schema: str | None = None) -> etree.XMLSchema:
    """The parsed schema at ``schema`` (default: :func:`find_schema`), cached per path."""
    path = Path(schema) if schema is not None else find_schema()
    try:
        return etree.XMLSchema(etree.parse(str(path), _safe_parser()))
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as error:
        raise ExportError(f"cannot load the MusicXML schema {path}: {error}") from None


def _tree(document: Document) -> etree._ElementTree:
    """The document as a tree with source lines (trees built in memory are re-read)."""
    if isinstance(document, etree._ElementTree | etree._Element):
        data = etree.tostring(document, pretty_print=True)
    elif isinstance(document, bytes):
        data = document
    else:
        from ..reading import read_file

        path = Path(document)
        data = read_file(path)
        if path.suffix.lower() == ".mxl":
            from .container import read_mxl

            data = read_mxl(data, str(path))[1]
    return etree.ElementTree(etree.fromstring(data, _safe_parser()))


def check(
    document: Document, *, schema: str | os.PathLike[str] | None = None
) -> tuple[SchemaIssue, ...]:
    """Every schema complaint about ``document`` (empty when it is valid MusicXML 4.0).

    A document that is not well-formed XML gives one issue at the line of the syntax error.
    """
    try:
        tree = _tree(document)
    except etree.XMLSyntaxError as error:
        return (SchemaIssue(error.lineno or 0, f"not well-formed XML: {error.msg}"),)
    compiled = load_schema(None if schema is None else str(schema))
    if compiled.validate(tree):
        return ()
    entries = cast("Iterable[Any]", compiled.error_log)  # lxml-stubs: not declared iterable
    return tuple(SchemaIssue(e.line, e.message) for e in entries)


def validate(
    document: Document, *, schema: str | os.PathLike[str] | None = None, limit: int = 10
) -> None:
    """Raise :class:`~scoreframe.errors.ExportError` listing (up to ``limit``) schema issues.

    >>> validate(b"<score-partwise version='4.0'><part-list/></score-partwise>")
    Traceback (most recent call last):
    ...
    scoreframe.errors.ExportError: not valid MusicXML 4.0 (2 issues):
      line 1: Element 'part-list': Missing child element(s). Expected is one of ( part-group, ...
      line 1: Element 'score-partwise': Missing child element(s). Expected is ( part ).
    """
    issues = check(document, schema=schema)
    if not issues:
        return
    more = f"\n  ... and {len(issues) - limit} more" if len(issues) > limit else ""
    listed = "\n".join(f"  {issue}" for issue in issues[:limit])
    count = f"{len(issues)} issue{'s' if len(issues) > 1 else ''}"
    raise ExportError(f"not valid MusicXML 4.0 ({count}):\n{listed}{more}")
