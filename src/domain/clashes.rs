//! Clashes on the timetable, listed in one place and flagged where the
//! sessions show, over a period (a term, say):
//!
//! - a member of staff in two sessions at once: two slots on the same day
//!   whose times overlap, of provisions they both deliver, on a school day
//!   both provisions run;
//! - a pupil in two sessions at once: the same, on a school day both of the
//!   pupil's places count (never on or after the day they left);
//! - a session outside the school day (the settings' `day_start` and
//!   `day_end`): starting before it starts or ending after it ends;
//! - a provision whose slots are fewer than its sessions a week (a slot
//!   count that differs from the sessions a week, so the timetable does not
//!   agree with the costed map: local authorities check the two agree);
//! - a provision with sessions a week and no slot at all: not on the
//!   timetable.
//!
//! Times overlap when one session starts before the other ends: 10:00 to
//! 10:30 and 10:30 to 11:00 do not clash. Every clash names the records
//! involved and says what is wrong in a sentence.

use jiff::civil::{Date, Time};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

use super::calendar::{Calendar, DateRange};
use super::costing::counted_range;
use super::dataset::Dataset;
use super::provision::{Provision, SchoolDay};
use super::timetable::{end_seconds, hhmm, overlaps, seconds_of, staff_of, time_of};

/// What kind of clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClashKind {
    Staff,
    Pupil,
    OutsideSchoolDay,
    SlotsDiffer,
    NotTimetabled,
}

impl ClashKind {
    pub const ALL: [ClashKind; 5] = [
        ClashKind::Staff,
        ClashKind::Pupil,
        ClashKind::OutsideSchoolDay,
        ClashKind::SlotsDiffer,
        ClashKind::NotTimetabled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ClashKind::Staff => "Staff in two sessions at once",
            ClashKind::Pupil => "Pupils in two sessions at once",
            ClashKind::OutsideSchoolDay => "Sessions outside the school day",
            ClashKind::SlotsDiffer => "Slots that differ from the sessions a week",
            ClashKind::NotTimetabled => "Provision not on the timetable",
        }
    }
}

/// One clash, and the records it involves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub kind: ClashKind,
    /// The provisions involved: one, or two for staff and pupils (the same
    /// one twice when two of its own slots overlap).
    pub provisions: Vec<Uuid>,
    /// The sessions involved, by provision, day and start time: what the
    /// timetable flags.
    pub slots: Vec<(Uuid, SchoolDay, Time)>,
    /// The member of staff (staff clashes).
    pub member_id: Option<Uuid>,
    /// The pupil (pupil clashes).
    pub pupil_id: Option<Uuid>,
    /// The first school day in the period it happens on (staff and pupil
    /// clashes).
    pub first: Option<Date>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Clash {
    /// Whether the timetable flags the session of `provision` on `day` at
    /// `start` with this clash.
    pub fn flags(&self, provision: Uuid, day: SchoolDay, start: Time) -> bool {
        self.slots.contains(&(provision, day, start))
    }

    /// Whether the clash involves `provision` at all.
    pub fn involves(&self, provision: Uuid) -> bool {
        self.provisions.contains(&provision)
    }
}

/// How many clashes of each kind, every kind listed.
pub fn counts(clashes: &[Clash]) -> Vec<(ClashKind, usize)> {
    ClashKind::ALL
        .into_iter()
        .map(|k| (k, clashes.iter().filter(|c| c.kind == k).count()))
        .collect()
}

