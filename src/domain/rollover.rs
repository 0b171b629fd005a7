//! Academic-year rollover: pupils move up a year group (the year group of
//! the year left is kept on the pupil, for reports about that year), leavers
//! leave the roll (kept in the history), and recurring provisions are copied
//! into the new year as planned. A preview says what will change before anything does.

use jiff::civil::Date;
use jiff::Timestamp;
use uuid::Uuid;

use super::calendar::{days_between, AcademicYear};
use super::dataset::Dataset;
use super::edit::{Change, Edit, Record};
use super::provision::Provision;
use super::pupil::YearGroup;

/// What a rollover will do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolloverPreview {
    pub new_year: AcademicYear,
    /// Pupil, from, to.
    pub promotions: Vec<(Uuid, YearGroup, YearGroup)>,
    pub leavers: Vec<Uuid>,
    /// New provisions, planned, in the new year.
    pub copies: Vec<Provision>,
}

/// Why a rollover cannot go ahead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RolloverError {
    #[error("The year starting {0} is not set up.")]
    NoSuchYear(i16),
    #[error("The new year must start the year after {from} (got {to}).")]
    NotNext { from: i16, to: i16 },
    #[error("The year {0} is already set up.")]
    AlreadyThere(String),
    #[error("The new year's terms are not right: {0}")]
    InvalidYear(String),
}

/// `d`, moved from its place in `from` to the same place in `to`: the same
/// number of days into the same term, kept inside that term.
/// (A year with no terms, or without the term, leaves `d` where it is: the
/// years are validated before a rollover, so this is a guard, not a rule.)
fn map_date(d: Date, from: &AcademicYear, to: &AcademicYear) -> Date {
    let Some(term) = from
        .terms
        .iter()
        .rev()
        .find(|t| t.start <= d)
        .or(from.terms.first())
    else {
        return d;
    };
    let Some(target) = to.term(term.name) else {
        return d;
    };
    let offset = days_between(term.start, d).max(0);
    let moved = target
        .start
        .checked_add(jiff::Span::new().days(offset))
        .unwrap_or(target.end);
    moved.min(target.end)
}

/// Preview rolling the year starting `from` over into `new_year`.
pub fn preview(
    data: &Dataset,
    from: i16,
    new_year: AcademicYear,
    now: Timestamp,
) -> Result<RolloverPreview, RolloverError> {
    let old = data
        .settings
        .year(from)
        .ok_or(RolloverError::NoSuchYear(from))?;
    if new_year.start_year != from + 1 {
        return Err(RolloverError::NotNext {
            from,
            to: new_year.start_year,
        });
    }
    if data.settings.year(new_year.start_year).is_some() {
        return Err(RolloverError::AlreadyThere(new_year.label()));
    }
    let problems = new_year.validate();
    if !problems.is_empty() {
        return Err(RolloverError::InvalidYear(problems.to_string()));
    }
    let (Some(new_range), Some(old_range)) = (new_year.range(), old.range()) else {
        return Err(RolloverError::InvalidYear(
            "a year needs its three terms".into(),
        ));
    };
    let start = new_range.start;
    let mut promotions = Vec::new();
    let mut leavers = Vec::new();
    for p in data.pupils.iter().filter(|p| p.on_roll_on(start)) {
        match p.year_group.next() {
            Some(next) if p.year_group != data.settings.final_year_group => {
                promotions.push((p.id, p.year_group, next));
            }
            _ => leavers.push(p.id),
        }
    }
    let copies = data
        .provisions
        .iter()
        .filter(|p| p.recurring && old_range.contains(p.start))
        .map(|p| {
            let s = map_date(p.start, old, &new_year);
            let e = map_date(p.end, old, &new_year).max(s);
            Provision {
                id: Uuid::new_v4(),
                start: s,
                end: e,
                planned: true,
                created_at: now,
                updated_at: now,
                ..p.clone()
            }
        })
        .collect();
    Ok(RolloverPreview {
        new_year,
        promotions,
        leavers,
        copies,
    })
}

/// The edit that carries out a previewed rollover: pupils moved up and
/// leavers marked (each record once), provisions copied, the new year added
/// to the settings. Nothing is changed in `data`.
pub fn rollover(data: &Dataset, preview: &RolloverPreview, now: Timestamp) -> Edit {
    let start = preview.new_year.range().map_or(now_date(now), |r| r.start);
    // The year being left: each pupil's year group in it is kept, so
    // reports about that year still show it after the pupils move up.
    let left = preview.new_year.start_year - 1;
    let mut changes = Vec::new();
    for (id, _, to) in &preview.promotions {
        if let Some(p) = data.pupil(*id) {
            let mut p = p.clone();
            p.year_group_history.insert(left, p.year_group);
            p.year_group = *to;
            p.updated_at = now;
            changes.push(Change::Put(Record::Pupil(p)));
        }
    }
    for id in &preview.leavers {
        if let Some(p) = data.pupil(*id) {
            let mut p = p.clone();
            p.year_group_history.insert(left, p.year_group);
            p.left_on = Some(start);
            if p.sen_status.on_register() && p.off_register_from.is_none() {
                p.off_register_from = Some(start);
            }
            p.updated_at = now;
            changes.push(Change::Put(Record::Pupil(p)));
        }
    }
    changes.extend(
        preview
            .copies
            .iter()
            .map(|c| Change::Put(Record::Provision(c.clone()))),
    );
    let mut settings = data.settings.clone();
    settings.years.push(preview.new_year.clone());
    crate::domain::sort::by_key(&mut settings.years, |y| y.start_year);
    settings.updated_at = now;
    changes.push(Change::Put(Record::Settings(settings)));
    Edit::new(
        data,
        format!("Roll over to {}", preview.new_year.label()),
        changes,
    )
}

fn now_date(now: Timestamp) -> Date {
    now.to_zoned(jiff::tz::TimeZone::UTC).date()
}
