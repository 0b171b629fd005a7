//! Small numbers in published tables, hidden as official statistics hide
//! them (statistical disclosure control), so that no count of fewer than 5
//! pupils can be read or worked out from what a report shows.
//!
//! A published table is given as a [`Grid`] of counts with its additive
//! structure: each [`Relation`] says that one cell (a row, column or grand
//! total) is the sum of others. Cells may belong to several relations, and
//! to relations across tables (the register's "All" is the total of both
//! the K/E split and the split by broad area). A count that is printed only
//! through a percentage (the pupils making a significant gain, or those not
//! on the register beside the roll) is an *unprinted* cell: it is known
//! exactly when the percentage is shown, and not at all when it is hidden.
//!
//! The rule ([`Grid::suppress`]):
//!
//! 1. **Primary**: a count of 1 to 4 reads "fewer than 5".
//! 2. **Zeros** are shown as 0, as DfE and ONS tables show true zeros: a
//!    zero cell holds no pupil, and showing it lets the reader know that a
//!    "fewer than 5" is at least 1, which the next step takes into account.
//!    A zero beside a small count does say what that small group has in
//!    common ("0 on SEN support" beside "fewer than 5 with autism": each of
//!    them has a plan). Hiding such zeros was tried and rejected: a zero is
//!    usually given back at once by another zero (a need nobody has is 0 in
//!    every column), so hiding it protects nothing, while the cells hidden
//!    to cover it emptied whole tables of small schools. Official tables
//!    accept this group disclosure and so does Waymark.
//! 3. **Secondary**: a reader who sees a table knows every shown figure, that
//!    a "fewer than 5" is 1 to 4 and that a "hidden" count is 5 or more
//!    (only counts of 5 or more are hidden by this step; zeros never are).
//!    From the relations they can narrow
//!    each hidden count down, by the sums and by the bounds: K = 12 with
//!    All = 15 gives E = 3; "fewer than 5" twice beside a total of 8 gives
//!    4 and 4. While any hidden count can be worked out exactly (by the
//!    linear equations, or by bounds narrowed to one value), one more cell
//!    is hidden: the smallest non-zero shown count in a relation holding a
//!    count that can be worked out, preferring an unprinted count (it costs
//!    the reader nothing), then a cell that is no relation's total, then
//!    the smaller value, then the earlier cell. A total is hidden only when
//!    the cells beside it cannot protect the small count. This repeats until
//!    no hidden count can be worked out. Secondary cells read "hidden".
//! 4. **Withheld**: when a count can still be worked out and no shown count
//!    of 5 or more is left to hide beside it (a register of 4 pupils across
//!    three needs, where the shown zeros and the bounds pin the small
//!    counts), every count of the relations around it, zeros included, is
//!    withheld: "not published (too few)", of which the reader knows
//!    nothing. This repeats until no count can be worked out.
//! 5. **Percentages** ([`Suppressed::percent`]): a percentage is shown only
//!    when its numerator and its denominator are both shown; a percentage
//!    of a hidden count, or of a hidden whole, would give it back by scaling.
//!
//! [`pinned`] is the reader's reasoning, public so that tests can audit any
//! published table with it.

/// Counts from 1 to this, less one, are small (fewer than 5).
pub const SMALL: u64 = 5;

/// What a report prints for a small count.
pub const FEWER_THAN_5: &str = "fewer than 5";

/// What a report prints for a count (or a percentage) hidden so that a
/// small count cannot be worked out from it.
pub const HIDDEN: &str = "hidden";

/// What a report prints for a count withheld because the figures around it
/// are too few to protect it any other way.
pub const WITHHELD: &str = "not published (too few)";

/// How one count is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The count itself.
    Shown(u64),
    /// "fewer than 5": a count of 1 to 4.
    Small,
    /// "hidden": a count of 5 or more hidden to protect a small one.
    Hidden,
    /// "not published (too few)": any count, withheld with the small
    /// counts around it when nothing else can protect them.
    Withheld,
}

impl Cell {
    /// The text a report prints.
    pub fn text(self) -> String {
        match self {
            Cell::Shown(n) => n.to_string(),
            Cell::Small => FEWER_THAN_5.to_owned(),
            Cell::Hidden => HIDDEN.to_owned(),
            Cell::Withheld => WITHHELD.to_owned(),
        }
    }

