// Splitting text into runs that one font shapes: Devanagari letters, signs and digits go to
// the Devanagari font; Latin letters, ASCII digits and ₹ to the Latin font; Private Use
// Area codepoints (U+E000–U+F8FF) to the icon font (Material Icons: a pictogram is one
// codepoint, drawn like any glyph); characters that belong to no script (spaces,
// punctuation, ZWJ/ZWNJ, combining marks, the danda) stay with the run around them, so a
// conjunct with ZWJ is never split from its letters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace kiosk::text {

enum class FontSlot : std::uint8_t { Latin = 0, Devanagari = 1, Icons = 2 };
inline constexpr int kFontSlots = 3;

// The icon font's range: one pictogram per codepoint (Material Icons sits here).
inline constexpr bool is_icon_codepoint(char32_t cp) {
  return cp >= 0xE000 && cp <= 0xF8FF;
}

struct Run {
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  FontSlot font = FontSlot::Latin;
};

// `has_glyph(slot, cp)` lets the splitter move a codepoint to the other font when the
// first choice lacks it. Text must be valid UTF-8 (invalid bytes are skipped).
using GlyphCheck = bool (*)(const void* context, FontSlot slot, char32_t cp);
std::vector<Run> split_runs(std::string_view utf8, GlyphCheck has_glyph, const void* context);

}  // namespace kiosk::text
