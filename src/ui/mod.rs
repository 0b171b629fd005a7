//! Leptos components. They hold no business rules: they call `domain`
//! functions, write through `store`, and render reactive state.
//!
//! Data flows one way: UI event -> domain update -> store write -> state -> view.

pub mod pupils;
pub mod state;
pub mod widgets;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::store::{Db, DB_NAME};
use state::{AppCtx, AppState, AppStateStoreFields, Phase, SaveState};

/// Start the app in the page's `<body>`, using the app's own database.
pub fn mount() {
    mount_to_body(|| view! { <App db_name=DB_NAME /> });
}

/// The whole app: opens the database named `db_name`, loads it into reactive
/// state once, then shows the workspace.
#[component]
pub fn App(#[prop(into)] db_name: String) -> impl IntoView {
    let ctx = AppCtx {
        state: reactive_stores::Store::new(AppState::default()),
        db: StoredValue::new_local(None),
        save: RwSignal::new(SaveState::Idle),
    };
    provide_context(ctx);
    let phase = RwSignal::new(Phase::Loading);

    spawn_local(async move {
        let loaded = async {
            let db = Db::open(&db_name).await?;
            let pupils = db.pupils().await?;
            Ok::<_, crate::store::StoreError>((db, pupils))
        };
        match loaded.await {
            Ok((db, pupils)) => {
                ctx.db.set_value(Some(db));
                ctx.state.pupils().set(state::sorted(pupils));
                phase.set(Phase::Ready);
            }
            Err(e) => phase.set(Phase::Failed(e.to_string())),
        }
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <p class="app-name">"Waymark"</p>
            <nav aria-label="Main">
                <ul>
                    <li><a href="#main" aria-current="page">"Pupils"</a></li>
                </ul>
            </nav>
            <widgets::SaveStatus />
        </header>
        <main id="main" tabindex="-1">
            {move || match phase.get() {
                Phase::Loading => view! {
                    <p class="loading" role="status">"Opening your saved data…"</p>
                }.into_any(),
                Phase::Ready => view! { <pupils::PupilRegister /> }.into_any(),
                Phase::Failed(message) => view! {
                    <div class="error-panel" role="alert">
                        <h1>"Your data could not be opened"</h1>
                        <p>{message}</p>
                        <p>"Nothing has been changed. Close other tabs of this app and reload the page to try again."</p>
                    </div>
                }.into_any(),
            }}
        </main>
    }
}
