#!/usr/bin/env python3
"""Draw blind sample N: 200 corpus sentences for a reader to annotate.

    python3 sample.py N [--bin BAOKAN] [--rules DIR] [--corpus DIR] [--root DIR] [--by-sentence]

Seeded by N (N*100+1), so a sample is drawn again the same way. 80 % of the sentences
hold a digit or a numeral. Articles used by an earlier sample under ROOT (its used.txt)
are left out; once they are all used, a sample holds fewer than 200 sentences. With
--by-sentence an article may be drawn again, but no sentence of an earlier sample is
(the corpus has 23,910 articles and far more sentences). The sentences go through `baokan run` once, so that the reader annotates
the tool's normalized text and offsets match. Writes ROOT/sN/sentences.jsonl
({id, text, date}), ROOT/sN/sample.txt (id TAB text) and ROOT/sN/used.txt.
"""
import argparse, glob, json, os, random, re, subprocess, unicodedata

ap = argparse.ArgumentParser()
ap.add_argument('n', type=int)
ap.add_argument('--bin', default='target/release/baokan')
ap.add_argument('--rules', default='rules')
ap.add_argument('--corpus', default='../shared/corpus/news')
ap.add_argument('--root', default='/tmp')
ap.add_argument('--date', default='2015-06-15')
ap.add_argument('--by-sentence', action='store_true')
a = ap.parse_args()
out = os.path.join(a.root, f's{a.n}')
os.makedirs(out, exist_ok=True)
rng = random.Random(a.n * 100 + 1)
arts = []
for f in sorted(glob.glob(os.path.join(a.corpus, '*.txt'))):
    text = open(f, encoding='utf-8').read()
    for i, block in enumerate(re.split(r'\n\s*\n', text)):
        if block.strip():
            arts.append((os.path.basename(f), i, block))
used, used_sents = set(), set()
for u in glob.glob(os.path.join(a.root, 's*', 'used.txt')):
    used |= set(open(u).read().split())
def sentence_key(s):
    # A sample holds the tool's normalized text: compare by NFKC, without spaces.
    return re.sub(r'\s+', '', unicodedata.normalize('NFKC', s))
if a.by_sentence:
    for u in glob.glob(os.path.join(a.root, 's*', 'sentences.jsonl')):
        used_sents |= {sentence_key(json.loads(l)['text']) for l in open(u)}
    used = set()
NUM = re.compile(r'[0-9０-９零〇一二两三四五六七八九十百千万亿%％]')
picked, keys = [], []
# Every article is tried at most once; when the corpus runs out of unused articles the
# sample is smaller than 200 (the draw of an earlier, full sample does not change).
tried, pool = set(), {f'{f}#{i}' for f, i, _ in arts} - used
while len(picked) < 200 and not pool <= tried:
    f, i, block = rng.choice(arts)
    key = f'{f}#{i}'
    tried.add(key)
    if key in used or key in keys:
        continue
    lines = block.split('\n')[1:] or block.split('\n')   # the headline is line one
    sents = [s for s in re.findall(r'[^。！？!?\n]+[。！？!?]?', '\n'.join(lines)) if 12 <= len(s.strip()) <= 160]
    if not sents:
        continue
    want_num = rng.random() < 0.8
    sents = [s for s in sents if sentence_key(s) not in used_sents and s.strip() not in picked]
    if not sents:
        continue
    cands = [s for s in sents if bool(NUM.search(s)) == want_num] or sents
    picked.append(rng.choice(cands).strip())
    keys.append(key)
docs = [json.dumps({'id': f'{a.n}-{k:03d}', 'text': s, 'date': a.date}, ensure_ascii=False) for k, s in enumerate(picked)]
run = subprocess.run([a.bin, 'run', '-q', '--rules', a.rules, '--date', a.date, '-o', '-', '-'],
                     input='\n'.join(docs) + '\n', capture_output=True, text=True, check=True)
recs = {}
for line in run.stdout.splitlines():
    rec = json.loads(line)
    recs.setdefault(rec['source']['id'], []).append(rec)
n = 0
with open(os.path.join(out, 'sentences.jsonl'), 'w') as fo, open(os.path.join(out, 'sample.txt'), 'w') as ft:
    for k in range(len(picked)):
        sid = f'{a.n}-{k:03d}'
        rs = recs.get(sid, [])
        if len(rs) != 1 or not rs[0]['text'].strip():
            continue
        t = rs[0]['text']
        # Layout may have taken a lead off the sentence: compare what the reader sees.
        if sentence_key(t) in used_sents:
            continue
        fo.write(json.dumps({'id': sid, 'text': t, 'date': a.date}, ensure_ascii=False) + '\n')
        ft.write(f'{sid}\t{t}\n')
        n += 1
open(os.path.join(out, 'used.txt'), 'w').write('\n'.join(keys) + '\n')
print(a.n, n, 'sentences in', out)
