//! HR's dashboard: completion and overdue by unit (each unit counting everything below it) and
//! by region, the people behind the numbers a page at a time, and the completions that look
//! too fast to be real.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap, HashSet};

use super::people::{describe, fast_quiz_people, Names};
use super::query::{self, LineOrder, Selection};
use crate::assignments::{end_of_day_in_tashkent, scope};
use crate::entities::{course, org_unit};
use crate::Error;
use crate::{people::organisation, CurrentUser, Db};
use malaka_shared::i18n::Locale;
use malaka_shared::reports::{
    Dashboard, EnrolmentStatus, GroupCounts, PersonCourseRow, ReportFilter,
};

pub const PAGE_SIZE: u64 = 50;
/// The flagged list is for follow-up, not a report: the most recent this many.
const FLAGGED_SHOWN: usize = 50;

/// The filter made safe: the unit within the viewer's reach, known statuses and dates only.
pub async fn select(
    db: &Db,
    viewer: &CurrentUser,
    filter: &ReportFilter,
) -> Result<Selection, Error> {
    let reach = scope(&db.read, viewer).await?;
    let units = match filter.unit {
        None => reach,
        Some(unit) => {
            if reach.as_ref().is_some_and(|reach| !reach.contains(&unit)) {
                return Err(Error::Forbidden);
            }
            Some(organisation::subtree(&db.read, unit).await?)
        }
    };
    let course_id = match &filter.course {
        None => None,
        Some(slug) => Some(
            course::Entity::find()
                .filter(course::Column::Slug.eq(slug))
                .one(&db.read)
                .await?
                .ok_or(Error::NotFound)?
                .id,
        ),
    };
    let day = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
    };
    Ok(Selection {
        course_id,
        units,
        region: filter.region.clone().filter(|r| !r.is_empty()),
        status: filter.status,
        // A day runs from the end of the day before to the end of the day, in Tashkent.
        due_from: day(&filter.due_from)
            .and_then(|d| d.pred_opt())
            .map(|d| end_of_day_in_tashkent(d) + chrono::Duration::seconds(1)),
        due_to: day(&filter.due_to).map(end_of_day_in_tashkent),
        people: None,
        read_too_fast: false,
    })
}

fn add(group: &mut GroupCounts, status: EnrolmentStatus, n: u64) {
    group.total += n;
    match status {
        EnrolmentStatus::Completed => group.completed += n,
        EnrolmentStatus::Overdue => group.overdue += n,
        EnrolmentStatus::InProgress => group.in_progress += n,
        EnrolmentStatus::NotStarted => group.not_started += n,
    }
}

/// Totals, per unit shown (rolled up over each one's sub-tree) and per region.
pub struct Groups {
    pub totals: GroupCounts,
    pub by_unit: Vec<GroupCounts>,
    pub by_region: Vec<GroupCounts>,
}

/// The units shown are the children of the unit drilled into (or of the viewer's own unit,
/// or the ministries for admins), each with everything below it.
pub async fn groups(
    db: &Db,
    viewer: &CurrentUser,
    filter: &ReportFilter,
    selection: &Selection,
    now: DateTime<Utc>,
) -> Result<Groups, Error> {
    let counts = query::counts_by_unit(&db.read, selection, now).await?;
    let units = org_unit::Entity::find().all(&db.read).await?;
    let region_of: HashMap<i32, &str> = units.iter().map(|u| (u.id, u.region.as_str())).collect();
    let parent_of: HashMap<i32, Option<i32>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let top = filter.unit.or(match viewer.role {
        malaka_shared::people::Role::Admin => None,
        _ => viewer.org_unit_id,
    });
    let shown: Vec<&org_unit::Model> = units.iter().filter(|u| u.parent_id == top).collect();
    let shown_ids: HashSet<i32> = shown.iter().map(|u| u.id).collect();
    // Which shown unit a unit rolls up to: walk up until one of them (or the top) is reached.
    let shown_ancestor = |mut unit: i32| -> Option<i32> {
        for _ in 0..32 {
            if shown_ids.contains(&unit) {
                return Some(unit);
            }
            unit = parent_of.get(&unit).copied().flatten()?;
        }
        None
    };
    let mut totals = GroupCounts::default();
    let mut per_shown: HashMap<i32, GroupCounts> = HashMap::new();
    let mut direct = GroupCounts::default();
    let mut per_region: BTreeMap<String, GroupCounts> = BTreeMap::new();
    for &(unit, status, n) in &counts {
        let n = n as u64;
        add(&mut totals, status, n);
        match unit.and_then(shown_ancestor) {
            Some(shown) => add(per_shown.entry(shown).or_default(), status, n),
            None => add(&mut direct, status, n),
        }
        let region = unit.and_then(|u| region_of.get(&u).copied()).unwrap_or("");
        add(per_region.entry(region.to_owned()).or_default(), status, n);
    }
    let paths = organisation::paths(&units);
    let mut by_unit: Vec<GroupCounts> = shown
        .iter()
        .map(|unit| GroupCounts {
            key: unit.id.to_string(),
            label: unit.name.clone(),
            ..per_shown.remove(&unit.id).unwrap_or_default()
        })
        .collect();
    by_unit.sort_by(|a, b| a.label.cmp(&b.label));
    if direct.total > 0 {
        // People placed in the unit itself rather than below it.
        let label = top
            .and_then(|t| paths.get(&t))
            .and_then(|p| p.last().cloned())
            .unwrap_or_default();
        by_unit.insert(
            0,
            GroupCounts {
                key: String::new(),
                label,
                ..direct
            },
        );
    }
    let by_region = per_region
        .into_iter()
        .map(|(region, counts)| GroupCounts {
            key: region.clone(),
            label: region,
            ..counts
        })
        .collect();
    Ok(Groups {
        totals,
        by_unit,
        by_region,
    })
}

