#!/usr/bin/env python3
"""Convert ../shared/corpus/news/*.txt (articles separated by blank lines, headline
first) into one JSONL file with `id`, `title` and `text`, for benchmarks.

Usage: corpus_to_jsonl.py CORPUS_DIR OUT.jsonl [REPEAT]
REPEAT > 1 writes the corpus that many times (with distinct ids), for memory tests."""
import json
import pathlib
import sys


def articles(corpus: pathlib.Path):
    for path in sorted(corpus.glob("*.txt")):
        block = []
        for line in path.read_text(encoding="utf-8").splitlines() + [""]:
            if line.strip():
                block.append(line.strip())
            elif block:
                yield path.name, block[0], "\n".join(block[1:]) or block[0]
                block = []


def main() -> None:
    corpus, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    items = list(articles(corpus))
    with out.open("w", encoding="utf-8") as f:
        for r in range(repeat):
            for i, (name, title, text) in enumerate(items):
                f.write(json.dumps({"id": f"{name}#{i}#{r}", "title": title, "text": text}, ensure_ascii=False))
                f.write("\n")
    print(f"{out}: {len(items) * repeat} articles, {out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
