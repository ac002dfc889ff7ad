//! What the design panes' keys do: the steps a → f on the selected component, through the pure
//! operations of `workflow::design`.

use super::action::Action;
use super::app::{App, EditTarget, Effect, Pane};
use super::popup::{CatalogChoice, Confirm, PendingRuling, Popup, Prompt, PromptPurpose};
use crate::analysis::crosscheck::Verdict;
use crate::analysis::ranking::{explain, rank};
use crate::model::{ConflictAck, DesignStep, InteractionMode};
use crate::workflow::design::{self, DesignError};

/// Where the design panes are: the selected card.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DesignState {
    /// The selected decision among the section's decisions.
    pub decision: usize,
    pub card: usize,
    /// The selected elicitation record in step e.
    pub record: usize,
    /// The step looked at in a read-only session (review mode, or open in another process), over
    /// the selected decision's own: `[` and `]` move it there, since the decision's step is the
    /// author's and the session is not changed.
    pub step: Option<DesignStep>,
}

impl App {
    /// The selected decision's id, when a component section is selected.
    pub fn selected_component(&self) -> Option<String> {
        let (decisions, at) = self.section_decisions();
        decisions.get(at).map(|c| c.id.clone())
    }

    /// The selected section's decisions, and which of them is selected.
    pub fn section_decisions(&self) -> (Vec<&crate::model::ComponentDesign>, usize) {
        let Some(index) = self.selected_section() else {
            return (Vec::new(), 0);
        };
        let all: Vec<_> = self
            .doc
            .session
            .decisions_in(&self.doc.session.sections[index].id)
            .collect();
        let at = self.ui.design.decision.min(all.len().saturating_sub(1));
        (all, at)
    }

    /// Selects the section's decision `at` (its first card, its first record).
    pub fn select_decision(&mut self, at: usize) {
        if at != self.ui.design.decision {
            self.ui.design = DesignState {
                decision: at,
                ..Default::default()
            };
        }
    }

    /// The step the design panes show for decision `c` (the selected one): its own, or in a
    /// read-only session the one the reader moved to.
    pub fn shown_step(&self, c: &crate::model::ComponentDesign) -> DesignStep {
        match self.ui.design.step {
            Some(step) if self.doc.read_only.is_some() => step,
            _ => c.step,
        }
    }

    fn selected_card_id(&self, component: &str) -> Option<String> {
        let c = self.doc.session.component(component)?;
        c.options
            .get(self.ui.design.card.min(c.options.len().saturating_sub(1)))
            .map(|o| o.id.clone())
    }

