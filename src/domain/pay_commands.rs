//! Commands for dated pay (see [`super::commands`] for what a command is):
//! a role's rate changes (pay awards), and the pay scales in the settings
//! with their dated versions. Each is a pure function of the data, what was
//! typed and the time, returning the edit to save or every problem by field.
//!
//! A pay scale a role takes its salary from cannot be deleted, and a
//! version cannot be changed or deleted so that a role's point is left in
//! no version of its scale: the refusal names the role.

use jiff::civil::Date;
use jiff::Timestamp;
use uuid::Uuid;

use super::calendar::gb;
use super::commands::{gone, refuse_in_use};
use super::dataset::Dataset;
use super::edit::{Change, Edit, Record};
use super::fields::{PayScaleField, RoleField};
use super::pay::{
    scale_point_problem, PayScale, PayScaleDraft, RateChangeDraft, ScaleVersionDraft,
};
use super::settings::SchoolSettings;
use super::staff::StaffRole;
use super::validation::Problems;

fn role_of(data: &Dataset, id: Uuid) -> Result<&StaffRole, Problems<RoleField>> {
    data.role(id)
        .ok_or_else(|| gone(RoleField::Id, "That role"))
}

/// Add a rate from a date to role `role_id` (`replacing` is `None`), or
/// change its rate from `replacing` as the draft says.
pub fn save_rate_change(
    data: &Dataset,
    role_id: Uuid,
    replacing: Option<Date>,
    draft: &RateChangeDraft,
    now: Timestamp,
) -> Result<Edit, Problems<RoleField>> {
    let role = role_of(data, role_id)?;
    if let Some(from) = replacing {
        if !role.rate_changes.iter().any(|c| c.from == from) {
            return Err(gone(RoleField::Id, &format!("The rate from {}", gb(from))));
        }
    }
    let change = draft.build(&data.settings.pay_scales)?;
    let mut changes: Vec<_> = role
        .rate_changes
        .iter()
        .filter(|c| Some(c.from) != replacing)
        .cloned()
        .collect();
    let mut p = Problems::default();
    if changes.iter().any(|c| c.from == change.from) {
        p.push(
            RoleField::ChangeFrom,
            format!(
                "{} already has a rate from {}: edit that one.",
                role.name,
                gb(change.from)
            ),
        );
        return Err(p);
    }
    if let Some(sp) = scale_of(&change.rate) {
        if let Some(m) = scale_point_problem(sp, &data.settings.pay_scales) {
            p.push(RoleField::Scale, m);
            return Err(p);
        }
    }
    let label = format!(
        "{} {}'s rate from {}",
        if replacing.is_some() { "Change" } else { "Add" },
        role.name,
        gb(change.from)
    );
    changes.push(change);
    crate::domain::sort::by_key(&mut changes, |c| c.from);
    let updated = StaffRole {
        rate_changes: changes,
        updated_at: now,
        ..role.clone()
    };
    updated.validate().into_result()?;
    Ok(Edit::new(
        data,
        label,
        vec![Change::Put(Record::Role(updated))],
    ))
}

fn scale_of(rate: &super::staff::RateBasis) -> Option<&super::pay::ScalePoint> {
    match rate {
        super::staff::RateBasis::Salary(s) => s.scale.as_ref(),
        _ => None,
    }
}

/// Take role `role_id`'s rate from `from` away: the rate before it then
/// runs on until the next change.
pub fn delete_rate_change(
    data: &Dataset,
    role_id: Uuid,
    from: Date,
    now: Timestamp,
) -> Result<Edit, Problems<RoleField>> {
    let role = role_of(data, role_id)?;
    if !role.rate_changes.iter().any(|c| c.from == from) {
        return Err(gone(RoleField::Id, &format!("The rate from {}", gb(from))));
    }
    let updated = StaffRole {
        rate_changes: role
            .rate_changes
            .iter()
            .filter(|c| c.from != from)
            .cloned()
            .collect(),
        updated_at: now,
        ..role.clone()
    };
    Ok(Edit::new(
        data,
        format!("Delete {}'s rate from {}", role.name, gb(from)),
        vec![Change::Put(Record::Role(updated))],
    ))
}

/// The settings with scale `id` replaced by `scale` (added when `id` is
/// `None`), checked: the scale's own problems, a name another scale has,
/// and roles whose point the change would leave in no version.
fn with_scale(
    data: &Dataset,
    id: Option<Uuid>,
    scale: PayScale,
    now: Timestamp,
) -> Result<SchoolSettings, Problems<PayScaleField>> {
    scale.validate().into_result()?;
    let mut p = Problems::default();
    let name = scale.name.to_lowercase();
    if data
        .settings
        .pay_scales
        .iter()
        .any(|s| Some(s.id) != id && s.name.to_lowercase() == name)
    {
        p.push(
            PayScaleField::Name,
            format!("Another pay scale is called {}.", scale.name),
        );
        return Err(p);
    }
    let mut s = data.settings.clone();
    match s.pay_scales.iter_mut().find(|x| Some(x.id) == id) {
        Some(x) => *x = scale,
        None => s.pay_scales.push(scale),
    }
    if s.pay_scales.len() > super::limits::MAX_PAY_SCALES {
        p.push(
            PayScaleField::Name,
            format!(
                "At most {} pay scales are kept: delete one first.",
                super::limits::MAX_PAY_SCALES
            ),
        );
        return Err(p);
    }
    for r in data.roles.iter() {
        for sp in r.scale_points() {
            if let Some(m) = scale_point_problem(sp, &s.pay_scales) {
                p.push(
                    PayScaleField::Points,
                    format!("The role {} would have no salary: {m}", r.name),
                );
            }
        }
    }
    s.updated_at = now;
    p.into_result().map(|()| s)
}

