//! When to remind the SENCO to export a backup: the data lives only in this
//! browser, so a lost or wiped device loses everything not exported.

use jiff::{SignedDuration, Timestamp};

/// The reminder to show, if one is due: there is data, and the last export
/// is older than `days` days (or there has been none).
pub fn reminder(
    last_export: Option<Timestamp>,
    days: u32,
    now: Timestamp,
    has_data: bool,
) -> Option<String> {
    if !has_data || days == 0 {
        return None;
    }
    match last_export {
        None => Some("Your data is only in this browser and has never been exported. Export a backup and keep it somewhere safe.".into()),
        Some(t) => {
            let age = now.duration_since(t);
            let limit = SignedDuration::from_hours(24 * i64::from(days));
            (age > limit).then(|| {
                let d = age.as_hours() / 24;
                format!("Your last backup was {d} days ago. Export a new one and keep it somewhere safe.")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminds_when_due_only() {
        let now: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        let days_ago = |d: i64| now - SignedDuration::from_hours(24 * d);
        assert!(
            reminder(None, 14, now, false).is_none(),
            "nothing to back up"
        );
        assert!(reminder(None, 14, now, true)
            .unwrap()
            .contains("never been exported"));
        assert!(
            reminder(Some(days_ago(14)), 14, now, true).is_none(),
            "exactly 14 days is not over"
        );
        assert_eq!(
            reminder(Some(days_ago(15)), 14, now, true).as_deref(),
            Some("Your last backup was 15 days ago. Export a new one and keep it somewhere safe.")
        );
        assert!(
            reminder(Some(days_ago(400)), 0, now, true).is_none(),
            "0 turns reminders off"
        );
    }
}
