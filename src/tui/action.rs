//! Everything a person can do in the workbench, by name. Keys map onto these (see `keymap`), the
//! palette lists them, and help describes them.

/// Where an action applies: everywhere, or in one pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Navigator,
    Editor,
    Preview,
}

impl Context {
    pub const ALL: [Context; 4] = [
        Context::Global,
        Context::Navigator,
        Context::Editor,
        Context::Preview,
    ];

    /// The name used in `keymap.ron` and in help.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Navigator => "navigator",
            Context::Editor => "editor",
            Context::Preview => "preview",
        }
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
    Leave = "leave": "Leave the editor",
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
}