    /// Reads a published text back (for audits): `None` if it is not a
    /// count a report prints.
    pub fn parse(text: &str) -> Option<Cell> {
        match text {
            FEWER_THAN_5 => Some(Cell::Small),
            HIDDEN => Some(Cell::Hidden),
            WITHHELD => Some(Cell::Withheld),
            t => t.parse().ok().map(Cell::Shown),
        }
    }
}

/// `total` is the sum of `parts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub total: usize,
    pub parts: Vec<usize>,
}

impl Relation {
    fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.total).chain(self.parts.iter().copied())
    }
}

/// Counts to publish and how they add up.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    values: Vec<u64>,
    printed: Vec<bool>,
    relations: Vec<Relation>,
}

impl Grid {
    pub fn new() -> Self {
        Self::default()
    }

    /// A count the report prints; returns its index.
    pub fn cell(&mut self, value: usize) -> usize {
        self.values.push(value as u64);
        self.printed.push(true);
        self.values.len() - 1
    }

    /// A count the report prints only through a percentage.
    pub fn unprinted(&mut self, value: usize) -> usize {
        let i = self.cell(value);
        self.printed[i] = false;
        i
    }

    /// `total` is the sum of `parts`.
    pub fn sum(&mut self, total: usize, parts: &[usize]) {
        debug_assert_eq!(
            self.values[total],
            parts.iter().map(|p| self.values[*p]).sum::<u64>(),
            "a relation that does not add up"
        );
        self.relations.push(Relation {
            total,
            parts: parts.to_vec(),
        });
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Decides what to print of each count (see the module's rule).
    pub fn suppress(&self) -> Suppressed {
        let mut cells: Vec<Cell> = self
            .values
            .iter()
            .map(|v| {
                if (1..SMALL).contains(v) {
                    Cell::Small
                } else {
                    Cell::Shown(*v)
                }
            })
            .collect();
        let is_total: Vec<bool> = (0..cells.len())
            .map(|i| self.relations.iter().any(|r| r.total == i))
            .collect();
        loop {
            let known = reader_bounds(&cells, &self.printed);
            let found = pinned(&known, &self.relations);
            if found.is_empty() {
                break;
            }
            let candidates = |rels: &mut dyn Iterator<Item = &Relation>| {
                rels.flat_map(Relation::cells)
                    .filter(|i| matches!(cells[*i], Cell::Shown(v) if v > 0))
                    .min_by_key(|i| (self.printed[*i], is_total[*i], self.values[*i], *i))
            };
            let touching = |i: usize| {
                self.relations
                    .iter()
                    .filter(move |r| r.cells().any(|c| c == i))
            };
            let pick = candidates(&mut touching(found[0]))
                .or_else(|| candidates(&mut found.iter().flat_map(|c| touching(*c))))
                .or_else(|| {
                    candidates(
                        &mut self
                            .relations
                            .iter()
                            .filter(|r| r.cells().any(|c| !matches!(cells[c], Cell::Shown(_)))),
                    )
                });
            match pick {
                Some(i) => cells[i] = Cell::Hidden,
                None => {
                    // Nothing left to hide beside it: withhold every count
                    // of the relations around what can be worked out.
                    let before = cells.clone();
                    for c in &found {
                        for r in touching(*c) {
                            for i in r.cells() {
                                cells[i] = Cell::Withheld;
                            }
                        }
                    }
                    if cells == before {
                        break;
                    }
                }
            }
        }
        Suppressed { cells }
    }
}

/// What a reader knows of a count: at least `lo`, at most `hi` (`None`:
/// no upper bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub lo: u64,
    pub hi: Option<u64>,
}

impl Bounds {
    pub fn exact(v: u64) -> Self {
        Bounds { lo: v, hi: Some(v) }
    }

    pub fn is_exact(self) -> bool {
        self.hi == Some(self.lo)
    }
}

/// What a reader of the published cells knows of each count before doing
/// any sums: shown counts exactly; "fewer than 5" is 1 to 4; "hidden" is 5
/// or more; an unprinted count that is not shown, nothing.
pub fn reader_bounds(cells: &[Cell], printed: &[bool]) -> Vec<Bounds> {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| match c {
            Cell::Shown(v) => Bounds::exact(*v),
            _ if !printed[i] => Bounds { lo: 0, hi: None },
            Cell::Small => Bounds {
                lo: 1,
                hi: Some(SMALL - 1),
            },
            Cell::Hidden => Bounds {
                lo: SMALL,
                hi: None,
            },
            Cell::Withheld => Bounds { lo: 0, hi: None },
        })
        .collect()
}

