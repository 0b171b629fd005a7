//! What a person types in Settings, in three parts that save on their own:
//! the school and its calendar, the ratio-gain bands and the funding
//! figures. Each part changes only its own fields of the settings it is
//! applied to, so saving one never undoes another.

use jiff::Timestamp;

use super::calendar::{AcademicYear, DateRange, Term};
use super::fields::SettingsField;
use super::money::Money;
use super::pupil::{parse_date, YearGroup};
use super::quantity::Dec2;
use super::settings::{FundingFigure, FundingKind, PpPlusAgreement, RatioBand, SchoolSettings};
use super::validation::Problems;

/// One term as typed: dates, teaching weeks and breaks (start, end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermDraft {
    pub start: String,
    pub end: String,
    pub teaching_weeks: String,
    pub breaks: Vec<(String, String)>,
}

/// The school, its threshold, its last year group and its calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolDraft {
    pub school_name: String,
    pub element2_threshold: String,
    /// A year-group code: pupils in it leave at rollover.
    pub final_year_group: String,
    /// Each year's start year and its three terms, autumn first.
    pub years: Vec<(i16, Vec<TermDraft>)>,
}

impl SchoolDraft {
    pub fn of(s: &SchoolSettings) -> SchoolDraft {
        SchoolDraft {
            school_name: s.school_name.clone(),
            element2_threshold: s.element2_threshold.plain(),
            final_year_group: s.final_year_group.code(),
            years: s
                .years
                .iter()
                .map(|y| {
                    (
                        y.start_year,
                        y.terms
                            .iter()
                            .map(|t| TermDraft {
                                start: t.start.to_string(),
                                end: t.end.to_string(),
                                teaching_weeks: t.teaching_weeks.to_string(),
                                breaks: t
                                    .breaks
                                    .iter()
                                    .map(|b| (b.start.to_string(), b.end.to_string()))
                                    .collect(),
                            })
                            .collect(),
                    )
                })
                .collect(),
        }
    }

    /// `s` with this part changed, or every problem. Calendar problems are
    /// under `years`, each naming its year and term.
    pub fn apply(
        &self,
        s: &SchoolSettings,
        now: Timestamp,
    ) -> Result<SchoolSettings, Problems<SettingsField>> {
        let mut p = Problems::default();
        let threshold = self
            .element2_threshold
            .parse::<Money>()
            .unwrap_or_else(|_| {
                p.push(
                    SettingsField::Element2Threshold,
                    "Enter the threshold in pounds, like 6000.00.",
                );
                s.element2_threshold
            });
        let final_year_group = self
            .final_year_group
            .parse::<YearGroup>()
            .unwrap_or_else(|_| {
                p.push(
                    SettingsField::FinalYearGroup,
                    "Choose the last year group the school teaches.",
                );
                s.final_year_group
            });
        let mut years = Vec::new();
        for (start_year, terms) in &self.years {
            let old = s.year(*start_year);
            let label = super::calendar::year_label(*start_year);
            let mut built = Vec::new();
            for (i, t) in terms.iter().enumerate() {
                let name = super::calendar::TermName::ALL[i.min(2)];
                let mut date = |what: &str, text: &str| {
                    let d = parse_date(text);
                    if d.is_none() {
                        p.push(
                            SettingsField::Years,
                            format!(
                                "{label} {name} term: enter the {what} as a date, like 01/09/2025."
                            ),
                        );
                    }
                    d
                };
                let start = date("start", &t.start);
                let end = date("end", &t.end);
                let mut breaks = Vec::new();
                for (bs, be) in &t.breaks {
                    if let (Some(a), Some(b)) = (date("break's start", bs), date("break's end", be))
                    {
                        breaks.push(DateRange::new(a, b));
                    }
                }
                let weeks = t.teaching_weeks.trim().parse::<u32>().unwrap_or_else(|_| {
                    p.push(
                        SettingsField::Years,
                        format!("{label} {name} term: enter the teaching weeks as a whole number, like 14."),
                    );
                    0
                });
                if let (Some(start), Some(end)) = (start, end) {
                    built.push(Term {
                        name,
                        start,
                        end,
                        teaching_weeks: weeks,
                        breaks,
                    });
                }
            }
            years.push(AcademicYear {
                id: old.map_or_else(uuid::Uuid::new_v4, |y| y.id),
                start_year: *start_year,
                terms: built,
            });
        }
        let candidate = SchoolSettings {
            school_name: self.school_name.trim().to_owned(),
            element2_threshold: threshold,
            final_year_group,
            years,
            updated_at: now,
            ..s.clone()
        };
        if p.is_empty() {
            for e in candidate.validate().0 {
                p.0.push(e);
            }
        }
        p.into_result().map(|()| candidate)
    }

