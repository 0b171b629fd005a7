//! A deterministic synthetic school for benchmarks: the same seed and size
//! always give the same dataset (ids included), with realistic spreads of
//! year groups, needs, group sizes and three academic years of history.

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use uuid::Uuid;

use super::calendar::AcademicYear;
use super::dataset::Dataset;
use super::money::Money;
use super::needs::{BroadArea, NeedCode, SenStatus};
use super::provision::{
    Assessment, CostSplit, Delivery, Enrolment, FundingSource, Intervention, MeasureKind,
    Provision, Score, StaffLine,
};
use super::pupil::{Flags, OnePageProfile, Pupil, YearGroup};
use super::quantity::Dec2;
use super::settings::{Budget, SchoolSettings};
use super::staff::{RateBasis, RoleCategory, StaffMember, StaffRole};

/// The sizes benchmarked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Medium,
    Large,
    XLarge,
}

impl Size {
    pub const ALL: [Size; 4] = [Size::Small, Size::Medium, Size::Large, Size::XLarge];

    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
            Size::XLarge => "xlarge",
        }
    }

    /// Pupils, interventions, provisions and enrolments at this size
    /// (large: 2,000 pupils, 120 interventions, 300 provisions, 6,000 enrolments).
    pub fn counts(self) -> (usize, usize, usize, usize) {
        let scale = |n: usize| match self {
            Size::Small => n / 10,
            Size::Medium => n / 2,
            Size::Large => n,
            Size::XLarge => n * 4,
        };
        (scale(2000), scale(120).max(12), scale(300), scale(6000))
    }
}

impl std::str::FromStr for Size {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Size::ALL
            .into_iter()
            .find(|z| z.name() == s)
            .ok_or_else(|| format!("no size \"{s}\" (small, medium, large, xlarge)"))
    }
}

const GIVEN: [&str; 24] = [
    "Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack", "Kai",
    "Layla", "Mia", "Noah", "Olivia", "Priya", "Quinn", "Ravi", "Sofia", "Theo", "Uma", "Vera",
    "Will", "Zoë",
];
const FAMILY: [&str; 20] = [
    "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nowak", "O'Brien", "Patel", "Roberts", "Smith", "Taylor", "Wright",
];

