//! Staff capacity: weekly hours the provision map asks of each role and
//! member of staff, against the hours they have.

use jiff::civil::Date;
use std::collections::BTreeMap;
use uuid::Uuid;

use super::dataset::Dataset;
use super::money::Exact;

/// Demand against availability, in minutes a week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Load {
    pub demanded_minutes: u64,
    /// `None` when nobody in the role has hours recorded.
    pub available_minutes: Option<Exact>,
}

impl Load {
    pub fn over_allocated(&self) -> bool {
        self.available_minutes
            .is_some_and(|a| Exact::from_integer(i128::from(self.demanded_minutes)) > a)
    }

    /// Demanded hours a week, exactly.
    pub fn demanded_hours(&self) -> Exact {
        Exact::new(i128::from(self.demanded_minutes), 60)
    }
}

/// Weekly load by role and by member for the provisions running on `on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capacity {
    pub by_role: BTreeMap<Uuid, Load>,
    pub by_member: BTreeMap<Uuid, Load>,
}

impl Capacity {
    pub fn over_allocated_members(&self) -> Vec<Uuid> {
        self.by_member
            .iter()
            .filter(|(_, l)| l.over_allocated())
            .map(|(id, _)| *id)
            .collect()
    }

    pub fn over_allocated_roles(&self) -> Vec<Uuid> {
        self.by_role
            .iter()
            .filter(|(_, l)| l.over_allocated())
            .map(|(id, _)| *id)
            .collect()
    }
}

/// Weekly staff minutes demanded by every provision running on `on`.
pub fn capacity(data: &Dataset, on: Date) -> Capacity {
    let mut by_role: BTreeMap<Uuid, Load> = BTreeMap::new();
    let mut by_member: BTreeMap<Uuid, Load> = BTreeMap::new();
    let sixty = Exact::from_integer(60);
    for r in &data.roles {
        let hours: Vec<Exact> = data
            .members
            .iter()
            .filter(|m| m.role_id == r.id)
            .map(|m| m.hours_available_per_week.exact() * sixty)
            .collect();
        let available = (!hours.is_empty()).then(|| hours.iter().sum());
        by_role.insert(
            r.id,
            Load {
                demanded_minutes: 0,
                available_minutes: available,
            },
        );
    }
    for m in &data.members {
        by_member.insert(
            m.id,
            Load {
                demanded_minutes: 0,
                available_minutes: Some(m.hours_available_per_week.exact() * sixty),
            },
        );
    }
    for p in data.provisions.iter().filter(|p| p.range().contains(on)) {
        for l in &p.staff {
            // Saturating: a record from before the limits could hold any
            // count (within them this is at most 10 x 480 x 35).
            let minutes = u64::from(l.count)
                .saturating_mul(u64::from(p.minutes_per_session))
                .saturating_mul(u64::from(p.sessions_per_week));
            let load = by_role.entry(l.role_id).or_insert(Load {
                demanded_minutes: 0,
                available_minutes: None,
            });
            load.demanded_minutes = load.demanded_minutes.saturating_add(minutes);
            if let Some(m) = l.member_id {
                // A named member delivers one place of the line.
                let per_person =
                    u64::from(p.minutes_per_session).saturating_mul(u64::from(p.sessions_per_week));
                let load = by_member.entry(m).or_insert(Load {
                    demanded_minutes: 0,
                    available_minutes: None,
                });
                load.demanded_minutes = load.demanded_minutes.saturating_add(per_person);
            }
        }
    }
    Capacity { by_role, by_member }
}
