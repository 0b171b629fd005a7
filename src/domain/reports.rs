//! The reports a SENCO must produce, as plain tables of text: the termly
//! governors' summary, the SEN information report's figures and the pupil
//! premium plus summary for children in care. The views print them and the
//! exchange layer writes them as CSV, so both show the same figures.
//!
//! Published reports (the governors' summary and the SEN information
//! report) show aggregates only. Their counts go through
//! [`super::suppress`]: a count of 1 to 4 reads "fewer than 5", and any
//! other count, total or percentage that would let one be worked out by
//! adding, subtracting or scaling reads "hidden". Means of fewer than 5
//! pupils are left out. The PP+ summary lists each child and is not for
//! publication, so its counts are exact.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::calendar::{DateRange, TermName};
use super::costing::CostReport;
use super::dataset::Dataset;
use super::impact::{gain, Gain};
use super::money::{Exact, Money};
use super::needs::{BroadArea, NeedCode, SenStatus};
use super::provision::{FundingSource, MeasureKind};
use super::pupil::Pupil;
use super::quantity::Dec2;
use super::suppress::{Grid, HIDDEN};
use uuid::Uuid;

/// Counts below this are not shown in published reports.
pub const SMALL_COUNT: usize = 5;

/// A count that stands alone (no total beside it) as a published report
/// shows it: 1 to 4 read "fewer than 5", 0 reads 0.
pub fn published_count(n: usize) -> String {
    let mut g = Grid::new();
    let c = g.cell(n);
    g.suppress().text(c)
}

/// The note every published report carries on small numbers.
const SUPPRESSION_NOTE: &str = "Counts of 1 to 4 are shown as \"fewer than 5\" (so is a 0 beside a group of fewer than 5). Where a total, a percentage or another count beside one would let it be worked out by adding, subtracting or scaling, that figure is \"hidden\" too, so no pupil can be identified.";

/// One table of a report: every cell is already the text to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A titled report of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub subtitle: String,
    pub tables: Vec<Table>,
    /// Notes printed under the tables (how figures were made).
    pub notes: Vec<String>,
}

pub(crate) fn table(caption: &str, headers: &[&str], rows: Vec<Vec<String>>) -> Table {
    Table {
        caption: caption.to_owned(),
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows,
    }
}

/// On the SEN register on any day of `period`.
fn on_register_during(p: &Pupil, period: &DateRange) -> bool {
    p.sen_status.on_register()
        && p.left_on.is_none_or(|d| d > period.start)
        && p.on_register_from.is_none_or(|d| d <= period.end)
        && p.off_register_from.is_none_or(|d| d > period.start)
}

pub(crate) fn tier_name(data: &Dataset, id: &str) -> String {
    data.settings
        .tier(id)
        .map_or_else(|| id.to_owned(), |t| t.name.clone())
}

/// `part` of `whole` as a percentage ("80%", "33.33%"); "–" of nothing.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "–".to_owned();
    }
    let x = Exact::new(i128::try_from(part * 100).unwrap_or(0), whole as i128);
    format!("{}%", Dec2::from_exact(x))
}

