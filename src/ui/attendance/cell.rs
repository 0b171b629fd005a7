//! One pupil at one session: a large toggle (present or absent) at a
//! session recorded as delivered; what is recorded, as text, otherwise.

use leptos::prelude::*;
use uuid::Uuid;

use super::register::{key_id, Action, Key, Register};
use crate::domain::attendance_register::{cell_label, Mark};

#[component]
pub(super) fn Cell(reg: Register, key: Key, pupil: Uuid, name: String) -> impl IntoView {
    let session = reg.session(key);
    // `None`: the pupil had no place that day.
    let mark = Memo::new(move |_| {
        session.with(|s| {
            s.as_ref()
                .and_then(|s| s.pupils.contains(&pupil).then(|| s.mark(pupil)))
        })
    });
    let can = Memo::new(move |_| mark.get().is_some_and(Mark::can_change));
    let state = move || match mark.get() {
        None => "no-place",
        Some(Mark::NotRecorded) => "not-recorded",
        Some(Mark::Present) => "present",
        Some(Mark::Absent) => "absent",
        Some(Mark::Cancelled) => "cancelled",
    };
    let label = cell_label(&name, key.0, key.1);
    let id = format!("{}-{pupil}", key_id(key));
    let text_name = name.clone();
    view! {
        <td class="mark-cell" data-mark=state>
            <Show when=move || can.get() fallback=move || {
                let name = text_name.clone();
                view! {
                    <span class="mark-text">
                        <span class="visually-hidden">{format!("{name}: ")}</span>
                        {move || mark.get().map_or("No place", Mark::text)}
                    </span>
                }
            }>
                <label class="mark" for=id.clone()>
                    <input type="checkbox" id=id.clone() aria-label=label.clone()
                        prop:checked=move || {
                            reg.settled.track();
                            mark.get() == Some(Mark::Present)
                        }
                        on:change=move |ev| reg.act(key, Action::Mark { pupil, present: event_target_checked(&ev) }) />
                    <span class="mark-word" aria-hidden="true">{move || mark.get().map_or("", Mark::text)}</span>
                </label>
            </Show>
        </td>
    }
}
