//! Staff roles and their hourly cost: typed, from a salary, or an LA rate.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::commands::delete_role;
use crate::domain::commands::save_role;
use crate::domain::money::{round_pence, Exact};
use crate::domain::staff::{RateBasis, RateKind, RoleCategory, RoleDraft, StaffRole};
use crate::domain::RoleField;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{draft_input, guarded_delete, problem_summary, FormProblems, InputKind};

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

fn pounds(x: Exact) -> String {
    round_pence(x).to_string()
}

/// The list of roles, and the form to add or edit one.
#[component]
pub fn RolesPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let editing = RwSignal::new(None::<Uuid>);
    let message = RwSignal::new(None::<String>);
    let roles = Memo::new(move |_| {
        let mut v = ctx.read(|d| d.roles.to_vec());
        crate::domain::sort::by_key(&mut v, |r| r.name.to_lowercase());
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
                            <th scope="col" class="money">"Hourly cost"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || roles.get() key=|r| (r.id, r.updated_at) children=move |r| {
                                let id = r.id;
                                let name = r.name.clone();
                                let basis = match &r.rate {
                                    RateBasis::Typed { .. } => "Typed",
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
                                        <td class="money">{r.hourly_display().map(|m| m.to_string())}</td>
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
                view! { <RoleForm role=role on_done=move || editing.set(None) /> }
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
    let preview = move || {
        draft.with(|d| match d.rate() {
            Ok(RateBasis::Salary(s)) => s.breakdown().map(|b| {
                format!(
                    "Paid salary {}, employer NI {}, pension {}: {} a year over {} hours with pupils = {} an hour.",
                    pounds(b.paid_salary),
                    pounds(b.employer_ni),
                    pounds(b.pension),
                    pounds(b.annual_cost),
                    crate::domain::quantity::Dec2::from_exact(b.hours_with_pupils),
                    pounds(b.hourly)
                )
            }),
            Ok(rate) => StaffRole::new("x", d.category, rate, Timestamp::UNIX_EPOCH)
                .hourly_display()
                .map(|m| format!("{m} an hour.")),
            Err(_) => None,
        })
    };
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
    let kind = move |k: RateKind| move || draft.with(|d| d.kind == k);
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
            <fieldset class="checks">
                <legend>"Work out the hourly cost from"</legend>
                {[(RateKind::Typed, "rate-typed", "A rate I type"), (RateKind::Salary, "rate-salary", "A salary"), (RateKind::LaWeeklyHour, "rate-la", "An LA rate per weekly hour")]
                    .into_iter().map(|(k, id, label)| view! {
                        <label class="check" for=id>
                            <input id=id type="radio" name="rate-kind" prop:checked=kind(k)
                                on:change=move |_| draft.update(|d| d.kind = k) />
                            {label}
                        </label>
                    }).collect_view()}
            </fieldset>
            <Show when=kind(RateKind::Typed)>
                <div class="fields">{input("rate-hourly", "Hourly rate (£)", RoleField::Hourly, InputKind::Decimal, |d| d.hourly.clone(), |d, v| d.hourly = v)}</div>
            </Show>
            <Show when=kind(RateKind::Salary)>
                <p class="hint">"Pay follows the contracted hours; the hourly rate divides the year's cost by the hours spent with pupils (not breaks, preparation or meetings)."</p>
                <div class="fields">
                    {input("salary-fte", "Full-time salary (£ a year)", RoleField::FteSalary, InputKind::Decimal, |d| d.fte_salary.clone(), |d, v| d.fte_salary = v)}
                    {input("salary-fte-hours", "Full-time hours a week", RoleField::FteHoursPerWeek, InputKind::Decimal, |d| d.fte_hours_per_week.clone(), |d, v| d.fte_hours_per_week = v)}
                    {input("salary-hours", "Contracted hours a week", RoleField::ContractedHoursPerWeek, InputKind::Decimal, |d| d.contracted_hours_per_week.clone(), |d, v| d.contracted_hours_per_week = v)}
                    {input("salary-contact-hours", "Hours a week with pupils", RoleField::ContactHoursPerWeek, InputKind::Decimal, |d| d.contact_hours_per_week.clone(), |d, v| d.contact_hours_per_week = v)}
                    {input("salary-paid-weeks", "Paid weeks a year", RoleField::PaidWeeks, InputKind::Decimal, |d| d.paid_weeks.clone(), |d, v| d.paid_weeks = v)}
                    {input("salary-working-weeks", "Weeks a year with pupils", RoleField::WorkingWeeks, InputKind::Decimal, |d| d.working_weeks.clone(), |d, v| d.working_weeks = v)}
                    {input("salary-ni", "Employer NI (%)", RoleField::NiRatePercent, InputKind::Decimal, |d| d.ni_rate_percent.clone(), |d, v| d.ni_rate_percent = v)}
                    {input("salary-ni-threshold", "NI threshold (£ a year)", RoleField::NiThreshold, InputKind::Decimal, |d| d.ni_threshold.clone(), |d, v| d.ni_threshold = v)}
                    {input("salary-pension", "Employer pension (%)", RoleField::PensionRatePercent, InputKind::Decimal, |d| d.pension_rate_percent.clone(), |d, v| d.pension_rate_percent = v)}
                </div>
            </Show>
            <Show when=kind(RateKind::LaWeeklyHour)>
                <div class="fields">
                    {input("la-amount", "LA rate per weekly hour (£ a year)", RoleField::LaPerWeeklyHour, InputKind::Decimal, |d| d.la_per_weekly_hour.clone(), |d, v| d.la_per_weekly_hour = v)}
                    {input("la-weeks", "Over this many weeks", RoleField::LaWeeks, InputKind::Decimal, |d| d.la_weeks.clone(), |d, v| d.la_weeks = v)}
                </div>
            </Show>
            <p class="preview" id="rate-preview" aria-live="polite">{preview}</p>
            <p class="field-error" id="role-rate-error" role="alert">{move || err(RoleField::Rate).get()}</p>
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