/// Impact of the enrolments whose exit assessment falls in `period`, by
/// measure: pupils with data, their mean gain and (for ages) the share
/// making a significant ratio gain.
/// `left_out`: places (enrolment ids) not counted (the impact view's
/// pupils who attended under the threshold, when asked to leave them out).
fn impact_rows(
    data: &Dataset,
    period: &DateRange,
    suppress: bool,
    left_out: &[uuid::Uuid],
) -> Vec<Vec<String>> {
    let mut by_measure: BTreeMap<usize, (MeasureKind, Vec<Gain>)> = BTreeMap::new();
    for e in &data.enrolments {
        if !e.exit.as_ref().is_some_and(|x| period.contains(x.date)) || left_out.contains(&e.id) {
            continue;
        }
        let g = gain(e, &data.settings);
        let Some(kind) = e.exit.as_ref().map(|x| x.score.kind()) else {
            continue;
        };
        if g.units().is_none() {
            continue;
        }
        let i = MeasureKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        by_measure.entry(i).or_insert((kind, Vec::new())).1.push(g);
    }
    by_measure
        .into_values()
        .map(|(kind, gains)| {
            let n = gains.len();
            let mean = |f: fn(&Gain) -> Option<Exact>| {
                let sum: Exact = gains.iter().filter_map(f).sum();
                Dec2::from_exact(sum / Exact::from_integer(n as i128)).to_string()
            };
            let sig = if kind.is_age() {
                gains
                    .iter()
                    .filter(|g| {
                        matches!(
                            g,
                            Gain::Ratio {
                                significant: true,
                                ..
                            }
                        )
                    })
                    .count()
            } else {
                0
            };
            let (mean_text, significant) = if kind.is_age() {
                (
                    format!(
                        "{} (ratio gain {})",
                        mean(Gain::units),
                        mean(|g| match g {
                            Gain::Ratio { ratio, .. } => Some(*ratio),
                            _ => None,
                        })
                    ),
                    percent(sig, n),
                )
            } else {
                (mean(Gain::units), "–".to_owned())
            };
            if !suppress {
                return vec![
                    kind.label().to_owned(),
                    n.to_string(),
                    mean_text,
                    significant,
                ];
            }
            // The share making a significant gain prints the count that did
            // (and the count that did not) as surely as the counts would.
            let mut g = Grid::new();
            let total = g.cell(n);
            let yes = g.unprinted(sig);
            let no = g.unprinted(n - sig);
            g.sum(total, &[yes, no]);
            let s = g.suppress();
            // A mean of fewer than 5 pupils could single one out.
            let small = n < SMALL_COUNT;
            vec![
                kind.label().to_owned(),
                s.text(total),
                if small { "–".into() } else { mean_text },
                if small || !kind.is_age() {
                    "–".into()
                } else {
                    s.percent(yes, total)
                },
            ]
        })
        .collect()
}

