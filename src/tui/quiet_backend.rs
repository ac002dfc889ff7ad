//! A terminal backend that writes nothing when nothing changed. Ratatui's crossterm backend ends
//! every `draw` with a colour and attribute reset, and the terminal sets the cursor on every frame,
//! so an idle screen redrawn four times a second would write about 25 bytes each time. This
//! wrapper skips a draw with no cells and a cursor command that repeats the cursor's known state;
//! anything that may move the real cursor (cells drawn, a clear) forgets where it is.
//!
//! A frame that changes cells is sent as one synchronized update (`CSI ? 2026 h` … `CSI ? 2026
//! l`, which terminals that do not know it ignore): the terminal shows it whole, never half
//! drawn, and a reader of the output can tell where each frame ends.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

pub struct QuietBackend<B: Backend> {
    inner: B,
    /// A synchronized update is open: the frame's end (`flush`) closes it.
    syncing: bool,
    /// Whether the cursor is shown, when known.
    visible: Option<bool>,
    /// Where the cursor is, when known.
    at: Option<Position>,
}

impl<B: Backend> QuietBackend<B> {
    pub fn new(inner: B) -> QuietBackend<B> {
        QuietBackend {
            inner,
            syncing: false,
            visible: None,
            at: None,
        }
    }

    /// Forgets the cursor's state, after something outside this backend wrote to the terminal
    /// (an external editor, leaving and entering the screen).
    pub fn forget(&mut self) {
        self.visible = None;
        self.at = None;
    }
}

/// Opens and closes a synchronized update (DEC private mode 2026).
const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
const END_SYNC: &[u8] = b"\x1b[?2026l";

impl<B> Backend for QuietBackend<B>
where
    B: Backend + std::io::Write,
    B::Error: From<std::io::Error>,
{
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        if content.peek().is_none() {
            return Ok(());
        }
        if !self.syncing {
            self.inner.write_all(BEGIN_SYNC)?;
            self.syncing = true;
        }
        self.at = None;
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if self.visible == Some(false) {
            return Ok(());
        }
        self.inner.hide_cursor()?;
        self.visible = Some(false);
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if self.visible == Some(true) {
            return Ok(());
        }
        self.inner.show_cursor()?;
        self.visible = Some(true);
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        if self.at == Some(position) {
            return Ok(());
        }
        self.inner.set_cursor_position(position)?;
        self.at = Some(position);
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.forget();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.forget();
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.forget();
        self.inner.append_lines(n)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        if std::mem::take(&mut self.syncing) {
            self.inner.write_all(END_SYNC)?;
        }
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// What the terminal was sent, kept where the test can read it.
    #[derive(Clone, Default)]
    struct Sent(Rc<RefCell<Vec<u8>>>);

    impl std::io::Write for Sent {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    type T = Terminal<QuietBackend<CrosstermBackend<Sent>>>;

    fn draw(t: &mut T, text: &'static str, cursor: Option<(u16, u16)>) {
        t.draw(|f| {
            f.render_widget(Paragraph::new(text), f.area());
            if let Some(c) = cursor {
                f.set_cursor_position(c);
            }
        })
        .unwrap();
    }

    #[test]
    fn an_unchanged_frame_writes_nothing_and_a_changed_one_writes_its_cells() {
        let sent = Sent::default();
        let mut t: T = Terminal::with_options(
            QuietBackend::new(CrosstermBackend::new(sent.clone())),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 20, 3)),
            },
        )
        .unwrap();
        let written = || sent.0.borrow().len();
        draw(&mut t, "hello", None);
        let first = written();
        assert!(first > 0);
        // One synchronized update, closed after everything else the frame wrote.
        let frame = String::from_utf8_lossy(&sent.0.borrow()).into_owned();
        assert!(frame.starts_with("\u{1b}[?2026h"), "{frame:?}");
        assert!(frame.ends_with("\u{1b}[?2026l"), "{frame:?}");
        assert_eq!(frame.matches("2026").count(), 2, "{frame:?}");
        // The same frame again, without and then with a cursor at the same place.
        draw(&mut t, "hello", None);
        assert_eq!(written(), first, "an idle frame wrote bytes");
        draw(&mut t, "hello", Some((2, 1)));
        let with_cursor = written();
        assert!(with_cursor > first);
        draw(&mut t, "hello", Some((2, 1)));
        assert_eq!(written(), with_cursor, "a repeated cursor wrote bytes");
        // A change writes, and the cursor is placed again after the cells moved it.
        draw(&mut t, "hullo", Some((2, 1)));
        let tail = String::from_utf8_lossy(&sent.0.borrow()[with_cursor..]).into_owned();
        assert!(tail.contains('u'), "{tail:?}");
        assert!(tail.ends_with("\u{1b}[2;3H\u{1b}[?2026l"), "{tail:?}");
        // After a clear (or a foreign write), the cursor's state is sent again.
        t.backend_mut().clear().unwrap();
        let cleared = written();
        t.backend_mut().show_cursor().unwrap();
        t.backend_mut().set_cursor_position((2, 1)).unwrap();
        assert!(written() > cleared);
        t.backend_mut().forget();
        let forgot = written();
        t.backend_mut().show_cursor().unwrap();
        assert!(written() > forgot);
    }
}
