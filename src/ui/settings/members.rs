//! Members of staff who deliver provision, with their hours available.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::commands::add_member;
use crate::domain::commands::delete_member;
use crate::domain::staff::MemberDraft;
use crate::domain::MemberField;
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::{
    draft_input, guarded_delete, problem_summary, role_choices, FormProblems, InputKind,
};

#[component]
pub fn MembersPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let rows = Memo::new(move |_| {
        ctx.read(|d| {
            let mut v: Vec<(Uuid, String, String, String)> = d
                .members
                .iter()
                .map(|m| {
                    let role = d
                        .role(m.role_id)
                        .map_or("(missing role)".to_owned(), |r| r.name.clone());
                    (
                        m.id,
                        m.name.clone(),
                        role,
                        m.hours_available_per_week.to_string(),
                    )
                })
                .collect();
            crate::domain::sort::by_key(&mut v, |r| r.1.to_lowercase());
            v
        })
    });
    let roles = role_choices(ctx);
    let draft = RwSignal::new(MemberDraft::default());
    let problems = FormProblems::new();
    let message = RwSignal::new(None::<String>);
    let err = move |f| problems.error(f);
    let role_error = err(MemberField::RoleId);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        match ctx
            .state
            .data()
            .with_untracked(|data| add_member(data, &d, Timestamp::now()))
        {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        draft.set(MemberDraft::default());
                    }
                });
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="members-heading">
            <h2 id="members-heading">"Staff who deliver provision"</h2>
            <p>"Optional: name the people, and the hours a week each has for provision, to see who is over-allocated."</p>
            <Show when=move || !rows.with(Vec::is_empty)>
                <div class="table-scroll">
                    <table class="members">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Role"</th>
                            <th scope="col" class="money">"Hours a week"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| r.clone() children=move |(id, name, role, hours)| {
                                let _who = name.clone();
                                view! {
                                    <tr>
                                        <td>{name.clone()}</td><td>{role}</td><td class="money">{hours}</td>
                                        <td class="actions">
                                            <button type="button" class="secondary" aria-label=format!("Delete {name}") on:click=move |_| {
                                                guarded_delete(message, ctx.state.data().with_untracked(|d| delete_member(d, id)));
                                            }>"Delete"</button>
                                        </td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <p class="message" role="alert">{move || message.get()}</p>
            <form class="role-form" on:submit=add novalidate aria-labelledby="member-form-heading">
                {problem_summary(problems)}
                <h3 id="member-form-heading">"Add a member of staff"</h3>
                <div class="fields">
                    {draft_input(draft, err(MemberField::Name), "member-name", "Name", InputKind::Text, |d| d.name.clone(), |d, v| d.name = v)}
                    <div class="field" class:has-error=move || role_error.get().is_some()>
                        <label for="member-role">"Role"</label>
                        <select id="member-role" aria-describedby="member-role-error"
                            prop:value=move || draft.with(|d| d.role_id.map(|r| r.to_string()).unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.role_id = v.parse().ok()) }>
                            <option value="">"Choose…"</option>
                            {move || roles.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                        </select>
                        <p class="field-error" id="member-role-error" role="alert">{move || role_error.get()}</p>
                    </div>
                    {draft_input(draft, err(MemberField::HoursAvailablePerWeek), "member-hours", "Hours a week for provision", InputKind::Decimal, |d| d.hours.clone(), |d, v| d.hours = v)}
                </div>
                <button type="submit" class="primary">"Add member of staff"</button>
            </form>
        </section>
    }
}