/// The termly report to governors: SEN register, provision, spend and
/// impact for one term, aggregates only.
pub fn governors_summary(data: &Dataset, start_year: i16, term: TermName) -> Option<Report> {
    let year = data.settings.year(start_year)?;
    let period = year.term(term)?.range();
    let on: Vec<&Pupil> = data
        .pupils
        .iter()
        .filter(|p| on_register_during(p, &period))
        .collect();
    let status = |s: SenStatus| on.iter().filter(|p| p.sen_status == s).count();
    // The register's counts: All is the sum of K and E, and of the areas
    // (with the pupils whose primary need is not recorded).
    let mut g = Grid::new();
    let k = g.cell(status(SenStatus::SenSupport));
    let e = g.cell(status(SenStatus::Ehcp));
    let all = g.cell(on.len());
    g.sum(all, &[k, e]);
    let mut area_cells: Vec<(String, usize)> = BroadArea::ALL
        .iter()
        .map(|a| {
            let n = on.iter().filter(|p| p.broad_area() == Some(*a)).count();
            (a.label().to_owned(), g.cell(n))
        })
        .collect();
    let unrecorded = on.iter().filter(|p| p.broad_area().is_none()).count();
    area_cells.push(("Primary need not recorded".into(), g.cell(unrecorded)));
    g.sum(all, &area_cells.iter().map(|a| a.1).collect::<Vec<_>>());
    let s = g.suppress();
    let register = table(
        "Pupils on the SEN register during the term",
        &["Group", "Pupils"],
        vec![
            vec!["SEN support (K)".into(), s.text(k)],
            vec!["EHC plan (E)".into(), s.text(e)],
            vec!["All on the register".into(), s.text(all)],
        ],
    );
    let areas = table(
        "By broad area of primary need",
        &["Broad area", "Pupils"],
        area_cells
            .into_iter()
            .map(|(label, c)| vec![label, s.text(c)])
            .collect(),
    );
    let report = CostReport::build(data, period);
    let running: Vec<_> = data
        .provisions
        .iter()
        .filter(|p| p.range().intersect(&period).is_some())
        .collect();
    let pupils: BTreeSet<_> = data
        .enrolments
        .iter()
        .filter(|e| e.range().intersect(&period).is_some())
        .map(|e| e.pupil_id)
        .collect();
    let mut by_tier: BTreeMap<String, (usize, Money)> = BTreeMap::new();
    for p in &running {
        let t = by_tier.entry(p.tier.clone()).or_default();
        t.0 += 1;
        t.1 += report.provision(p.id).map(|c| c.total).unwrap_or_default();
    }
    let mut provision_rows: Vec<Vec<String>> = data
        .settings
        .tiers
        .iter()
        .filter_map(|t| {
            by_tier
                .get(&t.id)
                .map(|(n, m)| vec![t.name.clone(), n.to_string(), m.to_string()])
        })
        .collect();
    for (id, (n, m)) in &by_tier {
        if data.settings.tier(id).is_none() {
            provision_rows.push(vec![tier_name(data, id), n.to_string(), m.to_string()]);
        }
    }
    provision_rows.push(vec![
        "All provision".into(),
        running.len().to_string(),
        report.grand_total.to_string(),
    ]);
    let provision = table(
        "Provision running in the term, by tier",
        &["Tier", "Provisions", "Cost in the term"],
        provision_rows,
    );
    let funding = table(
        "Spend in the term by funding source",
        &["Funding source", "Cost in the term"],
        FundingSource::ALL
            .iter()
            .map(|f| {
                vec![
                    f.label().to_owned(),
                    report
                        .by_funding
                        .get(f)
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                ]
            })
            .collect(),
    );
    let impact = table(
        "Impact: pupils whose exit assessment fell in the term",
        &[
            "Measure",
            "Pupils with entry and exit data",
            "Mean gain",
            "Significant ratio gain",
        ],
        impact_rows(data, &period, true, &[]),
    );
    Some(Report {
        title: format!("SEN provision: report to governors, {} term {}", term, year.label()),
        subtitle: data.settings.school_name.clone(),
        tables: vec![register, areas, provision, funding, impact],
        notes: vec![
            format!(
                "Pupils receiving provision in the term: {}.",
                published_count(pupils.len())
            ),
            SUPPRESSION_NOTE.into(),
            "Means and percentages of fewer than 5 pupils are left out (–).".into(),
            "Costs are staff time at hourly rates plus fixed costs, shared across the term by school days.".into(),
        ],
    })
}

