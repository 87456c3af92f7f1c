"""Offline validator of griffie's open-data exports against the published standards.

Why this exists: griffie's own tests check what griffie means to write; this checks, from
outside and with the standards' own schemas, that what a harvester or an archive receives is
valid. KOOP's Woo index harvests DiWoo sitemaps, Open Overheid reads the mini-ORI API, and an
archive ingests ORI-A with MDTO. CI has no internet, so every schema and value list is a
vendored copy in tests/standards/ (see README.md there), and remote schema locations are mapped
to those copies; any attempt to fetch a remote resource is refused (xmlschema `allow='local'`).

Usage:
    validate SITE_DIR... [--ori-a EXPORT_DIR]...

For each SITE_DIR:
  a. robots.txt lists every sitemapindex-diwoo-infocatNNN.xml; each index is valid against
     siteindex.xsd and its sitemaps against sitemap.xsd with the DiWoo 0.9.8 schema loaded (so
     the diwoo:Document inside <url> is validated strictly); limits of 50,000 URLs and 50 MB;
     every <loc> is https and resolves to a file of the site (a PDF for a document).
  b. rules the XSD cannot express: resource URIs present and labelled as in the TOOI lists,
     the index's category matches each document's informatiecategorie, atTime has a time and
     creatiedatum is a date.
  c. api/ori/*.json are list pages of the mini-ORI API 1.0.0 (the OpenAPI components converted
     to JSON Schema), each result valid against its component.
For each --ori-a EXPORT_DIR:
  d. ORI-A files valid against ORI-A 1.0.1, MDTO files against MDTO 1.0.1, and each MDTO
     bestand's checksum and size match the file it describes.

Prints per check what it validated, and every failure as `FAIL file:line: reason`. Exits 1 on
any failure, 2 on a usage error, 0 otherwise.
"""

from __future__ import annotations

import copy
import csv
import datetime
import functools
import hashlib
import json
import re
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import jsonschema
import referencing
import referencing.jsonschema
import xmlschema
import yaml
from lxml import etree

HERE = Path(__file__).resolve().parent

# Namespaces.
SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
MDTO = "https://www.nationaalarchief.nl/mdto"
ORIA = "https://ori-a.nl"

# The vendored files.
SITEINDEX_XSD = HERE / "sitemaps.org/siteindex.xsd"
SITEMAP_XSD = HERE / "sitemaps.org/sitemap.xsd"
DIWOO_XSD = HERE / "diwoo/0.9.8/diwoo-metadata.xsd"
DIWOO_LISTS_XSD = HERE / "diwoo/0.9.8/diwoo-metadata-lijsten.xsd"
MDTO_XSD = HERE / "mdto/MDTO-XML1.0.1.xsd"
ORIA_XSD = HERE / "ori-a/ORI-A-v1.0.1.xsd"
ORI_API_YAML = HERE / "ori-api/mini-ORI-API-v1.0.0-openapi.yaml"
WAARDELIJSTEN_JSON = HERE / "tooi/diwoo-0.9.8-waardelijsten.json"
INFOCAT_CSV = HERE / "tooi/informatiecategorieen.csv"
INFOCAT_JSONLD = HERE / "tooi/scw_woo_informatiecategorieen_3.json"

# Remote schema locations named inside the vendored XSDs, mapped to the local copies.
URI_MAP = {
    "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd": MDTO_XSD.as_uri(),
}

# sitemaps.org limits, for sitemaps and sitemap indexes alike.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024

GEMEENTE_PREFIX = "https://identifier.overheid.nl/tooi/id/gemeente/"
INDEX_NAME = re.compile(r"^sitemapindex-diwoo-infocat(\d{3})\.xml$")
DATETIME_WITH_TIME = re.compile(
    r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$"
)
DATE_ONLY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$")

# At most this many schema errors are printed per file; the rest are counted.
MAX_ERRORS_PER_FILE = 20

XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)


# --------------------------------------------------------------------------------------------
# Reporting


class Report:
    """Collects failures and prints the per-check summaries."""

    def __init__(self) -> None:
        self.failures = 0

    def fail(self, path: Path | str, line: int | None, reason: str) -> None:
        self.failures += 1
        where = f"{path}:{line}" if line else f"{path}"
        print(f"FAIL {where}: {reason}")

    def ok(self, text: str) -> None:
        print(f"  {text}")


def local(tag: str) -> str:
    """The local name of a Clark-notation tag ('{ns}name' -> 'name')."""
    return tag.rsplit("}", 1)[-1]


def parse_xml(report: Report, path: Path):
    """Parses an XML file with lxml (for line numbers); reports and returns None if it fails."""
    try:
        return etree.parse(str(path), XML_PARSER)
    except (etree.XMLSyntaxError, OSError) as err:
        line = getattr(err, "lineno", None)
        report.fail(path, line, f"not well-formed XML: {err}")
        return None


def report_schema_errors(report: Report, path: Path, schema, source, what: str) -> int:
    """Validates `source` (an lxml tree or element) against `schema`; reports each error."""
    count = 0
    for err in schema.iter_errors(source):
        count += 1
        if count <= MAX_ERRORS_PER_FILE:
            where = f" at {err.path}" if err.path else ""
            reason = re.sub(
                r"value must be one of \[.*\]", "value is not in its list", str(err.reason)
            )
            report.fail(path, err.sourceline, f"not valid against {what}{where}: {reason}")
    if count > MAX_ERRORS_PER_FILE:
        report.fail(path, None, f"... and {count - MAX_ERRORS_PER_FILE} more errors against {what}")
    return count


