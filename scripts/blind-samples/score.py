#!/usr/bin/env python3
"""Strict F1 of the tool against annotated blind samples.

    python3 score.py BAOKAN RULES N [N ...] [-v] [--root DIR]

A tool figure matches a gold one when kind, value, upper, unit and approx agree and the
spans overlap (the exact span preferred); each matches once. `no-approx` ignores approx.
-v lists every miss (GOLD) and extra (TOOL) under its sentence.
"""
import json, subprocess, sys

args = [x for x in sys.argv[1:] if x != '-v']
verbose = '-v' in sys.argv
root = '/tmp'
if '--root' in args:
    i = args.index('--root'); root = args[i + 1]; del args[i:i + 2]
BIN, RULES, ns = args[0], args[1], args[2:]


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))
    return a == b


def agree(g, p, approx=True):
    return (g['kind'] == p['kind'] and same(g['value'], p['value']) and same(g.get('upper'), p.get('upper'))
            and (g.get('unit') or None) == (p.get('unit') or None)
            and (not approx or g.get('approx') == p.get('approx')))


def overlap(g, p):
    return min(g['end'], p['span'][1]) > max(g['start'], p['span'][0])


total = {'tp': 0, 'fp': 0, 'fn': 0, 'tpl': 0}
for n in ns:
    gold = [json.loads(l) for l in open(f'{root}/s{n}/gold.jsonl')]
    docs = '\n'.join(json.dumps({'id': g['id'], 'text': g['text'], 'date': g['date']}, ensure_ascii=False) for g in gold) + '\n'
    run = subprocess.run([BIN, 'run', '-q', '--rules', RULES, '--date', gold[0]['date'], '-o', '-', '-'],
                         input=docs, capture_output=True, text=True)
    preds = {}
    for line in run.stdout.splitlines():
        rec = json.loads(line)
        preds.setdefault(rec['source']['id'], []).append(rec)
    tp = fp = fn = tpl = 0
    out = []
    for g in gold:
        recs = preds.get(g['id'], [])
        ok = len(recs) == 1 and recs[0]['text'] == g['text']
        ps = recs[0]['figures'] if ok else []
        if not ok:
            out.append(f"{g['id']} TEXT MISMATCH")
        used, missed = set(), []
        for gi in g['expect']:
            best = None
            for j, p in enumerate(ps):
                if j in used or not overlap(gi, p) or not agree(gi, p):
                    continue
                if best is None or p['span'] == [gi['start'], gi['end']]:
                    best = j
            if best is None:
                missed.append(gi)
            else:
                used.add(best); tp += 1
        extra = [p for j, p in enumerate(ps) if j not in used]
        used_l = set()
        for gi in g['expect']:
            for j, p in enumerate(ps):
                if j not in used_l and overlap(gi, p) and agree(gi, p, False):
                    used_l.add(j); tpl += 1
                    break
        fn += len(missed); fp += len(extra)
        if missed or extra:
            out.append(f"{g['id']}\t{g['text']}")
            out += [f"   GOLD {x['kind']} {x['text']!r} [{x['start']},{x['end']}] v={x['value']} up={x.get('upper')} u={x.get('unit')} ap={x.get('approx')}" for x in missed]
            out += [f"   TOOL {p['kind']} {p['text']!r} {p['span']} v={p['value']} up={p['upper']} u={p['unit']} ap={p['approx']} ({p['rule']})" for p in extra]
    size = 2 * tp + fp + fn
    print(f'S{n}: gold {tp + fn} tool {tp + fp} tp {tp} F1 {2 * tp / size if size else 1:.4f} (no-approx {2 * tpl / size if size else 1:.4f})')
    if verbose:
        print('\n'.join(out))
    for k, v in (('tp', tp), ('fp', fp), ('fn', fn), ('tpl', tpl)):
        total[k] += v
size = 2 * total['tp'] + total['fp'] + total['fn']
print(f"pooled: gold {total['tp'] + total['fn']} tool {total['tp'] + total['fp']} F1 {2 * total['tp'] / size:.4f} (no-approx {2 * total['tpl'] / size:.4f})")