    /// Add the next academic year with the usual term dates to edit.
    pub fn add_year(&mut self) {
        let next = self.years.iter().map(|y| y.0).max().map_or(2025, |y| y + 1);
        let typical = SchoolDraft::of(&SchoolSettings {
            years: vec![AcademicYear::typical(next)],
            ..SchoolSettings::new("x", next, Timestamp::UNIX_EPOCH)
        });
        self.years.extend(typical.years);
    }
}

/// How gains are judged, as typed: the ratio-gain bands (lower bound,
/// name, significant) and the weeks between entry and exit before a gain
/// is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandsDraft {
    pub bands: Vec<(String, String, bool)>,
    pub min_weeks: String,
}

impl BandsDraft {
    pub fn of(s: &SchoolSettings) -> BandsDraft {
        BandsDraft {
            bands: s
                .ratio_bands
                .iter()
                .map(|b| (b.min.to_string(), b.name.clone(), b.significant))
                .collect(),
            min_weeks: s.min_weeks_to_judge.to_string(),
        }
    }

    pub fn apply(
        &self,
        s: &SchoolSettings,
        now: Timestamp,
    ) -> Result<SchoolSettings, Problems<SettingsField>> {
        let mut p = Problems::default();
        let mut bands = Vec::new();
        for (i, (min, name, significant)) in self.bands.iter().enumerate() {
            match min.trim().parse::<Dec2>() {
                Ok(m) if !m.is_negative() => bands.push(RatioBand {
                    min: m,
                    name: name.trim().to_owned(),
                    significant: *significant,
                }),
                _ => p.push(
                    SettingsField::RatioBands,
                    format!(
                        "Band {}: enter where it starts as a ratio, like 1.4.",
                        i + 1
                    ),
                ),
            }
            if name.trim().is_empty() {
                p.push(
                    SettingsField::RatioBands,
                    format!("Band {}: give it a name.", i + 1),
                );
            }
        }
        let min_weeks = match self.min_weeks.trim().parse::<u32>() {
            Ok(w) => w,
            Err(_) => {
                p.push(
                    SettingsField::MinWeeksToJudge,
                    "Enter the weeks as a whole number, like 4.",
                );
                s.min_weeks_to_judge
            }
        };
        let candidate = SchoolSettings {
            ratio_bands: bands,
            min_weeks_to_judge: min_weeks,
            updated_at: now,
            ..s.clone()
        };
        if p.is_empty() {
            p = candidate.validate();
        }
        p.into_result().map(|()| candidate)
    }
}

/// The funding figures as typed: kind, academic year, amount per pupil;
/// then the PP+ agreed with the virtual school, by academic year (empty
/// for none), latest year first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresDraft(pub Vec<(FundingKind, i16, String)>, pub Vec<(i16, String)>);

impl FiguresDraft {
    pub fn of(s: &SchoolSettings) -> FiguresDraft {
        let mut v: Vec<_> = s
            .funding_figures
            .iter()
            .map(|f| (f.kind, f.start_year, f.amount.plain()))
            .collect();
        crate::domain::sort::by_key(&mut v, |f| {
            (
                std::cmp::Reverse(f.1),
                FundingKind::ALL.iter().position(|k| *k == f.0),
            )
        });
        // A row for every academic year set up, and for any year agreed.
        let mut agreed: Vec<(i16, String)> = s
            .pp_plus_agreed
            .iter()
            .map(|a| (a.start_year, a.amount.plain()))
            .collect();
        for y in &s.years {
            if !agreed.iter().any(|a| a.0 == y.start_year) {
                agreed.push((y.start_year, String::new()));
            }
        }
        crate::domain::sort::by_key(&mut agreed, |a| std::cmp::Reverse(a.0));
        FiguresDraft(v, agreed)
    }

    /// Give every kind a row for `start_year`, from the year before's figure.
    pub fn add_year(&mut self, start_year: i16) {
        for kind in FundingKind::ALL {
            if self.0.iter().any(|f| f.0 == kind && f.1 == start_year) {
                continue;
            }
            let last = self
                .0
                .iter()
                .filter(|f| f.0 == kind && f.1 < start_year)
                .max_by_key(|f| f.1)
                .map_or_else(|| "0.00".to_owned(), |f| f.2.clone());
            self.0.push((kind, start_year, last));
        }
        if !self.1.iter().any(|a| a.0 == start_year) {
            self.1.push((start_year, String::new()));
            crate::domain::sort::by_key(&mut self.1, |a| std::cmp::Reverse(a.0));
        }
        crate::domain::sort::by_key(&mut self.0, |f| {
            (
                std::cmp::Reverse(f.1),
                FundingKind::ALL.iter().position(|k| *k == f.0),
            )
        });
    }

