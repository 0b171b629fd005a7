//! What a timetable view shows of one week: which week (the one holding
//! today, else the first school week of the academic year in view), its
//! five days (a school day, or why not), whose week ([`Who`]) and what each
//! session says: the provision, its times, room, staff and pupils, and the
//! clashes that flag it.
//!
//! Pupils' names show only where the view may show them: the whole
//! school's week gives a count (with the names to open), a member of
//! staff's or a room's names the pupils, and a pupil's own week names the
//! others in the group unless the page is pseudonymised, when it names no
//! pupil at all and counts the others instead. A pupil's week shows only
//! the sessions that pupil is in, and of the clashes only those that are
//! not about another pupil.

use jiff::civil::Date;
use uuid::Uuid;

use super::calendar::{monday_of, Calendar, DateRange};
use super::clashes::{clashes, session_words, Clash, ClashKind};
use super::dataset::Dataset;
use super::provision::SchoolDay;
use super::pupil::Pupil;
use super::timetable::{for_who, grid, hhmm, week, Session, Who};

fn plus_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

/// Monday to Friday of the week starting `monday`.
pub fn week_range(monday: Date) -> DateRange {
    DateRange::new(monday, plus_days(monday, 4))
}

/// The Monday `weeks` weeks after (before, if negative) `monday`.
pub fn step_week(monday: Date, weeks: i64) -> Date {
    plus_days(monday_of(monday), weeks * 7)
}

/// The Monday of the week holding the first school day in `range`.
pub fn first_school_week(cal: &Calendar, range: &DateRange) -> Option<Date> {
    cal.days_in(range).next().map(|d| monday_of(d.date))
}

/// The week a timetable shows first (its Monday): the week holding
/// `today` when today is in the academic year in view (`year`, its dates)
/// or no year is set up; otherwise the first school week of that year (the
/// Monday of its first day when it has no school day).
pub fn week_to_show(cal: &Calendar, year: Option<&DateRange>, today: Date) -> Date {
    match year {
        Some(y) if !y.contains(today) => {
            first_school_week(cal, y).unwrap_or_else(|| monday_of(y.start))
        }
        _ => monday_of(today),
    }
}

/// "Monday 08/09/2025 to Friday 12/09/2025".
pub fn week_words(monday: Date) -> String {
    let r = week_range(monday);
    format!(
        "Monday {} to Friday {}",
        r.start.strftime("%d/%m/%Y"),
        r.end.strftime("%d/%m/%Y")
    )
}

/// Whether a weekday is a school day, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    School,
    /// In a term's dates but in one of its breaks (half term, a bank
    /// holiday, an INSET day).
    Break,
    /// Between two terms.
    Holiday,
    /// Before the first term or after the last one set up.
    NoTerm,
}

impl DayKind {
    /// What the timetable says of a day that is not a school day.
    pub fn note(self) -> Option<&'static str> {
        match self {
            DayKind::School => None,
            DayKind::Break => Some("No school: a break in the term"),
            DayKind::Holiday => Some("No school: holiday"),
            DayKind::NoTerm => Some("No term dates set up"),
        }
    }
}

/// One day of a week as the timetable heads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekDay {
    pub day: SchoolDay,
    pub date: Date,
    pub kind: DayKind,
}

impl WeekDay {
    /// "Monday 08/09".
    pub fn heading(&self) -> String {
        format!("{} {}", self.day.label(), self.date.strftime("%d/%m"))
    }
}

/// The five days of the week starting `monday`.
pub fn week_days(cal: &Calendar, monday: Date) -> [WeekDay; 5] {
    let monday = monday_of(monday);
    std::array::from_fn(|i| {
        let date = plus_days(monday, i as i64);
        let kind = if cal.is_school_day(date) {
            DayKind::School
        } else if cal.term_of(date).is_some() {
            DayKind::Break
        } else if cal.terms.iter().any(|t| t.range.end < date)
            && cal.terms.iter().any(|t| t.range.start > date)
        {
            DayKind::Holiday
        } else {
            DayKind::NoTerm
        };
        WeekDay {
            day: SchoolDay::ALL[i],
            date,
            kind,
        }
    })
}

