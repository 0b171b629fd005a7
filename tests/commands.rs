//! The commands: each gives the edit a write makes (cascades included) or
//! every problem by field, and changes nothing itself.
mod support;

use jiff::Timestamp;
use uuid::Uuid;
use waymark::domain::commands::{
    delete_provision, delete_pupil, record_scores, remove_enrolment, save_pupil,
    save_pupil_details, ScoreDraft,
};
use waymark::domain::details::DetailsDraft;
use waymark::domain::edit::{Change, Kind, Record};
use waymark::domain::provision::{MeasureKind, Score};
use waymark::domain::quantity::Dec2;
use waymark::domain::{EnrolmentField, FieldName, ProvisionField, Pupil, PupilDraft, PupilField};

fn later() -> Timestamp {
    "2025-10-01T09:00:00Z".parse().unwrap()
}

/// Applying an edit's changes, then its inverse, gives the data back.
fn round_trips(data: &waymark::domain::dataset::Dataset, edit: &waymark::domain::edit::Edit) {
    let mut d = data.clone();
    d.apply(&edit.forward);
    assert_eq!(d.validate(), vec![], "the edit leaves a valid school");
    d.apply(&edit.backward);
    assert_eq!(&d, data, "the inverse undoes it");
}

#[test]
fn deleting_a_pupil_takes_their_enrolments_and_plans() {
    let data = support::sample();
    let pupil = data.pupils[0].id;
    let edit = delete_pupil(&data, pupil, later()).unwrap();
    assert_eq!(edit.label, "Delete Zoë O'Brien");
    // The sample's one pupil has one enrolment and one plan, and was
    // recorded absent from the session of 9 September: that record stays,
    // with no one absent (the cancelled session names no one).
    let mut session = data.sessions[0].clone();
    session.outcome = waymark::domain::session::SessionOutcome::Delivered { absent: vec![] };
    session.updated_at = later();
    assert_eq!(
        edit.forward,
        vec![
            Change::Delete(Kind::Enrolments, data.enrolments[0].id),
            Change::Delete(Kind::Plans, data.plans[0].id),
            Change::Put(Record::Session(session)),
            Change::Delete(Kind::Pupils, pupil),
        ]
    );
    round_trips(&data, &edit);

    let gone = delete_pupil(&data, Uuid::new_v4(), later()).unwrap_err();
    assert_eq!(
        gone.for_field(PupilField::Id),
        Some("That pupil is not on the register any more.")
    );
}

#[test]
fn deleting_a_provision_unlinks_it_from_support_plans() {
    let data = support::sample();
    let provision = data.provisions[0].id;
    let edit = delete_provision(&data, provision, later()).unwrap();
    assert_eq!(edit.label, "Delete Colourful semantics (Y4)");
    // Its one enrolment and its two recorded sessions go; the plan that
    // links to it stays, with its outcomes, and loses the link (a dangling
    // link would fail validation).
    assert_eq!(edit.forward.len(), 5);
    assert_eq!(
        edit.forward[..3],
        [
            Change::Delete(Kind::Enrolments, data.enrolments[0].id),
            Change::Delete(Kind::Sessions, data.sessions[1].id),
            Change::Delete(Kind::Sessions, data.sessions[0].id),
        ]
    );
    let Change::Put(Record::Plan(plan)) = &edit.forward[3] else {
        panic!("the plan is kept: {:?}", edit.forward[3]);
    };
    assert!(plan.provision_ids.is_empty());
    assert_eq!(plan.outcomes, data.plans[0].outcomes);
    assert_eq!(plan.updated_at, later());
    assert_eq!(edit.forward[4], Change::Delete(Kind::Provisions, provision));
    round_trips(&data, &edit);
    assert!(delete_provision(&data, Uuid::new_v4(), later())
        .unwrap_err()
        .has(ProvisionField::Id));
}

#[test]
fn removing_a_place_names_who_and_what() {
    let data = support::sample();
    let edit = remove_enrolment(&data, data.enrolments[0].id).unwrap();
    assert_eq!(
        edit.label,
        "Remove Zoë O'Brien from Colourful semantics (Y4)"
    );
    assert_eq!(
        edit.forward,
        vec![Change::Delete(Kind::Enrolments, data.enrolments[0].id)]
    );
    round_trips(&data, &edit);
    assert!(remove_enrolment(&data, Uuid::new_v4())
        .unwrap_err()
        .has(EnrolmentField::Id));
}

