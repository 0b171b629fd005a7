//! The attendance register as a teaching assistant keeps it: one
//! provision, one Monday-to-Friday week at a time, its sessions
//! ([`register_week`]) as columns and the pupils with a place as rows.
//!
//! ```text
//! week            = the Monday of a date's week (a route's date, today)
//! default week    = the week holding today while the provision runs; its
//!                   last week once it has ended; its first before it starts
//! previous / next = a week either side, within the provision's weeks (from
//!                   a week outside them, the nearest of its weeks)
//! a session       = not recorded, delivered (all present, or some absent)
//!                   or cancelled with a reason
//! a tap on a pupil = present <-> absent, at a session recorded as
//!                   delivered only: "All present" records it first
//! ```
//!
//! Labels are what the register shows and reads out: "Tuesday 7 October
//! 09:15"; a pupil's toggle "Zoë O'Brien, Tuesday 7 October 09:15:
//! present".

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use uuid::Uuid;

use super::attendance::RegisterSession;
use super::calendar::{monday_of, Calendar, DateRange};
use super::commands::{clear_session, record_session};
use super::dataset::Dataset;
use super::edit::Edit;
use super::fields::SessionField;
use super::provision::Provision;
use super::session::{CancelReason, SessionOutcome};
use super::timetable::hhmm;
use super::validation::Problems;

/// The Monday of the week holding `d`.
pub fn week_of(d: Date) -> Date {
    monday_of(d)
}

/// The week a route names by a date (`2025-10-06`; any day of the week
/// gives its Monday); `None` for anything else or a date outside the
/// dates the app takes.
pub fn parse_week(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() != 10 {
        return None;
    }
    let d: Date = t.parse().ok()?;
    super::limits::date_range()
        .contains(d)
        .then(|| monday_of(d))
}

/// The week the register opens on: the week holding `today` while `p`
/// runs, its last week once it has ended, its first before it starts.
pub fn default_week(p: &Provision, today: Date) -> Date {
    monday_of(today.clamp(p.start, p.end.max(p.start)))
}

/// `d` moved by `weeks` weeks (`d` itself at the ends of the calendar).
fn weeks_from(d: Date, weeks: i64) -> Date {
    d.checked_add(jiff::Span::new().days(weeks * 7))
        .unwrap_or(d)
}

/// Friday of the week whose Monday is `monday`.
fn friday(monday: Date) -> Date {
    monday
        .checked_add(jiff::Span::new().days(4))
        .unwrap_or(monday)
}

/// One week of a provision's register, with the weeks either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekNav {
    pub monday: Date,
    /// "Monday 6 to Friday 10 October 2025".
    pub label: String,
    /// The week before, if the provision runs in one before this.
    pub previous: Option<Date>,
    /// The week after, if the provision runs in one after this.
    pub next: Option<Date>,
}

/// The week of `day` in `p`'s register, and the weeks either side within
/// the weeks `p` runs.
pub fn week_nav(p: &Provision, day: Date) -> WeekNav {
    let monday = monday_of(day);
    let first = monday_of(p.start);
    let last = monday_of(p.end.max(p.start));
    WeekNav {
        monday,
        label: week_label(monday),
        previous: (monday > first).then(|| weeks_from(monday, -1).min(last)),
        next: (monday < last).then(|| weeks_from(monday, 1).max(first)),
    }
}

/// "Monday 6 to Friday 10 October 2025"; "Monday 29 September to Friday 3
/// October 2025"; "Monday 29 December 2025 to Friday 2 January 2026".
pub fn week_label(monday: Date) -> String {
    let fri = friday(monday);
    let from = if monday.year() != fri.year() {
        monday.strftime("%A %-d %B %Y").to_string()
    } else if monday.month() != fri.month() {
        monday.strftime("%A %-d %B").to_string()
    } else {
        monday.strftime("%A %-d").to_string()
    };
    format!("{from} to {}", fri.strftime("%A %-d %B %Y"))
}

/// "Tuesday 7 October".
pub fn day_label(d: Date) -> String {
    d.strftime("%A %-d %B").to_string()
}

/// "Tuesday 7 October 09:15".
pub fn session_label(d: Date, start: Time) -> String {
    format!("{} {}", day_label(d), hhmm(start))
}

/// A pupil's toggle at a session, as a screen reader names it: "Zoë
/// O'Brien, Tuesday 7 October 09:15: present" (checked when present).
pub fn cell_label(pupil_name: &str, d: Date, start: Time) -> String {
    format!("{pupil_name}, {}: present", session_label(d, start))
}

