//! What is due: the home view's list, for a given today. Each item says
//! what it is about, in a sentence, and where it is done ([`Fix`]); the
//! counts per kind show in the navigation.
//!
//! ```text
//! "this term"          = the term holding today, else (in a holiday) the
//!                        next term to start
//! plan review due      = a pupil's support plan with outcomes not yet
//!                        reviewed, its review date this term from today on
//!                        (or, with no review date, a plan for this term)
//! plan review overdue  = the same, its review date before today (or, with
//!                        none, its term ended before today)
//! annual review        = an EHC plan's next annual review, else 12 months
//!                        after it was issued (29 February + 12 months is
//!                        28 February); due within the next 8 weeks (56
//!                        days, today included), overdue before today
//! no exit data         = a provision ended (before today) in the last
//!                        year, with a pupil whose place ran to its end (the
//!                        pupil had not left) and has no exit assessment
//! no provision         = a pupil on the SEN register today with no place
//!                        counting on any day of this term
//! possible top-up      = a pupil at or over the element-2 threshold in the
//!                        academic year in view with no EHC plan
//! clash                = every clash of this term ([`super::clashes`])
//! not recorded         = a provision with planned sessions last week
//!                        (Monday to Friday before this week) not recorded
//! backup               = [`super::backup::reminder`]
//! ```
//!
//! Pupils who have left the school are not listed.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use uuid::Uuid;

use super::attendance::AttendanceReport;
use super::calendar::{monday_of, Calendar, DateRange};
use super::clashes::{clashes, Clash};
use super::costing::{counted_range, over_threshold, CostReport};
use super::dataset::Dataset;
use super::needs::SenStatus;

/// Where a due item is done: the UI maps each to a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    Pupil(Uuid),
    Provision(Uuid),
    Timetable,
    /// A provision's register, for the week starting on this Monday.
    Attendance {
        provision_id: Uuid,
        week: Date,
    },
    Backup,
}

/// The kinds of due item, in the order the home view lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueKind {
    PlanReviewOverdue,
    PlanReviewDue,
    AnnualReviewOverdue,
    AnnualReviewDue,
    NoExitData,
    NoProvision,
    PossibleTopUp,
    Clash,
    AttendanceNotRecorded,
    Backup,
}

impl DueKind {
    pub const ALL: [DueKind; 10] = [
        DueKind::PlanReviewOverdue,
        DueKind::PlanReviewDue,
        DueKind::AnnualReviewOverdue,
        DueKind::AnnualReviewDue,
        DueKind::NoExitData,
        DueKind::NoProvision,
        DueKind::PossibleTopUp,
        DueKind::Clash,
        DueKind::AttendanceNotRecorded,
        DueKind::Backup,
    ];

    /// What to do about an item of this kind: the words of its link.
    pub fn action(self) -> &'static str {
        match self {
            DueKind::PlanReviewOverdue | DueKind::PlanReviewDue => "Review the plan",
            DueKind::AnnualReviewOverdue | DueKind::AnnualReviewDue => "Open the pupil's page",
            DueKind::NoExitData => "Enter exit data",
            DueKind::NoProvision => "Open the pupil's page",
            DueKind::PossibleTopUp => "See the costed provision",
            DueKind::Clash => "Open the timetable",
            DueKind::AttendanceNotRecorded => "Record attendance",
            DueKind::Backup => "Export a backup",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DueKind::PlanReviewOverdue => "Support plan reviews overdue",
            DueKind::PlanReviewDue => "Support plan reviews due this term",
            DueKind::AnnualReviewOverdue => "EHC plan annual reviews overdue",
            DueKind::AnnualReviewDue => "EHC plan annual reviews in the next 8 weeks",
            DueKind::NoExitData => "Provision ended without exit data",
            DueKind::NoProvision => "Pupils on the register with no provision this term",
            DueKind::PossibleTopUp => "Possible top-up applications",
            DueKind::Clash => "Timetable clashes",
            DueKind::AttendanceNotRecorded => "Attendance not recorded last week",
            DueKind::Backup => "Backup",
        }
    }
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub kind: DueKind,
    /// The pupil it is about, if any.
    pub pupil_id: Option<Uuid>,
    /// The provision it is about, if any.
    pub provision_id: Option<Uuid>,
    /// The date it is due (reviews), if it has one.
    pub date: Option<Date>,
    pub message: String,
    pub fix: Fix,
}

/// Everything due, and how many of each kind (every kind listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub items: Vec<DueItem>,
    pub counts: Vec<(DueKind, usize)>,
}

impl Due {
    pub fn count(&self, kind: DueKind) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> usize {
        self.items.len()
    }
}