/// A school of `size`, the same for the same `seed`.
pub fn school(size: Size, seed: u64) -> Dataset {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut id = || Uuid::from_u64_pair(rng.u64(..), rng.u64(..));
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    let now: Timestamp = "2026-09-01T08:00:00Z".parse().expect("a time");
    let (n_pupils, n_interventions, n_provisions, n_enrolments) = size.counts();
    let mut settings = SchoolSettings::new("Synthetic Academy", 2024, now);
    settings.id = id();
    settings.years = (2024..=2026).map(AcademicYear::typical).collect();
    for y in &mut settings.years {
        y.id = id();
    }
    settings.final_year_group = YearGroup::Year(11);
    for y in 2024..=2026 {
        settings.budgets.push(Budget {
            year: crate::domain::settings::BudgetYear::Academic,
            start_year: y,
            source: FundingSource::NotionalSen,
            amount: Money::pounds(40_000 * i64::try_from(n_pupils).unwrap_or(1) / 1000 + 20_000),
        });
    }
    let role = |name: &str, category, pence: i64, id: Uuid| StaffRole {
        id,
        ..StaffRole::new(
            name,
            category,
            RateBasis::Typed {
                hourly: Money::pence(pence),
            },
            now,
        )
    };
    let roles = vec![
        role(
            "Teaching assistant",
            RoleCategory::TeachingAssistant,
            1_940,
            id(),
        ),
        role("HLTA", RoleCategory::TeachingAssistant, 2_210, id()),
        role("Teacher", RoleCategory::Teacher, 4_560, id()),
        role(
            "Speech and language therapist",
            RoleCategory::Specialist,
            6_500,
            id(),
        ),
    ];
    let members: Vec<StaffMember> = (0..(n_pupils / 50).max(2))
        .map(|i| StaffMember {
            id: id(),
            name: format!(
                "{} {}",
                GIVEN[i % GIVEN.len()],
                FAMILY[(i * 7) % FAMILY.len()]
            ),
            role_id: roles[i % 2].id,
            hours_available_per_week: Dec2::whole(25),
            created_at: now,
            updated_at: now,
        })
        .collect();
    // Needs, weighted as in the census: SLCN and SEMH most common.
    let needs = [
        (NeedCode::Slcn, 25),
        (NeedCode::Semh, 20),
        (NeedCode::Asd, 15),
        (NeedCode::Mld, 12),
        (NeedCode::Spld, 12),
        (NeedCode::Pd, 4),
        (NeedCode::Hi, 3),
        (NeedCode::Vi, 2),
        (NeedCode::Sld, 3),
        (NeedCode::Oth, 4),
    ];
    let pick_need = |r: &mut fastrand::Rng| {
        let mut x = r.u32(0..100);
        for (n, w) in needs {
            if x < w {
                return n;
            }
            x -= w;
        }
        NeedCode::Oth
    };
    let mut pupils = Vec::with_capacity(n_pupils);
    for i in 0..n_pupils {
        let year = YearGroup::year(u8::try_from(i % 11).unwrap_or(0) + 1).expect("a year");
        // About 22.5% on the SEN register; one in eight of those with a plan.
        let on = rng.u32(0..1000) < 225;
        let status = match (on, rng.u32(0..8)) {
            (false, _) => SenStatus::None,
            (true, 0) => SenStatus::Ehcp,
            (true, _) => SenStatus::SenSupport,
        };
        let primary = on.then(|| pick_need(&mut rng));
        pupils.push(Pupil {
            id: id(),
            given_name: GIVEN[rng.usize(..GIVEN.len())].into(),
            family_name: FAMILY[rng.usize(..FAMILY.len())].into(),
            year_group: year,
            year_group_history: Default::default(),
            upn: Some(synthetic_upn(i)),
            class_name: format!(
                "{}{}",
                year.code().trim_start_matches('Y'),
                ["A", "B", "C"][i % 3]
            ),
            date_of_birth: Some(
                Date::constant(2010, 1, 1)
                    .checked_add(i32::try_from(rng.u32(0..3000)).unwrap_or(0).days())
                    .expect("a date"),
            ),
            sen_status: status,
            primary_need: primary,
            secondary_need: None,
            flags: Flags {
                pupil_premium: rng.u32(0..4) == 0,
                lac: rng.u32(0..100) == 0,
                plac: false,
                service_child: rng.u32(0..50) == 0,
                eal: rng.u32(0..6) == 0,
            },
            ehcp: None,
            profile: OnePageProfile::default(),
            on_register_from: None,
            off_register_from: None,
            left_on: None,
            created_at: now,
            updated_at: now,
        });
    }
    let areas = BroadArea::ALL;
    let interventions: Vec<Intervention> = (0..n_interventions)
        .map(|i| Intervention {
            id: id(),
            name: format!("Intervention {i:03}"),
            description: String::new(),
            broad_areas: vec![areas[i % 4]],
            tier: ["wave-2", "wave-2", "wave-3"][i % 3].into(),
            delivery: Delivery {
                role_id: Some(roles[i % 4].id),
                staff_count: 1,
                group_size: [1, 2, 4, 6, 8][i % 5],
                sessions_per_week: [1, 2, 3, 5][i % 4],
                minutes_per_session: [20, 30, 45, 60][i % 4],
                weeks: [8, 10, 12, 20][i % 4],
            },
            fixed_costs: Money::pounds(i64::try_from(i % 5).unwrap_or(0) * 25),
            resource_costs: Money::ZERO,
            evidence_note: String::new(),
            outcome_measure: [
                MeasureKind::ReadingAgeMonths,
                MeasureKind::StandardisedScore,
            ][i % 2],
            created_at: now,
            updated_at: now,
        })
        .collect();
    let mut provisions = Vec::with_capacity(n_provisions);
    for i in 0..n_provisions {
        let lib = &interventions[i % interventions.len()];
        let year = &settings.years[i % 3];
        let term = &year.terms[(i / 3) % 3];
        provisions.push(Provision {
            id: id(),
            intervention_id: Some(lib.id),
            name: format!("{} ({})", lib.name, i),
            broad_area: lib.broad_areas[0],
            tier: lib.tier.clone(),
            staff: vec![StaffLine {
                role_id: lib.delivery.role_id.expect("set above"),
                member_id: None,
                count: 1,
            }],
            sessions_per_week: lib.delivery.sessions_per_week,
            minutes_per_session: lib.delivery.minutes_per_session,
            start: term.start,
            end: term.end,
            funding: if i % 7 == 0 {
                FundingSource::PupilPremium
            } else {
                FundingSource::NotionalSen
            },
            fixed_costs: lib.fixed_costs,
            slots: Vec::new(),
            planned_group_size: lib.delivery.group_size.max(1),
            split: if i % 2 == 0 {
                CostSplit::ActualPupils
            } else {
                CostSplit::PlannedGroupSize
            },
            recurring: false,
            planned: false,
            created_at: now,
            updated_at: now,
        });
    }
    // Enrolments mostly of pupils on the register, with entry and exit data.
    let register: Vec<usize> = (0..pupils.len())
        .filter(|&i| pupils[i].sen_status != SenStatus::None)
        .collect();
    let mut enrolments = Vec::with_capacity(n_enrolments);
    let mut taken = std::collections::HashSet::new();
    while enrolments.len() < n_enrolments {
        let p = &provisions[rng.usize(..provisions.len())];
        let who = if rng.u32(0..5) == 0 || register.is_empty() {
            rng.usize(..pupils.len())
        } else {
            register[rng.usize(..register.len())]
        };
        if !taken.insert((p.id, who)) {
            continue;
        }
        let reading = p.name.contains("Intervention")
            && interventions
                .iter()
                .find(|l| Some(l.id) == p.intervention_id)
                .is_some_and(|l| l.outcome_measure == MeasureKind::ReadingAgeMonths);
        let (entry, exit) = if reading {
            let a = 84 + rng.u32(0..24);
            (
                Score::ReadingAgeMonths(a),
                Score::ReadingAgeMonths(a + rng.u32(0..10)),
            )
        } else {
            let a = 7000 + i64::from(rng.u32(0..2000));
            (
                Score::StandardisedScore(Dec2::hundredths(a)),
                Score::StandardisedScore(Dec2::hundredths(a + i64::from(rng.u32(0..800)))),
            )
        };
        enrolments.push(Enrolment {
            id: id(),
            pupil_id: pupils[who].id,
            provision_id: p.id,
            start: p.start,
            end: p.end,
            entry: Some(Assessment {
                score: entry,
                date: p.start,
            }),
            exit: Some(Assessment {
                score: exit,
                date: p.end,
            }),
            attendance: None,
            notes: String::new(),
            created_at: now,
            updated_at: now,
        });
    }
    Dataset {
        settings,
        roles: roles.into(),
        members: members.into(),
        pupils: pupils.into(),
        interventions: interventions.into(),
        provisions: provisions.into(),
        enrolments: enrolments.into(),
        plans: Vec::new().into(),
        sessions: Vec::new().into(),
    }
}

