//! The jump list: where the person was before each jump between stages, sources and sections
//! (a requirement to the line it came from, a checklist item to its section, a conflict to either
//! place), so that `^O` goes back and `M-i` forward again, as in an editor, and `Esc` on the place
//! a jump landed on returns to where it came from.
//!
//! A place is the same [`Place`] a saved session resumes at, plus the input viewer's position
//! when the place is the Inputs stage with an input open.

use crate::model::Place;

use super::app::App;
use super::navigator::Stage;

/// How many places each direction keeps; the oldest go first.
const DEPTH: usize = 100;

/// One place in the jump list.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    place: Place,
    /// The input open in the viewer (index, first visible line, marked line).
    viewer: Option<(usize, usize, Option<u32>)>,
}

/// The places behind and ahead of the person, and where the last jump landed.
#[derive(Debug, Default)]
pub struct JumpList {
    back: Vec<Spot>,
    forward: Vec<Spot>,
    /// The navigator item the last jump landed on: `Esc` there goes back instead of to the
    /// navigator. Cleared once the person goes back.
    landing: Option<String>,
}

impl JumpList {
    /// How many places `^O` can go back to.
    pub fn back_len(&self) -> usize {
        self.back.len()
    }

    /// How many places `M-i` can go forward to.
    pub fn forward_len(&self) -> usize {
        self.forward.len()
    }

    fn push_back(&mut self, spot: Spot) {
        if self.back.last() != Some(&spot) {
            self.back.push(spot);
        }
        if self.back.len() > DEPTH {
            self.back.remove(0);
        }
    }
}

impl App {
    /// Where the person is now, as the jump list keeps it.
    fn spot(&self) -> Spot {
        let place = self.current_place();
        let viewer = (place.item == Stage::Inputs.id())
            .then_some(self.ui.stages.viewer.as_ref())
            .flatten()
            .map(|v| (v.input, v.scroll, v.mark));
        Spot { place, viewer }
    }

    fn go_to_spot(&mut self, spot: &Spot) {
        self.ui.text_mode = false;
        self.ui.design = Default::default();
        self.ui.worksheet = None;
        self.ui.stages.viewer = None;
        self.go_to_place(&spot.place);
        if let Some((input, scroll, mark)) = spot.viewer {
            self.open_input_at(input, mark);
            if let Some(v) = self.ui.stages.viewer.as_mut() {
                v.scroll = scroll;
            }
            self.ui.focus = super::app::Pane::Editor;
        }
        self.ui.preview_follows = true;
    }

    /// Runs `go`, a jump to another place; when it moved the person, the place they left joins
    /// the jump list and `Esc` on the landing place comes back.
    pub(crate) fn jump(&mut self, go: impl FnOnce(&mut App)) {
        let before = self.spot();
        go(self);
        let after = self.spot();
        if after.place.item != before.place.item || after.viewer != before.viewer {
            self.ui.jumps.push_back(before);
            self.ui.jumps.forward.clear();
            self.ui.jumps.landing = Some(after.place.item);
        }
    }

    /// `^O`: back to the place before the last jump. Returns whether there was one.
    pub fn jump_back(&mut self) -> bool {
        let Some(spot) = self.ui.jumps.back.pop() else {
            self.info("no earlier place: the jump list is empty");
            return false;
        };
        let here = self.spot();
        self.ui.jumps.forward.push(here);
        self.ui.jumps.landing = None;
        self.go_to_spot(&spot);
        true
    }

    /// `M-i`: forward again to the place `^O` left.
    pub fn jump_forward(&mut self) -> bool {
        let Some(spot) = self.ui.jumps.forward.pop() else {
            self.info("no later place: nothing to go forward to");
            return false;
        };
        let here = self.spot();
        self.ui.jumps.push_back(here);
        self.go_to_spot(&spot);
        true
    }

    /// `Esc` on the place a jump landed on goes back to where the jump came from. Returns whether
    /// it did (otherwise `Esc` does what it does everywhere else).
    pub(crate) fn return_from_jump(&mut self) -> bool {
        let here = self.current_place().item;
        if self.ui.jumps.landing.as_deref() == Some(here.as_str()) && !self.ui.jumps.back.is_empty()
        {
            self.jump_back()
        } else {
            self.ui.jumps.landing = None;
            false
        }
    }
}