#[test]
fn saving_a_pupil_adds_or_edits_and_refuses_with_every_problem() {
    let data = support::sample();
    let added = save_pupil(
        &data,
        None,
        &PupilDraft::new("Ada", "Lovelace", "Y3"),
        later(),
    )
    .unwrap();
    assert_eq!(added.label, "Add Ada Lovelace");
    assert_eq!(added.forward.len(), 1);
    round_trips(&data, &added);

    // The E-to-K case: a pupil with EHC plan details made SEN support. The
    // register's form has no input for the plan's details, so the problem
    // must name its field for the form's summary.
    let zoe = &data.pupils[0];
    let mut draft = PupilDraft::of(zoe);
    draft.sen_status = "K".into();
    let refused = save_pupil(&data, Some(zoe.id), &draft, later()).unwrap_err();
    assert_eq!(refused.0.len(), 1);
    assert_eq!(refused.0[0].field, PupilField::Ehcp);
    assert_eq!(refused.0[0].field.label(), "EHC plan details");
    assert_eq!(
        refused.0[0].message,
        "EHC plan details are given but the SEN status is not E."
    );

    let mut draft = PupilDraft::of(zoe);
    draft.given_name = "Zoe".into();
    let edited = save_pupil(&data, Some(zoe.id), &draft, later()).unwrap();
    assert_eq!(edited.label, "Edit Zoe O'Brien");
    assert_eq!(
        edited.saved_id(),
        Some(zoe.id),
        "the edit names the record it saved"
    );
    round_trips(&data, &edited);

    let mut bad = PupilDraft::new("", "", "");
    bad.upn = "nope".into();
    let p = save_pupil(&data, None, &bad, later()).unwrap_err();
    for f in [
        PupilField::GivenName,
        PupilField::FamilyName,
        PupilField::YearGroup,
        PupilField::Upn,
    ] {
        assert!(p.has(f), "{f:?} not reported: {p:?}");
    }
    assert!(save_pupil(&data, Some(Uuid::new_v4()), &draft, later())
        .unwrap_err()
        .has(PupilField::Id));
}

#[test]
fn saving_details_is_one_edit_of_the_pupil() {
    let data = support::sample();
    let zoe = &data.pupils[0];
    let mut d = DetailsDraft::of(zoe);
    d.profile.strengths = "Maps".into();
    let edit = save_pupil_details(&data, zoe.id, &d, later()).unwrap();
    assert_eq!(edit.label, "Edit Zoë O'Brien's details");
    round_trips(&data, &edit);
    d.ehcp_top_up = "lots".into();
    assert!(save_pupil_details(&data, zoe.id, &d, later())
        .unwrap_err()
        .has(PupilField::EhcpTopUp));
}

#[test]
fn scores_are_read_checked_and_only_changes_saved() {
    let data = support::sample();
    let e = &data.enrolments[0];
    let p = &data.provisions[0];
    let row = ScoreDraft::of(e, p.start, p.end);
    // As stored: 82.5 on 08/09/2025, 88 on 12/12/2025.
    assert_eq!(
        (
            row.entry.as_str(),
            row.entry_date.as_str(),
            row.exit.as_str()
        ),
        ("82.5", "2025-09-08", "88")
    );
    let unchanged = record_scores(
        &data,
        p.id,
        MeasureKind::StandardisedScore,
        std::slice::from_ref(&row),
        later(),
    )
    .unwrap();
    assert!(
        unchanged.forward.is_empty(),
        "nothing changed, nothing saved"
    );

    let mut moved = row.clone();
    moved.exit = "91".into();
    let edit = record_scores(
        &data,
        p.id,
        MeasureKind::StandardisedScore,
        &[moved],
        later(),
    )
    .unwrap();
    assert_eq!(edit.label, "Enter scores for Colourful semantics (Y4)");
    let [Change::Put(Record::Enrolment(saved))] = edit.forward.as_slice() else {
        panic!("one enrolment: {:?}", edit.forward);
    };
    assert_eq!(
        saved.exit.as_ref().map(|a| a.score.clone()),
        Some(Score::StandardisedScore(Dec2::whole(91)))
    );
    assert_eq!(saved.updated_at, later());
    round_trips(&data, &edit);

    // Every problem of the row, not just the first: an unreadable entry
    // date, and an exit score out of the 40-160 range.
    let mut bad = row.clone();
    bad.entry_date = "someday".into();
    bad.exit = "200".into();
    let problems =
        record_scores(&data, p.id, MeasureKind::StandardisedScore, &[bad], later()).unwrap_err();
    assert_eq!(problems.len(), 1);
    let (id, p1) = &problems[0];
    assert_eq!(*id, e.id);
    assert_eq!(
        p1.for_field(EnrolmentField::Entry),
        Some("Entry: enter the date it was taken.")
    );
    assert_eq!(
        p1.for_field(EnrolmentField::Exit),
        Some("A standardised score must be from 40 to 160.")
    );
    let mut words = row.clone();
    words.entry = "ninety".into();
    let problems = record_scores(
        &data,
        p.id,
        MeasureKind::ReadingAgeMonths,
        &[words],
        later(),
    )
    .unwrap_err();
    assert_eq!(
        problems[0].1.for_field(EnrolmentField::Entry),
        Some("Entry: Enter the age in whole months, like 98 (8 years 2 months).")
    );
    // A row of another provision, or one removed meanwhile, is refused by id.
    let stranger = ScoreDraft {
        enrolment_id: Uuid::new_v4(),
        ..row
    };
    let problems = record_scores(
        &data,
        p.id,
        MeasureKind::StandardisedScore,
        &[stranger],
        later(),
    )
    .unwrap_err();
    assert!(problems[0].1.has(EnrolmentField::Id));
}

