//! Grouping and packing: union-find over the links that break across platforms (hubs left
//! out), groups larger than a batch split where the fewest links break, and groups packed into
//! batches under the path's limits. Everything is ordered by mailbox index (the inventory sorted
//! by address), so the result depends on content only.

use super::group::{Groups, Hubs};
use super::links::Link;

/// Union-find with path halving and union by smaller index (so a group's root is its first
/// member).
#[derive(Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    #[must_use]
    pub fn new(n: usize) -> Self {
        Self {
            parent: (0..n)
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect(),
        }
    }

    /// The root of `i`.
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] as usize != i {
            let grand = self.parent[self.parent[i] as usize];
            self.parent[i] = grand;
            i = grand as usize;
        }
        i
    }

    /// Joins the groups of `a` and `b`.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = u32::try_from(lo).unwrap_or(u32::MAX);
        }
    }
}

/// The limits of one batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// Most mailboxes (rows).
    pub mailboxes: usize,
    /// Most data, in bytes (`u64::MAX` when unlimited).
    pub bytes: u64,
    /// Most CSV bytes (`u64::MAX` when unlimited).
    pub csv_bytes: u64,
}

/// What one mailbox weighs against the caps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Weight {
    /// Data bytes.
    pub bytes: u64,
    /// Its CSV row's bytes.
    pub csv_bytes: u64,
}

/// What a batch holds, against its caps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Load {
    mailboxes: usize,
    bytes: u64,
    csv_bytes: u64,
}

impl Load {
    /// The load of `members`.
    pub(super) fn of(members: &[usize], weights: &[Weight]) -> Self {
        let mut load = Self::default();
        for &i in members {
            load.add(weights[i]);
        }
        load
    }

    fn add(&mut self, w: Weight) {
        self.mailboxes += 1;
        self.bytes = self.bytes.saturating_add(w.bytes);
        self.csv_bytes = self.csv_bytes.saturating_add(w.csv_bytes);
    }

    /// Both loads together.
    pub(super) fn plus(self, other: Self) -> Self {
        Self {
            mailboxes: self.mailboxes + other.mailboxes,
            bytes: self.bytes.saturating_add(other.bytes),
            csv_bytes: self.csv_bytes.saturating_add(other.csv_bytes),
        }
    }

    /// Whether the load fits; an empty batch takes anything (one mailbox over a cap moves alone).
    pub(super) fn fits(self, caps: Caps, empty: bool) -> bool {
        empty
            || (self.mailboxes <= caps.mailboxes
                && self.bytes <= caps.bytes
                && self.csv_bytes <= caps.csv_bytes)
    }
}

