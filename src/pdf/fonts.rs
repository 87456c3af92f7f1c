//! The fonts of the PDF briefs, compiled into the binary and loaded once per process.
//!
//! typst-kit's embedded fonts (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) have no
//! sans-serif text face, and the house style is sans: Noto Sans (SIL OFL, `assets/fonts/`) covers
//! all of Dutch (ë ï é ĳ Ĳ € „ ” ‘ ’ – —). No system font is ever looked at, so a PDF looks
//! the same on every machine.

use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::FontStore;

const NOTO_SANS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf"),
];

/// Every font a PDF may use. Loading takes ~80 ms, so it happens once.
pub(super) static FONTS: LazyLock<FontStore> = LazyLock::new(|| {
    let mut store = FontStore::new();
    for data in NOTO_SANS {
        store.extend(Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        }));
    }
    store.extend(typst_kit::fonts::embedded());
    store
});