#[test]
fn enrolling_skips_who_is_in_it_or_gone_and_names_the_provision() {
    use waymark::domain::commands::enrol;
    let mut data = support::sample();
    let p = data.provisions[0].id;
    let zoe = data.pupils[0].id;
    let ada = Pupil::create(&PupilDraft::new("Ada", "Lovelace", "Y4"), support::now()).unwrap();
    let mut left = Pupil::create(&PupilDraft::new("Sam", "Gone", "Y4"), support::now()).unwrap();
    left.left_on = Some(jiff::civil::date(2025, 9, 1));
    data.pupils.push(ada.clone());
    data.pupils.push(left.clone());
    // Zoë is in it already, Sam has left, one id is nobody's: Ada alone.
    let e = enrol(&data, p, &[zoe, ada.id, left.id, Uuid::new_v4()], later()).unwrap();
    assert_eq!(e.skipped, 3);
    assert_eq!(e.edit.label, "Enrol 1 pupil in Colourful semantics (Y4)");
    let [Change::Put(Record::Enrolment(made))] = e.edit.forward.as_slice() else {
        panic!("one enrolment: {:?}", e.edit.forward);
    };
    assert_eq!((made.pupil_id, made.provision_id), (ada.id, p));
    assert_eq!(
        (made.start, made.end),
        (data.provisions[0].start, data.provisions[0].end)
    );
    round_trips(&data, &e.edit);
    // No one left to enrol: an edit of nothing.
    let none = enrol(&data, p, &[zoe], later()).unwrap();
    assert!(none.edit.forward.is_empty());
    assert_eq!(none.skipped, 1);
    assert!(enrol(&data, Uuid::new_v4(), &[ada.id], later())
        .unwrap_err()
        .has(EnrolmentField::ProvisionId));
}

#[test]
fn deletes_refuse_while_something_uses_the_record() {
    use waymark::domain::commands::{delete_intervention, delete_member, delete_plan, delete_role};
    use waymark::domain::{InterventionField, MemberField, PlanField, RoleField};
    let data = support::sample();
    // The sample's one role is used by its member, provision and library
    // entry; its member delivers the provision; the entry started it.
    let role = delete_role(&data, data.roles[0].id).unwrap_err();
    assert_eq!(
        role.for_field(RoleField::Id),
        Some("TA cannot be deleted. It is used by 1 provision and 1 member of staff and 1 intervention. Change those first.")
    );
    assert_eq!(
        delete_member(&data, data.members[0].id)
            .unwrap_err()
            .for_field(MemberField::Id),
        Some("Mrs Patel cannot be deleted. They deliver 1 provision. Change it first.")
    );
    assert_eq!(
        delete_intervention(&data, data.interventions[0].id)
            .unwrap_err()
            .for_field(InterventionField::Id),
        Some("Colourful semantics cannot be deleted. 1 provision was started from it.")
    );
    // Once the provision is gone, the member and the entry can go; the role
    // still has its member.
    let mut after = data.clone();
    after.apply(
        &delete_provision(&data, data.provisions[0].id, later())
            .unwrap()
            .forward,
    );
    let m = delete_member(&after, after.members[0].id).unwrap();
    assert_eq!(m.label, "Delete Mrs Patel");
    round_trips(&after, &m);
    let i = delete_intervention(&after, after.interventions[0].id).unwrap();
    assert_eq!(i.label, "Delete Colourful semantics");
    round_trips(&after, &i);
    assert!(delete_role(&after, after.roles[0].id).is_err());
    // A plan goes on its own; what is not there is refused.
    let plan = delete_plan(&data, data.plans[0].id).unwrap();
    assert_eq!(plan.label, "Delete the plan for Autumn 2025-26");
    round_trips(&data, &plan);
    assert!(delete_plan(&data, Uuid::new_v4())
        .unwrap_err()
        .has(PlanField::Id));
    assert!(delete_role(&data, Uuid::new_v4())
        .unwrap_err()
        .has(RoleField::Id));
}

#[test]
fn a_what_if_saves_the_provision_and_moves_its_enrolments() {
    use waymark::domain::commands::apply_what_if;
    use waymark::domain::whatif::WhatIfDraft;
    let data = support::sample();
    let p = &data.provisions[0];
    let mut draft = WhatIfDraft::of(&data, p);
    draft.sessions_per_week = "6".into();
    let w = draft
        .evaluate(&data, p.id, 2025, jiff::civil::date(2025, 10, 1))
        .unwrap();
    let edit = apply_what_if(&data, &w);
    assert_eq!(edit.label, "Change Colourful semantics (Y4)");
    let Change::Put(Record::Provision(changed)) = &edit.forward[0] else {
        panic!("the provision first: {:?}", edit.forward);
    };
    assert_eq!(changed.sessions_per_week, 6);
    assert_eq!(edit.forward.len(), 1 + w.enrolments.len());
    round_trips(&data, &edit);
}

