"""spaCy side of bench/recognise.sh: PhraseMatcher over the gazetteer's aliases.

Usage: spacy_match.py ALIASES_FILE CORPUS_FILE

ALIASES_FILE has one alias per line (exported by warta's bench_match example); CORPUS_FILE
holds documents separated by form feeds. A blank Indonesian pipeline (spacy.blank("id")) is
used: only its rule-based tokeniser runs, so no model is downloaded. The matcher compares
token LOWER attributes, the closest spaCy equivalent of warta's case folding.

Prints tab-separated rows `label bytes cpu_seconds wall_seconds count`, the same layout as
bench_match, so the shell script can put both into one table. Each figure is the best of
BENCH_ROUNDS rounds (default 3, the same number bench_match uses); CPU time is the process's
(time.process_time, CLOCK_PROCESS_CPUTIME_ID) because the bench machine is shared.
"""

import os
import sys
import time

import spacy
from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans


def row(label, nbytes, cpu, wall, count):
    print(f"{label}\t{nbytes}\t{cpu:.6f}\t{wall:.6f}\t{count}", flush=True)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: spacy_match.py ALIASES_FILE CORPUS_FILE")
    with open(sys.argv[1], encoding="utf-8") as f:
        aliases = [line.rstrip("\n") for line in f if line.strip()]
    with open(sys.argv[2], encoding="utf-8") as f:
        docs = [d for d in f.read().split("\x0c") if d]
    nbytes = sum(len(d.encode("utf-8")) for d in docs)

    rounds = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
    nlp = spacy.blank("id")
    c0, w0 = time.process_time(), time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GAZETTEER", list(nlp.tokenizer.pipe(aliases)))
    row("spacy-load", 0, time.process_time() - c0, time.perf_counter() - w0, len(aliases))

    # warm up (vocabulary growth, lazy initialisation) so both sides are measured warm
    for d in docs[:50]:
        matcher(nlp.make_doc(d))

    # per round: tokenise every document, then match every document; best round per figure
    inf = float("inf")
    best = {"tok": [inf, inf], "match": [inf, inf], "both": [inf, inf]}
    tokens = matches = longest = 0
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        tokenised = [nlp.make_doc(d) for d in docs]
        c1, w1 = time.process_time(), time.perf_counter()
        found = [matcher(doc) for doc in tokenised]
        c2, w2 = time.process_time(), time.perf_counter()
        for key, cpu, wall in (("tok", c1 - c0, w1 - w0), ("match", c2 - c1, w2 - w1),
                               ("both", c2 - c0, w2 - w0)):
            best[key][0] = min(best[key][0], cpu)
            best[key][1] = min(best[key][1], wall)
        tokens = sum(len(doc) for doc in tokenised)
        matches = sum(len(f) for f in found)
    # leftmost-longest-like count: overlapping matches reduced to the longest ones
    longest = sum(len(filter_spans([doc[s:e] for _, s, e in f]))
                  for doc, f in zip(tokenised, found))
    row("spacy-tokenise", nbytes, *best["tok"], tokens)
    row("spacy-match", nbytes, *best["match"], matches)
    row("spacy-tokenise+match", nbytes, *best["both"], matches)
    row("spacy-longest-matches", nbytes, 0, 0, longest)


if __name__ == "__main__":
    main()
