"""R14: bad input everywhere. Every URL pattern of the project, as anonymous and as each staff
role of the demo communes, gets oversized, out-of-range, wrongly typed and malformed values in
its path, its query string and its form fields: no answer may be a 5xx, and a refused form
explains itself in Vietnamese.

Hypothesis draws few examples per URL so the suite stays quick; FUZZ_EXAMPLES=200 digs deeper
(the examples are derandomised, so a failure found in CI repeats on any machine)."""

import os
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# The admin is Django's own and large: a few of its pages are enough to cover our settings.
ADMIN_PATTERNS = {"admin:index", "admin:org_agency_changelist", "admin:org_agency_change"}

# Values a careless or hostile client sends: numbers a column cannot hold, negative and
# non-ASCII digits, NUL bytes, very long text, impossible and implausible dates.
NASTY = [
    "",
    "0",
    "-1",
    "-99999999999999999999",
    "9" * 19,
    "9" * 30,
    "9" * 5000,
    "1e309",
    "NaN",
    "²",
    "١٢",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "ư" * 3000,
    "31/02/2026",
    "29/02/2025",
    "00/00/0000",
    "01/01/0001",
    "31/12/9999",
    "01/01/0001 00:00",
    "31/12/9999 23:59",
    "31/02/2026 25:61",
    "2026-02-31",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "' OR 1=1 --",
    "on",
    "🙂" * 40,
]
DATES = [value for value in NASTY if re.fullmatch(r"[0-9/:\- ]{8,}", value)]
# Bytes that are not UTF-8, percent-encoded in a query string or a form body.
RAW = ["%ff", "%c3%28", "%00", "%e0%80%80", "a%fe%ffb", "%ed%a0%80"]

VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]")
ERROR_BLOCK = re.compile(
    r'<(ul|p|div)[^>]*class="[^"]*(errorlist|form-errors)[^"]*"[^>]*>(.*?)</\1>', re.S
)
SOURCE_NAMES = re.compile(r"request\.(?:GET|POST)(?:\.get|\.getlist|\.pop)?[\(\[]\"(\w+)\"")


def _walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern, prefix + str(pattern.pattern), inner or None)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), pattern.callback


PATTERNS = [
    (name, route, callback)
    for name, route, callback in _walk(get_resolver())
    if not name.startswith("admin:") or name in ADMIN_PATTERNS
]
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


