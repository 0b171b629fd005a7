//! Small schools for the rules' unit tests: one typical academic year
//! (2025-26: autumn Monday 1 September to Saturday 20 December 2025, no
//! breaks), a teaching assistant role at £18.00 an hour, and helpers to add
//! staff, provisions, slots and places.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use uuid::Uuid;

use super::dataset::Dataset;
use super::money::Money;
use super::needs::{BroadArea, NeedCode, SenStatus};
use super::provision::{
    CostSplit, Enrolment, FundingSource, Provision, SchoolDay, Slot, StaffLine,
};
use super::pupil::{Pupil, PupilDraft};
use super::quantity::Dec2;
use super::settings::SchoolSettings;
use super::staff::{RateBasis, RoleCategory, StaffMember, StaffRole};

pub fn now() -> Timestamp {
    "2025-08-01T08:00:00Z".parse().unwrap()
}

/// A school with 2025-26 set up and one role, a TA at £18.00 an hour.
pub fn school() -> Dataset {
    let mut d = Dataset::empty(SchoolSettings::new("Test", 2025, now()));
    d.roles.push(StaffRole::new(
        "TA",
        RoleCategory::TeachingAssistant,
        RateBasis::Typed {
            hourly: Money::pounds(18),
        },
        now(),
    ));
    d
}

/// Add a member of staff in the school's first role; their id.
pub fn member(d: &mut Dataset, name: &str) -> Uuid {
    let m = StaffMember {
        id: Uuid::new_v4(),
        name: name.into(),
        role_id: d.roles[0].id,
        hours_available_per_week: Dec2::whole(30),
        created_at: now(),
        updated_at: now(),
    };
    let id = m.id;
    d.members.push(m);
    id
}

/// A provision of one TA (no one named), no slots.
pub fn provision(
    d: &Dataset,
    name: &str,
    sessions: u32,
    minutes: u32,
    start: Date,
    end: Date,
) -> Provision {
    Provision {
        id: Uuid::new_v4(),
        intervention_id: None,
        name: name.into(),
        broad_area: BroadArea::CognitionAndLearning,
        tier: "wave-2".into(),
        staff: vec![StaffLine {
            role_id: d.roles[0].id,
            member_id: None,
            count: 1,
        }],
        sessions_per_week: sessions,
        minutes_per_session: minutes,
        start,
        end,
        funding: FundingSource::NotionalSen,
        fixed_costs: Money::ZERO,
        slots: Vec::new(),
        planned_group_size: 4,
        split: CostSplit::ActualPupils,
        recurring: false,
        planned: false,
        created_at: now(),
        updated_at: now(),
    }
}

pub fn slot(day: SchoolDay, start: Time, room: &str) -> Slot {
    Slot {
        day,
        start,
        room: room.into(),
    }
}

/// Add a pupil on SEN support called `given` and give them a place in
/// `provision` from `start` to `end`; the pupil's id.
pub fn enrol(d: &mut Dataset, given: &str, provision: Uuid, start: Date, end: Date) -> Uuid {
    let id = match d.pupils.iter().find(|p| p.given_name == given) {
        Some(p) => p.id,
        None => {
            let mut p = Pupil::create(&PupilDraft::new(given, "Test", "Y3"), now()).unwrap();
            p.sen_status = SenStatus::SenSupport;
            p.primary_need = Some(NeedCode::Spld);
            let id = p.id;
            d.pupils.push(p);
            id
        }
    };
    let made = now()
        .checked_add(jiff::SignedDuration::from_secs(d.enrolments.len() as i64))
        .unwrap();
    d.enrolments.push(Enrolment {
        id: Uuid::new_v4(),
        pupil_id: id,
        provision_id: provision,
        start,
        end,
        entry: None,
        exit: None,
        attendance: None,
        notes: String::new(),
        created_at: made,
        updated_at: made,
    });
    id
}
