//! Everything a person can do in the workbench, by name. Keys map onto these (see `keymap`), the
//! palette lists them, and help describes them.

/// Where an action applies: everywhere, or in one pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Navigator,
    Editor,
    Preview,
    /// The workspace of a stage (inputs, requirements) rather than a section's text.
    Workspace,
    /// The design panes of a component (steps a → f, option cards).
    Design,
    /// An elicitation worksheet open in the workspace.
    Worksheet,
    /// Every popup's list or page: moving, choosing, closing.
    Popup,
    /// A question a popup asks (quit with unsaved changes, a recovery file, finalize, reload).
    Dialog,
    /// The conflicts between the inputs (a popup list).
    ConflictList,
    /// The review comments of a section (a popup list).
    CommentList,
    /// Choosing, stretch by stretch, between the person's text and a generated change.
    Merge,
}

impl Context {
    pub const ALL: [Context; 12] = [
        Context::Global,
        Context::Navigator,
        Context::Design,
        Context::Worksheet,
        Context::Editor,
        Context::Workspace,
        Context::Preview,
        Context::Popup,
        Context::Dialog,
        Context::ConflictList,
        Context::CommentList,
        Context::Merge,
    ];

    /// The contexts of the panes, whose actions the palette offers (a popup's act in the popup).
    pub fn is_pane(self) -> bool {
        !matches!(
            self,
            Context::Popup
                | Context::Dialog
                | Context::ConflictList
                | Context::CommentList
                | Context::Merge
        )
    }

    /// The name used in `keymap.ron` and in help.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Navigator => "navigator",
            Context::Editor => "editor",
            Context::Preview => "preview",
            Context::Workspace => "workspace",
            Context::Design => "design",
            Context::Worksheet => "worksheet",
            Context::Popup => "popup",
            Context::Dialog => "dialog",
            Context::ConflictList => "conflicts",
            Context::CommentList => "comments",
            Context::Merge => "merge",
        }
    }

    /// The heading of the context's keys in help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Navigator => "Sections (navigator)",
            Context::Editor => "Editor",
            Context::Preview => "Preview",
            Context::Workspace => "Stage workspaces (inputs, input viewer, requirements)",
            Context::Design => "Design panes (a component's steps a → f)",
            Context::Worksheet => "Elicitation worksheets (step e)",
            Context::Popup => "Popups: lists and pages (help, palette, progress, pickers)",
            Context::Dialog => "Popups: questions (quit, recovery, finalize, reload, mode)",
            Context::ConflictList => "Popups: the conflicts between the inputs",
            Context::CommentList => "Popups: a section's review comments",
            Context::Merge => "Popups: a generated change over your text",
        }
    }
}

impl Action {
    /// Whether the palette offers the action: every action of the panes, none of a popup's
    /// (choosing, closing, answering a question act in the popup that asks).
    pub fn in_palette(self) -> bool {
        use Action::*;
        !matches!(
            self,
            Choose
                | Close
                | Toggle
                | OtherPage
                | Yes
                | No
                | SaveAndQuit
                | DiscardAndQuit
                | ReloadFromDisk
                | Overwrite
                | SaveAs
                | Restore
                | DiscardRecovery
                | KeepRecovery
                | ModeIncremental
                | ModeYolo
                | GoToFound
                | Resolve
                | Reopen
                | Comment
                | CommentOnOption
                | CommentOnDecision
                | ToggleResolved
                | Severity
                | KeepMine
                | TakeNew
                | KeepBoth
                | KeepMineRest
                | TakeNewRest
                | KeepBothRest
                | Supersede
                | Amend
        )
    }

    /// Whether the action changes the author's work wherever it acts (a read-only session and
    /// review mode refuse it, and leave its key out of the key bar).
    pub fn changes_the_work(self) -> bool {
        use Action::*;
        matches!(
            self,
            Add | NewCard
                | Remove
                | EditItem
                | MoveCardLeft
                | MoveCardRight
                | Recommend
                | Feedback
                | Decide
                | Finalize
                | Elicit
                | ApplyRecord
                | DiscardRecord
                | AddAlternative
                | Conclusions
                | AskAssistant
                | Generate
                | MarkPass
                | MarkPartial
                | MarkFail
                | MarkNotApplicable
                | ReloadInput
                | CycleCategory
                | Regimes
                | Undo
                | Redo
                | Cut
                | Paste
                | ExternalEditor
                | InsertOutline
                | ChooseMode
                | DraftAll
                | MergeReview
                | DeprecateDecision
                | RejectDecision
                | DecisionPeople
        )
    }
}

