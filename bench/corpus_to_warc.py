#!/usr/bin/env python3
"""A JSON Lines corpus ({"url", "title", "published", "paragraphs"} per line, gzip or plain) as a
WARC of HTML responses, so that real text goes through the whole pipeline (import, article
extraction, event extraction, index, export) exactly as a crawled page would.

    bench/corpus_to_warc.py CORPUS.jsonl[.gz] OUT.warc.gz

Each text becomes a plain news page: <title>, a publication meta tag when the corpus has a time,
an <h1> and one <p> per paragraph. Standard library only; one gzip member per record.
"""
import gzip
import html
import json
import sys
import uuid


def page(title, published, paragraphs):
    head = f"<title>{html.escape(title)}</title>" if title else ""
    if published:
        head += f'<meta property="article:published_time" content="{html.escape(published)}">'
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    h1 = f"<h1>{html.escape(title)}</h1>" if title else ""
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">{head}</head>'
        f"<body><article>{h1}\n{body}</article></body></html>"
    ).encode("utf-8")


def record(url, body):
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2026-01-01T00:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=1)


def main():
    src, out = sys.argv[1], sys.argv[2]
    opener = gzip.open if src.endswith(".gz") else open
    seen, n = set(), 0
    with opener(src, "rt", encoding="utf-8") as lines, open(out, "wb") as warc:
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            doc = json.loads(line)
            url = doc.get("url") or f"https://corpus.invalid/{doc.get('id', i)}"
            if url in seen:
                continue
            seen.add(url)
            body = page(doc.get("title") or "", doc.get("published"), doc.get("paragraphs") or [])
            warc.write(record(url, body))
            n += 1
    print(f"{n} pages written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
