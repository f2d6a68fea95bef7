"""spaCy side of bench/recognise.sh: PhraseMatcher over the gazetteer's aliases.

Usage: spacy_match.py ALIASES_FILE CORPUS_FILE

ALIASES_FILE has one alias per line (exported by warta's bench_match example); CORPUS_FILE
holds documents separated by form feeds. A blank Indonesian pipeline (spacy.blank("id")) is
used: only its rule-based tokeniser runs, so no model is downloaded. The matcher compares
token LOWER attributes, the closest spaCy equivalent of warta's case folding.

Prints tab-separated rows `label bytes cpu_seconds wall_seconds count`, the same layout as
bench_match, so the shell script can put both into one table. CPU time is this thread's
(time.thread_time) because the bench machine is shared.
"""

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

    nlp = spacy.blank("id")
    c0, w0 = time.thread_time(), time.perf_counter()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GAZETTEER", list(nlp.tokenizer.pipe(aliases)))
    row("spacy-load", 0, time.thread_time() - c0, time.perf_counter() - w0, len(aliases))

    # warm up (vocabulary growth, lazy initialisation) so both sides are measured warm
    for d in docs[:50]:
        matcher(nlp.make_doc(d))

    # one pass, tokeniser and matcher timed apart per document (spaCy is slow enough that
    # repeated rounds would push the benchmark past a minute on a shared machine)
    tok_cpu = match_cpu = 0.0
    tok_wall = match_wall = 0.0
    tokens = matches = longest = 0
    for d in docs:
        c0, w0 = time.thread_time(), time.perf_counter()
        doc = nlp.make_doc(d)
        c1, w1 = time.thread_time(), time.perf_counter()
        found = matcher(doc)
        c2, w2 = time.thread_time(), time.perf_counter()
        tok_cpu += c1 - c0
        tok_wall += w1 - w0
        match_cpu += c2 - c1
        match_wall += w2 - w1
        tokens += len(doc)
        matches += len(found)
        # leftmost-longest-like count: overlapping matches reduced to the longest ones
        longest += len(filter_spans([doc[s:e] for _, s, e in found]))
    row("spacy-tokenise", nbytes, tok_cpu, tok_wall, tokens)
    row("spacy-match", nbytes, match_cpu, match_wall, matches)
    row("spacy-tokenise+match", nbytes, tok_cpu + match_cpu, tok_wall + match_wall, matches)
    row("spacy-longest-matches", nbytes, 0, 0, longest)

if __name__ == "__main__":
    main()