/// What is recorded for a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    NotRecorded,
    /// It ran: how many of the pupils on the register were there.
    Delivered {
        present: usize,
        pupils: usize,
    },
    Cancelled {
        reason: CancelReason,
        note: String,
    },
}

impl Recorded {
    /// "Not recorded", "All 4 present", "3 of 4 present", "Cancelled:
    /// Staff absence (supply cover)".
    pub fn text(&self) -> String {
        match self {
            Recorded::NotRecorded => "Not recorded".into(),
            Recorded::Delivered { pupils: 0, .. } => "Delivered (no pupils had a place)".into(),
            Recorded::Delivered { present, pupils } if present == pupils => {
                if *pupils == 1 {
                    "Present".into()
                } else {
                    format!("All {pupils} present")
                }
            }
            Recorded::Delivered { present, pupils } => format!("{present} of {pupils} present"),
            Recorded::Cancelled { reason, note } if note.is_empty() => {
                format!("Cancelled: {}", reason.label())
            }
            Recorded::Cancelled { reason, note } => {
                format!("Cancelled: {} ({note})", reason.label())
            }
        }
    }
}

/// One pupil at one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    NotRecorded,
    Present,
    Absent,
    Cancelled,
}

impl Mark {
    pub fn text(self) -> &'static str {
        match self {
            Mark::NotRecorded => "Not recorded",
            Mark::Present => "Present",
            Mark::Absent => "Absent",
            Mark::Cancelled => "Cancelled",
        }
    }

    /// Whether the pupil's toggle is shown (a tap changes it): only at a
    /// session recorded as delivered.
    pub fn can_change(self) -> bool {
        matches!(self, Mark::Present | Mark::Absent)
    }
}

impl RegisterSession {
    /// What is recorded for it.
    pub fn recorded(&self) -> Recorded {
        match self.record.as_ref().map(|r| &r.outcome) {
            None => Recorded::NotRecorded,
            Some(SessionOutcome::Delivered { absent }) => Recorded::Delivered {
                present: self.pupils.iter().filter(|p| !absent.contains(p)).count(),
                pupils: self.pupils.len(),
            },
            Some(SessionOutcome::Cancelled { reason, note }) => Recorded::Cancelled {
                reason: *reason,
                note: note.clone(),
            },
        }
    }

    /// Pupil `pupil_id` at it.
    pub fn mark(&self, pupil_id: Uuid) -> Mark {
        match self.record.as_ref().map(|r| &r.outcome) {
            None => Mark::NotRecorded,
            Some(SessionOutcome::Delivered { absent }) if absent.contains(&pupil_id) => {
                Mark::Absent
            }
            Some(SessionOutcome::Delivered { .. }) => Mark::Present,
            Some(SessionOutcome::Cancelled { .. }) => Mark::Cancelled,
        }
    }
}