    pub fn apply(
        &self,
        s: &SchoolSettings,
        now: Timestamp,
    ) -> Result<SchoolSettings, Problems<SettingsField>> {
        let mut p = Problems::default();
        let mut figures = Vec::new();
        for (kind, year, amount) in &self.0 {
            match amount.parse::<Money>() {
                Ok(m) => figures.push(FundingFigure {
                    kind: *kind,
                    start_year: *year,
                    amount: m,
                }),
                Err(_) => p.push(
                    SettingsField::FundingFigures,
                    format!(
                        "{} for {}: enter an amount in pounds, like 1515.00.",
                        kind.label(),
                        super::calendar::year_label(*year)
                    ),
                ),
            }
        }
        let mut agreed = Vec::new();
        for (year, amount) in &self.1 {
            if amount.trim().is_empty() {
                continue;
            }
            match amount.parse::<Money>() {
                Ok(m) => agreed.push(PpPlusAgreement {
                    start_year: *year,
                    amount: m,
                }),
                Err(_) => p.push(
                    SettingsField::PpPlusAgreed,
                    format!(
                        "PP+ agreed with the virtual school for {}: enter an amount in pounds, like 1,500.00, or leave it empty.",
                        super::calendar::year_label(*year)
                    ),
                ),
            }
        }
        crate::domain::sort::by_key(&mut agreed, |a| a.start_year);
        // Stored oldest year first, in the kinds' order.
        crate::domain::sort::by_key(&mut figures, |f| {
            (
                f.start_year,
                FundingKind::ALL.iter().position(|k| *k == f.kind),
            )
        });
        let candidate = SchoolSettings {
            funding_figures: figures,
            pp_plus_agreed: agreed,
            updated_at: now,
            ..s.clone()
        };
        if p.is_empty() {
            p = candidate.validate();
        }
        p.into_result().map(|()| candidate)
    }
}

/// The school day and the attendance threshold, as typed: times like
/// 08:45, a whole number of per cent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayDraft {
    pub day_start: String,
    pub day_end: String,
    pub attendance_threshold: String,
}

impl DayDraft {
    pub fn of(s: &SchoolSettings) -> DayDraft {
        DayDraft {
            day_start: super::timetable::hhmm(s.day_start),
            day_end: super::timetable::hhmm(s.day_end),
            attendance_threshold: s.attendance_threshold.to_string(),
        }
    }