#[test]
fn saving_from_each_form_adds_or_edits_one_record_with_its_label() {
    use waymark::domain::commands::{
        add_member, save_intervention, save_plan, save_provision, save_role, save_settings,
    };
    use waymark::domain::library::InterventionDraft;
    use waymark::domain::plan::PlanDraft;
    use waymark::domain::provision::ProvisionDraft;
    use waymark::domain::settings_draft::SchoolDraft;
    use waymark::domain::staff::{MemberDraft, RoleDraft};
    use waymark::domain::{InterventionField, MemberField, PlanField, RoleField, SettingsField};
    let data = support::sample();
    let one_put = |e: &waymark::domain::edit::Edit| {
        assert_eq!(e.forward.len(), 1, "{}", e.label);
        round_trips(&data, e);
    };

    let mut p = ProvisionDraft::of(&data.provisions[0]);
    p.name = "Colourful semantics (Y5)".into();
    let e = save_provision(&data, Some(data.provisions[0].id), &p, later()).unwrap();
    assert_eq!(e.label, "Edit Colourful semantics (Y5)");
    one_put(&e);
    let e = save_provision(&data, None, &p, later()).unwrap();
    assert_eq!(e.label, "Add Colourful semantics (Y5)");
    one_put(&e);
    assert!(save_provision(&data, Some(Uuid::new_v4()), &p, later())
        .unwrap_err()
        .has(ProvisionField::Id));

    let mut i = InterventionDraft::of(&data.interventions[0]);
    i.name = "Shape coding".into();
    let e = save_intervention(&data, Some(data.interventions[0].id), &i, later()).unwrap();
    assert_eq!(e.label, "Edit Shape coding");
    one_put(&e);
    i.name = String::new();
    assert!(save_intervention(&data, None, &i, later())
        .unwrap_err()
        .has(InterventionField::Name));

    let mut r = RoleDraft::of(&data.roles[0]);
    r.name = "Senior TA".into();
    let e = save_role(&data, Some(data.roles[0].id), &r, later()).unwrap();
    assert_eq!(e.label, "Edit role Senior TA");
    one_put(&e);
    r.name = String::new();
    assert!(save_role(&data, None, &r, later())
        .unwrap_err()
        .has(RoleField::Name));

    let m = MemberDraft {
        name: "Mr Jones".into(),
        role_id: Some(data.roles[0].id),
        hours: "20".into(),
    };
    let e = add_member(&data, &m, later()).unwrap();
    assert_eq!(e.label, "Add Mr Jones");
    one_put(&e);
    let stranger = MemberDraft {
        role_id: Some(Uuid::new_v4()),
        ..m
    };
    assert_eq!(
        add_member(&data, &stranger, later())
            .unwrap_err()
            .for_field(MemberField::RoleId),
        Some("Choose one of the school's roles.")
    );

    let zoe = data.pupils[0].id;
    let mut plan = PlanDraft::of(&data.plans[0]);
    plan.pupil_views = "I like maps".into();
    let e = save_plan(&data, zoe, Some(data.plans[0].id), &plan, later()).unwrap();
    assert_eq!(e.label, "Edit the plan for Autumn 2025-26");
    one_put(&e);
    // A second plan for the same term is refused (one a term).
    assert!(save_plan(&data, zoe, None, &plan, later())
        .unwrap_err()
        .has(PlanField::Term));
    assert!(save_plan(&data, Uuid::new_v4(), None, &plan, later())
        .unwrap_err()
        .has(PlanField::PupilId));

    let mut school = SchoolDraft::of(&data.settings);
    school.school_name = "Hillside Primary".into();
    let e = save_settings(
        &data,
        "School and calendar",
        |s, now| school.apply(s, now),
        later(),
    )
    .unwrap();
    assert_eq!(e.label, "School and calendar");
    one_put(&e);
    school.school_name = String::new();
    assert!(save_settings(
        &data,
        "School and calendar",
        |s, now| school.apply(s, now),
        later()
    )
    .unwrap_err()
    .has(SettingsField::SchoolName));
}

