//! One provision's page: its facts, advice, cost breakdown and pupils.

use leptos::prelude::*;
use uuid::Uuid;

use super::delete::DeleteProvision;
use super::enrolments::Enrolments;
use super::form::ProvisionForm;
use super::scores::Scores;
use super::slots::Slots;
use super::{staff_text, whole_cost};
use crate::domain::advice::provision_advice;
use crate::domain::costing::{outside_years_note, session_steps_note, CostIssue, ProvisionCost};
use crate::domain::money::round_pence;
use crate::domain::provision::Provision;
use crate::domain::quantity::Dec2;
use crate::ui::state::AppCtx;
use crate::ui::widgets::gb;

/// What a provision's page shows that comes from the rest of the dataset.
#[derive(Debug, Clone, PartialEq)]
struct Facts {
    cost: Result<ProvisionCost, CostIssue>,
    advice: Vec<crate::domain::advice::Advice>,
    tier: String,
    staff: String,
}

/// One provision: its facts, advice, cost breakdown and pupils.
///
/// Built once; an edit changes the text and rows that depend on it rather
/// than drawing the page again (an edit is painted in a few milliseconds).
#[component]
pub fn ProvisionPage(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let provision = Memo::new(move |_| ctx.read(|d| d.provision(id).cloned()));
    let found = Memo::new(move |_| provision.with(Option::is_some));
    let facts = Memo::new(move |_| {
        let p = provision.get()?;
        Some(ctx.read(|d| {
            Facts {
                cost: whole_cost(d, &p),
                advice: provision_advice(&p, d),
                tier: d
                    .settings
                    .tier(&p.tier)
                    .map_or(p.tier.clone(), |t| t.name.clone()),
                staff: staff_text(d, &p),
            }
        }))
    });
    let cost = Signal::derive(move || {
        facts.with(|f| f.as_ref().and_then(|f| f.cost.as_ref().ok().cloned()))
    });
    let issue = move || {
        facts.with(|f| {
            f.as_ref()
                .and_then(|f| f.cost.as_ref().err().map(ToString::to_string))
                .unwrap_or_default()
        })
    };
    let outside = move || {
        cost.with(|c| {
            c.as_ref()
                .and_then(|c| outside_years_note(&c.outside_years))
        })
    };
    let terms = move || {
        cost.with(|c| {
            c.as_ref().map(|c| {
                c.by_term
                    .iter()
                    .map(|t| {
                        view! {
                            <tr>
                                <th scope="row">{t.key.label()}</th>
                                <td class="num">{Dec2::from_exact(t.weeks).to_string()}</td>
                                <td class="num">{t.total.to_string()}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let text = move |f: fn(&Provision) -> String| {
        move || provision.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let fact = move |f: fn(&Facts) -> String| {
        move || facts.with(|x| x.as_ref().map(f).unwrap_or_default())
    };
    let money = move |f: fn(&ProvisionCost) -> String| move || cost.with(|c| c.as_ref().map(f));
    let editing = RwSignal::new(false);
    move || {
        if !found.get() {
            return view! {
                <h1>"Provision not found"</h1>
                <p>"It may have been deleted. " <a href="#/provisions">"Back to all provision"</a></p>
            }
            .into_any();
        }
        view! {
            <p><a href="#/provisions">"All provision"</a></p>
            <h1>{text(|p| p.name.clone())}</h1>
            <dl class="facts">
                <dt>"Delivered by"</dt><dd>{fact(|f| f.staff.clone())}</dd>
                <dt>"Sessions"</dt><dd>{text(|p| format!("{} a week, {} minutes each", p.sessions_per_week, p.minutes_per_session))}</dd>
                <dt>"Dates"</dt><dd>{text(|p| format!("{} to {}", gb(p.start), gb(p.end)))}</dd>
                <dt>"Tier"</dt><dd>{fact(|f| f.tier.clone())}</dd>
                <dt>"Area of need"</dt><dd>{text(|p| p.broad_area.label().to_owned())}</dd>
                <dt>"Charged to"</dt><dd>{text(|p| p.funding.label().to_owned())}</dd>
                <dt>"Planned group size"</dt><dd>{text(|p| p.planned_group_size.to_string())}</dd>
            </dl>
            <Show when=move || facts.with(|f| f.as_ref().is_some_and(|f| !f.advice.is_empty()))>
                <div class="notice advice" role="note" aria-label="EEF advice">
                    <ul>{move || facts.with(|f| f.as_ref().map(|f| f.advice.iter().map(|a| view! { <li>{a.message()}</li> }).collect_view()))}</ul>
                </div>
            </Show>
            <section class="panel" aria-labelledby="cost-heading">
                <h2 id="cost-heading">"Cost"</h2>
                <Show when=move || cost.with(Option::is_some)
                    fallback=move || view! { <p class="notice error" role="alert" id="cost-issue">{issue}</p> }>
                    <dl class="facts" id="cost-breakdown">
                        <dt>"One session"</dt><dd><span id="cost-session">{money(|c| round_pence(c.session_cost).to_string())}</span>{money(|c| if c.session_steps.len() > 1 { format!(" at the rates of {}", gb(c.session_cost_on)) } else { String::new() })}</dd>
                        <dt>"Teaching weeks"</dt><dd id="cost-weeks">{money(|c| Dec2::from_exact(c.weeks).to_string())}</dd>
                        <dt>"Staff time"</dt><dd id="cost-staff">{money(|c| c.staff.to_string())}</dd>
                        <dt>"Fixed and resource costs"</dt><dd id="cost-fixed">{money(|c| c.fixed.to_string())}</dd>
                        <dt>"Total"</dt><dd id="cost-total">{money(|c| c.total.to_string())}</dd>
                        <dt>"Per pupil (average)"</dt><dd id="cost-per-pupil">{money(|c| c.mean_per_pupil().map_or("No pupils yet".to_owned(), |m| m.to_string()))}</dd>
                        <dt>"Not carried by any pupil"</dt><dd id="cost-unallocated">{money(|c| c.unallocated.to_string())}</dd>
                    </dl>
                    {move || cost.with(|c| c.as_ref().and_then(session_steps_note)).map(|note| view! { <p class="note" id="cost-rate-steps">{note}</p> })}
                    {move || outside().map(|note| view! { <p class="notice warning" role="note" id="cost-outside-years">{note}</p> })}
                    <table id="cost-by-term">
                        <caption>"Term by term (weeks as counted: a week run in full is one week, a term never more than its teaching weeks)"</caption>
                        <thead><tr><th scope="col">"Term"</th><th scope="col" class="num">"Teaching weeks"</th><th scope="col" class="num">"Cost"</th></tr></thead>
                        <tbody>{terms}</tbody>
                    </table>
                </Show>
            </section>
            <Slots pid=id provision=provision />
            <Enrolments pid=id cost=cost />
            <crate::ui::attendance::AttendanceSummary id=id />
            <Scores provision=provision cost=cost />
            <div class="actions-row">
                <button type="button" class="secondary" on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if editing.get() { "Close the edit form" } else { "Edit provision" }}
                </button>
                <DeleteProvision id=id />
            </div>
            <Show when=move || editing.get()>
                <ProvisionForm provision=provision.get_untracked() on_done=move |_| editing.set(false)
                    on_close=Callback::new(move |()| editing.set(false)) />
            </Show>
        }
        .into_any()
    }
}