    /// Carries out a design-pane action on the selected component. Returns whether it was used.
    pub fn design_action(&mut self, action: Action) -> bool {
        let Some(id) = self.selected_component() else {
            return false;
        };
        // The action menu's choices all change the work (a worksheet, finalizing).
        let changes = action.changes_the_work();
        if changes && self.refuse_if_read_only() {
            return true;
        }
        let now = crate::model::now();
        let count = self
            .doc
            .session
            .component(&id)
            .map_or(0, |c| c.options.len());
        let step = self
            .doc
            .session
            .component(&id)
            .map(|c| self.shown_step(c))
            .unwrap_or_default();
        match action {
            Action::PrevDecision | Action::NextDecision => {
                let (all, at) = self.section_decisions();
                let n = all.len();
                if n < 2 {
                    self.info("this section holds one decision".to_string());
                    return true;
                }
                let next = if action == Action::NextDecision {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                self.select_decision(next);
            }
            Action::PrevStep | Action::NextStep => {
                let i = DesignStep::ALL.iter().position(|s| *s == step).unwrap_or(0);
                let j = if action == Action::NextStep {
                    (i + 1).min(DesignStep::ALL.len() - 1)
                } else {
                    i.saturating_sub(1)
                };
                if self.doc.read_only.is_some() {
                    // A reader looks at another step; the decision's own step is the author's.
                    self.ui.design.step = Some(DesignStep::ALL[j]);
                    return true;
                }
                self.edit(|s| design::goto_step(s, &id, DesignStep::ALL[j]));
                if action == Action::NextStep
                    && DesignStep::ALL[j] == DesignStep::Elicitation
                    && i != j
                {
                    // The process offers the action menu when a component reaches step e.
                    self.open_elicitation_menu(&id, false);
                }
            }
            Action::Elicit => {
                self.edit(|s| design::goto_step(s, &id, DesignStep::Elicitation));
                self.open_elicitation_menu(&id, false);
            }
            Action::Up | Action::Down if step == DesignStep::Elicitation => {
                let n = self
                    .doc
                    .session
                    .component(&id)
                    .map_or(0, |c| c.elicitations.len());
                self.ui.design.record = if action == Action::Up {
                    self.ui.design.record.saturating_sub(1)
                } else {
                    (self.ui.design.record + 1).min(n.saturating_sub(1))
                };
            }
            Action::EditItem | Action::ApplyRecord | Action::DiscardRecord
                if step == DesignStep::Elicitation =>
            {
                let n = self
                    .doc
                    .session
                    .component(&id)
                    .map_or(0, |c| c.elicitations.len());
                if n == 0 {
                    if action == Action::EditItem {
                        self.open_elicitation_menu(&id, false);
                    } else {
                        self.warn("no worksheets yet: E opens the action menu");
                    }
                    return true;
                }
                let index = self.ui.design.record.min(n - 1);
                match action {
                    Action::EditItem => self.open_worksheet(&id, index),
                    _ => self.settle_record(&id, index, action == Action::ApplyRecord),
                }
            }
            Action::ApplyRecord | Action::DiscardRecord => {
                self.warn("worksheets are applied or discarded in step e (E opens the menu)");
            }
            Action::PrevCard => self.ui.design.card = self.ui.design.card.saturating_sub(1),
            Action::NextCard => {
                self.ui.design.card = (self.ui.design.card + 1).min(count.saturating_sub(1))
            }
            Action::MoveCardLeft | Action::MoveCardRight => {
                if let Some(option) = self.selected_card_id(&id) {
                    let delta = if action == Action::MoveCardLeft {
                        -1
                    } else {
                        1
                    };
                    if self
                        .edit(|s| design::move_option(s, &id, &option, delta))
                        .is_some()
                    {
                        self.ui.design.card = (self.ui.design.card as i64 + delta as i64)
                            .clamp(0, count.saturating_sub(1) as i64)
                            as usize;
                    }
                }
            }
            Action::Add => self.open_catalog_picker(&id, false),
            Action::NewCard => {
                let added = self.edit(|s| {
                    design::blank_option(s, &id)
                        .and_then(|card| design::add_option(s, &id, card, now))
                });
                if added.is_some() {
                    self.ui.design.card = count;
                    self.info("blank card added: e edits it");
                }
            }
            Action::Remove => {
                if let Some(option) = self.selected_card_id(&id)
                    && self
                        .edit(|s| design::remove_option(s, &id, &option, now))
                        .is_some()
                {
                    self.ui.design.card = self.ui.design.card.saturating_sub(1);
                }
            }
            Action::EditItem => {
                if step == DesignStep::Purpose {
                    let purpose = self
                        .doc
                        .session
                        .component(&id)
                        .map(|c| c.purpose.clone())
                        .unwrap_or_default();
                    self.ui.popups.push(Popup::Prompt(Prompt::new(
                        "Purpose of this component",
                        &purpose,
                        PromptPurpose::EditPurpose { component: id },
                    )));
                } else if let Some(option) = self.selected_card_id(&id) {
                    let card = self
                        .doc
                        .session
                        .component(&id)
                        .and_then(|c| c.option(&option))
                        .cloned()
                        .expect("selected card exists");
                    self.ui.effects.push(Effect::ExternalEditor {
                        target: EditTarget::Card {
                            component: id,
                            option,
                        },
                        text: crate::workflow::card_form::to_form(&card),
                    });
                }
            }
            Action::Recommend => {
                if count < design::MIN_OPTIONS {
                    self.warn(DesignError::NeedTwoOptions(count).to_string());
                } else if let Some(option) = self.selected_card_id(&id) {
                    // A ruled-out option is recommended only with a reason that answers the
                    // rule it breaks; the reason is kept with the rule.
                    let name = self.option_name(&id, &option);
                    let title = match self.rules_broken(&id, &option).first() {
                        Some((_, at)) => format!(
                            "Recommend “{name}”? It breaks a rule of the inputs{at}: why recommend it?"
                        ),
                        None => format!("Why recommend “{name}”?"),
                    };
                    let context = self.card_context(&id, &option);
                    self.ui.popups.push(Popup::Prompt(
                        Prompt::new(
                            &title,
                            "",
                            PromptPurpose::Rationale {
                                component: id,
                                option,
                            },
                        )
                        .with_context(context),
                    ));
                }
            }
            Action::Feedback => self.ui.popups.push(Popup::Prompt(Prompt::new(
                "Feedback on this component",
                "",
                PromptPurpose::FeedbackText { component: id },
            ))),
            Action::Finalize => {
                let section = self
                    .doc
                    .session
                    .component(&id)
                    .map(|c| c.section_id().to_string())
                    .unwrap_or_default();
                if self.finalizable(&section)
                    || self
                        .doc
                        .session
                        .section(&section)
                        .is_some_and(|s| s.status == crate::model::SectionStatus::Finalized)
                {
                    self.offer_finalize(&section);
                    return true;
                }
                self.edit(|s| design::goto_step(s, &id, DesignStep::Decision));
                let recommended = self
                    .doc
                    .session
                    .component(&id)
                    .and_then(|c| c.recommendation.as_ref())
                    .and_then(|r| {
                        self.doc
                            .session
                            .component(&id)
                            .and_then(|c| c.options.iter().position(|o| o.id == r.option))
                    });
                if let Some(i) = recommended {
                    self.ui.design.card = i;
                }
                let decided = self
                    .doc
                    .session
                    .component(&id)
                    .is_some_and(|c| c.is_decided());
                let open: Vec<String> = self
                    .doc
                    .session
                    .decisions_in(&section)
                    .filter(|c| !c.is_decided() && c.id != id)
                    .map(|c| self.doc.session.decision_title(c).to_string())
                    .collect();
                self.info(match (decided, open.is_empty()) {
                    (false, _) => "f. Decision: d records the decision for the selected card; \
                                   then 8 finalizes the section"
                        .to_string(),
                    (true, false) => format!(
                        "f. Decision: still open in this section: {}; once decided, 8 \
                         finalizes it",
                        open.join(", ")
                    ),
                    (true, true) => "f. Decision".to_string(),
                });
            }
            Action::Decide => {
                if count < design::MIN_OPTIONS {
                    self.warn(DesignError::NeedTwoOptions(count).to_string());
                } else if let Some(option) = self.selected_card_id(&id) {
                    let current = self
                        .doc
                        .session
                        .component(&id)
                        .and_then(|c| c.decision.as_ref())
                        .map(|d| d.adr.map_or("its record".to_string(), |a| a.to_string()));
                    match current {
                        // Decided already: a new record, or the current one amended.
                        Some(current) => {
                            let option_name = self.option_name(&id, &option);
                            self.ui.popups.push(Popup::Confirm(Confirm::Redecide {
                                component: id,
                                option,
                                option_name,
                                current,
                            }));
                        }
                        None if self.refuse_number_outside_range() => {}
                        None => self.ask_justification(id, option, None),
                    }
                }
            }
            Action::DeprecateDecision | Action::RejectDecision => {
                let Some(adr) = self
                    .doc
                    .session
                    .component(&id)
                    .and_then(|c| c.decision.as_ref())
                    .map(|d| d.adr.map_or("the decision".to_string(), |a| a.to_string()))
                else {
                    self.warn("this component has no decision to withdraw");
                    return true;
                };
                let reject = action == Action::RejectDecision;
                let title = format!(
                    "{} {adr}: why? (the record stays, marked {}; the component is open again)",
                    if reject { "Reject" } else { "Deprecate" },
                    if reject { "rejected" } else { "deprecated" },
                );
                self.ui.popups.push(Popup::Prompt(Prompt::new(
                    &title,
                    "",
                    PromptPurpose::Withdraw {
                        component: id,
                        reject,
                    },
                )));
            }
            Action::DecisionPeople => {
                let Some((adr, people)) = self
                    .doc
                    .session
                    .component(&id)
                    .and_then(|c| c.decision.as_ref())
                    .and_then(|d| Some((d.adr?, d.people.clone())))
                else {
                    self.warn("this component has no decision record yet");
                    return true;
                };
                self.ask_people(adr, people, 0);
            }
            Action::WriteText => {
                self.ui.text_mode = true;
                self.ui.focus = Pane::Editor;
            }
            Action::ChooseMode => {
                self.ui
                    .popups
                    .push(Popup::ModeChoice(super::popup::ModeChoice {
                        selected: usize::from(self.doc.session.mode == Some(InteractionMode::Yolo)),
                    }))
            }
            Action::Undo | Action::Redo => {
                if let Some(i) = self.selected_section() {
                    self.undo_in_section(i, action == Action::Redo);
                }
            }
            Action::Leave => {
                if !self.return_from_jump() {
                    self.ui.focus = Pane::Navigator;
                }
            }
            _ => return false,
        }
        true
    }

    pub fn open_catalog_picker(&mut self, id: &str, alternative: bool) {
        let on_card: Vec<String> = self
            .doc
            .session
            .component(id)
            .map(|c| {
                c.options
                    .iter()
                    .filter_map(|o| o.catalog_id.clone())
                    .collect()
            })
            .unwrap_or_default();
        let ranked = rank(
            id,
            self.catalog().for_component(id),
            &self.doc.session.assumptions,
            &self.doc.session.requirements,
            &self.doc.session.inputs,
        );
        if ranked.is_empty() {
            self.warn("the catalog has no options for this component; n adds a blank card");
            return;
        }
        let choices = ranked
            .iter()
            .map(|r| CatalogChoice {
                id: r.option.id.clone(),
                name: r.option.name.clone(),
                fit: r.fit,
                why: explain(r),
                already: on_card.contains(&r.option.id),
                ruled_out: r.is_ruled_out(),
            })
            .collect();
        self.ui
            .popups
            .push(Popup::CatalogPicker(super::popup::CatalogPicker {
                component: id.to_string(),
                choices,
                selected: 0,
                alternative,
            }));
    }

    /// Adds a catalog option to a component (from the picker).
    pub fn add_catalog_option(&mut self, component: &str, option: &str) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(entry) = self.catalog().option(option) else {
            return;
        };
        let ranked = rank(
            component,
            std::iter::once(entry),
            &self.doc.session.assumptions,
            &self.doc.session.requirements,
            &self.doc.session.inputs,
        );
        let Some(card) = ranked.first().map(|r| r.card()) else {
            return;
        };
        if self
            .edit(|s| design::add_option(s, component, card, crate::model::now()))
            .is_some()
        {
            self.ui.design.card = self
                .doc
                .session
                .component(component)
                .map_or(0, |c| c.options.len() - 1);
        }
    }

