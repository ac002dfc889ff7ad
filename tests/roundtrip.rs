//! Any `Session` survives save → load exactly, through the real store (file on disk).

use infradraft::model::*;
use infradraft::store;
use jiff::Timestamp;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Strings that exercise the writer: arbitrary Unicode (control characters included), and text
/// with quotes, hashes, backslashes and newlines, which the writer puts in raw strings.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"#\\\\\n\t{}()r]{0,30}",
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}a \"#]{0,12}",
        Just(String::new()),
        Just("\"#\"##\"###".to_string()),
    ]
}

/// Ids of the kinds that must be slugs (sections, components, options, diagrams): lowercase
/// letters of any script, digits and hyphens.
fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9-]{1,24}", "[a-zäöüßéø0-9-]{1,12}"]
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

fn ts() -> impl Strategy<Value = Timestamp> {
    (-5_000_000_000i64..50_000_000_000, 0i32..1_000_000_000)
        .prop_map(|(s, n)| Timestamp::new(s, n).unwrap())
}

fn num() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1.0e12f64..1.0e12,
        Just(0.0),
        Just(0.1),
        Just(99.95),
        proptest::num::f64::NORMAL
    ]
}

fn rating() -> impl Strategy<Value = Option<u8>> {
    option::of(0u8..=5)
}

fn meta() -> impl Strategy<Value = Metadata> {
    (text(), text(), texts(), ts(), ts(), text()).prop_map(
        |(title, project, authors, created, updated, template)| Metadata {
            title,
            project,
            authors,
            created,
            updated,
            template,
        },
    )
}

fn input() -> impl Strategy<Value = InputDocument> {
    (
        prop::sample::select(InputKind::ALL.to_vec()),
        text(),
        text(),
        ts(),
        text(),
    )
        .prop_map(|(kind, path, sha256, snapshot_at, text)| InputDocument {
            kind,
            path,
            sha256,
            snapshot_at,
            text,
        })
}

fn source() -> impl Strategy<Value = Option<SourceRef>> {
    option::of((text(), any::<u32>()).prop_map(|(input, line)| SourceRef { input, line }))
}

fn requirement() -> impl Strategy<Value = Requirement> {
    (
        text(),
        prop::sample::select(RequirementCategory::ALL.to_vec()),
        text(),
        prop::sample::select(vec![
            RequirementOrigin::Extracted,
            RequirementOrigin::Manual,
        ]),
        source(),
    )
        .prop_map(|(id, category, text, origin, source)| Requirement {
            id,
            category,
            text,
            origin,
            source,
        })
}

fn assumption() -> impl Strategy<Value = Assumption> {
    use AssumptionTopic::*;
    (
        prop::sample::select(vec![
            RepositoryStructure,
            ServiceArchitecture,
            Testing,
            CloudProvider,
            Regions,
            Languages,
            Databases,
            Messaging,
            InfrastructureAsCode,
            ContinuousIntegration,
            ContainerOrchestration,
            Other,
        ]),
        text(),
        texts(),
        source(),
        prop::sample::select(vec![
            Modality::Mandate,
            Modality::Prohibition,
            Modality::Preference,
            Modality::Statement,
        ]),
        any::<bool>(),
    )
        .prop_map(
            |(topic, text, tags, source, modality, incidental)| Assumption {
                topic,
                text,
                tags,
                source,
                modality,
                incidental,
            },
        )
}

fn option_card() -> impl Strategy<Value = OptionCard> {
    (
        (id(), text(), text(), texts(), texts()),
        (rating(), rating(), rating(), rating(), rating()),
        (texts(), texts(), option::of(text())),
    )
        .prop_map(
            |(
                (id, name, summary, pros, cons),
                (cost, complexity, operational_burden, lock_in, fit),
                (tags, conflicts_with, catalog_id),
            )| OptionCard {
                id,
                name,
                summary,
                pros,
                cons,
                ratings: Ratings {
                    cost,
                    complexity,
                    operational_burden,
                    lock_in,
                    fit,
                },
                tags,
                conflicts_with,
                catalog_id,
                capabilities: Default::default(),
                answers: Vec::new(),
                realised_on: String::new(),
            },
        )
}