/// The rows of a week's register: every pupil with a place at any of its
/// `sessions`, once, with their name, in the register's order (family
/// name, then given name).
pub fn week_pupils(data: &Dataset, sessions: &[RegisterSession]) -> Vec<(Uuid, String)> {
    let mut ids: Vec<Uuid> = Vec::new();
    for id in sessions.iter().flat_map(|s| s.pupils.iter()) {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    let mut pupils: Vec<&super::pupil::Pupil> =
        ids.iter().filter_map(|id| data.pupil(*id)).collect();
    super::sort::by(&mut pupils, |a, b| {
        super::pupil::Pupil::register_order(a, b)
    });
    pupils.into_iter().map(|p| (p.id, p.full_name())).collect()
}

/// Why a week of `p`'s register has no sessions, said to the teaching
/// assistant.
pub fn empty_week_reason(data: &Dataset, p: &Provision, monday: Date) -> String {
    let week = DateRange::new(monday, friday(monday));
    if p.slots.is_empty() {
        return format!(
            "{} has no days and times set (timetable slots), so no sessions are planned.",
            p.name
        );
    }
    if p.range().intersect(&week).is_none() {
        return format!(
            "{} runs from {}: this week is outside it.",
            p.name,
            p.range()
        );
    }
    let cal = Calendar::new(&data.settings.years);
    if cal.days_in(&week).next().is_none() {
        return "This week has no school days (a holiday, a break, or outside the terms set up in Settings).".into();
    }
    format!("No session of {} falls on this week's school days.", p.name)
}

/// Mark pupil `pupil_id` present (`present`) or absent at the session of
/// provision `provision_id` on `date` at `start`, keeping the rest of its
/// register. Refused at a session not recorded as delivered: "All
/// present" records it first.
pub fn mark_pupil(
    data: &Dataset,
    provision_id: Uuid,
    date: Date,
    start: Time,
    pupil_id: Uuid,
    present: bool,
    now: Timestamp,
) -> Result<Edit, Problems<SessionField>> {
    let absent = data
        .sessions
        .iter()
        .find(|r| r.provision_id == provision_id && r.date == date && r.start == start)
        .and_then(|r| match &r.outcome {
            SessionOutcome::Delivered { absent } => Some(absent.clone()),
            SessionOutcome::Cancelled { .. } => None,
        });
    let Some(mut absent) = absent else {
        let mut p = Problems::default();
        p.push(
            SessionField::Outcome,
            format!(
                "The session of {} is not recorded as delivered: tap \"All present\" first, then mark who was absent.",
                session_label(date, start)
            ),
        );
        return Err(p);
    };
    absent.retain(|id| *id != pupil_id);
    if !present {
        absent.push(pupil_id);
    }
    record_session(data, provision_id, date, start, &absent, now)
}

/// Take away what was recorded for the session of provision
/// `provision_id` on `date` at `start`.
pub fn clear_at(
    data: &Dataset,
    provision_id: Uuid,
    date: Date,
    start: Time,
) -> Result<Edit, Problems<SessionField>> {
    match data
        .sessions
        .iter()
        .find(|r| r.provision_id == provision_id && r.date == date && r.start == start)
    {
        Some(r) => clear_session(data, r.id),
        None => {
            let mut p = Problems::default();
            p.push(
                SessionField::Id,
                format!(
                    "Nothing is recorded for the session of {}.",
                    session_label(date, start)
                ),
            );
            Err(p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::register_week;
    use crate::domain::calendar::AcademicYear;
    use crate::domain::commands::cancel_session;
    use crate::domain::edit::Change;
    use crate::domain::provision::SchoolDay;
    use crate::domain::testing::{enrol, now, provision, school, slot};
    use jiff::civil::{date, time};

    /// Reading: Tuesdays and Thursdays at 09:15, Monday 22 September to
    /// Friday 24 October 2025; Zoë and Ali have places throughout.
    fn reading() -> (Dataset, Uuid, Uuid, Uuid) {
        let mut d = school();
        let mut p = provision(&d, "Reading", 2, 30, date(2025, 9, 22), date(2025, 10, 24));
        p.slots = vec![
            slot(SchoolDay::Tuesday, time(9, 15, 0, 0), ""),
            slot(SchoolDay::Thursday, time(9, 15, 0, 0), ""),
        ];
        let pid = p.id;
        d.provisions.push(p);
        let zoe = enrol(&mut d, "Zoë", pid, date(2025, 9, 22), date(2025, 10, 24));
        let ali = enrol(&mut d, "Ali", pid, date(2025, 9, 22), date(2025, 10, 24));
        (d, pid, zoe, ali)
    }

    fn apply(d: &mut Dataset, f: impl FnOnce(&Dataset) -> Result<Edit, Problems<SessionField>>) {
        let e = f(d).unwrap();
        d.apply(&e.forward);
    }

    #[test]
    fn a_routes_date_names_its_week() {
        // Wednesday 8 October 2025 is in the week of Monday 6 October.
        assert_eq!(parse_week("2025-10-08"), Some(date(2025, 10, 6)));
        assert_eq!(parse_week("2025-10-06"), Some(date(2025, 10, 6)));
        // Sunday 12 October is the last day of that week.
        assert_eq!(parse_week("2025-10-12"), Some(date(2025, 10, 6)));
        assert_eq!(parse_week(" 2025-10-13 "), Some(date(2025, 10, 13)));
        for bad in [
            "",
            "2025-13-01",
            "06/10/2025",
            "2025-10-6",
            "2025-10-06T09:00",
            "1800-01-06",
        ] {
            assert_eq!(parse_week(bad), None, "{bad}");
        }
        assert_eq!(week_of(date(2026, 1, 1)), date(2025, 12, 29));
    }

    #[test]
    fn the_register_opens_on_this_week_or_the_provisions_nearest() {
        let (d, pid, _, _) = reading();
        let p = d.provision(pid).unwrap();
        // Running: Wednesday 15 October is in the week of 13 October.
        assert_eq!(default_week(p, date(2025, 10, 15)), date(2025, 10, 13));
        // A Saturday while it runs: that week's Monday.
        assert_eq!(default_week(p, date(2025, 10, 4)), date(2025, 9, 29));
        // Ended (24 October): its last week, of 20 October.
        assert_eq!(default_week(p, date(2026, 11, 30)), date(2025, 10, 20));
        // Not started: its first week, of 22 September.
        assert_eq!(default_week(p, date(2025, 9, 1)), date(2025, 9, 22));
    }

    #[test]
    fn weeks_either_side_stay_within_the_provision() {
        let (d, pid, _, _) = reading();
        let p = d.provision(pid).unwrap();
        let n = week_nav(p, date(2025, 10, 8));
        assert_eq!(n.monday, date(2025, 10, 6));
        assert_eq!(n.label, "Monday 6 to Friday 10 October 2025");
        assert_eq!(n.previous, Some(date(2025, 9, 29)));
        assert_eq!(n.next, Some(date(2025, 10, 13)));
        // The first week (22 September) has none before; the last (20
        // October) none after.
        assert_eq!(week_nav(p, date(2025, 9, 22)).previous, None);
        assert_eq!(week_nav(p, date(2025, 10, 20)).next, None);
        // From far after it: back to its last week; far before: on to its first.
        let later = week_nav(p, date(2026, 3, 2));
        assert_eq!(
            (later.previous, later.next),
            (Some(date(2025, 10, 20)), None)
        );
        let before = week_nav(p, date(2025, 6, 2));
        assert_eq!(
            (before.previous, before.next),
            (None, Some(date(2025, 9, 22)))
        );
    }

    #[test]
    fn labels_name_the_week_the_day_and_the_pupil() {
        assert_eq!(
            week_label(date(2025, 9, 29)),
            "Monday 29 September to Friday 3 October 2025"
        );
        assert_eq!(
            week_label(date(2025, 12, 29)),
            "Monday 29 December 2025 to Friday 2 January 2026"
        );
        assert_eq!(day_label(date(2025, 10, 7)), "Tuesday 7 October");
        assert_eq!(
            session_label(date(2025, 10, 7), time(9, 15, 0, 0)),
            "Tuesday 7 October 09:15"
        );
        assert_eq!(
            cell_label("Zoë O'Brien", date(2025, 10, 7), time(9, 15, 0, 0)),
            "Zoë O'Brien, Tuesday 7 October 09:15: present"
        );
    }

    #[test]
    fn a_tap_marks_one_pupil_at_a_recorded_session_only() {
        let (mut d, pid, zoe, ali) = reading();
        let (tue, at) = (date(2025, 10, 7), time(9, 15, 0, 0));
        let week = |d: &Dataset| register_week(d, pid, tue);
        // Not recorded: both cells say so, and a tap is refused.
        let w = week(&d);
        assert_eq!(w[0].recorded(), Recorded::NotRecorded);
        assert_eq!(w[0].recorded().text(), "Not recorded");
        assert_eq!(w[0].mark(zoe), Mark::NotRecorded);
        assert!(!w[0].mark(zoe).can_change());
        let refused = mark_pupil(&d, pid, tue, at, zoe, false, now()).unwrap_err();
        assert!(refused
            .for_field(SessionField::Outcome)
            .unwrap()
            .contains("tap \"All present\" first"));
        // All present, then Ali absent: 1 of 2 present.
        apply(&mut d, |d| record_session(d, pid, tue, at, &[], now()));
        assert_eq!(week(&d)[0].recorded().text(), "All 2 present");
        apply(&mut d, |d| mark_pupil(d, pid, tue, at, ali, false, now()));
        let w = week(&d);
        assert_eq!(
            w[0].recorded(),
            Recorded::Delivered {
                present: 1,
                pupils: 2
            }
        );
        assert_eq!(w[0].recorded().text(), "1 of 2 present");
        assert_eq!(
            (w[0].mark(zoe), w[0].mark(ali)),
            (Mark::Present, Mark::Absent)
        );
        // Ali absent again changes nothing; Ali present again: all present.
        let same = mark_pupil(&d, pid, tue, at, ali, false, now()).unwrap();
        assert!(same.forward.is_empty());
        apply(&mut d, |d| mark_pupil(d, pid, tue, at, ali, true, now()));
        assert_eq!(week(&d)[0].mark(ali), Mark::Present);
        // Cancelled: no one to mark, and a tap is refused.
        apply(&mut d, |d| {
            cancel_session(
                d,
                pid,
                tue,
                at,
                CancelReason::StaffAbsence,
                " supply cover ",
                now(),
            )
        });
        let w = week(&d);
        assert_eq!(
            w[0].recorded().text(),
            "Cancelled: Staff absence (supply cover)"
        );
        assert_eq!(w[0].mark(zoe), Mark::Cancelled);
        assert!(mark_pupil(&d, pid, tue, at, zoe, false, now()).is_err());
        // Cleared: not recorded again, and clearing twice is refused.
        let cleared = clear_at(&d, pid, tue, at).unwrap();
        assert!(matches!(cleared.forward[..], [Change::Delete(..)]));
        d.apply(&cleared.forward);
        assert_eq!(week(&d)[0].recorded(), Recorded::NotRecorded);
        assert!(clear_at(&d, pid, tue, at)
            .unwrap_err()
            .for_field(SessionField::Id)
            .unwrap()
            .contains("Nothing is recorded for the session of Tuesday 7 October 09:15"));
    }

    #[test]
    fn a_weeks_rows_are_everyone_with_a_place_in_register_order() {
        let (mut d, pid, zoe, ali) = reading();
        // Ben joins on Thursday 9 October: on the week's register, with no
        // place at Tuesday's session.
        let ben = enrol(&mut d, "Ben", pid, date(2025, 10, 9), date(2025, 10, 24));
        for (id, family) in [(zoe, "O'Brien"), (ali, "Khan"), (ben, "Adams")] {
            d.pupils
                .iter_mut()
                .find(|p| p.id == id)
                .unwrap()
                .family_name = family.into();
        }
        let w = register_week(&d, pid, date(2025, 10, 6));
        assert!(!w[0].pupils.contains(&ben) && w[1].pupils.contains(&ben));
        assert_eq!(
            week_pupils(&d, &w),
            [
                (ben, "Ben Adams".to_owned()),
                (ali, "Ali Khan".to_owned()),
                (zoe, "Zoë O'Brien".to_owned())
            ]
        );
        assert!(week_pupils(&d, &[]).is_empty());
    }

    #[test]
    fn one_pupil_and_no_pupil_sessions_read_plainly() {
        let one = Recorded::Delivered {
            present: 1,
            pupils: 1,
        };
        assert_eq!(one.text(), "Present");
        let none = Recorded::Delivered {
            present: 0,
            pupils: 0,
        };
        assert_eq!(none.text(), "Delivered (no pupils had a place)");
        let trip = Recorded::Cancelled {
            reason: CancelReason::Trip,
            note: String::new(),
        };
        assert_eq!(trip.text(), "Cancelled: Trip or event");
        assert_eq!(Mark::Absent.text(), "Absent");
        assert!(Mark::Absent.can_change() && !Mark::Cancelled.can_change());
    }

    #[test]
    fn an_empty_week_says_why() {
        let (mut d, pid, _, _) = reading();
        let p = d.provision(pid).unwrap().clone();
        // Before it starts.
        assert_eq!(
            empty_week_reason(&d, &p, date(2025, 9, 15)),
            "Reading runs from 22/09/2025 to 24/10/2025: this week is outside it."
        );
        // A half term from 13 to 17 October: no school days.
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 10, 13), date(2025, 10, 17)));
        assert!(register_week(&d, pid, date(2025, 10, 13)).is_empty());
        assert!(empty_week_reason(&d, &p, date(2025, 10, 13))
            .starts_with("This week has no school days"));
        // An INSET day on Tuesday 30 September and Thursday 2 October off:
        // school days that week, but none a slot falls on.
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 9, 30), date(2025, 9, 30)));
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 10, 2), date(2025, 10, 2)));
        assert_eq!(
            empty_week_reason(&d, &p, date(2025, 9, 29)),
            "No session of Reading falls on this week's school days."
        );
        // No slots at all.
        let mut bare = p.clone();
        bare.slots.clear();
        assert!(empty_week_reason(&d, &bare, date(2025, 10, 6)).contains("no days and times set"));
        // A year with no terms in it: the same as a holiday.
        let mut far = d.clone();
        far.settings.years = vec![AcademicYear::typical(2026)];
        assert!(empty_week_reason(&far, &p, date(2025, 10, 6))
            .starts_with("This week has no school days"));
    }
}