    /// Applies a design prompt's text. Returns whether the purpose was a design one.
    pub fn submit_design_prompt(&mut self, purpose: PromptPurpose, text: String) -> bool {
        let now = crate::model::now();
        match purpose {
            PromptPurpose::WorksheetCell { table, row, col } => {
                self.set_worksheet_cell(table, row, col, &text);
            }
            PromptPurpose::Conclusions => self.set_worksheet_conclusions(&text),
            PromptPurpose::ChecklistNote(item) => self.set_checklist_note(&item, &text),
            PromptPurpose::ExportPath => self.export_to(&text),
            PromptPurpose::NewDiagram => self.add_custom_diagram(&text),
            PromptPurpose::Comment(target) => self.add_comment(target, &text),
            PromptPurpose::SaveAs => self.save_as(&text),
            PromptPurpose::EditPurpose { component } => {
                self.edit(|s| design::set_purpose(s, &component, &text, now));
            }
            PromptPurpose::Rationale { component, option } => {
                let broken = self.rules_broken(&component, &option);
                if !broken.is_empty() && text.trim().is_empty() {
                    self.warn(
                        "a ruled-out option needs a reason to be recommended; nothing changed",
                    );
                    return true;
                }
                let text = if broken.is_empty() {
                    text
                } else {
                    let rules: Vec<String> = broken
                        .iter()
                        .map(|(what, at)| format!("{what}{at}"))
                        .collect();
                    format!(
                        "{} (recommended although it breaks a rule of the inputs: {})",
                        text.trim().trim_end_matches('.'),
                        rules.join("; ")
                    )
                };
                self.edit(|s| design::recommend(s, &component, &option, &text, now));
            }
            PromptPurpose::FeedbackText { component } => {
                if !text.trim().is_empty() {
                    self.ui.popups.push(Popup::Prompt(Prompt::new(
                        "Revision made in response (may be empty)",
                        "",
                        PromptPurpose::Revision {
                            component,
                            feedback: text,
                        },
                    )));
                }
            }
            PromptPurpose::Revision {
                component,
                feedback,
            } => {
                self.edit(|s| design::add_feedback(s, &component, &feedback, &text, now));
            }
            PromptPurpose::Justification {
                component,
                option,
                redecide,
            } => {
                if text.trim().is_empty() {
                    self.warn(DesignError::NoJustification.to_string());
                    return true;
                }
                let conflicts = self.conflicts_of(&component, &option);
                let ruling = PendingRuling {
                    component,
                    option,
                    justification: text,
                    conflicts,
                    acks: Vec::new(),
                    redecide,
                };
                self.continue_decision(ruling);
            }
            PromptPurpose::Withdraw { component, reject } => {
                self.withdraw_decision(&component, reject, &text);
            }
            PromptPurpose::People { adr, people, step } => {
                let names: Vec<String> = text
                    .split([',', ';'])
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                let mut people = people;
                match step {
                    0 => people.decision_makers = names,
                    1 => people.consulted = names,
                    _ => people.informed = names,
                }
                if step < 2 {
                    self.ask_people(adr, people, step + 1);
                } else if let Some(changed) =
                    self.edit(|s| design::set_people(s, adr, &people, now))
                {
                    self.info(if changed {
                        format!("{adr}: people recorded")
                    } else {
                        format!("{adr}: no change")
                    });
                }
            }
            PromptPurpose::AckReason(pending) => {
                let mut pending = *pending;
                if text.trim().is_empty() {
                    self.warn(
                        "a conflict needs a reason to be accepted; the decision was not recorded",
                    );
                    return true;
                }
                pending.acks.push(ConflictAck {
                    finding: pending.conflicts[pending.acks.len()].clone(),
                    reason: text.trim().to_string(),
                });
                self.continue_decision(pending);
            }
            _ => return false,
        }
        true
    }

