//! The week a register shows, and the links to the weeks either side.

use std::cell::Cell;

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::attendance_register::WeekNav;
use crate::ui::pupils::focus_now;

thread_local! {
    /// The week link last followed: the next week's register puts the
    /// focus back on it (or on the week's name, at the first or last week).
    static REFOCUS: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// The route of provision `id`'s register for the week of `monday`.
pub(crate) fn week_href(id: Uuid, monday: jiff::civil::Date) -> String {
    format!("#/provisions/{id}/attendance/{monday}")
}

/// Once the register for a week is drawn: the focus back where the user
/// moved weeks from, if they did.
pub(super) fn refocus() {
    if let Some(id) = REFOCUS.with(Cell::take) {
        request_animation_frame(move || {
            if crate::ui::find_element(id).is_some() {
                focus_now(id);
            } else {
                focus_now("week-label");
            }
        });
    }
}

/// The week's name between links to the weeks before and after.
#[component]
pub(super) fn WeekLinks(id: Uuid, nav: WeekNav) -> impl IntoView {
    let link = move |to: Option<jiff::civil::Date>, el: &'static str, text: &'static str| {
        to.map(|w| {
            view! {
                <a class="button secondary" id=el href=week_href(id, w)
                    on:click=move |_| REFOCUS.with(|r| r.set(Some(el)))>{text}</a>
            }
        })
    };
    view! {
        <nav class="week-nav no-print" aria-label="Weeks">
            {link(nav.previous, "week-previous", "← Previous week")}
            {link(nav.next, "week-next", "Next week →")}
        </nav>
        <h2 id="week-label" class="week-label">{nav.label}</h2>
    }
}
