//! Attendance: sessions planned, delivered, cancelled and attended, per
//! place (a pupil in a provision), per pupil and per provision, over a
//! period, from the sessions recorded on the register.
//!
//! ```text
//! planned        = each school day of the period the provision runs (the
//!                  pupil has a place), one session per slot on that weekday
//! delivered      = sessions recorded as run, dated within those days
//! cancelled      = sessions recorded as cancelled, dated within those days
//! attended       = delivered, less those the pupil was recorded absent from
//! not recorded   = planned sessions on days before today with no record
//!                  (a day's records, whatever their times, count against
//!                  that day's slots)
//! attendance     = attended / delivered, exact; shown as a whole per cent,
//!                  rounded half up (17 of 20 = 85%, 2 of 3 = 67%)
//! below threshold = attended x 100 < threshold x delivered (80% unless the
//!                  school set it): no delivered session is never below it
//! cancelled cost = the sum of the provision's session cost on each
//!                  cancelled session's day (at the rates in force that day),
//!                  rounded once to the penny (money spent on nothing)
//! ```
//!
//! A place's attendance typed by hand before sessions were recorded
//! ([`super::provision::Attendance`], schema version 3 and earlier) counts
//! only where no session of the provision was recorded while the pupil had
//! the place: it is then the place's delivered (its "offered") and
//! attended, whatever the period, marked [`Source::EnteredByHand`].
//!
//! A recorded session that no longer fits the provision (its dates were
//! changed after) is left out; an absent pupil without a place that day
//! changes no place's figures.

use jiff::civil::{Date, Time};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

use super::calendar::{monday_of, Calendar, DateRange};
use super::costing::{counted_range, session_cost_on};
use super::dataset::Dataset;
use super::money::{round_pence, Exact, Money};
use super::provision::{Provision, SchoolDay};
use super::session::{CancelReason, SessionRecord};

/// A part of a whole, exactly: attended of delivered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    pub part: u32,
    pub whole: u32,
}

impl Share {
    /// The whole per cent, rounded half up; `None` of nothing.
    pub fn percent(self) -> Option<u32> {
        (self.whole > 0).then(|| {
            let (p, w) = (u64::from(self.part), u64::from(self.whole));
            u32::try_from((p * 200 + w) / (2 * w)).unwrap_or(u32::MAX)
        })
    }

    /// Whether it is under `threshold` per cent, exactly (never of nothing).
    pub fn below(self, threshold: u32) -> bool {
        self.whole > 0 && u64::from(self.part) * 100 < u64::from(threshold) * u64::from(self.whole)
    }

    /// "85% (17 of 20)", or "no sessions yet".
    pub fn text(self) -> String {
        match self.percent() {
            Some(pc) => format!("{pc}% ({} of {})", self.part, self.whole),
            None => "no sessions yet".into(),
        }
    }
}

/// Where a place's figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Sessions recorded on the register.
    Register,
    /// Typed in by hand before the register (no session recorded while
    /// the pupil had the place).
    EnteredByHand,
}

/// Sessions counted for one place, one pupil or one provision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub planned: u32,
    pub delivered: u32,
    pub cancelled: u32,
    pub attended: u32,
    pub not_recorded: u32,
}

impl Tally {
    /// Attended of delivered.
    pub fn share(&self) -> Share {
        Share {
            part: self.attended,
            whole: self.delivered,
        }
    }

    /// Delivered of planned (how much of what was planned ran).
    pub fn delivered_share(&self) -> Share {
        Share {
            part: self.delivered,
            whole: self.planned,
        }
    }

    fn add(&mut self, o: &Tally) {
        self.planned += o.planned;
        self.delivered += o.delivered;
        self.cancelled += o.cancelled;
        self.attended += o.attended;
        self.not_recorded += o.not_recorded;
    }
}

