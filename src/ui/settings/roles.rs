//! Staff roles and their hourly cost: typed, from a salary, or an LA rate.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::commands::delete_role;
use crate::domain::commands::save_role;
use crate::domain::pay::rate_note;
use crate::domain::staff::{RateBasis, RoleCategory, RoleDraft, StaffRole};
use crate::domain::RoleField;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    draft_input, guarded_delete, problem_summary, today, FormProblems, InputKind,
};

use super::rate_changes::RateChanges;
use super::rate_fields::{rate_fields, ROLE_IDS};

const CATEGORIES: [(RoleCategory, &str); 4] = [
    (RoleCategory::TeachingAssistant, "Teaching assistant"),
    (RoleCategory::Teacher, "Teacher"),
    (RoleCategory::Specialist, "Specialist"),
    (RoleCategory::Other, "Other"),
];

fn category_label(c: RoleCategory) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(k, _)| *k == c)
        .map_or("Other", |(_, l)| l)
}

/// The list of roles, and the form to add or edit one.
#[component]
pub fn RolesPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let editing = RwSignal::new(None::<Uuid>);
    let message = RwSignal::new(None::<String>);
    // Each role with its hourly cost today and what its dated changes say
    // (one in the year in view, or one to come).
    let roles = Memo::new(move |_| {
        let year = ctx.year_in_view();
        let mut v = ctx.read(|d| {
            let span = year
                .and_then(|y| d.settings.year(y))
                .and_then(|y| y.range());
            let scales = &d.settings.pay_scales;
            d.roles
                .iter()
                .map(|r| {
                    let now = r
                        .hourly_on(today(), scales)
                        .map(crate::domain::money::round_pence);
                    (r.clone(), now, rate_note(r, scales, today(), span))
                })
                .collect::<Vec<_>>()
        });
        crate::domain::sort::by_key(&mut v, |r| r.0.name.to_lowercase());
        v
    });
    view! {
        <section class="panel" aria-labelledby="roles-heading">
            <h2 id="roles-heading">"Staff roles and hourly rates"</h2>
            <p>"Each role's hourly cost is what provision is costed at. Type a rate, work it out from a salary, or use your local authority's rate per weekly hour."</p>
            <Show when=move || !roles.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No roles yet. Add the roles who deliver provision (for example TA, HLTA, teacher)."</p> }>
                <div class="table-scroll">
                    <table class="roles">
                        <thead><tr>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Rate from"</th>
                            <th scope="col" class="money">"Hourly cost today"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || roles.get() key=|r| (r.0.id, r.0.updated_at, r.1, r.2.clone()) children=move |(r, now, note)| {
                                let id = r.id;
                                let name = r.name.clone();
                                let basis = match &r.rate {
                                    RateBasis::Typed { .. } => "Typed",
                                    RateBasis::Salary(s) if s.scale.is_some() => "Salary on a pay scale",
                                    RateBasis::Salary(_) => "Salary",
                                    RateBasis::LaWeeklyHour { .. } => "LA rate",
                                };
                                let delete = move |_| {
                                    guarded_delete(message, ctx.state.data().with_untracked(|d| delete_role(d, id)));
                                };
                                view! {
                                    <tr>
                                        <td>{r.name.clone()}</td>
                                        <td>{category_label(r.category)}</td>
                                        <td>{basis}</td>
                                        <td class="money">
                                            {now.map_or("No rate today".to_owned(), |m| m.to_string())}
                                            {note.map(|n| view! { <span class="rate-note" id=format!("rate-note-{id}")>{n}</span> })}
                                        </td>
                                        <td class="actions">
                                            <button type="button" class="secondary" id=format!("edit-role-{id}")
                                                aria-label=format!("Edit {name}") on:click=move |_| editing.set(Some(id))>"Edit"</button>
                                            <button type="button" class="secondary" aria-label=format!("Delete {}", r.name)
                                                on:click=delete>"Delete"</button>
                                        </td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <p class="message" role="alert">{move || message.get()}</p>
            {move || {
                let role = editing.get().and_then(|id| ctx.state.data().with_untracked(|d| d.role(id).cloned()));
                let id = role.as_ref().map(|r| r.id);
                view! {
                    <RoleForm role=role on_done=move || editing.set(None) />
                    {id.map(|id| view! { <RateChanges role_id=id /> })}
                }
            }}
        </section>
    }
}

/// Add a role (`role` is `None`) or edit one, with a live preview of the rate.
#[component]
fn RoleForm(role: Option<StaffRole>, on_done: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(role.as_ref().map(RoleDraft::of).unwrap_or_default());
    let problems = FormProblems::new();
    let is_edit = role.is_some();
    let heading = role
        .as_ref()
        .map_or("Add a role".to_owned(), |r| format!("Edit {}", r.name));
    let original = StoredValue::new(role);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let id = original.with_value(|r| r.as_ref().map(|r| r.id));
        let result = ctx
            .state
            .data()
            .with_untracked(|data| save_role(data, id, &d, Timestamp::now()));
        match result {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        draft.set(RoleDraft::default());
                        on_done();
                    }
                });
            }
        }
    };
    let err = move |f| problems.error(f);
    let input = move |id: &'static str,
                      label: &'static str,
                      field: RoleField,
                      kind: InputKind,
                      get: fn(&RoleDraft) -> String,
                      set: fn(&mut RoleDraft, String)| {
        draft_input(draft, err(field), id, label, kind, get, set)
    };
    view! {
        <form class="role-form" on:submit=on_submit novalidate aria-labelledby="role-form-heading">
            {problem_summary(problems)}
            <h3 id="role-form-heading">{heading}</h3>
            <div class="fields">
                {input("role-name", "Role name", RoleField::Name, InputKind::Text, |d| d.name.clone(), |d, v| d.name = v)}
                <div class="field">
                    <label for="role-category">"Kind of role"</label>
                    <select id="role-category"
                        prop:value=move || draft.with(|d| CATEGORIES.iter().position(|(c, _)| *c == d.category).unwrap_or(0).to_string())
                        on:change=move |ev| {
                            let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                            draft.update(|d| d.category = CATEGORIES[i.min(3)].0);
                        }>
                        {CATEGORIES.iter().enumerate().map(|(i, (_, l))| view! { <option value=i.to_string()>{*l}</option> }).collect_view()}
                    </select>
                    <p class="field-error"></p>
                </div>
            </div>
            {rate_fields(draft, problems, &ROLE_IDS)}
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if is_edit { "Save role" } else { "Add role" }}
                </button>
                {is_edit.then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| on_done()>"Cancel"</button>
                })}
            </div>
        </form>
    }
}
