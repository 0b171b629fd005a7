//! The law of published reports, property-tested over random schools: no
//! count of fewer than 5 can be read or worked out from what they show.
//!
//! For every published table (the governors' register, its split by broad
//! area and its impact shares; the SEN information report's counts by need
//! and provision type and its share of the roll) the test reads the printed
//! text back, knows how the figures add up (rows, columns, totals, and the
//! register's "All" shared by two tables), and checks:
//! - no shown count is 1 to 4;
//! - every sum holds no hidden cell or at least two (a single hidden cell
//!   is its total less the others);
//! - a reader narrowing every hidden count by the sums and by what the
//!   labels say ("fewer than 5" is 1 to 4, "hidden" is 5 or more), and
//!   solving the sums as equations, cannot fix any hidden count;
//! - a shown percentage has a shown whole, and neither the count it gives
//!   nor the rest of the whole is 1 to 4;
//! - figures all shown in a sum add up.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use jiff::civil::date;
use proptest::prelude::*;
use uuid::Uuid;
use waymark::domain::calendar::TermName;
use waymark::domain::dataset::Dataset;
use waymark::domain::needs::NeedCode;
use waymark::domain::provision::{Assessment, Enrolment, Score};
use waymark::domain::pupil::{Pupil, PupilDraft};
use waymark::domain::reports::{governors_summary, sen_information, Report, Table};
use waymark::domain::suppress::{pinned, Bounds, Cell, Relation};

#[derive(Debug, Clone)]
struct P {
    status: usize,
    need: usize,
    left: bool,
    gain: Option<u32>,
}

fn pupil_strategy() -> impl Strategy<Value = P> {
    (
        0usize..3,
        0usize..15,
        prop::bool::weighted(0.1),
        prop::option::of(0u32..12),
    )
        .prop_map(|(status, need, left, gain)| P {
            status,
            need,
            left,
            gain,
        })
}

/// The sample school plus `ps`: status K, E or N; a primary need (or none);
/// some left in October; some in the sample's provision with reading ages
/// 90 on 08/09/2025 and 90 + gain on 12/12/2025.
fn school(ps: &[P]) -> Dataset {
    let mut d = support::sample();
    let prov = d.provisions[0].id;
    let template = d.enrolments[0].clone();
    for (i, p) in ps.iter().enumerate() {
        let mut draft = PupilDraft::new(&format!("Pupil{i}"), "Test", "Y3");
        draft.sen_status = ["K", "E", "N"][p.status].into();
        if p.status < 2 {
            draft.primary_need = "SLCN".into();
        }
        let mut pupil = Pupil::create(&draft, support::now()).unwrap();
        // A register record without a need (as an older import may hold).
        pupil.primary_need = NeedCode::ALL.get(p.need).copied();
        if p.left {
            pupil.left_on = Some(date(2025, 10, 20));
        }
        if let Some(g) = p.gain {
            let mut e: Enrolment = template.clone();
            e.id = Uuid::new_v4();
            e.pupil_id = pupil.id;
            e.provision_id = prov;
            e.entry = Some(Assessment {
                score: Score::ReadingAgeMonths(90),
                date: date(2025, 9, 8),
            });
            e.exit = Some(Assessment {
                score: Score::ReadingAgeMonths(90 + g),
                date: date(2025, 12, 12),
            });
            d.enrolments.push(e);
        }
        d.pupils.push(pupil);
    }
    d
}

/// A published table of counts, read back: its cells and how they add up.
#[derive(Default)]
struct Published {
    cells: Vec<Cell>,
    /// Counts printed only through a percentage (`true`: it is shown).
    unprinted: Vec<bool>,
    relations: Vec<Relation>,
    what: Vec<String>,
}

impl Published {
    fn add(&mut self, text: &str, what: String) -> usize {
        let c = Cell::parse(text).unwrap_or_else(|| panic!("{what}: {text:?} is not a count"));
        if let Cell::Shown(n) = c {
            assert!(!(1..5).contains(&n), "{what}: {n} is shown");
        }
        self.cells.push(c);
        self.unprinted.push(true);
        self.what.push(what);
        self.cells.len() - 1
    }

    fn sum(&mut self, total: usize, parts: Vec<usize>) {
        self.relations.push(Relation { total, parts });
    }

    fn check(&self) {
        for r in &self.relations {
            let cells: Vec<usize> = std::iter::once(r.total).chain(r.parts.clone()).collect();
            let hidden: Vec<&str> = cells
                .iter()
                .filter(|c| !matches!(self.cells[**c], Cell::Shown(_)))
                .map(|c| self.what[*c].as_str())
                .collect();
            assert_ne!(
                hidden.len(),
                1,
                "{} is its sum's only hidden cell: {:?}",
                hidden.first().copied().unwrap_or_default(),
                cells.iter().map(|c| &self.what[*c]).collect::<Vec<_>>()
            );
            if hidden.is_empty() {
                let v = |c: usize| match self.cells[c] {
                    Cell::Shown(n) => n,
                    _ => unreachable!(),
                };
                assert_eq!(
                    v(r.total),
                    r.parts.iter().map(|p| v(*p)).sum::<u64>(),
                    "{} does not add up",
                    self.what[r.total]
                );
            }
        }
        let known: Vec<Bounds> = self
            .cells
            .iter()
            .zip(&self.unprinted)
            .map(|(c, printed)| match c {
                Cell::Shown(n) => Bounds::exact(*n),
                _ if !printed => Bounds { lo: 0, hi: None },
                Cell::Small => Bounds { lo: 1, hi: Some(4) },
                Cell::Hidden => Bounds { lo: 5, hi: None },
                Cell::Withheld => Bounds { lo: 0, hi: None },
            })
            .collect();
        // Whatever the school, nothing hidden can be worked out: where the
        // shown zeros and the bounds would pin small counts with nothing left
        // to hide, the counts around them are withheld.
        let found = pinned(&known, &self.relations);
        assert!(
            found.is_empty(),
            "a reader can work out {:?}",
            found.iter().map(|c| &self.what[*c]).collect::<Vec<_>>()
        );
    }
}

