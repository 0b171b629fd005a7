//! One session's state and what can be done with it: "All present",
//! "Cancelled…" (with its form), "Clear", and any problem beside them.

use leptos::prelude::*;

use super::cancel::CancelForm;
use super::register::{key_id, Action, Key, Register};
use crate::domain::attendance_register::{session_label, Recorded};
use crate::ui::pupils::focus_by_id;

/// The state of session `key` and its buttons, under its heading.
#[component]
pub(super) fn SessionActions(reg: Register, key: Key) -> impl IntoView {
    let session = reg.session(key);
    let recorded = Memo::new(move |_| {
        session.with(|s| s.as_ref().map_or(Recorded::NotRecorded, |s| s.recorded()))
    });
    let state = move || match recorded.get() {
        Recorded::NotRecorded => "not-recorded",
        Recorded::Delivered { present, pupils } if present == pupils => "all-present",
        Recorded::Delivered { .. } => "delivered",
        Recorded::Cancelled { .. } => "cancelled",
    };
    let is_recorded = Memo::new(move |_| recorded.get() != Recorded::NotRecorded);
    let problem = reg.problem(key);
    let kid = key_id(key);
    let label = session_label(key.0, key.1);
    let open = move || reg.cancelling.get() == Some(key);
    let (state_id, error_id) = (format!("{kid}-state"), format!("{kid}-error"));
    let described = format!("{state_id} {error_id}");
    let all_present_id = format!("{kid}-all-present");
    let cancel_id = format!("{kid}-cancel");
    let clear_id = format!("{kid}-clear");
    let to_all_present = all_present_id.clone();
    view! {
        <td class="session-cell" data-state=state>
            <p class="session-state" id=state_id>{move || recorded.get().text()}</p>
            <div class="session-actions">
                <button type="button" class="primary" id=all_present_id
                    aria-label=format!("All present, {label}") aria-describedby=described.clone()
                    on:click=move |_| reg.act(key, Action::AllPresent)>"All present"</button>
                <button type="button" class="secondary" id=cancel_id
                    aria-label=format!("Cancelled…, {label}") aria-describedby=described.clone()
                    aria-expanded=move || if open() { "true" } else { "false" }
                    on:click=move |_| {
                        if reg.cancelling.get_untracked() == Some(key) {
                            reg.cancelling.set(None);
                        } else {
                            reg.cancelling.set(Some(key));
                            focus_by_id("cancel-reason");
                        }
                    }>"Cancelled…"</button>
                <Show when=move || is_recorded.get()>
                    <button type="button" class="secondary" id=clear_id.clone()
                        aria-label=format!("Clear, {}", session_label(key.0, key.1)) aria-describedby=described.clone()
                        on:click={
                            let to = to_all_present.clone();
                            move |_| {
                                reg.act(key, Action::Clear);
                                focus_by_id(&to);
                            }
                        }>"Clear"</button>
                </Show>
            </div>
            <p class="field-error" id=error_id role="alert">{move || problem.get()}</p>
            <Show when=open>
                <CancelForm reg=reg key=key />
            </Show>
        </td>
    }
}