/// Pupil `i`'s UPN: 12 digits from `i`, after the check letter the DfE's
/// rule gives them.
fn synthetic_upn(i: usize) -> String {
    let digits = format!("{:011}{}", i, i % 10);
    let letter = crate::domain::pupil::upn_check_letter(&format!("A{digits}"))
        .expect("digits always have a check letter");
    format!("{letter}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_valid_school() {
        let a = school(Size::Small, 7);
        assert_eq!(a, school(Size::Small, 7));
        assert_ne!(a, school(Size::Small, 8));
        assert!(a.validate().is_empty(), "{:?}", a.validate().first());
        assert_eq!(
            (a.pupils.len(), a.provisions.len(), a.enrolments.len()),
            (200, 30, 600)
        );
        let large = school(Size::Large, 1);
        assert!(
            large.validate().is_empty(),
            "{:?}",
            large.validate().first()
        );
        let on = large
            .pupils
            .iter()
            .filter(|p| p.sen_status != SenStatus::None)
            .count();
        assert!((380..=520).contains(&on), "{on} on the register");
        assert_eq!(
            (
                large.interventions.len(),
                large.provisions.len(),
                large.enrolments.len()
            ),
            (120, 300, 6000)
        );
        assert_eq!("xlarge".parse::<Size>(), Ok(Size::XLarge));
    }
}