#[test]
fn budgets_are_read_checked_and_saved_only_when_changed() {
    use waymark::domain::budget_year::BudgetPeriod;
    use waymark::domain::commands::set_budget;
    use waymark::domain::money::Money;
    use waymark::domain::provision::FundingSource;
    use waymark::domain::SettingsField;
    let data = support::sample();
    // The sample's notional SEN budget for 2025-26 is £42,000.
    let same = set_budget(
        &data,
        &BudgetPeriod::academic(2025),
        FundingSource::NotionalSen,
        "42,000",
        later(),
    )
    .unwrap();
    assert!(same.forward.is_empty());
    let e = set_budget(
        &data,
        &BudgetPeriod::academic(2025),
        FundingSource::PupilPremium,
        "2,500.50",
        later(),
    )
    .unwrap();
    assert_eq!(e.label, "Set the Pupil premium budget");
    let mut d = data.clone();
    d.apply(&e.forward);
    assert_eq!(
        d.settings
            .budget(&BudgetPeriod::academic(2025), FundingSource::PupilPremium),
        Money(250_050)
    );
    // The sample's pupil premium budget for the financial year 2025-26
    // (£18,000) is another year's: it is kept, and setting it again to the
    // same amount changes nothing.
    assert_eq!(
        d.settings
            .budget(&BudgetPeriod::financial(2025), FundingSource::PupilPremium),
        Money::pounds(18_000)
    );
    let fy = set_budget(
        &data,
        &BudgetPeriod::financial(2025),
        FundingSource::PupilPremium,
        "18000",
        later(),
    )
    .unwrap();
    assert!(fy.forward.is_empty());
    round_trips(&data, &e);
    // Blank is £0, which clears a budget.
    let cleared = set_budget(
        &data,
        &BudgetPeriod::academic(2025),
        FundingSource::NotionalSen,
        " ",
        later(),
    )
    .unwrap();
    let mut d = data.clone();
    d.apply(&cleared.forward);
    assert_eq!(
        d.settings
            .budget(&BudgetPeriod::academic(2025), FundingSource::NotionalSen),
        Money::ZERO
    );
    for bad in ["lots", "-5"] {
        let p = set_budget(
            &data,
            &BudgetPeriod::academic(2025),
            FundingSource::NotionalSen,
            bad,
            later(),
        )
        .unwrap_err();
        assert!(p.has(SettingsField::Budgets), "{bad}: {p:?}");
    }
}

#[test]
fn pupils_from_a_file_are_added_in_one_edit() {
    use waymark::domain::commands::add_pupils;
    let data = support::sample();
    let ps: Vec<Pupil> = ["Ada", "Ben"]
        .iter()
        .map(|n| Pupil::create(&PupilDraft::new(n, "Smith", "Y2"), later()).unwrap())
        .collect();
    let e = add_pupils(&data, ps, "sims.csv");
    assert_eq!(e.label, "Add 2 pupils from sims.csv");
    assert_eq!(e.forward.len(), 2);
    round_trips(&data, &e);
}

/// A device whose clock is behind the record's last change (or a record
/// stamped in the future by another device) still moves the record's time
/// on: an edit's `updated_at` is the later of now and the stored time plus
/// 1 ms, so a merge never prefers the copy from before the edit.
#[test]
fn an_edit_is_always_later_than_the_record_it_changes() {
    let mut data = support::sample();
    let id = data.pupils[0].id;
    let ahead: Timestamp = "2030-01-01T00:00:00Z".parse().unwrap();
    data.pupils[0].updated_at = ahead;
    let mut draft = PupilDraft::of(&data.pupils[0]);
    draft.class_name = "5C".into();

    // The clock says 2025, behind the stored 2030: 1 ms after the stored time.
    let edit = save_pupil(&data, Some(id), &draft, later()).unwrap();
    let Change::Put(Record::Pupil(p)) = &edit.forward[0] else {
        panic!("a pupil put")
    };
    assert_eq!(p.updated_at.to_string(), "2030-01-01T00:00:00.001Z");
    assert_eq!(p.class_name, "5C");
    round_trips(&data, &edit);

    // A clock after the stored time: now.
    let after: Timestamp = "2030-02-01T00:00:00Z".parse().unwrap();
    let edit = save_pupil(&data, Some(id), &draft, after).unwrap();
    let Change::Put(Record::Pupil(p)) = &edit.forward[0] else {
        panic!("a pupil put")
    };
    assert_eq!(p.updated_at, after);

    // A clock exactly at the stored time: still 1 ms later.
    let edit = save_pupil(&data, Some(id), &draft, ahead).unwrap();
    let Change::Put(Record::Pupil(p)) = &edit.forward[0] else {
        panic!("a pupil put")
    };
    assert_eq!(p.updated_at.to_string(), "2030-01-01T00:00:00.001Z");

    // Nothing changed: nothing is stamped.
    let same = waymark::domain::edit::Edit::new(
        &data,
        "Same",
        vec![Change::Put(Record::Pupil(data.pupils[0].clone()))],
    );
    assert_eq!(
        same.forward[0],
        Change::Put(Record::Pupil(data.pupils[0].clone()))
    );
}

