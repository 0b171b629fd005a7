//! Budget: each funding source's budget against what the provision map
//! commits and what has been spent to date, with a bar chart (SVG, with the
//! table as its text alternative) and over-budget warnings, in the academic
//! or financial year the school budgets by (Settings, Budget year; see
//! `domain::budget_year`). Budgets are edited here too, for the year in
//! view.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::budget_year::{period_in_view, BudgetPeriod};
use crate::domain::commands::apply_what_if;
use crate::domain::commands::set_budget;
use crate::domain::costing::{budget_lines_in, BudgetLine};
use crate::domain::money::Money;
use crate::domain::provision::FundingSource;
use crate::domain::settings::BudgetYear;
use crate::domain::{Problems, ProvisionField, SettingsField};
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::{today, FormProblems};

mod period;

#[component]
pub fn BudgetPage() -> impl IntoView {
    let ctx = AppCtx::get();
    // The year in view, of the kind the school budgets by (Settings).
    let chosen = Memo::new(move |_| {
        let (academic, financial) = (ctx.year.get(), ctx.financial_year.get());
        ctx.read(|d| {
            let chosen = match d.settings.budget_year {
                BudgetYear::Academic => academic,
                BudgetYear::Financial => financial,
            };
            period_in_view(&d.settings, chosen, today())
        })
    });
    let lines = Memo::new(move |_| {
        let p = chosen.get()?;
        ctx.read(|d| budget_lines_in(d, &p, today()))
    });
    view! {
            <h1>"Budget"</h1>
            <div class="filters">
                <period::PeriodSelect />
            </div>
            {move || match (lines.get(), chosen.get()) {
                (Some(lines), Some(p)) => view! {
                    <period::PeriodHeading period=p />
                    <Warnings lines=lines.clone() />
                    <Chart lines=lines.clone() />
                    <BudgetTable lines=lines period=p />
    <div class="actions-row no-print">
                        <button type="button" class="secondary" id="pupil-costs-csv" on:click=move |_| {
                            if let Some(r) = ctx.state.data().with_untracked(|d| crate::domain::reports::pupil_costs_in(d, &p)) {
                                let _ = crate::ui::widgets::download(&crate::exchange::csv::report_file_name(&r), &crate::exchange::csv::report_csv(&r), "text/csv;charset=utf-8");
                            }
                        }>"Download each pupil's cost (CSV)"</button>
                    </div>
                                    <Breakdown period=p />
                    <WhatIfPanel period=p />
                }.into_any(),
                _ => view! { <p class="empty">"Set up an academic year in Settings first."</p> }.into_any(),
            }}
        }
}

