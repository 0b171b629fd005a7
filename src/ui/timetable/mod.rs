//! The timetable: a week of sessions, days by times, for the whole school,
//! a member of staff, a pupil or a room, with clashes flagged where they
//! show and listed in one place. A member of staff's week prints on one A4
//! page to hand to them.

pub mod clashes;
pub mod grid;
pub mod week;

use leptos::prelude::*;

use crate::domain::calendar::Calendar;
use crate::domain::timetable::Who;
use crate::domain::timetable_week::{week_view, week_words, who_choices, who_name};
use crate::ui::state::AppCtx;
use crate::ui::widgets::{PrintButton, PrintedBy};
use grid::WeekGrid;
use week::{WeekChoice, WeekChooser};

#[component]
pub fn TimetablePage() -> impl IntoView {
    let ctx = AppCtx::get();
    let week = WeekChoice::start();
    let who = RwSignal::new(Who::School);
    let choices = Memo::new(move |_| ctx.read(who_choices));
    let shown = Memo::new(move |_| {
        let w = who.get();
        let monday = week.monday.get();
        ctx.read(|d| {
            let cal = Calendar::new(&d.settings.years);
            week_view(d, &cal, monday, &w, false)
        })
    });
    let name = Memo::new(move |_| {
        let w = who.get();
        ctx.read(|d| who_name(d, &w, false))
    });
    let heading = move || format!("{}: {}", name.get(), week_words(week.monday.get()));
    let current = move || who.with(Who::code);
    let option = move |code: String, label: String| {
        let c = code.clone();
        view! { <option value=code selected=move || current() == c>{label}</option> }
    };
    view! {
        <div class="timetable-page" class:staff-week=move || matches!(who.get(), Who::Member(_))>
            <h1>"Timetable"</h1>
            <PrintedBy />
            <div class="timetable-controls no-print">
                <div class="field">
                    <label for="timetable-who">"Whose week"</label>
                    <select id="timetable-who" prop:value=current
                        on:change=move |ev| if let Some(w) = Who::from_code(&event_target_value(&ev)) { who.set(w) }>
                        {option(Who::School.code(), "The whole school".to_owned())}
                        {move || choices.with(|c| view! {
                            {(!c.members.is_empty()).then(|| view! {
                                <optgroup label="Staff">
                                    {c.members.iter().map(|(id, n)| option(Who::Member(*id).code(), n.clone())).collect_view()}
                                </optgroup>
                            })}
                            {(!c.pupils.is_empty()).then(|| view! {
                                <optgroup label="Pupils">
                                    {c.pupils.iter().map(|(id, n)| option(Who::Pupil(*id).code(), n.clone())).collect_view()}
                                </optgroup>
                            })}
                            {(!c.rooms.is_empty()).then(|| view! {
                                <optgroup label="Rooms">
                                    {c.rooms.iter().map(|r| option(Who::Room(r.clone()).code(), r.clone())).collect_view()}
                                </optgroup>
                            })}
                        })}
                    </select>
                </div>
                <WeekChooser prefix="week" week=week />
                <PrintButton label="Print this week" />
            </div>
            <h2 id="week-heading">{heading}</h2>
            <p class="hint no-print" id="week-count">{move || shown.with(|w| match w.sessions {
                1 => "1 session this week.".to_owned(),
                n => format!("{n} sessions this week."),
            })}</p>
            <WeekGrid week=shown id="timetable-grid" label=Signal::derive(move || format!("Timetable for {}", heading())) />
            <section class="panel clashes" id="clashes" aria-labelledby="clashes-heading"
                class:no-print=move || !matches!(who.get(), Who::School)>
                <clashes::ClashList monday=week.monday />
            </section>
        </div>
    }
}
