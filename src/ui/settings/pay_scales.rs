//! Pay scale tables (support staff spine points, teachers' pay ranges):
//! the list of scales with their dated versions, and the forms that add
//! and edit a scale. A salary-based role takes its full-time salary from a
//! point (the role form); a version's points are edited in
//! [`super::scale_versions`].

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::scale_versions::{ScaleVersionForm, VersionRows};
use crate::domain::pay::{PayScale, PayScaleDraft};
use crate::domain::pay_commands::{delete_pay_scale, save_pay_scale};
use crate::domain::PayScaleField;
use crate::ui::pupils::focus_by_id;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    choice_select, draft_input, guarded_delete, problem_summary, FormProblems, InputKind,
};

/// Which form of the panel is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    NewScale,
    EditScale(Uuid),
    /// A new version of the scale.
    NewVersion(Uuid),
    /// The scale's version from a date.
    EditVersion(Uuid, jiff::civil::Date),
}

/// The school's pay scales.
#[component]
pub fn PayScalesPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let scales = Memo::new(move |_| ctx.read(|d| d.settings.pay_scales.clone()));
    let open = RwSignal::new(None::<Open>);
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="panel" aria-labelledby="pay-scales-heading" id="pay-scales">
            <h2 id="pay-scales-heading">"Pay scales"</h2>
            <p>"Optional: the school's pay scale tables (support staff spine points, teachers' pay ranges), each version from the date its salaries apply. A salary-based role can take its full-time salary from a point: its cost then follows each pay award on its date."</p>
            <Show when=move || !scales.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No pay scales yet."</p> }>
                {move || scales.get().into_iter().map(|s| view! { <ScaleCard scale=s open=open message=message /> }).collect_view()}
            </Show>
            <p class="message" role="alert" id="pay-scales-message">{move || message.get()}</p>
            <button type="button" class="primary" id="add-scale-open" aria-controls="scale-form"
                aria-expanded=move || (open.get() == Some(Open::NewScale)).to_string()
                on:click=move |_| { open.set(Some(Open::NewScale)); focus_by_id("scale-name"); }>"Add a pay scale"</button>
            {move || match open.get() {
                Some(Open::NewScale) => view! { <ScaleForm scale=None open=open /> }.into_any(),
                Some(Open::EditScale(id)) => {
                    let scale = ctx.state.data().with_untracked(|d| d.settings.pay_scale(id).cloned());
                    view! { <ScaleForm scale=scale open=open /> }.into_any()
                }
                Some(Open::NewVersion(id)) => view! { <ScaleVersionForm scale_id=id replacing=None open=open /> }.into_any(),
                Some(Open::EditVersion(id, from)) => view! { <ScaleVersionForm scale_id=id replacing=Some(from) open=open /> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// One scale: its name and kind, its versions, and its actions.
#[component]
fn ScaleCard(
    scale: PayScale,
    open: RwSignal<Option<Open>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let id = scale.id;
    let name = scale.name.clone();
    let delete = move |_| {
        guarded_delete(
            message,
            ctx.state
                .data()
                .with_untracked(|d| delete_pay_scale(d, id, Timestamp::now())),
        );
    };
    let heading_id = format!("scale-{id}-heading");
    view! {
        <article class="scale-card" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>{scale.name.clone()}" "<span class="muted">{format!("({})", scale.kind.label())}</span></h3>
            <VersionRows scale=scale.clone() open=open message=message />
            <div class="actions-row">
                <button type="button" class="secondary" id=format!("add-version-{id}")
                    aria-label=format!("Add a version of {name}")
                    on:click=move |_| { open.set(Some(Open::NewVersion(id))); focus_by_id("version-from"); }>"Add a version"</button>
                <button type="button" class="secondary" id=format!("edit-scale-{id}")
                    aria-label=format!("Rename {name}")
                    on:click=move |_| { open.set(Some(Open::EditScale(id))); focus_by_id("scale-name"); }>"Rename"</button>
                <button type="button" class="secondary" id=format!("delete-scale-{id}")
                    aria-label=format!("Delete {}", scale.name) on:click=delete>"Delete"</button>
            </div>
        </article>
    }
}

/// Add a pay scale (`scale` is `None`) or change one's name and kind.
#[component]
fn ScaleForm(scale: Option<PayScale>, open: RwSignal<Option<Open>>) -> impl IntoView {
    let ctx = AppCtx::get();
    let id = scale.as_ref().map(|s| s.id);
    let draft = RwSignal::new(scale.as_ref().map(PayScaleDraft::of).unwrap_or_default());
    let problems = FormProblems::new();
    let close = move || {
        open.set(None);
        focus_by_id(&id.map_or("add-scale-open".to_owned(), |i| format!("edit-scale-{i}")));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        match ctx
            .state
            .data()
            .with_untracked(|data| save_pay_scale(data, id, &d, Timestamp::now()))
        {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        close();
                    }
                });
            }
        }
    };
    let heading = scale.as_ref().map_or("Add a pay scale".to_owned(), |s| {
        format!("Rename {}", s.name)
    });
    view! {
        <form class="pay-form" id="scale-form" on:submit=on_submit novalidate aria-labelledby="scale-form-heading">
            {problem_summary(problems)}
            <h3 id="scale-form-heading">{heading}</h3>
            <div class="fields">
                {draft_input(draft, problems.error(PayScaleField::Name), "scale-name", "Scale name", InputKind::Text, |d: &PayScaleDraft| d.name.clone(), |d, v| d.name = v)}
                {choice_select("scale-kind", "What it is for", move || draft.with(|d| d.kind), move |k| draft.update(|d| d.kind = k))}
            </div>
            <div class="actions-row">
                <button type="submit" class="primary" id="scale-save" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if id.is_some() { "Save the scale" } else { "Add the scale" }}
                </button>
                <button type="button" class="secondary" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}
