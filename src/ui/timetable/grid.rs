//! A week as a grid: Monday to Friday across, start times down, each
//! session with its provision, times, room, staff and pupils, and a marker
//! and words for each clash that flags it. Days with no school say why.

use leptos::prelude::*;

use crate::domain::timetable_week::{Card, PupilsShown, WeekView};

fn card_view(c: Card) -> impl IntoView {
    let pupils = match &c.pupils {
        PupilsShown::Folded(names) if !names.is_empty() => view! {
            <details class="session-pupils">
                <summary>{c.pupils.summary()}</summary>
                <p>{names.join(", ")}</p>
            </details>
        }
        .into_any(),
        other => view! { <p class="session-pupils">{other.summary()}</p> }.into_any(),
    };
    let clashing = !c.clashes.is_empty();
    view! {
        <div class="session" class:clashing=clashing>
            <p class="session-name"><a href=format!("#/provisions/{}", c.provision_id)>{c.name}</a></p>
            <p class="session-time">{c.time}</p>
            {(!c.room.is_empty()).then(|| view! { <p class="session-room">{c.room}</p> })}
            {(!c.staff.is_empty()).then(|| view! { <p class="session-staff">{c.staff}</p> })}
            {pupils}
            {clashing.then(|| view! {
                <div class="clash-flags">
                    <p class="clash-mark"><span aria-hidden="true">"⚠ "</span>"Clash"</p>
                    <ul>{c.clashes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
            })}
        </div>
    }
}

/// `week` as a table with id `id`; `label` names it for screen readers
/// (its scrolling box is a region that takes the keyboard).
#[component]
pub fn WeekGrid(
    week: Memo<WeekView>,
    id: &'static str,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let head = move || {
        week.with(|w| {
            w.days
                .iter()
                .map(|d| {
                    let note = d.kind.note();
                    view! {
                        <th scope="col" class:no-school=note.is_some()>
                            {d.heading()}
                            {note.map(|n| view! { <span class="day-note">{n}</span> })}
                        </th>
                    }
                })
                .collect_view()
        })
    };
    let body = move || {
        let w = week.get();
        if w.rows.is_empty() {
            let text = if w.days.iter().all(|d| d.kind.note().is_some()) {
                "No school this week."
            } else {
                "No sessions this week."
            };
            return view! { <tr><td colspan="6" class="empty">{text}</td></tr> }.into_any();
        }
        w.rows
            .into_iter()
            .map(|(time, cells)| {
                view! {
                    <tr>
                        <th scope="row" class="time">{time}</th>
                        {cells.into_iter().map(|cards| view! {
                            <td>{cards.into_iter().map(card_view).collect_view()}</td>
                        }).collect_view()}
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-scroll timetable-scroll" tabindex="0" role="region" aria-label=move || label.get()>
            <table class="timetable" id=id>
                <caption class="visually-hidden">{move || label.get()}</caption>
                <thead><tr><th scope="col" class="time">"Time"</th>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
