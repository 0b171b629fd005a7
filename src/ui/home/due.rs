//! What is due, worked out once for the whole app: the home view lists it
//! and the navigation shows its count (`domain::due`).

use leptos::prelude::*;

use crate::domain::costing::CostCache;
use crate::domain::due::{due_with, Due, DueInput};
use crate::ui::state::AppCtx;
use crate::ui::widgets::today;

/// The app's one list of what is due, shared through the context.
#[derive(Clone, Copy)]
pub struct DueNow(pub Memo<Due>);

impl DueNow {
    /// Start working it out (as the data, the academic year in view and the
    /// backup state change) and share it.
    pub fn provide(ctx: AppCtx) -> DueNow {
        // The year's costs for possible top-ups: a provision is costed again
        // only when it changed.
        let cache = StoredValue::new(CostCache::default());
        let memo = Memo::new(move |_| {
            let day = today();
            let (last_export, reminder_days) = ctx.meta.with(|m| {
                m.as_ref().map_or((None, 0), |m| {
                    (
                        m.last_export_at,
                        m.reminder_days(crate::ui::browser::current()),
                    )
                })
            });
            let input = DueInput {
                today: day,
                now: jiff::Timestamp::now(),
                last_export,
                reminder_days,
            };
            let year = ctx.year_in_view();
            ctx.read(|d| {
                let report = year
                    .and_then(|y| d.settings.year(y))
                    .and_then(|y| y.range())
                    .and_then(|r| cache.try_update_value(|c| c.build(d, r)));
                due_with(d, &input, report.as_ref())
            })
        });
        let due = DueNow(memo);
        provide_context(due);
        due
    }

    pub fn get() -> DueNow {
        expect_context::<DueNow>()
    }
}
