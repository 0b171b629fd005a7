//! Which week a timetable shows: the one chosen, else the first to show
//! (`domain::timetable_week::week_to_show`), with buttons a week back and
//! on and a date to jump to.

use jiff::civil::Date;
use leptos::prelude::*;

use crate::domain::calendar::{monday_of, Calendar};
use crate::domain::pupil::parse_date;
use crate::domain::timetable_week::{step_week, week_to_show};
use crate::ui::state::AppCtx;
use crate::ui::widgets::today;

/// The week chosen (`None` until the user chooses) and the Monday shown.
#[derive(Clone, Copy)]
pub struct WeekChoice {
    pub chosen: RwSignal<Option<Date>>,
    pub monday: Memo<Date>,
}

impl WeekChoice {
    /// Starting at the week shown first.
    pub fn start() -> WeekChoice {
        let ctx = AppCtx::get();
        let chosen = RwSignal::new(None::<Date>);
        let monday = Memo::new(move |_| {
            if let Some(d) = chosen.get() {
                return monday_of(d);
            }
            let year = ctx.year_in_view();
            ctx.read(|d| {
                let cal = Calendar::new(&d.settings.years);
                let range = year
                    .and_then(|y| d.settings.year(y))
                    .and_then(|y| y.range());
                week_to_show(&cal, range.as_ref(), today())
            })
        });
        WeekChoice { chosen, monday }
    }
}

/// Previous week, a date to jump to, next week. `prefix` names the ids:
/// `{prefix}-prev`, `{prefix}-date`, `{prefix}-next`.
#[component]
pub fn WeekChooser(prefix: &'static str, week: WeekChoice) -> impl IntoView {
    let step = move |n: i64| {
        week.chosen
            .set(Some(step_week(week.monday.get_untracked(), n)))
    };
    let date_id = format!("{prefix}-date");
    view! {
        <div class="week-chooser no-print" role="group" aria-label="Week">
            <button type="button" class="secondary" id=format!("{prefix}-prev") on:click=move |_| step(-1)>"Previous week"</button>
            <div class="field">
                <label for=date_id.clone()>"Week containing"</label>
                <input id=date_id type="date" prop:value=move || week.monday.get().to_string()
                    on:change=move |ev| if let Some(d) = parse_date(&event_target_value(&ev)) { week.chosen.set(Some(d)) } />
            </div>
            <button type="button" class="secondary" id=format!("{prefix}-next") on:click=move |_| step(1)>"Next week"</button>
        </div>
    }
}
