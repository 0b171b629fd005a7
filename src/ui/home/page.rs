//! The home view, the first the app opens on: what is due, by kind, each
//! item with a link to where it is done.

use leptos::prelude::*;

use super::due::DueNow;
use crate::domain::due::{DueKind, Fix};

/// The route where a due item is done.
pub fn href(fix: Fix) -> String {
    match fix {
        Fix::Pupil(id) => format!("#/pupils/{id}"),
        Fix::Provision(id) => format!("#/provisions/{id}"),
        Fix::Timetable => "#/timetable".to_owned(),
        Fix::Attendance { provision_id, week } => {
            format!("#/provisions/{provision_id}/attendance/{week}")
        }
        Fix::Backup => "#/settings".to_owned(),
    }
}

/// "1 thing" / "3 things".
fn things(n: usize) -> String {
    if n == 1 {
        "1 thing".to_owned()
    } else {
        format!("{n} things")
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let due = DueNow::get().0;
    let kinds = move || {
        due.with(|d| {
            DueKind::ALL
                .iter()
                .map(|k| (*k, d.count(*k)))
                .filter(|(_, n)| *n > 0)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"What is due"</h1>
        <p class="lead" id="due-summary" role="status">{move || match due.with(|d| d.total()) {
            0 => "Nothing is due: no review, missing data, clash or unrecorded session needs you now.".to_owned(),
            n => format!("{} to see to, most pressing first.", things(n)),
        }}</p>
        {move || kinds().into_iter().map(|(kind, n)| {
            let items = due.with(|d| d.items.iter().filter(|i| i.kind == kind).cloned().collect::<Vec<_>>());
            let id = format!("due-{}", slug(kind));
            let section = format!("{id}-section");
            let labelled = id.clone();
            view! {
                <section class="due-group" aria-labelledby=labelled id=section>
                    <h2 id=id>{kind.label()} " " <span class="count">{format!("({n})")}</span></h2>
                    <ul class="due-items">
                        {items.into_iter().enumerate().map(|(i, item)| {
                            let text_id = format!("due-{}-{i}", slug(kind));
                            view! {
                                <li>
                                    <span id=text_id.clone()>{item.message}</span>
                                    <a class="button secondary" href=href(item.fix) aria-describedby=text_id>{kind.action()}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}

/// A short id for a kind, for anchors.
fn slug(kind: DueKind) -> &'static str {
    match kind {
        DueKind::PlanReviewOverdue => "plan-overdue",
        DueKind::PlanReviewDue => "plan-due",
        DueKind::AnnualReviewOverdue => "annual-overdue",
        DueKind::AnnualReviewDue => "annual-due",
        DueKind::NoExitData => "no-exit",
        DueKind::NoProvision => "no-provision",
        DueKind::PossibleTopUp => "top-up",
        DueKind::Clash => "clash",
        DueKind::AttendanceNotRecorded => "attendance",
        DueKind::Backup => "backup",
    }
}
