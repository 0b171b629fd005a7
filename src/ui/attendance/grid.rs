//! The week's register as a grid: its sessions as columns, the pupils with
//! a place as rows. Drawn once for the week: a tap changes the cells and
//! headings it touches, so the focus stays where it was.

use leptos::prelude::*;

use super::cell::Cell;
use super::register::{key_id, Key, Register};
use super::session::SessionActions;
use crate::domain::attendance_register::day_label;
use crate::domain::timetable::hhmm;

#[component]
pub(super) fn Grid(reg: Register) -> impl IntoView {
    let keys = Memo::new(move |_| {
        reg.sessions.with(|v| {
            v.iter()
                .map(|s| ((s.date, s.start), s.planned))
                .collect::<Vec<(Key, bool)>>()
        })
    });
    let columns = move || keys.get().into_iter().map(|(k, _)| k).collect::<Vec<Key>>();
    view! {
        <div class="table-scroll">
            <table class="attendance-grid" id="attendance-grid">
                <caption class="visually-hidden">"Who attended each session of the week"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="pupil-col">"Pupil"</th>
                        <For each=move || keys.get() key=|k| *k children=move |((date, start), planned)| view! {
                            <th scope="col" class="session-col" id=format!("{}-head", key_id((date, start)))>
                                <span class="session-day">{day_label(date)}</span>
                                <span class="session-time">{hhmm(start)}{(!planned).then_some(" (moved or made up)")}</span>
                            </th>
                        } />
                    </tr>
                    <tr class="session-row">
                        <td><span class="visually-hidden">"Each session"</span></td>
                        <For each=columns key=|k| *k children=move |k| view! { <SessionActions reg=reg key=k /> } />
                    </tr>
                </thead>
                <tbody>
                    <For each=move || reg.pupils.get() key=|p| p.clone() children=move |(pupil, name)| view! {
                        <tr>
                            <th scope="row" class="pupil-col">{name.clone()}</th>
                            <For each=columns key=|k| *k children=move |k| view! { <Cell reg=reg key=k pupil=pupil name=name.clone() /> } />
                        </tr>
                    } />
                </tbody>
            </table>
        </div>
    }
}