/// The SEN information report's figures, as at `as_of`: pupils on the
/// register by primary need and by provision type (K or E), and provision
/// by broad area over the academic year.
pub fn sen_information(data: &Dataset, start_year: i16, as_of: Date) -> Option<Report> {
    let year = data.settings.year(start_year)?;
    let range = year.range()?;
    let on: Vec<&Pupil> = data
        .pupils
        .iter()
        .filter(|p| p.on_register_on(as_of))
        .collect();
    let count = |need: Option<NeedCode>, s: Option<SenStatus>| {
        on.iter()
            .filter(|p| need.is_none_or(|n| p.primary_need == Some(n)))
            .filter(|p| s.is_none_or(|s| p.sen_status == s))
            .count()
    };
    // A row per need (and one for no need recorded), each K + E = Total;
    // each column adds up to the "All" row; the roll is the register plus
    // the pupils not on it, printed only through the share in the note.
    let mut g = Grid::new();
    let mut row = |label: String, k: usize, e: usize| {
        let cells = [g.cell(k), g.cell(e), g.cell(k + e)];
        g.sum(cells[2], &cells[..2]);
        (label, cells)
    };
    let mut rows: Vec<(String, [usize; 3])> = NeedCode::ALL
        .iter()
        .map(|n| {
            row(
                format!("{} ({})", n.label(), n.code()),
                count(Some(*n), Some(SenStatus::SenSupport)),
                count(Some(*n), Some(SenStatus::Ehcp)),
            )
        })
        .collect();
    let unrecorded = |s: SenStatus| {
        on.iter()
            .filter(|p| p.primary_need.is_none() && p.sen_status == s)
            .count()
    };
    rows.push(row(
        "Primary need not recorded".into(),
        unrecorded(SenStatus::SenSupport),
        unrecorded(SenStatus::Ehcp),
    ));
    let all = row(
        "All pupils on the register".into(),
        count(None, Some(SenStatus::SenSupport)),
        count(None, Some(SenStatus::Ehcp)),
    );
    for c in 0..3 {
        let parts: Vec<usize> = rows.iter().map(|r| r.1[c]).collect();
        g.sum(all.1[c], &parts);
    }
    rows.push(all.clone());
    let on_roll = data.pupils.iter().filter(|p| p.on_roll_on(as_of)).count();
    let roll = g.cell(on_roll);
    let off_register = g.unprinted(on_roll - on.len());
    g.sum(roll, &[all.1[2], off_register]);
    let s = g.suppress();
    let needs = table(
        "Pupils on the SEN register by primary need and provision type",
        &["Primary need", "SEN support (K)", "EHC plan (E)", "Total"],
        rows.into_iter()
            .map(|(label, cells)| {
                let mut r = vec![label];
                r.extend(cells.iter().map(|c| s.text(*c)));
                r
            })
            .collect(),
    );
    let mut area_rows = Vec::new();
    for a in BroadArea::ALL {
        let ps: Vec<_> = data
            .provisions
            .iter()
            .filter(|p| p.broad_area == a && p.range().intersect(&range).is_some())
            .collect();
        let pupils: BTreeSet<_> = data
            .enrolments
            .iter()
            .filter(|e| ps.iter().any(|p| p.id == e.provision_id))
            .filter(|e| e.range().intersect(&range).is_some())
            .map(|e| e.pupil_id)
            .collect();
        area_rows.push(vec![
            a.label().to_owned(),
            ps.len().to_string(),
            published_count(pupils.len()),
        ]);
    }
    let provision = table(
        &format!("Provision in {} by broad area of need", year.label()),
        &["Broad area", "Provisions", "Pupils receiving them"],
        area_rows,
    );
    let share = match s.percent(all.1[2], roll) {
        h if h == HIDDEN => "percentage hidden".to_owned(),
        p => p,
    };
    Some(Report {
        title: format!("SEN information report figures, {}", year.label()),
        subtitle: format!(
            "{}: as at {}",
            data.settings.school_name,
            as_of.strftime("%d/%m/%Y")
        ),
        tables: vec![needs, provision],
        notes: vec![
            format!(
                "Pupils on roll: {}; on the SEN register: {} ({share}).",
                s.text(roll),
                s.text(all.1[2]),
            ),
            SUPPRESSION_NOTE.into(),
        ],
    })
}

