//! Impact: ratio gains, standardised-score changes, per-provision summaries
//! and cost-effectiveness.
//!
//! Ratio gain (Brooks 2007) = months gained in reading or spelling age /
//! months elapsed between the entry and exit assessments. Months elapsed are
//! days x 12 / 365.25, exactly. Missing data or no time elapsed gives
//! [`Gain::NotEnoughData`], never a NaN or an infinity.

use uuid::Uuid;

use super::attendance::{AttendanceReport, Share};
use super::calendar::days_between;
use super::costing::{CostReport, ProvisionCost};
use super::money::{Exact, Money};
use super::provision::{Enrolment, MeasureKind};
use super::settings::SchoolSettings;

/// Why a gain cannot be worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotEnough {
    #[error("no entry assessment")]
    NoEntry,
    #[error("no exit assessment")]
    NoExit,
    #[error("entry and exit use different measures")]
    MixedMeasures,
    #[error("free-text results have no numeric gain")]
    Text,
    #[error("no time elapsed between entry and exit")]
    NoTimeElapsed,
    #[error("too soon to judge: under {weeks} weeks between entry and exit")]
    TooSoon { weeks: u32 },
    #[error("no pupil has entry and exit data")]
    NoPupils,
    #[error("no gain to divide the cost by")]
    NoGain,
}

/// One pupil's gain in one provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gain {
    /// A reading or spelling age: months gained and the ratio gain.
    Ratio {
        months_gained: i64,
        months_elapsed: Exact,
        ratio: Exact,
        band: Option<String>,
        significant: bool,
    },
    /// Any other numeric measure: exit less entry.
    Change {
        measure: MeasureKind,
        change: Exact,
    },
    NotEnoughData(NotEnough),
}

impl Gain {
    /// The gain in the measure's own units (months, points, per cent).
    pub fn units(&self) -> Option<Exact> {
        match self {
            Gain::Ratio { months_gained, .. } => {
                Some(Exact::from_integer(i128::from(*months_gained)))
            }
            Gain::Change { change, .. } => Some(*change),
            Gain::NotEnoughData(_) => None,
        }
    }
}

/// The gain recorded in an enrolment.
/// What the mean ratio gain is, said where it shows, with the school's
/// minimum weeks before a gain is judged.
pub fn ratio_gain_definition(min_weeks: u32) -> String {
    format!(
        "The mean ratio gain is the mean of each pupil's ratio gain: months gained in reading or spelling age divided by months elapsed between entry and exit (1.0 is ordinary progress; Brooks 2007). A pupil whose age fell counts in the lowest band; under {min_weeks} weeks between entry and exit is too soon to judge."
    )
}

pub fn gain(e: &Enrolment, settings: &SchoolSettings) -> Gain {
    let Some(entry) = &e.entry else {
        return Gain::NotEnoughData(NotEnough::NoEntry);
    };
    let Some(exit) = &e.exit else {
        return Gain::NotEnoughData(NotEnough::NoExit);
    };
    let kind = entry.score.kind();
    if kind != exit.score.kind() {
        return Gain::NotEnoughData(NotEnough::MixedMeasures);
    }
    let (Some(a), Some(b)) = (entry.score.numeric(), exit.score.numeric()) else {
        return Gain::NotEnoughData(NotEnough::Text);
    };
    let days = days_between(entry.date, exit.date);
    if days <= 0 && kind.is_age() {
        return Gain::NotEnoughData(NotEnough::NoTimeElapsed);
    }
    // Under the school's minimum (4 weeks unless it chose otherwise) no
    // gain can be told from the test's own noise.
    let weeks = settings.min_weeks_to_judge;
    if days < i64::from(weeks) * 7 {
        return Gain::NotEnoughData(NotEnough::TooSoon { weeks });
    }
    if !kind.is_age() {
        return Gain::Change {
            measure: kind,
            change: b - a,
        };
    }
    let months_elapsed = Exact::new(i128::from(days) * 48, 1461);
    // Ages are whole months within the score's limits, so this always fits.
    let months_gained = i64::try_from((b - a).to_integer()).unwrap_or(0);
    let ratio = Exact::from_integer(i128::from(months_gained)) / months_elapsed;
    let band = settings.band_for(ratio);
    Gain::Ratio {
        months_gained,
        months_elapsed,
        ratio,
        band: band.map(|b| b.name.clone()),
        significant: band.is_some_and(|b| b.significant),
    }
}