/// The latest completions that look gamed: read in a fraction of the time (found by the
/// database) or with the final quiz passed in seconds (found from the passing attempts).
async fn flagged(
    db: &Db,
    names: &Names,
    selection: &Selection,
    now: DateTime<Utc>,
) -> Result<Vec<PersonCourseRow>, Error> {
    let shown = Some((FLAGGED_SHOWN as u64, 0));
    let read_too_fast = Selection {
        read_too_fast: true,
        ..selection.clone()
    };
    let mut lines = query::lines(
        &db.read,
        &read_too_fast,
        now,
        LineOrder::RecentlyCompleted,
        shown,
    )
    .await?;
    let quizzers = fast_quiz_people(db).await?;
    if !quizzers.is_empty() {
        let quiz_too_fast = Selection {
            status: Some(EnrolmentStatus::Completed),
            people: Some(quizzers),
            ..selection.clone()
        };
        lines.extend(
            query::lines(
                &db.read,
                &quiz_too_fast,
                now,
                LineOrder::RecentlyCompleted,
                shown,
            )
            .await?,
        );
    }
    let mut seen = HashSet::new();
    lines.retain(|line| seen.insert((line.user_id, line.course_id)));
    let mut rows: Vec<PersonCourseRow> = describe(db, names, lines, now)
        .await?
        .into_iter()
        .filter(|row| !row.flags.is_empty())
        .collect();
    rows.sort_by(|a, b| b.completed_on.cmp(&a.completed_on));
    rows.truncate(FLAGGED_SHOWN);
    Ok(rows)
}

pub async fn dashboard(
    db: &Db,
    viewer: &CurrentUser,
    filter: ReportFilter,
    page: u64,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<Dashboard, Error> {
    let selection = select(db, viewer, &filter).await?;
    let groups = groups(db, viewer, &filter, &selection, now).await?;
    let names = Names::load(db, locale).await?;
    // The grouped counts already count the selected lines: no second pass over them.
    let people_total = groups.totals.total;
    let page = page.min(people_total.saturating_sub(1) / PAGE_SIZE);
    let lines = query::lines(
        &db.read,
        &selection,
        now,
        LineOrder::ChaseFirst,
        Some((PAGE_SIZE, page * PAGE_SIZE)),
    )
    .await?;
    let people = describe(db, &names, lines, now).await?;
    let flagged = flagged(db, &names, &selection, now).await?;
    let reach = scope(&db.read, viewer).await?;
    let mut units: Vec<(i32, String)> = names
        .unit_paths
        .iter()
        .filter(|(id, _)| reach.as_ref().is_none_or(|r| r.contains(id)))
        .map(|(id, path)| (*id, path.clone()))
        .collect();
    units.sort_by(|a, b| a.1.cmp(&b.1));
    let mut regions: Vec<String> = names
        .unit_regions
        .iter()
        .filter(|(id, _)| reach.as_ref().is_none_or(|r| r.contains(id)))
        .map(|(_, region)| region.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    regions.sort();
    Ok(Dashboard {
        unit_path: filter.unit.and_then(|u| names.unit_paths.get(&u).cloned()),
        courses: names.course_choices(),
        units,
        regions,
        totals: groups.totals,
        by_unit: groups.by_unit,
        by_region: groups.by_region,
        people,
        people_total,
        page,
        page_size: PAGE_SIZE,
        flagged,
        filter,
    })
}