#[test]
fn a_upn_is_given_to_one_pupil_only() {
    let data = support::sample();
    let zoe = &data.pupils[0];
    assert_eq!(zoe.upn.as_deref(), Some("A123456789012"));
    // A new pupil with Zoë's UPN is refused, saying whose it is.
    let mut d = PupilDraft::new("Ben", "Brown", "Y4");
    d.upn = "a123456789012".into();
    let p = save_pupil(&data, None, &d, later()).unwrap_err();
    assert_eq!(
        p.for_field(PupilField::Upn),
        Some("The UPN A123456789012 is already given to Zoë O'Brien (Year 4).")
    );
    // Editing Zoë with her own UPN is fine.
    let mine = PupilDraft::of(zoe);
    assert!(save_pupil(&data, Some(zoe.id), &mine, later()).is_ok());

    // Two pupils already sharing one (stored before this check): the
    // register flags both, each page can name the other, and a whole-school
    // check (what an import runs) refuses it, saying where.
    let mut shared = data.clone();
    let mut ben = Pupil::create(&PupilDraft::new("Ben", "Brown", "Y4"), later()).unwrap();
    ben.upn = zoe.upn.clone();
    shared.pupils.push(ben.clone());
    let problems = shared.validate();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].kind, problems[0].index, problems[0].field),
        ("pupils", 1, "upn")
    );
    assert_eq!(
        problems[0].message,
        "The UPN A123456789012 is also given to Zoë O'Brien (pupils[0])."
    );
    use waymark::domain::register::{same_upn, shared_upns};
    assert_eq!(
        shared_upns(&shared.pupils).into_iter().collect::<Vec<_>>(),
        ["A123456789012"]
    );
    let others: Vec<_> = same_upn(&shared.pupils, &ben)
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(others, [zoe.id]);
    use waymark::domain::register::{register, RegisterFilter, SortDirection, SortKey};
    let rows = |pupils: &[Pupil]| {
        register(
            pupils,
            &Default::default(),
            waymark::domain::Money::pounds(6_000),
            &RegisterFilter::default(),
            SortKey::Name,
            SortDirection::Ascending,
            jiff::civil::date(2025, 10, 1),
        )
        .rows
        .into_iter()
        .map(|r| (r.name, r.shared_upn))
        .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&shared.pupils),
        [
            ("Ben Brown".to_owned(), true),
            ("Zoë O'Brien".to_owned(), true)
        ]
    );
    assert_eq!(rows(&data.pupils), [("Zoë O'Brien".to_owned(), false)]);
    // Editing Ben's name while the clash stands is allowed (it is flagged,
    // not made worse); giving him another pupil's UPN is not.
    let mut rename = PupilDraft::of(&ben);
    rename.given_name = "Benjamin".into();
    assert!(save_pupil(&shared, Some(ben.id), &rename, later()).is_ok());
}

/// Issue 16, point 7: a write states the version of every record it
/// replaces, as this tab read it, so the store can refuse it if another
/// tab saved that record since.
#[test]
fn an_edit_knows_the_versions_it_replaces() {
    use waymark::domain::edit::{Change, Kind, Record};
    let data = support::sample();
    let zoe = data.pupils[0].clone();
    let mut renamed = zoe.clone();
    renamed.given_name = "Zoe".into();
    let newcomer = Pupil::create(&PupilDraft::new("Nia", "Jones", "Y1"), later()).unwrap();
    let changes = vec![
        Change::Put(Record::Pupil(renamed.clone())),
        Change::Put(Record::Pupil(renamed)),
        Change::Put(Record::Pupil(newcomer.clone())),
        Change::Delete(Kind::Provisions, data.provisions[0].id),
    ];
    let v = data.versions_read(&changes, true);
    // Once each: Zoë as read, the newcomer not there at all, the provision
    // as read.
    assert_eq!(v.len(), 3);
    assert_eq!(v[0].updated_at, Some(zoe.updated_at));
    assert_eq!(v[0].describe, "Pupil Zoë O'Brien");
    assert_eq!(v[1].updated_at, None);
    assert_eq!(v[2].updated_at, Some(data.provisions[0].updated_at));
    // Another tab saved Zoë a second later: no longer the version read.
    let theirs = zoe
        .updated_at
        .checked_add(jiff::SignedDuration::from_secs(1))
        .unwrap();
    assert!(v[0].still_stored(Some(zoe.updated_at)));
    assert!(!v[0].still_stored(Some(theirs)));
    // Another tab added the "new" pupil first, or deleted Zoë: refused too.
    assert!(!v[1].still_stored(Some(theirs)));
    assert!(!v[0].still_stored(None));
    // This tab's own save of Zoë, stored before the edit it made next was
    // applied here, is no conflict; another tab's is.
    let mut ours = v[0].clone();
    ours.own_write = Some(Some(theirs));
    assert!(ours.still_stored(Some(theirs)));
    let other = theirs
        .checked_add(jiff::SignedDuration::from_secs(1))
        .unwrap();
    assert!(!ours.still_stored(Some(other)));
    // Settings never saved are read as absent, whatever the defaults say.
    let s = vec![Change::Put(Record::Settings(data.settings.clone()))];
    assert_eq!(data.versions_read(&s, false)[0].updated_at, None);
    assert_eq!(
        data.versions_read(&s, true)[0].updated_at,
        Some(data.settings.updated_at)
    );
}