/// The period whose clashes the timetable lists: the term holding the
/// week (in a holiday, the next term), else the week itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClashPeriod {
    pub range: DateRange,
    /// "Autumn 2025-26", or "this week".
    pub label: String,
}

pub fn clash_period(cal: &Calendar, monday: Date) -> ClashPeriod {
    let r = week_range(monday_of(monday));
    let term = cal
        .terms
        .iter()
        .find(|t| t.range.intersect(&r).is_some())
        .or_else(|| cal.term_at_or_after(r.start));
    match term {
        Some(t) => ClashPeriod {
            range: t.range,
            label: t.key.label(),
        },
        None => ClashPeriod {
            range: r,
            label: "this week".to_owned(),
        },
    }
}

impl Who {
    /// The value a chooser gives it: `school`, `member:<id>`,
    /// `pupil:<id>`, `room:<name>`.
    pub fn code(&self) -> String {
        match self {
            Who::School => "school".to_owned(),
            Who::Member(id) => format!("member:{id}"),
            Who::Pupil(id) => format!("pupil:{id}"),
            Who::Room(r) => format!("room:{r}"),
        }
    }

    /// The choice a chooser's value names; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Who> {
        if code == "school" {
            return Some(Who::School);
        }
        let (kind, rest) = code.split_once(':')?;
        match kind {
            "member" => rest.parse().ok().map(Who::Member),
            "pupil" => rest.parse().ok().map(Who::Pupil),
            "room" if !rest.trim().is_empty() => Some(Who::Room(rest.to_owned())),
            _ => None,
        }
    }
}

/// Whose week can be chosen: every member of staff (by name), every pupil
/// still at the school with a place in a provision on the timetable
/// (register order, "Ada Lovelace (Year 3)"), and the rooms the slots give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhoChoices {
    pub members: Vec<(Uuid, String)>,
    pub pupils: Vec<(Uuid, String)>,
    pub rooms: Vec<String>,
}

pub fn who_choices(data: &Dataset) -> WhoChoices {
    let mut members: Vec<(Uuid, String)> = data
        .members
        .iter()
        .map(|m| (m.id, m.name.clone()))
        .collect();
    super::sort::by(&mut members, |a, b| {
        a.1.to_lowercase()
            .cmp(&b.1.to_lowercase())
            .then(a.0.cmp(&b.0))
    });
    let timetabled: std::collections::HashSet<Uuid> = data
        .provisions
        .iter()
        .filter(|p| !p.slots.is_empty())
        .map(|p| p.id)
        .collect();
    let placed: std::collections::HashSet<Uuid> = data
        .enrolments
        .iter()
        .filter(|e| timetabled.contains(&e.provision_id))
        .map(|e| e.pupil_id)
        .collect();
    let mut pupils: Vec<&Pupil> = data
        .pupils
        .iter()
        .filter(|p| p.left_on.is_none() && placed.contains(&p.id))
        .collect();
    super::sort::by(&mut pupils, |a, b| Pupil::register_order(a, b));
    WhoChoices {
        members,
        pupils: pupils
            .into_iter()
            .map(|p| {
                (
                    p.id,
                    format!("{} ({})", p.full_name(), p.year_group.label()),
                )
            })
            .collect(),
        rooms: super::timetable::rooms(data),
    }
}

/// Whose week it is, in words: "The whole school", a member's name, a
/// pupil's name (or pseudonym), "Library (room)".
pub fn who_name(data: &Dataset, who: &Who, pseudonymise: bool) -> String {
    match who {
        Who::School => "The whole school".to_owned(),
        Who::Member(id) => data
            .members
            .get(*id)
            .map_or_else(|| "A member of staff".to_owned(), |m| m.name.clone()),
        Who::Pupil(id) => data.pupil(*id).map_or_else(
            || "A pupil".to_owned(),
            |p| {
                if pseudonymise {
                    p.pseudonym()
                } else {
                    p.full_name()
                }
            },
        ),
        Who::Room(r) => format!("{r} (room)"),
    }
}