/// An undirected graph in compressed form: the neighbours of `i` are
/// `targets[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Default)]
pub struct Graph {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Graph {
    /// The graph on `n` vertices with `edges` (each listed once; both directions are stored).
    #[must_use]
    pub fn new(n: usize, edges: &[(u32, u32)]) -> Self {
        let mut degree = vec![0u32; n + 1];
        for &(a, b) in edges {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut sum = 0u32;
        for d in &degree[..n] {
            offsets.push(sum);
            sum += d;
        }
        offsets.push(sum);
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; sum as usize];
        for &(a, b) in edges {
            targets[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
            targets[fill[b as usize] as usize] = a;
            fill[b as usize] += 1;
        }
        Self { offsets, targets }
    }

    /// Where the neighbours of `i` are in `targets` (none for a vertex past the end).
    fn span(&self, i: usize) -> (u32, u32) {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }

    /// The neighbours of `i`.
    #[must_use]
    pub fn neighbours(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.targets[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The graph of the links that touch no hub, which groups too large for one batch are split on.
#[must_use]
pub fn link_graph(n: usize, linking: &[Link], hubs: &Hubs) -> Graph {
    let edges: Vec<(u32, u32)> = linking
        .iter()
        .filter(|l| !hubs.touches(l))
        .map(|&(m, d, _)| (m, d))
        .collect();
    Graph::new(n, &edges)
}

/// Splits `members` (a group too large for one batch) into pieces that fit `caps`, growing each
/// piece from its least-connected free mailbox by the mailbox with the most links into it, so
/// few links cross pieces. Only links between members count. To split several groups, a
/// [`Splitter`] reads the graph and the weights once.
#[must_use]
pub fn split_group(
    members: &[usize],
    graph: &Graph,
    weights: &[Weight],
    caps: Caps,
) -> Vec<Vec<usize>> {
    Splitter::default().split(members, graph, weights, caps)
}

/// What splitting reads of a mailbox, side by side: its mark, where its neighbours are and its
/// weight. A neighbour costs one read of memory (the mailboxes of a large group lie all over
/// it), where three lists cost three.
#[derive(Clone, Copy, Debug)]
#[repr(align(32))]
struct Node {
    /// Outside the group being split, taken into a piece, or free with its gain: the links it
    /// has into the piece being grown.
    mark: u32,
    /// Its neighbours: `targets[first..end]` of the graph.
    first: u32,
    end: u32,
    weight: Weight,
}

/// A [`Node`]'s mark outside the group being split.
const OUTSIDE: u32 = u32::MAX;
/// A [`Node`]'s mark once taken into a piece.
const TAKEN: u32 = u32::MAX - 1;

/// Splits groups too large for one batch ([`split_group`]), all of one graph and one list of
/// weights: what it reads of every mailbox is laid out once, and each group marks and then
/// clears its own members only.
#[derive(Debug, Default)]
pub struct Splitter {
    nodes: Vec<Node>,
}

impl Splitter {
    /// Splits `members` as [`split_group`] does. Every call on one splitter passes the same
    /// `graph` and `weights`.
    #[must_use]
    pub fn split(
        &mut self,
        members: &[usize],
        graph: &Graph,
        weights: &[Weight],
        caps: Caps,
    ) -> Vec<Vec<usize>> {
        if self.nodes.len() != weights.len() {
            self.nodes = (0..weights.len())
                .map(|i| {
                    let (first, end) = graph.span(i);
                    Node {
                        mark: OUTSIDE,
                        first,
                        end,
                        weight: weights[i],
                    }
                })
                .collect();
        }
        for &m in members {
            self.nodes[m].mark = 0;
        }
        let pieces = grow_pieces(&mut self.nodes, &graph.targets, members, caps);
        for &m in members {
            self.nodes[m].mark = OUTSIDE;
        }
        pieces
    }
}

/// The pieces of `members`, whose nodes are marked free (0) and all others [`OUTSIDE`].
fn grow_pieces(
    nodes: &mut [Node],
    targets: &[u32],
    members: &[usize],
    caps: Caps,
) -> Vec<Vec<usize>> {
    let free = |mark: u32| mark < TAKEN;
    let neighbours = |node: &Node| targets.get(node.first as usize..node.end as usize);
    let inner = |i: usize, nodes: &[Node]| {
        neighbours(&nodes[i]).map_or(0, |n| {
            n.iter()
                .filter(|&&j| nodes[j as usize].mark != OUTSIDE)
                .count()
        })
    };
    let mut seeds: Vec<(usize, usize)> = members.iter().map(|&i| (inner(i, nodes), i)).collect();
    // Grow from the periphery (fewest links first), as breadth-first partitioning does.
    seeds.sort_unstable();
    let mut seed_at = 0;
    let mut touched: Vec<usize> = Vec::new();
    // A bucket queue by gain, with lazy deletion: an entry is live while its mailbox is free and
    // its gain is still the bucket's.
    let mut buckets: Vec<Vec<usize>> = Vec::new();
    let mut top = 0usize;
    let mut pieces = Vec::new();
    // What the reads ahead add up to, kept so that they are made.
    let mut warm = 0u32;
    loop {
        while seed_at < seeds.len() && !free(nodes[seeds[seed_at].1].mark) {
            seed_at += 1;
        }
        let Some(&(_, seed)) = seeds.get(seed_at) else {
            break;
        };
        let mut piece = Vec::new();
        let mut load = Load::default();
        let mut next = Some(seed);
        while let Some(i) = next {
            let node = nodes[i];
            let mut after = load;
            after.add(node.weight);
            if !after.fits(caps, piece.is_empty()) {
                break;
            }
            load = after;
            nodes[i].mark = TAKEN;
            piece.push(i);
            for &j in neighbours(&node).unwrap_or_default() {
                let j = j as usize;
                let gain = nodes[j].mark;
                if free(gain) {
                    if gain == 0 {
                        touched.push(j);
                        // A mailbox that joins the candidates is likely taken soon: the start of
                        // its neighbours, read here beside other reads, is then at hand, where
                        // read when it is taken it is waited for.
                        let first = targets.get(nodes[j].first as usize);
                        warm ^= first.copied().unwrap_or_default();
                    }
                    nodes[j].mark = gain + 1;
                    let g = gain as usize + 1;
                    if buckets.len() <= g {
                        buckets.resize_with(g + 1, Vec::new);
                    }
                    buckets[g].push(j);
                    top = top.max(g);
                }
            }
            next = None;
            while top > 0 {
                match buckets[top].pop() {
                    Some(j) if nodes[j].mark as usize == top => {
                        next = Some(j);
                        break;
                    }
                    Some(_) => {}
                    None => top -= 1,
                }
            }
            if next.is_none() {
                while seed_at < seeds.len() && !free(nodes[seeds[seed_at].1].mark) {
                    seed_at += 1;
                }
                next = seeds.get(seed_at).map(|&(_, j)| j);
            }
        }
        for b in &mut buckets {
            b.clear();
        }
        top = 0;
        for j in touched.drain(..) {
            if free(nodes[j].mark) {
                nodes[j].mark = 0;
            }
        }
        piece.sort_unstable();
        pieces.push(piece);
    }
    std::hint::black_box(warm);
    pieces
}

/// Pieces to pack (groups, or parts of a group, that fit one batch), stored flat: one
/// allocation for a million pieces, not one each.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pieces {
    members: Vec<u32>,
    ends: Vec<u32>,
}

impl Pieces {
    /// Adds a piece (not empty).
    pub fn push(&mut self, piece: impl IntoIterator<Item = usize>) {
        self.members.extend(
            piece
                .into_iter()
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX)),
        );
        self.ends
            .push(u32::try_from(self.members.len()).unwrap_or(u32::MAX));
    }

    /// The number of pieces.
    #[must_use]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The members of piece `p`.
    #[must_use]
    pub fn get(&self, p: usize) -> &[u32] {
        let start = if p == 0 { 0 } else { self.ends[p - 1] as usize };
        &self.members[start..self.ends[p] as usize]
    }
}

/// Packs pieces (groups that fit) into batches: largest first, each into the first of the 64
/// most recently opened batches it fits, else a new one (first fit over a sliding window keeps
/// the work linear; older batches took larger pieces and are full). Returns each batch's
/// members, sorted.
#[must_use]
pub fn pack(pieces: &Pieces, weights: &[Weight], caps: Caps) -> Vec<Vec<usize>> {
    const LOOKBACK: usize = 64;
    let load_of = |piece: &[u32]| {
        let mut l = Load::default();
        for &i in piece {
            l.add(weights[i as usize]);
        }
        l
    };
    let mut keyed: Vec<(Load, usize)> = (0..pieces.len())
        .map(|p| (load_of(pieces.get(p)), p))
        .collect();
    // Pieces are disjoint and not empty: first members differ, so the order is total.
    keyed.sort_unstable_by(|(a, pa), (b, pb)| {
        b.mailboxes
            .cmp(&a.mailboxes)
            .then(b.bytes.cmp(&a.bytes))
            .then(pieces.get(*pa).first().cmp(&pieces.get(*pb).first()))
    });
    let mut batches: Vec<(Load, Vec<usize>)> = Vec::new();
    for (load, p) in keyed {
        let piece = pieces.get(p).iter().map(|&i| i as usize);
        let target = (batches.len().saturating_sub(LOOKBACK)..batches.len())
            .find(|&b| batches[b].0.plus(load).fits(caps, batches[b].1.is_empty()));
        match target {
            Some(b) => {
                batches[b].0 = batches[b].0.plus(load);
                batches[b].1.extend(piece);
            }
            None => batches.push((load, piece.collect())),
        }
    }
    batches
        .into_iter()
        .map(|(_, mut members)| {
            members.sort_unstable();
            members
        })
        .collect()
}

/// The batches, in the order they run, and how many of the first are the pilot's.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Packed {
    /// Each batch's members (inventory indexes), sorted.
    pub batches: Vec<Vec<usize>>,
    /// The first `pilot_batches` batches are the pilot.
    pub pilot_batches: usize,
}

/// Whether `members` fit one batch.
fn fits(members: &[usize], weights: &[Weight], caps: Caps) -> bool {
    let mut load = Load::default();
    for &i in members {
        load.add(weights[i]);
    }
    load.fits(caps, false)
}

/// Planning stages 4 and 6, split oversized groups and pack under limits: the pilot first (in
/// as many batches as it needs), then each group's other members, a group larger than a batch
/// split where the fewest links break, packed into batches. A single-batch path (cutover)
/// moves every mailbox in its one batch.
#[must_use]
pub fn pack_batches(
    single_batch: bool,
    groups: &Groups,
    (linking, hubs, prebuilt): (&[Link], &Hubs, Option<&Graph>),
    in_pilot: &[bool],
    (weights, caps): (&[Weight], Caps),
) -> Packed {
    let n = weights.len();
    if single_batch {
        return Packed {
            batches: vec![(0..n).collect()],
            pilot_batches: 0,
        };
    }
    let mut built: Option<Graph> = None;
    let mut splitter = Splitter::default();
    let mut pieces = Pieces::default();
    let mut rest: Vec<usize> = Vec::new();
    for members in groups.iter() {
        rest.clear();
        rest.extend(
            members
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| !in_pilot[i]),
        );
        if rest.is_empty() {
            continue;
        }
        if rest.len() == 1 || fits(&rest, weights, caps) {
            pieces.push(rest.iter().copied());
            continue;
        }
        let graph = match prebuilt {
            Some(graph) => graph,
            None => built.get_or_insert_with(|| link_graph(n, linking, hubs)),
        };
        for piece in splitter.split(&rest, graph, weights, caps) {
            pieces.push(piece);
        }
    }
    let mut batches = Vec::new();
    let pilot: Vec<usize> = (0..n).filter(|&i| in_pilot[i]).collect();
    if !pilot.is_empty() {
        if fits(&pilot, weights, caps) {
            batches.push(pilot);
        } else {
            batches.extend(split_group(&pilot, &Graph::default(), weights, caps));
        }
    }
    let pilot_batches = batches.len();
    batches.extend(pack(&pieces, weights, caps));
    Packed {
        batches,
        pilot_batches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `split_group` as it was written first, one list of marks per call, which
    /// [`Splitter`] must agree with.
    fn reference(
        members: &[usize],
        graph: &Graph,
        weights: &[Weight],
        caps: Caps,
    ) -> Vec<Vec<usize>> {
        // Each mailbox's mark, one read where a state and a gain in two lists were two (the
        // neighbours of a mailbox lie all over memory): outside the group, taken into a piece, or
        // free with its gain, the links it has into the piece being grown.
        const OUTSIDE: u32 = u32::MAX;
        const TAKEN: u32 = u32::MAX - 1;
        let free = |mark: u32| mark < TAKEN;
        let mut mark = vec![OUTSIDE; weights.len()];
        for &m in members {
            mark[m] = 0;
        }
        let inner = |i: usize, mark: &[u32]| {
            graph
                .neighbours(i)
                .iter()
                .filter(|&&j| mark[j as usize] != OUTSIDE)
                .count()
        };
        let mut seeds: Vec<(usize, usize)> =
            members.iter().map(|&i| (inner(i, &mark), i)).collect();
        // Grow from the periphery (fewest links first), as breadth-first partitioning does.
        seeds.sort_unstable();
        let mut seed_at = 0;
        let mut touched: Vec<usize> = Vec::new();
        // A bucket queue by gain, with lazy deletion: an entry is live while its mailbox is free and
        // its gain is still the bucket's.
        let mut buckets: Vec<Vec<usize>> = Vec::new();
        let mut top = 0usize;
        let mut pieces = Vec::new();
        loop {
            while seed_at < seeds.len() && !free(mark[seeds[seed_at].1]) {
                seed_at += 1;
            }
            let Some(&(_, seed)) = seeds.get(seed_at) else {
                break;
            };
            let mut piece = Vec::new();
            let mut load = Load::default();
            let mut next = Some(seed);
            while let Some(i) = next {
                let mut after = load;
                after.add(weights[i]);
                if !after.fits(caps, piece.is_empty()) {
                    break;
                }
                load = after;
                mark[i] = TAKEN;
                piece.push(i);
                for &j in graph.neighbours(i) {
                    let j = j as usize;
                    let gain = mark[j];
                    if free(gain) {
                        if gain == 0 {
                            touched.push(j);
                        }
                        mark[j] = gain + 1;
                        let g = gain as usize + 1;
                        if buckets.len() <= g {
                            buckets.resize_with(g + 1, Vec::new);
                        }
                        buckets[g].push(j);
                        top = top.max(g);
                    }
                }
                next = None;
                while top > 0 {
                    match buckets[top].pop() {
                        Some(j) if mark[j] as usize == top => {
                            next = Some(j);
                            break;
                        }
                        Some(_) => {}
                        None => top -= 1,
                    }
                }
                if next.is_none() {
                    while seed_at < seeds.len() && !free(mark[seeds[seed_at].1]) {
                        seed_at += 1;
                    }
                    next = seeds.get(seed_at).map(|&(_, j)| j);
                }
            }
            for b in &mut buckets {
                b.clear();
            }
            top = 0;
            for j in touched.drain(..) {
                if free(mark[j]) {
                    mark[j] = 0;
                }
            }
            piece.sort_unstable();
            pieces.push(piece);
        }
        pieces
    }

    #[test]
    fn a_splitter_splits_as_the_plain_algorithm_does_group_after_group() {
        // A random graph on up to 60 mailboxes, random weights and caps, and groups drawn from
        // it one after another, split by one splitter.
        fn same(edges: Vec<(u8, u8)>, sizes: Vec<u8>, groups: Vec<Vec<u8>>, cap: u8) -> bool {
            let n = 60;
            let edges: Vec<(u32, u32)> = edges
                .iter()
                .map(|&(a, b)| (u32::from(a) % n, u32::from(b) % n))
                .filter(|&(a, b)| a != b)
                .collect();
            let graph = Graph::new(n as usize, &edges);
            let weights: Vec<Weight> = (0..n as usize)
                .map(|i| Weight {
                    bytes: u64::from(sizes.get(i).copied().unwrap_or(1)),
                    csv_bytes: 1,
                })
                .collect();
            let caps = Caps {
                mailboxes: usize::from(cap % 9) + 1,
                bytes: u64::from(cap) * 3 + 1,
                csv_bytes: u64::MAX,
            };
            let mut splitter = Splitter::default();
            groups.iter().all(|group| {
                let mut members: Vec<usize> =
                    group.iter().map(|&m| usize::from(m) % n as usize).collect();
                members.sort_unstable();
                members.dedup();
                let want = reference(&members, &graph, &weights, caps);
                splitter.split(&members, &graph, &weights, caps) == want
                    && split_group(&members, &graph, &weights, caps) == want
            })
        }
        quickcheck::QuickCheck::new()
            .tests(500)
            .quickcheck(same as fn(Vec<(u8, u8)>, Vec<u8>, Vec<Vec<u8>>, u8) -> bool);
    }

    #[test]
    fn a_chain_splits_into_runs() {
        // 0-1-2-3-4-5 in a line, caps of 3: two pieces, one link broken.
        let edges: Vec<(u32, u32)> = (0..5).map(|i| (i, i + 1)).collect();
        let graph = Graph::new(6, &edges);
        let weights = vec![Weight::default(); 6];
        let caps = Caps {
            mailboxes: 3,
            bytes: u64::MAX,
            csv_bytes: u64::MAX,
        };
        let pieces = split_group(&[0, 1, 2, 3, 4, 5], &graph, &weights, caps);
        assert_eq!(pieces.len(), 2);
        let crossing = (0..5)
            .filter(|&i| {
                pieces.iter().position(|p| p.contains(&i))
                    != pieces.iter().position(|p| p.contains(&(i + 1)))
            })
            .count();
        assert_eq!(crossing, 1);
    }

    #[test]
    fn packing_respects_caps() {
        let weights = vec![
            Weight {
                bytes: 10,
                csv_bytes: 1
            };
            10
        ];
        let caps = Caps {
            mailboxes: 4,
            bytes: 30,
            csv_bytes: u64::MAX,
        };
        let mut pieces = Pieces::default();
        for i in 0..10 {
            pieces.push([i]);
        }
        let batches = pack(&pieces, &weights, caps);
        assert!(batches.iter().all(|b| b.len() <= 3));
        assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 10);
    }
}