#[test]
fn a_provisions_slots_are_set_in_order_and_refused_with_reasons() {
    use jiff::civil::time;
    use waymark::domain::commands::{set_slots, SlotDraft};
    use waymark::domain::provision::SchoolDay;
    let data = support::sample();
    let id = data.provisions[0].id;
    // The sample runs 3 sessions a week, on Tuesdays at 10:45 (Library).
    let mut slots: Vec<SlotDraft> = data.provisions[0].slots.iter().map(SlotDraft::of).collect();
    assert_eq!(slots[0].start, "10:45");
    let same = set_slots(&data, id, &slots, later()).unwrap();
    assert!(same.forward.is_empty(), "nothing changed");
    // Thursday at 9.30 in the hall, typed first: kept in day order.
    slots.insert(
        0,
        SlotDraft {
            day: SchoolDay::Thursday,
            start: "9.30".into(),
            room: " Hall ".into(),
        },
    );
    let edit = set_slots(&data, id, &slots, later()).unwrap();
    assert_eq!(edit.label, "Timetable Colourful semantics (Y4)");
    let Change::Put(Record::Provision(p)) = &edit.forward[0] else {
        panic!("{:?}", edit.forward);
    };
    let got: Vec<(SchoolDay, jiff::civil::Time, &str)> = p
        .slots
        .iter()
        .map(|s| (s.day, s.start, s.room.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (SchoolDay::Tuesday, time(10, 45, 0, 0), "Library"),
            (SchoolDay::Thursday, time(9, 30, 0, 0), "Hall")
        ]
    );
    assert_eq!(p.updated_at, later());
    round_trips(&data, &edit);
    // Before the school day is allowed (the timetable flags it).
    let early = [SlotDraft {
        day: SchoolDay::Monday,
        start: "07:30".into(),
        room: String::new(),
    }];
    assert!(set_slots(&data, id, &early, later()).is_ok());
    // A time that does not read, two at one time, more than 3.
    let bad = [SlotDraft {
        day: SchoolDay::Monday,
        start: "half ten".into(),
        room: String::new(),
    }];
    assert_eq!(
        set_slots(&data, id, &bad, later())
            .unwrap_err()
            .for_field(ProvisionField::Slots),
        Some("Slot 1 (Monday): enter the start time as a time, like 10:45.")
    );
    let twice = [slots[1].clone(), slots[1].clone()];
    assert_eq!(
        set_slots(&data, id, &twice, later())
            .unwrap_err()
            .for_field(ProvisionField::Slots),
        Some("Two timetable slots are on the same day at the same time.")
    );
    let four: Vec<SlotDraft> = [
        SchoolDay::Monday,
        SchoolDay::Tuesday,
        SchoolDay::Wednesday,
        SchoolDay::Friday,
    ]
    .into_iter()
    .map(|day| SlotDraft {
        day,
        start: "13:00".into(),
        room: String::new(),
    })
    .collect();
    assert_eq!(
        set_slots(&data, id, &four, later())
            .unwrap_err()
            .for_field(ProvisionField::Slots),
        Some("There are more timetable slots than sessions a week.")
    );
    assert!(set_slots(&data, Uuid::new_v4(), &slots, later())
        .unwrap_err()
        .has(ProvisionField::Id));
}

#[test]
fn a_slot_form_adds_the_next_day_and_shows_each_slots_problem_beside_it() {
    use waymark::domain::commands::{next_slot, set_slots, SlotDraft, SlotProblems};
    use waymark::domain::provision::SchoolDay;
    let slot = |day, start: &str, room: &str| SlotDraft {
        day,
        start: start.into(),
        room: room.into(),
    };
    // The first slot: Monday, no time yet.
    assert_eq!(next_slot(&[]), slot(SchoolDay::Monday, "", ""));
    // After Tuesday 10:45 in the library: Wednesday 10:45 in the library;
    // after Friday: Monday.
    let tue = slot(SchoolDay::Tuesday, "10:45", "Library");
    assert_eq!(
        next_slot(std::slice::from_ref(&tue)),
        slot(SchoolDay::Wednesday, "10:45", "Library")
    );
    assert_eq!(
        next_slot(&[slot(SchoolDay::Friday, "13:00", "")]),
        slot(SchoolDay::Monday, "13:00", "")
    );
    // The sample runs 3 a week. Slot 2 does not read, and 2 and 3 would
    // not be told apart if they did: slot 2's problem is beside slot 2;
    // the two-at-once problem (slots 1 and 3) is under them all.
    let data = support::sample();
    let id = data.provisions[0].id;
    let typed = [
        tue.clone(),
        slot(SchoolDay::Monday, "nine", ""),
        tue.clone(),
    ];
    let p = set_slots(&data, id, &typed, later()).unwrap_err();
    let messages: Vec<String> = p.0.iter().map(|e| e.message.clone()).collect();
    assert_eq!(
        messages,
        ["Slot 2 (Monday): enter the start time as a time, like 10:45."]
    );
    let shown = SlotProblems::of(&typed, &messages);
    assert_eq!(
        shown.each,
        [
            None,
            Some("Slot 2 (Monday): enter the start time as a time, like 10:45.".to_owned()),
            None
        ]
    );
    assert!(shown.together.is_empty());
    let twice = [tue.clone(), tue];
    let p = set_slots(&data, id, &twice, later()).unwrap_err();
    let messages: Vec<String> = p.0.iter().map(|e| e.message.clone()).collect();
    let shown = SlotProblems::of(&twice, &messages);
    assert_eq!(shown.each, [None, None]);
    assert_eq!(
        shown.together,
        ["Two timetable slots are on the same day at the same time."]
    );
}

