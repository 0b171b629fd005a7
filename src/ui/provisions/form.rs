//! The form that adds a provision or edits one.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::commands::save_provision;
use crate::domain::provision::{Provision, ProvisionDraft};
use crate::domain::ProvisionField;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    choice_select, draft_input, problem_summary, role_choices, FormProblems, InputKind,
};

/// Add a provision (`provision` is `None`) or edit one.
#[component]
pub(super) fn ProvisionForm(
    provision: Option<Provision>,
    /// A filled-in draft to start a new provision from (`from_library`).
    #[prop(optional)]
    start: ProvisionDraft,
    #[prop(optional)] from_library: bool,
    on_done: impl Fn(Uuid) + Copy + 'static,
    /// Close the form without saving (a Cancel button), if it can be closed.
    #[prop(optional)]
    on_close: Option<Callback<()>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let is_edit = provision.is_some();
    let draft = RwSignal::new(provision.as_ref().map_or(start, ProvisionDraft::of));
    let original = StoredValue::new(provision);
    let problems = FormProblems::new();
    let roles = role_choices(ctx);
    let members = Memo::new(move |_| {
        ctx.read(|d| {
            d.members
                .iter()
                .map(|m| (m.id, m.role_id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let tiers = Memo::new(move |_| {
        ctx.read(|d| {
            d.settings
                .tiers
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let id = original.with_value(|p| p.as_ref().map(|p| p.id));
        let result = ctx
            .state
            .data()
            .with_untracked(|data| save_provision(data, id, &d, Timestamp::now()));
        match result {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                let Some(id) = edit.saved_id() else {
                    return;
                };
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        if !is_edit {
                            draft.set(ProvisionDraft::default());
                        }
                        on_done(id);
                    }
                });
            }
        }
    };
    let err = move |f| problems.error(f);
    let input = move |id: &'static str,
                      label: &'static str,
                      field: ProvisionField,
                      kind: InputKind,
                      get: fn(&ProvisionDraft) -> String,
                      set: fn(&mut ProvisionDraft, String)| {
        draft_input(draft, err(field), id, label, kind, get, set)
    };
    let staff_error = err(ProvisionField::Staff);
    // Redraw the staff lines only when one is added or removed, not on every keystroke.
    let lines = Memo::new(move |_| draft.with(|d| d.staff.len()));
    view! {
        <form class="provision-form" id="provision-form" on:submit=on_submit novalidate aria-labelledby="provision-form-heading">
            {problem_summary(problems)}
            <h2 id="provision-form-heading">{if is_edit { "Edit provision" } else if from_library { "Start a provision from the library" } else { "Add a provision" }}</h2>
            {from_library.then(|| view! { <p class="hint">"Filled in from the intervention library: give the dates and check the rest."</p> })}
            <div class="fields">
                {input("provision-name", "Name", ProvisionField::Name, InputKind::Text, |d| d.name.clone(), |d, v| d.name = v)}
                {choice_select("provision-area", "Broad area of need", move || draft.with(|d| d.broad_area), move |a| draft.update(|d| d.broad_area = a))}
                <div class="field">
                    <label for="provision-tier">"Tier"</label>
                    <select id="provision-tier" prop:value=move || draft.with(|d| d.tier.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.tier = v) }>
                        {move || tiers.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <p class="field-error"></p>
                </div>
            </div>
            <fieldset class="staff-lines" aria-describedby="provision-staff-error">
                <legend>"Delivered by"</legend>
                {move || (0..lines.get()).map(|i| {
                    let role_id = format!("provision-role-{i}");
                    let count_id = format!("provision-count-{i}");
                    let member_id = format!("provision-member-{i}");
                    view! {
                        <div class="staff-line">
                            <div class="field">
                                <label for=role_id.clone()>{format!("Staff role {}", i + 1)}</label>
                                <select id=role_id
                                    prop:value=move || draft.with(|d| d.staff.get(i).and_then(|l| l.0).map(|u| u.to_string()).unwrap_or_default())
                                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(l) = d.staff.get_mut(i) { l.0 = v.parse().ok() }) }>
                                    <option value="">"Choose…"</option>
                                    {move || roles.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for=member_id.clone()>{format!("Named member (optional, {})", i + 1)}</label>
                                <select id=member_id
                                    prop:value=move || draft.with(|d| d.staff.get(i).and_then(|l| l.1).map(|u| u.to_string()).unwrap_or_default())
                                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(l) = d.staff.get_mut(i) { l.1 = v.parse().ok() }) }>
                                    <option value="">"Anyone in the role"</option>
                                    {move || {
                                        let role = draft.with(|d| d.staff.get(i).and_then(|l| l.0));
                                        members.get().into_iter().filter(|(_, r, _)| Some(*r) == role)
                                            .map(|(id, _, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()
                                    }}
                                </select>
                            </div>
                            <div class="field narrow">
                                <label for=count_id.clone()>{format!("How many ({})", i + 1)}</label>
                                <input id=count_id type="number" inputmode="numeric" min="1"
                                    prop:value=move || draft.with(|d| d.staff.get(i).map(|l| l.2.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(l) = d.staff.get_mut(i) { l.2 = v }) } />
                            </div>
                            {(i > 0).then(|| view! {
                                <button type="button" class="secondary" on:click=move |_| draft.update(|d| { d.staff.remove(i); })>
                                    {format!("Remove staff line {}", i + 1)}
                                </button>
                            })}
                        </div>
                    }
                }).collect_view()}
                <button type="button" class="secondary" on:click=move |_| draft.update(|d| d.staff.push((None, None, "1".into())))>"Add another role"</button>
                <p class="field-error" id="provision-staff-error" role="alert">{move || staff_error.get()}</p>
            </fieldset>
            <div class="fields">
                {input("provision-sessions", "Sessions a week", ProvisionField::SessionsPerWeek, InputKind::Whole, |d| d.sessions_per_week.clone(), |d, v| d.sessions_per_week = v)}
                {input("provision-minutes", "Minutes per session", ProvisionField::MinutesPerSession, InputKind::Whole, |d| d.minutes_per_session.clone(), |d, v| d.minutes_per_session = v)}
                {input("provision-start", "Start date", ProvisionField::Start, InputKind::Date, |d| d.start.clone(), |d, v| d.start = v)}
                {input("provision-end", "End date", ProvisionField::End, InputKind::Date, |d| d.end.clone(), |d, v| d.end = v)}
                {input("provision-fixed", "Fixed and resource costs (£)", ProvisionField::FixedCosts, InputKind::Decimal, |d| d.fixed_costs.clone(), |d, v| d.fixed_costs = v)}
                {input("provision-group", "Planned group size", ProvisionField::PlannedGroupSize, InputKind::Whole, |d| d.planned_group_size.clone(), |d, v| d.planned_group_size = v)}
                {choice_select("provision-funding", "Charged to", move || draft.with(|d| d.funding), move |f| draft.update(|d| d.funding = f))}
                {choice_select("provision-split", "Share the cost among", move || draft.with(|d| d.split), move |c| draft.update(|d| d.split = c))}
            </div>
            <label class="check" for="provision-recurring">
                <input id="provision-recurring" type="checkbox" prop:checked=move || draft.with(|d| d.recurring)
                    on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| d.recurring = v) } />
                "Runs again next year (copied at rollover)"
            </label>
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if is_edit { "Save provision" } else { "Add provision" }}
                </button>
                {on_close.map(|close| view! {
                    <button type="button" class="secondary" on:click=move |_| close.run(())>"Cancel"</button>
                })}
            </div>
        </form>
    }
}