fn worksheet() -> impl Strategy<Value = Worksheet> {
    prop_oneof![
        (
            vec(
                (text(), num()).prop_map(|(name, weight)| Criterion { name, weight }),
                0..3
            ),
            vec(
                (text(), vec(any::<u8>(), 0..4))
                    .prop_map(|(option, scores)| OptionScores { option, scores }),
                0..3
            ),
        )
            .prop_map(|(criteria, scores)| Worksheet::DecisionMatrix { criteria, scores }),
        (
            (text(), num(), num(), num(), any::<u32>()),
            vec(
                (text(), num(), num(), option::of(num())).prop_map(|(name, c, u, m)| Tier {
                    name,
                    capacity_per_instance: c,
                    target_utilisation: u,
                    monthly_cost_per_instance: m,
                }),
                0..3
            ),
        )
            .prop_map(
                |((unit, baseline, peak, g, h), tiers)| Worksheet::StressTest {
                    load: LoadModel {
                        unit,
                        baseline,
                        peak,
                        growth_percent_per_month: g,
                        horizon_months: h,
                    },
                    tiers,
                }
            ),
        vec(
            (
                text(),
                option::of(text()),
                prop::sample::select(vec![
                    SecurityAnswer::Unanswered,
                    SecurityAnswer::Met,
                    SecurityAnswer::Partial,
                    SecurityAnswer::Gap,
                    SecurityAnswer::NotApplicable
                ]),
                prop::sample::select(vec![
                    GapSeverity::Low,
                    GapSeverity::Medium,
                    GapSeverity::High,
                    GapSeverity::Critical
                ]),
                text(),
            )
                .prop_map(|(question, regime, answer, severity, note)| SecurityItem {
                    question,
                    regime,
                    answer,
                    severity,
                    note,
                }),
            0..3
        )
        .prop_map(|items| Worksheet::SecurityReview { items }),
        (
            vec(
                (
                    text(),
                    vec(
                        (text(), num(), num()).prop_map(|(resource, quantity, p)| CostLine {
                            resource,
                            quantity,
                            unit_price_per_month: p,
                        }),
                        0..3
                    )
                )
                    .prop_map(|(option, lines)| OptionCosts { option, lines }),
                0..3
            ),
            (num(), num(), num(), num(), num(), num()),
        )
            .prop_map(|(options, (a, b, c, d, e, f))| Worksheet::CostReview {
                options,
                levers: CostLevers {
                    committed_share: a,
                    commitment_discount: b,
                    spot_share: c,
                    spot_discount: d,
                    rightsizing: e,
                    storage_tiering: f,
                },
            }),
        (
            (num(), any::<u32>()),
            vec(
                (text(), num(), text()).prop_map(|(name, a, group)| AvailabilityPart {
                    name,
                    availability_percent: a,
                    group,
                }),
                0..3
            ),
            (
                option::of(any::<u32>()),
                option::of(any::<u32>()),
                option::of(any::<u32>()),
                option::of(any::<u32>())
            ),
            texts(),
        )
            .prop_map(|((slo, window), parts, (a, b, c, d), burden)| {
                Worksheet::Reliability {
                    slo_target_percent: slo,
                    window_days: window,
                    parts,
                    required_rto_minutes: a,
                    required_rpo_minutes: b,
                    delivered_rto_minutes: c,
                    delivered_rpo_minutes: d,
                    operational_burden: burden,
                }
            }),
        (
            vec(
                (text(), texts())
                    .prop_map(|(team, touchpoints)| TeamTouchpoints { team, touchpoints }),
                0..3
            ),
            vec(
                (
                    text(),
                    vec(
                        prop::sample::select(vec![
                            RaciRole::Responsible,
                            RaciRole::Accountable,
                            RaciRole::Consulted,
                            RaciRole::Informed,
                            RaciRole::None
                        ]),
                        0..4
                    )
                )
                    .prop_map(|(activity, roles)| RaciRow { activity, roles }),
                0..3
            ),
            texts(),
        )
            .prop_map(|(teams, raci, depends_on)| Worksheet::Integration {
                teams,
                raci,
                depends_on,
            }),
        (
            vec(
                (text(), text(), any::<bool>()).prop_map(|(step, target, reversible)| {
                    MigrationStep {
                        step,
                        target,
                        reversible,
                    }
                }),
                0..3
            ),
            vec(
                (text(), any::<u8>(), text()).prop_map(|(option, lock_in, reversibility)| {
                    OptionLockIn {
                        option,
                        lock_in,
                        reversibility,
                    }
                }),
                0..3
            ),
            text(),
            texts(),
        )
            .prop_map(
                |(steps, lock_in, exit_strategy, watch)| Worksheet::Migration {
                    steps,
                    lock_in,
                    exit_strategy,
                    technologies_to_watch: watch,
                }
            ),
    ]
}

