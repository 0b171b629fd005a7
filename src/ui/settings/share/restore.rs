//! The data as it was before the last import: kept with the import, and
//! restorable (itself an undoable edit).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::exchange::merge::{plan_import, Mode};
use crate::exchange::Document;
use crate::store::ImportBackup;
use crate::ui::state::{AppCtx, AppStateStoreFields};

/// What was kept before the last import, and the button that restores it;
/// what happened goes to `message`.
#[component]
pub(super) fn RestoreBackup(
    backup: LocalResource<Option<ImportBackup>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let restore = move |_| {
        let Some(Some(b)) = backup.get() else { return };
        let result = Document::from_json(&b.document)
            .map_err(|e| e.to_string())
            .and_then(|doc| {
                ctx.state
                    .data()
                    .with_untracked(|d| {
                        plan_import(d, &doc, Mode::Replace, true, jiff::Timestamp::now())
                    })
                    .map_err(|r| r.to_string())
            });
        match result {
            Err(e) => message.set(Some(format!("The backup could not be restored: {e}"))),
            Ok(plan) => spawn_local(async move {
                let when =
                    crate::ui::widgets::gb(b.taken_at.to_zoned(jiff::tz::TimeZone::UTC).date());
                if ctx
                    .save(
                        format!("Restore the data from before the import on {when}"),
                        plan.changes,
                    )
                    .await
                    .is_ok()
                {
                    message.set(Some(format!(
                        "Restored the data as it was before the import on {when}."
                    )));
                }
            }),
        }
    };
    move || {
        backup.get().flatten().map(|b| view! {
            <div class="restore">
                <p id="import-backup">{format!("Before the last import ({}) the data was kept on {}.", b.before,
                    b.taken_at.to_zoned(jiff::tz::TimeZone::UTC).strftime("%d/%m/%Y at %H:%M UTC"))}</p>
                <button type="button" class="secondary" id="import-restore" on:click=restore>"Restore the data from before the last import"</button>
            </div>
        })
    }
}