    /// The cross-check findings of one card; empty when there is no such card.
    fn findings_of(
        &self,
        component: &str,
        option: &str,
    ) -> Vec<crate::analysis::crosscheck::Finding> {
        let Some(c) = self.doc.session.component(component) else {
            return Vec::new();
        };
        let Some(card) = c.option(option) else {
            return Vec::new();
        };
        if let Some(r) = self.fresh_analyses()
            && let Some((_, findings)) = r
                .findings
                .get(component)
                .and_then(|f| f.iter().find(|(id, _)| id == option))
        {
            return findings.clone();
        }
        self.assessor().check(card)
    }

    /// The rules of the inputs an option breaks (a mandate, a prohibition, a required figure), each
    /// as what it says and ` (<file:line>)`; empty when nothing rules it out.
    pub fn rules_broken(&self, component: &str, option: &str) -> Vec<(String, String)> {
        self.findings_of(component, option)
            .into_iter()
            .filter(|f| f.rules_out())
            .map(|f| {
                let at = f
                    .evidence
                    .as_ref()
                    .map(|e| format!(" ({})", e.short()))
                    .unwrap_or_default();
                let what = f.explanation.trim_end_matches('.');
                let mut c = what.chars();
                let lowered = c
                    .next()
                    .map(|first| first.to_lowercase().chain(c).collect::<String>())
                    .unwrap_or_default();
                (lowered, at)
            })
            .collect()
    }