# --------------------------------------------------------------------------------------------
# Schemas (built once, from the local copies only)


class Schemas:
    """The XML schemas, built lazily; a build never reaches the network."""

    _cache: ClassVar[dict[str, xmlschema.XMLSchema10]] = {}

    @classmethod
    def _build(cls, key: str, path: Path, locations=None) -> xmlschema.XMLSchema10:
        if key not in cls._cache:
            cls._cache[key] = xmlschema.XMLSchema10(
                str(path), locations=locations, allow="local", uri_mapper=URI_MAP
            )
        return cls._cache[key]

    @classmethod
    def siteindex(cls):
        return cls._build("siteindex", SITEINDEX_XSD)

    @classmethod
    def sitemap_diwoo(cls):
        """sitemap.xsd with the DiWoo schema (and MDTO, which it imports) in the same maps."""
        return cls._build("sitemap", SITEMAP_XSD, locations=[(DIWOO, str(DIWOO_XSD))])

    @classmethod
    def diwoo(cls):
        return cls._build("diwoo", DIWOO_XSD)

    @classmethod
    def mdto(cls):
        return cls._build("mdto", MDTO_XSD)

    @classmethod
    def oria(cls):
        return cls._build("oria", ORIA_XSD)


def url_wildcard_is_strict() -> bool:
    """Whether sitemap.xsd's <xsd:any namespace="##other"> in <url> validates strictly.

    The vendored file says processContents="strict", so validating a sitemap with the DiWoo
    schema loaded checks each diwoo:Document completely. Were it lax or skip, the checker
    validates each diwoo:Document against the DiWoo schema itself (see check_sitemap).
    """
    content = Schemas.sitemap_diwoo().types["tUrl"].content
    for particle in content.iter_model():
        if isinstance(particle, xmlschema.validators.XsdAnyElement):
            return particle.process_contents == "strict"
    return False


# --------------------------------------------------------------------------------------------
# TOOI value lists


class Tooi:
    """The labels of the TOOI value lists used by DiWoo 0.9.8, and the infocat numbering."""

    def __init__(self) -> None:
        # list name (the XSD simpleType, e.g. 'documentsoortlijst') -> {uri: label}
        self.lists: dict[str, dict[str, str]] = {}
        with open(WAARDELIJSTEN_JSON, encoding="utf-8") as f:
            for name, body in json.load(f).items():
                self.lists[name] = {v["uri"]: v["label"] for v in body["values"]}
        # The organisation lists are not in the JSON extract: read them from the XSD, where each
        # enumeration's first dita:p is its label.
        tree = etree.parse(str(DIWOO_LISTS_XSD), XML_PARSER)
        xs = "{http://www.w3.org/2001/XMLSchema}"
        for simple in tree.getroot().iter(f"{xs}simpleType"):
            name = simple.get("name")
            if not name or name in self.lists:
                continue
            values = {}
            for enum in simple.iter(f"{xs}enumeration"):
                paragraphs = [p for p in enum.iter() if local(p.tag) == "p"]
                values[enum.get("value")] = (paragraphs[0].text or "").strip() if paragraphs else ""
            self.lists[name] = values
        self.infocat = infocat_numbering()

    def label(self, list_names: set[str], uri: str) -> str | None:
        """The label of `uri` in the first of `list_names` that has it, else None."""
        for name in sorted(list_names):
            if uri in self.lists.get(name, {}):
                return self.lists[name][uri]
        return None


SHACL_ORDER = "http://www.w3.org/ns/shacl#order"