fn elicitation() -> impl Strategy<Value = ElicitationRecord> {
    (
        prop::sample::select(ElicitationAction::ALL.to_vec()),
        ts(),
        worksheet(),
        text(),
        text(),
        prop::sample::select(vec![
            ElicitationStatus::Pending,
            ElicitationStatus::Applied,
            ElicitationStatus::Discarded,
        ]),
    )
        .prop_map(
            |(action, at, worksheet, results, conclusions, status)| ElicitationRecord {
                action,
                at,
                worksheet,
                results,
                conclusions,
                status,
            },
        )
}

fn adr() -> impl Strategy<Value = Option<AdrId>> {
    option::of(any::<u32>().prop_map(AdrId))
}

/// A decision with any record: number, status, dates, links, people and kept cards.
fn decision() -> impl Strategy<Value = Decision> {
    (
        (
            text(),
            text(),
            ts(),
            texts(),
            vec(
                (text(), text()).prop_map(|(finding, reason)| ConflictAck { finding, reason }),
                0..2,
            ),
        ),
        (
            adr(),
            prop::sample::select(vec![
                AdrStatus::Proposed,
                AdrStatus::Accepted,
                AdrStatus::Superseded,
                AdrStatus::Deprecated,
                AdrStatus::Rejected,
            ]),
            option::of(ts()),
            option::of(ts()),
            text(),
            adr(),
            adr(),
        ),
        (texts(), texts(), texts()).prop_map(|(decision_makers, consulted, informed)| People {
            decision_makers,
            consulted,
            informed,
        }),
        vec(option_card(), 0..2),
    )
        .prop_map(
            |(
                (option, justification, decided_at, considered, acks),
                (adr, status, amended_at, status_at, status_reason, supersedes, superseded_by),
                people,
                options_then,
            )| Decision {
                option,
                justification,
                decided_at,
                considered,
                acknowledged_conflicts: acks,
                adr,
                status,
                amended_at,
                status_at,
                status_reason,
                supersedes,
                superseded_by,
                people,
                options_then,
            },
        )
}

fn component() -> impl Strategy<Value = ComponentDesign> {
    (
        (
            id(),
            prop::sample::select(DesignStep::ALL.to_vec()),
            text(),
            prop::option::of(id()),
            text(),
        ),
        vec(option_card(), 0..3),
        option::of(
            (text(), text(), ts()).prop_map(|(option, rationale, at)| Recommendation {
                option,
                rationale,
                at,
            }),
        ),
        vec(
            (ts(), text(), text()).prop_map(|(at, feedback, revision)| FeedbackNote {
                at,
                feedback,
                revision,
            }),
            0..2,
        ),
        vec(elicitation(), 0..2),
        option::of(decision()),
        vec(decision(), 0..2),
    )
        .prop_map(
            |(
                (id, step, purpose, section, title),
                options,
                recommendation,
                feedback,
                elicitations,
                decision,
                earlier,
            )| {
                ComponentDesign {
                    id,
                    step,
                    purpose,
                    options,
                    recommendation,
                    feedback,
                    elicitations,
                    decision,
                    section: section.unwrap_or_default(),
                    title,
                    earlier,
                }
            },
        )
}

fn section() -> impl Strategy<Value = Section> {
    (
        id(),
        text(),
        prop::sample::select(vec![
            SectionStatus::Empty,
            SectionStatus::Drafted,
            SectionStatus::Decided,
            SectionStatus::Finalized,
        ]),
        any::<bool>(),
        text(),
        prop::option::of(text()),
    )
        .prop_map(
            |(id, title, status, hand_edited, body, generated)| Section {
                id,
                title,
                status,
                hand_edited,
                body,
                generated,
            },
        )
}