/// One pupil's attendance in one provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceAttendance {
    pub enrolment_id: Uuid,
    pub pupil_id: Uuid,
    pub provision_id: Uuid,
    pub tally: Tally,
    pub source: Source,
}

/// A cancelled session, and what it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancelled {
    pub session_id: Uuid,
    pub provision_id: Uuid,
    pub date: Date,
    pub start: Time,
    pub reason: CancelReason,
    pub note: String,
}

/// One provision's sessions over the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionAttendance {
    pub provision_id: Uuid,
    /// Sessions of the provision itself (attended is not counted here).
    pub sessions: Tally,
    /// Pupils' sessions: each place's figures added up, so attended of
    /// delivered is the provision's attendance.
    pub places_total: Tally,
    pub places: Vec<PlaceAttendance>,
    /// Cancelled sessions by reason, every reason with any.
    pub cancelled_by_reason: BTreeMap<CancelReason, u32>,
    /// What its cancelled sessions cost; `None` when it cannot be costed.
    pub cancelled_cost: Option<Money>,
    /// The Mondays of the weeks with sessions not recorded, in order.
    pub weeks_not_recorded: Vec<Date>,
}

/// Every provision's attendance over a period, as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceReport {
    pub period: DateRange,
    /// Sessions before this day are expected to be recorded.
    pub today: Date,
    /// The school's threshold, per cent.
    pub threshold: u32,
    pub provisions: Vec<ProvisionAttendance>,
    /// Every cancelled session of the period, in date order.
    pub cancelled: Vec<Cancelled>,
    /// What every cancelled session cost (those that could be costed).
    pub cancelled_cost: Money,
}

impl AttendanceReport {
    /// Every provision running in `period`, as of `today`.
    pub fn build(data: &Dataset, period: DateRange, today: Date) -> AttendanceReport {
        let cal = Calendar::new(&data.settings.years);
        let mut records: HashMap<Uuid, Vec<&SessionRecord>> = HashMap::new();
        for r in &data.sessions {
            records.entry(r.provision_id).or_default().push(r);
        }
        let mut places: HashMap<Uuid, Vec<&super::provision::Enrolment>> = HashMap::new();
        let mut ordered: Vec<&super::provision::Enrolment> = data.enrolments.iter().collect();
        super::sort::by_key(&mut ordered, |e| e.share_order());
        for e in ordered {
            places.entry(e.provision_id).or_default().push(e);
        }
        let mut out = AttendanceReport {
            period,
            today,
            threshold: data.settings.attendance_threshold,
            provisions: Vec::new(),
            cancelled: Vec::new(),
            cancelled_cost: Money::ZERO,
        };
        for p in &data.provisions {
            if p.range().intersect(&period).is_none() {
                continue;
            }
            let rs = records.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
            let es = places.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
            let a = provision_attendance(data, &cal, p, rs, es, &period, today);
            for r in rs.iter().filter(|r| fits(p, &period, r)) {
                if let super::session::SessionOutcome::Cancelled { reason, note } = &r.outcome {
                    out.cancelled.push(Cancelled {
                        session_id: r.id,
                        provision_id: p.id,
                        date: r.date,
                        start: r.start,
                        reason: *reason,
                        note: note.clone(),
                    });
                }
            }
            out.cancelled_cost += a.cancelled_cost.unwrap_or_default();
            out.provisions.push(a);
        }
        super::sort::by_key(&mut out.cancelled, |c| (c.date, c.start, c.session_id));
        out
    }

    pub fn provision(&self, id: Uuid) -> Option<&ProvisionAttendance> {
        self.provisions.iter().find(|p| p.provision_id == id)
    }

    /// The figures of one place (enrolment).
    pub fn place(&self, enrolment_id: Uuid) -> Option<&PlaceAttendance> {
        self.provisions
            .iter()
            .flat_map(|p| p.places.iter())
            .find(|x| x.enrolment_id == enrolment_id)
    }

