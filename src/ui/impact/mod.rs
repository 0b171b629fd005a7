//! Impact: each provision's mean gain, the share of its pupils in each
//! ratio-gain band and its cost per unit of gain, ranked; and one pupil's
//! gains over time. Attendance shows beside the gains: a gain whose pupil
//! attended under the school's threshold is marked, and a switch leaves
//! those pupils out of the figures by provision and the ranking.

mod attendance;

use leptos::prelude::*;
use uuid::Uuid;

use crate::domain::attendance::AttendanceReport;
use crate::domain::calendar::DateRange;
use crate::domain::costing::CostCache;
use crate::domain::impact::{
    attendance_mark, attendance_note, band_counts, gain, provision_impact_attended,
    rank_cost_effectiveness, ImpactOptions,
};
use crate::domain::money::round_pence;
use crate::domain::provision::Enrolment;
use crate::domain::quantity::Dec2;
use crate::domain::reports::{gain_text, impact_by_measure_except, percent};
use crate::domain::Pupil;
use crate::ui::reports::ReportTable;
use crate::ui::state::AppCtx;
use crate::ui::widgets::{gb, today, PrintButton, PrintedBy, YearSelect};
use attendance::{LeaveOut, Marked, MarkedGains};

/// One row of the provision table: what the view shows, already worked out.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Uuid,
    name: String,
    measure: String,
    pupils: String,
    mean: String,
    bands: Vec<(String, usize)>,
    with_data: usize,
    /// The pupils' attendance: attended of delivered sessions.
    attendance: String,
    cost: String,
}

/// Everything the page shows for the year in view.
#[derive(Debug, Clone, PartialEq, Default)]
struct Figures {
    rows: Vec<Row>,
    ranking: Vec<(String, Vec<(String, String)>)>,
    measures: Option<crate::domain::reports::Table>,
    /// Gains of pupils who attended under the threshold.
    marked: Vec<Marked>,
    /// How many of those the figures leave out (none unless asked).
    left_out: usize,
    threshold: u32,
}