macro_rules! actions {
    ($( $variant:ident = $name:literal : $desc:literal ),* $(,)?) => {
        /// A named action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $( $variant, )* }

        impl Action {
            pub const ALL: &'static [Action] = &[ $( Action::$variant, )* ];

            /// The action's name, as written in `keymap.ron` and shown in the palette.
            pub fn name(self) -> &'static str {
                match self { $( Action::$variant => $name, )* }
            }

            /// One line saying what it does.
            pub fn description(self) -> &'static str {
                match self { $( Action::$variant => $desc, )* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $( $name => Some(Action::$variant), )* _ => None }
            }
        }
    };
}

actions! {
    Quit = "quit": "Quit (asks when there are unsaved changes)",
    Save = "save": "Save the session",
    Help = "help": "Show the keys and what they do",
    Palette = "palette": "Open the command palette",
    Progress = "progress": "Show every stage of the process, where each stands and what comes next (Enter goes there)",
    JumpBack = "jump-back": "Go back to where the last jump (to a source, a section) came from",
    JumpForward = "jump-forward": "Go forward again to the place jump-back left",
    FocusNext = "focus-next": "Move focus to the next pane",
    FocusPrev = "focus-prev": "Move focus to the previous pane",
    Zoom = "zoom": "Zoom the focused pane to the full width, or back",
    TogglePreview = "toggle-preview": "Show or hide the preview",
    NextTheme = "next-theme": "Switch to the next theme",
    Up = "up": "Move up",
    Down = "down": "Move down",
    Top = "top": "Go to the top",
    Bottom = "bottom": "Go to the bottom",
    PageUp = "page-up": "Scroll up a page",
    PageDown = "page-down": "Scroll down a page",
    Edit = "edit": "Edit the selected section",
    Leave = "leave": "Go back (leave the editor, the worksheet or the workspace)",
    Undo = "undo": "Undo the last edit",
    Redo = "redo": "Redo the last undone edit",
    Search = "search": "Search the section text",
    SearchNext = "search-next": "Go to the next match",
    SearchPrev = "search-prev": "Go to the previous match",
    SelectAll = "select-all": "Select the whole section text",
    Copy = "copy": "Copy the selection",
    Cut = "cut": "Cut the selection",
    Paste = "paste": "Paste what was copied or cut",
    ExternalEditor = "external-editor": "Edit the section in $VISUAL / $EDITOR",
    InsertOutline = "insert-outline": "Insert the template's outline for this section",
    ToggleWrap = "toggle-wrap": "Turn soft wrap in the editor on or off",
    Open = "open": "Open the selected item (an input in the viewer, a heading in the outline)",
    Add = "add": "Add an item (an input document, a requirement)",
    Remove = "remove": "Remove the selected item",
    EditItem = "edit-item": "Edit the selected item",
    ReloadInput = "reload-input": "Reload the selected input from disk, showing what changed",
    CycleCategory = "cycle-category": "Change the selected requirement's category",
    Regimes = "regimes": "Choose the compliance regimes in scope",
    Conflicts = "input-conflicts": "Review where the inputs disagree: go to either place, resolve with a reason, reopen",
    SwitchPane = "switch-pane": "Switch between the outline and the text in the input viewer",
    ChooseMode = "choose-mode": "Choose the interaction mode (Incremental or YOLO)",
    DraftAll = "yolo-draft": "Draft every component from the catalog (options, recommendation, body)",
    PrevStep = "previous-step": "Go to the previous design step (a → f)",
    NextStep = "next-step": "Go to the next design step (a → f)",
    PrevDecision = "previous-decision": "Go to the section's previous decision",
    NextDecision = "next-decision": "Go to the section's next decision",
    PrevCard = "previous-card": "Select the option card on the left",
    NextCard = "next-card": "Select the option card on the right",
    MoveCardLeft = "move-card-left": "Move the selected option card left",
    MoveCardRight = "move-card-right": "Move the selected option card right",
    NewCard = "new-card": "Add a blank option card",
    Recommend = "recommend": "Recommend the selected option, with a rationale",
    Feedback = "feedback": "Record feedback and the revision made in response",
    Decide = "decide": "Record the decision for the selected option, with its justification",
    Finalize = "finalize": "Finalize the section once its decisions are made (elicitation menu 8: before that, go to the decision)",
    WriteText = "write-text": "Write the component's section text in the editor",
    Elicit = "elicitation-menu": "Open the advanced elicitation menu (step e: actions 1-7, 8 finalizes)",
    Left = "left": "Move left",
    Right = "right": "Move right",
    AddAlternative = "add-alternative": "Add an alternative from the catalog to the decision matrix",
    Conclusions = "conclusions": "Write your conclusions from the worksheet",
    ApplyRecord = "apply-worksheet": "Apply the worksheet's results to the section draft",
    DiscardRecord = "discard-worksheet": "Discard the worksheet (its results leave the section)",
    AskAssistant = "ask-assistant": "Ask the assistant command from config.ron for a suggestion",
    MarkPass = "mark-pass": "Mark the checklist item passed",
    MarkPartial = "mark-partial": "Mark the checklist item partly met",
    MarkFail = "mark-fail": "Mark the checklist item failed",
    MarkNotApplicable = "mark-not-applicable": "Mark the checklist item not applicable",
    ToggleFilter = "toggle-filter": "Show only what still needs work, or everything",
    Generate = "generate": "Generate from the decisions (starter diagrams, drafted stories)",
    Export = "export": "Export the document (and its decision records) as Markdown",
    Comments = "comments": "Show the review comments of the selected section, and add or resolve them",
    ReviewMode = "review-mode": "Switch this window to review mode: comments only, the session file released",
    MergeReview = "merge-review": "Merge the reviewer's comments (<session>.review.ron) into the session",
    ExportReview = "export-review": "Write the review summary (open and resolved comments) as Markdown",
    DeprecateDecision = "deprecate-decision": "Withdraw the component's decision as deprecated (it held once), with a reason; its record stays",
    RejectDecision = "reject-decision": "Withdraw the component's decision as rejected (it was not to be), with a reason; its record stays",
    OpenDocument = "open-document": "Open another document of the project, or a recent session, in this window",
    DecisionPeople = "decision-people": "Set who took the component's decision, who was consulted and who is kept informed (the record's MADR people)",
    Choose = "choose": "Take the selected entry (run it, go there, add it, apply)",
    Close = "close": "Close the popup",
    Toggle = "toggle": "Tick or untick the selected entry",
    OtherPage = "other-page": "Switch between help's guide and its keys",
    Yes = "yes": "Answer yes (finalize, reopen, reload, accept, restore)",
    No = "no": "Answer no (cancel, keep things as they are)",
    SaveAndQuit = "save-and-quit": "Save the session, then quit (or open the other document)",
    DiscardAndQuit = "discard-and-quit": "Quit without saving the changes (or open the other document, the changes kept in the recovery file)",
    ReloadFromDisk = "reload-from-disk": "Load the session as it is on disk, dropping the changes made here",
    Overwrite = "overwrite": "Save over the session on disk, dropping the other program's change",
    SaveAs = "save-as": "Save the session under another name",
    Restore = "restore": "Restore the work in the recovery file",
    DiscardRecovery = "discard-recovery": "Delete the recovery file",
    KeepRecovery = "keep-recovery": "Keep the recovery file as a session of its own",
    ModeIncremental = "incremental": "Work incrementally, component by component",
    ModeYolo = "yolo": "Draft every component now, then review (YOLO)",
    GoToFound = "go-to-found": "Go to the text that disagrees with the rule",
    Resolve = "resolve": "Settle the conflict, with a reason",
    Reopen = "reopen": "Reopen a settled conflict",
    Comment = "comment": "Comment on the section",
    CommentOnOption = "comment-on-option": "Comment on the selected option",
    CommentOnDecision = "comment-on-decision": "Comment on the decision",
    ToggleResolved = "toggle-resolved": "Resolve the selected comment, or reopen it",
    Severity = "severity": "Change the selected comment's severity",
    KeepMine = "keep-mine": "Keep your text in this stretch",
    TakeNew = "take-new": "Take the generated text in this stretch",
    KeepBoth = "keep-both": "Keep both texts in this stretch",
    KeepMineRest = "keep-mine-rest": "Keep your text in this and every stretch left",
    TakeNewRest = "take-new-rest": "Take the generated text in this and every stretch left",
    KeepBothRest = "keep-both-rest": "Keep both texts in this and every stretch left",
    Supersede = "supersede": "Record the new decision as a new record that supersedes the current one",
    Amend = "amend": "Change the current decision's record in place (it keeps its number)",
}
