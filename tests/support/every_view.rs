//! Everything a view computes from a dataset, run once: shared by the
//! limits' property test and the fuzz run, which only ask that nothing
//! panics.

use jiff::Timestamp;
use waymark::domain::attendance::{register_week, AttendanceReport};
use waymark::domain::attendance_register;
use waymark::domain::calendar::Calendar;
use waymark::domain::calendar::{AcademicYear, DateRange, TermName};
use waymark::domain::capacity::capacity;
use waymark::domain::clashes::clashes;
use waymark::domain::costing::{budget_lines, over_threshold, CostReport};
use waymark::domain::dataset::Dataset;
use waymark::domain::due::{due, DueInput};
use waymark::domain::impact::{
    provision_impact, provision_impact_attended, rank_cost_effectiveness, ImpactOptions,
};
use waymark::domain::map::{self, Columns};
use waymark::domain::provision::Enrolment;
use waymark::domain::reports;
use waymark::domain::rollover;
use waymark::domain::timetable::{self, Who};
use waymark::domain::whatif::WhatIfDraft;
use waymark::exchange::Document;

fn now() -> Timestamp {
    "2026-09-01T08:00:00Z".parse().unwrap()
}

/// Everything a view computes from the data, for every year set up.
pub fn run_every_computation(d: &Dataset) {
    let years: Vec<i16> = d.settings.years.iter().map(|y| y.start_year).collect();
    let whole = DateRange::new(
        d.settings.years[0].range().unwrap().start,
        d.settings.years.last().unwrap().range().unwrap().end,
    );
    let all = CostReport::build(d, whole);
    let _ = over_threshold(&all, d.settings.element2_threshold);
    for y in years.iter().copied().take(3).chain(years.last().copied()) {
        let report = CostReport::for_year(d, y).unwrap();
        let year = report.period;
        let _ = map::build(d, year, Columns::Term);
        let m = map::build(d, year, Columns::YearGroup);
        let _ = reports::map_report(d, &m, "map");
        let _ = budget_lines(d, y, year.end);
        let _ = capacity(d, year.start);
        let impacts: Vec<_> = d
            .provisions
            .iter()
            .map(|p| {
                let es: Vec<&Enrolment> = d
                    .enrolments
                    .iter()
                    .filter(|e| e.provision_id == p.id)
                    .collect();
                provision_impact(p.id, &es, &d.settings, &report)
            })
            .collect();
        let _ = rank_cost_effectiveness(&impacts);
        // The timetable, its clashes, the register and attendance.
        let cal = Calendar::new(&d.settings.years);
        let week = timetable::week(d, &cal, year.start);
        let _ = timetable::grid(&timetable::for_who(&week, &Who::School));
        let _ = timetable::rooms(d);
        let _ = clashes(d, &cal, &year);
        let attendance = AttendanceReport::build(d, year, year.end);
        for p in d.provisions.iter().take(3) {
            let week = register_week(d, p.id, year.start);
            // The register's view of it: its rows, labels, marks, why a
            // week is empty, the week it opens on and the weeks either side.
            let _ = attendance_register::week_pupils(d, &week);
            for s in &week {
                let _ = (
                    s.recorded().text(),
                    attendance_register::session_label(s.date, s.start),
                );
                for pupil in &s.pupils {
                    let _ = s.mark(*pupil);
                }
            }
            let _ = attendance_register::empty_week_reason(d, p, year.start);
            let _ =
                attendance_register::week_nav(p, attendance_register::default_week(p, year.end));
            let es: Vec<&Enrolment> = d
                .enrolments
                .iter()
                .filter(|e| e.provision_id == p.id)
                .collect();
            let _ = provision_impact_attended(
                p.id,
                &es,
                &d.settings,
                report.provision(p.id),
                &attendance,
                ImpactOptions {
                    leave_out_low_attendance: true,
                },
            );
        }
        let _ = due(
            d,
            &DueInput {
                today: year.end,
                now: now(),
                last_export: None,
                reminder_days: 14,
            },
        );
        let _ = reports::impact_by_measure(d, &year);
        let low: Vec<_> = d
            .enrolments
            .iter()
            .filter(|e| attendance.below_threshold(e.id).is_some())
            .map(|e| e.id)
            .collect();
        let _ = reports::impact_by_measure_except(d, &year, &low);
        for term in TermName::ALL {
            let _ = reports::governors_summary(d, y, term);
        }
        let _ = reports::sen_information(d, y, year.start);
        let _ = reports::pp_plus_summary(d, y, true);
        let _ = reports::spend_breakdown(d, y, year.end);
        let _ = reports::pupil_costs(d, y);
        let p = &d.provisions[0];
        let mut w = WhatIfDraft::of(d, p);
        w.sessions_per_week = "35".into();
        let _ = w.evaluate(d, p.id, y, year.end);
    }
    let last = *years.last().unwrap();
    if last < 2100 {
        if let Ok(preview) = rollover::preview(d, last, AcademicYear::typical(last + 1), now()) {
            let mut e = d.clone();
            e.apply(&rollover::rollover(d, &preview, now()).forward);
        }
    }
    let text = Document::new(d.clone(), now()).to_json();
    let back = Document::from_json(&text);
    if d.validate().is_empty() {
        assert!(back.is_ok(), "{:?}", back.err());
    }
}