#[component]
pub fn ImpactPage() -> impl IntoView {
    let ctx = AppCtx::get();
    // A provision is costed again only when it changed.
    let cache = StoredValue::new(CostCache::default());
    let period = Memo::new(move |_| {
        let y = ctx.year_in_view()?;
        ctx.read(|d| d.settings.year(y)?.range())
    });
    let leave_out = RwSignal::new(false);
    let data = Memo::new(move |_| {
        let options = ImpactOptions {
            leave_out_low_attendance: leave_out.get(),
        };
        let Some(range) = period.get() else {
            return Figures::default();
        };
        ctx.read(|d| {
            let attended = AttendanceReport::build(d, range, today());
            let mut marked = Vec::new();
            let mut left_out = 0;
            // The places left out, for the table by measure too.
            let mut dropped_ids = Vec::new();
            let ps: Vec<_> = d
                .provisions
                .iter()
                .filter(|p| p.range().intersect(&range).is_some())
                .collect();
            // One costing over the span of every provision shown: each is
            // costed over its whole run, as on its own page.
            let span = ps.iter().fold(None::<DateRange>, |acc, p| {
                Some(match acc {
                    None => p.range(),
                    Some(a) => DateRange::new(a.start.min(p.start), a.end.max(p.end)),
                })
            });
            let report = span.and_then(|s| cache.try_update_value(|c| c.build(d, s)));
            let mut impacts = Vec::new();
            let mut rows = Vec::new();
            for p in ps {
                let es: Vec<&Enrolment> = d
                    .enrolments
                    .iter()
                    .filter(|e| e.provision_id == p.id)
                    .collect();
                let Some(report) = report.as_ref() else {
                    continue;
                };
                let a = provision_impact_attended(
                    p.id,
                    &es,
                    &d.settings,
                    report.provision(p.id),
                    &attended,
                    options,
                );
                left_out += a.left_out;
                let dropped = a.left_out;
                if options.leave_out_low_attendance {
                    dropped_ids.extend(a.marked.iter().map(|(id, _)| *id));
                }
                for (eid, share) in &a.marked {
                    let Some(e) = es.iter().find(|e| e.id == *eid) else {
                        continue;
                    };
                    marked.push(Marked {
                        pupil: d
                            .pupil(e.pupil_id)
                            .map_or("(pupil not found)".into(), Pupil::full_name),
                        provision: p.name.clone(),
                        gain: gain_text(&gain(e, &d.settings)),
                        mark: attendance_mark(*share, attended.threshold),
                    });
                }
                let i = a.impact;
                let age = i.measure.is_some_and(|m| m.is_age());
                let mean = match (i.measure, i.mean_gain) {
                    (Some(m), Ok(g)) if m.is_age() => format!(
                        "ratio gain {} ({} months)",
                        Dec2::from_exact(g),
                        i.mean_units
                            .map(Dec2::from_exact)
                            .map(|x| x.to_string())
                            .unwrap_or_default()
                    ),
                    (Some(_), Ok(g)) => {
                        let g = Dec2::from_exact(g);
                        format!("{}{g}", if g.is_positive() { "+" } else { "" })
                    }
                    (_, Err(e)) => format!("Not enough data ({e})"),
                    (None, Ok(_)) => String::new(),
                };
                let unit = if age { "month" } else { "point" };
                rows.push(Row {
                    id: p.id,
                    name: p.name.clone(),
                    measure: i.measure.map_or("–", |m| m.label()).to_owned(),
                    pupils: match dropped {
                        0 => format!(
                            "{} of {}",
                            i.pupils_with_data,
                            i.pupils_with_data + i.pupils_without_data
                        ),
                        n => format!(
                            "{} of {} ({n} left out)",
                            i.pupils_with_data,
                            i.pupils_with_data + i.pupils_without_data
                        ),
                    },
                    mean,
                    bands: if age {
                        band_counts(&es, &d.settings)
                    } else {
                        Vec::new()
                    },
                    with_data: i.pupils_with_data,
                    attendance: attended
                        .provision(p.id)
                        .map_or_else(String::new, |x| x.places_total.share().text()),
                    cost: i
                        .cost_per_unit_gain
                        .map_or("–".into(), |c| format!("{} per {unit}", round_pence(c))),
                });
                impacts.push(i);
            }
            crate::domain::sort::by(&mut rows, |a, b| a.name.cmp(&b.name));
            let names = |id: Uuid| d.provision(id).map_or(String::new(), |p| p.name.clone());
            let ranking: Vec<(String, Vec<(String, String)>)> = rank_cost_effectiveness(&impacts)
                .into_iter()
                .map(|(m, v)| {
                    let unit = if m.is_age() {
                        "month gained"
                    } else {
                        "point gained"
                    };
                    (
                        m.label().to_owned(),
                        v.into_iter()
                            .map(|(id, c)| {
                                (
                                    names(id),
                                    format!("{} per pupil per {unit}", round_pence(c)),
                                )
                            })
                            .collect(),
                    )
                })
                .collect();
            crate::domain::sort::by(&mut marked, |a, b| {
                (&a.provision, &a.pupil).cmp(&(&b.provision, &b.pupil))
            });
            Figures {
                rows,
                ranking,
                measures: Some(impact_by_measure_except(d, &range, &dropped_ids)),
                marked,
                left_out,
                threshold: attended.threshold,
            }
        })
    });
    let threshold = Signal::derive(move || data.with(|f| f.threshold));
    let bands = Memo::new(move |_| {
        ctx.read(|d| {
            let mut b = d.settings.ratio_bands.clone();
            crate::domain::sort::by_key(&mut b, |b| b.min);
            b.into_iter().map(|b| b.name).collect::<Vec<_>>()
        })
    });
    view! {
        <div class="impact-page">
            <PrintedBy />
            <h1>"Impact"</h1>
            <div class="impact-controls filters">
                <YearSelect id="impact-year" />
                <div class="field"><span class="label-spacer" aria-hidden="true"></span><PrintButton label="Print impact" /></div>
                <LeaveOut leave_out=leave_out threshold=threshold
                    left_out=Signal::derive(move || data.with(|f| f.left_out)) />
            </div>
            {move || data.with(|f| f.measures.clone()).map(|t| view! { <ReportTable table=t id="impact-measures" /> })}
            <section aria-labelledby="impact-provisions-heading">
                <h2 id="impact-provisions-heading">"By provision"</h2>
                <Show when=move || data.with(|d| !d.rows.is_empty()) fallback=|| view! { <p class="empty">"No provision in this year."</p> }>
                    <div class="table-scroll">
                        <table class="data-table" id="impact-provisions">
                            <thead><tr>
                                <th scope="col">"Provision"</th>
                                <th scope="col">"Measure"</th>
                                <th scope="col">"Pupils with data"</th>
                                <th scope="col">"Mean gain"</th>
                                <th scope="col">"Attendance"</th>
                                {move || bands.get().into_iter().map(|b| view! { <th scope="col" class="num">{b}</th> }).collect_view()}
                                <th scope="col" class="money">"Cost per unit of gain"</th>
                            </tr></thead>
                            <tbody>
                                {move || {
                                    let n_bands = bands.with(Vec::len);
                                    data.get().rows.into_iter().map(|r| {
                                        let band_cells = if r.bands.is_empty() {
                                            (0..n_bands).map(|_| view! { <td class="num">"–"</td> }).collect_view().into_any()
                                        } else {
                                            r.bands.iter().map(|(_, n)| view! { <td class="num">{percent(*n, r.with_data)}</td> }).collect_view().into_any()
                                        };
                                        view! {
                                            <tr>
                                                <th scope="row"><a href=format!("#/provisions/{}", r.id)>{r.name}</a></th>
                                                <td>{r.measure}</td>
                                                <td>{r.pupils}</td>
                                                <td>{r.mean}</td>
                                                <td class="share">{r.attendance}</td>
                                                {band_cells}
                                                <td class="money">{r.cost}</td>
                                            </tr>
                                        }
                                    }).collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                    <MarkedGains marked=Signal::derive(move || data.with(|f| f.marked.clone())) threshold=threshold />
                    <p class="hint">"Attendance is sessions attended of sessions delivered, as a whole per cent rounded half up. Band columns give the share of pupils with reading or spelling age data whose ratio gain falls in each band."</p>
                    <p class="hint" id="ratio-gain-definition">{move || crate::domain::impact::ratio_gain_definition(ctx.read(|d| d.settings.min_weeks_to_judge))}</p>
                </Show>
            </section>
            <section aria-labelledby="ranking-heading">
                <h2 id="ranking-heading">"Cost-effectiveness ranking"</h2>
                <p class="hint">"Cheapest gain first, within each measure (months and points are not comparable)."</p>
                {move || {
                    let ranking = data.get().ranking;
                    if ranking.is_empty() {
                        view! { <p class="empty">"Record entry and exit data to rank provision by cost per unit of gain."</p> }.into_any()
                    } else {
                        ranking.into_iter().map(|(measure, items)| view! {
                            <h3>{measure}</h3>
                            <ol class="ranking">{items.into_iter().map(|(n, c)| view! { <li>{n}": "{c}</li> }).collect_view()}</ol>
                        }).collect_view().into_any()
                    }
                }}
            </section>
            <PupilGains />
        </div>
    }
}

/// One pupil's gains across every provision, oldest first.
#[component]
fn PupilGains() -> impl IntoView {
    let ctx = AppCtx::get();
    let chosen = RwSignal::new(None::<Uuid>);
    let pupils = Memo::new(move |_| {
        ctx.read(|d| {
            let with: std::collections::BTreeSet<Uuid> = d
                .enrolments
                .iter()
                .filter(|e| e.entry.is_some() || e.exit.is_some())
                .map(|e| e.pupil_id)
                .collect();
            let mut v: Vec<&Pupil> = d.pupils.iter().filter(|p| with.contains(&p.id)).collect();
            crate::domain::sort::by(&mut v, |a, b| Pupil::register_order(a, b));
            v.into_iter()
                .map(|p| (p.id, p.full_name()))
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        let id = chosen.get()?;
        Some(ctx.read(|d| {
            let mut es: Vec<&Enrolment> =
                d.enrolments.iter().filter(|e| e.pupil_id == id).collect();
            crate::domain::sort::by_key(&mut es, |e| {
                (
                    e.exit.as_ref().or(e.entry.as_ref()).map(|a| a.date),
                    e.share_order(),
                )
            });
            es.retain(|e| e.entry.is_some() || e.exit.is_some());
            // Each place's attendance over its own dates.
            let span = es.iter().fold(None::<DateRange>, |acc, e| {
                Some(match acc {
                    None => e.range(),
                    Some(a) => DateRange::new(a.start.min(e.start), a.end.max(e.end)),
                })
            });
            let attended = span.map(|s| AttendanceReport::build(d, s, today()));
            es.into_iter()
                .map(|e| {
                    let name = d
                        .provision(e.provision_id)
                        .map_or("(deleted provision)".into(), |p| p.name.clone());
                    let when = match (&e.entry, &e.exit) {
                        (Some(a), Some(b)) => format!("{} to {}", gb(a.date), gb(b.date)),
                        (Some(a), None) => format!("From {}", gb(a.date)),
                        (None, Some(b)) => format!("To {}", gb(b.date)),
                        (None, None) => String::new(),
                    };
                    let attendance = attended
                        .as_ref()
                        .and_then(|r| {
                            r.place(e.id)
                                .map(|x| attendance_note(x.tally.share(), r.threshold))
                        })
                        .unwrap_or_default();
                    (name, when, gain_text(&gain(e, &d.settings)), attendance)
                })
                .collect::<Vec<_>>()
        }))
    });
    view! {
        <section aria-labelledby="pupil-gains-heading">
            <h2 id="pupil-gains-heading">"A pupil's gains over time"</h2>
            <div class="field impact-controls">
                <label for="impact-pupil">"Pupil"</label>
                <select id="impact-pupil" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                    <option value="">"Choose a pupil…"</option>
                    {move || pupils.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                </select>
            </div>
            {move || rows.get().map(|rows| view! {
                <div class="table-scroll">
                    <table class="data-table" id="impact-pupil-gains">
                        <thead><tr><th scope="col">"Provision"</th><th scope="col">"Assessed"</th><th scope="col">"Gain"</th><th scope="col">"Attendance"</th></tr></thead>
                        <tbody>{rows.into_iter().map(|(n, w, g, a)| view! { <tr><td>{n}</td><td>{w}</td><td>{g}</td><td>{a}</td></tr> }).collect_view()}</tbody>
                    </table>
                </div>
            })}
        </section>
    }
}
