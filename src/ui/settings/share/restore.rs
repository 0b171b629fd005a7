//! The data as it was before each of the last five imports or restores:
//! kept with the import, restorable (itself an undoable edit, which first
//! keeps the data as it is), and deletable (an erasure request must be
//! possible).

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::exchange::merge::plan_restore;
use crate::exchange::Document;
use crate::store::ImportBackup;
use crate::ui::state::{AppCtx, AppStateStoreFields};

/// When a backup was taken, in words.
fn when(b: &ImportBackup) -> String {
    b.taken_at
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%d/%m/%Y at %H:%M UTC")
        .to_string()
}

/// The backups kept, newest first, each with its date, what was about to
/// happen, and buttons to restore or delete it; what happened goes to
/// `message`.
#[component]
pub(super) fn RestoreBackup(
    backups: LocalResource<Vec<ImportBackup>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let restore = move |b: ImportBackup| {
        let result = Document::from_json(&b.document)
            .map_err(|e| e.to_string())
            .and_then(|doc| {
                ctx.state
                    .data()
                    .with_untracked(|d| plan_restore(d, &doc, Timestamp::now()))
                    .map_err(|r| r.to_string())
            });
        match result {
            Err(e) => message.set(Some(format!("The backup could not be restored: {e}"))),
            Ok(plan) => {
                let when = when(&b);
                // Restoring first keeps the data as it is now.
                let present = ctx
                    .state
                    .data()
                    .with_untracked(|d| Document::new(d.clone(), Timestamp::now()));
                let keep = ImportBackup::new(
                    present.exported_at,
                    format!("restoring the backup of {when}"),
                    present.to_json(),
                );
                spawn_local(async move {
                    match ctx
                        .save_import(
                            format!("Restore the data kept on {when}"),
                            plan.changes,
                            keep,
                        )
                        .await
                    {
                        Ok(()) => message.set(Some(format!(
                            "Restored the data as it was before {} (kept on {when}). The data as it was just now is kept too.",
                            b.before
                        ))),
                        Err(e) => message.set(Some(format!("Nothing was restored: {e}"))),
                    }
                });
            }
        }
    };
    let delete = move |b: ImportBackup| {
        spawn_local(async move {
            match ctx.db().delete_backup(b.key()).await {
                Ok(()) => {
                    message.set(Some(format!("Deleted the backup kept on {}.", when(&b))));
                    backups.refetch();
                }
                Err(e) => message.set(Some(format!("The backup was not deleted: {e}"))),
            }
        });
    };
    move || {
        let list = backups.get().unwrap_or_default();
        (!list.is_empty()).then(|| {
            view! {
                <div class="restore" id="import-backups">
                    <h4>{format!("Backups kept before imports and restores (the last {})", crate::domain::backup::KEPT)}</h4>
                    <ul>
                        {list.into_iter().enumerate().map(|(i, b)| {
                            let (r, d) = (b.clone(), b.clone());
                            view! {
                                <li>
                                    <p id=format!("import-backup-{i}")>{format!("Kept on {} (before {}).", when(&b), b.before)}</p>
                                    <div class="actions-row">
                                        <button type="button" class="secondary" id=format!("import-restore-{i}")
                                            aria-label=format!("Restore the data kept on {}", when(&b))
                                            on:click=move |_| restore(r.clone())>"Restore"</button>
                                        <button type="button" class="secondary" id=format!("import-delete-{i}")
                                            aria-label=format!("Delete the backup kept on {}", when(&b))
                                            on:click=move |_| delete(d.clone())>"Delete"</button>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