#[component]
fn Warnings(lines: Vec<BudgetLine>) -> impl IntoView {
    let over: Vec<String> = lines
        .iter()
        .filter(|l| l.over_budget())
        .map(|l| {
            format!(
                "{} is over budget by {}: {} committed against {}.",
                l.source.label(),
                -l.remaining,
                l.committed,
                l.budget
            )
        })
        .collect();
    (!over.is_empty()).then(|| {
        view! {
            <div class="notice warning" role="alert" id="budget-warnings">
                <ul>{over.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// Horizontal bars: committed against the budget for each source in use.
#[component]
fn Chart(lines: Vec<BudgetLine>) -> impl IntoView {
    let shown: Vec<BudgetLine> = lines
        .into_iter()
        .filter(|l| l.budget > Money::ZERO || l.committed > Money::ZERO)
        .collect();
    let max = shown
        .iter()
        .map(|l| l.budget.max(l.committed).as_pence())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let row_h = 44.0;
    let label_w = 190.0;
    let bar_w = 380.0;
    let height = row_h * shown.len() as f64 + 10.0;
    (!shown.is_empty()).then(|| view! {
        <figure class="chart">
            <svg role="img" aria-labelledby="budget-chart-title budget-chart-desc" viewBox=format!("0 0 {} {height}", label_w + bar_w + 10.0)
                width="100%" preserveAspectRatio="xMinYMin meet">
                <title id="budget-chart-title">"Committed spend against each budget"</title>
                <desc id="budget-chart-desc">"Each bar is the cost committed; the dark line marks the budget. The table below gives the figures."</desc>
                {shown.iter().enumerate().map(|(i, l)| {
                    let y = i as f64 * row_h + 8.0;
                    let w = bar_w * l.committed.as_pence() as f64 / max;
                    let b = label_w + bar_w * l.budget.as_pence() as f64 / max;
                    let class = if l.over_budget() { "bar over" } else { "bar" };
                    view! {
                        <g>
                            <text x="0" y=y + 20.0 class="chart-label">{l.source.label()}</text>
                            <rect x=label_w y=y width=w.max(1.0) height="26" class=class />
                            {(l.budget > Money::ZERO).then(|| view! { <line x1=b x2=b y1=y - 4.0 y2=y + 30.0 class="budget-mark" /> })}
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption>"Committed spend (bars) against budgets (lines)."</figcaption>
        </figure>
    })
}

/// The figures, and the budgets to edit.
#[component]
fn BudgetTable(lines: Vec<BudgetLine>, period: BudgetPeriod) -> impl IntoView {
    let committed: Money = lines.iter().map(|l| l.committed).sum();
    let spent: Money = lines.iter().map(|l| l.spent_to_date).sum();
    let budget: Money = lines.iter().map(|l| l.budget).sum();
    view! {
        <div class="table-scroll">
            <table class="budget">
                <caption>{format!("Budgets for the {}, committed and spent to {}", period.label(), crate::ui::widgets::gb(today()))}</caption>
                <thead><tr>
                    <th scope="col">"Funding source"</th>
                    <th scope="col">"Budget (£)"</th>
                    <th scope="col" class="money">"Committed"</th>
                    <th scope="col" class="money">"Spent to date"</th>
                    <th scope="col" class="money">"Remaining"</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! { <BudgetRow line=l period=period /> }).collect_view()}
                </tbody>
                <tfoot><tr>
                    <th scope="row">"Total"</th>
                    <td class="money">{budget.to_string()}</td>
                    <td class="money" id="budget-committed-total">{committed.to_string()}</td>
                    <td class="money">{spent.to_string()}</td>
                    <td class="money">{(budget - committed).to_string()}</td>
                </tr></tfoot>
            </table>
        </div>
        <p class="hint">"Type a budget and press Enter or leave the box to save it. Leave it empty for none."</p>
    }
}

#[component]
fn BudgetRow(line: BudgetLine, period: BudgetPeriod) -> impl IntoView {
    let ctx = AppCtx::get();
    let source: FundingSource = line.source;
    let id = format!(
        "budget-{}",
        FundingSource::ALL
            .iter()
            .position(|s| *s == source)
            .unwrap_or(0)
    );
    // The input holds the budget set for this year; for PP+ the line's
    // budget also holds the amount agreed with the virtual school that
    // counts in it (Settings, Funding figures).
    let set = ctx.read(|d| d.settings.budget_set(&period, source));
    let agreed_note = (source == FundingSource::PupilPremiumPlus)
        .then(|| {
            ctx.read(|d| crate::domain::budget_year::pp_plus_agreed_note(&d.settings, &period))
        })
        .flatten();
    let text = RwSignal::new(if set == Money::ZERO {
        String::new()
    } else {
        set.plain()
    });
    let error = RwSignal::new(None::<String>);
    let save = move || {
        let t = text.get_untracked();
        match ctx
            .state
            .data()
            .with_untracked(|d| set_budget(d, &period, source, &t, Timestamp::now()))
        {
            Err(p) => error.set(p.for_field(SettingsField::Budgets).map(str::to_owned)),
            Ok(edit) => {
                error.set(None);
                if !edit.forward.is_empty() {
                    spawn_local(async move {
                        let _ = ctx.commit(edit).await;
                    });
                }
            }
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <tr class:over=line.over_budget()>
            <th scope="row"><label for=id.clone()>{source.label()}<span class="visually-hidden">{format!(", {}", period.label())}</span></label></th>
            <td>
                <input id=id type="text" inputmode="decimal" autocomplete="off" class="amount"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:change=move |_| save()
                    on:keydown=move |ev| if ev.key() == "Enter" { save() }
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=error_id.clone() />
                {agreed_note.map(|t| view! { <span class="hint" id="pp-plus-agreed-note">{t}</span> })}
                <span class="field-error" id=error_id role="alert">{move || error.get()}</span>
            </td>
            <td class="money">{line.committed.to_string()}</td>
            <td class="money">{line.spent_to_date.to_string()}</td>
            <td class="money">{line.remaining.to_string()}{line.over_budget().then_some(" (over)")}</td>
        </tr>
    }
}

/// Committed and spent by area, tier, year group, term, staff role and
/// member of staff, in the year in view.
#[component]
fn Breakdown(period: BudgetPeriod) -> impl IntoView {
    let ctx = AppCtx::get();
    let tables = Memo::new(move |_| {
        ctx.read(|d| {
            crate::domain::reports::spend_breakdown_in(d, &period, today()).unwrap_or_default()
        })
    });
    view! {
        <section aria-labelledby="breakdown-heading">
            <h2 id="breakdown-heading">"Where the money goes"</h2>
            {move || tables.get().into_iter().enumerate().map(|(i, t)| view! {
                <crate::ui::reports::ReportTable table=t id=format!("breakdown-{i}") />
            }).collect_view()}
        </section>
    }
}

/// Change a provision's sessions, group size or weeks and see the effect on
/// the budgets before saving.
#[component]
fn WhatIfPanel(period: BudgetPeriod) -> impl IntoView {
    use crate::domain::whatif::{WhatIf, WhatIfDraft};
    let ctx = AppCtx::get();
    let chosen = RwSignal::new(None::<uuid::Uuid>);
    let draft = RwSignal::new(WhatIfDraft::default());
    let provisions = Memo::new(move |_| {
        ctx.read(|d| {
            let range = period.range(&d.settings);
            let mut v: Vec<(uuid::Uuid, String)> = d
                .provisions
                .iter()
                .filter(|p| range.is_some_and(|r| p.range().intersect(&r).is_some()))
                .map(|p| (p.id, p.name.clone()))
                .collect();
            crate::domain::sort::by(&mut v, |a, b| a.1.cmp(&b.1));
            v
        })
    });
    let result = Memo::new(
        move |_| -> Option<Result<WhatIf, Problems<ProvisionField>>> {
            let id = chosen.get()?;
            Some(ctx.read(|d| draft.with(|w| w.evaluate_in(d, id, &period, today()))))
        },
    );
    // The what-if's problems follow the draft as it is typed.
    let problems = FormProblems::<ProvisionField>::new();
    Effect::new(move || {
        problems.set(result.with(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().err().cloned())
                .unwrap_or_default()
        }))
    });
    let err = move |f| problems.error(f);
    let input = move |id: &'static str,
                      label: &'static str,
                      field: ProvisionField,
                      get: fn(&WhatIfDraft) -> String,
                      set: fn(&mut WhatIfDraft, String)| {
        crate::ui::widgets::draft_input(
            draft,
            err(field),
            id,
            label,
            crate::ui::widgets::InputKind::Whole,
            get,
            set,
        )
    };
    let save = move |_| {
        let Some(Ok(w)) = result.get_untracked() else {
            return;
        };
        let edit = ctx.state.data().with_untracked(|d| apply_what_if(d, &w));
        spawn_local(async move {
            let _ = ctx.commit(edit).await;
        });
    };
    view! {
        <section class="panel no-print" aria-labelledby="whatif-heading">
            <h2 id="whatif-heading">"What if?"</h2>
            <p class="hint">"Try a provision with other sessions, group size or length and see what it does to the budgets. Nothing changes until you save."</p>
            {crate::ui::widgets::problem_summary(problems)}
            <div class="fields">
                <div class="field">
                    <label for="whatif-provision">"Provision"</label>
                    <select id="whatif-provision" on:change=move |ev| {
                        let id: Option<uuid::Uuid> = event_target_value(&ev).parse().ok();
                        chosen.set(id);
                        if let Some(id) = id {
                            let start = ctx.state.data().with_untracked(|d| d.provision(id).map(|p| WhatIfDraft::of(d, p)));
                            draft.set(start.unwrap_or_default());
                        }
                    }>
                        <option value="">"Choose a provision…"</option>
                        {move || provisions.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <Show when=move || chosen.get().is_some()>
                <div class="fields">
                    {input("whatif-sessions", "Sessions a week", ProvisionField::SessionsPerWeek, |d| d.sessions_per_week.clone(), |d, v| d.sessions_per_week = v)}
                    {input("whatif-group", "Group size", ProvisionField::PlannedGroupSize, |d| d.planned_group_size.clone(), |d, v| d.planned_group_size = v)}
                    {input("whatif-weeks", "Teaching weeks", ProvisionField::Weeks, |d| d.weeks.clone(), |d, v| d.weeks = v)}
                </div>
            </Show>
            {move || result.get().and_then(Result::ok).map(|w| {
                let rows: Vec<(String, Money, Money, Money)> = w.before.iter().zip(&w.after)
                    .filter(|(b, a)| b.committed != a.committed || b.budget > Money::ZERO || a.committed > Money::ZERO)
                    .map(|(b, a)| (b.source.label().to_owned(), b.committed, a.committed, a.remaining))
                    .collect();
                let per = |m: Option<Money>| m.map_or("–".to_owned(), |m| m.to_string());
                view! {
                    <p id="whatif-effect" role="status">{format!(
                        "{}: {} now, {} after ({}{}); per pupil {} now, {} after; ends {}.",
                        w.changed.name, w.cost_before, w.cost_after,
                        if w.cost_after >= w.cost_before { "+" } else { "" }, w.cost_after - w.cost_before,
                        per(w.per_pupil_before), per(w.per_pupil_after), crate::ui::widgets::gb(w.changed.end))}</p>
                    <div class="table-scroll">
                        <table class="data-table" id="whatif-table">
                            <caption>"Budgets now and after the change"</caption>
                            <thead><tr><th scope="col">"Funding source"</th><th scope="col" class="money">"Committed now"</th><th scope="col" class="money">"Committed after"</th><th scope="col" class="money">"Remaining after"</th></tr></thead>
                            <tbody>{rows.into_iter().map(|(n, b, a, r)| view! {
                                <tr class:over=r.is_negative()><th scope="row">{n}</th><td class="money">{b.to_string()}</td><td class="money">{a.to_string()}</td><td class="money">{r.to_string()}{r.is_negative().then_some(" (over)")}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                    <div class="actions-row">
                        <button type="button" class="primary" id="whatif-save" on:click=save>"Save these changes to the provision"</button>
                    </div>
                }
            })}
        </section>
    }
}