fn scale_of_id(data: &Dataset, id: Uuid) -> Result<&PayScale, Problems<PayScaleField>> {
    data.settings
        .pay_scale(id)
        .ok_or_else(|| gone(PayScaleField::Id, "That pay scale"))
}

fn put_settings(data: &Dataset, label: String, s: SchoolSettings) -> Edit {
    Edit::new(data, label, vec![Change::Put(Record::Settings(s))])
}

/// Add a pay scale (`id` is `None`, with no versions yet) or change scale
/// `id`'s name and kind.
pub fn save_pay_scale(
    data: &Dataset,
    id: Option<Uuid>,
    draft: &PayScaleDraft,
    now: Timestamp,
) -> Result<Edit, Problems<PayScaleField>> {
    let scale = match id {
        None => PayScale {
            id: Uuid::new_v4(),
            name: draft.name.trim().to_owned(),
            kind: draft.kind,
            versions: Vec::new(),
        },
        Some(id) => PayScale {
            name: draft.name.trim().to_owned(),
            kind: draft.kind,
            ..scale_of_id(data, id)?.clone()
        },
    };
    let label = format!(
        "{} the pay scale {}",
        if id.is_some() { "Edit" } else { "Add" },
        scale.name
    );
    let s = with_scale(data, id.or(Some(scale.id)), scale, now)?;
    Ok(put_settings(data, label, s))
}

/// Delete pay scale `id`, unless a role takes its salary from it.
pub fn delete_pay_scale(
    data: &Dataset,
    id: Uuid,
    now: Timestamp,
) -> Result<Edit, Problems<PayScaleField>> {
    let scale = scale_of_id(data, id)?;
    refuse_in_use(PayScaleField::Id, &scale.name, data.pay_scale_in_use(id))?;
    let mut s = data.settings.clone();
    s.pay_scales.retain(|x| x.id != id);
    s.updated_at = now;
    Ok(put_settings(
        data,
        format!("Delete the pay scale {}", scale.name),
        s,
    ))
}

/// Add a version to pay scale `scale_id` (`replacing` is `None`), or
/// change its version from `replacing`, as the draft says.
pub fn save_scale_version(
    data: &Dataset,
    scale_id: Uuid,
    replacing: Option<Date>,
    draft: &ScaleVersionDraft,
    now: Timestamp,
) -> Result<Edit, Problems<PayScaleField>> {
    let scale = scale_of_id(data, scale_id)?;
    if let Some(from) = replacing {
        if !scale.versions.iter().any(|v| v.from == from) {
            return Err(gone(
                PayScaleField::Id,
                &format!("The version from {}", gb(from)),
            ));
        }
    }
    let v = draft.build()?;
    let mut versions: Vec<_> = scale
        .versions
        .iter()
        .filter(|x| Some(x.from) != replacing)
        .cloned()
        .collect();
    if versions.iter().any(|x| x.from == v.from) {
        let mut p = Problems::default();
        p.push(
            PayScaleField::From,
            format!(
                "{} already has a version from {}: edit that one.",
                scale.name,
                gb(v.from)
            ),
        );
        return Err(p);
    }
    let label = format!(
        "{} the {} salaries from {}",
        if replacing.is_some() { "Change" } else { "Add" },
        scale.name,
        gb(v.from)
    );
    versions.push(v);
    crate::domain::sort::by_key(&mut versions, |x| x.from);
    let updated = PayScale {
        versions,
        ..scale.clone()
    };
    let s = with_scale(data, Some(scale_id), updated, now)?;
    Ok(put_settings(data, label, s))
}

/// Delete pay scale `scale_id`'s version from `from`, unless a role's
/// point would then be in no version.
pub fn delete_scale_version(
    data: &Dataset,
    scale_id: Uuid,
    from: Date,
    now: Timestamp,
) -> Result<Edit, Problems<PayScaleField>> {
    let scale = scale_of_id(data, scale_id)?;
    if !scale.versions.iter().any(|v| v.from == from) {
        return Err(gone(
            PayScaleField::Id,
            &format!("The version from {}", gb(from)),
        ));
    }
    let updated = PayScale {
        versions: scale
            .versions
            .iter()
            .filter(|v| v.from != from)
            .cloned()
            .collect(),
        ..scale.clone()
    };
    let label = format!("Delete the {} salaries from {}", scale.name, gb(from));
    let s = with_scale(data, Some(scale_id), updated, now)?;
    Ok(put_settings(data, label, s))
}