/// Pupil premium plus for children looked after (LAC) and previously looked
/// after (PLAC) in the academic year. The school's own PP+ allocation is for
/// its PLAC pupils (rate x PLAC pupils); the PP+ of looked-after children is
/// held by the virtual school head, so it is shown apart, as information,
/// and only the amount the school agreed with the virtual school (a dated
/// setting) counts toward what the school has. Then the provision these
/// pupils receive and its cost, and their gains. For the designated teacher
/// and PEP meetings; `pseudonymise` shows initials and a reference instead
/// of names.
pub fn pp_plus_summary(data: &Dataset, start_year: i16, pseudonymise: bool) -> Option<Report> {
    use super::settings::FundingKind;
    let year = data.settings.year(start_year)?;
    let range = year.range()?;
    let children: Vec<&Pupil> = data
        .pupils
        .iter()
        .filter(|p| p.flags.lac || p.flags.plac)
        .filter(|p| p.left_on.is_none_or(|d| d > range.start))
        .collect();
    // A pupil flagged both (which validation refuses) counts as looked after.
    let lac = children.iter().filter(|p| p.flags.lac).count();
    let plac = children.len() - lac;
    let rate = data
        .settings
        .funding_figure(FundingKind::PupilPremiumPlus, start_year);
    let times = |n: usize| {
        rate.map(|r| {
            Money::pence(
                r.as_pence()
                    .saturating_mul(i64::try_from(n).unwrap_or(i64::MAX)),
            )
        })
    };
    let allocation = times(plac);
    let held_by_vsh = times(lac);
    let agreed = data.settings.pp_plus_agreement(start_year);
    let available = allocation.map(|a| a + agreed.unwrap_or_default());
    let report = CostReport::build(data, range);
    let spend: Money = children
        .iter()
        .map(|p| report.per_pupil.get(&p.id).copied().unwrap_or_default())
        .sum();
    let charged = report
        .by_funding
        .get(&FundingSource::PupilPremiumPlus)
        .copied()
        .unwrap_or_default();
    let money = |m: Option<Money>| m.map_or("not set".to_owned(), |m| m.to_string());
    let overview = table(
        "Allocation and spend",
        &["Figure", "Value"],
        vec![
            vec!["Children looked after (LAC)".into(), lac.to_string()],
            vec!["Previously looked after (PLAC)".into(), plac.to_string()],
            vec![format!("PP+ rate per pupil, {}", year.label()), money(rate)],
            vec![
                "School's PP+ allocation (rate × PLAC pupils)".into(),
                money(allocation),
            ],
            vec![
                "PP+ agreed with the virtual school".into(),
                agreed.map_or("none recorded".to_owned(), |m| m.to_string()),
            ],
            vec![
                "PP+ available to the school (allocation + agreed)".into(),
                money(available),
            ],
            vec![
                "Cost of all provision these pupils receive".into(),
                spend.to_string(),
            ],
            vec!["Provision charged to PP+".into(), charged.to_string()],
        ],
    );
    let virtual_school = table(
        "Held by the virtual school head (not the school's allocation)",
        &["Figure", "Value"],
        vec![
            vec!["Children looked after (LAC)".into(), lac.to_string()],
            vec![
                "Their PP+ (rate × LAC pupils), held by the virtual school head".into(),
                money(held_by_vsh),
            ],
        ],
    );
    let name = |p: &Pupil| {
        if pseudonymise {
            p.pseudonym()
        } else {
            p.full_name()
        }
    };
    let mut rows = Vec::new();
    let mut ordered = children.clone();
    crate::domain::sort::by(&mut ordered, |a, b| Pupil::register_order(a, b));
    for p in ordered {
        let mut es: Vec<_> = data
            .enrolments
            .iter()
            .filter(|e| e.pupil_id == p.id && e.range().intersect(&range).is_some())
            .collect();
        crate::domain::sort::by_key(&mut es, |e| e.share_order());
        if es.is_empty() {
            rows.push(vec![
                name(p),
                if p.flags.lac { "LAC" } else { "PLAC" }.into(),
                "No provision this year".into(),
                Money::ZERO.to_string(),
                "–".into(),
            ]);
        }
        for e in es {
            let Some(prov) = data.provision(e.provision_id) else {
                continue;
            };
            let cost = report
                .provision(prov.id)
                .and_then(|c| c.shares.iter().find(|s| s.enrolment_id == e.id))
                .map(|s| s.amount)
                .unwrap_or_default();
            rows.push(vec![
                name(p),
                if p.flags.lac { "LAC" } else { "PLAC" }.into(),
                prov.name.clone(),
                cost.to_string(),
                gain_text(&gain(e, &data.settings)),
            ]);
        }
    }
    let pupils = table(
        "Provision and gains for each child",
        &["Pupil", "Status", "Provision", "Cost this year", "Gain"],
        rows,
    );
    let mut notes: Vec<String> = vec![
        "For the designated teacher and PEP meetings: this report names children unless pseudonymised; keep it within school.".into(),
        "The school receives PP+ for previously looked-after children. The PP+ of looked-after children is held by the virtual school head; only the amount agreed with the virtual school (Settings, Funding figures) is the school's, and it counts toward the PP+ budget.".into(),
        "Its counts are exact, not hidden as in published reports: it lists each child, so it is not for publication.".into(),
    ];
    // PP+ is agreed by academic year, so this report stays one; a school
    // that budgets by the financial year sees its PP+ budget there.
    if data.settings.budget_year == super::settings::BudgetYear::Financial {
        notes.push(format!(
            "This report is for the academic year {}, as PP+ is agreed with the virtual school. The school budgets by the financial year: the Budget view shows the PP+ budget and spend for each financial year, with the amount agreed shared by teaching weeks either side of 1 April.",
            year.label()
        ));
    }
    Some(Report {
        title: format!("Pupil premium plus: children in care, {}", year.label()),
        subtitle: data.settings.school_name.clone(),
        tables: vec![overview, virtual_school, pupils],
        notes,
    })
}

