//! A pupil's week on the timetable, on the pupil page and in its print:
//! only the sessions the pupil is in; pseudonymised, no other pupil named.

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::calendar::Calendar;
use crate::domain::timetable::Who;
use crate::domain::timetable_week::{week_view, week_words};
use crate::ui::state::AppCtx;
use crate::ui::timetable::grid::WeekGrid;
use crate::ui::timetable::week::{WeekChoice, WeekChooser};

#[component]
pub fn PupilWeek(id: Uuid, hide: RwSignal<bool>) -> impl IntoView {
    let ctx = AppCtx::get();
    let week = WeekChoice::start();
    let shown = Memo::new(move |_| {
        let monday = week.monday.get();
        let hidden = hide.get();
        ctx.read(|d| {
            let cal = Calendar::new(&d.settings.years);
            week_view(d, &cal, monday, &Who::Pupil(id), hidden)
        })
    });
    let words = move || week_words(week.monday.get());
    view! {
        <section class="panel pupil-week" aria-labelledby="pupil-week-heading">
            <h2 id="pupil-week-heading">{move || format!("Timetable: {}", words())}</h2>
            <WeekChooser prefix="pupil-week" week=week />
            <WeekGrid week=shown id="pupil-timetable" label=Signal::derive(move || format!("Sessions, {}", words())) />
        </section>
    }
}
