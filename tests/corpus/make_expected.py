#!/usr/bin/env python3
"""Write tests/corpus/expected-posts.tsv: an independent oracle of post metadata.

For every post of the two real-blog corpora (18f-blog, otel-blog) this script
reads the YAML front matter with PyYAML (a YAML 1.1 reader, independent of the
C# library under test) and writes one row:

    path <TAB> title <TAB> date <TAB> authors

See EXPECTED.md next to this file for the exact rules. Run from the
repository root:

    python3 tests/corpus/make_expected.py

Only the Python standard library and PyYAML are used.
"""

import datetime as dt
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "expected-posts.tsv")
CORPORA = ("18f-blog", "otel-blog")

UTC = dt.timezone.utc


# --------------------------------------------------------------------------
# Finding the posts and their front matter
# --------------------------------------------------------------------------

def post_files():
    """Yield paths relative to HERE (forward slashes) of every post file."""
    for corpus in CORPORA:
        root = os.path.join(HERE, corpus, "posts")
        for dirpath, dirnames, filenames in os.walk(root):
            for name in filenames:
                if name.endswith(".md"):
                    full = os.path.join(dirpath, name)
                    yield os.path.relpath(full, HERE).replace(os.sep, "/")


def split_front_matter(text):
    """Return the front-matter text between a first line '---' and the next
    line that is exactly '---' or '...'; raise ValueError if there is none."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    # Tolerate CRLF, although both corpora use LF only.
    bare = [line[:-1] if line.endswith("\r") else line for line in lines]
    if not bare or bare[0] != "---":
        raise ValueError("no front matter (first line is not '---')")
    for i in range(1, len(bare)):
        if bare[i] in ("---", "..."):
            return "\n".join(bare[1:i])
    raise ValueError("front matter is not closed")


# --------------------------------------------------------------------------
# Repair for the YAML that PyYAML refuses (18F only, see 18f-blog/SOURCE.md)
# --------------------------------------------------------------------------

# Start of a value on a line: optional "- " sequence markers, then an optional
# "key: " (the first ": " on the line), then the value itself.
_VALUE_START = re.compile(r"^[ \t]*(?:-[ \t]+)*(?:[^\s#'\"-].*?:[ \t]+)?")


def _scan_quoted(line, pos, quote):
    """Scan from pos (just after an opening quote, or the start of a
    continuation line) for the closing quote. Return the index just after the
    closing quote, or None if the line ends while the scalar is still open."""
    i = pos
    n = len(line)
    while i < n:
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and i + 1 < n and line[i + 1] == "'":
                i += 2  # '' is an escaped single quote
                continue
            return i + 1
        i += 1
    return None


def repair_yaml(fm):
    """Strip trailing whitespace on every line and indent by two spaces every
    non-blank continuation line that starts in column 0 while a quoted scalar
    opened on an earlier line is still open."""
    out = []
    open_quote = None  # '"' or "'" while a multi-line quoted scalar is open
    for raw in fm.split("\n"):
        line = raw.rstrip()
        if open_quote is not None:
            if line and not line[0].isspace():
                line = "  " + line
            end = _scan_quoted(line, 0, open_quote)
            if end is not None:
                open_quote = None
            out.append(line)
            continue
        m = _VALUE_START.match(line)
        pos = m.end() if m else 0
        if pos < len(line) and line[pos] in "\"'":
            quote = line[pos]
            if _scan_quoted(line, pos + 1, quote) is None:
                open_quote = quote
        out.append(line)
    return "\n".join(out)


def load_front_matter(fm):
    """Return (mapping, repaired: bool). Raises yaml.YAMLError if even the
    repaired text does not load."""
    try:
        return yaml.safe_load(fm), False
    except yaml.YAMLError:
        return yaml.safe_load(repair_yaml(fm)), True


# --------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------

def clean_cell(s):
    """Tabs/newlines -> single spaces, surrounding whitespace stripped."""
    return re.sub(r"[\t\r\n]", " ", s).strip()


def title_of(meta):
    t = meta.get("title")
    if t is None:
        return ""
    return clean_cell(str(t))


_DATE_STR = re.compile(
    r"""^(\d{4})-(\d{1,2})-(\d{1,2})
        (?:(?:[Tt]|[ \t]+)
           (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d*))?
           [ \t]*
           (Z|z|[-+]\d{1,2}(?::?\d{2})?)?
        )?$""",
    re.VERBOSE,
)


def _tz_from_text(tz):
    if tz is None:
        return UTC  # no offset: taken as UTC
    if tz in ("Z", "z"):
        return UTC
    sign = -1 if tz[0] == "-" else 1
    body = tz[1:].replace(":", "")
    if len(body) <= 2:
        hours, minutes = int(body), 0
    else:
        hours, minutes = int(body[:-2]), int(body[-2:])
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _parse_date_string(s):
    m = _DATE_STR.match(s.strip())
    if not m:
        raise ValueError("unrecognised date string %r" % s)
    y, mo, d, hh, mi, ss, _frac, tz = m.groups()
    if hh is None:
        return dt.datetime(int(y), int(mo), int(d), tzinfo=UTC)
    # Fractional seconds are dropped (output has whole seconds).
    local = dt.datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss),
                        tzinfo=_tz_from_text(tz))
    return local.astimezone(UTC)


def _to_utc(value):
    if isinstance(value, dt.datetime):  # check before date: subclass
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        return _parse_date_string(value)
    raise ValueError("unsupported date value %r (%s)" % (value, type(value).__name__))


_FILE_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-.+\.md$")


def date_of(meta, path):
    if "date" in meta and meta["date"] is not None and meta["date"] != "":
        instant = _to_utc(meta["date"])
    else:
        m = _FILE_DATE.match(path.rsplit("/", 1)[-1])
        if not m:
            raise ValueError("no date key and no date in the file name")
        instant = dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                              tzinfo=UTC)
    instant = instant.replace(microsecond=0)
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def _collapse(s):
    return " ".join(s.split())


def _strip_parentheses(s):
    """Remove parenthesised parts, nested ones included."""
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"\([^()]*\)", " ", s)
    return s


def _looks_like_name(part):
    """A person's name: two or more words, each starting with a letter, the
    first and last words capitalised."""
    words = part.split()
    if len(words) < 2:
        return False
    if not all(w[0].isalpha() for w in words):
        return False
    return words[0][0].isupper() and words[-1][0].isupper()


def _otel_authors(value):
    s = str(value)
    if not _LINK.search(s):
        # Plain string: one author, unless commas or ' and ' separate several.
        parts = re.split(r",| and ", _collapse(s))
        return [_collapse(p) for p in parts if _collapse(p)]
    authors = []
    pos = 0
    for m in list(_LINK.finditer(s)) + [None]:
        gap = s[pos:m.start()] if m else s[pos:]
        # Text between links: affiliations "(Company)", separators ", " and
        # "and", or an unlinked author name after a comma (", Fei Han").
        for part in _strip_parentheses(gap).split(","):
            part = _collapse(part)
            part = re.sub(r"^and\s+", "", part)
            part = part.strip(" \"'")
            if _looks_like_name(part):
                authors.append(part)
        if m:
            text = _collapse(m.group(1))
            if text:
                authors.append(text)
            pos = m.end()
    return authors


def authors_of(meta, corpus):
    if corpus == "18f-blog":
        value = meta.get("authors")
        if value is None:
            names = []
        elif isinstance(value, list):
            names = [str(a) for a in value if a is not None]
        else:
            names = [str(value)]
    else:
        value = meta.get("author")
        names = [] if value is None else _otel_authors(value)
    seen = set()
    result = []
    for n in names:
        n = clean_cell(n)
        if n and n not in seen:
            seen.add(n)
            result.append(n)
    return " | ".join(result)


# --------------------------------------------------------------------------

def main():
    rows = []
    repaired = []
    failed = []
    for rel in sorted(post_files()):
        corpus = rel.split("/", 1)[0]
        with open(os.path.join(HERE, rel), encoding="utf-8", newline="") as f:
            text = f.read()
        try:
            fm = split_front_matter(text)
            meta, was_repaired = load_front_matter(fm)
        except (ValueError, yaml.YAMLError) as e:
            failed.append((rel, str(e).splitlines()[0] if str(e) else type(e).__name__))
            continue
        if was_repaired:
            repaired.append(rel)
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            failed.append((rel, "front matter is not a mapping"))
            continue
        rows.append((rel, title_of(meta), date_of(meta, rel), authors_of(meta, corpus)))

    rows.sort(key=lambda r: r[0].encode("utf-8"))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("path\ttitle\tdate\tauthors\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

    print("wrote %d rows to %s" % (len(rows), os.path.relpath(OUT)), file=sys.stderr)
    print("front matters that needed the YAML repair: %d" % len(repaired), file=sys.stderr)
    for rel in repaired:
        print("  repaired: %s" % rel, file=sys.stderr)
    print("files that still fail: %d" % len(failed), file=sys.stderr)
    for rel, why in failed:
        print("  FAILED: %s: %s" % (rel, why), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