class _Forms(HTMLParser):
    """The forms of a page: method, action and (name, default value) pairs."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        fields = self.forms[-1]["fields"] if self.forms else None
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self.forms.append({"method": method, "action": attrs.get("action"), "fields": []})
        elif fields is None:
            return
        elif tag == "select" and attrs.get("name"):
            fields.append((attrs["name"], None, "select"))
        elif tag == "option" and fields and fields[-1][2] == "select":
            name, value, kind = fields[-1]
            if value is None or "selected" in attrs:
                fields[-1] = (name, attrs.get("value", ""), kind)
        elif tag in ("input", "textarea") and attrs.get("name"):
            kind = "date" if "dd/mm" in attrs.get("placeholder", "") else attrs.get("type", "text")
            unticked = kind in ("checkbox", "radio") and "checked" not in attrs
            fields.append((attrs["name"], None if unticked else attrs.get("value", ""), kind))


def _client(world, role) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        if role.startswith("quantri"):
            login_verified(client, user)
        else:
            client.force_login(user)
    return client


def _valid(world, name, parameter):
    for key in (f"{name}:{parameter}", f"{name.split(':')[0]}:{parameter}", parameter):
        if key in world.values:
            return [str(value) for value in world.values[key]]
    return ["1"]


def _odd(converter):
    if converter in ("id", "int"):
        return st.sampled_from(["0", "9" * 18, "9" * 19, "9" * 40, "00000000000000000001"])
    return st.sampled_from(["-", "x" * 300, "%ff", "%00", "..", "a.b-c" * 20, "Ư"])


def _path(draw, world, name, route):
    def value(match):
        converter, parameter = match.group(1) or "str", match.group(2)
        raw = draw(st.one_of(st.sampled_from(_valid(world, name, parameter)), _odd(converter)))
        return raw if raw.startswith("%") else quote(raw, safe="")

    return "/" + PARAMETER.sub(value, route)


_form_cache: dict = {}


def _forms_for(client, role, name, path, world):
    """The forms that send to this URL, from its own page and the page above it, with the
    query strings that open them (the reception needs its procedure)."""
    key = (role, path)
    if key not in _form_cache:
        found = []
        parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
        pages = [path, *[f"{path}?{query}" for query in world.queries.get(name, [])], parent]
        for page in pages:
            response = client.get(page)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                target = urlsplit(form["action"] or page).path or page
                try:
                    match = resolve(target)
                except Resolver404:
                    continue
                if match.view_name == name:
                    form["page_query"] = urlsplit(page).query
                    found.append(form)
        _form_cache[key] = found
    return _form_cache[key]


def _source_names(callback) -> list[str]:
    module = __import__(callback.__module__, fromlist=["_"])
    with open(module.__file__, encoding="utf-8") as source:
        return sorted(set(SOURCE_NAMES.findall(source.read())))


def _assert_refusals_in_vietnamese(response, label):
    if "html" not in response.get("Content-Type", "") or response.status_code >= 300:
        return
    page = response.content.decode()
    for block in ERROR_BLOCK.finditer(page):
        text = re.sub(r"<[^>]+>", " ", block.group(3)).strip()
        if text:
            assert VIETNAMESE.search(text.lower()), (label, text[:300])


@pytest.mark.parametrize("name, route, callback", PATTERNS, ids=[p[0] for p in PATTERNS])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_url_answers_bad_input_with_a_server_error(world, name, route, callback, data):
    role = data.draw(st.sampled_from(sorted(world.users)), label="role")
    client = _client(world, role)
    path = _path(data.draw, world, name, route)
    forms = _forms_for(client, role, name, path, world)
    names = _source_names(callback)
    method = data.draw(st.sampled_from(["get", "post"]), label="method")
    fields: list[tuple[str, str]] = []
    query = ""
    usable = [form for form in forms if form["method"] == method]
    if usable:
        form = data.draw(st.sampled_from(usable), label="form")
        fields = [(n, v) for n, v, _kind in form["fields"] if v is not None]
        query = form.get("page_query", "") if method == "post" else ""
        names = sorted(set(names) | {n for n, _v, _kind in form["fields"]})
    names = [n for n in names if n != "csrfmiddlewaretoken"]
    dates = {n for form in usable for n, _v, kind in form["fields"] if kind == "date"}
    raw_pairs = []
    if names:
        chosen = data.draw(st.lists(st.sampled_from(names), max_size=4, unique=True), label="n")
        for field_name in chosen:
            fields = [(n, v) for n, v in fields if n != field_name]
            shapes = ["one", "list", "raw", "text", *(["date"] * 3 if field_name in dates else [])]
            shape = data.draw(st.sampled_from(shapes), label=field_name)
            if shape == "date":
                fields.append((field_name, data.draw(st.sampled_from(DATES))))
            elif shape == "raw":
                raw_pairs.append((field_name, data.draw(st.sampled_from(RAW))))
            elif shape == "text":
                fields.append((field_name, data.draw(st.text(max_size=30))))
            else:
                values = data.draw(st.lists(st.sampled_from(NASTY), min_size=1, max_size=3))
                fields += [(field_name, v) for v in (values if shape == "list" else values[:1])]
    encoded = urlencode([(n, v.encode("utf-8", "surrogatepass")) for n, v in fields])
    encoded = "&".join(filter(None, [encoded, *(f"{quote(n)}={v}" for n, v in raw_pairs)]))
    label = f"{role} {method.upper()} {path} {encoded[:300]}"
    if method == "get":
        response = client.get(path, QUERY_STRING=encoded)
    else:
        response = client.post(
            f"{path}?{query}" if query else path,
            data=encoded,
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code < 500, label
    _assert_refusals_in_vietnamese(response, label)