fn diagram() -> impl Strategy<Value = Diagram> {
    use DiagramKind::*;
    (
        id(),
        prop::sample::select(vec![
            NetworkTopology,
            DataFlow,
            DeploymentPipeline,
            EnvironmentRelationships,
            Custom,
        ]),
        text(),
        option::of(text()),
        text(),
    )
        .prop_map(|(id, kind, title, section, source)| Diagram {
            id,
            kind,
            title,
            section,
            source,
        })
}

fn story() -> impl Strategy<Value = TechnicalStory> {
    use StorySize::*;
    (
        (text(), text(), text(), text(), text()),
        texts(),
        option::of(text()),
        option::of(text()),
        prop::sample::select(vec![Unsized, Small, Medium, Large, ExtraLarge]),
        (text(), texts(), texts(), option::of(text())),
    )
        .prop_map(
            |(
                (id, title, as_a, i_want, so_that),
                acceptance_criteria,
                section,
                decision,
                size,
                (built_with, requirements, serves, edited),
            )| {
                TechnicalStory {
                    id,
                    title,
                    as_a,
                    i_want,
                    so_that,
                    acceptance_criteria,
                    section,
                    decision,
                    size,
                    built_with,
                    requirements,
                    serves,
                    edited,
                }
            },
        )
}

fn comment() -> impl Strategy<Value = ReviewComment> {
    (
        text(),
        prop_oneof![
            text().prop_map(CommentTarget::Section),
            (text(), text()).prop_map(|(c, o)| CommentTarget::Option(c, o)),
            text().prop_map(CommentTarget::Decision),
        ],
        text(),
        ts(),
        prop::sample::select(vec![
            Severity::Note,
            Severity::Minor,
            Severity::Major,
            Severity::Critical,
        ]),
        text(),
        option::of(ts()),
    )
        .prop_map(
            |(id, target, author, at, severity, text, resolved_at)| ReviewComment {
                id,
                target,
                author,
                at,
                severity,
                text,
                resolved_at,
            },
        )
}

