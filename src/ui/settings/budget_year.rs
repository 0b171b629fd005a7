//! Settings: the year the school budgets by (the academic year, September
//! to August, or the financial year, April to March), and the budgets
//! entered, each labelled with its year in words; those for the other kind
//! of year are kept and say so.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::budget_year::budgets_entered;
use crate::domain::commands::save_settings;
use crate::domain::settings::BudgetYear;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};

/// "financial year" as "Financial year".
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[component]
pub fn BudgetYearPanel() -> impl IntoView {
    let ctx = AppCtx::get();
    let chosen = RwSignal::new(ctx.state.data().with_untracked(|d| d.settings.budget_year));
    let message = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = chosen.get_untracked();
        let result = ctx.state.data().with_untracked(|d| {
            save_settings(
                d,
                "Budget year",
                |s, now| Ok(s.with_budget_year(kind, now)),
                Timestamp::now(),
            )
        });
        // Choosing a kind of year cannot be refused.
        if let Ok(edit) = result {
            spawn_local(async move {
                if ctx.commit(edit).await.is_ok() {
                    message.set(Some(format!(
                        "Budget year: saved. The school budgets by the {} ({}).",
                        kind.label(),
                        kind.months()
                    )));
                }
            });
        }
    };
    let entered = Memo::new(move |_| {
        ctx.read(|d| {
            budgets_entered(&d.settings)
                .into_iter()
                .map(|e| {
                    let heading = capitalised(&e.period.in_words(&d.settings));
                    let status = (!e.in_use).then(|| {
                        format!(
                            "Kept, not in use while the school budgets by the {}.",
                            d.settings.budget_year.label()
                        )
                    });
                    let amounts: Vec<String> = e
                        .amounts
                        .iter()
                        .map(|(s, m)| format!("{}: {m}", s.label()))
                        .collect();
                    (heading, status, amounts.join("; "))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="panel" aria-labelledby="budget-year-heading">
            <h2 id="budget-year-heading">"Budget year"</h2>
            <form on:submit=on_submit novalidate aria-labelledby="budget-year-heading">
                <fieldset class="checks budget-kinds">
                    <legend>"The school budgets by"</legend>
                    {BudgetYear::ALL.into_iter().map(|k| {
                        let id = format!("budget-kind-{}", k.code());
                        let who = format!("{id}-who");
                        let (for_id, who_id) = (id.clone(), who.clone());
                        let label = capitalised(k.label());
                        view! {
                            <div class="budget-kind">
                                <label class="check" for=for_id>
                                    <input id=id type="radio" name="budget-kind" value=k.code()
                                        aria-describedby=who_id
                                        prop:checked=move || chosen.get() == k
                                        on:change=move |_| chosen.set(k) />
                                    {format!("{label} ({})", k.months())}
                                </label>
                                <p class="hint" id=who>{k.who()}</p>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <p class="hint">"The budget view, its figures and the budgets you enter there follow this choice. Costs fall in the year they are incurred in, so a financial year takes the summer term of one academic year and the autumn and spring terms of the next: set both academic years up."</p>
                <div class="actions-row">
                    <button type="submit" class="primary" id="budget-year-save" disabled=move || ctx.save.get() == SaveState::Saving>"Save budget year"</button>
                </div>
                <p class="message" role="status">{move || message.get()}</p>
            </form>
            <h3 id="budgets-entered-heading">"Budgets entered"</h3>
            <p class="hint">"Enter and change them in " <a href="#/budget">"Budget"</a> ", for the year in view. Budgets for the other kind of year are kept, and count again if the school changes back."</p>
            {move || {
                let list = entered.get();
                if list.is_empty() {
                    view! { <p class="empty" id="budgets-entered">"No budgets entered yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="budgets-entered" id="budgets-entered" aria-labelledby="budgets-entered-heading">
                            {list.into_iter().map(|(heading, status, amounts)| { let kept = status.is_some(); view! {
                                <li class:kept=kept>
                                    <strong>{heading}</strong>
                                    {status.map(|s| view! { <span class="hint">{format!(" {s}")}</span> })}
                                    <br />
                                    {amounts}
                                </li>
                            } }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
