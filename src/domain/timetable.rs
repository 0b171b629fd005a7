//! The timetable: each provision's sessions, on the days and at the times
//! of its slots, for as long as it runs. A session lasts the provision's
//! minutes; it runs on the school days of the calendar only (no session
//! falls in a holiday, a half term or an INSET day), from the provision's
//! start to its end. Its staff are the named members of its staff lines;
//! its pupils those with a place in it that day (never on or after the day
//! they left the school).
//!
//! Views: the whole school's week (days by times), one member of staff's,
//! one pupil's and one room's ([`Who`]). Clashes are in
//! [`super::clashes`].

use jiff::civil::{Date, Time};
use std::collections::{BTreeSet, HashMap};
use uuid::Uuid;

use super::calendar::{monday_of, Calendar, DateRange};
use super::costing::counted_range;
use super::dataset::Dataset;
use super::provision::{Provision, SchoolDay};

/// Seconds after midnight of `t` (whole seconds).
pub fn seconds_of(t: Time) -> i64 {
    i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second())
}

/// The end of a session starting at `start` and lasting `minutes`, in
/// seconds after midnight (past 86,400 for one that would run past
/// midnight).
pub fn end_seconds(start: Time, minutes: u32) -> i64 {
    seconds_of(start) + i64::from(minutes) * 60
}

/// The time `secs` seconds after midnight; the last moment of the day for
/// a time past midnight.
pub fn time_of(secs: i64) -> Time {
    if !(0..86_400).contains(&secs) {
        return Time::MAX;
    }
    let h = i8::try_from(secs / 3600).unwrap_or(23);
    let m = i8::try_from(secs % 3600 / 60).unwrap_or(59);
    let s = i8::try_from(secs % 60).unwrap_or(59);
    Time::new(h, m, s, 0).unwrap_or(Time::MAX)
}

/// A time as typed: `10:45`, `9:05`, `10.45` or `10:45:00` (24-hour
/// clock). `None` for anything else.
pub fn parse_time(text: &str) -> Option<Time> {
    let t = text.trim();
    let mut parts = t.split([':', '.']);
    let h: i8 = parts.next()?.trim().parse().ok()?;
    let m_text = parts.next()?;
    if m_text.len() != 2 {
        return None;
    }
    let m: i8 = m_text.parse().ok()?;
    let s: i8 = match parts.next() {
        None => 0,
        Some(x) if x.len() == 2 => x.parse().ok()?,
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Time::new(h, m, s, 0).ok()
}

/// "10:45".
pub fn hhmm(t: Time) -> String {
    t.strftime("%H:%M").to_string()
}

/// Whether two sessions' times overlap: one starts before the other ends.
/// Sessions that only touch (10:00-10:30 and 10:30-11:00) do not.
pub fn overlaps(a_start: Time, a_minutes: u32, b_start: Time, b_minutes: u32) -> bool {
    seconds_of(a_start) < end_seconds(b_start, b_minutes)
        && seconds_of(b_start) < end_seconds(a_start, a_minutes)
}

/// One session on the timetable, on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub provision_id: Uuid,
    pub date: Date,
    pub day: SchoolDay,
    pub start: Time,
    /// `start` plus the provision's minutes (the last moment of the day
    /// for a session that would run past midnight).
    pub end: Time,
    pub minutes: u32,
    /// Blank where the school gives no room.
    pub room: String,
    /// The named members of staff who deliver it.
    pub staff: Vec<Uuid>,
    /// The pupils with a place in it that day, in the places' order.
    pub pupils: Vec<Uuid>,
}

/// Whose timetable to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The whole school.
    School,
    Member(Uuid),
    Pupil(Uuid),
    /// One room, by its name as the slots give it.
    Room(String),
}

impl Session {
    /// Whether `who`'s timetable shows this session.
    pub fn is_for(&self, who: &Who) -> bool {
        match who {
            Who::School => true,
            Who::Member(m) => self.staff.contains(m),
            Who::Pupil(p) => self.pupils.contains(p),
            Who::Room(r) => self.room.trim().eq_ignore_ascii_case(r.trim()),
        }
    }
}

/// The named members of staff who deliver `p`, once each.
pub fn staff_of(p: &Provision) -> Vec<Uuid> {
    let mut v: Vec<Uuid> = Vec::new();
    for m in p.staff.iter().filter_map(|l| l.member_id) {
        if !v.contains(&m) {
            v.push(m);
        }
    }
    v
}

