//! The cross-functional integration analysis as a grid: the teams with their touchpoints (typed
//! comma-separated), the RACI matrix (an activity, then each team's role, cycled in the order of
//! [`RaciRole::ALL`]) and the sections depended on, by id.
//!
//! Every table's rows can be added and removed. The RACI has one column per team in team order:
//! adding or removing a team adds or removes its column of roles in every activity.

use super::names::{Names, PerItemColumn, names};
use super::rows::{insert_after, remove_at};
use super::{Cell, CellError, GridKind, Table, parse};
use crate::model::{RaciRole, RaciRow, TeamTouchpoints, Worksheet};

/// The header of the RACI's first column; one column per team follows.
const ACTIVITY_HEADER: &str = "Activity";

names! {
    enum IntegrationTable {
        Teams => "Teams and touchpoints (comma-separated)",
        Raci => "RACI (R responsible · A accountable · C consulted · I informed)",
        DependsOn => "Depends on sections (ids)",
    }
}

names! {
    enum TeamColumn {
        Team => "Team",
        Touchpoints => "Touchpoints",
    }
}

names! {
    enum DependsOnColumn {
        Section => "Section",
    }
}

/// [`Worksheet::Integration`].
pub(super) struct Integration;

impl GridKind for Integration {
    fn tables(&self, ws: &Worksheet, _option_name: &dyn Fn(&str) -> String) -> Vec<Table> {
        let Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } = ws
        else {
            return Vec::new();
        };
        let team_rows = teams
            .iter()
            .map(|t| {
                TeamColumn::cells(|col| match col {
                    TeamColumn::Team => Cell::text(&t.team),
                    TeamColumn::Touchpoints => Cell::text(t.touchpoints.join(", ")),
                })
            })
            .collect();
        let raci_rows = raci
            .iter()
            .map(|r| {
                PerItemColumn::all(teams.len())
                    .map(|col| match col {
                        PerItemColumn::Lead => Cell::text(&r.activity),
                        PerItemColumn::Item(i) => {
                            Cell::choice(r.roles.get(i).copied().unwrap_or(RaciRole::None).letter())
                        }
                    })
                    .collect()
            })
            .collect();
        let depends_rows = depends_on
            .iter()
            .map(|d| {
                DependsOnColumn::cells(|col| match col {
                    DependsOnColumn::Section => Cell::text(d),
                })
            })
            .collect();
        vec![
            Table::new(
                IntegrationTable::Teams,
                TeamColumn::headers(),
                team_rows,
                true,
            ),
            Table::new(
                IntegrationTable::Raci,
                PerItemColumn::headers(ACTIVITY_HEADER, teams.iter().map(|t| t.team.clone())),
                raci_rows,
                true,
            ),
            Table::new(
                IntegrationTable::DependsOn,
                DependsOnColumn::headers(),
                depends_rows,
                true,
            ),
        ]
    }

    fn set_cell(
        &self,
        ws: &mut Worksheet,
        table: usize,
        row: usize,
        col: usize,
        value: &str,
    ) -> Result<(), CellError> {
        let Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } = ws
        else {
            return Err(CellError::NoSuchCell);
        };
        match IntegrationTable::at(table) {
            Some(IntegrationTable::Teams) => {
                let t = teams.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match TeamColumn::at(col) {
                    Some(TeamColumn::Team) if parse::is_blank(value) => {
                        return Err(CellError::Missing {
                            what: "a team",
                            needs: "a name",
                        });
                    }
                    Some(TeamColumn::Team) => t.team = parse::text(value),
                    Some(TeamColumn::Touchpoints) => {
                        t.touchpoints = value
                            .split(',')
                            .map(parse::text)
                            .filter(|s| !s.is_empty())
                            .collect()
                    }
                    None => return Err(CellError::NoSuchCell),
                }
            }
            Some(IntegrationTable::Raci) => {
                let r = raci.get_mut(row).ok_or(CellError::NoSuchCell)?;
                match PerItemColumn::at(col, teams.len()) {
                    Some(PerItemColumn::Lead) => r.activity = parse::text(value),
                    Some(PerItemColumn::Item(_)) => {
                        return Err(CellError::CyclesWithSpace {
                            hint: "Space cycles R, A, C, I and –",
                        });
                    }
                    None => return Err(CellError::NoSuchCell),
                }
            }
            Some(IntegrationTable::DependsOn) => {
                let Some(DependsOnColumn::Section) = DependsOnColumn::at(col) else {
                    return Err(CellError::NoSuchCell);
                };
                let id = parse::text(value);
                if id.is_empty() {
                    return Err(CellError::Empty {
                        what: "a section id",
                    });
                }
                *depends_on.get_mut(row).ok_or(CellError::NoSuchCell)? = id;
            }
            None => return Err(CellError::NoSuchCell),
        }
        Ok(())
    }

    fn cycle_cell(
        &self,
        ws: &mut Worksheet,
        table: usize,
        row: usize,
        col: usize,
    ) -> Result<(), CellError> {
        let (Worksheet::Integration { teams, raci, .. }, Some(IntegrationTable::Raci)) =
            (ws, IntegrationTable::at(table))
        else {
            return Err(CellError::NotAChoice);
        };
        let Some(PerItemColumn::Item(team)) = PerItemColumn::at(col, teams.len()) else {
            return Err(CellError::NotAChoice);
        };
        let r = raci.get_mut(row).ok_or(CellError::NoSuchCell)?;
        if r.roles.len() < teams.len() {
            r.roles.resize(teams.len(), RaciRole::None);
        }
        r.roles[team] = r.roles[team].next();
        Ok(())
    }

    fn add_row(
        &self,
        ws: &mut Worksheet,
        table: usize,
        after: Option<usize>,
    ) -> Result<usize, CellError> {
        let Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } = ws
        else {
            return Err(CellError::FixedRows);
        };
        match IntegrationTable::at(table) {
            Some(IntegrationTable::Teams) => {
                let team = TeamTouchpoints {
                    team: format!("Team {}", teams.len() + 1),
                    touchpoints: Vec::new(),
                };
                let at = insert_after(teams, after, team);
                // The new team's column of roles, at the same place in every activity.
                for r in raci.iter_mut() {
                    r.roles.resize(teams.len() - 1, RaciRole::None);
                    r.roles.insert(at, RaciRole::None);
                }
                Ok(at)
            }
            Some(IntegrationTable::Raci) => {
                let activity = RaciRow {
                    activity: "New activity".into(),
                    roles: vec![RaciRole::None; teams.len()],
                };
                Ok(insert_after(raci, after, activity))
            }
            Some(IntegrationTable::DependsOn) => {
                Ok(insert_after(depends_on, after, "section-id".into()))
            }
            None => Err(CellError::FixedRows),
        }
    }

    fn remove_row(&self, ws: &mut Worksheet, table: usize, row: usize) -> Result<(), CellError> {
        let Worksheet::Integration {
            teams,
            raci,
            depends_on,
        } = ws
        else {
            return Err(CellError::FixedRows);
        };
        match IntegrationTable::at(table) {
            Some(IntegrationTable::Teams) => {
                remove_at(teams, row)?;
                for r in raci.iter_mut() {
                    if row < r.roles.len() {
                        r.roles.remove(row);
                    }
                }
                Ok(())
            }
            Some(IntegrationTable::Raci) => remove_at(raci, row).map(drop),
            Some(IntegrationTable::DependsOn) => remove_at(depends_on, row).map(drop),
            None => Err(CellError::FixedRows),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::{self, name};
    use super::super::{add_row, cycle_cell, remove_row, set_cell, tables};
    use super::*;

    const TEAMS: usize = IntegrationTable::Teams as usize;
    const RACI: usize = IntegrationTable::Raci as usize;
    const DEPENDS_ON: usize = IntegrationTable::DependsOn as usize;

    #[test]
    fn touchpoints_are_split_and_roles_cycle_but_are_not_typed() {
        let mut ws = samples::integration();
        set_cell(&mut ws, TEAMS, 0, 1, " alerts,, on-call ,").unwrap();
        cycle_cell(&mut ws, RACI, 0, 1).unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[TEAMS].rows[0][1].text, "alerts, on-call");
        assert_eq!(t[RACI].rows[0][1].text, "C");
        assert_eq!(cycle_cell(&mut ws, RACI, 0, 0), Err(CellError::NotAChoice));
        assert_eq!(
            set_cell(&mut ws, RACI, 0, 1, "R").unwrap_err().to_string(),
            "Space cycles R, A, C, I and –"
        );
        assert_eq!(
            set_cell(&mut ws, TEAMS, 0, 0, ""),
            Err(CellError::Missing {
                what: "a team",
                needs: "a name"
            })
        );
        assert_eq!(
            set_cell(&mut ws, DEPENDS_ON, 0, 0, " "),
            Err(CellError::Empty {
                what: "a section id"
            })
        );
    }

    #[test]
    fn a_team_brings_and_takes_its_column_of_roles() {
        let mut ws = samples::integration();
        assert_eq!(add_row(&mut ws, TEAMS, Some(0)), Ok(1));
        let t = tables(&ws, &name);
        assert_eq!(t[RACI].columns, ["Activity", "Platform", "Team 2"]);
        assert_eq!(t[RACI].rows[0][2].text, "–");
        cycle_cell(&mut ws, RACI, 0, 2).unwrap();
        remove_row(&mut ws, TEAMS, 0).unwrap();
        let t = tables(&ws, &name);
        assert_eq!(t[RACI].columns, ["Activity", "Team 2"]);
        assert_eq!(t[RACI].rows[0][1].text, "R");
        assert_eq!(add_row(&mut ws, RACI, None), Ok(1));
        assert_eq!(add_row(&mut ws, DEPENDS_ON, None), Ok(1));
        remove_row(&mut ws, DEPENDS_ON, 0).unwrap();
        assert_eq!(tables(&ws, &name)[DEPENDS_ON].rows[0][0].text, "section-id");
        assert_eq!(remove_row(&mut ws, RACI, 7), Err(CellError::NoSuchRow));
    }
}