    /// The conflicts of an option with the inputs, as they are shown and stored.
    /// The name of a component's option (its id when it has none).
    fn option_name(&self, component: &str, option: &str) -> String {
        self.doc
            .session
            .component(component)
            .and_then(|c| c.options.iter().find(|o| o.id == option))
            .map(|o| o.name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| option.to_string())
    }

    /// The option a recommendation or a decision is about, as the prompt shows it: its summary,
    /// where it is built, its pros and cons, and each conflict with the inputs in full.
    pub fn card_context(&self, component: &str, option: &str) -> Vec<String> {
        let Some(card) = self
            .doc
            .session
            .component(component)
            .and_then(|c| c.options.iter().find(|o| o.id == option))
        else {
            return Vec::new();
        };
        let mut lines = card_text(card);
        lines.extend(
            self.conflicts_of(component, option)
                .into_iter()
                .map(|c| format!("⚠ {c}")),
        );
        lines
    }

    pub fn conflicts_of(&self, component: &str, option: &str) -> Vec<String> {
        conflict_texts(&self.findings_of(component, option))
    }

    /// Asks for the justification of deciding for `option` (`redecide`: how it replaces the
    /// component's current decision).
    pub(crate) fn ask_justification(
        &mut self,
        component: String,
        option: String,
        redecide: Option<design::Redecide>,
    ) {
        let suggested = self
            .doc
            .session
            .component(&component)
            .and_then(|c| c.recommendation.as_ref())
            .filter(|r| r.option == option)
            .map(|r| r.rationale.clone())
            .unwrap_or_default();
        let how = match redecide {
            Some(design::Redecide::Supersede) => " (a new record that supersedes the current one)",
            Some(design::Redecide::Amend) => " (the current record amended)",
            None => "",
        };
        let title = format!(
            "Decide for “{}”{how}: the justification for the decision",
            self.option_name(&component, &option)
        );
        let context = self.card_context(&component, &option);
        self.ui.popups.push(Popup::Prompt(
            Prompt::new(
                &title,
                &suggested,
                PromptPurpose::Justification {
                    component,
                    option,
                    redecide,
                },
            )
            .with_context(context),
        ));
    }