/// Every session of every provision on the school days in `range`, in
/// order of date, start time and provision name.
pub fn sessions(data: &Dataset, cal: &Calendar, range: &DateRange) -> Vec<Session> {
    let mut places: HashMap<Uuid, Vec<(Uuid, DateRange)>> = HashMap::new();
    let mut ordered: Vec<&super::provision::Enrolment> = data.enrolments.iter().collect();
    super::sort::by_key(&mut ordered, |e| e.share_order());
    for e in ordered {
        let left_on = data.pupil(e.pupil_id).and_then(|p| p.left_on);
        if let Some(r) = counted_range(e, left_on) {
            places
                .entry(e.provision_id)
                .or_default()
                .push((e.pupil_id, r));
        }
    }
    let mut out = Vec::new();
    for p in data.provisions.iter().filter(|p| !p.slots.is_empty()) {
        let Some(run) = p.range().intersect(range) else {
            continue;
        };
        let staff = staff_of(p);
        let ps = places.get(&p.id).map(Vec::as_slice).unwrap_or(&[]);
        for d in cal.days_in(&run) {
            let Some(day) = SchoolDay::of(d.date) else {
                continue;
            };
            for slot in p.slots.iter().filter(|s| s.day == day) {
                out.push(Session {
                    provision_id: p.id,
                    date: d.date,
                    day,
                    start: slot.start,
                    end: time_of(end_seconds(slot.start, p.minutes_per_session)),
                    minutes: p.minutes_per_session,
                    room: slot.room.clone(),
                    staff: staff.clone(),
                    pupils: ps
                        .iter()
                        .filter(|(_, r)| r.contains(d.date))
                        .map(|(id, _)| *id)
                        .collect(),
                });
            }
        }
    }
    let names: HashMap<Uuid, &str> = data
        .provisions
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    super::sort::by(&mut out, |a, b| {
        (a.date, a.start, names.get(&a.provision_id), a.provision_id).cmp(&(
            b.date,
            b.start,
            names.get(&b.provision_id),
            b.provision_id,
        ))
    });
    out
}

/// The sessions of the Monday-to-Friday week holding `day`.
pub fn week(data: &Dataset, cal: &Calendar, day: Date) -> Vec<Session> {
    let monday = monday_of(day);
    let friday = monday
        .checked_add(jiff::Span::new().days(4))
        .unwrap_or(monday);
    sessions(data, cal, &DateRange::new(monday, friday))
}

/// The sessions `who`'s timetable shows.
pub fn for_who<'a>(sessions: &'a [Session], who: &Who) -> Vec<&'a Session> {
    sessions.iter().filter(|s| s.is_for(who)).collect()
}

/// The rooms the slots name, in alphabetical order (ignoring case), once
/// each: what a room's timetable is chosen from.
pub fn rooms(data: &Dataset) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out: Vec<String> = Vec::new();
    for s in data.provisions.iter().flat_map(|p| p.slots.iter()) {
        let room = s.room.trim();
        if !room.is_empty() && seen.insert(room.to_lowercase()) {
            out.push(room.to_owned());
        }
    }
    super::sort::by_key(&mut out, |r| r.to_lowercase());
    out
}

/// A week laid out days by times: a row for each start time, each with the
/// sessions starting then on each of the five days (indexes into the list
/// it was made from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<(Time, [Vec<usize>; 5])>,
}