/// Which pupils a session shows, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PupilsShown {
    /// Every pupil by name (a member's or a room's week).
    Names(Vec<String>),
    /// A count, with the names to open (the whole school's week).
    Folded(Vec<String>),
    /// The other pupils in the group by name (a pupil's own week).
    With(Vec<String>),
    /// How many others, no names (a pupil's week, pseudonymised).
    Others(usize),
}

impl PupilsShown {
    /// The line a session shows.
    pub fn summary(&self) -> String {
        let count = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        match self {
            PupilsShown::Names(v) if v.is_empty() => "No pupils".to_owned(),
            PupilsShown::Names(v) => format!("Pupils: {}", v.join(", ")),
            PupilsShown::Folded(v) if v.is_empty() => "No pupils".to_owned(),
            PupilsShown::Folded(v) => count(v.len(), "pupil"),
            PupilsShown::With(v) if v.is_empty() => "No other pupils".to_owned(),
            PupilsShown::With(v) => format!("With {}", v.join(", ")),
            PupilsShown::Others(0) => "No other pupils".to_owned(),
            PupilsShown::Others(n) => format!("With {}", count(*n, "other pupil")),
        }
    }
}

/// One session as a timetable shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub provision_id: Uuid,
    pub name: String,
    /// "09:00 to 09:30".
    pub time: String,
    /// Blank where no room is given.
    pub room: String,
    /// Its staff: each named member, else the role ("TA").
    pub staff: String,
    pub pupils: PupilsShown,
    /// What each clash that flags it says (none: no clash).
    pub clashes: Vec<String>,
}

/// A week laid out days by times: its days, and a row for each start time
/// ("09:00") with the sessions of each day starting then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekView {
    pub monday: Date,
    pub days: [WeekDay; 5],
    pub rows: Vec<(String, [Vec<Card>; 5])>,
    /// How many sessions it shows.
    pub sessions: usize,
}

/// What a clash flagging a session says in `who`'s week; `None` where that
/// week does not show it (in a pupil's week, a clash of another pupil's).
fn flag_text(data: &Dataset, c: &Clash, who: &Who) -> Option<String> {
    let person = |id: Option<Uuid>, pupil: bool| -> String {
        id.and_then(|id| {
            if pupil {
                data.pupil(id).map(Pupil::full_name)
            } else {
                data.members.get(id).map(|m| m.name.clone())
            }
        })
        .unwrap_or_else(|| "Someone".to_owned())
    };
    match (c.kind, who) {
        (ClashKind::Pupil, Who::Pupil(p)) => {
            if c.pupil_id != Some(*p) {
                return None;
            }
            let words: Vec<String> = c
                .slots
                .iter()
                .filter_map(|(id, day, start)| {
                    data.provision(*id)
                        .map(|pr| session_words(pr, *day, *start))
                })
                .collect();
            Some(format!("In two sessions at once: {}.", words.join(" and ")))
        }
        (ClashKind::Staff, _) => Some(format!(
            "{} in two sessions at once",
            person(c.member_id, false)
        )),
        (ClashKind::Pupil, _) => Some(format!(
            "{} in two sessions at once",
            person(c.pupil_id, true)
        )),
        (ClashKind::OutsideSchoolDay, _) => Some("Outside the school day".to_owned()),
        (ClashKind::SlotsDiffer, _) => Some("Slots differ from the sessions a week".to_owned()),
        (ClashKind::NotTimetabled, _) => None,
    }
}