    /// One pupil's places added up.
    pub fn pupil(&self, pupil_id: Uuid) -> Tally {
        let mut t = Tally::default();
        for x in self
            .provisions
            .iter()
            .flat_map(|p| p.places.iter())
            .filter(|x| x.pupil_id == pupil_id)
        {
            t.add(&x.tally);
        }
        t
    }

    /// The place's attendance when it is below the school's threshold (the
    /// mark beside its gain); `None` when it is not, or has no session.
    pub fn below_threshold(&self, enrolment_id: Uuid) -> Option<Share> {
        self.place(enrolment_id)
            .map(|x| x.tally.share())
            .filter(|s| s.below(self.threshold))
    }
}

/// Whether record `r` of `p` counts in `period`: dated within both.
fn fits(p: &Provision, period: &DateRange, r: &SessionRecord) -> bool {
    p.range().contains(r.date) && period.contains(r.date)
}

/// Slots of `p` on each weekday, Monday first.
fn per_weekday(p: &Provision) -> [u32; 5] {
    let mut n = [0u32; 5];
    for s in &p.slots {
        n[usize::try_from(s.day.offset()).unwrap_or(0)] += 1;
    }
    n
}

fn provision_attendance(
    data: &Dataset,
    cal: &Calendar,
    p: &Provision,
    records: &[&SessionRecord],
    enrolments: &[&super::provision::Enrolment],
    period: &DateRange,
    today: Date,
) -> ProvisionAttendance {
    let slots = per_weekday(p);
    let on =
        |d: Date| SchoolDay::of(d).map_or(0, |w| slots[usize::try_from(w.offset()).unwrap_or(0)]);
    let mut recorded_on: HashMap<Date, u32> = HashMap::new();
    let fitting: Vec<&SessionRecord> = records
        .iter()
        .copied()
        .filter(|r| fits(p, period, r))
        .collect();
    for r in &fitting {
        *recorded_on.entry(r.date).or_default() += 1;
    }
    let missing = |d: Date| {
        if d < today {
            on(d).saturating_sub(recorded_on.get(&d).copied().unwrap_or(0))
        } else {
            0
        }
    };
    // Planned and not recorded over the days of `r`.
    let count_days = |r: &DateRange| -> (u32, u32, Vec<Date>) {
        let (mut planned, mut not_recorded, mut weeks) = (0, 0, Vec::new());
        for d in cal.days_in(r) {
            planned += on(d.date);
            let m = missing(d.date);
            not_recorded += m;
            if m > 0 {
                let w = monday_of(d.date);
                if weeks.last() != Some(&w) {
                    weeks.push(w);
                }
            }
        }
        (planned, not_recorded, weeks)
    };
    let tally_of = |rs: &[&SessionRecord], r: &DateRange, absent_of: Option<Uuid>| -> Tally {
        let (planned, not_recorded, _) = count_days(r);
        let mut t = Tally {
            planned,
            not_recorded,
            ..Tally::default()
        };
        for x in rs.iter().filter(|x| r.contains(x.date)) {
            if x.delivered() {
                t.delivered += 1;
                if absent_of.is_none_or(|id| !x.absent().contains(&id)) {
                    t.attended += 1;
                }
            } else {
                t.cancelled += 1;
            }
        }
        t
    };
    let run = p.range().intersect(period);
    let (sessions, weeks) = match run {
        Some(r) => {
            let mut t = tally_of(&fitting, &r, None);
            // The provision's own sessions have no attendance.
            t.attended = 0;
            (t, count_days(&r).2)
        }
        None => (Tally::default(), Vec::new()),
    };
    let mut places = Vec::new();
    let mut places_total = Tally::default();
    for e in enrolments {
        let left_on = data.pupil(e.pupil_id).and_then(|x| x.left_on);
        let Some(whole) = counted_range(e, left_on).and_then(|c| c.intersect(&p.range())) else {
            continue;
        };
        let Some(r) = whole.intersect(period) else {
            continue;
        };
        let any_recorded = records.iter().any(|x| whole.contains(x.date));
        let (tally, source) = match e.attendance {
            Some(a) if !any_recorded => {
                let (planned, _, _) = count_days(&r);
                (
                    Tally {
                        planned,
                        delivered: a.offered,
                        attended: a.attended.min(a.offered),
                        ..Tally::default()
                    },
                    Source::EnteredByHand,
                )
            }
            _ => (tally_of(&fitting, &r, Some(e.pupil_id)), Source::Register),
        };
        places_total.add(&tally);
        places.push(PlaceAttendance {
            enrolment_id: e.id,
            pupil_id: e.pupil_id,
            provision_id: p.id,
            tally,
            source,
        });
    }
    let mut cancelled_by_reason: BTreeMap<CancelReason, u32> = BTreeMap::new();
    for r in &fitting {
        if let Some(reason) = r.cancelled() {
            *cancelled_by_reason.entry(reason).or_default() += 1;
        }
    }
    // Each cancelled session at the rates in force on its day.
    let cancelled_cost = p
        .validate()
        .is_empty()
        .then(|| {
            fitting
                .iter()
                .filter(|x| !x.delivered() && run.is_some_and(|r| r.contains(x.date)))
                .map(|x| session_cost_on(p, &data.roles, &data.settings.pay_scales, x.date))
                .sum::<Result<Exact, _>>()
                .ok()
        })
        .flatten()
        .map(round_pence);
    ProvisionAttendance {
        provision_id: p.id,
        sessions,
        places_total,
        places,
        cancelled_by_reason,
        cancelled_cost,
        weeks_not_recorded: weeks,
    }
}