#[test]
fn a_session_is_recorded_once_with_who_was_absent_or_why_it_was_cancelled() {
    use jiff::civil::{date, time};
    use waymark::domain::commands::{cancel_session, clear_session, record_session};
    use waymark::domain::session::{CancelReason, SessionOutcome};
    use waymark::domain::SessionField;
    let data = support::sample();
    let p = data.provisions[0].id;
    let zoe = data.pupils[0].id;
    let at = time(10, 45, 0, 0);
    // Tuesday 23 September 2025: Zoë absent.
    let edit = record_session(&data, p, date(2025, 9, 23), at, &[zoe, zoe], later()).unwrap();
    assert_eq!(
        edit.label,
        "Register Colourful semantics (Y4) on 23/09/2025 at 10:45: 1 absent"
    );
    let Change::Put(Record::Session(r)) = &edit.forward[0] else {
        panic!("{:?}", edit.forward);
    };
    assert_eq!(r.outcome, SessionOutcome::Delivered { absent: vec![zoe] });
    assert_eq!((r.created_at, r.updated_at), (later(), later()));
    round_trips(&data, &edit);
    // All present, in one tap: the same record, now with no one absent.
    let mut d = data.clone();
    d.apply(&edit.forward);
    let again = record_session(&d, p, date(2025, 9, 23), at, &[], later()).unwrap();
    let Change::Put(Record::Session(r2)) = &again.forward[0] else {
        panic!("{:?}", again.forward);
    };
    assert_eq!(r2.id, r.id);
    assert!(again.label.ends_with("all present"));
    // The sample's record of 9 September, Zoë absent, recorded again as
    // it is: nothing changes.
    let same = record_session(&data, p, date(2025, 9, 9), at, &[zoe], later()).unwrap();
    assert!(same.forward.is_empty());

    // Refused: the half term (Tuesday 28 October), after the provision
    // ends (Tuesday 16 December), a pupil with no place.
    let half_term = record_session(&data, p, date(2025, 10, 28), at, &[], later()).unwrap_err();
    assert_eq!(
        half_term.for_field(SessionField::Date),
        Some("28/10/2025 is not a school day (a weekend, a holiday or a break in the terms set up in Settings).")
    );
    let after = record_session(&data, p, date(2025, 12, 16), at, &[], later()).unwrap_err();
    assert_eq!(
        after.for_field(SessionField::Date),
        Some("Colourful semantics (Y4) runs from 08/09/2025 to 12/12/2025: 16/12/2025 is outside it.")
    );
    let mut left = data.clone();
    left.pupils[0].left_on = Some(date(2025, 10, 1));
    let gone = record_session(&left, p, date(2025, 10, 7), at, &[zoe], later()).unwrap_err();
    assert_eq!(
        gone.for_field(SessionField::Absent),
        Some("Zoë O'Brien had no place in Colourful semantics (Y4) on 07/10/2025.")
    );

    // Cancelled for a trip: the sample's staff-absence record of 16
    // September becomes a trip.
    let trip = cancel_session(
        &data,
        p,
        date(2025, 9, 16),
        at,
        CancelReason::Trip,
        " Harvest festival ",
        later(),
    )
    .unwrap();
    assert_eq!(
        trip.label,
        "Register Colourful semantics (Y4) on 16/09/2025 at 10:45: cancelled (trip or event)"
    );
    let Change::Put(Record::Session(t)) = &trip.forward[0] else {
        panic!("{:?}", trip.forward);
    };
    assert_eq!(t.id, data.sessions[1].id);
    assert_eq!(
        t.outcome,
        SessionOutcome::Cancelled {
            reason: CancelReason::Trip,
            note: "Harvest festival".into()
        }
    );
    round_trips(&data, &trip);

    let clear = clear_session(&data, data.sessions[0].id).unwrap();
    assert_eq!(
        clear.forward,
        vec![Change::Delete(Kind::Sessions, data.sessions[0].id)]
    );
    assert_eq!(
        clear.label,
        "Clear the register of Colourful semantics (Y4) on 09/09/2025"
    );
    assert!(clear_session(&data, Uuid::new_v4())
        .unwrap_err()
        .has(SessionField::Id));
}