/// The counts that a reader who knows `known` and the `relations` can work
/// out exactly, among those not already known exactly: by solving the
/// relations as linear equations, or by narrowing the bounds through the
/// sums until one value is left. (Narrowing is sound but not complete: it
/// finds every count pinned by one sum and by chains of sums, which is what
/// tables of row and column totals allow.)
pub fn pinned(known: &[Bounds], relations: &[Relation]) -> Vec<usize> {
    let unknown: Vec<usize> = (0..known.len()).filter(|i| !known[*i].is_exact()).collect();
    let solved = solvable(relations, &unknown);
    let narrowed = narrow(known, relations);
    unknown
        .iter()
        .zip(solved)
        .filter(|(i, s)| *s || narrowed[**i].is_exact())
        .map(|(i, _)| *i)
        .collect()
}

/// Whether each of `unknown` is fixed by the relations as linear equations
/// (its column is a pivot whose row has no free column, after reducing the
/// unknowns' coefficients to reduced row echelon form).
fn solvable(relations: &[Relation], unknown: &[usize]) -> Vec<bool> {
    let col = |i: usize| unknown.iter().position(|u| *u == i);
    let mut rows: Vec<Vec<i128>> = relations
        .iter()
        .map(|r| {
            let mut row = vec![0i128; unknown.len()];
            if let Some(c) = col(r.total) {
                row[c] += 1;
            }
            for p in &r.parts {
                if let Some(c) = col(*p) {
                    row[c] -= 1;
                }
            }
            row
        })
        .filter(|row| row.iter().any(|x| *x != 0))
        .collect();
    let mut pivots: Vec<Option<usize>> = vec![None; unknown.len()];
    let mut rank = 0;
    for c in 0..unknown.len() {
        let Some(r) = (rank..rows.len()).find(|r| rows[*r][c] != 0) else {
            continue;
        };
        rows.swap(rank, r);
        for j in 0..rows.len() {
            if j != rank && rows[j][c] != 0 {
                let (p, f) = (rows[rank][c], rows[j][c]);
                let pivot_row = rows[rank].clone();
                for (x, y) in rows[j].iter_mut().zip(&pivot_row) {
                    *x = *x * p - y * f;
                }
                let g = rows[j].iter().fold(0i128, |g, x| gcd(g, x.abs()));
                if g > 1 {
                    rows[j].iter_mut().for_each(|x| *x /= g);
                }
            }
        }
        pivots[c] = Some(rank);
        rank += 1;
    }
    (0..unknown.len())
        .map(|c| {
            pivots[c].is_some_and(|r| {
                (0..unknown.len()).all(|k| k == c || pivots[k].is_some() || rows[r][k] == 0)
            })
        })
        .collect()
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// Narrows every count's bounds through the sums until nothing changes.
fn narrow(known: &[Bounds], relations: &[Relation]) -> Vec<Bounds> {
    const INF: i128 = i128::MAX / 4;
    let mut lo: Vec<i128> = known.iter().map(|b| i128::from(b.lo)).collect();
    let mut hi: Vec<i128> = known.iter().map(|b| b.hi.map_or(INF, i128::from)).collect();
    let add = |a: i128, b: i128| if a >= INF || b >= INF { INF } else { a + b };
    for _ in 0..10_000 {
        let mut changed = false;
        for r in relations {
            let sum_lo: i128 = r.parts.iter().map(|p| lo[*p]).sum();
            let sum_hi = r.parts.iter().fold(0, |s, p| add(s, hi[*p]));
            if sum_lo > lo[r.total] {
                lo[r.total] = sum_lo;
                changed = true;
            }
            if sum_hi < hi[r.total] {
                hi[r.total] = sum_hi;
                changed = true;
            }
            for (k, p) in r.parts.iter().enumerate() {
                let others = r.parts.iter().enumerate().filter(|(j, _)| *j != k);
                let others_lo: i128 = others.clone().map(|(_, q)| lo[*q]).sum();
                let others_hi = others.fold(0, |s, (_, q)| add(s, hi[*q]));
                if others_hi < INF && lo[r.total] - others_hi > lo[*p] {
                    lo[*p] = lo[r.total] - others_hi;
                    changed = true;
                }
                if hi[r.total] < INF && hi[r.total] - others_lo < hi[*p] {
                    hi[*p] = hi[r.total] - others_lo;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    lo.iter()
        .zip(&hi)
        .map(|(l, h)| Bounds {
            lo: u64::try_from(*l).unwrap_or(0),
            hi: (*h < INF).then(|| u64::try_from(*h).unwrap_or(0)),
        })
        .collect()
}

/// The published form of a [`Grid`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    cells: Vec<Cell>,
}

impl Suppressed {
    pub fn cell(&self, i: usize) -> Cell {
        self.cells[i]
    }

    /// The text to print for cell `i`.
    pub fn text(&self, i: usize) -> String {
        self.cells[i].text()
    }

    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// `part` of `whole` as a percentage, shown only when both counts are
    /// shown ("hidden" otherwise; "–" of a whole of none).
    pub fn percent(&self, part: usize, whole: usize) -> String {
        match (self.cells[part], self.cells[whole]) {
            (Cell::Shown(p), Cell::Shown(w)) => super::reports::percent(p as usize, w as usize),
            _ => HIDDEN.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-row table: `parts` and their total, suppressed.
    fn row(parts: &[usize]) -> Vec<String> {
        let mut g = Grid::new();
        let cells: Vec<usize> = parts.iter().map(|v| g.cell(*v)).collect();
        let total = g.cell(parts.iter().sum());
        g.sum(total, &cells);
        let s = g.suppress();
        cells.iter().chain([&total]).map(|c| s.text(*c)).collect()
    }

    #[test]
    fn a_small_count_beside_its_total_takes_the_smallest_other_with_it() {
        // K = 12, E = 3, All = 15. E is small. K and All both shown would give
        // E = 15 - 12; K is the smaller shown count and no total, so K is
        // hidden. The reader knows K >= 5 and 1 <= E <= 4: K is 11 to 14.
        assert_eq!(row(&[12, 3]), ["hidden", "fewer than 5", "15"]);
        // Nothing small: nothing hidden; zeros shown.
        assert_eq!(row(&[12, 0, 7]), ["12", "0", "7", "19"]);
    }

    #[test]
    fn counts_that_only_zeros_and_bounds_would_give_back_are_withheld() {
        // A register of 4 pupils, one in each of four needs: four "fewer
        // than 5" (each 1 to 4) adding up to a "fewer than 5" (at most 4)
        // can only be 1 each. No count of 5 or more is left to hide, so the
        // row is withheld, its zero too (a zero shown beside it would still
        // say that need has nobody).
        let w = WITHHELD;
        assert_eq!(row(&[1, 1, 1, 1]), [w, w, w, w, w]);
        assert_eq!(row(&[1, 1, 1, 1, 0]), [w, w, w, w, w, w]);
        // Three of four across three needs are not pinned (2, 1, 1 or any
        // order): "fewer than 5" stands.
        assert_eq!(
            row(&[2, 1, 1]),
            [FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5]
        );
        assert_eq!(Cell::parse(w), Some(Cell::Withheld));
    }

    #[test]
    fn a_total_is_hidden_when_the_bounds_would_give_the_count_back() {
        // K = 5, E = 1, All = 6. Hiding K alone is not enough: K >= 5 and
        // E >= 1 with K + E = 6 leave only K = 5, E = 1. So All goes too.
        assert_eq!(row(&[5, 1]), ["hidden", "fewer than 5", "hidden"]);
        // K = 4, E = 4, All = 8: both "fewer than 5" (at most 4) adding to 8
        // can only be 4 and 4, so the total is hidden.
        assert_eq!(row(&[4, 4]), ["fewer than 5", "fewer than 5", "hidden"]);
        // K = 3, E = 4, All = 7: 3 + 4, 4 + 3: two readings, nothing more hidden.
        assert_eq!(row(&[3, 4]), ["fewer than 5", "fewer than 5", "7"]);
        // A, B, C = 2, 9, 30, total 41: B (9, the smallest other) is hidden;
        // B >= 5, 1 <= A <= 4, A + B = 11: B is 7 to 10.
        assert_eq!(row(&[2, 9, 30]), ["fewer than 5", "hidden", "30", "41"]);
    }

    #[test]
    fn zeros_are_shown() {
        // K = 0, E = 2, total 2: the 0 is shown (rule 2); E and the total are
        // both "fewer than 5" and equal, so neither can be worked out.
        assert_eq!(row(&[0, 2]), ["0", "fewer than 5", "fewer than 5"]);
        // K = 0, E = 1, F = 5, total 6: E alone would be 6 - 5, so F is
        // hidden; then E >= 1 and F >= 5 leave only 1 and 5, so the total
        // goes too. A zero is never hidden (hiding it would protect nothing).
        assert_eq!(row(&[0, 1, 5]), ["0", "fewer than 5", "hidden", "hidden"]);
        // All zero: nothing to protect.
        assert_eq!(row(&[0, 0]), ["0", "0", "0"]);
    }

    #[test]
    fn a_two_way_table_hides_cells_across_rows_and_columns() {
        // Rows SLCN and SEMH, columns K and E, with totals:
        //          K   E   Total
        //   SLCN  10   3   13
        //   SEMH   8   7   15
        //   All   18  10   28
        // E/SLCN = 3 is small. The smallest shown count beside it (in its row
        // or column) that is no total is E/SEMH, 7: hidden. Row SLCN still
        // gives 3 = 13 - 10, so K/SLCN (10) goes; then column K gives
        // 10 = 18 - 8, so K/SEMH (8) goes. Every sum now holds two hidden
        // cells and the four can move together (10+d, 3-d, 8-d, 7+d), so
        // none is fixed: E/SLCN is 1 to 4 and the others follow from it.
        let mut g = Grid::new();
        let v = [[10, 3], [8, 7]];
        let c: Vec<[usize; 2]> = v.iter().map(|r| [g.cell(r[0]), g.cell(r[1])]).collect();
        let rt: Vec<usize> = v.iter().map(|r| g.cell(r[0] + r[1])).collect();
        let ct = [g.cell(18), g.cell(10)];
        let all = g.cell(28);
        for i in 0..2 {
            g.sum(rt[i], &c[i]);
            g.sum(ct[i], &[c[0][i], c[1][i]]);
        }
        g.sum(all, &rt);
        g.sum(all, &ct);
        let s = g.suppress();
        let text = |i: usize| s.text(i);
        assert_eq!(
            [text(c[0][0]), text(c[0][1]), text(c[1][0]), text(c[1][1])],
            ["hidden", "fewer than 5", "hidden", "hidden"]
        );
        assert_eq!(
            [
                text(rt[0]),
                text(rt[1]),
                text(ct[0]),
                text(ct[1]),
                text(all)
            ],
            ["13", "15", "18", "10", "28"]
        );
        let known = reader_bounds(s.cells(), &[true; 9]);
        assert_eq!(pinned(&known, g.relations()), Vec::<usize>::new());
    }

    #[test]
    fn a_percentage_shows_only_when_both_counts_show() {
        // 12 pupils with data, 4 of them made a significant gain (33.33%):
        // the 4 is small, so the share is hidden; and 8 of 12 did not, which
        // the share would also give back, so the unprinted 8 is hidden with it.
        let mut g = Grid::new();
        let n = g.cell(12);
        let yes = g.unprinted(4);
        let no = g.unprinted(8);
        g.sum(n, &[yes, no]);
        let s = g.suppress();
        assert_eq!(s.text(n), "12");
        assert_eq!(s.percent(yes, n), "hidden");
        assert_eq!(s.cell(no), Cell::Hidden);
        // 11 of 12 is as telling as 1 of 12.
        let mut g = Grid::new();
        let n = g.cell(12);
        let yes = g.unprinted(11);
        let no = g.unprinted(1);
        g.sum(n, &[yes, no]);
        assert_eq!(g.suppress().percent(yes, n), "hidden");
        // 6 of 12: shown.
        let mut g = Grid::new();
        let n = g.cell(12);
        let yes = g.unprinted(6);
        let no = g.unprinted(6);
        g.sum(n, &[yes, no]);
        assert_eq!(g.suppress().percent(yes, n), "50%");
    }

    #[test]
    fn the_reader_works_out_what_one_sum_or_the_bounds_give() {
        let e = Bounds::exact;
        let small = Bounds { lo: 1, hi: Some(4) };
        let big = Bounds { lo: 5, hi: None };
        let rel = vec![Relation {
            total: 2,
            parts: vec![0, 1],
        }];
        assert_eq!(pinned(&[e(12), small, e(15)], &rel), [1]);
        assert_eq!(pinned(&[big, small, e(15)], &rel), Vec::<usize>::new());
        assert_eq!(pinned(&[big, small, e(6)], &rel), [0, 1]);
        assert_eq!(pinned(&[small, small, e(8)], &rel), [0, 1]);
        assert_eq!(Cell::parse("fewer than 5"), Some(Cell::Small));
        assert_eq!(Cell::parse("hidden"), Some(Cell::Hidden));
        assert_eq!(Cell::parse("17"), Some(Cell::Shown(17)));
        assert_eq!(Cell::parse("£1.00"), None);
    }
}