/// The first school day of each weekday (Monday first) in `r`.
fn first_days(cal: &Calendar, r: &DateRange) -> [Option<Date>; 5] {
    let mut out = [None; 5];
    let mut left = 5;
    for d in cal.days_in(r) {
        if let Some(day) = SchoolDay::of(d.date) {
            let i = usize::try_from(day.offset()).unwrap_or(0);
            if out[i].is_none() {
                out[i] = Some(d.date);
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
    }
    out
}

/// "Reading (Monday 09:00 to 09:30)".
pub(crate) fn session_words(p: &Provision, day: SchoolDay, start: Time) -> String {
    format!(
        "{} ({} {} to {})",
        p.name,
        day.label(),
        hhmm(start),
        hhmm(time_of(end_seconds(start, p.minutes_per_session)))
    )
}

/// Every clash among the provisions running in `period`.
pub fn clashes(data: &Dataset, cal: &Calendar, period: &DateRange) -> Vec<Clash> {
    let running: Vec<&Provision> = data
        .provisions
        .iter()
        .filter(|p| p.range().intersect(period).is_some())
        .collect();
    let mut out = Vec::new();

    // Staff and pupils: each person's runs (a provision and the dates they
    // are in it, within the period), then every pair of runs.
    let mut members: BTreeMap<Uuid, Vec<(&Provision, DateRange)>> = BTreeMap::new();
    for p in &running {
        let Some(r) = p.range().intersect(period) else {
            continue;
        };
        for m in staff_of(p) {
            members.entry(m).or_default().push((p, r));
        }
    }
    let by_id: HashMap<Uuid, &Provision> = running.iter().map(|p| (p.id, *p)).collect();
    let mut pupils: BTreeMap<Uuid, Vec<(&Provision, DateRange)>> = BTreeMap::new();
    let mut ordered: Vec<&super::provision::Enrolment> = data.enrolments.iter().collect();
    super::sort::by_key(&mut ordered, |e| e.share_order());
    for e in ordered {
        let Some(p) = by_id.get(&e.provision_id) else {
            continue;
        };
        let left_on = data.pupil(e.pupil_id).and_then(|x| x.left_on);
        let Some(r) = counted_range(e, left_on)
            .and_then(|r| r.intersect(&p.range()))
            .and_then(|r| r.intersect(period))
        else {
            continue;
        };
        pupils.entry(e.pupil_id).or_default().push((p, r));
    }
    let mut seen: HashSet<(ClashKind, Uuid, Uuid, usize, Uuid, usize)> = HashSet::new();
    let mut person = |kind: ClashKind,
                      who: Uuid,
                      name: &str,
                      runs: &[(&Provision, DateRange)],
                      out: &mut Vec<Clash>| {
        for i in 0..runs.len() {
            for j in i..runs.len() {
                let ((a, ra), (b, rb)) = (runs[i], runs[j]);
                let Some(both) = ra.intersect(&rb) else {
                    continue;
                };
                let mut firsts: Option<[Option<Date>; 5]> = None;
                for (x, sa) in a.slots.iter().enumerate() {
                    for (y, sb) in b.slots.iter().enumerate() {
                        // Within one run, each pair of its own slots once.
                        if i == j && y <= x {
                            continue;
                        }
                        if sa.day != sb.day
                            || !overlaps(
                                sa.start,
                                a.minutes_per_session,
                                sb.start,
                                b.minutes_per_session,
                            )
                        {
                            continue;
                        }
                        let f = *firsts.get_or_insert_with(|| first_days(cal, &both));
                        let Some(first) = f[usize::try_from(sa.day.offset()).unwrap_or(0)] else {
                            continue;
                        };
                        let key = if (a.id, x) <= (b.id, y) {
                            (kind, who, a.id, x, b.id, y)
                        } else {
                            (kind, who, b.id, y, a.id, x)
                        };
                        if !seen.insert(key) {
                            continue;
                        }
                        let is = match kind {
                            ClashKind::Staff => "is timetabled for",
                            _ => "is in",
                        };
                        out.push(Clash {
                            kind,
                            provisions: vec![a.id, b.id],
                            slots: vec![(a.id, sa.day, sa.start), (b.id, sb.day, sb.start)],
                            member_id: (kind == ClashKind::Staff).then_some(who),
                            pupil_id: (kind == ClashKind::Pupil).then_some(who),
                            first: Some(first),
                            message: format!(
                                "{name} {is} {} and {} at once, from {}.",
                                session_words(a, sa.day, sa.start),
                                session_words(b, sb.day, sb.start),
                                first.strftime("%d/%m/%Y")
                            ),
                        });
                    }
                }
            }
        }
    };
    for (m, runs) in &members {
        let name = data
            .members
            .get(*m)
            .map_or_else(|| "A member of staff".to_owned(), |x| x.name.clone());
        person(ClashKind::Staff, *m, &name, runs, &mut out);
    }
    for (id, runs) in &pupils {
        let name = data
            .pupil(*id)
            .map_or_else(|| "A pupil".to_owned(), super::pupil::Pupil::full_name);
        person(ClashKind::Pupil, *id, &name, runs, &mut out);
    }

    // The school day, and the slots against the sessions a week.
    let (day_start, day_end) = (
        seconds_of(data.settings.day_start),
        seconds_of(data.settings.day_end),
    );
    for p in &running {
        for s in &p.slots {
            let end = end_seconds(s.start, p.minutes_per_session);
            let when = format!(
                "{}'s {} session at {}",
                p.name,
                s.day.label(),
                hhmm(s.start)
            );
            let message = if seconds_of(s.start) < day_start {
                Some(format!(
                    "{when} starts before the school day ({}).",
                    hhmm(data.settings.day_start)
                ))
            } else if end > day_end {
                Some(format!(
                    "{when} runs to {}, after the school day ends ({}).",
                    if end >= 86_400 {
                        "after midnight".to_owned()
                    } else {
                        hhmm(time_of(end))
                    },
                    hhmm(data.settings.day_end)
                ))
            } else {
                None
            };
            if let Some(message) = message {
                out.push(Clash {
                    kind: ClashKind::OutsideSchoolDay,
                    provisions: vec![p.id],
                    slots: vec![(p.id, s.day, s.start)],
                    member_id: None,
                    pupil_id: None,
                    first: None,
                    message,
                });
            }
        }
        let n = p.slots.len();
        let spw = p.sessions_per_week;
        let plural = |k: usize, one: &str| {
            if k == 1 {
                format!("1 {one}")
            } else {
                format!("{k} {one}s")
            }
        };
        if n == 0 {
            out.push(Clash {
                kind: ClashKind::NotTimetabled,
                provisions: vec![p.id],
                slots: Vec::new(),
                member_id: None,
                pupil_id: None,
                first: None,
                message: format!(
                    "{} ({} a week) is not on the timetable: give its sessions a day and a time.",
                    p.name,
                    plural(spw as usize, "session")
                ),
            });
        } else if n != spw as usize {
            out.push(Clash {
                kind: ClashKind::SlotsDiffer,
                provisions: vec![p.id],
                slots: p.slots.iter().map(|s| (p.id, s.day, s.start)).collect(),
                member_id: None,
                pupil_id: None,
                first: None,
                message: format!(
                    "{} runs {} a week but has {} on the timetable.",
                    p.name,
                    plural(spw as usize, "session"),
                    plural(n, "slot")
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{enrol, member, provision, school, slot};
    use jiff::civil::{date, time};

    fn autumn() -> DateRange {
        DateRange::new(date(2025, 9, 1), date(2025, 12, 19))
    }

    #[test]
    fn staff_in_two_overlapping_sessions_clash_and_touching_ones_do_not() {
        let mut d = school();
        let patel = member(&mut d, "Mrs Patel");
        let run = |d: &crate::domain::dataset::Dataset, name, at| {
            let mut p = provision(d, name, 1, 30, date(2025, 9, 1), date(2025, 12, 19));
            p.staff[0].member_id = Some(patel);
            p.slots = vec![slot(SchoolDay::Monday, at, "")];
            p
        };
        // 10:00-10:30, 10:30-11:00 (touching), 10:15-10:45 (overlaps both).
        let a = run(&d, "Phonics", time(10, 0, 0, 0));
        let b = run(&d, "Maths", time(10, 30, 0, 0));
        let (aid, bid) = (a.id, b.id);
        d.provisions.push(a);
        d.provisions.push(b);
        let cal = Calendar::new(&d.settings.years);
        assert!(clashes(&d, &cal, &autumn()).is_empty(), "touching is fine");
        let c = run(&d, "Spelling", time(10, 15, 0, 0));
        let cid = c.id;
        d.provisions.push(c);
        let found = clashes(&d, &cal, &autumn());
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|c| c.kind == ClashKind::Staff));
        assert_eq!(found[0].provisions, vec![aid, cid]);
        assert_eq!(found[1].provisions, vec![bid, cid]);
        // The first Monday of the autumn term is 1 September 2025.
        assert_eq!(
            found[0].message,
            "Mrs Patel is timetabled for Phonics (Monday 10:00 to 10:30) and Spelling (Monday 10:15 to 10:45) at once, from 01/09/2025."
        );
        assert!(found[0].flags(cid, SchoolDay::Monday, time(10, 15, 0, 0)));
        assert!(!found[0].flags(bid, SchoolDay::Monday, time(10, 30, 0, 0)));
        assert_eq!(counts(&found)[0], (ClashKind::Staff, 2));
    }

    #[test]
    fn provisions_that_never_run_on_the_same_dates_do_not_clash() {
        let mut d = school();
        let patel = member(&mut d, "Mrs Patel");
        // Both Monday 09:00; one in September and October, one from
        // Monday 3 November: no date in common.
        let mut a = provision(&d, "A", 1, 30, date(2025, 9, 1), date(2025, 10, 31));
        let mut b = provision(&d, "B", 1, 30, date(2025, 11, 3), date(2025, 12, 19));
        for p in [&mut a, &mut b] {
            p.staff[0].member_id = Some(patel);
            p.slots = vec![slot(SchoolDay::Monday, time(9, 0, 0, 0), "")];
        }
        d.provisions.push(a);
        d.provisions.push(b.clone());
        let cal = Calendar::new(&d.settings.years);
        assert!(clashes(&d, &cal, &autumn()).is_empty());
        // Moved to start on Wednesday 29 October: the dates overlap but
        // hold no Monday (29, 30, 31 October are Wednesday to Friday).
        d.provisions[1].start = date(2025, 10, 29);
        assert!(clashes(&d, &cal, &autumn()).is_empty());
        // From Monday 27 October: one Monday in common, and a clash from it.
        d.provisions[1].start = date(2025, 10, 27);
        let found = clashes(&d, &cal, &autumn());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].first, Some(date(2025, 10, 27)));
        // A half term over that week: no school Monday in common.
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 10, 27), date(2025, 10, 31)));
        let cal = Calendar::new(&d.settings.years);
        assert!(clashes(&d, &cal, &autumn()).is_empty());
    }

    #[test]
    fn a_pupil_in_two_sessions_at_once_clashes_only_while_both_places_count() {
        let mut d = school();
        let mut a = provision(&d, "Reading", 1, 30, date(2025, 9, 1), date(2025, 12, 19));
        a.slots = vec![slot(SchoolDay::Tuesday, time(11, 0, 0, 0), "")];
        let mut b = provision(
            &d,
            "Lego therapy",
            1,
            45,
            date(2025, 9, 1),
            date(2025, 12, 19),
        );
        b.slots = vec![slot(SchoolDay::Tuesday, time(10, 30, 0, 0), "")];
        let (aid, bid) = (a.id, b.id);
        d.provisions.push(a);
        d.provisions.push(b);
        // Dee's reading place ends Friday 3 October; her Lego therapy
        // place starts Monday 6 October: never both.
        let dee = enrol(&mut d, "Dee", aid, date(2025, 9, 1), date(2025, 10, 3));
        enrol(&mut d, "Dee", bid, date(2025, 10, 6), date(2025, 12, 19));
        let cal = Calendar::new(&d.settings.years);
        assert!(clashes(&d, &cal, &autumn())
            .iter()
            .all(|c| c.kind != ClashKind::Pupil));
        // Eve has both from the start: Lego therapy 10:30-11:15 overlaps
        // reading 11:00-11:30; the first Tuesday is 2 September.
        let eve = enrol(&mut d, "Eve", aid, date(2025, 9, 1), date(2025, 12, 19));
        enrol(&mut d, "Eve", bid, date(2025, 9, 1), date(2025, 12, 19));
        let found: Vec<Clash> = clashes(&d, &cal, &autumn())
            .into_iter()
            .filter(|c| c.kind == ClashKind::Pupil)
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pupil_id, Some(eve));
        assert_eq!(
            found[0].message,
            "Eve Test is in Reading (Tuesday 11:00 to 11:30) and Lego therapy (Tuesday 10:30 to 11:15) at once, from 02/09/2025."
        );
        // Eve leaves the school on Tuesday 2 September: her places count
        // to Monday 1st, which is no Tuesday.
        d.pupils.iter_mut().find(|p| p.id == eve).unwrap().left_on = Some(date(2025, 9, 2));
        assert!(clashes(&d, &cal, &autumn())
            .iter()
            .all(|c| c.kind != ClashKind::Pupil));
        let _ = dee;
    }

    #[test]
    fn sessions_outside_the_day_and_slots_that_differ_from_the_map_are_flagged() {
        let mut d = school();
        // The school day: 08:45 to 15:15 (the defaults).
        let mut early = provision(
            &d,
            "Breakfast club",
            2,
            30,
            date(2025, 9, 1),
            date(2025, 12, 19),
        );
        early.slots = vec![slot(SchoolDay::Monday, time(8, 15, 0, 0), "")];
        let mut late = provision(&d, "Homework", 1, 45, date(2025, 9, 1), date(2025, 12, 19));
        // 14:45 + 45 minutes = 15:30, past 15:15.
        late.slots = vec![slot(SchoolDay::Friday, time(14, 45, 0, 0), "")];
        let mut fits = provision(&d, "Fits", 1, 30, date(2025, 9, 1), date(2025, 12, 19));
        // 14:45 + 30 = 15:15: ends as the day ends, which is fine.
        fits.slots = vec![slot(SchoolDay::Friday, time(14, 45, 0, 0), "")];
        let none = provision(&d, "Nurture", 3, 30, date(2025, 9, 1), date(2025, 12, 19));
        // Last year's provision: not running this term, so not listed.
        let old = provision(&d, "Old", 3, 30, date(2024, 9, 2), date(2025, 7, 18));
        for p in [early, late, fits, none, old] {
            d.provisions.push(p);
        }
        let cal = Calendar::new(&d.settings.years);
        let messages: Vec<(ClashKind, String)> = clashes(&d, &cal, &autumn())
            .into_iter()
            .map(|c| (c.kind, c.message))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    ClashKind::OutsideSchoolDay,
                    "Breakfast club's Monday session at 08:15 starts before the school day (08:45)."
                        .to_owned()
                ),
                (
                    ClashKind::SlotsDiffer,
                    "Breakfast club runs 2 sessions a week but has 1 slot on the timetable."
                        .to_owned()
                ),
                (
                    ClashKind::OutsideSchoolDay,
                    "Homework's Friday session at 14:45 runs to 15:30, after the school day ends (15:15)."
                        .to_owned()
                ),
                (
                    ClashKind::NotTimetabled,
                    "Nurture (3 sessions a week) is not on the timetable: give its sessions a day and a time."
                        .to_owned()
                ),
            ]
        );
        // Nothing at all: no clash.
        let empty = school();
        assert!(clashes(&empty, &Calendar::new(&empty.settings.years), &autumn()).is_empty());
    }
}