/// `sessions` (of one week) laid out days by times.
pub fn grid(sessions: &[&Session]) -> Grid {
    let mut starts: Vec<Time> = sessions.iter().map(|s| s.start).collect();
    super::sort::by(&mut starts, Ord::cmp);
    starts.dedup();
    let mut rows: Vec<(Time, [Vec<usize>; 5])> = starts
        .into_iter()
        .map(|t| (t, std::array::from_fn(|_| Vec::new())))
        .collect();
    for (i, s) in sessions.iter().enumerate() {
        if let Ok(r) = rows.binary_search_by(|(t, _)| t.cmp(&s.start)) {
            let col = usize::try_from(s.day.offset()).unwrap_or(0);
            rows[r].1[col].push(i);
        }
    }
    Grid { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::testing::{enrol, member, provision, school, slot};
    use jiff::civil::{date, time};

    #[test]
    fn a_week_holds_each_slot_on_each_school_day_with_its_staff_and_pupils() {
        let mut d = school();
        let patel = member(&mut d, "Mrs Patel");
        // Reading: Monday 09:00 and Wednesday 09:00, 30 minutes, in the
        // library, delivered by Mrs Patel.
        let mut reading = provision(&d, "Reading", 2, 30, date(2025, 9, 1), date(2025, 12, 19));
        reading.slots = vec![
            slot(SchoolDay::Monday, time(9, 0, 0, 0), "Library"),
            slot(SchoolDay::Wednesday, time(9, 0, 0, 0), ""),
        ];
        reading.staff[0].member_id = Some(patel);
        let rid = reading.id;
        d.provisions.push(reading);
        let ann = enrol(&mut d, "Ann", rid, date(2025, 9, 1), date(2025, 12, 19));
        // Bob joins on Wednesday 10 September.
        let bob = enrol(&mut d, "Bob", rid, date(2025, 9, 10), date(2025, 12, 19));
        let cal = Calendar::new(&d.settings.years);
        // The week of Monday 8 September 2025.
        let w = week(&d, &cal, date(2025, 9, 11));
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].date, w[0].day), (date(2025, 9, 8), SchoolDay::Monday));
        assert_eq!(w[0].end, time(9, 30, 0, 0));
        assert_eq!(w[0].room, "Library");
        assert_eq!(w[0].staff, vec![patel]);
        assert_eq!(w[0].pupils, vec![ann]);
        assert_eq!(w[1].date, date(2025, 9, 10));
        assert_eq!(w[1].pupils, vec![ann, bob]);
        // Mrs Patel's week, Bob's week (Wednesday only), the library's.
        assert_eq!(for_who(&w, &Who::Member(patel)).len(), 2);
        assert_eq!(for_who(&w, &Who::Pupil(bob)).len(), 1);
        assert_eq!(for_who(&w, &Who::Room("library".into())).len(), 1);
        assert_eq!(for_who(&w, &Who::Member(Uuid::new_v4())).len(), 0);
        assert_eq!(rooms(&d), ["Library"]);
        // Days by times: one row (09:00), Monday and Wednesday filled.
        let g = grid(&for_who(&w, &Who::School));
        assert_eq!(g.rows.len(), 1);
        assert_eq!(g.rows[0].1.each_ref().map(Vec::len), [1, 0, 1, 0, 0]);
    }

    #[test]
    fn half_term_a_provision_starting_mid_week_and_a_pupil_leaving_have_no_sessions() {
        let mut d = school();
        // Half term: Monday 27 to Friday 31 October 2025.
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 10, 27), date(2025, 10, 31)));
        let mut p = provision(&d, "Daily", 5, 20, date(2025, 10, 22), date(2025, 12, 19));
        p.slots = SchoolDay::ALL
            .into_iter()
            .map(|day| slot(day, time(13, 0, 0, 0), ""))
            .collect();
        let pid = p.id;
        d.provisions.push(p);
        let cy = enrol(&mut d, "Cy", pid, date(2025, 10, 22), date(2025, 12, 19));
        // Cy leaves the school on Thursday 6 November: no place from then.
        d.pupils.iter_mut().find(|x| x.id == cy).unwrap().left_on = Some(date(2025, 11, 6));
        let cal = Calendar::new(&d.settings.years);
        // The week of 20 October: the provision starts on Wednesday 22nd,
        // so Wednesday, Thursday and Friday: 3 sessions.
        assert_eq!(week(&d, &cal, date(2025, 10, 20)).len(), 3);
        // Half term: none.
        assert!(week(&d, &cal, date(2025, 10, 29)).is_empty());
        // The week of 3 November: 5 sessions; Cy in Monday to Wednesday's.
        let w = week(&d, &cal, date(2025, 11, 3));
        let with_cy: Vec<bool> = w.iter().map(|s| s.pupils.contains(&cy)).collect();
        assert_eq!(with_cy, [true, true, true, false, false]);
        // A week in the summer holiday, and a school with no years: none.
        assert!(week(&d, &cal, date(2026, 8, 5)).is_empty());
        let none = Calendar::new(&[]);
        assert!(week(&d, &none, date(2025, 11, 3)).is_empty());
    }

    #[test]
    fn times_touching_do_not_overlap_and_late_sessions_end_at_the_days_end() {
        let ten = time(10, 0, 0, 0);
        let half = time(10, 30, 0, 0);
        // 10:00-10:30 and 10:30-11:00 touch: no overlap.
        assert!(!overlaps(ten, 30, half, 30));
        // 10:00-10:31 and 10:30-11:00 overlap by a minute.
        assert!(overlaps(ten, 31, half, 30));
        assert!(overlaps(half, 30, ten, 31));
        // 23:00 for 480 minutes would end at 07:00 the next day: shown as
        // the day's last moment.
        assert_eq!(time_of(end_seconds(time(23, 0, 0, 0), 480)), Time::MAX);
        assert_eq!(time_of(end_seconds(ten, 45)), time(10, 45, 0, 0));
        assert_eq!(hhmm(time(9, 5, 0, 0)), "09:05");
        assert_eq!(parse_time(" 9:05 "), Some(time(9, 5, 0, 0)));
        assert_eq!(parse_time("10.45"), Some(time(10, 45, 0, 0)));
        assert_eq!(parse_time("10:45:30"), Some(time(10, 45, 30, 0)));
        for bad in [
            "",
            "10",
            "10:5",
            "24:00",
            "10:60",
            "-1:00",
            "10:45:00:00",
            "ten",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