/// What [`due`] needs besides the data: the day, the time, and the backup
/// reminder's state (kept outside the dataset).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueInput {
    pub today: Date,
    pub now: Timestamp,
    pub last_export: Option<Timestamp>,
    pub reminder_days: u32,
}

fn dmy(d: Date) -> String {
    d.strftime("%d/%m/%Y").to_string()
}

/// When an EHC plan's annual review falls: the next one set, else 12
/// months after the plan was issued.
pub fn annual_review_date(e: &super::pupil::EhcpDetails) -> Option<Date> {
    e.next_annual_review
        .or_else(|| e.issue_date.checked_add(12.months()).ok())
}

/// Everything due on `input.today`; the cost report is built for the
/// academic year in view.
pub fn due(data: &Dataset, input: &DueInput) -> Due {
    let report = data
        .settings
        .year_in_view(None, input.today)
        .and_then(|y| CostReport::for_year(data, y));
    due_with(data, input, report.as_ref())
}

/// [`due`] with the year's cost report already built (a view keeps one);
/// `None` lists no possible top-ups.
pub fn due_with(data: &Dataset, input: &DueInput, year_cost: Option<&CostReport>) -> Due {
    let today = input.today;
    let cal = Calendar::new(&data.settings.years);
    let term = cal.term_at_or_after(today);
    let mut items: Vec<DueItem> = Vec::new();
    let on_roll = |id: Uuid| data.pupil(id).is_some_and(|p| p.on_roll_on(today));
    let name = |id: Uuid| {
        data.pupil(id)
            .map_or_else(|| "A pupil".to_owned(), super::pupil::Pupil::full_name)
    };

    // Support plan reviews.
    for plan in data.plans.iter().filter(|p| on_roll(p.pupil_id)) {
        let (reviewed, _) = plan.reviewed();
        if reviewed >= plan.outcomes.len() {
            continue;
        }
        let plan_term = data
            .settings
            .year(plan.start_year)
            .and_then(|y| y.term(plan.term))
            .map(|t| t.range());
        let term_label = super::calendar::term_label(plan.start_year, plan.term);
        let (kind, date) = match plan.review_date {
            Some(d) if d < today => (DueKind::PlanReviewOverdue, Some(d)),
            Some(d) if term.is_some_and(|t| d <= t.range.end) => (DueKind::PlanReviewDue, Some(d)),
            Some(_) => continue,
            None => match plan_term {
                Some(r) if r.end < today => (DueKind::PlanReviewOverdue, None),
                Some(r) if term.is_some_and(|t| t.range == r) => (DueKind::PlanReviewDue, None),
                _ => continue,
            },
        };
        let when = match (kind, date) {
            (DueKind::PlanReviewOverdue, Some(d)) => format!("was due on {}", dmy(d)),
            (DueKind::PlanReviewOverdue, None) => "was due by the end of that term".into(),
            (_, Some(d)) => format!("is due on {}", dmy(d)),
            (_, None) => "is due this term (no review date set)".into(),
        };
        items.push(DueItem {
            kind,
            pupil_id: Some(plan.pupil_id),
            provision_id: None,
            date,
            message: format!(
                "{}'s support plan for {term_label}: its review {when}.",
                name(plan.pupil_id)
            ),
            fix: Fix::Pupil(plan.pupil_id),
        });
    }

    // EHC plan annual reviews.
    let eight_weeks = today.checked_add(55.days()).unwrap_or(today);
    for p in data.pupils.iter().filter(|p| p.on_roll_on(today)) {
        if p.sen_status != SenStatus::Ehcp {
            continue;
        }
        let Some(d) = p.ehcp.as_ref().and_then(annual_review_date) else {
            continue;
        };
        let kind = if d < today {
            DueKind::AnnualReviewOverdue
        } else if d <= eight_weeks {
            DueKind::AnnualReviewDue
        } else {
            continue;
        };
        let when = if d < today { "was due" } else { "is due" };
        items.push(DueItem {
            kind,
            pupil_id: Some(p.id),
            provision_id: None,
            date: Some(d),
            message: format!(
                "{}'s EHC plan annual review {when} on {}.",
                p.full_name(),
                dmy(d)
            ),
            fix: Fix::Pupil(p.id),
        });
    }

    // Provision ended in the last year without exit data.
    let year_ago = today.checked_sub(1.year()).unwrap_or(today);
    for p in data
        .provisions
        .iter()
        .filter(|p| !p.planned && p.end < today && p.end >= year_ago)
    {
        let missing = data
            .enrolments
            .iter()
            .filter(|e| e.provision_id == p.id && e.exit.is_none())
            .filter(|e| {
                data.pupil(e.pupil_id)
                    .is_some_and(|x| x.left_on.is_none_or(|l| l > e.end))
            })
            .count();
        if missing > 0 {
            items.push(DueItem {
                kind: DueKind::NoExitData,
                pupil_id: None,
                provision_id: Some(p.id),
                date: Some(p.end),
                message: format!(
                    "{} ended on {} and {} no exit data.",
                    p.name,
                    dmy(p.end),
                    if missing == 1 {
                        "1 pupil has".to_owned()
                    } else {
                        format!("{missing} pupils have")
                    }
                ),
                fix: Fix::Provision(p.id),
            });
        }
    }

    // On the register with no provision this term.
    if let Some(t) = term {
        for p in data.pupils.iter().filter(|p| p.on_register_on(today)) {
            let has = data.enrolments.iter().any(|e| {
                e.pupil_id == p.id
                    && data.provision(e.provision_id).is_some_and(|x| !x.planned)
                    && counted_range(e, p.left_on).is_some_and(|r| r.intersect(&t.range).is_some())
            });
            if !has {
                items.push(DueItem {
                    kind: DueKind::NoProvision,
                    pupil_id: Some(p.id),
                    provision_id: None,
                    date: None,
                    message: format!(
                        "{} is on the SEN register ({}) with no provision in {}.",
                        p.full_name(),
                        p.sen_status.label(),
                        t.key.label()
                    ),
                    fix: Fix::Pupil(p.id),
                });
            }
        }
    }

    // At or over the element-2 threshold without an EHC plan.
    if let Some(report) = year_cost {
        let threshold = data.settings.element2_threshold;
        for o in over_threshold(report, threshold) {
            let Some(p) = data.pupil(o.pupil_id) else {
                continue;
            };
            if p.sen_status == SenStatus::Ehcp || !p.on_roll_on(today) {
                continue;
            }
            items.push(DueItem {
                kind: DueKind::PossibleTopUp,
                pupil_id: Some(p.id),
                provision_id: None,
                date: None,
                message: format!(
                    "{}'s provision costs {} this year, at or over the element-2 threshold of {}, and they have no EHC plan: a top-up application may be due.",
                    p.full_name(),
                    o.total,
                    threshold
                ),
                fix: Fix::Pupil(p.id),
            });
        }
    }

    // Clashes of this term.
    if let Some(t) = term {
        for c in clashes(data, &cal, &t.range) {
            items.push(clash_item(c));
        }
    }

    // Sessions of last week not recorded.
    let last_monday = monday_of(today).checked_sub(7.days()).unwrap_or(today);
    let last_week = DateRange::new(
        last_monday,
        last_monday.checked_add(4.days()).unwrap_or(last_monday),
    );
    let attendance = AttendanceReport::build(data, last_week, today);
    for a in &attendance.provisions {
        if a.sessions.not_recorded == 0 {
            continue;
        }
        let Some(p) = data.provision(a.provision_id) else {
            continue;
        };
        let n = a.sessions.not_recorded;
        items.push(DueItem {
            kind: DueKind::AttendanceNotRecorded,
            pupil_id: None,
            provision_id: Some(p.id),
            date: Some(last_monday),
            message: format!(
                "{}: {} of the week of {} not recorded.",
                p.name,
                if n == 1 {
                    "1 session".to_owned()
                } else {
                    format!("{n} sessions")
                },
                dmy(last_monday)
            ),
            fix: Fix::Attendance {
                provision_id: p.id,
                week: last_monday,
            },
        });
    }

    // The backup.
    let has_data = !data.pupils.is_empty() || !data.provisions.is_empty();
    if let Some(message) =
        super::backup::reminder(input.last_export, input.reminder_days, input.now, has_data)
    {
        items.push(DueItem {
            kind: DueKind::Backup,
            pupil_id: None,
            provision_id: None,
            date: None,
            message,
            fix: Fix::Backup,
        });
    }

    super::sort::by_key(&mut items, |i| (i.kind, i.date));
    let counts = DueKind::ALL
        .into_iter()
        .map(|k| (k, items.iter().filter(|i| i.kind == k).count()))
        .collect();
    Due { items, counts }
}