/// Impact of one provision, for one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionImpact {
    pub provision_id: Uuid,
    pub measure: Option<MeasureKind>,
    pub pupils_with_data: usize,
    pub pupils_without_data: usize,
    /// Mean ratio gain (ages) or mean change (other measures).
    pub mean_gain: Result<Exact, NotEnough>,
    /// Mean gain in the measure's units (months for ages).
    pub mean_units: Result<Exact, NotEnough>,
    /// Share of pupils with data whose ratio gain is significant (ages only).
    pub share_significant: Option<Exact>,
    /// Mean cost of the pupils with data.
    pub cost_per_pupil: Option<Money>,
    /// Cost per pupil per unit of gain, in pence.
    pub cost_per_unit_gain: Result<Exact, NotEnough>,
}

/// Impact of provision `provision_id` from its enrolments, with costs from `report`.
pub fn provision_impact(
    provision_id: Uuid,
    enrolments: &[&Enrolment],
    settings: &SchoolSettings,
    report: &CostReport,
) -> ProvisionImpact {
    provision_impact_of(
        provision_id,
        enrolments,
        settings,
        report.provision(provision_id),
    )
}

/// Impact of one provision from its enrolments and its cost (when it has
/// one): what a provision's own page needs, without costing the school.
pub fn provision_impact_of(
    provision_id: Uuid,
    enrolments: &[&Enrolment],
    settings: &SchoolSettings,
    cost: Option<&ProvisionCost>,
) -> ProvisionImpact {
    let gains: Vec<(&Enrolment, Gain)> =
        enrolments.iter().map(|e| (*e, gain(e, settings))).collect();
    let with: Vec<&(&Enrolment, Gain)> =
        gains.iter().filter(|(_, g)| g.units().is_some()).collect();
    // The measure most pupils have; the rest count as without data.
    let measure = {
        let mut counts: Vec<(MeasureKind, usize)> = Vec::new();
        for (e, _) in &with {
            let k = e.entry.as_ref().expect("gain has entry").score.kind();
            match counts.iter_mut().find(|(m, _)| *m == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
        counts.into_iter().max_by_key(|(_, n)| *n).map(|(m, _)| m)
    };
    let used: Vec<&(&Enrolment, Gain)> = with
        .into_iter()
        .filter(|(e, _)| Some(e.entry.as_ref().expect("entry").score.kind()) == measure)
        .collect();
    let n = used.len();
    let nn = Exact::from_integer(i128::try_from(n).expect("fits"));
    let mean = |f: &dyn Fn(&Gain) -> Exact| -> Result<Exact, NotEnough> {
        if n == 0 {
            Err(NotEnough::NoPupils)
        } else {
            Ok(used.iter().map(|(_, g)| f(g)).sum::<Exact>() / nn)
        }
    };
    let mean_gain = mean(&|g| match g {
        Gain::Ratio { ratio, .. } => *ratio,
        other => other.units().expect("has units"),
    });
    let mean_units = mean(&|g| g.units().expect("has units"));
    let share_significant = (n > 0 && measure.is_some_and(MeasureKind::is_age)).then(|| {
        let sig = used
            .iter()
            .filter(|(_, g)| {
                matches!(
                    g,
                    Gain::Ratio {
                        significant: true,
                        ..
                    }
                )
            })
            .count();
        Exact::new(
            i128::try_from(sig).expect("fits"),
            i128::try_from(n).expect("fits"),
        )
    });
    let cost_per_pupil = cost.and_then(|c| {
        let amounts: Vec<Money> = used
            .iter()
            .filter_map(|(e, _)| {
                c.shares
                    .iter()
                    .find(|s| s.enrolment_id == e.id)
                    .map(|s| s.amount)
            })
            .collect();
        (!amounts.is_empty()).then(|| {
            super::money::round_pence(
                amounts.iter().sum::<Money>().exact()
                    / Exact::from_integer(i128::try_from(amounts.len()).expect("fits")),
            )
        })
    });
    let cost_per_unit_gain = match (&mean_units, cost_per_pupil) {
        (Err(e), _) => Err(*e),
        (Ok(_), None) => Err(NotEnough::NoPupils),
        (Ok(u), Some(_)) if *u <= Exact::from_integer(0) => Err(NotEnough::NoGain),
        (Ok(u), Some(c)) => Ok(c.exact() / u),
    };
    ProvisionImpact {
        provision_id,
        measure,
        pupils_with_data: n,
        pupils_without_data: enrolments.len() - n,
        mean_gain,
        mean_units,
        share_significant,
        cost_per_pupil,
        cost_per_unit_gain,
    }
}

/// How the impact view treats the gains of pupils who attended under the
/// school's attendance threshold: marked beside the gain always, and left
/// out of the means when asked. The default keeps them in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImpactOptions {
    pub leave_out_low_attendance: bool,
}

/// A provision's impact with its pupils' attendance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendedImpact {
    pub impact: ProvisionImpact,
    /// The places whose attendance was under the threshold, and what it
    /// was: the mark beside each gain.
    pub marked: Vec<(Uuid, Share)>,
    /// How many of those were left out of `impact` (none unless asked).
    pub left_out: usize,
}

