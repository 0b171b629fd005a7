//! Leptos components. They hold no business rules: they call `domain`
//! functions, write through [`state::AppCtx::save`], and render reactive state.
//!
//! Data flows one way: UI event -> domain update -> store write -> state -> view.

pub mod attendance;
pub mod browser;
pub mod budget;
pub mod home;
pub mod impact;
pub mod interventions;
pub mod map;
pub mod provisions;
pub mod pupils;
pub mod reports;
pub mod settings;
pub mod staff;
pub mod state;
pub mod timetable;
pub mod update;
pub mod widgets;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::edit::History;
use crate::store::sync::TabSync;
use crate::store::{Db, DB_NAME};
use state::{AppCtx, AppState, Phase, SaveState};

/// Start the app in the page's `<body>`, using the app's own database.
/// A named moment on the page's performance timeline, where the
/// benchmark (tests/bench) splits cold start into its parts.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub fn mount() {
    mount_to_body(|| view! { <App db_name=DB_NAME embedded=false /> });
}

thread_local! {
    /// The shadow root the app lives in when embedded in a host page.
    static SHADOW: std::cell::RefCell<Option<web_sys::ShadowRoot>> = const { std::cell::RefCell::new(None) };
}

/// Start the app inside `el`, which is in `root`, the shadow root of a
/// `<provision-map>` element in a host page (see `embed.js`). Views are
/// chosen in memory: the host's URL is never changed.
pub fn mount_embedded_in(el: web_sys::HtmlElement, root: web_sys::ShadowRoot) {
    SHADOW.with(|s| *s.borrow_mut() = Some(root));
    leptos::mount::mount_to(el, || view! { <App db_name=DB_NAME embedded=true /> }).forget();
}

/// The element with `id`, in the page or in the app's shadow root.
pub fn find_element(id: &str) -> Option<web_sys::Element> {
    document()
        .get_element_by_id(id)
        .or_else(|| SHADOW.with(|s| s.borrow().as_ref().and_then(|r| r.get_element_by_id(id))))
}

/// How the app moves between views: the URL's hash when it has the page to
/// itself (deep links survive a reload), memory when embedded.
#[derive(Clone, Copy)]
pub struct Router {
    pub view: RwSignal<View>,
    pub embedded: bool,
}

thread_local! {
    /// The embedded app's view (set when it mounts), for [`navigate`],
    /// which is also called from async tasks that have no context.
    static EMBEDDED_VIEW: std::cell::Cell<Option<RwSignal<View>>> = const { std::cell::Cell::new(None) };
}

/// Go to the view a `#/...` link names.
pub fn navigate(hash: &str) {
    match EMBEDDED_VIEW.with(std::cell::Cell::get) {
        Some(view) => view.set(View::from_hash(hash)),
        None => {
            let _ = window().location().set_hash(hash);
        }
    }
}

/// The views, chosen by the URL's hash so the app needs no server routing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// What is due: the first view.
    Home,
    Pupils,
    Pupil(uuid::Uuid),
    /// A pupil's top-up evidence pack.
    Evidence(uuid::Uuid),
    Interventions,
    /// The provisions list with the add form filled from a library entry.
    ProvisionFrom(uuid::Uuid),
    Impact,
    Reports,
    Provisions,
    Provision(uuid::Uuid),
    Timetable,
    /// A provision's attendance register, for the week of the date given
    /// (its default week when none is).
    Attendance(uuid::Uuid, Option<jiff::civil::Date>),
    Map,
    Budget,
    Staff,
    Settings,
}

impl View {
    pub fn from_hash(hash: &str) -> View {
        let path = hash.trim_start_matches('#');
        match path {
            "/pupils" => View::Pupils,
            "/settings" => View::Settings,
            "/provisions" => View::Provisions,
            "/timetable" => View::Timetable,
            "/map" => View::Map,
            "/budget" => View::Budget,
            "/staff" => View::Staff,
            "/interventions" => View::Interventions,
            "/impact" => View::Impact,
            "/reports" => View::Reports,
            _ => {
                let id = |prefix: &str| path.strip_prefix(prefix).and_then(|id| id.parse().ok());
                if let Some(id) = id("/provisions/from/") {
                    View::ProvisionFrom(id)
                } else if let Some(v) = Self::attendance(path) {
                    v
                } else if let Some(id) = id("/provisions/") {
                    View::Provision(id)
                } else if let Some(id) = path
                    .strip_prefix("/pupils/")
                    .and_then(|rest| rest.strip_suffix("/evidence"))
                    .and_then(|id| id.parse().ok())
                {
                    View::Evidence(id)
                } else if let Some(id) = id("/pupils/") {
                    View::Pupil(id)
                } else {
                    View::Home
                }
            }
        }
    }