fn clash_item(c: Clash) -> DueItem {
    DueItem {
        kind: DueKind::Clash,
        pupil_id: c.pupil_id,
        provision_id: c.provisions.first().copied(),
        date: c.first,
        message: c.message,
        fix: Fix::Timetable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::TermName;
    use crate::domain::money::Money;
    use crate::domain::needs::NeedCode;
    use crate::domain::plan::{Outcome, SupportPlan};
    use crate::domain::provision::SchoolDay;
    use crate::domain::pupil::{EhcpDetails, Pupil, PupilDraft};
    use crate::domain::testing::{enrol, now, provision, school, slot};
    use jiff::civil::{date, time};

    fn plan(pupil: Uuid, review: Option<Date>) -> SupportPlan {
        SupportPlan {
            id: Uuid::new_v4(),
            pupil_id: pupil,
            start_year: 2025,
            term: TermName::Autumn,
            outcomes: vec![Outcome {
                text: "Reads 40 words".into(),
                result: None,
            }],
            provision_ids: Vec::new(),
            review_date: review,
            pupil_views: String::new(),
            parent_views: String::new(),
            created_at: now(),
            updated_at: now(),
        }
    }

    fn ehcp(d: &mut Dataset, given: &str, issued: Date, next: Option<Date>) -> Uuid {
        let mut p = Pupil::create(&PupilDraft::new(given, "Test", "Y5"), now()).unwrap();
        p.sen_status = SenStatus::Ehcp;
        p.primary_need = Some(NeedCode::Asd);
        p.ehcp = Some(EhcpDetails {
            issue_date: issued,
            next_annual_review: next,
            local_authority: "Anyshire".into(),
            top_up: Money::ZERO,
        });
        let id = p.id;
        d.pupils.push(p);
        id
    }

    fn input(today: Date) -> DueInput {
        DueInput {
            today,
            now: "2025-10-15T12:00:00Z".parse().unwrap(),
            last_export: None,
            reminder_days: 14,
        }
    }

    #[test]
    fn the_home_view_lists_what_is_due_with_where_to_do_it() {
        let mut d = school();
        d.settings.element2_threshold = Money::pounds(100);
        // Reading: 2 sessions a week, 1 slot (Mondays 09:00), 8 September
        // to 19 December 2025, nothing recorded.
        let mut reading = provision(&d, "Reading", 2, 30, date(2025, 9, 8), date(2025, 12, 19));
        reading.slots = vec![slot(SchoolDay::Monday, time(9, 0, 0, 0), "")];
        let rid = reading.id;
        d.provisions.push(reading);
        // Spelling: 1 to 26 September, no slot, ended.
        let spelling = provision(&d, "Spelling", 1, 30, date(2025, 9, 1), date(2025, 9, 26));
        let sid = spelling.id;
        d.provisions.push(spelling);
        let ann = enrol(&mut d, "Ann", rid, date(2025, 9, 8), date(2025, 12, 19));
        let bob = enrol(&mut d, "Bob", sid, date(2025, 9, 1), date(2025, 9, 26));
        d.plans.push(plan(ann, Some(date(2025, 12, 10))));
        d.plans.push(plan(bob, Some(date(2025, 10, 1))));
        // Cy: issued on 29 February 2024, never reviewed: due 28 February
        // 2025, overdue. Dee: next review 9 December 2025, 55 days after
        // Wednesday 15 October (the 56th day counting today): due. Eve:
        // 10 December, the 57th day: not yet.
        let cy = ehcp(&mut d, "Cy", date(2024, 2, 29), None);
        let dee = ehcp(&mut d, "Dee", date(2025, 1, 6), Some(date(2025, 12, 9)));
        let eve = ehcp(&mut d, "Eve", date(2025, 1, 6), Some(date(2025, 12, 10)));
        // Fay has left: nothing about her is listed.
        let fay = ehcp(&mut d, "Fay", date(2020, 1, 6), None);
        d.pupils.iter_mut().find(|p| p.id == fay).unwrap().left_on = Some(date(2025, 7, 18));

        let due = due(&d, &input(date(2025, 10, 15)));
        let got: Vec<(DueKind, String, Fix)> = due
            .items
            .iter()
            .map(|i| (i.kind, i.message.clone(), i.fix))
            .collect();
        let want = [
            (
                DueKind::PlanReviewOverdue,
                "Bob Test's support plan for Autumn 2025-26: its review was due on 01/10/2025.",
                Fix::Pupil(bob),
            ),
            (
                DueKind::PlanReviewDue,
                "Ann Test's support plan for Autumn 2025-26: its review is due on 10/12/2025.",
                Fix::Pupil(ann),
            ),
            (
                DueKind::AnnualReviewOverdue,
                "Cy Test's EHC plan annual review was due on 28/02/2025.",
                Fix::Pupil(cy),
            ),
            (
                DueKind::AnnualReviewDue,
                "Dee Test's EHC plan annual review is due on 09/12/2025.",
                Fix::Pupil(dee),
            ),
            (
                DueKind::NoExitData,
                "Spelling ended on 26/09/2025 and 1 pupil has no exit data.",
                Fix::Provision(sid),
            ),
            (
                DueKind::NoProvision,
                "Cy Test is on the SEN register (EHC plan) with no provision in Autumn 2025-26.",
                Fix::Pupil(cy),
            ),
            (
                DueKind::NoProvision,
                "Dee Test is on the SEN register (EHC plan) with no provision in Autumn 2025-26.",
                Fix::Pupil(dee),
            ),
            (
                DueKind::NoProvision,
                "Eve Test is on the SEN register (EHC plan) with no provision in Autumn 2025-26.",
                Fix::Pupil(eve),
            ),
            // Reading: 14 teaching weeks (the term's cap) x 2 x £9.00 =
            // £252.00, Ann's alone.
            (
                DueKind::PossibleTopUp,
                "Ann Test's provision costs £252.00 this year, at or over the element-2 threshold of £100.00, and they have no EHC plan: a top-up application may be due.",
                Fix::Pupil(ann),
            ),
            (
                DueKind::Clash,
                "Reading runs 2 sessions a week but has 1 slot on the timetable.",
                Fix::Timetable,
            ),
            (
                DueKind::Clash,
                "Spelling (1 session a week) is not on the timetable: give its sessions a day and a time.",
                Fix::Timetable,
            ),
            // Last week: Monday 6 to Friday 10 October; Monday's session.
            (
                DueKind::AttendanceNotRecorded,
                "Reading: 1 session of the week of 06/10/2025 not recorded.",
                Fix::Attendance {
                    provision_id: rid,
                    week: date(2025, 10, 6),
                },
            ),
            (
                DueKind::Backup,
                "Your data has never been exported: it is only in this browser.",
                Fix::Backup,
            ),
        ];
        let want: Vec<(DueKind, String, Fix)> = want
            .into_iter()
            .map(|(k, m, f)| (k, m.to_owned(), f))
            .collect();
        assert_eq!(got, want);
        assert_eq!(due.count(DueKind::NoProvision), 3);
        assert_eq!(due.count(DueKind::Clash), 2);
        assert_eq!(due.total(), 13);
        assert_eq!(due.counts.len(), DueKind::ALL.len());
    }

    #[test]
    fn reviewed_plans_recorded_sessions_and_empty_data_are_not_due() {
        let mut d = school();
        let mut reading = provision(&d, "Reading", 1, 30, date(2025, 9, 8), date(2025, 12, 19));
        reading.slots = vec![slot(SchoolDay::Monday, time(9, 0, 0, 0), "")];
        let rid = reading.id;
        d.provisions.push(reading);
        let ann = enrol(&mut d, "Ann", rid, date(2025, 9, 8), date(2025, 12, 19));
        let mut p = plan(ann, Some(date(2025, 10, 1)));
        p.outcomes[0].result = Some(crate::domain::plan::ReviewResult::Achieved);
        d.plans.push(p);
        d.sessions.push(crate::domain::session::SessionRecord {
            id: Uuid::new_v4(),
            provision_id: rid,
            date: date(2025, 10, 6),
            start: time(9, 0, 0, 0),
            outcome: crate::domain::session::SessionOutcome::Delivered { absent: vec![] },
            created_at: now(),
            updated_at: now(),
        });
        let mut i = input(date(2025, 10, 15));
        i.last_export = Some("2025-10-14T12:00:00Z".parse().unwrap());
        assert_eq!(due(&d, &i).total(), 0, "{:#?}", due(&d, &i).items);
        // In the summer holiday after the year set up there is no term to
        // come: no "no provision" and no clash.
        let summer = input(date(2026, 8, 10));
        let due_summer = due(&d, &summer);
        assert!(due_summer
            .items
            .iter()
            .all(|x| x.kind != DueKind::NoProvision));
        // Nothing at all: nothing due, not even a backup.
        let empty = school();
        assert_eq!(due(&empty, &input(date(2025, 10, 15))).total(), 0);
        // A plan with no review date is due in its own term and overdue after.
        let mut d2 = d.clone();
        d2.plans[0] = plan(ann, None);
        let k = |day| {
            due(&d2, &i.clone_with(day))
                .items
                .iter()
                .find(|x| x.pupil_id == Some(ann))
                .map(|x| x.kind)
        };
        assert_eq!(k(date(2025, 10, 15)), Some(DueKind::PlanReviewDue));
        assert_eq!(k(date(2026, 1, 12)), Some(DueKind::PlanReviewOverdue));
    }

    impl DueInput {
        fn clone_with(&self, today: Date) -> DueInput {
            DueInput { today, ..*self }
        }
    }
}
