//! The top-up evidence pack for one pupil: what a local authority's panel
//! asks for when a school applies for top-up funding (element 3), as one
//! printable report whose tables also download as CSV.
//!
//! The pack is made of the figures every other view shows, never worked out
//! again a second way:
//!
//! - the pupil's details and one-page profile (pseudonymised: initials and
//!   a reference, no UPN, date of birth or class);
//! - the costed individual provision map for the chosen academic year: each
//!   place, its time a week, the pupil's share of its cost as the school
//!   costs it ([`CostReport`], the pupil page's and the budget's figures)
//!   and as the local authority costs it (its rate card,
//!   [`super::rate_card`]), against the element-2 threshold;
//! - the support plans (assess, plan, do, review) of the chosen year and the
//!   year before, with their reviews: panels ask for at least two terms;
//! - entry and exit data with gains ([`super::impact::gain`]) for the places
//!   of those two years;
//! - attendance at sessions in the chosen year ([`AttendanceReport`]);
//! - the pupil's weekly timetable (the week the timetable opens on);
//! - how the school's notional SEN budget is used that year.

use jiff::civil::Date;
use uuid::Uuid;

use super::attendance::AttendanceReport;
use super::calendar::gb;
use super::calendar::{term_label, Calendar, DateRange};
use super::costing::CostReport;
use super::dataset::Dataset;
use super::impact::gain;
use super::money::{Exact, Money};
use super::provision::{Enrolment, FundingSource, Provision};
use super::pupil::Pupil;
use super::rate_card;
use super::reports::{gain_text, table, tier_name, Report, Table};
use super::timetable::Who;
use super::timetable_week::{week_to_show, week_view, week_words};

/// What the pack is for and how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackOptions {
    /// The academic year costed (the calendar year it starts in).
    pub start_year: i16,
    /// Initials and a reference instead of the name; no UPN, date of birth
    /// or class.
    pub pseudonymise: bool,
    /// The day the pack is made (attendance counts sessions up to it; the
    /// timetable shows its week when it falls in the year).
    pub today: Date,
}