/// [`provision_impact_of`], with the places under the attendance threshold
/// (in `attendance`) marked and, if `options` ask, left out.
pub fn provision_impact_attended(
    provision_id: Uuid,
    enrolments: &[&Enrolment],
    settings: &SchoolSettings,
    cost: Option<&ProvisionCost>,
    attendance: &AttendanceReport,
    options: ImpactOptions,
) -> AttendedImpact {
    let marked: Vec<(Uuid, Share)> = enrolments
        .iter()
        .filter_map(|e| Some((e.id, attendance.below_threshold(e.id)?)))
        .collect();
    let kept: Vec<&Enrolment> = enrolments
        .iter()
        .copied()
        .filter(|e| !options.leave_out_low_attendance || !marked.iter().any(|(id, _)| *id == e.id))
        .collect();
    AttendedImpact {
        impact: provision_impact_of(provision_id, &kept, settings, cost),
        left_out: enrolments.len() - kept.len(),
        marked,
    }
}

/// The mark beside a gain whose pupil attended under the threshold:
/// "attended 75% (6 of 8), under 80%".
pub fn attendance_mark(share: Share, threshold: u32) -> String {
    format!("attended {}, under {threshold}%", share.text())
}

/// What shows beside any gain: the pupil's attendance, with the mark when
/// it is under the threshold ("attended 100% (2 of 2)"; "attended 50% (1
/// of 2), under 80%"; "no sessions yet" when none was delivered).
pub fn attendance_note(share: Share, threshold: u32) -> String {
    if share.below(threshold) {
        attendance_mark(share, threshold)
    } else if share.whole == 0 {
        share.text()
    } else {
        format!("attended {}", share.text())
    }
}

/// How many pupils' ratio gains fall in each of the school's bands, lowest
/// band first (ages only; other gains and missing data are not counted).
pub fn band_counts(enrolments: &[&Enrolment], settings: &SchoolSettings) -> Vec<(String, usize)> {
    let mut bands: Vec<(String, usize)> = {
        let mut b = settings.ratio_bands.clone();
        crate::domain::sort::by_key(&mut b, |b| b.min);
        b.into_iter().map(|b| (b.name, 0)).collect()
    };
    for e in enrolments {
        if let Gain::Ratio {
            band: Some(name), ..
        } = gain(e, settings)
        {
            if let Some(slot) = bands.iter_mut().find(|(n, _)| *n == name) {
                slot.1 += 1;
            }
        }
    }
    bands
}