    /// Asks for one list of a record's people (0: decision-makers, 1: consulted, 2: informed).
    fn ask_people(&mut self, adr: crate::model::AdrId, people: crate::model::People, step: u8) {
        let (who, names) = match step {
            0 => (
                "took the decision (decision-makers)",
                &people.decision_makers,
            ),
            1 => ("was consulted", &people.consulted),
            _ => ("is kept informed", &people.informed),
        };
        let title = format!("{adr}: who {who}? Names, separated by commas");
        let text = names.join(", ");
        self.ui.popups.push(Popup::Prompt(Prompt::new(
            &title,
            &text,
            PromptPurpose::People { adr, people, step },
        )));
    }

    /// Withdraws the component's decision as deprecated or rejected, keeping its record.
    fn withdraw_decision(&mut self, component: &str, reject: bool, reason: &str) {
        let template = self.doc.template.clone();
        let now = crate::model::now();
        let what = if reject { "rejected" } else { "deprecated" };
        let withdrawn = self.edit_text("the withdrawal", |s| {
            if reject {
                design::reject(s, &template, component, reason, now)
            } else {
                design::deprecate(s, &template, component, reason, now)
            }
        });
        if let Some(w) = withdrawn {
            self.report_body_change(
                "the withdrawal",
                w.change,
                &format!(
                    "{} {what}: the component is open again (d decides anew)",
                    w.adr
                ),
            );
        }
    }