fn card(
    data: &Dataset,
    s: &Session,
    who: &Who,
    pseudonymise: bool,
    week_clashes: &[Clash],
) -> Card {
    let p = data.provision(s.provision_id);
    let staff = p.map_or_else(String::new, |p| {
        let mut names: Vec<String> = Vec::new();
        for l in &p.staff {
            let name = match l.member_id.and_then(|m| data.members.get(m)) {
                Some(m) => m.name.clone(),
                None => data
                    .role(l.role_id)
                    .map_or_else(|| "Staff".to_owned(), |r| r.name.clone()),
            };
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(", ")
    });
    let name_of = |id: &Uuid| {
        data.pupil(*id)
            .map_or_else(|| "A pupil".to_owned(), Pupil::full_name)
    };
    let pupils = match who {
        Who::School => PupilsShown::Folded(s.pupils.iter().map(name_of).collect()),
        Who::Member(_) | Who::Room(_) => PupilsShown::Names(s.pupils.iter().map(name_of).collect()),
        Who::Pupil(me) => {
            let others = s.pupils.iter().filter(|id| *id != me);
            if pseudonymise {
                PupilsShown::Others(others.count())
            } else {
                PupilsShown::With(others.map(name_of).collect())
            }
        }
    };
    let mut flags: Vec<String> = Vec::new();
    for c in week_clashes
        .iter()
        .filter(|c| c.flags(s.provision_id, s.day, s.start))
    {
        if let Some(t) = flag_text(data, c, who) {
            if !flags.contains(&t) {
                flags.push(t);
            }
        }
    }
    Card {
        provision_id: s.provision_id,
        name: p.map_or_else(|| "(deleted provision)".to_owned(), |p| p.name.clone()),
        time: format!("{} to {}", hhmm(s.start), hhmm(s.end)),
        room: s.room.clone(),
        staff,
        pupils,
        clashes: flags,
    }
}

/// `who`'s week starting `monday` (any day of it), days by times, each
/// session flagged with the clashes it has that week.
pub fn week_view(
    data: &Dataset,
    cal: &Calendar,
    monday: Date,
    who: &Who,
    pseudonymise: bool,
) -> WeekView {
    let monday = monday_of(monday);
    let all = week(data, cal, monday);
    let mine = for_who(&all, who);
    let g = grid(&mine);
    let week_clashes = clashes(data, cal, &week_range(monday));
    let rows = g
        .rows
        .iter()
        .map(|(t, cells)| {
            (
                hhmm(*t),
                std::array::from_fn(|i| {
                    cells[i]
                        .iter()
                        .map(|&k| card(data, mine[k], who, pseudonymise, &week_clashes))
                        .collect()
                }),
            )
        })
        .collect();
    WeekView {
        monday,
        days: week_days(cal, monday),
        rows,
        sessions: mine.len(),
    }
}

/// The clashes a provision's page shows beside its slots: those over its
/// own dates that involve it.
pub fn clashes_of_provision(data: &Dataset, cal: &Calendar, provision: Uuid) -> Vec<Clash> {
    let Some(p) = data.provision(provision) else {
        return Vec::new();
    };
    clashes(data, cal, &p.range())
        .into_iter()
        .filter(|c| c.involves(provision))
        .collect()
}

/// The provisions a clash involves, once each, with their names: where
/// it is fixed.
pub fn clash_links(data: &Dataset, c: &Clash) -> Vec<(Uuid, String)> {
    let mut out: Vec<(Uuid, String)> = Vec::new();
    for id in &c.provisions {
        if out.iter().any(|(x, _)| x == id) {
            continue;
        }
        if let Some(p) = data.provision(*id) {
            out.push((*id, p.name.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::{enrol, member, provision, school, slot};
    use jiff::civil::{date, time};

    #[test]
    fn the_week_shown_first_holds_today_or_starts_the_year_in_view() {
        let d = school();
        let cal = Calendar::new(&d.settings.years);
        let year = d.settings.years[0].range().unwrap();
        // 2025-26 runs Monday 1 September 2025 to Tuesday 21 July 2026.
        assert_eq!(year, DateRange::new(date(2025, 9, 1), date(2026, 7, 21)));
        // Wednesday 10 September 2025 is in it: its week, from Monday 8th.
        assert_eq!(
            week_to_show(&cal, Some(&year), date(2025, 9, 10)),
            date(2025, 9, 8)
        );
        // Saturday 13 September: the week it ends, still from Monday 8th.
        assert_eq!(
            week_to_show(&cal, Some(&year), date(2025, 9, 13)),
            date(2025, 9, 8)
        );
        // Monday 30 November 2026 is after the year: its first school week,
        // Monday 1 September 2025.
        assert_eq!(
            week_to_show(&cal, Some(&year), date(2026, 11, 30)),
            date(2025, 9, 1)
        );
        // No year set up: today's week (Thursday 3 December 2026 is in the
        // week from Monday 30 November).
        assert_eq!(
            week_to_show(&cal, None, date(2026, 12, 3)),
            date(2026, 11, 30)
        );
        // A term starting on Wednesday 3 September: its week from Monday 1st.
        let mut late = d.settings.years[0].clone();
        late.terms[0].start = date(2025, 9, 3);
        let cal2 = Calendar::new(std::slice::from_ref(&late));
        let y2 = late.range().unwrap();
        assert_eq!(first_school_week(&cal2, &y2), Some(date(2025, 9, 1)));
        // A week on and back, from any day of it.
        assert_eq!(step_week(date(2025, 9, 10), 1), date(2025, 9, 15));
        assert_eq!(step_week(date(2025, 9, 8), -2), date(2025, 8, 25));
        assert_eq!(
            week_words(date(2025, 9, 8)),
            "Monday 08/09/2025 to Friday 12/09/2025"
        );
    }

    #[test]
    fn days_that_are_not_school_days_say_why() {
        let mut d = school();
        // Half term Monday 27 to Friday 31 October 2025, and a bank
        // holiday break on Monday 4 May 2026.
        d.settings.years[0].terms[0]
            .breaks
            .push(DateRange::new(date(2025, 10, 27), date(2025, 10, 31)));
        d.settings.years[0].terms[2]
            .breaks
            .push(DateRange::new(date(2026, 5, 4), date(2026, 5, 4)));
        let cal = Calendar::new(&d.settings.years);
        let kinds = |m| week_days(&cal, m).map(|w| w.kind);
        use DayKind::*;
        assert_eq!(kinds(date(2025, 10, 27)), [Break; 5]);
        assert_eq!(
            kinds(date(2026, 5, 4)),
            [Break, School, School, School, School]
        );
        // Autumn ends Saturday 20 December; spring starts Monday 5 January.
        assert_eq!(kinds(date(2025, 12, 22)), [Holiday; 5]);
        // Summer ends Tuesday 21 July 2026; no later term is set up.
        assert_eq!(
            kinds(date(2026, 7, 20)),
            [School, School, NoTerm, NoTerm, NoTerm]
        );
        let w = week_days(&cal, date(2025, 9, 10));
        assert_eq!(w[0].date, date(2025, 9, 8));
        assert_eq!(w[4].heading(), "Friday 12/09");
        assert_eq!(Break.note(), Some("No school: a break in the term"));
        assert_eq!(School.note(), None);
    }

    #[test]
    fn clashes_are_listed_for_the_term_holding_the_week() {
        let d = school();
        let cal = Calendar::new(&d.settings.years);
        let p = clash_period(&cal, date(2025, 9, 8));
        assert_eq!(p.label, "Autumn 2025-26");
        assert_eq!(
            p.range,
            DateRange::new(date(2025, 9, 1), date(2025, 12, 20))
        );
        // The Christmas holiday: the spring term, 5 January to 31 March.
        let p = clash_period(&cal, date(2025, 12, 29));
        assert_eq!(p.label, "Spring 2025-26");
        // After the last term: the week itself.
        let p = clash_period(&cal, date(2026, 8, 3));
        assert_eq!(p.label, "this week");
        assert_eq!(p.range, DateRange::new(date(2026, 8, 3), date(2026, 8, 7)));
    }

    #[test]
    fn whose_week_is_chosen_by_a_code() {
        let id = Uuid::new_v4();
        for w in [
            Who::School,
            Who::Member(id),
            Who::Pupil(id),
            Who::Room("Room 4: the Hive".into()),
        ] {
            assert_eq!(Who::from_code(&w.code()), Some(w));
        }
        for bad in ["", "member:", "pupil:xyz", "room:", "staff:1"] {
            assert_eq!(Who::from_code(bad), None, "{bad}");
        }
    }

    /// Mrs Patel runs Phonics (Monday 09:00, 30 minutes, in the library)
    /// and Spelling (Monday 09:15, 30 minutes, and Wednesday 14:00);
    /// Ann is in both, Bob in Phonics, Cy in Spelling.
    fn two_groups() -> (Dataset, Uuid, Uuid, Uuid, Uuid, Uuid, Uuid) {
        let mut d = school();
        let patel = member(&mut d, "Mrs Patel");
        let (s, e) = (date(2025, 9, 1), date(2025, 12, 19));
        let mut a = provision(&d, "Phonics", 1, 30, s, e);
        a.staff[0].member_id = Some(patel);
        a.slots = vec![slot(SchoolDay::Monday, time(9, 0, 0, 0), "Library")];
        let mut b = provision(&d, "Spelling", 2, 30, s, e);
        b.staff[0].member_id = Some(patel);
        b.slots = vec![
            slot(SchoolDay::Monday, time(9, 15, 0, 0), ""),
            slot(SchoolDay::Wednesday, time(14, 0, 0, 0), ""),
        ];
        let (aid, bid) = (a.id, b.id);
        d.provisions.push(a);
        d.provisions.push(b);
        let ann = enrol(&mut d, "Ann", aid, s, e);
        enrol(&mut d, "Ann", bid, s, e);
        let bob = enrol(&mut d, "Bob", aid, s, e);
        let cy = enrol(&mut d, "Cy", bid, s, e);
        (d, patel, aid, bid, ann, bob, cy)
    }

    #[test]
    fn a_week_by_days_and_times_for_the_school_a_member_and_a_pupil() {
        let (d, patel, aid, bid, ann, _bob, _cy) = two_groups();
        let cal = Calendar::new(&d.settings.years);
        // The week of Monday 8 September 2025: Phonics 09:00 and Spelling
        // 09:15 on Monday, Spelling 14:00 on Wednesday: 3 sessions in 3
        // rows (09:00, 09:15, 14:00).
        let w = week_view(&d, &cal, date(2025, 9, 10), &Who::School, false);
        assert_eq!(w.monday, date(2025, 9, 8));
        assert_eq!(w.sessions, 3);
        let times: Vec<&str> = w.rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(times, ["09:00", "09:15", "14:00"]);
        let phonics = &w.rows[0].1[0][0];
        assert_eq!(phonics.provision_id, aid);
        assert_eq!(phonics.time, "09:00 to 09:30");
        assert_eq!(phonics.room, "Library");
        assert_eq!(phonics.staff, "Mrs Patel");
        // The school's week counts the pupils, names to open.
        assert_eq!(
            phonics.pupils,
            PupilsShown::Folded(vec!["Ann Test".into(), "Bob Test".into()])
        );
        assert_eq!(phonics.pupils.summary(), "2 pupils");
        // 09:00-09:30 and 09:15-09:45 overlap: Mrs Patel and Ann clash, on
        // both Monday sessions; Wednesday's is clear.
        assert_eq!(
            phonics.clashes,
            [
                "Mrs Patel in two sessions at once",
                "Ann Test in two sessions at once"
            ]
        );
        let spelling_mon = &w.rows[1].1[0][0];
        assert_eq!(spelling_mon.provision_id, bid);
        assert_eq!(spelling_mon.clashes.len(), 2);
        assert!(w.rows[2].1[2][0].clashes.is_empty());
        assert_eq!(w.rows[2].1[2][0].room, "");
        // Mrs Patel's week: the same 3, pupils by name.
        let m = week_view(&d, &cal, date(2025, 9, 8), &Who::Member(patel), false);
        assert_eq!(m.sessions, 3);
        assert_eq!(
            m.rows[0].1[0][0].pupils.summary(),
            "Pupils: Ann Test, Bob Test"
        );
        // Ann's week: all 3 (she is in both); the others named, or counted
        // when pseudonymised, and her own clash without her name.
        let a = week_view(&d, &cal, date(2025, 9, 8), &Who::Pupil(ann), false);
        assert_eq!(a.sessions, 3);
        assert_eq!(a.rows[0].1[0][0].pupils.summary(), "With Bob Test");
        assert_eq!(
            a.rows[0].1[0][0].clashes,
            [
                "Mrs Patel in two sessions at once",
                "In two sessions at once: Phonics (Monday 09:00 to 09:30) and Spelling (Monday 09:15 to 09:45)."
            ]
        );
        let hidden = week_view(&d, &cal, date(2025, 9, 8), &Who::Pupil(ann), true);
        assert_eq!(hidden.rows[0].1[0][0].pupils, PupilsShown::Others(1));
        assert_eq!(
            hidden.rows[0].1[0][0].pupils.summary(),
            "With 1 other pupil"
        );
        let text = format!("{hidden:?}");
        assert!(!text.contains("Bob") && !text.contains("Cy"), "{text}");
        assert!(!text.contains("Ann"), "not even her own name: {text}");
        // A room's week: the library holds Phonics only.
        let lib = week_view(
            &d,
            &cal,
            date(2025, 9, 8),
            &Who::Room("library".into()),
            false,
        );
        assert_eq!(lib.sessions, 1);
        assert_eq!(
            who_name(&d, &Who::Member(patel), false),
            "Mrs Patel".to_owned()
        );
        assert!(who_name(&d, &Who::Pupil(ann), true).starts_with("A.T. (ref "));
    }

    #[test]
    fn a_pupils_week_leaves_out_other_pupils_clashes() {
        let (mut d, _patel, aid, _bid, ann, bob, _cy) = two_groups();
        // Bob also joins a Monday 09:10 group without Ann (a pupil clash of
        // Bob's, on Phonics, which Ann's week shows).
        let mut c = provision(&d, "Maths", 1, 20, date(2025, 9, 1), date(2025, 12, 19));
        c.slots = vec![slot(SchoolDay::Monday, time(9, 10, 0, 0), "")];
        let cid = c.id;
        d.provisions.push(c);
        enrol(&mut d, "Bob", cid, date(2025, 9, 1), date(2025, 12, 19));
        let cal = Calendar::new(&d.settings.years);
        let a = week_view(&d, &cal, date(2025, 9, 8), &Who::Pupil(ann), true);
        let phonics = &a.rows[0].1[0][0];
        assert_eq!(phonics.provision_id, aid);
        // Staff and Ann's own: 2; Bob's clash is not hers to see.
        assert_eq!(phonics.clashes.len(), 2);
        assert!(!format!("{a:?}").contains("Bob"));
        // The school's week flags Phonics with all three.
        let s = week_view(&d, &cal, date(2025, 9, 8), &Who::School, false);
        assert_eq!(s.rows[0].1[0][0].clashes.len(), 3);
        // Choices: Mrs Patel; Ann, Bob and Cy (all placed in a timetabled
        // provision); no rooms but the library.
        let ch = who_choices(&d);
        assert_eq!(ch.members.len(), 1);
        assert_eq!(ch.pupils.len(), 3);
        assert_eq!(ch.pupils[0].1, "Ann Test (Year 3)");
        assert_eq!(ch.rooms, ["Library"]);
        // Bob leaves: no longer to choose.
        d.pupils.iter_mut().find(|p| p.id == bob).unwrap().left_on = Some(date(2025, 10, 1));
        assert_eq!(who_choices(&d).pupils.len(), 2);
    }

    #[test]
    fn a_provisions_page_lists_the_clashes_it_is_in_with_where_to_fix_them() {
        let (d, _patel, aid, bid, ..) = two_groups();
        let cal = Calendar::new(&d.settings.years);
        // Phonics: the staff clash and Ann's (each with Spelling). Spelling
        // runs 2 a week with 2 slots, Phonics 1 with 1: nothing differs.
        let a = clashes_of_provision(&d, &cal, aid);
        assert_eq!(a.len(), 2);
        assert_eq!(
            clash_links(&d, &a[0]),
            [(aid, "Phonics".to_owned()), (bid, "Spelling".to_owned())]
        );
        assert_eq!(clashes_of_provision(&d, &cal, Uuid::new_v4()), []);
    }
}