/// "1 h 30 min", "45 min", "2 h".
pub fn hours_and_minutes(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `part` of `whole` as a whole percentage, rounded half up ("25%"); "–"
/// of nothing.
fn share_percent(part: Money, whole: Money) -> String {
    if whole <= Money::ZERO {
        return "–".to_owned();
    }
    let x = Exact::new(
        i128::from(part.as_pence()) * 100,
        i128::from(whole.as_pence()),
    );
    format!("{}%", (x + Exact::new(1, 2)).floor().to_integer())
}

/// Who delivers a provision: each role with its count ("1 TA, 2 HLTA").
fn delivered_by(data: &Dataset, p: &Provision) -> String {
    let parts: Vec<String> = p
        .staff
        .iter()
        .map(|l| {
            let role = data
                .role(l.role_id)
                .map_or("(deleted role)".to_owned(), |r| r.name.clone());
            format!("{} {role}", l.count)
        })
        .collect();
    if parts.is_empty() {
        "No staff".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The pupil's places whose dates meet `range`, by start date, then
/// provision name, then id.
fn places<'a>(data: &'a Dataset, pupil_id: Uuid, range: &DateRange) -> Vec<&'a Enrolment> {
    let mut v: Vec<&Enrolment> = data
        .enrolments
        .iter()
        .filter(|e| e.pupil_id == pupil_id && e.range().intersect(range).is_some())
        .collect();
    crate::domain::sort::by_key(&mut v, |e| {
        (
            e.start,
            data.provision(e.provision_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            e.id,
        )
    });
    v
}

fn details_table(p: &Pupil, o: &PackOptions, name: &str) -> Table {
    let mut rows: Vec<Vec<String>> = vec![vec!["Pupil".into(), name.to_owned()]];
    rows.push(vec![
        "Year group".into(),
        p.year_group_in(o.start_year).label(),
    ]);
    if !o.pseudonymise {
        rows.push(vec![
            "UPN".into(),
            p.upn.clone().unwrap_or_else(|| "Not recorded".into()),
        ]);
        rows.push(vec![
            "Date of birth".into(),
            p.date_of_birth.map_or("Not recorded".into(), gb),
        ]);
        rows.push(vec![
            "Class".into(),
            if p.class_name.is_empty() {
                "Not recorded".into()
            } else {
                p.class_name.clone()
            },
        ]);
    }
    rows.push(vec![
        "SEN status".into(),
        format!("{} ({})", p.sen_status.label(), p.sen_status.code()),
    ]);
    let need = |n: Option<super::needs::NeedCode>| {
        n.map_or("None recorded".to_owned(), |n| {
            format!("{} ({})", n.label(), n.code())
        })
    };
    rows.push(vec!["Primary need".into(), need(p.primary_need)]);
    rows.push(vec!["Secondary need".into(), need(p.secondary_need)]);
    rows.push(vec![
        "Broad area of need".into(),
        p.broad_area()
            .map_or("–".to_owned(), |a| a.label().to_owned()),
    ]);
    let f = p.flags;
    let flags: Vec<&str> = [
        (f.pupil_premium, "Pupil premium"),
        (f.lac, "Looked after (LAC)"),
        (f.plac, "Previously looked after (PLAC)"),
        (f.service_child, "Service child"),
        (f.eal, "EAL"),
    ]
    .into_iter()
    .filter_map(|(on, l)| on.then_some(l))
    .collect();
    rows.push(vec![
        "Flags".into(),
        if flags.is_empty() {
            "None".into()
        } else {
            flags.join(", ")
        },
    ]);
    match &p.ehcp {
        Some(e) => {
            rows.push(vec![
                "EHC plan".into(),
                format!("Issued {} by {}", gb(e.issue_date), e.local_authority),
            ]);
            rows.push(vec![
                "Next annual review".into(),
                e.next_annual_review.map_or("Not set".into(), gb),
            ]);
            rows.push(vec![
                "Top-up (element 3) now".into(),
                format!("{} a year", e.top_up),
            ]);
        }
        None => rows.push(vec!["EHC plan".into(), "None".into()]),
    }
    table("About the pupil", &["About", "Details"], rows)
}

fn profile_table(p: &Pupil) -> Table {
    let text = |t: &str| {
        if t.trim().is_empty() {
            "Not written yet".to_owned()
        } else {
            t.to_owned()
        }
    };
    table(
        "One-page profile",
        &["Section", "In the pupil's profile"],
        vec![
            vec!["Strengths".into(), text(&p.profile.strengths)],
            vec!["What helps".into(), text(&p.profile.what_helps)],
            vec![
                "What does not help".into(),
                text(&p.profile.what_does_not_help),
            ],
            vec!["Communication".into(), text(&p.profile.communication)],
        ],
    )
}

/// One place's entry and exit data as the pupil page and the pack show it:
/// the provision, the measure, the entry and the exit ("82 on 01/09/2025"),
/// the gain in words and the attendance beside it (blank without a report
/// covering the place).
pub fn gain_row(
    data: &Dataset,
    e: &Enrolment,
    attendance: Option<&AttendanceReport>,
) -> [String; 6] {
    let at = |a: &Option<super::provision::Assessment>| {
        a.as_ref().map_or("–".to_owned(), |a| {
            format!("{} on {}", a.score.text(), gb(a.date))
        })
    };
    let measure = e
        .entry
        .as_ref()
        .or(e.exit.as_ref())
        .map_or("", |a| a.score.kind().label());
    [
        data.provision(e.provision_id)
            .map_or("(deleted provision)".to_owned(), |p| p.name.clone()),
        measure.to_owned(),
        at(&e.entry),
        at(&e.exit),
        gain_text(&gain(e, &data.settings)),
        attendance
            .and_then(|r| {
                r.place(e.id)
                    .map(|x| super::impact::attendance_note(x.tally.share(), r.threshold))
            })
            .unwrap_or_default(),
    ]
}

/// The figures of the costed provision map, kept apart from their text so
/// that tests (and other views) can compare them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackCosts {
    /// Each place costed in the year: (enrolment id, the pupil's share as
    /// the school costs it).
    pub places: Vec<(Uuid, Money)>,
    /// The pupil's total as the school costs it: the pupil page's total.
    pub school_total: Money,
    pub threshold: Money,
    /// The notional SEN budget set for the year (none when the school
    /// budgets by financial year).
    pub notional_budget: Option<Money>,
    /// The cost of all provision charged to the notional SEN budget in the
    /// year: the budget view's committed figure for it.
    pub notional_committed: Money,
    /// Pupils with a share of provision charged to the notional SEN budget.
    pub notional_pupils: usize,
    /// What those pupils' shares add up to (the rest is empty places).
    pub notional_carried: Money,
    /// This pupil's share of provision charged to the notional SEN budget.
    pub notional_this_pupil: Money,
}

/// The pack's figures for the pupil `pupil_id` in the academic year
/// starting `start_year`: `None` if the pupil or the year's dates are not
/// there.
pub fn pack_costs(data: &Dataset, pupil_id: Uuid, start_year: i16) -> Option<PackCosts> {
    let year = data.settings.year(start_year)?.range()?;
    data.pupil(pupil_id)?;
    let report = CostReport::build(data, year);
    Some(costs_of(data, &report, pupil_id, start_year, &year))
}

fn costs_of(
    data: &Dataset,
    report: &CostReport,
    pupil_id: Uuid,
    start_year: i16,
    year: &DateRange,
) -> PackCosts {
    let share = |e: &Enrolment| -> Money {
        report
            .provision(e.provision_id)
            .and_then(|c| c.shares.iter().find(|s| s.enrolment_id == e.id))
            .map(|s| s.amount)
            .unwrap_or_default()
    };
    let places: Vec<(Uuid, Money)> = places(data, pupil_id, year)
        .into_iter()
        .map(|e| (e.id, share(e)))
        .collect();
    let notional = |c: &&super::costing::ProvisionCost| {
        data.provision(c.provision_id)
            .is_some_and(|p| p.funding == FundingSource::NotionalSen)
    };
    let carried: Vec<&super::costing::PupilShare> = report
        .provisions
        .iter()
        .filter(notional)
        .flat_map(|c| c.shares.iter().filter(|s| s.amount > Money::ZERO))
        .collect();
    let notional_carried = carried.iter().map(|s| s.amount).sum();
    let mut pupils: Vec<Uuid> = carried.iter().map(|s| s.pupil_id).collect();
    pupils.sort();
    pupils.dedup();
    let notional_this_pupil = report
        .provisions
        .iter()
        .filter(notional)
        .flat_map(|c| c.shares.iter().filter(|s| s.pupil_id == pupil_id))
        .map(|s| s.amount)
        .sum();
    let by_academic_year = data.settings.budget_year == super::settings::BudgetYear::Academic;
    PackCosts {
        school_total: report.per_pupil.get(&pupil_id).copied().unwrap_or_default(),
        places,
        threshold: data.settings.element2_threshold,
        notional_budget: by_academic_year.then(|| {
            data.settings.budget(
                &super::budget_year::BudgetPeriod::academic(start_year),
                FundingSource::NotionalSen,
            )
        }),
        notional_committed: report
            .by_funding
            .get(&FundingSource::NotionalSen)
            .copied()
            .unwrap_or_default(),
        notional_pupils: pupils.len(),
        notional_carried,
        notional_this_pupil,
    }
}

/// The top-up evidence pack for the pupil `pupil_id`, or `None` if the
/// pupil or the chosen year's dates are not there.
pub fn evidence_pack(data: &Dataset, pupil_id: Uuid, o: &PackOptions) -> Option<Report> {
    evidence_pack_with(data, pupil_id, o, &mut super::costing::CostCache::default())
}

/// [`evidence_pack`], costing through a view's `cache`, so that switching
/// the pack's options does not cost the year again.
pub fn evidence_pack_with(
    data: &Dataset,
    pupil_id: Uuid,
    o: &PackOptions,
    cache: &mut super::costing::CostCache,
) -> Option<Report> {
    let pupil = data.pupil(pupil_id)?;
    let academic = data.settings.year(o.start_year)?;
    let year = academic.range()?;
    let year_label = academic.label();
    let name = if o.pseudonymise {
        pupil.pseudonym()
    } else {
        pupil.full_name()
    };
    let report = cache.build(data, year);
    let costs = costs_of(data, &report, pupil_id, o.start_year, &year);
    let attendance = AttendanceReport::build(data, year, o.today);
    let mut notes: Vec<String> = Vec::new();

    // The costed individual provision map: one row a provision (a pupil
    // with two places in one provision has both dates on its row).
    let year_places = places(data, pupil_id, &year);
    let card = rate_card::card_for_period(&data.settings.rate_cards, &year, Some(pupil));
    let la = card.map(|c| rate_card::la_costing(data, pupil_id, c, &report));
    let mut order: Vec<Uuid> = Vec::new();
    for e in &year_places {
        if !order.contains(&e.provision_id) {
            order.push(e.provision_id);
        }
    }
    let mut map_rows: Vec<Vec<String>> = Vec::new();
    let mut differences: Vec<Vec<String>> = Vec::new();
    for pid in &order {
        let Some(p) = data.provision(*pid) else {
            continue;
        };
        let mine: Vec<(&&Enrolment, Money)> = year_places
            .iter()
            .zip(&costs.places)
            .filter(|(e, _)| e.provision_id == *pid)
            .map(|(e, (_, m))| (e, *m))
            .collect();
        let amount: Money = mine.iter().map(|(_, m)| *m).sum();
        let dates = mine
            .iter()
            .map(|(e, _)| format!("{} to {}", gb(e.start), gb(e.end)))
            .collect::<Vec<_>>()
            .join("; ");
        let total = report.provision(p.id).map(|c| c.total).unwrap_or_default();
        let weekly = p.sessions_per_week * p.minutes_per_session;
        let mut row = vec![
            p.name.clone(),
            tier_name(data, &p.tier),
            p.broad_area.label().to_owned(),
            delivered_by(data, p),
            dates,
            format!(
                "{} ({} × {} min)",
                hours_and_minutes(weekly),
                p.sessions_per_week,
                p.minutes_per_session
            ),
            share_percent(amount, total),
            p.funding.label().to_owned(),
            amount.to_string(),
        ];
        if let Some(la) = &la {
            let line = la.lines.iter().find(|l| l.provision_id == p.id);
            row.push(line.map_or("–".to_owned(), |l| l.share.clone()));
            row.push(line.map_or("–".to_owned(), |l| match &l.not_costed {
                Some(_) => format!("{} (not costed)", Money::ZERO),
                None => l.la.to_string(),
            }));
            if let Some(l) = line {
                let mut why: Vec<String> = l.not_costed.iter().cloned().collect();
                why.extend(l.differences.iter().cloned());
                if !why.is_empty() {
                    differences.push(vec![p.name.clone(), why.join(" ")]);
                }
            }
        }
        map_rows.push(row);
    }
    if map_rows.is_empty() {
        notes.push(format!(
            "No provision is recorded for {name} in {year_label}."
        ));
    }
    let mut total_row = vec![String::new(); 9];
    total_row[0] = "Total".into();
    total_row[8] = costs.school_total.to_string();
    if let Some(la) = &la {
        total_row.push(String::new());
        total_row.push(la.la_total.to_string());
    }
    map_rows.push(total_row);
    let mut headers = vec![
        "Provision",
        "Tier",
        "Area of need",
        "Delivered by",
        "Dates",
        "Time a week",
        "Share of its cost",
        "Funded from",
        "As the school costs it",
    ];
    if la.is_some() {
        headers.extend(["The LA's share", "As the LA costs it"]);
    }
    let provision_map = table(
        &format!("Costed individual provision map, {year_label}"),
        &headers,
        map_rows,
    );
    let threshold = costs.threshold;
    let against = |total: Money| -> String {
        if total >= threshold {
            format!("{} above", total - threshold)
        } else {
            format!("{} below", threshold - total)
        }
    };
    let mut threshold_rows = vec![
        vec![
            "Additional support this year".into(),
            costs.school_total.to_string(),
        ],
        vec![
            "Element-2 threshold (met by the school)".into(),
            threshold.to_string(),
        ],
        vec!["Against the threshold".into(), against(costs.school_total)],
    ];
    let mut threshold_headers = vec!["Figure", "As the school costs it"];
    if let Some(la) = &la {
        threshold_headers.push("As the LA costs it");
        threshold_rows[0].push(la.la_total.to_string());
        threshold_rows[1].push(threshold.to_string());
        threshold_rows[2].push(against(la.la_total));
    }
    let threshold_table = table(
        "Against the element-2 threshold",
        &threshold_headers,
        threshold_rows,
    );
    let la_table = match (&la, card) {
        (Some(la), Some(card)) => {
            notes.push(format!(
                "As the LA costs it: by the rate card of {} from {}{}.",
                card.authority,
                gb(card.from),
                if la.example {
                    " (Waymark's example card, not a real authority's figures)"
                } else {
                    ""
                }
            ));
            notes.extend(la.notes.iter().cloned());
            Some(table(
                "Why the school's and the LA's costings differ",
                &["Provision", "The difference explained"],
                differences,
            ))
        }
        _ => {
            notes.push("No LA rate card is set up, so the provision is costed only as the school costs it: add the local authority's card in Settings.".into());
            None
        }
    };

    // Support plans and gains: the chosen year and the year before.
    let before = data
        .settings
        .year(o.start_year - 1)
        .and_then(super::calendar::AcademicYear::range);
    let span = DateRange::new(before.map_or(year.start, |b| b.start), year.end);
    let mut plans: Vec<&super::plan::SupportPlan> = data
        .plans
        .iter()
        .filter(|pl| {
            pl.pupil_id == pupil_id
                && (pl.start_year == o.start_year
                    || (before.is_some() && pl.start_year == o.start_year - 1))
        })
        .collect();
    crate::domain::sort::by_key(&mut plans, |pl| (pl.start_year, pl.term, pl.id));
    let plan_rows: Vec<Vec<String>> = plans
        .iter()
        .map(|pl| {
            let outcomes = pl
                .outcomes
                .iter()
                .map(|x| {
                    format!(
                        "{}: {}",
                        x.text,
                        x.result.map_or("not reviewed yet", |r| r.label())
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let provision = pl
                .provision_ids
                .iter()
                .filter_map(|id| data.provision(*id).map(|p| p.name.clone()))
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                term_label(pl.start_year, pl.term),
                outcomes,
                provision,
                pl.review_date.map_or("Not reviewed yet".into(), gb),
                pl.pupil_views.clone(),
                pl.parent_views.clone(),
            ]
        })
        .collect();
    let terms = plans.len();
    let reviewed = plans.iter().filter(|pl| pl.review_date.is_some()).count();
    match terms {
        0 => notes.push("No support plan is recorded for this year or the year before: panels usually ask for the assess, plan, do, review cycle over at least two terms.".into()),
        1 => notes.push("Support plans are recorded for one term only: panels usually ask for the assess, plan, do, review cycle over at least two terms.".into()),
        _ => {}
    }
    let plans_table = table(
        &format!(
            "Support plans (assess, plan, do, review): {terms} {}, {reviewed} reviewed",
            if terms == 1 { "term" } else { "terms" }
        ),
        &[
            "Term",
            "Outcomes and review",
            "Provision in the plan",
            "Reviewed on",
            "The pupil's views",
            "Parents' views",
        ],
        plan_rows,
    );

    let span_attendance = AttendanceReport::build(data, span, o.today);
    let gain_rows: Vec<Vec<String>> = places(data, pupil_id, &span)
        .into_iter()
        .filter(|e| e.entry.is_some() || e.exit.is_some())
        .map(|e| gain_row(data, e, Some(&span_attendance)).to_vec())
        .collect();
    let gains_table = table(
        "Entry and exit data (pre and post)",
        &[
            "Provision",
            "Measure",
            "Entry",
            "Exit",
            "Gain",
            "Attendance",
        ],
        gain_rows,
    );

    // Attendance at sessions in the year.
    let how = |source: super::attendance::Source| match source {
        super::attendance::Source::Register => "On the register".to_owned(),
        super::attendance::Source::EnteredByHand => "Entered by hand".to_owned(),
    };
    let mut attendance_rows: Vec<Vec<String>> = year_places
        .iter()
        .filter_map(|e| {
            let p = data.provision(e.provision_id)?;
            let x = attendance.place(e.id)?;
            Some(vec![
                p.name.clone(),
                how(x.source),
                x.tally.planned.to_string(),
                x.tally.delivered.to_string(),
                x.tally.cancelled.to_string(),
                x.tally.attended.to_string(),
                x.tally.share().text(),
            ])
        })
        .collect();
    let all = attendance.pupil(pupil_id);
    attendance_rows.push(vec![
        "All provision".into(),
        String::new(),
        all.planned.to_string(),
        all.delivered.to_string(),
        all.cancelled.to_string(),
        all.attended.to_string(),
        all.share().text(),
    ]);
    let attendance_table = table(
        &format!(
            "Attendance at sessions, {year_label} (to {})",
            gb(o.today.clamp(year.start, year.end))
        ),
        &[
            "Provision",
            "Recorded",
            "Planned",
            "Delivered",
            "Cancelled",
            "Attended",
            "Share attended",
        ],
        attendance_rows,
    );

    // The weekly timetable.
    let cal = Calendar::new(&data.settings.years);
    // The week the timetable opens on; if the pupil has no session in it,
    // the first week with one from the start of their first timetabled
    // place in the year (looking up to 8 weeks on).
    let who = Who::Pupil(pupil_id);
    let mut week = week_view(
        data,
        &cal,
        week_to_show(&cal, Some(&year), o.today),
        &who,
        o.pseudonymise,
    );
    if week.sessions == 0 {
        let first = year_places
            .iter()
            .filter(|e| {
                data.provision(e.provision_id)
                    .is_some_and(|p| !p.slots.is_empty())
            })
            .map(|e| e.start.max(year.start))
            .min();
        if let Some(first) = first {
            let mut monday = super::calendar::monday_of(first);
            for _ in 0..8 {
                let w = week_view(data, &cal, monday, &who, o.pseudonymise);
                if w.sessions > 0 {
                    week = w;
                    break;
                }
                monday = super::timetable_week::step_week(monday, 1);
            }
        }
    }
    let mut week_rows: Vec<Vec<String>> = Vec::new();
    for (i, day) in week.days.iter().enumerate() {
        for (_, cells) in &week.rows {
            for c in &cells[i] {
                week_rows.push(vec![
                    day.day.label().to_owned(),
                    c.time.clone(),
                    c.name.clone(),
                    if c.room.is_empty() {
                        "–".into()
                    } else {
                        c.room.clone()
                    },
                    c.staff.clone(),
                    c.pupils.summary(),
                ]);
            }
        }
    }
    if week_rows.is_empty() {
        notes.push(format!(
            "No timetabled session of {name}'s in the week {}: give each provision its days and times on its page.",
            week_words(week.monday)
        ));
    }
    let week_table = table(
        &format!("Weekly timetable: {}", week_words(week.monday)),
        &["Day", "Time", "Provision", "Room", "Staff", "Group"],
        week_rows,
    );

    // The notional SEN budget.
    let mut budget_rows: Vec<Vec<String>> = Vec::new();
    match costs.notional_budget {
        Some(b) => budget_rows.push(vec![
            format!("Notional SEN budget, {year_label}"),
            b.to_string(),
        ]),
        None => notes.push(
            "The school budgets by financial year, so the notional SEN budget is not shown against this academic year: see the budget view.".into(),
        ),
    }
    budget_rows.push(vec![
        "Provision charged to it this year".into(),
        costs.notional_committed.to_string(),
    ]);
    budget_rows.push(vec![
        "Pupils with provision charged to it".into(),
        costs.notional_pupils.to_string(),
    ]);
    budget_rows.push(vec![
        "Carried by those pupils".into(),
        costs.notional_carried.to_string(),
    ]);
    if costs.notional_committed != costs.notional_carried {
        budget_rows.push(vec![
            "Not carried by a pupil (empty places in groups)".into(),
            (costs.notional_committed - costs.notional_carried).to_string(),
        ]);
    }
    budget_rows.push(vec![
        format!("{name}'s provision charged to it"),
        costs.notional_this_pupil.to_string(),
    ]);
    if let Some(b) = costs.notional_budget {
        budget_rows.push(vec![
            if costs.notional_committed > b {
                "Over the budget by".into()
            } else {
                "Left in the budget".into()
            },
            if costs.notional_committed > b {
                (costs.notional_committed - b).to_string()
            } else {
                (b - costs.notional_committed).to_string()
            },
        ]);
    }
    let budget_table = table(
        "How the school's notional SEN budget is used",
        &["Figure", "Amount"],
        budget_rows,
    );

    notes.push(format!(
        "Costs are the school's own, as every view of Waymark shows them: each provision's cost in each term is rounded once to the penny and shared among the pupils in the group on the days they attend. The element-2 threshold is {threshold} a pupil a year."
    ));
    notes.push(
        "Support plans and entry and exit data cover this academic year and the one before; attendance and costs cover this academic year.".into(),
    );
    Some(Report {
        title: format!("Top-up evidence pack: {name}, {year_label}"),
        subtitle: format!(
            "{}. Prepared on {}.",
            data.settings.school_name,
            gb(o.today)
        ),
        tables: [
            details_table(pupil, o, &name),
            profile_table(pupil),
            provision_map,
            threshold_table,
        ]
        .into_iter()
        .chain(la_table)
        .chain([
            plans_table,
            gains_table,
            attendance_table,
            week_table,
            budget_table,
        ])
        .collect(),
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{Outcome, ReviewResult, SupportPlan};
    use crate::domain::provision::{Assessment, SchoolDay, Score};
    use crate::domain::quantity::Dec2;
    use crate::domain::settings::BudgetYear;
    use crate::domain::testing::{enrol, now, provision, school, slot};
    use jiff::civil::{date, Time};

    /// The school of `testing` (2025-26, a TA at £18.00 an hour):
    /// - Reading, 3 × 30 min a week, the whole autumn term (01/09/2025 to
    ///   19/12/2025, 14 teaching weeks), notional SEN, slots Tuesday,
    ///   Thursday and Friday at 09:15, Ann and Ben all term;
    /// - Speech, 1 × 60 min a week, the same dates, pupil premium, Ann alone.
    ///
    /// Returns the data and Ann's id.
    fn ann() -> (Dataset, Uuid) {
        let mut d = school();
        let start = date(2025, 9, 1);
        let end = date(2025, 12, 19);
        let mut reading = provision(&d, "Reading", 3, 30, start, end);
        let nine_fifteen = Time::constant(9, 15, 0, 0);
        reading.slots = vec![
            slot(SchoolDay::Tuesday, nine_fifteen, "Library"),
            slot(SchoolDay::Thursday, nine_fifteen, "Library"),
            slot(SchoolDay::Friday, nine_fifteen, "Library"),
        ];
        let mut speech = provision(&d, "Speech", 1, 60, start, end);
        speech.funding = FundingSource::PupilPremium;
        let (r, s) = (reading.id, speech.id);
        d.provisions.push(reading);
        d.provisions.push(speech);
        let ann = enrol(&mut d, "Ann", r, start, end);
        enrol(&mut d, "Ben", r, start, end);
        enrol(&mut d, "Ann", s, start, end);
        d.pupils.iter_mut().find(|p| p.id == ann).unwrap().upn = Some("A123456789012".into());
        // Ann's reading place: standardised score 82 on 01/09 to 88 on 19/12.
        let e = d
            .enrolments
            .iter_mut()
            .find(|e| e.pupil_id == ann && e.provision_id == r)
            .unwrap();
        e.entry = Some(Assessment {
            score: Score::StandardisedScore(Dec2::whole(82)),
            date: start,
        });
        e.exit = Some(Assessment {
            score: Score::StandardisedScore(Dec2::whole(88)),
            date: end,
        });
        d.settings = d.settings.with_budget(
            &crate::domain::budget_year::BudgetPeriod::academic(2025),
            FundingSource::NotionalSen,
            Money::pounds(10_000),
            now(),
        );
        (d, ann)
    }

    /// Anyshire's card from 01/04/2025: 38 weeks, a rate for teaching
    /// assistants only, nothing else left out and no cap.
    fn card(
        rate: crate::domain::rate_card::LaBasis,
        excluded_times: Vec<crate::domain::rate_card::TimeWindow>,
    ) -> crate::domain::rate_card::RateCard {
        crate::domain::rate_card::RateCard {
            id: Uuid::new_v4(),
            authority: "Anyshire".into(),
            from: date(2025, 4, 1),
            weeks: Dec2::whole(38),
            rates: vec![crate::domain::rate_card::CardRate {
                category: crate::domain::staff::RoleCategory::TeachingAssistant,
                rate,
            }],
            excluded_times,
            excluded_tiers: Vec::new(),
            costs_resources: false,
            cap_per_pupil: None,
            example: false,
            notes: String::new(),
            created_at: now(),
            updated_at: now(),
        }
    }

    fn options(pseudonymise: bool) -> PackOptions {
        PackOptions {
            start_year: 2025,
            pseudonymise,
            today: date(2025, 10, 15),
        }
    }

    fn plan(d: &mut Dataset, pupil: Uuid, term: crate::domain::calendar::TermName) {
        d.plans.push(SupportPlan {
            id: Uuid::new_v4(),
            pupil_id: pupil,
            start_year: 2025,
            term,
            outcomes: vec![Outcome {
                text: "Reads a page aloud".into(),
                result: Some(ReviewResult::Partly),
            }],
            provision_ids: d.provisions.iter().map(|p| p.id).collect(),
            review_date: Some(date(2025, 12, 10)),
            pupil_views: "I like the library".into(),
            parent_views: "More reading at home".into(),
            created_at: now(),
            updated_at: now(),
        });
    }

    fn rows<'a>(r: &'a Report, caption_starts: &str) -> &'a Vec<Vec<String>> {
        &r.tables
            .iter()
            .find(|t| t.caption.starts_with(caption_starts))
            .unwrap_or_else(|| panic!("no table {caption_starts}"))
            .rows
    }

    #[test]
    fn the_costed_map_and_the_budget_are_worked_by_hand() {
        let (d, ann) = ann();
        // Reading: £18.00 × 30/60 = £9.00 a session × 3 × 14 weeks =
        // £378.00, shared by Ann and Ben: £189.00 each (50%).
        // Speech: £18.00 × 60/60 × 1 × 14 = £252.00, Ann's alone (100%).
        // Ann: £189.00 + £252.00 = £441.00, £5,559.00 below £6,000.
        let c = pack_costs(&d, ann, 2025).unwrap();
        assert_eq!(c.school_total, Money(44_100));
        assert_eq!(
            c.places.iter().map(|p| p.1).collect::<Vec<_>>(),
            vec![Money(18_900), Money(25_200)]
        );
        // The notional SEN budget (£10,000) pays for Reading only: £378.00
        // for 2 pupils (a mean of £189.00), Ann's part £189.00; £9,622.00 left.
        assert_eq!(c.notional_budget, Some(Money::pounds(10_000)));
        assert_eq!(c.notional_committed, Money(37_800));
        assert_eq!(c.notional_pupils, 2);
        assert_eq!(c.notional_this_pupil, Money(18_900));

        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        assert_eq!(r.title, "Top-up evidence pack: Ann Test, 2025-26");
        let map = rows(&r, "Costed individual provision map");
        assert_eq!(map.len(), 3);
        assert_eq!(map[0][0], "Reading");
        assert_eq!(map[0][3], "1 TA");
        assert_eq!(map[0][4], "01/09/2025 to 19/12/2025");
        assert_eq!(map[0][5], "1 h 30 min (3 × 30 min)");
        assert_eq!(map[0][6], "50%");
        assert_eq!(map[0][8], "£189.00");
        assert_eq!(map[1][5], "1 h (1 × 60 min)");
        assert_eq!(map[1][6], "100%");
        assert_eq!(map[1][7], "Pupil premium");
        assert_eq!(map[2][8], "£441.00");
        // No rate card: no LA column, and the notes say so.
        assert_eq!(map[0].len(), 9);
        assert!(r.notes.iter().any(|n| n.starts_with("No LA rate card")));
        let against = rows(&r, "Against the element-2 threshold");
        assert_eq!(against[0][1], "£441.00");
        assert_eq!(against[2], vec!["Against the threshold", "£5,559.00 below"]);
        let budget = rows(&r, "How the school's notional SEN budget");
        assert_eq!(
            budget[0],
            vec!["Notional SEN budget, 2025-26", "£10,000.00"]
        );
        assert_eq!(budget[1][1], "£378.00");
        assert_eq!(budget[2][1], "2");
        // Both places are taken: £189.00 + £189.00 = £378.00 carried.
        assert_eq!(budget[3], vec!["Carried by those pupils", "£378.00"]);
        assert_eq!(
            budget[4],
            vec!["Ann Test's provision charged to it", "£189.00"]
        );
        assert_eq!(budget[5], vec!["Left in the budget", "£9,622.00"]);
        // Split by the planned group of 4 instead, Ann and Ben carry a
        // quarter each (£94.50) and two empty places £189.00.
        let mut d = d.clone();
        d.provisions[0].split = crate::domain::provision::CostSplit::PlannedGroupSize;
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        let budget = rows(&r, "How the school's notional SEN budget");
        assert_eq!(budget[1][1], "£378.00");
        assert_eq!(budget[3], vec!["Carried by those pupils", "£189.00"]);
        assert_eq!(
            budget[4],
            vec!["Not carried by a pupil (empty places in groups)", "£189.00"]
        );
        assert_eq!(
            budget[5],
            vec!["Ann Test's provision charged to it", "£94.50"]
        );
    }

    #[test]
    fn both_costings_side_by_side_with_the_differences_explained() {
        use crate::domain::rate_card::{LaBasis, TimeWindow};
        let (mut d, ann) = ann();
        // Friday's reading session moves to 12:15, into lunch.
        d.provisions[0].slots[2].start = Time::constant(12, 15, 0, 0);
        d.settings.rate_cards.push(card(
            LaBasis::PerWeeklyHour {
                amount: Money(65_360),
            },
            vec![TimeWindow {
                name: "Lunch".into(),
                start: Time::constant(12, 0, 0, 0),
                end: Time::constant(13, 0, 0, 0),
            }],
        ));
        // The LA's hourly rate: £653.60 / 38 = £17.20.
        // Reading: 2 of 3 sessions counted (Friday's is in lunch), 30 min,
        // 14 weeks (under the card's 38), a group of 2 (Ann and Ben):
        // 17.20 × 30/60 × 2 × 14 / 2 = £120.40.
        // Speech: 17.20 × 60/60 × 1 × 14 / 1 = £240.80.
        // Ann: £361.20 as the LA costs it; £441.00 as the school does
        // (£18.00 an hour, every session).
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        let map = rows(&r, "Costed individual provision map");
        assert_eq!(map[0][8..], ["£189.00", "1/2", "£120.40"]);
        assert_eq!(map[1][8..], ["£252.00", "1/1", "£240.80"]);
        assert_eq!(map[2][8..], ["£441.00", "", "£361.20"]);
        let against = rows(&r, "Against the element-2 threshold");
        assert_eq!(against[0][1..], ["£441.00", "£361.20"]);
        // £6,000 - £361.20 = £5,638.80.
        assert_eq!(against[2][1..], ["£5,559.00 below", "£5,638.80 below"]);
        let why = rows(&r, "Why the school's and the LA's costings differ");
        let reading = why.iter().find(|row| row[0] == "Reading").unwrap();
        assert!(
            reading[1].contains(
                "The LA does not cost Friday's 12:15 session: it is in lunch (12:00–13:00)."
            ),
            "{}",
            reading[1]
        );
        assert!(r
            .notes
            .iter()
            .any(|n| n
                .starts_with("As the LA costs it: by the rate card of Anyshire from 01/04/2025")));
        // The pack's LA figures are the pupil page's: the same function.
        let year = d.settings.year(2025).unwrap().range().unwrap();
        let la = crate::domain::rate_card::la_costing(
            &d,
            ann,
            &d.settings.rate_cards[0],
            &CostReport::build(&d, year),
        );
        assert_eq!(la.la_total, Money(36_120));
        assert_eq!(la.school_total, Money(44_100));
    }

    #[test]
    fn a_pay_award_during_the_year_is_in_both_the_cost_and_the_words() {
        use crate::domain::pay::RateChange;
        use crate::domain::rate_card::LaBasis;
        use crate::domain::staff::RateBasis;
        let (mut d, ann) = ann();
        // The TA goes from £18.00 to £20.00 an hour on 01/11/2025. Reading's
        // 14 counted weeks fall 9 : 7 by raw weeks (01/09-31/10 is 9 weeks,
        // 03/11-19/12 is 7): 7.875 and 6.125 weeks.
        // £9.00 × 3 × 7.875 + £10.00 × 3 × 6.125 = 212.625 + 183.75
        // = £396.375, rounded once: £396.38; Ann's half £198.19.
        d.roles[0].rate_changes.push(RateChange {
            from: date(2025, 11, 1),
            rate: RateBasis::Typed {
                hourly: Money::pounds(20),
            },
        });
        d.settings.rate_cards.push(card(
            LaBasis::Hourly {
                amount: Money::pounds(17),
            },
            Vec::new(),
        ));
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        let map = rows(&r, "Costed individual provision map");
        assert_eq!(map[0][8], "£198.19");
        let why = rows(&r, "Why the school's and the LA's costings differ");
        assert!(
            why[0][1].contains("the school's rate for TA is £18.00, then £20.00 from 01/11/2025"),
            "{}",
            why[0][1]
        );
    }

    #[test]
    fn the_pack_agrees_with_the_cost_and_attendance_reports_and_the_gain() {
        let (d, ann) = ann();
        let year = d.settings.year(2025).unwrap().range().unwrap();
        let costs = CostReport::build(&d, year);
        let c = pack_costs(&d, ann, 2025).unwrap();
        assert_eq!(Some(&c.school_total), costs.per_pupil.get(&ann));
        assert_eq!(
            Some(&c.notional_committed),
            costs.by_funding.get(&FundingSource::NotionalSen)
        );
        let lines = crate::domain::costing::budget_lines(&d, 2025, date(2025, 10, 15)).unwrap();
        let notional = lines
            .iter()
            .find(|l| l.source == FundingSource::NotionalSen)
            .unwrap();
        assert_eq!(notional.committed, c.notional_committed);
        assert_eq!(Some(notional.budget), c.notional_budget);

        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        // Attendance: Reading's slots on Tuesday, Thursday and Friday of
        // the 16 weeks from 01/09 to 19/12 (no breaks): 48 planned, none
        // recorded. Speech has no slots, so nothing planned.
        let att = rows(&r, "Attendance at sessions");
        assert_eq!(att[0][0], "Reading");
        assert_eq!(att[0][1], "On the register");
        assert_eq!(att[0][2], "48");
        let report = AttendanceReport::build(&d, year, date(2025, 10, 15));
        let place = d
            .enrolments
            .iter()
            .find(|e| e.pupil_id == ann && e.entry.is_some())
            .unwrap();
        let tally = report.place(place.id).unwrap().tally;
        assert_eq!(att[0][6], tally.share().text());
        assert_eq!(att.last().unwrap()[6], report.pupil(ann).share().text());
        // The gain as the pupil page and impact view word it: 82 to 88.
        let gains = rows(&r, "Entry and exit data");
        assert_eq!(gains.len(), 1);
        assert_eq!(gains[0][2], "82 on 01/09/2025");
        assert_eq!(gains[0][3], "88 on 19/12/2025");
        assert_eq!(gains[0][4], gain_text(&gain(place, &d.settings)));
        // The week the timetable opens on for 15/10/2025: Monday 13/10.
        let week = r
            .tables
            .iter()
            .find(|t| t.caption.starts_with("Weekly timetable"))
            .unwrap();
        assert_eq!(
            week.caption,
            "Weekly timetable: Monday 13/10/2025 to Friday 17/10/2025"
        );
        let days: Vec<&str> = week.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(days, ["Tuesday", "Thursday", "Friday"]);
        assert_eq!(week.rows[0][1], "09:15 to 09:45");
        assert_eq!(week.rows[0][3], "Library");
        assert_eq!(week.rows[0][5], "With Ben Test");
        // Made on 30/11/2026, after the year: the timetable opens on the
        // year's first school week (Monday 01/09/2025), where Ann has her
        // sessions too.
        let mut late = options(false);
        late.today = date(2026, 11, 30);
        let r = evidence_pack(&d, ann, &late).unwrap();
        assert!(rows(&r, "Weekly timetable: Monday 01/09/2025").len() == 3);
        // With her places from Monday 15/09, that week is empty: the pack
        // shows her first week with sessions, Monday 15/09/2025.
        let mut d2 = d.clone();
        for e in d2.enrolments.iter_mut() {
            e.start = date(2025, 9, 15);
        }
        let r = evidence_pack(&d2, ann, &late).unwrap();
        assert_eq!(
            rows(
                &r,
                "Weekly timetable: Monday 15/09/2025 to Friday 19/09/2025"
            )
            .len(),
            3
        );
    }

    #[test]
    fn plans_over_two_terms_and_what_a_pack_says_when_there_are_fewer() {
        use crate::domain::calendar::TermName;
        let (mut d, ann) = ann();
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        assert!(rows(&r, "Support plans").is_empty());
        assert!(r
            .notes
            .iter()
            .any(|n| n.starts_with("No support plan is recorded")));
        plan(&mut d, ann, TermName::Autumn);
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        assert!(r
            .notes
            .iter()
            .any(|n| n.starts_with("Support plans are recorded for one term only")));
        plan(&mut d, ann, TermName::Spring);
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        assert!(!r.notes.iter().any(|n| n.contains("at least two terms")));
        let t = r
            .tables
            .iter()
            .find(|t| t.caption.starts_with("Support plans"))
            .unwrap();
        assert_eq!(
            t.caption,
            "Support plans (assess, plan, do, review): 2 terms, 2 reviewed"
        );
        assert_eq!(t.rows[0][0], "Autumn 2025-26");
        assert_eq!(t.rows[1][0], "Spring 2025-26");
        assert_eq!(t.rows[0][1], "Reads a page aloud: Partly achieved");
        assert_eq!(t.rows[0][2], "Reading, Speech");
        assert_eq!(t.rows[0][3], "10/12/2025");
    }

    #[test]
    fn pseudonymised_the_pack_names_no_one_and_gives_no_upn() {
        let (mut d, ann) = ann();
        plan(&mut d, ann, crate::domain::calendar::TermName::Autumn);
        let r = evidence_pack(&d, ann, &options(true)).unwrap();
        let pupil = d.pupil(ann).unwrap();
        let text = format!("{r:?}");
        for hidden in ["Ann", "Ben", "A123456789012", "Date of birth", "Class"] {
            assert!(!text.contains(hidden), "{hidden} is in the pack");
        }
        assert!(r.title.contains(&pupil.pseudonym()));
        // The week names no other pupil: a count instead.
        let week = rows(&r, "Weekly timetable");
        assert_eq!(week[0][5], "With 1 other pupil");
        // Not pseudonymised: the UPN is there.
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        assert!(rows(&r, "About the pupil")
            .iter()
            .any(|row| row == &vec!["UPN".to_owned(), "A123456789012".to_owned()]));
    }

    #[test]
    fn by_financial_year_the_notional_budget_is_not_set_against_the_academic_year() {
        let (mut d, ann) = ann();
        d.settings.budget_year = BudgetYear::Financial;
        let c = pack_costs(&d, ann, 2025).unwrap();
        assert_eq!(c.notional_budget, None);
        let r = evidence_pack(&d, ann, &options(false)).unwrap();
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("budgets by financial year")));
        // No pupil, or no year set up: no pack, no panic.
        assert!(evidence_pack(&d, Uuid::new_v4(), &options(false)).is_none());
        let mut o = options(false);
        o.start_year = 2030;
        assert!(evidence_pack(&d, ann, &o).is_none());
    }

    #[test]
    fn through_a_views_cache_the_pack_is_the_same_and_follows_an_edit() {
        let (mut d, ann) = ann();
        let mut cache = crate::domain::costing::CostCache::default();
        for pseudonymise in [false, true, false] {
            let o = options(pseudonymise);
            assert_eq!(
                evidence_pack_with(&d, ann, &o, &mut cache),
                evidence_pack(&d, ann, &o)
            );
        }
        // Reading goes to 45 minutes: £13.50 × 3 × 14 = £567.00, Ann's
        // half £283.50; the cached pack has it.
        d.provisions[0].minutes_per_session = 45;
        let r = evidence_pack_with(&d, ann, &options(false), &mut cache).unwrap();
        assert_eq!(rows(&r, "Costed individual provision map")[0][8], "£283.50");
        assert_eq!(Some(r), evidence_pack(&d, ann, &options(false)));
    }

    #[test]
    fn hours_and_minutes_read_as_a_senco_writes_them() {
        assert_eq!(hours_and_minutes(45), "45 min");
        assert_eq!(hours_and_minutes(60), "1 h");
        assert_eq!(hours_and_minutes(90), "1 h 30 min");
        assert_eq!(hours_and_minutes(0), "0 min");
        assert_eq!(share_percent(Money(1), Money(3)), "33%");
        assert_eq!(share_percent(Money(1), Money(8)), "13%");
        assert_eq!(share_percent(Money(1), Money::ZERO), "–");
    }
}