/// Provisions ranked by cost per unit of gain, cheapest first, within each
/// measure (months are not comparable with score points). Those without
/// enough data are left out.
pub fn rank_cost_effectiveness(
    impacts: &[ProvisionImpact],
) -> Vec<(MeasureKind, Vec<(Uuid, Exact)>)> {
    let mut out: Vec<(MeasureKind, Vec<(Uuid, Exact)>)> = Vec::new();
    for i in impacts {
        let (Some(m), Ok(c)) = (i.measure, i.cost_per_unit_gain) else {
            continue;
        };
        match out.iter_mut().find(|(k, _)| *k == m) {
            Some((_, v)) => v.push((i.provision_id, c)),
            None => out.push((m, vec![(i.provision_id, c)])),
        }
    }
    for (_, v) in &mut out {
        crate::domain::sort::by(v, |a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_gains_are_counted_in_their_bands() {
        let s = settings();
        let a = |months: u32| {
            enrolment(
                Some((Score::ReadingAgeMonths(80), date(2025, 9, 1))),
                Some((Score::ReadingAgeMonths(80 + months), date(2026, 9, 1))),
            )
        };
        // A year elapsed: months gained / 12 is the ratio.
        let es = [a(6), a(12), a(17), a(24), a(30), a(48), a(60)];
        let mut refs: Vec<&Enrolment> = es.iter().collect();
        let text = enrolment(None, None);
        refs.push(&text);
        let counts = band_counts(&refs, &s);
        let n: Vec<usize> = counts.iter().map(|c| c.1).collect();
        // 0.5, 1.0 doubtful; 1.42 modest; 2.0, 2.5 useful; 4.0, 5.0 remarkable.
        assert_eq!(n, [2, 1, 2, 0, 2]);
        assert_eq!(counts[0].0, "Doubtful educational significance");
    }

    #[test]
    fn a_score_that_fell_or_stood_still_counts_in_the_lowest_band() {
        let s = settings();
        let over_a_year = |from: u32, to: u32| {
            enrolment(
                Some((Score::ReadingAgeMonths(from), date(2025, 9, 1))),
                Some((Score::ReadingAgeMonths(to), date(2026, 9, 1))),
            )
        };
        // 80 -> 78 months: -2 over 12 months elapsed, ratio -0.17; 80 -> 80:
        // ratio 0. Both are "doubtful", not missing from the counts.
        let fell = over_a_year(80, 78);
        let flat = over_a_year(80, 80);
        let counts = band_counts(&[&fell, &flat], &s);
        let n: Vec<usize> = counts.iter().map(|c| c.1).collect();
        assert_eq!(n, [2, 0, 0, 0, 0]);
        match gain(&fell, &s) {
            Gain::Ratio {
                months_gained,
                band,
                significant,
                ..
            } => {
                assert_eq!(months_gained, -2);
                assert_eq!(band.as_deref(), Some("Doubtful educational significance"));
                assert!(!significant);
            }
            other => panic!("a ratio gain: {other:?}"),
        }
    }
    use crate::domain::calendar::DateRange;
    use crate::domain::provision::{Assessment, Score};
    use crate::domain::quantity::Dec2;
    use jiff::civil::date;

    fn settings() -> SchoolSettings {
        SchoolSettings::new("X", 2025, "2025-08-01T00:00:00Z".parse().unwrap())
    }

    fn enrolment(
        entry: Option<(Score, jiff::civil::Date)>,
        exit: Option<(Score, jiff::civil::Date)>,
    ) -> Enrolment {
        let now = "2025-08-01T00:00:00Z".parse().unwrap();
        Enrolment {
            id: Uuid::new_v4(),
            pupil_id: Uuid::new_v4(),
            provision_id: Uuid::new_v4(),
            start: date(2025, 9, 1),
            end: date(2025, 12, 19),
            entry: entry.map(|(score, date)| Assessment { score, date }),
            exit: exit.map(|(score, date)| Assessment { score, date }),
            attendance: None,
            notes: String::new(),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn missing_or_unusable_data_is_not_enough_never_nan() {
        let s = settings();
        let d1 = date(2025, 9, 1);
        let d2 = date(2025, 12, 1);
        let ra = Score::ReadingAgeMonths;
        assert_eq!(
            gain(&enrolment(None, None), &s),
            Gain::NotEnoughData(NotEnough::NoEntry)
        );
        assert_eq!(
            gain(&enrolment(Some((ra(80), d1)), None), &s),
            Gain::NotEnoughData(NotEnough::NoExit)
        );
        assert_eq!(
            gain(
                &enrolment(Some((ra(80), d1)), Some((Score::SpellingAgeMonths(90), d2))),
                &s
            ),
            Gain::NotEnoughData(NotEnough::MixedMeasures)
        );
        assert_eq!(
            gain(
                &enrolment(
                    Some((Score::Text("a".into()), d1)),
                    Some((Score::Text("b".into()), d2))
                ),
                &s
            ),
            Gain::NotEnoughData(NotEnough::Text)
        );
        // Under four weeks: too soon to judge, whatever the measure. 27 days
        // is too soon; 28 is judged.
        let d27 = d1.checked_add(jiff::Span::new().days(27)).unwrap();
        let d28 = d1.checked_add(jiff::Span::new().days(28)).unwrap();
        assert_eq!(
            gain(&enrolment(Some((ra(80), d1)), Some((ra(85), d27))), &s),
            Gain::NotEnoughData(NotEnough::TooSoon { weeks: 4 })
        );
        let ss = |x: i64| Score::StandardisedScore(Dec2::whole(x));
        assert_eq!(
            gain(&enrolment(Some((ss(85), d1)), Some((ss(95), d27))), &s),
            Gain::NotEnoughData(NotEnough::TooSoon { weeks: 4 })
        );
        assert!(matches!(
            gain(&enrolment(Some((ss(85), d1)), Some((ss(95), d28))), &s),
            Gain::Change { .. }
        ));
        assert!(matches!(
            gain(&enrolment(Some((ra(80), d1)), Some((ra(85), d28))), &s),
            Gain::Ratio { .. }
        ));
        assert_eq!(
            NotEnough::TooSoon { weeks: 4 }.to_string(),
            "too soon to judge: under 4 weeks between entry and exit"
        );
        // A school that judges after 6 weeks: 28 days (4 weeks) is too soon,
        // 42 (6 weeks) is judged.
        let six = SchoolSettings {
            min_weeks_to_judge: 6,
            ..s.clone()
        };
        let d42 = d1.checked_add(jiff::Span::new().days(42)).unwrap();
        assert_eq!(
            gain(&enrolment(Some((ss(85), d1)), Some((ss(95), d28))), &six),
            Gain::NotEnoughData(NotEnough::TooSoon { weeks: 6 })
        );
        assert!(matches!(
            gain(&enrolment(Some((ss(85), d1)), Some((ss(95), d42))), &six),
            Gain::Change { .. }
        ));
        // Same day: zero months elapsed would divide by zero.
        assert_eq!(
            gain(&enrolment(Some((ra(80), d1)), Some((ra(85), d1))), &s),
            Gain::NotEnoughData(NotEnough::NoTimeElapsed)
        );
        assert_eq!(
            NotEnough::NoTimeElapsed.to_string(),
            "no time elapsed between entry and exit"
        );
        // A fall in reading age is a negative ratio, in the lowest band.
        match gain(&enrolment(Some((ra(80), d1)), Some((ra(78), d2))), &s) {
            Gain::Ratio {
                ratio,
                band,
                significant,
                ..
            } => {
                assert!(ratio < Exact::from_integer(0));
                assert_eq!(band.as_deref(), Some("Doubtful educational significance"));
                assert!(!significant);
            }
            other => panic!("{other:?}"),
        }
        let pct = gain(
            &enrolment(
                Some((Score::Percentage(Dec2::whole(40)), d1)),
                Some((Score::Percentage(Dec2::hundredths(5550)), d2)),
            ),
            &s,
        );
        assert_eq!(
            pct,
            Gain::Change {
                measure: MeasureKind::Percentage,
                change: Exact::new(31, 2)
            }
        );
    }

    #[test]
    fn a_provision_with_no_gain_has_no_cost_per_unit() {
        let s = settings();
        let d1 = date(2025, 9, 1);
        let d2 = date(2025, 12, 1);
        let ss = |v| Score::StandardisedScore(Dec2::whole(v));
        let a = enrolment(Some((ss(90), d1)), Some((ss(90), d2)));
        let b = enrolment(Some((ss(95), d1)), Some((ss(93), d2)));
        // A pupil with a different measure is counted as without data.
        let c = enrolment(
            Some((Score::Percentage(Dec2::whole(5)), d1)),
            Some((Score::Percentage(Dec2::whole(9)), d2)),
        );
        let data = crate::domain::dataset::Dataset::empty(s.clone());
        let report = CostReport::build(&data, DateRange::new(d1, d2));
        let id = Uuid::new_v4();
        let i = provision_impact(id, &[&a, &b, &c], &s, &report);
        assert_eq!(i.measure, Some(MeasureKind::StandardisedScore));
        assert_eq!((i.pupils_with_data, i.pupils_without_data), (2, 1));
        assert_eq!(i.mean_gain, Ok(Exact::from_integer(-1)));
        assert_eq!(i.cost_per_pupil, None, "not costed in this report");
        assert_eq!(i.cost_per_unit_gain, Err(NotEnough::NoPupils));
        assert!(rank_cost_effectiveness(&[i]).is_empty());
        let gain_units = Gain::NotEnoughData(NotEnough::NoGain).units();
        assert_eq!(gain_units, None);
    }

    #[test]
    fn gains_of_pupils_under_the_attendance_threshold_are_marked_and_can_be_left_out() {
        use crate::domain::attendance::{PlaceAttendance, ProvisionAttendance, Source, Tally};
        let s = settings();
        let d1 = date(2025, 9, 1);
        let d2 = date(2025, 12, 1);
        let ss = |v| Score::StandardisedScore(Dec2::whole(v));
        // Ann gains 10 points and attended 6 of 8 (75%); Bob gains 4 and
        // attended 9 of 10 (90%). Threshold 80%.
        let ann = enrolment(Some((ss(80), d1)), Some((ss(90), d2)));
        let bob = enrolment(Some((ss(80), d1)), Some((ss(84), d2)));
        let id = Uuid::new_v4();
        let place = |e: &Enrolment, attended, delivered| PlaceAttendance {
            enrolment_id: e.id,
            pupil_id: e.pupil_id,
            provision_id: id,
            tally: Tally {
                planned: delivered,
                delivered,
                attended,
                ..Tally::default()
            },
            source: Source::Register,
        };
        let report = AttendanceReport {
            period: DateRange::new(d1, d2),
            today: d2,
            threshold: 80,
            provisions: vec![ProvisionAttendance {
                provision_id: id,
                sessions: Tally::default(),
                places_total: Tally::default(),
                places: vec![place(&ann, 6, 8), place(&bob, 9, 10)],
                cancelled_by_reason: Default::default(),
                cancelled_cost: None,
                weeks_not_recorded: Vec::new(),
            }],
            cancelled: Vec::new(),
            cancelled_cost: Money::ZERO,
        };
        // Kept in (the default): mean change (10 + 4) / 2 = 7, Ann marked.
        let kept = provision_impact_attended(
            id,
            &[&ann, &bob],
            &s,
            None,
            &report,
            ImpactOptions::default(),
        );
        assert_eq!(kept.impact.mean_gain, Ok(Exact::from_integer(7)));
        assert_eq!(kept.marked, vec![(ann.id, Share { part: 6, whole: 8 })]);
        assert_eq!(kept.left_out, 0);
        assert_eq!(
            attendance_mark(kept.marked[0].1, report.threshold),
            "attended 75% (6 of 8), under 80%"
        );
        // Left out: Bob's 4 alone.
        let out = provision_impact_attended(
            id,
            &[&ann, &bob],
            &s,
            None,
            &report,
            ImpactOptions {
                leave_out_low_attendance: true,
            },
        );
        assert_eq!(out.impact.mean_gain, Ok(Exact::from_integer(4)));
        assert_eq!((out.impact.pupils_with_data, out.left_out), (1, 1));
        assert_eq!(out.marked.len(), 1);
        // Beside every gain: the mark under the threshold, the share above.
        assert_eq!(
            attendance_note(Share { part: 1, whole: 2 }, 80),
            "attended 50% (1 of 2), under 80%"
        );
        // 4 of 5 is 80%: not under 80%.
        assert_eq!(
            attendance_note(Share { part: 4, whole: 5 }, 80),
            "attended 80% (4 of 5)"
        );
        assert_eq!(attendance_note(Share::default(), 80), "no sessions yet");
    }
}