/// A gain as a short phrase: "+8 months (ratio gain 2.00, Useful impact)".
pub fn gain_text(g: &Gain) -> String {
    match g {
        Gain::Ratio {
            months_gained,
            ratio,
            band,
            ..
        } => format!(
            "{:+} months (ratio gain {}{})",
            months_gained,
            Dec2::from_exact(*ratio),
            band.as_ref().map(|b| format!(", {b}")).unwrap_or_default()
        ),
        Gain::Change { measure, change } => {
            let c = Dec2::from_exact(*change);
            let sign = if c.is_positive() { "+" } else { "" };
            format!("{sign}{c} ({})", measure.label().to_lowercase())
        }
        Gain::NotEnoughData(why) => format!("Not enough data: {why}"),
    }
}

/// The impact of every provision whose exit assessments fall in `period`,
/// for the impact view (counts not suppressed: it stays in school).
pub fn impact_by_measure(data: &Dataset, period: &DateRange) -> Table {
    impact_by_measure_except(data, period, &[])
}

/// [`impact_by_measure`] without the places (enrolment ids) in `left_out`:
/// the impact view leaving out pupils who attended under the threshold.
pub fn impact_by_measure_except(
    data: &Dataset,
    period: &DateRange,
    left_out: &[uuid::Uuid],
) -> Table {
    table(
        "Gains by measure",
        &[
            "Measure",
            "Pupils with entry and exit data",
            "Mean gain",
            "Significant ratio gain",
        ],
        impact_rows(data, period, false, left_out),
    )
}

/// [`spend_breakdown_in`] for the academic year starting `start_year`.
pub fn spend_breakdown(data: &Dataset, start_year: i16, as_of: Date) -> Option<Vec<Table>> {
    spend_breakdown_in(
        data,
        &super::budget_year::BudgetPeriod::academic(start_year),
        as_of,
    )
}