    fn continue_decision(&mut self, pending: PendingRuling) {
        if pending.acks.len() < pending.conflicts.len() {
            let title = format!(
                "Conflict {}/{}: {} — reason to accept it",
                pending.acks.len() + 1,
                pending.conflicts.len(),
                pending.conflicts[pending.acks.len()]
            );
            let context = vec![format!(
                "Deciding for “{}”",
                self.option_name(&pending.component, &pending.option)
            )];
            self.ui.popups.push(Popup::Prompt(
                Prompt::new(&title, "", PromptPurpose::AckReason(Box::new(pending)))
                    .with_context(context),
            ));
            return;
        }
        let PendingRuling {
            component,
            option,
            justification,
            conflicts,
            acks,
            redecide,
        } = pending;
        let template = self.doc.template.clone();
        let decided = self.edit_text("the decision", |s| {
            let ruling = design::Ruling {
                option: &option,
                justification: &justification,
                conflicts: &conflicts,
                acknowledgements: acks,
            };
            let now = crate::model::now();
            match redecide {
                Some(design::Redecide::Supersede) => {
                    design::supersede(s, &template, &component, ruling, now)
                }
                Some(design::Redecide::Amend) => {
                    design::amend(s, &template, &component, ruling, now)
                }
                None => design::decide(
                    s,
                    &template,
                    &component,
                    ruling.option,
                    ruling.justification,
                    ruling.conflicts,
                    ruling.acknowledgements,
                    now,
                ),
            }
        });
        if let Some(change) = decided {
            self.report_body_change(
                "the decision",
                change,
                "decided: the section text was written from the decision",
            );
            let section = self
                .doc
                .session
                .component(&component)
                .map(|c| c.section_id().to_string())
                .unwrap_or_default();
            if self.finalizable(&section)
                && let Some(m) = self.ui.message.as_mut()
            {
                m.text
                    .push_str(" · every decision here is made: 8 finalizes the section");
            }
        }
    }

    /// Applies an option card edited as text in the person's editor.
    pub fn replace_card(&mut self, component: &str, option: &str, text: &str) {
        let Some(card) = self
            .doc
            .session
            .component(component)
            .and_then(|c| c.option(option))
            .cloned()
        else {
            return;
        };
        match crate::workflow::card_form::from_form(&card, text) {
            Ok(new) if new == card => self.info("no changes to the card"),
            Ok(new) => {
                if self
                    .edit(|s| design::update_option(s, component, new))
                    .is_some()
                {
                    self.info("card updated");
                }
            }
            Err(e) => self.warn(format!("card not changed: {e}")),
        }
    }

    /// Sets the interaction mode; YOLO drafts every component right away.
    pub fn choose_mode(&mut self, mode: InteractionMode) {
        if self
            .change(|s| design::set_mode(s, mode, crate::model::now()))
            .is_none()
        {
            return;
        }
        if mode == InteractionMode::Yolo {
            self.draft_all();
        } else {
            self.info("Incremental: pick a component and go through a → f");
        }
    }

    /// Drafts every undrafted component from the catalog.
    pub fn draft_all(&mut self) {
        let (template, catalog) = (self.doc.template.clone(), self.doc.shared_catalog.clone());
        let Some(n) = self.edit_text("the draft", |s| {
            Ok::<_, std::convert::Infallible>(crate::workflow::yolo::draft_all(
                s,
                &template,
                catalog.get(),
                crate::model::now(),
            ))
        }) else {
            return;
        };
        self.info(format!(
            "drafted {n} decisions: every one has options, a recommendation and a text to review"
        ));
    }
}

/// A card as lines of text: its name and summary, what it is built with, its pros (`+`) and cons
/// (`−`).
pub fn card_text(card: &crate::model::OptionCard) -> Vec<String> {
    let mut lines = Vec::new();
    let summary = card.summary.trim();
    lines.push(if summary.is_empty() {
        card.name.clone()
    } else {
        format!("{}: {summary}", card.name)
    });
    if !card.realised_on.trim().is_empty() {
        lines.push(format!("Built with {}", card.realised_on.trim()));
    }
    lines.extend(card.pros.iter().map(|p| format!("+ {p}")));
    lines.extend(card.cons.iter().map(|c| format!("− {c}")));
    lines
}

/// The conflicts among `findings`, each as what it says, the quote and its place.
pub fn conflict_texts(findings: &[crate::analysis::crosscheck::Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.verdict == Verdict::Conflicting)
        .map(|f| {
            let source = f
                .evidence
                .as_ref()
                .map(|e| format!(" ({})", e.short()))
                .unwrap_or_default();
            let explanation = f.explanation.trim_end().trim_end_matches('.');
            format!("{explanation}: \"{}\"{source}", f.quote)
        })
        .collect()
}
