//! A provision's attendance register for one week.

use jiff::civil::Date;
use leptos::prelude::*;
use uuid::Uuid;

use super::grid::Grid;
use super::register::Register;
use super::summary::UnrecordedWeeks;
use super::week::{refocus, WeekLinks};
use crate::domain::attendance_register::{default_week, empty_week_reason, week_nav};
use crate::ui::state::AppCtx;
use crate::ui::widgets::today;

/// The register of provision `id` for the week of `week` (its default week
/// when `None`: this week, or its last or first).
#[component]
pub fn AttendanceRegister(id: Uuid, week: Option<Date>) -> impl IntoView {
    let ctx = AppCtx::get();
    let provision = Memo::new(move |_| ctx.read(|d| d.provision(id).cloned()));
    let Some(first) = provision.get_untracked() else {
        return view! {
            <h1>"Provision not found"</h1>
            <p>"It may have been deleted. " <a href="#/provisions">"Back to all provision"</a></p>
        }
        .into_any();
    };
    let monday = week.unwrap_or_else(|| default_week(&first, today()));
    let nav = Memo::new(move |_| provision.with(|p| p.as_ref().map(|p| week_nav(p, monday))));
    let reg = Register::new(id, monday);
    let name = move || provision.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let empty = Memo::new(move |_| {
        if !reg.sessions.with(Vec::is_empty) {
            return None;
        }
        provision.with(|p| {
            p.as_ref()
                .map(|p| ctx.read(|d| empty_week_reason(d, p, monday)))
        })
    });
    refocus();
    view! {
        <div class="attendance-page">
            <p class="no-print"><a href=format!("#/provisions/{id}") id="attendance-back">{move || format!("Back to {}", name())}</a></p>
            <h1>{move || format!("Attendance: {}", name())}</h1>
            {move || nav.get().map(|nav| view! { <WeekLinks id=id nav=nav /> })}
            <p class="hint no-print" id="attendance-how">
                "Tap \u{201c}All present\u{201d} to record a session, then tap anyone who was absent. \u{201c}Cancelled\u{2026}\u{201d} records a session that did not run, and why. Every change is saved as you make it."
            </p>
            <p class="register-status" id="register-status" role="status"
                data-state=move || reg.status.with(|s| s.state())>{move || reg.status.with(|s| s.text())}</p>
            {move || match empty.get() {
                Some(why) => view! { <p class="empty" id="attendance-empty">{why}</p> }.into_any(),
                None => view! { <Grid reg=reg /> }.into_any(),
            }}
            <UnrecordedWeeks id=id />
        </div>
    }
    .into_any()
}