    /// `s` with the school day and the threshold changed, or every problem.
    pub fn apply(
        &self,
        s: &SchoolSettings,
        now: Timestamp,
    ) -> Result<SchoolSettings, Problems<SettingsField>> {
        let mut p = Problems::default();
        let mut time = |field: SettingsField, what: &str, text: &str, or| {
            super::timetable::parse_time(text).unwrap_or_else(|| {
                p.push(
                    field,
                    format!(
                        "Enter when the school day {what} as a time, like {}.",
                        super::timetable::hhmm(or)
                    ),
                );
                or
            })
        };
        let day_start = time(
            SettingsField::DayStart,
            "starts",
            &self.day_start,
            super::settings::default_day_start(),
        );
        let day_end = time(
            SettingsField::DayEnd,
            "ends",
            &self.day_end,
            super::settings::default_day_end(),
        );
        let threshold = self
            .attendance_threshold
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<u32>()
            .unwrap_or_else(|_| {
                p.push(
                    SettingsField::AttendanceThreshold,
                    "Enter the attendance threshold as a whole number of per cent, like 80.",
                );
                s.attendance_threshold
            });
        let candidate = SchoolSettings {
            day_start,
            day_end,
            attendance_threshold: threshold,
            updated_at: now,
            ..s.clone()
        };
        if p.is_empty() {
            p = candidate.validate();
        }
        p.into_result().map(|()| candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::TermName;
    use jiff::civil::date;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    fn settings() -> SchoolSettings {
        SchoolSettings::new("Hillside", 2025, now())
    }

    #[test]
    fn each_part_round_trips_and_changes_only_its_own_fields() {
        let s = settings();
        assert_eq!(SchoolDraft::of(&s).apply(&s, now()).unwrap(), s);
        assert_eq!(BandsDraft::of(&s).apply(&s, now()).unwrap(), s);
        assert_eq!(FiguresDraft::of(&s).apply(&s, now()).unwrap(), s);

        let bands = BandsDraft::of(&s);
        let mut school = SchoolDraft::of(&s);
        school.school_name = "Hillside Primary".into();
        school.element2_threshold = "6,500".into();
        school.years[0].1[0].start = "02/09/2025".into();
        school.years[0].1[0].breaks = vec![("27/10/2025".into(), "31/10/2025".into())];
        let s2 = school.apply(&s, now()).unwrap();
        assert_eq!(s2.element2_threshold, Money::pounds(6500));
        let autumn = s2.years[0].term(TermName::Autumn).unwrap();
        assert_eq!(autumn.start, date(2025, 9, 2));
        assert_eq!(
            autumn.breaks,
            [DateRange::new(date(2025, 10, 27), date(2025, 10, 31))]
        );
        assert_eq!(s2.years[0].id, s.years[0].id);

        // A bands draft made before the school was saved keeps the new name.
        let mut b = bands;
        b.bands[1].0 = "1.5".into();
        let s3 = b.apply(&s2, now()).unwrap();
        assert_eq!(s3.school_name, "Hillside Primary");
        assert_eq!(s3.ratio_bands[1].min, Dec2::hundredths(150));

        let mut f = FiguresDraft::of(&s3);
        f.add_year(2026);
        let pp =
            f.0.iter()
                .find(|x| x.0 == FundingKind::PupilPremiumPrimary && x.1 == 2026)
                .unwrap();
        assert_eq!(pp.2, "1515.00");
        let s4 = f.apply(&s3, now()).unwrap();
        assert_eq!(
            s4.funding_figure(FundingKind::PupilPremiumPlus, 2026),
            Some(Money::pounds(2630))
        );
        assert_eq!(s4.ratio_bands, s3.ratio_bands);

        // The PP+ agreed with the virtual school: a row per year, empty for none.
        assert_eq!(f.1, [(2026, String::new()), (2025, String::new())]);
        assert!(s4.pp_plus_agreed.is_empty());
        f.1[1].1 = "1,500".into();
        let agreed = f.apply(&s3, now()).unwrap();
        assert_eq!(
            agreed.pp_plus_agreed,
            [crate::domain::settings::PpPlusAgreement {
                start_year: 2025,
                amount: Money::pounds(1_500)
            }]
        );
        // (only 2025-26 is set up in these settings)
        assert_eq!(FiguresDraft::of(&agreed).1, [(2025, "1500.00".to_owned())]);
        assert_eq!(
            FiguresDraft::of(&agreed).apply(&agreed, now()).unwrap(),
            agreed
        );
        f.1[1].1 = "lots".into();
        assert_eq!(
            f.apply(&s3, now()).unwrap_err().for_field(SettingsField::PpPlusAgreed),
            Some("PP+ agreed with the virtual school for 2025-26: enter an amount in pounds, like 1,500.00, or leave it empty.")
        );
        f.1[1].1 = "-1".into();
        assert_eq!(
            f.apply(&s3, now())
                .unwrap_err()
                .for_field(SettingsField::PpPlusAgreed),
            Some("The PP+ agreed with the virtual school for 2025-26 cannot be negative.")
        );

        let mut y = SchoolDraft::of(&s4);
        y.add_year();
        let s5 = y.apply(&s4, now()).unwrap();
        assert_eq!(
            s5.years.iter().map(|y| y.start_year).collect::<Vec<_>>(),
            [2025, 2026]
        );
    }

    #[test]
    fn bad_settings_say_what_and_where() {
        let s = settings();
        let mut school = SchoolDraft::of(&s);
        school.school_name = " ".into();
        school.element2_threshold = "lots".into();
        school.years[0].1[1].end = "31/02/2026".into();
        school.years[0].1[2].teaching_weeks = "twelve".into();
        let p = school.apply(&s, now()).unwrap_err();
        assert!(p.for_field(SettingsField::Element2Threshold).is_some());
        let years: Vec<&str> =
            p.0.iter()
                .filter(|e| e.field == SettingsField::Years)
                .map(|e| e.message.as_str())
                .collect();
        assert!(
            years.contains(&"2025-26 Spring term: enter the end as a date, like 01/09/2025."),
            "{years:?}"
        );
        assert!(years.contains(
            &"2025-26 Summer term: enter the teaching weeks as a whole number, like 14."
        ));
        // Once the fields read, the settings' own rules apply.
        let mut school = SchoolDraft::of(&s);
        school.school_name = " ".into();
        school.years[0].1[0].breaks = vec![("01/08/2025".into(), "02/08/2025".into())];
        let p = school.apply(&s, now()).unwrap_err();
        assert!(p.for_field(SettingsField::SchoolName).is_some());
        assert!(p
            .for_field(SettingsField::Years)
            .unwrap()
            .contains("falls outside the term"));

        let mut b = BandsDraft::of(&s);
        b.bands[2].0 = "1.0".into();
        assert_eq!(
            b.apply(&s, now())
                .unwrap_err()
                .for_field(SettingsField::RatioBands),
            Some("Ratio-gain bands must go up in order.")
        );
        b.bands[2].0 = "x".into();
        b.bands[3].1 = String::new();
        let p = b.apply(&s, now()).unwrap_err();
        assert_eq!(p.0.len(), 2);
        assert_eq!(
            p.0[0].message,
            "Band 3: enter where it starts as a ratio, like 1.4."
        );

        // The weeks before a gain is judged: a whole number from 1 to 26.
        let mut b = BandsDraft::of(&s);
        assert_eq!(b.min_weeks, "4");
        b.min_weeks = "6".into();
        assert_eq!(b.apply(&s, now()).unwrap().min_weeks_to_judge, 6);
        for (typed, problem) in [
            ("four", "Enter the weeks as a whole number, like 4."),
            (
                "0",
                "The weeks before a gain is judged must be from 1 to 26.",
            ),
            (
                "27",
                "The weeks before a gain is judged must be from 1 to 26.",
            ),
        ] {
            b.min_weeks = typed.into();
            assert_eq!(
                b.apply(&s, now())
                    .unwrap_err()
                    .for_field(SettingsField::MinWeeksToJudge),
                Some(problem),
                "{typed}"
            );
        }

        let mut f = FiguresDraft::of(&s);
        f.0[0].2 = "-5".into();
        assert!(f
            .apply(&s, now())
            .unwrap_err()
            .for_field(SettingsField::FundingFigures)
            .unwrap()
            .contains("cannot be negative"));
        f.0[0].2 = "abc".into();
        assert!(f
            .apply(&s, now())
            .unwrap_err()
            .for_field(SettingsField::FundingFigures)
            .unwrap()
            .contains("like 1515.00"));
    }

    #[test]
    fn the_school_day_and_threshold_are_typed_and_checked() {
        let s = settings();
        let d = DayDraft::of(&s);
        assert_eq!(
            (
                d.day_start.as_str(),
                d.day_end.as_str(),
                d.attendance_threshold.as_str()
            ),
            ("08:45", "15:15", "80")
        );
        assert_eq!(d.apply(&s, now()).unwrap(), s);
        let typed = DayDraft {
            day_start: " 8.50 ".into(),
            day_end: "15:20".into(),
            attendance_threshold: "75%".into(),
        };
        let s2 = typed.apply(&s, now()).unwrap();
        assert_eq!(s2.day_start, jiff::civil::time(8, 50, 0, 0));
        assert_eq!(s2.day_end, jiff::civil::time(15, 20, 0, 0));
        assert_eq!(s2.attendance_threshold, 75);
        assert_eq!(s2.school_name, s.school_name, "only its own fields");
        let bad = DayDraft {
            day_start: "soon".into(),
            day_end: "25:00".into(),
            attendance_threshold: "eighty".into(),
        };
        let p = bad.apply(&s, now()).unwrap_err();
        assert_eq!(
            p.for_field(SettingsField::DayStart),
            Some("Enter when the school day starts as a time, like 08:45.")
        );
        assert_eq!(
            p.for_field(SettingsField::DayEnd),
            Some("Enter when the school day ends as a time, like 15:15.")
        );
        assert!(p.for_field(SettingsField::AttendanceThreshold).is_some());
        let backwards = DayDraft {
            day_start: "15:00".into(),
            day_end: "09:00".into(),
            attendance_threshold: "0".into(),
        };
        let p = backwards.apply(&s, now()).unwrap_err();
        assert_eq!(
            p.for_field(SettingsField::DayEnd),
            Some("The school day must end after it starts.")
        );
        assert_eq!(
            p.for_field(SettingsField::AttendanceThreshold),
            Some("The attendance threshold must be from 1% to 100%.")
        );
    }
}
