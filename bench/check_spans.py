#!/usr/bin/env python3
"""Every evidence span of an event export must quote its source article's text exactly.

    bench/check_spans.py EVENTS.jsonl ARTICLES.jsonl

Offsets count Unicode code points into the article's `text` (see the event schema). Prints a summary
and each span that does not quote its source; exits 1 if there is any.
"""
import collections
import json
import sys


def main():
    events_path, articles_path = sys.argv[1], sys.argv[2]
    texts = {}
    with open(articles_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                a = json.loads(line)
                texts[a["id"]] = a.get("text", "")
    bad, spans, events = 0, 0, 0
    types = collections.Counter()
    with open(events_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            events += 1
            types[e["type"]] += 1
            for ev in e.get("evidence", []):
                spans += 1
                source = e["sources"][ev["source"]]
                text = texts.get(source["article_id"])
                quoted = None if text is None else text[ev["start"]:ev["end"]]
                if quoted != ev["text"]:
                    bad += 1
                    print(f"{e['id']} {ev['field']}: {ev['text']!r} != {quoted!r}")
    by_type = ", ".join(f"{t} {n}" for t, n in types.most_common())
    print(f"{events} events ({by_type}); {spans} evidence spans, {bad} not quoting their source")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
