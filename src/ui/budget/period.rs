//! The budget view's year: a chooser of the kind of year the school
//! budgets by, and a heading that says which year it is and its dates, with
//! notes where a term is split at 1 April or part of the year is in no
//! academic year set up.

use leptos::prelude::*;

use crate::domain::budget_year::{periods, BudgetPeriod};
use crate::domain::calendar::year_label;
use crate::domain::settings::BudgetYear;
use crate::ui::state::AppCtx;
use crate::ui::widgets::YearSelect;

/// The academic year chooser every view shares, or (for a school that
/// budgets by the financial year) a chooser of the financial years that
/// overlap an academic year set up.
#[component]
pub fn PeriodSelect() -> impl IntoView {
    let ctx = AppCtx::get();
    let kind = Memo::new(move |_| ctx.read(|d| d.settings.budget_year));
    move || match kind.get() {
        BudgetYear::Academic => view! { <YearSelect id="budget-year" /> }.into_any(),
        BudgetYear::Financial => view! { <FinancialYearSelect /> }.into_any(),
    }
}

#[component]
fn FinancialYearSelect() -> impl IntoView {
    let ctx = AppCtx::get();
    let choices = Memo::new(move |_| {
        ctx.read(|d| {
            periods(&d.settings, BudgetYear::Financial)
                .into_iter()
                .map(|p| (p.start_year, year_label(p.start_year)))
                .collect::<Vec<_>>()
        })
    });
    let in_view = move || {
        let chosen = ctx.financial_year.get();
        ctx.read(|d| {
            crate::domain::budget_year::period_in_view(
                &d.settings,
                chosen,
                crate::ui::widgets::today(),
            )
        })
        .map(|p| p.start_year.to_string())
        .unwrap_or_default()
    };
    view! {
        <div class="field">
            <label for="budget-year">"Financial year (April to March)"</label>
            <select id="budget-year" on:change=move |ev| ctx.financial_year.set(event_target_value(&ev).parse().ok())
                prop:value=in_view>
                {move || choices.get().into_iter().map(|(y, l)| view! { <option value=y.to_string()>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// "Financial year 2026-27: 1 April 2026 to 31 March 2027", which kind of
/// year the school budgets by, and the notes on the year's figures.
#[component]
pub fn PeriodHeading(period: BudgetPeriod) -> impl IntoView {
    let ctx = AppCtx::get();
    let (heading, not_set_up, split) = ctx.read(|d| {
        (
            period.heading(&d.settings),
            period.not_set_up_note(&d.settings),
            period.split_note(&d.settings),
        )
    });
    let kind = period.kind;
    view! {
        <h2 id="budget-period">{heading}</h2>
        <p class="hint no-print" id="budget-year-kind">
            {format!("The school budgets by the {} ({}). ", kind.label(), kind.months())}
            <a href="#/settings">"Change the budget year in Settings"</a>
        </p>
        {not_set_up.map(|t| view! { <div class="notice warning" id="budget-not-set-up" role="note"><p>{t}</p></div> })}
        {split.map(|t| view! { <div class="notice" id="budget-split-note" role="note"><p>{t}</p></div> })}
    }
}
