//! The pupils in a provision, their shares, and enrolling more at once.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::calendar::outside_years;
use crate::domain::commands::{enrol, remove_enrolment};
use crate::domain::costing::{outside_years_note, ProvisionCost};
use crate::domain::provision::Enrolment;
use crate::domain::Pupil;
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::gb;

/// A pupil who can be added to a provision, as the list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    id: Uuid,
    /// "Ada Lovelace (Year 3)".
    label: String,
    /// The name in lower case, to find by.
    name: String,
}

/// The pupils in a provision with their shares, and enrolling more at once.
#[component]
pub(super) fn Enrolments(pid: Uuid, cost: Signal<Option<ProvisionCost>>) -> impl IntoView {
    let ctx = AppCtx::get();
    let enrolled = Memo::new(move |_| {
        cost.with(|cost| {
            ctx.read(|d| {
                let mut es: Vec<&Enrolment> = d
                    .enrolments
                    .iter()
                    .filter(|e| e.provision_id == pid)
                    .collect();
                crate::domain::sort::by_key(&mut es, |e| e.share_order());
                es.into_iter()
                    .map(|e| {
                        let name = d
                            .pupil(e.pupil_id)
                            .map_or("(pupil not found)".to_owned(), Pupil::full_name);
                        let share = cost
                            .as_ref()
                            .and_then(|c| c.shares.iter().find(|s| s.enrolment_id == e.id))
                            .map(|s| (s.days, s.amount));
                        // A place dated where no academic year is set up
                        // says so, beside its dates.
                        let outside = d
                            .provision(pid)
                            .and_then(|p| e.range().intersect(&p.range()))
                            .map(|r| outside_years(&d.settings.years, &r))
                            .and_then(|parts| outside_years_note(&parts));
                        (e.id, name, e.start, e.end, share, outside)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // Who can be added changes only when a pupil, or who is in this
    // provision, does (every change of a pupil moves its `updated_at`): an
    // edit of anything else (the minutes, say) keeps the list as it is.
    let who = Memo::new(move |_| {
        ctx.read(|d| {
            let mut enrolled: Vec<Uuid> = d
                .enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .map(|e| e.pupil_id)
                .collect();
            crate::domain::sort::by(&mut enrolled, Ord::cmp);
            let pupils: Vec<(Uuid, Timestamp)> =
                d.pupils.iter().map(|p| (p.id, p.updated_at)).collect();
            (pupils, enrolled)
        })
    });
    let candidates = Memo::new(move |_| {
        // Read, not only tracked: a memo never read is never computed.
        who.with(|_| ());
        ctx.state.data().with_untracked(|d| {
            // Once over the enrolments, not once per pupil (that was
            // pupils x enrolments on every edit at whole-school scale).
            let enrolled: std::collections::HashSet<Uuid> = d
                .enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .map(|e| e.pupil_id)
                .collect();
            let mut v: Vec<&Pupil> = d
                .pupils
                .iter()
                .filter(|p| p.left_on.is_none() && !enrolled.contains(&p.id))
                .collect();
            crate::domain::sort::by(&mut v, |a, b| Pupil::register_order(a, b));
            // What the list shows, not whole pupils: this runs on every edit.
            v.into_iter()
                .map(|p| Candidate {
                    id: p.id,
                    label: format!("{} ({})", p.full_name(), p.year_group.label()),
                    name: p.full_name().to_lowercase(),
                })
                .collect::<Vec<_>>()
        })
    });
    // A whole school is thousands of pupils: list at most SHOWN, found by name.
    const SHOWN: usize = 60;
    let search = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let needle = search.with(|t| t.trim().to_lowercase());
        candidates.with(|c| {
            let matching: Vec<&Candidate> = c
                .iter()
                .filter(|p| needle.is_empty() || p.name.contains(&needle))
                .collect();
            let n = matching.len();
            (
                matching
                    .into_iter()
                    .take(SHOWN)
                    .cloned()
                    .collect::<Vec<_>>(),
                n,
            )
        })
    });
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let enrol = move |_| {
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            return;
        }
        let Ok(enrolled) = ctx
            .state
            .data()
            .with_untracked(|d| enrol(d, pid, &ids, Timestamp::now()))
        else {
            return;
        };
        spawn_local(async move {
            if ctx.commit(enrolled.edit).await.is_ok() {
                chosen.set(Vec::new());
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="enrolled-heading">
            <h2 id="enrolled-heading">"Pupils " <span class="count">{move || format!("({})", enrolled.with(Vec::len))}</span></h2>
            <Show when=move || !enrolled.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No pupils in this provision yet."</p> }>
                <div class="table-scroll">
                    <table class="enrolled">
                        <thead><tr>
                            <th scope="col">"Pupil"</th><th scope="col">"Dates"</th>
                            <th scope="col">"School days"</th><th scope="col" class="money">"Share of cost"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            // Keyed by who and when: a change of cost updates the share cells
                            // in place rather than drawing every row again.
                            <For each=move || enrolled.get() key=|r| (r.0, r.1.clone(), r.2, r.3, r.5.clone()) children=move |(eid, name, s, e, _, outside)| {
                                let share = move || enrolled.with(|rs| rs.iter().find(|r| r.0 == eid).and_then(|r| r.4));
                                let remove_label = format!("Remove {name}");
                                view! {
                                    <tr>
                                        <td>{name.clone()}</td>
                                        <td>{format!("{} to {}", gb(s), gb(e))}
                                            {outside.clone().map(|note| view! { <span class="flag">{note}</span> })}</td>
                                        <td>{move || share().map(|(days, _)| days)}</td>
                                        <td class="money">{move || share().map(|(_, m)| m.to_string())}</td>
                                        <td class="actions">
                                            <button type="button" class="secondary" aria-label=remove_label.clone()
                                                on:click=move |_| {
                                                    if let Ok(edit) = ctx.state.data().with_untracked(|d| remove_enrolment(d, eid)) {
                                                        spawn_local(async move {
                                                            let _ = ctx.commit(edit).await;
                                                        });
                                                    }
                                                }>"Remove"</button>
                                        </td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <Show when=move || !candidates.with(Vec::is_empty)>
                <div class="field enrol-search">
                    <label for="enrol-search">"Find pupils to add"</label>
                    <input id="enrol-search" type="search" autocomplete="off" prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev)) />
                </div>
                <p class="hint" role="status">{move || shown.with(|(v, n)| if *n > v.len() {
                    format!("Showing {} of {n} pupils: type a name to find others.", v.len())
                } else { String::new() })}</p>
                <fieldset class="checks enrol-list">
                    <legend>"Add pupils (from the start to the end of the provision)"</legend>
                    <For each=move || shown.with(|s| s.0.clone()) key=|p| (p.id, p.label.clone()) children=move |p| {
                        let id = p.id;
                        let input_id = format!("enrol-{id}");
                        let label_for = input_id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input id=input_id type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| if on { c.push(id) } else { c.retain(|x| *x != id) });
                                    } />
                                {p.label}
                            </label>
                        }
                    } />
                </fieldset>
                <button type="button" class="primary" on:click=enrol disabled=move || chosen.with(Vec::is_empty)>
                    {move || match chosen.with(Vec::len) { 0 => "Enrol pupils".to_owned(), 1 => "Enrol 1 pupil".to_owned(), n => format!("Enrol {n} pupils") }}
                </button>
            </Show>
        </section>
    }
}
