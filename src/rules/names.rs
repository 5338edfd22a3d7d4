//! A char trie over many names (the gazetteer, the link lexicon), built for searching
//! news text where segmentation evicts the matcher from the cache between two articles.

use std::collections::HashMap;

/// Every name of a word list in one char trie, searched from each char of a text.
/// It finds what an overlapping aho-corasick scan finds (every occurrence of every
/// name) at a fraction of the cost on news, where segmentation evicts the matcher from
/// the cache between two articles, so what counts is how many cache lines a search
/// touches: a bloom filter of 32 KiB over the first two chars of the names rules out
/// almost every position with one load, a hash table over those pairs leads straight to
/// the second level of the trie, and each edge carries where its node's children are,
/// so a walk touches one small sorted run of edges per further char.
#[derive(Debug, Clone, Default)]
pub struct NameTrie {
    /// The bloom filter: two bits in one of `1 << BLOOM_WORDS_LOG` words per pair.
    bloom: Vec<u64>,
    /// One bit per char below U+10000 that is a name by itself (镇, 乡).
    singles: Vec<u64>,
    /// Open addressing over the pairs of first chars: (first, second, edge index + 1).
    pairs: Vec<(char, char, u32)>,
    /// The root, as an edge into it.
    root: Edge,
    /// Children of each node, a sorted run per node.
    edges: Vec<Edge>,
    /// Per node: its range of `outs`.
    nodes: Vec<(u32, u32)>,
    /// Pattern ids ending at each node, ascending.
    outs: Vec<u32>,
}

/// An edge of the trie, with where the children of the node it leads to are.
#[derive(Debug, Clone, Copy, Default)]
struct Edge {
    c: char,
    /// The node, with [`HAS_OUTS`] when patterns end there.
    node: u32,
    first: u32,
    len: u32,
}

/// Flag on [`Edge::node`]: patterns end at the node.
const HAS_OUTS: u32 = 1 << 31;

/// log2 of the words of the bloom filter.
const BLOOM_WORDS_LOG: u32 = 12;

/// The bloom filter as the searches read it.
type Bloom = [u64; 1 << BLOOM_WORDS_LOG];

/// The single-char bitmap as the searches read it: one bit per char below U+10000.
type Singles = [u64; 0x1_0000 / 64];

/// Whether start `c` followed by `next` passes the filters: the pair may begin a name,
/// or `c` may be one. Fixed-size arrays, so that the per-char test of the scans has no
/// bounds checks (it runs at every char of every article, twice).
fn may_start(bloom: &Bloom, singles: &Singles, c: char, next: char) -> bool {
    let (w, mask) = bloom_mask(c, next);
    let u = c as usize;
    bloom[w] & mask == mask || u >= 0x1_0000 || singles[u >> 6] & (1 << (u & 63)) != 0
}