    /// `/provisions/{id}/attendance`, with `/{date}` for a week.
    fn attendance(path: &str) -> Option<View> {
        let mut parts = path.strip_prefix("/provisions/")?.split('/');
        let id = parts.next()?.parse().ok()?;
        if parts.next()? != "attendance" {
            return None;
        }
        let week = parts
            .next()
            .and_then(crate::domain::attendance_register::parse_week);
        Some(View::Attendance(id, week))
    }

    /// The main-menu item this view belongs to.
    fn section(self) -> View {
        match self {
            View::Provision(_) | View::ProvisionFrom(_) | View::Attendance(..) => View::Provisions,
            View::Pupil(_) | View::Evidence(_) => View::Pupils,
            v => v,
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The whole app: opens the database named `db_name`, loads it into reactive
/// state once, then shows the workspace.
#[component]
pub fn App(#[prop(into)] db_name: String, #[prop(optional)] embedded: bool) -> impl IntoView {
    let ctx = AppCtx {
        state: reactive_stores::Store::new(AppState {
            data: crate::domain::dataset::Dataset::empty(
                crate::domain::settings::SchoolSettings::first_run(Timestamp::now()),
            ),
        }),
        db: StoredValue::new_local(None),
        sync: StoredValue::new_local(None),
        save: RwSignal::new(SaveState::Idle),
        history: RwSignal::new(History::default()),
        outdated: RwSignal::new(false),
        meta: RwSignal::new(None),
        settings_saved: RwSignal::new(false),
        set_aside: RwSignal::new(Vec::new()),
        year: RwSignal::new(None),
        financial_year: RwSignal::new(None),
        tables: std::array::from_fn(|_| Trigger::new()),
        own_writes: StoredValue::new(std::collections::HashMap::new()),
        saves_started: StoredValue::new(0),
    };
    provide_context(ctx);
    let phase = RwSignal::new(Phase::Loading);
    let view = RwSignal::new(if embedded {
        View::Home
    } else {
        View::from_hash(&current_hash())
    });
    provide_context(Router { view, embedded });
    if embedded {
        EMBEDDED_VIEW.with(|v| v.set(Some(view)));
    }
    if !embedded {
        let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
            view.set(View::from_hash(&current_hash()));
        });
        on_cleanup(move || on_hash.remove());
    }
    // A newer build is waiting (boot.js says so): offer to reload.
    let update_ready = RwSignal::new(false);
    let on_update =
        window_event_listener_untyped("waymark-update-ready", move |_| update_ready.set(true));
    on_cleanup(move || on_update.remove());
    // Which forms hold typing not yet saved, for the update banner.
    let unsaved = update::Unsaved::new(ctx);
    let due = home::DueNow::provide(ctx);
    // The count beside Home is worked out when the data has been still for
    // a moment (after the app opened, and after each change), so it never
    // delays the first view or an edit's paint: at 8,000 pupils working out
    // what is due takes about a quarter of a second.
    let due_count = RwSignal::new(0usize);
    let pending = StoredValue::new_local(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |_| {
        if phase.get() != Phase::Ready {
            return;
        }
        ctx.tables.iter().for_each(Track::track);
        ctx.meta.track();
        ctx.year.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || due_count.set(due.0.with_untracked(|d| d.total())),
            std::time::Duration::from_millis(400),
        )
        .ok();
        pending.set_value(handle);
    });
    // Embedded, links to views must not touch the host's URL: handle them here.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use leptos::wasm_bindgen::JsCast;
        if !embedded {
            return;
        }
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href^='#']").ok().flatten())
        else {
            return;
        };
        let href = a.get_attribute("href").unwrap_or_default();
        ev.prevent_default();
        if href == "#main" {
            if let Some(m) =
                find_element("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = m.focus();
            }
        } else {
            view.set(View::from_hash(&href));
        }
    };

    spawn_local(async move {
        let loaded = async {
            mark("waymark-start");
            let db = Db::open_with(&db_name, move || phase.set(Phase::Blocked)).await?;
            mark("waymark-opened");
            let loaded = db.load(Timestamp::now()).await?;
            let meta = db.meta().await?;
            mark("waymark-loaded");
            Ok::<_, crate::store::StoreError>((db, loaded, meta))
        };
        match loaded.await {
            Ok((db, loaded, meta)) => {
                let data = loaded.data;
                ctx.meta.set(Some(meta));
                ctx.settings_saved.set(loaded.settings.is_some());
                ctx.set_aside.set(loaded.set_aside);
                // A newer version of the app in another tab wants to upgrade:
                // let it, and stop writing here.
                let closing = db.clone();
                db.on_version_change(move || {
                    closing.close();
                    ctx.outdated.set(true);
                });
                ctx.sync
                    .set_value(TabSync::open(&db_name, move |changes| ctx.receive(changes)));
                ctx.db.set_value(Some(db));
                ctx.load(data);
                phase.set(Phase::Ready);
            }
            Err(e) => phase.set(Phase::Failed(e.to_string())),
        }
    });

    let nav = move |target: View, href: &'static str, label: &'static str| {
        view! {
            <li>
                <a href=href aria-current=move || (view.get().section() == target).then_some("page")>{label}</a>
            </li>
        }
    };
    // A label shown shorter on a tablet; the link is always named in full.
    let nav_short = move |target: View,
                          href: &'static str,
                          label: &'static str,
                          short: &'static str| {
        view! {
            <li>
                <a href=href aria-label=label aria-current=move || (view.get().section() == target).then_some("page")>
                    <span class="long">{label}</span><span class="short">{short}</span>
                </a>
            </li>
        }
    };

    view! {
        <div class="waymark-app" on:click=on_click
            on:input=move |ev| unsaved.on_typed(&ev) on:change=move |ev| unsaved.on_typed(&ev)
            on:submit:capture=move |_| unsaved.before_submit(ctx)
            on:submit=move |ev| unsaved.on_submit(ctx, &ev)>
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <p class="app-name">"Waymark"</p>
            <nav aria-label="Main">
                <ul>
                    <li>
                        <a href="#/" aria-current=move || (view.get().section() == View::Home).then_some("page")>
                            "Home"
                            {move || match due_count.get() {
                                0 => None,
                                n => Some(view! {
                                    <span class="nav-count" id="nav-due-count">{n}<span class="visually-hidden">{if n == 1 { " thing due" } else { " things due" }}</span></span>
                                }),
                            }}
                        </a>
                    </li>
                    {nav(View::Pupils, "#/pupils", "Pupils")}
                    {nav(View::Interventions, "#/interventions", "Interventions")}
                    {nav(View::Provisions, "#/provisions", "Provisions")}
                    {nav(View::Timetable, "#/timetable", "Timetable")}
                    {nav_short(View::Map, "#/map", "Provision map", "Map")}
                    {nav(View::Budget, "#/budget", "Budget")}
                    {nav(View::Staff, "#/staff", "Staff")}
                    {nav(View::Impact, "#/impact", "Impact")}
                    {nav(View::Reports, "#/reports", "Reports")}
                    {nav(View::Settings, "#/settings", "Settings")}
                </ul>
            </nav>
            <widgets::UndoRedo />
            <widgets::SaveStatus />
        </header>
        <widgets::Notices />
        <Show when=move || !ctx.set_aside.with(Vec::is_empty)>
            <div class="notice banner" role="alert" id="set-aside-notice">
                <p>{move || {
                    let n = ctx.set_aside.with(Vec::len);
                    format!("{n} stored record{} could not be used and {} set aside, left out of every figure. ", if n == 1 { "" } else { "s" }, if n == 1 { "is" } else { "are" })
                }}<a href="#/settings">"See them in Settings"</a></p>
            </div>
        </Show>
        <update::UpdateBanner ready=update_ready unsaved=unsaved />
        <main id="main" tabindex="-1">
            {move || match phase.get() {
                Phase::Loading => view! {
                    <p class="loading" role="status">"Opening your saved data…"</p>
                }.into_any(),
                Phase::Blocked => view! {
                    <div class="notice" role="alert">
                        <h1>"Waiting for other tabs"</h1>
                        <p>"This version of Waymark needs to update how your data is stored. Close Waymark in your other tabs or windows; it will carry on by itself."</p>
                    </div>
                }.into_any(),
                Phase::Ready => match view.get() {
                    View::Home => view! { <home::HomePage /> }.into_any(),
                    View::Pupils => view! { <pupils::PupilRegister /> }.into_any(),
                    View::Pupil(id) => view! { <pupils::page::PupilPage id=id /> }.into_any(),
                    View::Evidence(id) => view! { <pupils::evidence::EvidencePack id=id /> }.into_any(),
                    View::Interventions => view! { <interventions::InterventionsPage /> }.into_any(),
                    View::Provisions => view! { <provisions::ProvisionsPage from=None /> }.into_any(),
                    View::ProvisionFrom(id) => view! { <provisions::ProvisionsPage from=Some(id) /> }.into_any(),
                    View::Impact => view! { <impact::ImpactPage /> }.into_any(),
                    View::Reports => view! { <reports::ReportsPage /> }.into_any(),
                    View::Provision(id) => view! { <provisions::ProvisionPage id=id /> }.into_any(),
                    View::Timetable => view! { <timetable::TimetablePage /> }.into_any(),
                    View::Attendance(id, week) => view! { <attendance::AttendanceRegister id=id week=week /> }.into_any(),
                    View::Map => view! { <map::MapPage /> }.into_any(),
                    View::Budget => view! { <budget::BudgetPage /> }.into_any(),
                    View::Staff => view! { <staff::StaffPage /> }.into_any(),
                    View::Settings => view! { <settings::SettingsPage /> }.into_any(),
                },
                Phase::Failed(message) => view! {
                    <div class="error-panel" role="alert">
                        <h1>"Your data could not be opened"</h1>
                        <p>{message}</p>
                        <p>"Nothing has been changed. Close other tabs of this app and reload the page to try again."</p>
                    </div>
                }.into_any(),
            }}
        </main>
        </div>
    }
}