fn table<'a>(r: &'a Report, caption: &str) -> &'a Table {
    r.tables
        .iter()
        .find(|t| t.caption.starts_with(caption))
        .unwrap_or_else(|| panic!("no table {caption}"))
}

/// "x%" of a shown whole `n`: the count it gives, and the rest.
fn share_of(pct: &str, n: u64) -> (u64, u64) {
    let p: f64 = pct.trim_end_matches('%').parse().unwrap();
    let k = (p * n as f64 / 100.0).round() as u64;
    (k, n - k)
}

fn check_governors(r: &Report) {
    let mut p = Published::default();
    let reg = table(r, "Pupils on the SEN register");
    let k = p.add(&reg.rows[0][1], "K".into());
    let e = p.add(&reg.rows[1][1], "E".into());
    let all = p.add(&reg.rows[2][1], "All".into());
    p.sum(all, vec![k, e]);
    let areas = table(r, "By broad area");
    assert_eq!(areas.rows.len(), 6);
    let parts = areas
        .rows
        .iter()
        .map(|row| p.add(&row[1], row[0].clone()))
        .collect();
    p.sum(all, parts);
    p.check();
    for row in &table(r, "Impact").rows {
        let n = Cell::parse(&row[1]).unwrap();
        if let Cell::Shown(n) = n {
            assert!(!(1..5).contains(&n));
        }
        if row[3].ends_with('%') {
            let Cell::Shown(n) = n else {
                panic!("{}: a share of a hidden count", row[0])
            };
            let (yes, no) = share_of(&row[3], n);
            assert!(
                !(1..5).contains(&yes) && !(1..5).contains(&no),
                "{}: {} of {n} gives {yes} and {no}",
                row[0],
                row[3]
            );
        } else {
            assert!(["–", "hidden"].contains(&row[3].as_str()), "{}", row[3]);
        }
    }
}

fn check_sen_information(r: &Report) {
    let mut p = Published::default();
    let t = table(r, "Pupils on the SEN register by primary need");
    assert_eq!(t.rows.len(), 15);
    let cells: Vec<[usize; 3]> = t
        .rows
        .iter()
        .map(|row| {
            let mut c = [0; 3];
            for (j, cell) in c.iter_mut().enumerate() {
                *cell = p.add(&row[j + 1], format!("{} / {}", row[0], t.headers[j + 1]));
            }
            c
        })
        .collect();
    for c in &cells {
        p.sum(c[2], vec![c[0], c[1]]);
    }
    let (all, needs) = cells.split_last().unwrap();
    for j in 0..3 {
        p.sum(all[j], needs.iter().map(|c| c[j]).collect());
    }
    // "Pupils on roll: R; on the SEN register: S (x%)."
    let note = &r.notes[0];
    let rest = note.strip_prefix("Pupils on roll: ").unwrap();
    let (roll, rest) = rest.split_once("; on the SEN register: ").unwrap();
    let (register, share) = rest.rsplit_once(" (").unwrap();
    let share = share.trim_end_matches(").");
    assert_eq!(Cell::parse(register), Some(p.cells[all[2]]), "{note}");
    let roll = p.add(roll, "roll".into());
    let off = p.cells.len();
    if share.ends_with('%') {
        let (Cell::Shown(r), Cell::Shown(s)) = (p.cells[roll], p.cells[all[2]]) else {
            panic!("a share of a hidden count: {note}")
        };
        let (on, rest) = share_of(share, r);
        assert_eq!(on, s, "{note}");
        assert!(
            !(1..5).contains(&rest),
            "{note}: {rest} not on the register"
        );
        p.cells.push(Cell::Shown(rest));
    } else {
        assert_eq!(share, "percentage hidden", "{note}");
        p.cells.push(Cell::Hidden);
    }
    p.unprinted.push(false);
    p.what.push("not on the register".into());
    p.sum(roll, vec![all[2], off]);
    p.check();
    for row in &table(r, "Provision in").rows {
        let _ = Cell::parse(&row[2]).map(|c| {
            if let Cell::Shown(n) = c {
                assert!(!(1..5).contains(&n), "{} pupils receiving", n);
            }
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_hidden_count_can_be_worked_out(ps in prop::collection::vec(pupil_strategy(), 0..40)) {
        let d = school(&ps);
        for term in [TermName::Autumn, TermName::Spring] {
            check_governors(&governors_summary(&d, 2025, term).unwrap());
        }
        for day in [date(2025, 10, 1), date(2025, 11, 1)] {
            check_sen_information(&sen_information(&d, 2025, day).unwrap());
        }
    }
}