def infocat_numbering() -> dict[int, dict[str, str]]:
    """infocatNNN -> the TOOI information category, from tooi/informatiecategorieen.csv.

    The rule (checked here against the TOOI list itself): NNN is the category's place in Woo
    art. 3.3 -- lid 1 a..e are 001..005, lid 2 a..l are 006..017 -- which is its sh:order in
    scw_woo_informatiecategorieen v3 divided by ten, minus 100 (1010 -> 001, 1170 -> 017).
    infocat018 (art. 3.1, c_816e508d) is OpenCatalogi's, not confirmed by KOOP: not accepted.
    """
    numbering: dict[int, dict[str, str]] = {}
    with open(INFOCAT_CSV, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            match = re.fullmatch(r"sitemapindex-diwoo-infocat(\d{3})\.xml", row["sitemapindex"])
            if match:
                numbering[int(match.group(1))] = row
    with open(INFOCAT_JSONLD, encoding="utf-8") as f:
        orders = {
            c["@id"]: int(c[SHACL_ORDER][0]["@value"]) for c in json.load(f) if SHACL_ORDER in c
        }
    for number, row in numbering.items():
        if orders.get(row["uri"], 0) // 10 - 100 != number:
            raise SystemExit(f"vendored TOOI lists disagree on infocat{number:03d} ({row['uri']})")
    return numbering


@functools.cache
def coded_elements() -> dict[str, set[str]]:
    """DiWoo element local name -> the value list(s) its `resource` attribute draws from.

    Read from the DiWoo XSD rather than written down: every element whose type carries a
    `resource` attribute, with the simpleType that attribute restricts (a union such as
    organisatielijst stands for its member lists; geidentificeerdDocument is free text).
    """
    document = Schemas.sitemap_diwoo().maps.elements[f"{{{DIWOO}}}Document"]
    found: dict[str, set[str]] = defaultdict(set)
    seen: set[int] = set()

    def list_names(simple) -> set[str]:
        while simple.name is None and simple.base_type is not None:
            simple = simple.base_type
        if simple.name is None:
            return set()
        if getattr(simple, "member_types", None):
            names: set[str] = set()
            for member in simple.member_types:
                names |= list_names(member)
            return names
        return {local(simple.name)}

    def walk(element) -> None:
        if id(element) in seen or not element.name or not element.name.startswith("{" + DIWOO):
            return
        seen.add(id(element))
        xtype = element.type
        if not xtype.is_complex():
            return
        attribute = xtype.attributes.get("resource")
        if attribute is not None:
            found[local(element.name)] |= list_names(attribute.type)
        if xtype.has_complex_content():
            for child in xtype.content.iter_elements():
                walk(child)

    walk(document)
    return dict(found)


# --------------------------------------------------------------------------------------------
# Site files and URLs


class Site:
    """A built site: its files, and the mapping of its public URLs to them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        # The public base (scheme://host/path/) found from the first resolved URL: every URL of
        # one site must share it.
        self.base: str | None = None

    def resolve(self, url: str) -> tuple[Path | None, str]:
        """The file a URL names, or None with a reason.

        A URL maps to the file whose site-relative path is the longest suffix of the URL's
        path, so a site published under a base path (https://host/raad/) resolves too. A path
        ending in '/' names that folder's index.html.
        """
        parts = urlsplit(url)
        if parts.scheme != "https":
            return None, f"'{url}' is not an https URL"
        if not parts.netloc:
            return None, f"'{url}' has no host"
        path = unquote(parts.path)
        if path.endswith("/") or path == "":
            path += "index.html"
        segments = path.lstrip("/").split("/")
        for i in range(len(segments)):
            relative = "/".join(segments[i:])
            if relative in self.files:
                prefix = "/".join(segments[:i])
                base = f"https://{parts.netloc}/{prefix + '/' if prefix else ''}"
                if self.base is None:
                    self.base = base
                elif base != self.base:
                    return None, f"'{url}' is under {base}, the site's other URLs under {self.base}"
                return self.root / relative, ""
        return None, f"'{url}' names no file of the site"


# --------------------------------------------------------------------------------------------
# a. robots.txt, sitemap indexes and sitemaps


def diwoo_indexes(site: Site) -> list[Path]:
    return sorted(site.root.glob("sitemapindex-diwoo-infocat*.xml"))


def check_robots(report: Report, site: Site, indexes: list[Path]) -> None:
    """robots.txt lists every DiWoo sitemap index as `Sitemap: https://...`, and only files."""
    robots = site.root / "robots.txt"
    if not robots.is_file():
        report.fail(robots, None, f"missing, but the site has {len(indexes)} DiWoo sitemap indexes")
        return
    listed: set[Path] = set()
    lines = resolved = 0
    text = robots.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        field, sep, value = line.split("#", 1)[0].partition(":")
        if not sep or field.strip().lower() != "sitemap":
            continue
        lines += 1
        target, reason = site.resolve(value.strip())
        if target is None:
            report.fail(robots, number, f"Sitemap line: {reason}")
        else:
            resolved += 1
            listed.add(target)
    for index in indexes:
        if index not in listed:
            report.fail(robots, None, f"has no 'Sitemap: https://...' line for {index.name}")
    report.ok(
        f"robots.txt: {lines} Sitemap lines, {resolved} resolve to files of the site; "
        f"{sum(i in listed for i in indexes)} of {len(indexes)} DiWoo sitemap indexes listed"
    )


def check_size(report: Report, path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        report.fail(path, None, f"{size} bytes, over the sitemaps.org limit of {MAX_BYTES}")


def check_index(report: Report, site: Site, index: Path, counts: dict) -> list[Path]:
    """Validates one DiWoo sitemap index; returns the sitemap files it lists."""
    check_size(report, index)
    tree = parse_xml(report, index)
    if tree is None:
        return []
    report_schema_errors(report, index, Schemas.siteindex(), tree, "siteindex.xsd")
    locs = tree.getroot().findall(f"{{{SM}}}sitemap/{{{SM}}}loc")
    if len(locs) > MAX_URLS:
        report.fail(index, None, f"{len(locs)} sitemaps, over the limit of {MAX_URLS}")
    sitemaps = []
    for loc in locs:
        target, reason = site.resolve((loc.text or "").strip())
        if target is None:
            report.fail(index, loc.sourceline, f"<sitemap><loc>: {reason}")
        else:
            sitemaps.append(target)
    counts["indexes"] += 1
    return sitemaps


@dataclass
class Sitemap:
    """One DiWoo sitemap being checked: where to report, and what its documents must match."""

    report: Report
    site: Site
    path: Path
    category: dict | None  # the category of the index that lists it (a row of the infocat CSV)
    tooi: Tooi
    counts: dict

    def fail(self, element, reason: str) -> None:
        self.report.fail(self.path, element.sourceline, reason)


def check_sitemap(sitemap: Sitemap) -> None:
    """Validates one DiWoo sitemap, its <loc> targets, and the DiWoo rules on its documents."""
    report, path, counts = sitemap.report, sitemap.path, sitemap.counts
    check_size(report, path)
    tree = parse_xml(report, path)
    if tree is None:
        return
    report_schema_errors(
        report, path, Schemas.sitemap_diwoo(), tree, "sitemap.xsd with DiWoo 0.9.8"
    )
    urls = tree.getroot().findall(f"{{{SM}}}url")
    if len(urls) > MAX_URLS:
        report.fail(path, None, f"{len(urls)} <url>, over the sitemaps.org limit of {MAX_URLS}")
    strict = url_wildcard_is_strict()
    for url in urls:
        counts["urls"] += 1
        loc = url.find(f"{{{SM}}}loc")
        if loc is not None:
            target, reason = sitemap.site.resolve((loc.text or "").strip())
            if target is None:
                sitemap.fail(loc, f"<url><loc>: {reason}")
            elif not is_pdf(target):
                sitemap.fail(
                    loc,
                    f"<url><loc> names {target.relative_to(sitemap.site.root)}, which is not a "
                    "PDF (a DiWoo <loc> points at the document file itself)",
                )
            else:
                counts["pdfs"] += 1
        documents = url.findall(f"{{{DIWOO}}}Document")
        if not strict:
            for document in documents:
                report_schema_errors(report, path, Schemas.diwoo(), document, "DiWoo 0.9.8")
        rule_url_has_diwoo(sitemap, url, documents)
        for document in documents:
            counts["documents"] += 1
            for rule in DIWOO_RULES:
                rule(sitemap, document)


def is_pdf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(5) == b"%PDF-"


# --------------------------------------------------------------------------------------------
# b. DiWoo rules the XSD cannot express; each reports with the file and line of the element


def rule_url_has_diwoo(sitemap: Sitemap, url, documents) -> None:
    """Each <url> of a DiWoo sitemap carries exactly one diwoo:Document with diwoo:DiWoo."""
    if len(documents) != 1:
        sitemap.fail(url, f"<url> has {len(documents)} diwoo:Document, not 1")
    elif documents[0].find(f"{{{DIWOO}}}DiWoo") is None:
        sitemap.fail(url, "diwoo:Document has no diwoo:DiWoo metadata")


def rule_resources(sitemap: Sitemap, document) -> None:
    """Every coded element has a `resource`, from its value list, with that resource's label.

    Organisations under .../tooi/id/gemeente/ are checked for the URI's shape (gmNNNN) only;
    references to documents (geidentificeerdDocument) need a non-empty resource only.
    Labels compare with runs of whitespace collapsed, case-sensitively.
    """
    coded = coded_elements()
    for element in document.iter(f"{{{DIWOO}}}*"):
        name = local(element.tag)
        if name not in coded:
            continue
        sitemap.counts["coded"] += 1
        lists = coded[name]
        resource = element.get("resource")
        label = " ".join((element.text or "").split())
        if resource is None or not resource.strip():
            sitemap.fail(
                element,
                f"<diwoo:{name}> '{label}' has no resource attribute "
                f"(a harvester needs the URI from {', '.join(sorted(lists))})",
            )
        elif lists == {"geidentificeerdDocument"}:
            continue
        elif resource.startswith(GEMEENTE_PREFIX):
            if not re.fullmatch(re.escape(GEMEENTE_PREFIX) + r"gm\d{4}", resource):
                sitemap.fail(
                    element, f"<diwoo:{name}> resource '{resource}' is not {GEMEENTE_PREFIX}gmNNNN"
                )
            elif "gemeentelijst" not in lists:
                sitemap.fail(element, f"<diwoo:{name}> cannot be a gemeente")
        else:
            expected = sitemap.tooi.label(lists, resource)
            if expected is None:
                sitemap.fail(
                    element,
                    f"<diwoo:{name}> resource '{resource}' is in none of "
                    + ", ".join(sorted(lists)),
                )
            elif label != " ".join(expected.split()):
                sitemap.fail(
                    element,
                    f"<diwoo:{name}> label '{label}' is not the label of {resource}: "
                    f"expected '{expected}'",
                )


def rule_category_matches_index(sitemap: Sitemap, document) -> None:
    """A document listed under sitemapindex-diwoo-infocatNNN.xml has that category."""
    category = sitemap.category
    if category is None:
        return
    elements = list(document.iter(f"{{{DIWOO}}}informatiecategorie"))
    found = [e.get("resource") for e in elements]
    if category["uri"] not in found:
        sitemap.fail(
            elements[0] if elements else document,
            f"document listed under {category['sitemapindex']} ({category['tooi_code']}, "
            f"'{category['label_diwoo_xsd_0.9.8']}') has informatiecategorie "
            f"{', '.join(str(f) for f in found) or 'none'}",
        )


def rule_attime_has_time(sitemap: Sitemap, document) -> None:
    """diwoo:atTime is a dateTime with a time (YYYY-MM-DDThh:mm:ss, optional zone)."""
    for element in document.iter(f"{{{DIWOO}}}atTime"):
        text = (element.text or "").strip()
        if not DATETIME_WITH_TIME.match(text) or not valid_date(text[:10]):
            sitemap.fail(element, f"<diwoo:atTime> '{text}' is not a dateTime with a time")


def rule_creatiedatum_is_date(sitemap: Sitemap, document) -> None:
    """diwoo:creatiedatum is a date without a time (YYYY-MM-DD, optional zone)."""
    for element in document.iter(f"{{{DIWOO}}}creatiedatum"):
        text = (element.text or "").strip()
        if not DATE_ONLY.match(text) or not valid_date(text[:10]):
            sitemap.fail(
                element, f"<diwoo:creatiedatum> '{text}' is not a date (YYYY-MM-DD, without time)"
            )


def valid_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
        return True
    except ValueError:
        return False


DIWOO_RULES = [
    rule_resources,
    rule_category_matches_index,
    rule_attime_has_time,
    rule_creatiedatum_is_date,
]


def check_diwoo(report: Report, site: Site, tooi: Tooi) -> bool:
    """Checks a and b for one site; returns whether the site has DiWoo sitemap indexes."""
    indexes = diwoo_indexes(site)
    if not indexes:
        report.ok("DiWoo: no sitemapindex-diwoo-infocat*.xml at the site root, nothing to check")
        return False
    check_robots(report, site, indexes)
    counts: dict[str, int] = defaultdict(int)
    seen: set[Path] = set()
    for index in indexes:
        match = INDEX_NAME.match(index.name)
        category = tooi.infocat.get(int(match.group(1))) if match else None
        if category is None:
            report.fail(
                index,
                None,
                "not a harvested name: sitemapindex-diwoo-infocatNNN.xml with NNN "
                "001..017 (see tests/standards/README.md)",
            )
        for sitemap in check_index(report, site, index, counts):
            if sitemap in seen:
                report.fail(index, None, f"lists {sitemap.name}, already listed by another index")
            seen.add(sitemap)
            counts["sitemaps"] += 1
            check_sitemap(Sitemap(report, site, sitemap, category, tooi, counts))
    report.ok(
        f"DiWoo sitemap indexes: {counts['indexes']} checked against siteindex.xsd, "
        f"listing {counts['sitemaps']} sitemaps"
    )
    report.ok(
        f"DiWoo sitemaps: {counts['sitemaps']} checked against sitemap.xsd + DiWoo 0.9.8 "
        f"({'strict' if url_wildcard_is_strict() else 'lax: diwoo:Document validated apart'}); "
        f"{counts['urls']} <url>, {counts['pdfs']} resolve to PDFs"
    )
    report.ok(
        f"DiWoo rules: {counts['documents']} diwoo:Document, {counts['coded']} coded elements "
        "(resource and TOOI label), category of the index, atTime, creatiedatum"
    )
    return True


# --------------------------------------------------------------------------------------------
# c. the mini-ORI API 1.0.0, as static list pages


# The OpenAPI document's own address, for the JSON Schema registry built over it.
ORI_API_URI = "urn:griffie:standards:mini-ori-api-1.0.0"


class OriApi:
    """The mini-ORI API's component schemas, converted from OpenAPI 3.0 to JSON Schema.

    Conversion (OpenAPI 3.0's schema object is a variant of JSON Schema draft 5):
      - `nullable: true` allows null (adds "null" to `type`, or wraps in anyOf when no type);
      - siblings of a `$ref` are dropped, as OpenAPI 3.0 ignores them (Draft 7 does too);
      - `readOnly` stays an annotation: a readOnly property still has to be valid, and present
        when required (these are responses);
      - boolean exclusiveMinimum/Maximum become numbers; `example` and x- keys are dropped.
    `$ref: '#/components/schemas/X'` resolves in a registry that holds the whole converted
    document. The spec's defects (README.md, "Defects in the ORI API specification") are
    handled in `repair`, each in one documented way.
    """

    def __init__(self) -> None:
        with open(ORI_API_YAML, encoding="utf-8") as f:
            self.spec = yaml.safe_load(f)
        self.defects: list[str] = []
        document = copy.deepcopy(self.spec)
        schemas = document["components"]["schemas"]
        for name in list(schemas):
            schemas[name] = convert(schemas[name])
        self.repair(schemas)
        self.registry = referencing.Registry().with_resource(
            ORI_API_URI,
            referencing.Resource.from_contents(
                document, default_specification=referencing.jsonschema.DRAFT7
            ),
        )
        self.schemas = schemas

    def repair(self, schemas: dict) -> None:
        """Finds the spec's defects, and makes each checkable in a documented way."""
        for name, schema in schemas.items():
            properties = schema.get("properties", {})
            for required in schema.get("required", []):
                if required not in properties:
                    # e.g. InformatieObject requires 'pid' and never defines it: it must be there,
                    # as a non-empty string (the persistent identifier Open Overheid assigns).
                    properties[required] = {"type": "string", "minLength": 1}
                    schema["properties"] = properties
                    self.defects.append(f"{name} requires '{required}', which it never defines")
            if name.startswith("Paginated") and "required" not in schema:
                # The list pages require nothing, so {} would be a valid page: a page must at
                # least have its results.
                schema["required"] = ["results"]
                self.defects.append(f"{name} requires no property; 'results' is required here")
        # A $ref to a component that does not exist (none in 1.0.0) accepts any value there,
        # and is reported as a defect on every run, so it cannot pass unnoticed.
        for name, schema in schemas.items():
            schemas[name] = self.drop_missing_refs(schema, set(schemas))

    def drop_missing_refs(self, node, names: set[str]):
        if isinstance(node, list):
            return [self.drop_missing_refs(n, names) for n in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.removeprefix("#/components/schemas/") not in names:
            self.defects.append(f"$ref '{ref}' names no component; any value is accepted there")
            return {}
        return {k: self.drop_missing_refs(v, names) for k, v in node.items()}

    def list_files(self) -> dict[str, str]:
        """api/ori/<name>.json -> its list component: GET /<name>'s 200 response schema."""
        files = {}
        for path, operations in self.spec["paths"].items():
            if "{" in path or "get" not in operations:
                continue
            response = operations["get"]["responses"].get(200) or operations["get"][
                "responses"
            ].get("200")
            ref = response["content"]["application/json"]["schema"]["$ref"]
            files[path.strip("/") + ".json"] = ref.removeprefix("#/components/schemas/")
        return files

    def validator(self, schema: dict) -> jsonschema.Draft7Validator:
        return jsonschema.Draft7Validator(
            schema, registry=self.registry, format_checker=FORMAT_CHECKER
        )

    def ref(self, component: str) -> dict:
        return {"$ref": f"{ORI_API_URI}#/components/schemas/{component}"}


def convert(schema):
    """One OpenAPI 3.0 schema object -> JSON Schema (Draft 7), recursively."""
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return {"$ref": schema["$ref"]}
    out = {}
    for key, value in schema.items():
        if key in ("example", "nullable", "discriminator", "xml", "externalDocs", "deprecated"):
            continue
        if key.startswith("x-"):
            continue
        if key == "properties":
            out[key] = {name: convert(sub) for name, sub in value.items()}
        elif key in ("items", "not") or (key == "additionalProperties" and isinstance(value, dict)):
            out[key] = convert(value)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [convert(sub) for sub in value]
        else:
            out[key] = value
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if out.get(bound) is True:
            out[bound] = out.pop(limit)
        elif out.get(bound) is False:
            del out[bound]
    if schema.get("nullable") is True:
        if "type" in out:
            out["type"] = [out["type"], "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


# Formats, checked here rather than by optional packages: OpenAPI's date and date-time are
# RFC 3339's (a date-time has a time and a zone), uri is absolute, uuid is the 8-4-4-4-12 form.
FORMAT_CHECKER = jsonschema.FormatChecker(formats=())


@FORMAT_CHECKER.checks("date")
def _is_date(value) -> bool:
    return not isinstance(value, str) or (
        bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and valid_date(value)
    )


@FORMAT_CHECKER.checks("date-time")
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    pattern = r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})"
    if not re.fullmatch(pattern, value):
        return False
    try:
        datetime.datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        return True
    except ValueError:
        return False


@FORMAT_CHECKER.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value):
        return False
    parts = urlsplit(value)
    return parts.scheme not in ("http", "https") or bool(parts.netloc)


@FORMAT_CHECKER.checks("uuid")
def _is_uuid(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return str(uuid.UUID(value)) == value.lower() and len(value) == 36
    except ValueError:
        return False


def explain(err: jsonschema.ValidationError) -> str:
    """The error's message, and for a failed oneOf/anyOf the closest branch's reason."""
    if err.context:
        closest = jsonschema.exceptions.best_match(err.context)
        return f"{err.message}; closest: {closest.message}"
    return err.message


def json_path(prefix: str, parts) -> str:
    """'results[0]' + ['vergaderingen', 1, 'id'] -> 'results[0].vergaderingen[1].id'."""
    out = prefix
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".") or "the page"


def check_ori_api(report: Report, site: Site, api: OriApi, required: bool, tooi: Tooi) -> None:
    """Validates api/ori/*.json: list pages, their results, and what the spec only describes."""
    objects: dict[str, list[tuple[Path, int, dict]]] = {}
    incomplete: set[str] = set()  # components with a page that could not be read
    summary = []
    for name, list_component in sorted(api.list_files().items()):
        path = site.root / "api/ori" / name
        if not path.is_file():
            if required:
                reason = "missing: a site with DiWoo sitemaps publishes the mini-ORI API lists"
                report.fail(path, None, reason)
            continue
        component, items, pages, complete = read_list(report, site, api, path, list_component)
        objects[component] = items
        if not complete:
            incomplete.add(component)
        summary.append(f"{name}: {len(items)} {component} in {pages} pages")
    if objects:
        files = rule_object_files(report, site, objects)
        rule_ori_api_consistent(report, objects, incomplete, tooi)
        summary.append(f"{files} object files (each object's url) equal to the list's objects")
        report.ok("mini-ORI API 1.0.0: " + "; ".join(summary))
    else:
        report.ok("mini-ORI API: no api/ori/*.json, nothing to check")


def read_list(report: Report, site: Site, api: OriApi, first: Path, list_component: str):
    """Reads and validates one collection's pages, following `next` from the first page.

    Each page is checked against the list component without its items, then each item
    against the item component, so that each failure names one result. A page's `previous` is
    the page whose `next` led to it (null on the first page).
    Returns (item component, [(page, index, object)], pages read, whether all were readable).
    """
    list_schema = api.schemas[list_component]
    item_ref = list_schema["properties"]["results"]["items"]["$ref"]
    component = item_ref.removeprefix("#/components/schemas/")
    shallow = copy.deepcopy(list_schema)
    del shallow["properties"]["results"]["items"]
    page_validator = api.validator(shallow)
    item_validator = api.validator(api.ref(component))
    items: list[tuple[Path, int, dict]] = []
    complete = True
    visited: list[Path] = []
    page_path: Path | None = first
    while page_path is not None:
        if page_path in visited:
            report.fail(page_path, None, "the next links loop back to this page")
            break
        previous_page = visited[-1] if visited else None
        visited.append(page_path)
        try:
            page = json.loads(page_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            report.fail(page_path, err.lineno, f"not JSON: {err.msg}")
            return component, items, len(visited), False
        except UnicodeDecodeError as err:
            report.fail(page_path, None, f"not UTF-8: {err}")
            return component, items, len(visited), False
        for err in page_validator.iter_errors(page):
            where = json_path("", err.absolute_path)
            report.fail(page_path, None, f"{where}: {explain(err)} ({list_component})")
        if not isinstance(page, dict) or not isinstance(page.get("results"), list):
            return component, items, len(visited), False
        for i, item in enumerate(page["results"]):
            ident = f" (id {item['id']})" if isinstance(item, dict) and "id" in item else ""
            errors = sorted(item_validator.iter_errors(item), key=lambda e: list(e.absolute_path))
            for err in errors:
                where = json_path(f"results[{i}]", err.absolute_path)
                report.fail(page_path, None, f"{where}{ident}: {explain(err)} ({component})")
            if isinstance(item, dict):
                items.append((page_path, i, item))
        previous = page.get("previous")
        if isinstance(previous, str):
            target, reason = site.resolve(previous)
            expected = previous_page.name if previous_page else "null on the first page"
            if target is None:
                report.fail(page_path, None, f"previous: {reason}")
            elif target != previous_page:
                report.fail(page_path, None, f"previous names {target.name}, expected {expected}")
        elif previous_page is not None:
            report.fail(page_path, None, f"previous: null, expected {previous_page.name}")
        page_path = None
        if isinstance(page.get("next"), str):
            page_path, reason = site.resolve(page["next"])
            if page_path is None:
                report.fail(visited[-1], None, f"next: {reason}")
                complete = False
    return component, items, len(visited), complete


def rule_object_files(report: Report, site: Site, objects: dict) -> int:
    """Each object's `url` is a file of the site holding that same object (the static form of
    GET /<collection>/{id}, whose response is the same component); returns the files read."""
    count = 0
    for items in objects.values():
        for path, i, item in items:
            url = item.get("url")
            if not isinstance(url, str):
                continue
            target, reason = site.resolve(url)
            if target is None:
                report.fail(path, None, f"{at(i, item, 'url')}: {reason}")
                continue
            try:
                same = json.loads(target.read_text(encoding="utf-8")) == item
            except (json.JSONDecodeError, UnicodeDecodeError) as err:
                report.fail(target, None, f"not JSON: {err}")
                continue
            count += 1
            if not same:
                reason = f"{target.relative_to(site.root)} holds another object than the list"
                report.fail(path, None, f"{at(i, item, 'url')}: {reason}")
    return count


def rule_ori_api_consistent(report: Report, objects: dict, incomplete: set, tooi: Tooi) -> None:
    """What the mini-ORI API describes in prose: unique ids, references that resolve, TOOI codes.

    - each object's id is unique within its list;
    - a VerwijzingNaarResource in vergaderingen/agendapunten/hoofd* names an exported object
      (checked against the lists that were read whole);
    - InformatieObject.wooinformatiecategorie is a TOOI information category code (c_...);
    - organisatie.gemeente is a TOOI gemeente code (gmNNNN).
    """
    ids = {
        c: {str(o.get("id")) for _, _, o in items}
        for c, items in objects.items()
        if c not in incomplete
    }
    codes = {row["tooi_code"] for row in tooi.infocat.values()}
    targets = {
        "vergaderingen": "Vergadering",
        "hoofdvergadering": "Vergadering",
        "agendapunten": "Agendapunt",
        "hoofdagendapunt": "Agendapunt",
    }
    for component, items in objects.items():
        seen: set[str] = set()
        for path, i, item in items:
            if "id" in item:
                if str(item["id"]) in seen:
                    report.fail(path, None, f"{at(i, item, 'id')}: not unique in {component}")
                seen.add(str(item["id"]))
            for key, target in targets.items():
                refs = item.get(key)
                refs = refs if isinstance(refs, list) else [refs] if isinstance(refs, dict) else []
                for ref in refs:
                    if not isinstance(ref, dict) or target not in ids:
                        continue
                    if str(ref.get("id")) not in ids[target]:
                        reason = f"no exported {target} has id {ref.get('id')}"
                        report.fail(path, None, f"{at(i, item, key)}: {reason}")
            code = item.get("wooinformatiecategorie")
            if component == "InformatieObject" and isinstance(code, str) and code not in codes:
                reason = f"'{code}' is not a TOOI information category code"
                report.fail(path, None, f"{at(i, item, 'wooinformatiecategorie')}: {reason}")
            organisation = item.get("organisatie")
            gemeente = organisation.get("gemeente") if isinstance(organisation, dict) else None
            if gemeente is not None and not re.fullmatch(r"gm\d{4}", str(gemeente)):
                reason = f"'{gemeente}' is not gmNNNN"
                report.fail(path, None, f"{at(i, item, 'organisatie.gemeente')}: {reason}")


def at(i: int, item: dict, key: str) -> str:
    """Where in a list page: 'results[3].titel (id 3d2a...)'."""
    return f"results[{i}].{key}" + (f" (id {item['id']})" if "id" in item else "")


# --------------------------------------------------------------------------------------------
# d. ORI-A and MDTO


HASHES = {
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "md5",
    "sha3224",
    "sha3256",
    "sha3384",
    "sha3512",
}


def check_ori_a(report: Report, export: Path) -> None:
    """ORI-A files in the folder's root, MDTO files anywhere under it, and MDTO bestand files."""
    if not export.is_dir():
        report.fail(export, None, "not a folder")
        return
    oria_files = []
    for path in sorted(export.glob("*.xml")):
        if path.name.endswith(".ori-a.xml") or root_namespace(path) == ORIA:
            oria_files.append(path)
    if not oria_files:
        report.fail(
            export, None, "has no ORI-A file (*.ori-a.xml, or XML in namespace https://ori-a.nl)"
        )
    for path in oria_files:
        tree = parse_xml(report, path)
        if tree is not None:
            report_schema_errors(report, path, Schemas.oria(), tree, "ORI-A 1.0.1")
    mdto_files = sorted(export.rglob("*.mdto.xml"))
    bestanden = 0
    for path in mdto_files:
        tree = parse_xml(report, path)
        if tree is None:
            continue
        report_schema_errors(report, path, Schemas.mdto(), tree, "MDTO 1.0.1")
        bestand = tree.getroot().find(f"{{{MDTO}}}bestand")
        if bestand is not None:
            bestanden += 1
            check_bestand(report, export, path, bestand)
    report.ok(f"ORI-A files checked against ORI-A 1.0.1: {len(oria_files)}")
    report.ok(
        f"MDTO files checked against MDTO 1.0.1: {len(mdto_files)}, of which bestand with "
        f"omvang and checksum checked against the file: {bestanden}"
    )


def root_namespace(path: Path) -> str | None:
    try:
        for _, element in etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True
        ):
            return etree.QName(element).namespace
    except etree.XMLSyntaxError:
        return None
    return None


def mdto_text(element, name: str) -> str | None:
    child = element.find(f"{{{MDTO}}}{name}")
    return None if child is None or child.text is None else child.text.strip()


def bestand_file(export: Path, mdto_path: Path, bestand) -> tuple[Path | None, list[str]]:
    """The file an MDTO bestand describes; with the candidates tried, in this order:

    1. <URLBestand>: a relative URL from the MDTO file's folder, or an absolute one mapped to
       the file under the export whose path is the longest suffix of the URL's path;
    2. <naam>: a file of that name beside the MDTO file (mdto.py writes the file's basename);
    3. the MDTO file's own name less '.bestand.mdto.xml' (X.pdf.bestand.mdto.xml -> X.pdf).
    """
    tried = []
    candidates: list[Path] = []
    url = mdto_text(bestand, "URLBestand")
    if url:
        parts = urlsplit(url)
        if parts.scheme:
            segments = unquote(parts.path).lstrip("/").split("/")
            for i in range(len(segments)):
                candidates.append(export / "/".join(segments[i:]))
        else:
            candidates.append(mdto_path.parent / unquote(parts.path))
    naam = mdto_text(bestand, "naam")
    if naam and "/" not in naam:
        candidates.append(mdto_path.parent / naam)
    if mdto_path.name.endswith(".bestand.mdto.xml"):
        candidates.append(mdto_path.parent / mdto_path.name.removesuffix(".bestand.mdto.xml"))
    for candidate in candidates:
        tried.append(str(candidate))
        if candidate.is_file() and not candidate.name.endswith(".mdto.xml"):
            return candidate, tried
    return None, tried


def check_bestand(report: Report, export: Path, path: Path, bestand) -> None:
    """An MDTO bestand's omvang and checksums match the file it describes."""
    target, tried = bestand_file(export, path, bestand)
    if target is None:
        report.fail(
            path,
            bestand.sourceline,
            f"bestand: no file found (tried {', '.join(tried) or 'nothing'})",
        )
        return
    omvang = mdto_text(bestand, "omvang")
    size = target.stat().st_size
    if omvang is None or not omvang.isdigit() or int(omvang) != size:
        element = bestand.find(f"{{{MDTO}}}omvang")
        report.fail(
            path,
            element.sourceline if element is not None else bestand.sourceline,
            f"omvang {omvang} is not the size of {target.name}: {size} bytes",
        )
    checksums = bestand.findall(f"{{{MDTO}}}checksum")
    for checksum in checksums:
        algorithm = checksum.find(f"{{{MDTO}}}checksumAlgoritme")
        names = (
            []
            if algorithm is None
            else [mdto_text(algorithm, "begripLabel"), mdto_text(algorithm, "begripCode")]
        )
        keys = [re.sub(r"[^a-z0-9]", "", n.lower()) for n in names if n]
        key = next((k for k in keys if k in HASHES), None)
        recorded = (mdto_text(checksum, "checksumWaarde") or "").lower()
        if key is None:
            report.fail(
                path,
                checksum.sourceline,
                f"checksumAlgoritme '{' / '.join(n for n in names if n)}' is not one this checker "
                "computes (SHA-256, SHA-512, SHA-1, MD5, SHA3-256, ...)",
            )
            continue
        digest = hashlib.new(key if not key.startswith("sha3") else f"sha3_{key[4:]}")
        with open(target, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != recorded:
            report.fail(
                path,
                checksum.sourceline,
                f"checksum {key} of {target.name} is {digest.hexdigest()}, "
                f"the MDTO file records '{recorded}'",
            )


# --------------------------------------------------------------------------------------------


USAGE = "usage: validate SITE_DIR... [--ori-a EXPORT_DIR]..."


def parse_args(argv: list[str]) -> tuple[list[Path], list[Path]]:
    """SITE_DIRs and --ori-a EXPORT_DIRs, in any order; exits 2 on a usage error."""
    sites, exports = [], []
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        elif arg == "--ori-a":
            value = next(args, None)
            if value is None:
                usage_error("--ori-a needs a folder")
            exports.append(Path(value))
        elif arg.startswith("--ori-a="):
            exports.append(Path(arg.split("=", 1)[1]))
        elif arg.startswith("-"):
            usage_error(f"unknown option {arg}")
        else:
            sites.append(Path(arg))
    if not sites and not exports:
        usage_error("no folder to check")
    return sites, exports


def usage_error(reason: str) -> None:
    print(f"{USAGE}\n{reason}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str]) -> int:
    sites, exports = parse_args(argv)
    report = Report()
    tooi = Tooi()
    api = OriApi()
    for root in sites:
        print(f"== site {root}")
        if not root.is_dir():
            report.fail(root, None, "not a folder")
            continue
        site = Site(root)
        has_diwoo = check_diwoo(report, site, tooi)
        check_ori_api(report, site, api, has_diwoo, tooi)
    for export in exports:
        print(f"== ORI-A export {export}")
        check_ori_a(report, export)
    if sites and api.defects:
        print("mini-ORI API 1.0.0 spec defects, handled as tests/standards/README.md says:")
        for defect in api.defects:
            print(f"  - {defect}")
    if report.failures:
        print(f"standards: {report.failures} failures")
        return 1
    print("standards: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