fn session() -> impl Strategy<Value = Session> {
    (
        (
            meta(),
            option::of(prop::sample::select(vec![
                InteractionMode::Incremental,
                InteractionMode::Yolo,
            ])),
            vec(input(), 0..3),
            vec(requirement(), 0..3),
            texts(),
            vec(assumption(), 0..3),
        ),
        (
            vec(section(), 0..4),
            vec(component(), 0..3),
            vec(diagram(), 0..2),
            vec(story(), 0..2),
            vec(
                (text(), text(), text(), option::of(text())).prop_map(
                    |(story, change, why, decision)| Refinement {
                        story,
                        change,
                        why,
                        decision,
                    },
                ),
                0..2,
            ),
        ),
        (
            vec(
                (
                    text(),
                    prop::sample::select(vec![
                        Mark::Pass,
                        Mark::Partial,
                        Mark::Fail,
                        Mark::NotApplicable,
                    ]),
                    text(),
                    ts(),
                )
                    .prop_map(|(item, mark, note, at)| ChecklistMark {
                        item,
                        mark,
                        note,
                        at,
                    }),
                0..3,
            ),
            vec(comment(), 0..2),
            vec(
                (ts(), text(), text()).prop_map(|(at, action, detail)| HistoryEntry {
                    at,
                    action,
                    detail,
                }),
                0..3,
            ),
            (
                text(),
                prop::sample::select(vec![
                    FocusPane::Navigator,
                    FocusPane::Workspace,
                    FocusPane::Preview,
                ]),
                any::<(u32, u32, u32)>(),
                any::<(u32, u32)>(),
                any::<(bool, u32, u32)>(),
                prop::option::of(any::<(u32, u32, u32, u32)>()),
                prop::option::of(id()),
            )
                .prop_map(
                    |(
                        item,
                        focus,
                        (n, w, p),
                        cursor,
                        (text_mode, card, selected),
                        sheet,
                        decision,
                    )| Place {
                        decision: decision.unwrap_or_default(),
                        item,
                        focus,
                        navigator_scroll: n,
                        workspace_scroll: w,
                        preview_scroll: p,
                        cursor,
                        text_mode,
                        card,
                        selected,
                        worksheet: sheet.map(|(record, table, row, col)| WorksheetPlace {
                            record,
                            table,
                            row,
                            col,
                        }),
                    },
                ),
        ),
        (
            vec(
                (text(), any::<bool>(), text(), (text(), any::<u32>())).prop_map(
                    |(regime, applies, text, (input, line))| RegimeEvidence {
                        regime,
                        applies,
                        text,
                        source: SourceRef { input, line },
                    },
                ),
                0..3,
            ),
            vec(
                (text(), any::<bool>())
                    .prop_map(|(regime, in_scope)| RegimeChoice { regime, in_scope }),
                0..3,
            ),
        ),
        (
            vec(input_conflict(), 0..3),
            vec(conflict_resolution(), 0..3),
            vec(
                (text(), text()).prop_map(|(id, text)| RemovedRequirement { id, text }),
                0..3,
            ),
            prop_oneof![Just(0u32), any::<u32>()],
        ),
    )
        .prop_map(
            |(
                (meta, mode, inputs, requirements, regimes, assumptions),
                (sections, components, diagrams, stories, refinements),
                (checklist, review_comments, history, place),
                (regime_evidence, regime_choices),
                (input_conflicts, conflict_resolutions, removed_requirements, last_adr),
            )| Session {
                format_version: FORMAT_VERSION,
                meta,
                mode,
                inputs,
                requirements,
                regimes,
                assumptions,
                sections,
                components,
                diagrams,
                stories,
                refinements,
                checklist,
                review_comments,
                history,
                place,
                regime_evidence,
                regime_choices,
                input_conflicts,
                conflict_resolutions,
                removed_requirements,
                last_adr,
            },
        )
}

fn conflict_side() -> impl Strategy<Value = ConflictSide> {
    (text(), (text(), any::<u32>())).prop_map(|(text, (input, line))| ConflictSide {
        text,
        source: SourceRef { input, line },
    })
}

fn input_conflict() -> impl Strategy<Value = InputConflict> {
    (
        text(),
        text(),
        text(),
        conflict_side(),
        conflict_side(),
        vec(conflict_side(), 0..3),
        vec(conflict_side(), 0..2),
    )
        .prop_map(
            |(key, kind, about, rule, found, also, rule_also)| InputConflict {
                key,
                kind,
                about,
                rule,
                found,
                also,
                rule_also,
            },
        )
}

fn conflict_resolution() -> impl Strategy<Value = ConflictResolution> {
    (text(), text(), ts()).prop_map(|(key, reason, at)| ConflictResolution { key, reason, at })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_session_round_trips_exactly_through_a_file(s in session()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &s).unwrap();
        let loaded = store::load(&path).unwrap();
        prop_assert_eq!(&loaded.session, &s);
        prop_assert_eq!(loaded.migrated_from, None);
        // Deterministic: the same session always gives the same bytes.
        let again = store::to_ron(&loaded.session).unwrap();
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), again);
    }

    /// Whatever a section's id, the session loads when it is a slug and is refused otherwise,
    /// with one line naming the file and the id.
    #[test]
    fn a_section_id_loads_only_as_a_slug(s in session(), bad in text()) {
        let mut s = s;
        let mut section = Section::new("x", "X");
        section.id = bad.clone();
        s.sections.insert(0, section);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        store::save(&path, &s).unwrap();
        match store::load(&path) {
            Ok(loaded) => {
                prop_assert!(is_slug(&bad), "{:?} loaded", bad);
                prop_assert_eq!(loaded.session, s);
            }
            Err(e) => {
                prop_assert!(!is_slug(&bad), "{:?} refused: {}", bad, e);
                let msg = e.to_string();
                prop_assert!(msg.starts_with(&path.display().to_string()), "{}", msg);
                prop_assert!(msg.contains(&format!("section id {bad:?} is not a slug")), "{}", msg);
            }
        }
    }
}