/// One session on a provision's register for a week: planned (a slot on a
/// school day the provision runs) or recorded (at any time), with the
/// pupils who had a place that day and its record, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterSession {
    pub date: Date,
    pub start: Time,
    /// Whether a slot plans it (a session recorded at another time was
    /// moved or made up).
    pub planned: bool,
    pub pupils: Vec<Uuid>,
    pub record: Option<SessionRecord>,
}

/// Provision `provision_id`'s register for the Monday-to-Friday week
/// holding `day`: its sessions in order of date and time.
pub fn register_week(data: &Dataset, provision_id: Uuid, day: Date) -> Vec<RegisterSession> {
    let Some(p) = data.provision(provision_id) else {
        return Vec::new();
    };
    let cal = Calendar::new(&data.settings.years);
    let monday = monday_of(day);
    let week = DateRange::new(
        monday,
        monday
            .checked_add(jiff::Span::new().days(4))
            .unwrap_or(monday),
    );
    let mut out: Vec<RegisterSession> = super::timetable::sessions(data, &cal, &week)
        .into_iter()
        .filter(|s| s.provision_id == provision_id)
        .map(|s| RegisterSession {
            date: s.date,
            start: s.start,
            planned: true,
            pupils: s.pupils,
            record: None,
        })
        .collect();
    for r in data
        .sessions
        .iter()
        .filter(|r| r.provision_id == provision_id && week.contains(r.date))
    {
        match out
            .iter_mut()
            .find(|s| s.date == r.date && s.start == r.start)
        {
            Some(s) => s.record = Some(r.clone()),
            None => out.push(RegisterSession {
                date: r.date,
                start: r.start,
                planned: false,
                pupils: data
                    .enrolments
                    .iter()
                    .filter(|e| e.provision_id == p.id)
                    .filter(|e| {
                        counted_range(e, data.pupil(e.pupil_id).and_then(|x| x.left_on))
                            .is_some_and(|c| c.contains(r.date))
                    })
                    .map(|e| e.pupil_id)
                    .collect(),
                record: Some(r.clone()),
            }),
        }
    }
    super::sort::by_key(&mut out, |s| (s.date, s.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::provision::Attendance;
    use crate::domain::session::SessionOutcome;
    use crate::domain::testing::{enrol, now, provision, school, slot};
    use jiff::civil::{date, time};

    fn record(p: Uuid, d: Date, outcome: SessionOutcome) -> SessionRecord {
        SessionRecord {
            id: Uuid::new_v4(),
            provision_id: p,
            date: d,
            start: time(9, 0, 0, 0),
            outcome,
            created_at: now(),
            updated_at: now(),
        }
    }

    /// Reading: Mondays and Thursdays at 09:00, 30 minutes, Monday 8
    /// September to Friday 17 October 2025 (6 weeks, 12 sessions), a TA at
    /// £18.00 an hour (£9.00 a session). Ann has a place throughout; Bob
    /// leaves the school on Thursday 2 October.
    fn reading() -> (Dataset, Uuid, Uuid, Uuid) {
        let mut d = school();
        let mut p = provision(&d, "Reading", 2, 30, date(2025, 9, 8), date(2025, 10, 17));
        p.slots = vec![
            slot(SchoolDay::Monday, time(9, 0, 0, 0), ""),
            slot(SchoolDay::Thursday, time(9, 0, 0, 0), ""),
        ];
        let pid = p.id;
        d.provisions.push(p);
        let ann = enrol(&mut d, "Ann", pid, date(2025, 9, 8), date(2025, 10, 17));
        let bob = enrol(&mut d, "Bob", pid, date(2025, 9, 8), date(2025, 10, 17));
        d.pupils.iter_mut().find(|x| x.id == bob).unwrap().left_on = Some(date(2025, 10, 2));
        let delivered = |absent: Vec<Uuid>| SessionOutcome::Delivered { absent };
        let cancelled = |reason| SessionOutcome::Cancelled {
            reason,
            note: String::new(),
        };
        for (day, outcome) in [
            (date(2025, 9, 8), delivered(vec![bob])),
            (date(2025, 9, 11), delivered(vec![])),
            (date(2025, 9, 15), cancelled(CancelReason::StaffAbsence)),
            (date(2025, 9, 18), delivered(vec![ann])),
            (date(2025, 9, 22), delivered(vec![])),
            (date(2025, 9, 25), cancelled(CancelReason::Trip)),
            (date(2025, 9, 29), delivered(vec![])),
            (date(2025, 10, 2), delivered(vec![])),
            (date(2025, 10, 6), delivered(vec![ann])),
            // Thursday 9 and Monday 13 October: not recorded.
            (date(2025, 10, 16), delivered(vec![])),
        ] {
            d.sessions.push(record(pid, day, outcome));
        }
        (d, pid, ann, bob)
    }

    fn autumn() -> DateRange {
        DateRange::new(date(2025, 9, 1), date(2025, 12, 19))
    }

    #[test]
    fn sessions_roll_up_per_place_and_provision_with_cancellations_costed() {
        let (d, pid, ann, bob) = reading();
        let r = AttendanceReport::build(&d, autumn(), date(2025, 10, 20));
        let a = r.provision(pid).unwrap();
        // 12 planned; 10 records: 8 delivered, 2 cancelled; 9 and 13
        // October not recorded (weeks of 6 and 13 October).
        assert_eq!(
            a.sessions,
            Tally {
                planned: 12,
                delivered: 8,
                cancelled: 2,
                attended: 0,
                not_recorded: 2
            }
        );
        assert_eq!(
            a.weeks_not_recorded,
            [date(2025, 10, 6), date(2025, 10, 13)]
        );
        assert_eq!(
            a.cancelled_by_reason
                .iter()
                .map(|(k, v)| (*k, *v))
                .collect::<Vec<_>>(),
            [(CancelReason::StaffAbsence, 1), (CancelReason::Trip, 1)]
        );
        // 2 cancelled x £9.00.
        assert_eq!(a.cancelled_cost, Some(Money::pounds(18)));
        assert_eq!(r.cancelled_cost, Money::pounds(18));
        assert_eq!(r.cancelled.len(), 2);
        assert_eq!(r.cancelled[0].date, date(2025, 9, 15));
        // Ann: the 8 delivered less 18 September and 6 October = 6 of 8,
        // 75%: below 80%.
        let ann_t = r.pupil(ann);
        assert_eq!(
            ann_t,
            Tally {
                planned: 12,
                delivered: 8,
                cancelled: 2,
                attended: 6,
                not_recorded: 2
            }
        );
        assert_eq!(ann_t.share().text(), "75% (6 of 8)");
        let ann_place = d.enrolments.iter().find(|e| e.pupil_id == ann).unwrap().id;
        assert_eq!(
            r.below_threshold(ann_place),
            Some(Share { part: 6, whole: 8 })
        );
        // Bob's place counts to Wednesday 1 October: Mondays 8, 15, 22, 29
        // September and Thursdays 11, 18, 25 September, 7 planned; 5
        // delivered (15 and 25 cancelled), absent on 8 September: 4 of 5,
        // 80%, not below 80%.
        let bob_t = r.pupil(bob);
        assert_eq!(
            bob_t,
            Tally {
                planned: 7,
                delivered: 5,
                cancelled: 2,
                attended: 4,
                not_recorded: 0
            }
        );
        let bob_place = d.enrolments.iter().find(|e| e.pupil_id == bob).unwrap().id;
        assert_eq!(r.below_threshold(bob_place), None);
        // The provision's attendance: (6 + 4) of (8 + 5) = 10 of 13, 76.9%,
        // shown as 77%.
        assert_eq!(a.places_total.share().text(), "77% (10 of 13)");
        assert_eq!(a.sessions.delivered_share().percent(), Some(67));
        // Asked on Thursday 9 October: that day's session is not yet due
        // and every earlier one was recorded, so none is missing.
        let early = AttendanceReport::build(&d, autumn(), date(2025, 10, 9));
        assert_eq!(early.provision(pid).unwrap().sessions.not_recorded, 0);
        // A school that sets 75%: Ann is no longer below.
        let mut d75 = d.clone();
        d75.settings.attendance_threshold = 75;
        let r75 = AttendanceReport::build(&d75, autumn(), date(2025, 10, 20));
        assert_eq!(r75.below_threshold(ann_place), None);
    }

    #[test]
    fn attendance_typed_by_hand_counts_only_where_nothing_was_recorded() {
        let (mut d, pid, ann, _) = reading();
        let mut maths = provision(&d, "Maths", 1, 30, date(2025, 9, 8), date(2025, 10, 17));
        maths.slots = vec![slot(SchoolDay::Friday, time(11, 0, 0, 0), "")];
        let mid = maths.id;
        d.provisions.push(maths);
        enrol(&mut d, "Ann", mid, date(2025, 9, 8), date(2025, 10, 17));
        for e in d.enrolments.iter_mut().filter(|e| e.pupil_id == ann) {
            e.attendance = Some(Attendance {
                attended: 9,
                offered: 10,
            });
        }
        let r = AttendanceReport::build(&d, autumn(), date(2025, 10, 20));
        // Reading has records while Ann had her place: the register counts.
        let reading_place = &r.provision(pid).unwrap().places[0];
        assert_eq!(reading_place.source, Source::Register);
        assert_eq!(reading_place.tally.share(), Share { part: 6, whole: 8 });
        // Maths has none: her 9 of 10 typed by hand, beside the 6 Fridays
        // planned (12 September to 17 October).
        let maths_place = &r.provision(mid).unwrap().places[0];
        assert_eq!(maths_place.source, Source::EnteredByHand);
        assert_eq!(
            maths_place.tally,
            Tally {
                planned: 6,
                delivered: 10,
                cancelled: 0,
                attended: 9,
                not_recorded: 0
            }
        );
    }

    #[test]
    fn shares_round_half_up_and_nothing_is_never_below() {
        let s = |part, whole| Share { part, whole };
        assert_eq!(s(2, 3).percent(), Some(67));
        assert_eq!(s(1, 3).percent(), Some(33));
        // 1 of 8 is 12.5%: half up, 13%.
        assert_eq!(s(1, 8).percent(), Some(13));
        assert_eq!(s(0, 0).percent(), None);
        assert_eq!(s(0, 0).text(), "no sessions yet");
        assert!(!s(0, 0).below(80));
        assert!(s(0, 1).below(1));
        assert!(!s(1, 1).below(100));
        assert!(s(99, 100).below(100));
    }

    #[test]
    fn a_leap_day_a_half_term_and_empty_data() {
        let mut d = school();
        d.settings
            .years
            .push(crate::domain::calendar::AcademicYear::typical(2027));
        // Tuesday 29 February 2028, in the spring term of 2027-28.
        let mut p = provision(&d, "Leap", 1, 30, date(2028, 2, 28), date(2028, 3, 3));
        p.slots = vec![slot(SchoolDay::Tuesday, time(10, 0, 0, 0), "")];
        let pid = p.id;
        d.provisions.push(p);
        let period = DateRange::new(date(2028, 1, 1), date(2028, 3, 31));
        let r = AttendanceReport::build(&d, period, date(2028, 3, 6));
        assert_eq!(r.provision(pid).unwrap().sessions.planned, 1);
        assert_eq!(r.provision(pid).unwrap().sessions.not_recorded, 1);
        assert_eq!(
            r.provision(pid).unwrap().weeks_not_recorded,
            [date(2028, 2, 28)]
        );
        // The reading group over a half term of 13 to 17 October: the 2
        // sessions of that week are not planned (10 planned).
        let (mut d, pid, _, _) = reading();
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 10, 13), date(2025, 10, 17)));
        let r = AttendanceReport::build(&d, autumn(), date(2025, 10, 20));
        let a = r.provision(pid).unwrap();
        assert_eq!(a.sessions.planned, 10);
        // The record of 16 October falls in the break now: it still counts
        // (it is within the provision's dates); only 9 October is missing.
        assert_eq!(a.sessions.delivered, 8);
        assert_eq!(a.sessions.not_recorded, 1);
        // Nothing at all.
        let empty = school();
        let r = AttendanceReport::build(&empty, autumn(), date(2025, 10, 20));
        assert!(r.provisions.is_empty() && r.cancelled.is_empty());
        assert_eq!(r.pupil(Uuid::new_v4()), Tally::default());
    }

    #[test]
    fn a_weeks_register_lists_planned_sessions_and_any_made_up() {
        let (mut d, pid, ann, bob) = reading();
        // A session made up on Wednesday 8 October at 14:00.
        let mut extra = record(
            pid,
            date(2025, 10, 8),
            SessionOutcome::Delivered { absent: vec![] },
        );
        extra.start = time(14, 0, 0, 0);
        d.sessions.push(extra.clone());
        let w = register_week(&d, pid, date(2025, 10, 10));
        let got: Vec<(Date, bool, bool)> = w
            .iter()
            .map(|s| (s.date, s.planned, s.record.is_some()))
            .collect();
        assert_eq!(
            got,
            [
                (date(2025, 10, 6), true, true),
                (date(2025, 10, 8), false, true),
                (date(2025, 10, 9), true, false),
            ]
        );
        // Bob left on 2 October: only Ann is on the register that week.
        assert!(w.iter().all(|s| s.pupils == [ann]));
        assert!(!w[0].pupils.contains(&bob));
        assert_eq!(w[1].record.as_ref(), Some(&extra));
        assert!(register_week(&d, Uuid::new_v4(), date(2025, 10, 10)).is_empty());
    }
}
