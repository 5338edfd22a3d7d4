#!/usr/bin/env python3
"""Check a reader's gold file: python3 check_gold.py DIR (reads DIR/sentences.jsonl and
DIR/gold.jsonl; every sentence has one line, every item its fields and a span that
slices the text to its surface)."""
import sys, json
d = sys.argv[1]
sents = {}
for l in open(f'{d}/sentences.jsonl'):
    o = json.loads(l); sents[o['id']] = o['text']
seen = set(); bad = 0; n = 0
KINDS = {'money', 'percent', 'quantity', 'multiple', 'date', 'ordinal', 'number'}
APPROX = {None, 'about', 'over', 'under', 'nearly'}
for ln, l in enumerate(open(f'{d}/gold.jsonl'), 1):
    try:
        o = json.loads(l)
    except Exception as e:
        print(f'line {ln}: bad JSON: {e}'); bad += 1; continue
    sid = o.get('id')
    if sid not in sents: print(f'line {ln}: unknown id {sid}'); bad += 1; continue
    if o.get('text') != sents[sid]: print(f'line {ln}: text differs from sentences.jsonl'); bad += 1
    seen.add(sid)
    for it in o.get('expect', []):
        n += 1
        for k in ('kind', 'text', 'start', 'end', 'value', 'upper', 'unit', 'approx'):
            if k not in it: print(f'line {ln}: item {it} lacks {k}'); bad += 1
        if it.get('kind') not in KINDS: print(f'line {ln}: bad kind {it.get("kind")}'); bad += 1
        if it.get('approx') not in APPROX: print(f'line {ln}: bad approx {it.get("approx")}'); bad += 1
        s, e = it.get('start'), it.get('end')
        if not (isinstance(s, int) and isinstance(e, int) and sents[sid][s:e] == it.get('text')):
            print(f'line {ln}: span {s},{e} gives {sents[sid][s:e] if isinstance(s,int) and isinstance(e,int) else None!r}, not {it.get("text")!r}'); bad += 1
missing = set(sents) - seen
if missing: print(f'{len(missing)} sentences have no line, e.g. {sorted(missing)[:5]}'); bad += 1
print(f'{len(seen)} sentences, {n} figures, {bad} problems')
