//! The intervention library: the school's menu of interventions with their
//! usual delivery and costs, EEF advice beside each, and a way to start a
//! provision from one.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::advice::intervention_advice;
use crate::domain::commands::delete_intervention;
use crate::domain::commands::save_intervention;
use crate::domain::library::InterventionDraft;
use crate::domain::needs::BroadArea;
use crate::domain::provision::Intervention;
use crate::domain::InterventionField;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    choice_select, draft_input, draft_textarea, guarded_delete, problem_summary, role_choices,
    FormProblems, InputKind,
};

/// The library and the form to add an entry.
#[component]
pub fn InterventionsPage() -> impl IntoView {
    let ctx = AppCtx::get();
    let editing = RwSignal::new(None::<Uuid>);
    // The add form is opened by its button: the library comes first.
    let adding = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let rows = Memo::new(move |_| {
        ctx.read(|d| {
            let mut v: Vec<(Intervention, Vec<&'static str>, String, String)> = d
                .interventions
                .iter()
                .map(|i| {
                    let advice = intervention_advice(i, d)
                        .into_iter()
                        .map(|a| a.message())
                        .collect();
                    let tier = d
                        .settings
                        .tier(&i.tier)
                        .map_or(i.tier.clone(), |t| t.name.clone());
                    let role = i
                        .delivery
                        .role_id
                        .and_then(|r| d.role(r))
                        .map_or("Any role".to_owned(), |r| r.name.clone());
                    (i.clone(), advice, tier, role)
                })
                .collect();
            crate::domain::sort::by_key(&mut v, |a| a.0.name.to_lowercase());
            v
        })
    });
    view! {
        <div class="page-head">
            <h1>"Intervention library"</h1>
            <button type="button" class="primary" id="add-intervention-open" aria-controls="intervention-form"
                aria-expanded=move || (adding.get() && editing.get().is_none()).to_string()
                on:click=move |_| {
                    editing.set(None);
                    adding.set(true);
                    crate::ui::pupils::focus_by_id("intervention-form-heading");
                }>"Add an intervention"</button>
        </div>
        <p class="hint">"The interventions your school runs, with their usual delivery. Start a provision from one to fill in its details."</p>
        {move || {
            let done = move |id: Uuid| {
                editing.set(None);
                adding.set(false);
                crate::ui::pupils::focus_by_id(&format!("edit-intervention-{id}"));
            };
            let close = move || {
                editing.set(None);
                adding.set(false);
                crate::ui::pupils::focus_by_id("add-intervention-open");
            };
            match editing.get() {
                None => adding.get().then(|| view! { <InterventionForm existing=None on_done=done on_close=close /> }).into_any(),
                Some(id) => {
                    let existing = ctx.state.data().with_untracked(|d| d.interventions.iter().find(|i| i.id == id).cloned());
                    view! { <InterventionForm existing=existing on_done=done on_close=close /> }.into_any()
                }
            }
        }}
        <section aria-labelledby="library-heading">
            <h2 id="library-heading">"Library " <span class="count">{move || format!("({})", rows.with(Vec::len))}</span></h2>
            <p class="message" role="status">{move || message.get()}</p>
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No interventions yet. Add the first with \"Add an intervention\" above."</p> }>
                <ul class="library">
                    <For each=move || rows.get() key=|r| (r.0.id, r.0.updated_at, r.1.len(), r.2.clone(), r.3.clone()) children=move |(i, advice, tier, role)| {
                        let id = i.id;
                        let name = i.name.clone();
                        let d = i.delivery.clone();
                        let areas = i.broad_areas.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ");
                        let costs = i.fixed_costs + i.resource_costs;
                        view! {
                            <li class="library-entry panel">
                                <h3>{name.clone()}</h3>
                                {(!i.description.is_empty()).then(|| view! { <p>{i.description.clone()}</p> })}
                                <dl class="facts">
                                    <dt>"Areas of need"</dt><dd>{areas}</dd>
                                    <dt>"Tier"</dt><dd>{tier}</dd>
                                    <dt>"Usual delivery"</dt><dd>{format!(
                                        "{} × {role}, groups of {}, {} sessions a week of {} minutes, for {} weeks",
                                        d.staff_count, d.group_size, d.sessions_per_week, d.minutes_per_session, d.weeks)}</dd>
                                    <dt>"Fixed and resource costs"</dt><dd>{costs.to_string()}</dd>
                                    <dt>"Outcome measure"</dt><dd>{i.outcome_measure.label()}</dd>
                                    {(!i.evidence_note.is_empty()).then(|| view! { <dt>"Evidence"</dt><dd>{i.evidence_note.clone()}</dd> })}
                                </dl>
                                {(!advice.is_empty()).then(|| view! {
                                    <div class="notice advice" role="note" aria-label=format!("EEF advice for {name}")>
                                        <ul>{advice.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                                    </div>
                                })}
                                <div class="actions-row">
                                    <a class="button primary" href=format!("#/provisions/from/{id}")>{format!("Start a provision of {}", i.name)}</a>
                                    <button type="button" class="secondary" id=format!("edit-intervention-{id}")
                                        aria-label=format!("Edit {}", i.name)
                                        on:click=move |_| { editing.set(Some(id)); window().scroll_to_with_x_and_y(0.0, 0.0); }>"Edit"</button>
                                    <button type="button" class="secondary" aria-label=format!("Delete {}", i.name)
                                        on:click=move |_| {
                                            guarded_delete(message, ctx.state.data().with_untracked(|d| delete_intervention(d, id)));
                                        }>"Delete"</button>
                                </div>
                            </li>
                        }
                    } />
                </ul>
            </Show>
        </section>
    }
}

/// Add a library entry (`existing` is `None`) or edit one.
#[component]
fn InterventionForm(
    existing: Option<Intervention>,
    on_done: impl Fn(Uuid) + Copy + 'static,
    on_close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let is_edit = existing.is_some();
    let draft = RwSignal::new(
        existing
            .as_ref()
            .map(InterventionDraft::of)
            .unwrap_or_default(),
    );
    let original = StoredValue::new(existing);
    let problems = FormProblems::new();
    let err = move |f| problems.error(f);
    let roles = role_choices(ctx);
    let tiers = Memo::new(move |_| {
        ctx.read(|d| {
            d.settings
                .tiers
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // EEF advice on the entry as typed so far, once it reads.
    let advice = Memo::new(move |_| {
        draft
            .with(|dr| {
                dr.create(Timestamp::now()).ok().map(|i| {
                    ctx.read(|d| {
                        intervention_advice(&i, d)
                            .into_iter()
                            .map(|a| a.message())
                            .collect::<Vec<_>>()
                    })
                })
            })
            .unwrap_or_default()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = original.with_value(|o| o.as_ref().map(|i| i.id));
        let result = ctx.state.data().with_untracked(|data| {
            draft.with_untracked(|d| save_intervention(data, id, d, Timestamp::now()))
        });
        match result {
            Err(p) => {
                problems.set(p);
                crate::ui::pupils::focus_by_id("intervention-form-heading");
            }
            Ok(edit) => {
                problems.clear();
                let Some(id) = edit.saved_id() else {
                    return;
                };
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        if !is_edit {
                            draft.set(InterventionDraft::default());
                        }
                        on_done(id);
                    }
                });
            }
        }
    };
    let input = move |id: &'static str,
                      label: &'static str,
                      field: InterventionField,
                      kind: InputKind,
                      get: fn(&InterventionDraft) -> String,
                      set: fn(&mut InterventionDraft, String)| {
        draft_input(draft, err(field), id, label, kind, get, set)
    };
    let delivery_error = err(InterventionField::Delivery);
    let areas_error = err(InterventionField::BroadAreas);
    view! {
        <form class="provision-form" id="intervention-form" on:submit=on_submit novalidate aria-labelledby="intervention-form-heading">
            {problem_summary(problems)}
            <h2 id="intervention-form-heading" tabindex="-1">{if is_edit { "Edit the intervention" } else { "Add an intervention" }}</h2>
            <div class="fields">
                {input("intervention-name", "Name", InterventionField::Name, InputKind::Text, |d| d.name.clone(), |d, v| d.name = v)}
                <div class="field">
                    <label for="intervention-tier">"Tier"</label>
                    <select id="intervention-tier" prop:value=move || draft.with(|d| d.tier.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.tier = v) }>
                        {move || tiers.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                {choice_select("intervention-measure", "Outcome measure", move || draft.with(|d| d.outcome_measure), move |k| draft.update(|d| d.outcome_measure = k))}
            </div>
            <fieldset class="checks" aria-describedby="intervention-areas-error">
                <legend>"Broad areas of need"</legend>
                {BroadArea::ALL.iter().enumerate().map(|(n, a)| {
                    let a = *a;
                    let id = format!("intervention-area-{n}");
                    let for_id = id.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input id=id type="checkbox" prop:checked=move || draft.with(|d| d.broad_areas.contains(&a))
                                on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d.toggle_area(a, on)) } />
                            {a.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <p class="field-error" id="intervention-areas-error" role="alert">{move || areas_error.get()}</p>
            <fieldset class="staff-lines" aria-describedby="intervention-delivery-error">
                <legend>"Usual delivery"</legend>
                <div class="fields">
                    <div class="field">
                        <label for="intervention-role">"Staff role"</label>
                        <select id="intervention-role"
                            prop:value=move || draft.with(|d| d.role_id.map(|u| u.to_string()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.role_id = v.parse().ok()) }>
                            <option value="">"Any role"</option>
                            {move || roles.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    {input("intervention-staff", "Staff per session", InterventionField::StaffCount, InputKind::Whole, |d| d.staff_count.clone(), |d, v| d.staff_count = v)}
                    {input("intervention-group", "Group size", InterventionField::GroupSize, InputKind::Whole, |d| d.group_size.clone(), |d, v| d.group_size = v)}
                    {input("intervention-sessions", "Sessions a week", InterventionField::SessionsPerWeek, InputKind::Whole, |d| d.sessions_per_week.clone(), |d, v| d.sessions_per_week = v)}
                    {input("intervention-minutes", "Minutes per session", InterventionField::MinutesPerSession, InputKind::Whole, |d| d.minutes_per_session.clone(), |d, v| d.minutes_per_session = v)}
                    {input("intervention-weeks", "Weeks", InterventionField::Weeks, InputKind::Whole, |d| d.weeks.clone(), |d, v| d.weeks = v)}
                </div>
                <p class="field-error" id="intervention-delivery-error" role="alert">{move || delivery_error.get()}</p>
            </fieldset>
            <div class="fields">
                {input("intervention-fixed", "Fixed costs (£)", InterventionField::FixedCosts, InputKind::Decimal, |d| d.fixed_costs.clone(), |d, v| d.fixed_costs = v)}
                {input("intervention-resources", "Resource costs (£)", InterventionField::ResourceCosts, InputKind::Decimal, |d| d.resource_costs.clone(), |d, v| d.resource_costs = v)}
            </div>
            <div class="fields">
                {draft_textarea(draft, err(InterventionField::Description), "intervention-description", "Description", |d| d.description.clone(), |d, v| d.description = v)}
                {draft_textarea(draft, err(InterventionField::EvidenceNote), "intervention-evidence", "Evidence note", |d| d.evidence_note.clone(), |d, v| d.evidence_note = v)}
            </div>
            <div aria-live="polite">
                {move || { let a = advice.get(); (!a.is_empty()).then(|| view! {
                    <div class="notice advice" role="note" aria-label="EEF advice on this entry">
                        <ul>{a.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                }) }}
            </div>
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if is_edit { "Save intervention" } else { "Add intervention" }}
                </button>
                <button type="button" class="secondary" on:click=move |_| {
                    match original.with_value(|o| o.as_ref().map(|i| i.id)) {
                        Some(id) => on_done(id),
                        None => on_close(),
                    }
                }>"Cancel"</button>
            </div>
        </form>
    }
}