fn pair_hash(a: char, b: char) -> u64 {
    (u64::from(a) << 21 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The word of the bloom filter for chars `a`, `b` and the two bits to test in it.
fn bloom_mask(a: char, b: char) -> (usize, u64) {
    let x = pair_hash(a, b);
    let word = (x >> (64 - BLOOM_WORDS_LOG)) as usize;
    (word, 1 << (x & 63) | 1 << ((x >> 6) & 63))
}

/// A multiplicative hasher for the (node, char) keys used while building the trie.
#[derive(Default)]
struct EdgeHasher(u64);

impl std::hash::Hasher for EdgeHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl NameTrie {
    /// The trie of `words`; pattern ids are positions in `words`. Empty words match nothing.
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> NameTrie {
        type Children = HashMap<(u32, char), u32, std::hash::BuildHasherDefault<EdgeHasher>>;
        let mut children = Children::default();
        // Per node after the root: its parent and char.
        let mut up: Vec<(u32, char)> = vec![(0, '\0')];
        let mut ends: Vec<(u32, u32)> = Vec::new();
        let mut bloom = vec![0u64; 1 << BLOOM_WORDS_LOG];
        let mut singles = vec![0u64; 0x1_0000 / 64];
        for (id, word) in words.into_iter().enumerate() {
            let mut node = 0u32;
            for c in word.chars() {
                node = *children.entry((node, c)).or_insert_with(|| {
                    up.push((node, c));
                    (up.len() - 1) as u32
                });
            }
            let mut cs = word.chars();
            match (cs.next(), cs.next()) {
                (Some(a), Some(b)) => {
                    let (w, mask) = bloom_mask(a, b);
                    bloom[w] |= mask;
                }
                (Some(a), None) => {
                    if let Some(w) = singles.get_mut(a as usize >> 6) {
                        *w |= 1 << (a as u32 & 63);
                    }
                }
                _ => {}
            }
            if node != 0 {
                ends.push((node, id as u32));
            }
        }
        drop(children);
        // Outputs per node.
        ends.sort_unstable();
        let mut nodes = vec![(0u32, 0u32); up.len()];
        let mut outs = Vec::with_capacity(ends.len());
        for &(node, id) in &ends {
            let n = &mut nodes[node as usize];
            if n.1 == 0 {
                n.0 = outs.len() as u32;
            }
            n.1 += 1;
            outs.push(id);
        }
        // Children runs: count, place, sort each run by char.
        let mut kids = vec![(0u32, 0u32); up.len()];
        for &(parent, _) in &up[1..] {
            kids[parent as usize].1 += 1;
        }
        let mut at = 0u32;
        for k in &mut kids {
            k.0 = at;
            at += k.1;
        }
        let mut edges = vec![Edge::default(); up.len() - 1];
        let mut filled = vec![0u32; up.len()];
        for (child, &(parent, c)) in up.iter().enumerate().skip(1) {
            let p = parent as usize;
            let flag = if nodes[child].1 > 0 { HAS_OUTS } else { 0 };
            edges[(kids[p].0 + filled[p]) as usize] = Edge {
                c,
                node: child as u32 | flag,
                first: kids[child].0,
                len: kids[child].1,
            };
            filled[p] += 1;
        }
        for k in &kids {
            edges[k.0 as usize..(k.0 + k.1) as usize].sort_unstable_by_key(|e| e.c);
        }
        let root = Edge {
            c: '\0',
            node: 0,
            first: kids[0].0,
            len: kids[0].1,
        };
        // The pair table: every edge two levels down.
        let mut second: Vec<(char, char, u32)> = Vec::new();
        for e1 in &edges[root.first as usize..(root.first + root.len) as usize] {
            for (k, e2) in edges[e1.first as usize..(e1.first + e1.len) as usize]
                .iter()
                .enumerate()
            {
                second.push((e1.c, e2.c, e1.first + k as u32 + 1));
            }
        }
        let size = (second.len() * 2).next_power_of_two().max(16);
        let mut pairs = vec![('\0', '\0', 0u32); size];
        for &(a, b, idx) in &second {
            let mut at = (pair_hash(a, b) >> 32) as usize & (size - 1);
            while pairs[at].2 != 0 {
                at = (at + 1) & (size - 1);
            }
            pairs[at] = (a, b, idx);
        }
        NameTrie {
            bloom,
            singles,
            pairs,
            root,
            edges,
            nodes,
            outs,
        }
    }

    /// The edge from the node `from` leads to, by `c`.
    fn step(&self, from: &Edge, c: char) -> Option<&Edge> {
        let run = self
            .edges
            .get(from.first as usize..(from.first + from.len) as usize)?;
        run.binary_search_by_key(&c, |e| e.c).ok().map(|i| &run[i])
    }

    /// The edge two levels down by `a` then `b`.
    fn pair(&self, a: char, b: char) -> Option<&Edge> {
        if self.pairs.is_empty() {
            return None;
        }
        let mask = self.pairs.len() - 1;
        let mut at = (pair_hash(a, b) >> 32) as usize & mask;
        loop {
            let (x, y, idx) = *self.pairs.get(at)?;
            if idx == 0 {
                return None;
            }
            if (x, y) == (a, b) {
                return self.edges.get(idx as usize - 1);
            }
            at = (at + 1) & mask;
        }
    }

    fn outs(&self, e: &Edge) -> &[u32] {
        if e.node & HAS_OUTS == 0 {
            return &[];
        }
        self.nodes
            .get((e.node & !HAS_OUTS) as usize)
            .and_then(|&(at, n)| self.outs.get(at as usize..(at + n) as usize))
            .unwrap_or(&[])
    }

    /// Calls `f(start, end, pattern)` for every occurrence of every word in `chars`
    /// (char offsets), by start, then length, then pattern id.
    pub fn find_all(&self, chars: &[char], mut f: impl FnMut(usize, usize, u32)) {
        if self.edges.is_empty() {
            return;
        }
        // Filter a block of starts first, then walk from those that pass: the filter's
        // loads do not wait on each other.
        let (Ok(bloom), Ok(singles)) = (
            <&Bloom>::try_from(self.bloom.as_slice()),
            <&Singles>::try_from(self.singles.as_slice()),
        ) else {
            return;
        };
        const BLOCK: usize = 256;
        let mut pass = [0u32; BLOCK];
        for block in (0..chars.len()).step_by(BLOCK) {
            let end = (block + BLOCK).min(chars.len());
            let here = &chars[block..end];
            let mut n = 0;
            // Pairs of chars in the block by `windows`, which needs no bounds check per
            // char, then its last char with the next block's first.
            for (k, pair) in here.windows(2).enumerate() {
                // `n` counts passes among at most BLOCK chars: the mask only tells the
                // compiler so.
                pass[n & (BLOCK - 1)] = (block + k) as u32;
                n += usize::from(may_start(bloom, singles, pair[0], pair[1]));
            }
            if let Some(&c) = here.last() {
                let next = chars.get(end).copied().unwrap_or('\0');
                pass[n & (BLOCK - 1)] = (end - 1) as u32;
                n += usize::from(may_start(bloom, singles, c, next));
            }
            for &i in &pass[..n] {
                self.walk(chars, i as usize, &mut f);
            }
        }
    }

    /// Whether `c` may be a name by itself.
    fn single(&self, c: char) -> bool {
        self.singles
            .get(c as usize >> 6)
            .is_none_or(|w| w & (1 << (c as u32 & 63)) != 0)
    }

    /// Every word that starts at `chars[i]`, shortest first.
    fn walk(&self, chars: &[char], i: usize, f: &mut impl FnMut(usize, usize, u32)) {
        let Some(&a) = chars.get(i) else { return };
        if self.single(a)
            && let Some(e) = self.step(&self.root, a)
        {
            for &id in self.outs(e) {
                f(i, i + 1, id);
            }
        }
        let Some(&b) = chars.get(i + 1) else { return };
        let Some(mut e) = self.pair(a, b) else { return };
        for &id in self.outs(e) {
            f(i, i + 2, id);
        }
        for (j, &c) in chars.iter().enumerate().skip(i + 2) {
            let Some(next) = self.step(e, c) else { return };
            e = next;
            for &id in self.outs(e) {
                f(i, j + 1, id);
            }
        }
    }

    /// Calls `f(start, end, pattern)` for the leftmost-longest occurrences in `chars`,
    /// which do not overlap: what an Aho-Corasick scan with `MatchKind::LeftmostLongest`
    /// reports (of two equal words, the lower pattern id).
    pub fn find_leftmost_longest(&self, chars: &[char], mut f: impl FnMut(usize, usize, u32)) {
        if self.edges.is_empty() {
            return;
        }
        let (Ok(bloom), Ok(singles)) = (
            <&Bloom>::try_from(self.bloom.as_slice()),
            <&Singles>::try_from(self.singles.as_slice()),
        ) else {
            return;
        };
        let mut i = 0;
        while i < chars.len() {
            // On to the next char that may start a name: pairs by `windows`, which
            // needs no bounds check per char, then the last char alone.
            let rest = &chars[i..];
            match rest
                .windows(2)
                .position(|w| may_start(bloom, singles, w[0], w[1]))
            {
                Some(k) => i += k,
                None => match rest.last() {
                    Some(&c) if may_start(bloom, singles, c, '\0') => i = chars.len() - 1,
                    _ => break,
                },
            }
            let mut best: Option<(usize, u32)> = None;
            self.walk(chars, i, &mut |_, e, id| {
                if best.is_none_or(|(be, bid)| e > be || (e == be && id < bid)) {
                    best = Some((e, id));
                }
            });
            match best {
                Some((e, id)) => {
                    f(i, e, id);
                    i = e.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};

    #[test]
    fn leftmost_longest_agrees_with_aho_corasick() {
        let words = [
            "出口",
            "进出口",
            "进出口总额",
            "总额",
            "增长",
            "长",
            "口",
            "😀x",
            "x",
            "浙江",
            "浙江省",
        ];
        let trie = NameTrie::new(words.iter().copied());
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap();
        let page = include_str!("../../input/zjrb-2026-01-22.txt");
        // Names across the 256-char blocks of `find_all`'s filter, and at the end.
        let across = format!("{}浙江省{}进出口", "好".repeat(255), "好".repeat(253));
        for text in [
            "进出口总额增长",
            "出口总额长",
            "",
            "口",
            "😀xx进出口",
            "浙江省进出口",
            page,
            &across,
        ] {
            let chars: Vec<char> = text.chars().collect();
            let char_at = |b: usize| text[..b].chars().count();
            let want: Vec<(usize, usize, u32)> = ac
                .find_iter(text)
                .map(|m| (char_at(m.start()), char_at(m.end()), m.pattern().as_u32()))
                .collect();
            let mut got = Vec::new();
            trie.find_leftmost_longest(&chars, |s, e, id| got.push((s, e, id)));
            assert_eq!(got, want, "{text}");
        }
    }
}
