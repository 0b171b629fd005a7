//! The list of provisions, filtered by term, with the form to add one.

use leptos::prelude::*;
use uuid::Uuid;

use super::form::ProvisionForm;
use super::{staff_text, whole_cost};
use crate::domain::calendar::DateRange;
use crate::domain::provision::{Provision, ProvisionDraft};
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::gb;

/// The list of provisions, filtered by term, and the form to add one.
#[component]
pub fn ProvisionsPage(
    /// A library entry to fill the add form from.
    from: Option<Uuid>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let start = from.and_then(|id| {
        ctx.state.data().with_untracked(|d| {
            d.interventions
                .iter()
                .find(|i| i.id == id)
                .map(ProvisionDraft::from_intervention)
        })
    });
    let from_library = start.is_some();
    if from_library {
        request_animation_frame(|| crate::ui::pupils::focus_now("provision-start"));
    }
    let term = RwSignal::new(String::new());
    let terms = Memo::new(move |_| {
        ctx.read(|d| {
            d.settings
                .years
                .iter()
                .flat_map(|y| {
                    y.terms
                        .iter()
                        .map(move |t| (format!("{} {}", t.name.label(), y.label()), t.range()))
                })
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        let chosen: Option<DateRange> =
            term.with(|t| terms.with(|ts| ts.iter().find(|(l, _)| l == t).map(|(_, r)| *r)));
        ctx.read(|d| {
            let mut v: Vec<(Provision, String, String, usize)> = d
                .provisions
                .iter()
                .filter(|p| chosen.is_none_or(|r| p.range().intersect(&r).is_some()))
                .map(|p| {
                    let pupils = d
                        .enrolments
                        .iter()
                        .filter(|e| e.provision_id == p.id)
                        .count();
                    // Never a silent £0: a cost that leaves dates out, or
                    // none at all, says so.
                    let cost = match whole_cost(d, p) {
                        Ok(c) if c.outside_years.is_empty() => c.total.to_string(),
                        Ok(c) => format!(
                            "{} (some dates in no academic year set up: not costed)",
                            c.total
                        ),
                        Err(_) => "Not costed: see the provision".to_owned(),
                    };
                    (p.clone(), cost, staff_text(d, p), pupils)
                })
                .collect();
            crate::domain::sort::by(&mut v, |a, b| {
                a.0.start.cmp(&b.0.start).then(a.0.name.cmp(&b.0.name))
            });
            v
        })
    });
    let has_roles = move || ctx.read(|d| !d.roles.is_empty());
    // The add form is opened by its button (the list comes first), or is
    // open already when starting from a library entry.
    let adding = RwSignal::new(from_library);
    let start = StoredValue::new(start.unwrap_or_default());
    let close = Callback::new(move |()| {
        adding.set(false);
        crate::ui::pupils::focus_by_id("add-provision-open");
    });
    view! {
        <div class="page-head">
            <h1>"Provisions"</h1>
            <Show when=has_roles>
                <button type="button" class="primary" id="add-provision-open" aria-controls="provision-form"
                    aria-expanded=move || adding.get().to_string()
                    on:click=move |_| {
                        adding.set(true);
                        crate::ui::pupils::focus_by_id("provision-name");
                    }>"Add a provision"</button>
            </Show>
        </div>
        <Show when=has_roles fallback=|| view! {
            <p class="notice">"Add the staff roles who deliver provision, with their hourly rates, in "
                <a href="#/settings">"Settings"</a>" first."</p>
        }>
            <Show when=move || adding.get()>
                <ProvisionForm provision=None start=start.get_value() from_library=from_library on_close=close on_done=move |id| {
                    if from_library {
                        crate::ui::navigate(&format!("#/provisions/{id}"));
                    } else {
                        adding.set(false);
                        crate::ui::pupils::focus_by_id(&format!("provision-link-{id}"));
                    }
                } />
            </Show>
        </Show>
        <section aria-labelledby="provisions-heading">
            <h2 id="provisions-heading">"All provision " <span class="count">{move || format!("({})", rows.with(Vec::len))}</span></h2>
            <div class="filters">
                <div class="field">
                    <label for="provision-term">"Running in"</label>
                    <select id="provision-term" on:change=move |ev| term.set(event_target_value(&ev))>
                        <option value="">"Any term"</option>
                        {move || terms.get().into_iter().map(|(l, _)| view! { <option value=l.clone()>{l.clone()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No provision here yet. Add some with \"Add a provision\" above, or start one from the intervention library."</p> }>
                <div class="table-scroll">
                    <table class="provisions">
                        <thead><tr>
                            <th scope="col">"Provision"</th>
                            <th scope="col">"Staff"</th>
                            <th scope="col">"Sessions"</th>
                            <th scope="col">"Dates"</th>
                            <th scope="col">"Funding"</th>
                            <th scope="col">"Pupils"</th>
                            <th scope="col" class="money">"Cost"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|(p, c, s, n)| (p.id, p.updated_at, c.clone(), s.clone(), *n) children=|(p, c, staff, n)| view! {
                                <tr>
                                    <td><a id=format!("provision-link-{}", p.id) href=format!("#/provisions/{}", p.id)>{p.name.clone()}</a></td>
                                    <td>{staff}</td>
                                    <td>{format!("{} × {} min a week", p.sessions_per_week, p.minutes_per_session)}</td>
                                    <td>{format!("{} to {}", gb(p.start), gb(p.end))}</td>
                                    <td>{p.funding.label()}</td>
                                    <td>{n}</td>
                                    <td class="money">{c}</td>
                                </tr>
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