/// Committed and spent-to-date spend in `period` (an academic or a
/// financial year, costs falling in it by when they are incurred), as of
/// `as_of`, by broad area, tier, the pupils' year groups (in each term, the
/// year group of that term's academic year), term (a term the period cuts
/// at 1 April shows as its part, "Spring 2025-26, to 31/03/2026"), staff
/// role and named member of staff (the last two with the fixed and
/// resource costs as a row of their own). Each table's rows add up to the
/// period's committed and spent totals. `None` if the period is an
/// academic year not set up.
pub fn spend_breakdown_in(
    data: &Dataset,
    period: &super::budget_year::BudgetPeriod,
    as_of: Date,
) -> Option<Vec<Table>> {
    use super::costing::TermKey;
    let year = period.range(&data.settings)?;
    let split = period.split_terms(&data.settings);
    let committed = CostReport::build(data, year);
    let spent = (as_of >= year.start)
        .then(|| CostReport::build(data, DateRange::new(year.start, as_of.min(year.end))));
    fn rows<K: Ord + Clone>(
        keys: Vec<(K, String)>,
        c: &BTreeMap<K, Money>,
        s: Option<&BTreeMap<K, Money>>,
    ) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = keys
            .into_iter()
            .filter(|(k, _)| c.contains_key(k))
            .map(|(k, label)| {
                let spent = s.and_then(|s| s.get(&k)).copied().unwrap_or_default();
                vec![label, c[&k].to_string(), spent.to_string()]
            })
            .collect();
        let total: Money = c.values().copied().sum();
        let spent: Money = s.map(|s| s.values().copied().sum()).unwrap_or_default();
        out.push(vec!["Total".into(), total.to_string(), spent.to_string()]);
        out
    }
    let headers = ["Group", "Committed", "Spent to date"];
    let areas = BroadArea::ALL
        .iter()
        .map(|a| (*a, a.label().to_owned()))
        .collect();
    let mut tiers: Vec<(String, String)> = data
        .settings
        .tiers
        .iter()
        .map(|t| (t.id.clone(), t.name.clone()))
        .collect();
    for k in committed.by_tier.keys() {
        if !tiers.iter().any(|t| &t.0 == k) {
            tiers.push((k.clone(), k.clone()));
        }
    }
    let mut years: Vec<(Option<super::pupil::YearGroup>, String)> = super::pupil::YearGroup::all()
        .map(|y| (Some(y), y.label()))
        .collect();
    years.push((None, "Not carried by a pupil".into()));
    let terms: Vec<(TermKey, String)> = data
        .settings
        .years
        .iter()
        .flat_map(|y| {
            y.terms.iter().map(move |t| {
                let key = TermKey {
                    start_year: y.start_year,
                    term: t.name,
                };
                (key, format!("{} {}", t.name, y.label()))
            })
        })
        .map(|(key, label)| match split.iter().find(|s| s.key == key) {
            Some(s) => (key, s.label()),
            None => (key, label),
        })
        .collect();
    const FIXED: &str = "Fixed and resource costs";
    // Roles by name; a cost always has its role in the list (a provision
    // with a role not in it is not costed).
    let mut roles: Vec<(Option<Uuid>, String)> = data
        .roles
        .iter()
        .map(|r| (Some(r.id), r.name.clone()))
        .collect();
    crate::domain::sort::by(&mut roles, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    roles.push((None, FIXED.into()));
    // Members by name; then staff time with no member named, and the fixed
    // and resource costs: `Some(Some(id))`, `Some(None)` and `None`.
    let mut named: Vec<(Option<Option<Uuid>>, String)> = data
        .members
        .iter()
        .map(|m| (Some(Some(m.id)), m.name.clone()))
        .collect();
    crate::domain::sort::by(&mut named, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    // A member taken off the staff list after the year was costed.
    for k in committed.by_member.keys().flatten() {
        if data.members.get(*k).is_none() {
            named.push((
                Some(Some(*k)),
                "A member no longer on the staff list".into(),
            ));
        }
    }
    let mut members = named;
    members.push((Some(None), "No named member".into()));
    members.push((None, FIXED.into()));
    fn by_member(r: &CostReport) -> BTreeMap<Option<Option<Uuid>>, Money> {
        let mut m: BTreeMap<Option<Option<Uuid>>, Money> =
            r.by_member.iter().map(|(k, v)| (Some(*k), *v)).collect();
        if r.by_role.contains_key(&None) {
            m.insert(None, r.fixed());
        }
        m
    }
    Some(vec![
        table(
            "By broad area of need",
            &headers,
            rows(
                areas,
                &committed.by_area,
                spent.as_ref().map(|s| &s.by_area),
            ),
        ),
        table(
            "By tier",
            &headers,
            rows(
                tiers,
                &committed.by_tier,
                spent.as_ref().map(|s| &s.by_tier),
            ),
        ),
        table(
            "By year group",
            &headers,
            rows(
                years,
                &committed.by_year_group,
                spent.as_ref().map(|s| &s.by_year_group),
            ),
        ),
        table(
            "By term",
            &headers,
            rows(
                terms,
                &committed.by_term,
                spent.as_ref().map(|s| &s.by_term),
            ),
        ),
        table(
            "By staff role",
            &["Staff role", "Committed", "Spent to date"],
            rows(
                roles,
                &committed.by_role,
                spent.as_ref().map(|s| &s.by_role),
            ),
        ),
        table(
            "By member of staff",
            &["Member of staff", "Committed", "Spent to date"],
            rows(
                members,
                &by_member(&committed),
                spent.as_ref().map(by_member).as_ref(),
            ),
        ),
    ])
}

/// The provision map as a report (for CSV): a row per area and tier, a
/// column per term or year group, each cell listing its provisions with
/// their pupils and cost, and the totals.
pub fn map_report(data: &Dataset, map: &super::map::Map, title: &str) -> Report {
    let mut headers = vec!["Area of need".to_owned(), "Tier".to_owned()];
    headers.extend(map.columns.iter().map(super::map::Column::label));
    headers.push("Total".into());
    let mut rows = Vec::new();
    for (r, (area, tier)) in map.rows.iter().enumerate() {
        let mut row = vec![area.label().to_owned(), tier_name(data, tier)];
        for c in 0..map.columns.len() {
            let cell = map
                .cells
                .get(&(r, c))
                .map(|es| {
                    es.iter()
                        .map(|e| {
                            let n = if e.pupils == 1 {
                                "1 pupil".to_owned()
                            } else {
                                format!("{} pupils", e.pupils)
                            };
                            format!("{} ({n}, {})", e.name, e.cost)
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                })
                .unwrap_or_default();
            row.push(cell);
        }
        row.push(
            map.row_totals
                .get(r)
                .copied()
                .unwrap_or_default()
                .to_string(),
        );
        rows.push(row);
    }
    let mut total = vec!["Total".to_owned(), String::new()];
    total.extend(map.column_totals.iter().map(ToString::to_string));
    total.push(map.total.to_string());
    rows.push(total);
    Report {
        title: title.to_owned(),
        subtitle: data.settings.school_name.clone(),
        tables: vec![Table {
            caption: "Provision map".into(),
            headers,
            rows,
        }],
        notes: Vec::new(),
    }
}

/// [`pupil_costs_in`] for the academic year starting `start_year`.
pub fn pupil_costs(data: &Dataset, start_year: i16) -> Option<Report> {
    pupil_costs_in(
        data,
        &super::budget_year::BudgetPeriod::academic(start_year),
    )
}

/// Each pupil's cost in `period` (an academic or a financial year), against
/// the element-2 threshold, highest first (pupils with no cost left out),
/// with the year group each was in at the period's end (in the academic
/// year holding its last day). `None` if the period is an academic year not
/// set up.
pub fn pupil_costs_in(data: &Dataset, period: &super::budget_year::BudgetPeriod) -> Option<Report> {
    let range = period.range(&data.settings)?;
    let start_year = data.settings.academic_year_of(range.end);
    let report = CostReport::build(data, range);
    let threshold = data.settings.element2_threshold;
    let mut rows: Vec<(Money, Vec<String>)> = data
        .pupils
        .iter()
        .filter_map(|p| {
            let cost = report.per_pupil.get(&p.id).copied()?;
            let provisions = report
                .provisions
                .iter()
                .filter(|c| c.shares.iter().any(|s| s.pupil_id == p.id))
                .count();
            Some((
                cost,
                vec![
                    p.full_name(),
                    p.upn.clone().unwrap_or_default(),
                    p.year_group_in(start_year).label(),
                    p.sen_status.code().to_owned(),
                    p.primary_need
                        .map(|n| n.code().to_owned())
                        .unwrap_or_default(),
                    provisions.to_string(),
                    cost.to_string(),
                    if cost >= threshold {
                        (cost - threshold).to_string()
                    } else {
                        String::new()
                    },
                ],
            ))
        })
        .collect();
    crate::domain::sort::by(&mut rows, |a, b| b.0.cmp(&a.0).then(a.1[0].cmp(&b.1[0])));
    Some(Report {
        title: format!("Cost per pupil, {}", period.label()),
        subtitle: data.settings.school_name.clone(),
        tables: vec![table(
            "Each pupil's additional support cost",
            &[
                "Pupil",
                "UPN",
                "Year group",
                "SEN status",
                "Primary need",
                "Provisions",
                "Cost this year",
                "Over the threshold by",
            ],
            rows.into_iter().map(|r| r.1).collect(),
        )],
        notes: vec![format!("Element-2 threshold: {threshold} a pupil a year.")],
    })
}
