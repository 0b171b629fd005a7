//! "Cancelled…": why a session did not run (a reason and an optional
//! note), recorded once the command accepts it.

use leptos::prelude::*;

use super::register::{key_id, Action, Key, Register};
use crate::domain::attendance_register::session_label;
use crate::domain::session::{CancelReason, SessionOutcome};
use crate::domain::SessionField;
use crate::ui::pupils::focus_by_id;
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::{choice_select, problem_summary, FormProblems};

#[component]
pub(super) fn CancelForm(reg: Register, key: Key) -> impl IntoView {
    let ctx = AppCtx::get();
    // A session cancelled already starts from what was recorded.
    let (was_reason, was_note) = reg
        .session(key)
        .get_untracked()
        .and_then(|s| s.record)
        .and_then(|r| match r.outcome {
            SessionOutcome::Cancelled { reason, note } => Some((reason, note)),
            SessionOutcome::Delivered { .. } => None,
        })
        .unwrap_or((CancelReason::StaffAbsence, String::new()));
    let reason = RwSignal::new(was_reason);
    let note = RwSignal::new(was_note);
    let problems = FormProblems::<SessionField>::new();
    let note_error = problems.error(SessionField::Note);
    let back_to = format!("{}-cancel", key_id(key));
    let back = back_to.clone();
    let close = move |_| {
        reg.cancelling.set(None);
        focus_by_id(&back);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let action = Action::Cancel {
            reason: reason.get_untracked(),
            note: note.get_untracked(),
        };
        match ctx
            .state
            .data()
            .with_untracked(|d| action.command(d, reg.pid, key))
        {
            Err(p) => problems.set(p),
            Ok(_) => {
                problems.clear();
                reg.cancelling.set(None);
                reg.act(key, action);
                focus_by_id(&back_to);
            }
        }
    };
    view! {
        <form class="cancel-form" on:submit=on_submit novalidate
            aria-label=format!("Cancelled: {}", session_label(key.0, key.1))>
            {problem_summary(problems)}
            {choice_select("cancel-reason", "Reason", move || reason.get(), move |r| reason.set(r))}
            <div class="field" class:has-error=move || note_error.get().is_some()>
                <label for="cancel-note">"Note (optional)"</label>
                <input id="cancel-note" type="text" autocomplete="off"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                    aria-invalid=move || note_error.get().is_some().then_some("true")
                    aria-describedby="cancel-note-error" />
                <p class="field-error" id="cancel-note-error" role="alert">{move || note_error.get()}</p>
            </div>
            <div class="actions-row">
                <button type="submit" class="primary">"Record cancelled"</button>
                <button type="button" class="secondary" on:click=close>"Back"</button>
            </div>
        </form>
    }
}
