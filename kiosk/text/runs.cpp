#include "kiosk/text/runs.h"

#include <hb.h>

#include <optional>

namespace kiosk::text {
namespace {

struct Codepoint {
  char32_t value;
  std::size_t begin;
  std::size_t end;
};

std::vector<Codepoint> codepoints(std::string_view s) {
  std::vector<Codepoint> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 1;
    if (i + len > s.size()) break;
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back({cp, i, i + len});
    i += len;
  }
  return out;
}

// The font a codepoint asks for by itself, or nothing when it follows its neighbours.
std::optional<FontSlot> own_font(char32_t cp) {
  if (is_icon_codepoint(cp)) return FontSlot::Icons;
  if (cp >= '0' && cp <= '9') return FontSlot::Latin;  // ASCII digits: Noto Sans
  if (cp == 0x20B9) return FontSlot::Latin;            // ₹
  const hb_script_t script = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
  if (script == HB_SCRIPT_DEVANAGARI) return FontSlot::Devanagari;
  if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED) return std::nullopt;
  return FontSlot::Latin;
}

// Where a codepoint goes when its own font lacks it: the two text fonts stand in for each
// other; an icon has no stand-in but the Latin font's missing-glyph box.
FontSlot other(FontSlot slot) {
  return slot == FontSlot::Latin ? FontSlot::Devanagari : FontSlot::Latin;
}

}  // namespace

std::vector<Run> split_runs(std::string_view utf8, GlyphCheck has_glyph, const void* context) {
  const auto cps = codepoints(utf8);
  // A leading neutral takes the font of the first codepoint that has one.
  FontSlot current = FontSlot::Latin;
  for (const auto& cp : cps) {
    if (auto slot = own_font(cp.value)) {
      current = *slot;
      break;
    }
  }
  std::vector<Run> runs;
  for (const auto& cp : cps) {
    // A neutral after an icon goes back to the text around it, never into the icon font.
    FontSlot slot =
        own_font(cp.value).value_or(current == FontSlot::Icons ? FontSlot::Latin : current);
    if (!has_glyph(context, slot, cp.value) &&
        (slot == FontSlot::Icons || has_glyph(context, other(slot), cp.value))) {
      slot = other(slot);
    }
    if (runs.empty() || runs.back().font != slot) runs.push_back({cp.begin, cp.begin, slot});
    runs.back().end = cp.end;
    current = slot;
  }
  return runs;
}

}  // namespace kiosk::text
