//! Academic-year rollover: preview who moves up, who leaves and which
//! provision is copied, then apply it as one edit (undoable).

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::calendar::AcademicYear;
use crate::domain::rollover::{preview, rollover, RolloverPreview};
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::gb;

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[component]
pub fn RolloverPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let shown = RwSignal::new(None::<Result<RolloverPreview, String>>);
    let message = RwSignal::new(None::<String>);
    let latest = move || ctx.read(|d| d.settings.years.iter().map(|y| y.start_year).max());
    let make_preview = move |_| {
        message.set(None);
        let result = ctx.state.data().with_untracked(|d| {
            let from = d
                .settings
                .years
                .iter()
                .map(|y| y.start_year)
                .max()
                .ok_or("Set up an academic year first.".to_owned())?;
            preview(d, from, AcademicYear::typical(from + 1), Timestamp::now())
                .map_err(|e| e.to_string())
        });
        shown.set(Some(result));
    };
    let confirm = move |_| {
        let Some(Ok(p)) = shown.get_untracked() else {
            return;
        };
        let edit = ctx
            .state
            .data()
            .with_untracked(|d| rollover(d, &p, Timestamp::now()));
        let label = edit.label.clone();
        spawn_local(async move {
            if ctx.commit(edit).await.is_ok() {
                shown.set(None);
                message.set(Some(format!(
                    "{label}: done. Check the new year's term dates above."
                )));
            }
        });
    };
    let name = move |id: uuid::Uuid| {
        ctx.state
            .data()
            .with_untracked(|d| d.pupil(id).map(|p| p.full_name()).unwrap_or_default())
    };
    view! {
        <section class="panel" aria-labelledby="rollover-heading">
            <h2 id="rollover-heading">"Start the next academic year"</h2>
            <p class="hint">{move || latest().map_or(String::new(), |y| format!(
                "Moves pupils up a year group from {} to {}, marks pupils in the last year group as leavers and copies provision marked to run again. You will see everything before anything changes.",
                crate::domain::calendar::year_label(y), crate::domain::calendar::year_label(y + 1)))}</p>
            <button type="button" class="secondary" id="rollover-preview" on:click=make_preview>"Preview the rollover"</button>
            <p class="message" role="status">{move || message.get()}</p>
            {move || shown.get().map(|r| match r {
                Err(e) => view! { <p class="field-error" role="alert">{e}</p> }.into_any(),
                Ok(p) => view! {
                    <div class="rollover-preview" id="rollover-summary" tabindex="-1">
                        <h3>{format!("Rolling over to {}", p.new_year.label())}</h3>
                        <p>{format!("{} up a year group; {} leaving; {} copied as planned.",
                            plural(p.promotions.len(), "pupil moves", "pupils move"),
                            plural(p.leavers.len(), "pupil", "pupils"),
                            plural(p.copies.len(), "provision", "provisions"))}</p>
                        <details>
                            <summary>"Pupils moving up"</summary>
                            <ul>{p.promotions.iter().map(|(id, a, b)| view! { <li>{format!("{}: {} to {}", name(*id), a.label(), b.label())}</li> }).collect_view()}</ul>
                        </details>
                        <details>
                            <summary>"Leavers"</summary>
                            <ul>{p.leavers.iter().map(|id| view! { <li>{name(*id)}</li> }).collect_view()}</ul>
                        </details>
                        <details>
                            <summary>"Provision copied"</summary>
                            <ul>{p.copies.iter().map(|c| view! { <li>{format!("{}: {} to {}", c.name, gb(c.start), gb(c.end))}</li> }).collect_view()}</ul>
                        </details>
                        <div class="actions-row">
                            <button type="button" class="primary" id="rollover-confirm" on:click=confirm disabled=move || ctx.save.get() == SaveState::Saving>{format!("Roll over to {}", p.new_year.label())}</button>
                            <button type="button" class="secondary" on:click=move |_| shown.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}
