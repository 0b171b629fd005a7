//! The whole-school provision map: the classic grid with rows by broad area
//! of need and tier, and columns by term (or by year group), each cell
//! listing its provisions with their pupils and cost.

use std::collections::BTreeMap;
use uuid::Uuid;

use super::calendar::DateRange;
use super::costing::{CostCache, TermKey};
use super::dataset::Dataset;
use super::money::Money;
use super::needs::BroadArea;
use super::pupil::YearGroup;

/// What the map's columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    Term,
    YearGroup,
}

/// A column of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Term(TermKey),
    YearGroup(YearGroup),
    /// Cost in no term (dates outside every term) or carried by no pupil.
    Other,
}

impl Column {
    pub fn label(&self) -> String {
        match self {
            Column::Term(t) => super::calendar::term_label(t.start_year, t.term),
            Column::YearGroup(y) => y.label(),
            Column::Other => "Other".into(),
        }
    }
}

/// One provision in one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub provision_id: Uuid,
    pub name: String,
    /// Pupils in the provision within the column (all of them, by term; the
    /// pupils of that year group, by year group).
    pub pupils: usize,
    pub cost: Money,
}

/// The map for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map {
    pub columns: Vec<Column>,
    /// Rows in order: broad area, then tier in the settings' order.
    pub rows: Vec<(BroadArea, String)>,
    pub cells: BTreeMap<(usize, usize), Vec<Entry>>,
    pub row_totals: Vec<Money>,
    pub column_totals: Vec<Money>,
    pub total: Money,
}

/// Build the map of `data` over `period`, with the given columns.
pub fn build(data: &Dataset, period: DateRange, by: Columns) -> Map {
    build_with(data, period, by, &mut CostCache::default())
}

/// [`build`], costing again only the provisions that changed since `cache`
/// last saw them.
pub fn build_with(data: &Dataset, period: DateRange, by: Columns, cache: &mut CostCache) -> Map {
    let report = cache.build(data, period);
    let tier_order = |t: &str| {
        data.settings
            .tiers
            .iter()
            .position(|x| x.id == t)
            .unwrap_or(usize::MAX)
    };
    let mut rows: Vec<(BroadArea, String)> = report
        .provisions
        .iter()
        .filter_map(|c| data.provision(c.provision_id))
        .map(|p| (p.broad_area, p.tier.clone()))
        .collect();
    crate::domain::sort::by(&mut rows, |a, b| {
        a.0.cmp(&b.0)
            .then(tier_order(&a.1).cmp(&tier_order(&b.1)))
            .then(a.1.cmp(&b.1))
    });
    rows.dedup();
    // The year groups of the academic year the period starts in.
    let start_year = data.settings.academic_year_of(period.start);
    let year_of: BTreeMap<Uuid, YearGroup> = data
        .pupils
        .iter()
        .map(|p| (p.id, p.year_group_in(start_year)))
        .collect();

    // (row, column) -> entries, built per provision.
    let mut raw: Vec<(usize, Column, Entry)> = Vec::new();
    for c in &report.provisions {
        let Some(p) = data.provision(c.provision_id) else {
            continue;
        };
        let row = rows
            .iter()
            .position(|r| r.0 == p.broad_area && r.1 == p.tier)
            .expect("row made above");
        let entry = |pupils, cost| Entry {
            provision_id: p.id,
            name: p.name.clone(),
            pupils,
            cost,
        };
        match by {
            Columns::Term => {
                for t in &c.by_term {
                    // The pupils with a share in the term: those whose
                    // place counts on one of its school days.
                    raw.push((row, Column::Term(t.key), entry(t.shares.len(), t.total)));
                }
            }
            Columns::YearGroup => {
                let mut by_year: BTreeMap<Column, (usize, Money)> = BTreeMap::new();
                for s in &c.shares {
                    let col = year_of
                        .get(&s.pupil_id)
                        .map_or(Column::Other, |y| Column::YearGroup(*y));
                    let slot = by_year.entry(col).or_default();
                    slot.0 += 1;
                    slot.1 += s.amount;
                }
                if c.unallocated != Money::ZERO || c.shares.is_empty() {
                    by_year.entry(Column::Other).or_default().1 += c.unallocated;
                }
                for (col, (n, cost)) in by_year {
                    raw.push((row, col, entry(n, cost)));
                }
            }
        }
    }
    let mut columns: Vec<Column> = raw.iter().map(|(_, c, _)| *c).collect();
    if by == Columns::Term {
        // Every term of the period, even an empty one, in order.
        for y in &data.settings.years {
            for t in &y.terms {
                if t.range().intersect(&period).is_some() {
                    columns.push(Column::Term(TermKey {
                        start_year: y.start_year,
                        term: t.name,
                    }));
                }
            }
        }
    }
    crate::domain::sort::by(&mut columns, Ord::cmp);
    columns.dedup();
    let mut cells: BTreeMap<(usize, usize), Vec<Entry>> = BTreeMap::new();
    let mut row_totals = vec![Money::ZERO; rows.len()];
    let mut column_totals = vec![Money::ZERO; columns.len()];
    for (row, col, e) in raw {
        let ci = columns
            .iter()
            .position(|c| *c == col)
            .expect("column listed");
        row_totals[row] += e.cost;
        column_totals[ci] += e.cost;
        cells.entry((row, ci)).or_default().push(e);
    }
    for v in cells.values_mut() {
        crate::domain::sort::by(v, |a, b| a.name.cmp(&b.name));
    }
    Map {
        columns,
        rows,
        cells,
        row_totals,
        column_totals,
        total: report.grand_total,
    }
}
