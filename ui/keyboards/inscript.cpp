// InScript (IS 13194:1991) Devanagari on the physical US key positions: the key table,
// the on-screen rows built from it, and `inscript_type` for tests.
//
// [X] All 47 character keys, levels 1 (plain) and 2 (shift), from xkeyboard-config
// [X] Dependent signs (matras, halant, nukta, anusvara…) labelled on a dotted circle ◌
// [X] ZWNJ / ZWJ keys beside Space
// [ ] Level 3/4 (AltGr): ॐ, ₹, ॠ, ॡ, precomposed nukta letters (क़ is typed क + ़ instead)
#include <array>

#include "kiosk/text/utf8.h"
#include "ui/keyboards/keyboard.h"

namespace kiosk::ui::keyboards {
namespace {

struct InscriptKey {
  char us;           // the US character at level 1 (the key's name in `inscript_type`)
  char us_shift;     // the US character at level 2
  const char* name;  // key id suffix: "k.<name>"
  char32_t plain;    // Devanagari level 1
  char32_t shifted;  // Devanagari level 2
};

// Transcribed from xkeyboard-config /usr/share/X11/xkb/symbols/in, xkb_symbols "deva"
// (David Holl, 2004; Debian 12 xkb-data 2.35), levels 1 and 2 of each key, in physical
// order <TLDE> <AE01>…<AE12>, <AD01>…<AD12> <BKSL>, <AC01>…<AC11>, <AB01>…<AB10>.
// Where xkb puts ASCII on a level (#, $, %, ^, &, *, (, ) on Shift+digits, '-', ',', '.')
// it is kept: IS 13194 wants conjunct macros there, which xkb cannot express either.
constexpr std::array<InscriptKey, 47> kInscript{{
    // Row E: <TLDE> <AE01>..<AE12>. Digits are Devanagari at level 1.
    {'`', '~', "grave", 0x094A, 0x0912},  // ॊ ऒ
    {'1', '!', "1", 0x0967, 0x090D},      // १ ऍ
    {'2', '@', "2", 0x0968, 0x0945},      // २ ॅ
    {'3', '#', "3", 0x0969, U'#'},        // ३ #
    {'4', '$', "4", 0x096A, U'$'},        // ४ $
    {'5', '%', "5", 0x096B, U'%'},        // ५ %
    {'6', '^', "6", 0x096C, U'^'},        // ६ ^
    {'7', '&', "7", 0x096D, U'&'},        // ७ &
    {'8', '*', "8", 0x096E, U'*'},        // ८ *
    {'9', '(', "9", 0x096F, U'('},        // ९ (
    {'0', ')', "0", 0x0966, U')'},        // ० )
    {'-', '_', "minus", U'-', 0x0903},    // - ः
    {'=', '+', "equal", 0x0943, 0x090B},  // ृ ऋ
    // Row D: <AD01>..<AD12> <BKSL>
    {'q', 'Q', "q", 0x094C, 0x0914},           // ौ औ
    {'w', 'W', "w", 0x0948, 0x0910},           // ै ऐ
    {'e', 'E', "e", 0x093E, 0x0906},           // ा आ
    {'r', 'R', "r", 0x0940, 0x0908},           // ी ई
    {'t', 'T', "t", 0x0942, 0x090A},           // ू ऊ
    {'y', 'Y', "y", 0x092C, 0x092D},           // ब भ
    {'u', 'U', "u", 0x0939, 0x0919},           // ह ङ
    {'i', 'I', "i", 0x0917, 0x0918},           // ग घ
    {'o', 'O', "o", 0x0926, 0x0927},           // द ध
    {'p', 'P', "p", 0x091C, 0x091D},           // ज झ
    {'[', '{', "lbracket", 0x0921, 0x0922},    // ड ढ
    {']', '}', "rbracket", 0x093C, 0x091E},    // ़ (nukta) ञ
    {'\\', '|', "backslash", 0x0949, 0x0911},  // ॉ ऑ
    // Row C: <AC01>..<AC11>
    {'a', 'A', "a", 0x094B, 0x0913},            // ो ओ
    {'s', 'S', "s", 0x0947, 0x090F},            // े ए
    {'d', 'D', "d", 0x094D, 0x0905},            // ् (halant) अ
    {'f', 'F', "f", 0x093F, 0x0907},            // ि इ
    {'g', 'G', "g", 0x0941, 0x0909},            // ु उ
    {'h', 'H', "h", 0x092A, 0x092B},            // प फ
    {'j', 'J', "j", 0x0930, 0x0931},            // र ऱ
    {'k', 'K', "k", 0x0915, 0x0916},            // क ख
    {'l', 'L', "l", 0x0924, 0x0925},            // त थ
    {';', ':', "semicolon", 0x091A, 0x091B},    // च छ
    {'\'', '"', "apostrophe", 0x091F, 0x0920},  // ट ठ
    // Row B: <AB01>..<AB10>
    {'z', 'Z', "z", 0x0946, 0x090E},      // ॆ ऎ
    {'x', 'X', "x", 0x0902, 0x0901},      // ं (anusvara) ँ (candrabindu)
    {'c', 'C', "c", 0x092E, 0x0923},      // म ण
    {'v', 'V', "v", 0x0928, 0x0929},      // न ऩ
    {'b', 'B', "b", 0x0935, 0x0934},      // व ऴ
    {'n', 'N', "n", 0x0932, 0x0933},      // ल ळ
    {'m', 'M', "m", 0x0938, 0x0936},      // स श
    {',', '<', "comma", U',', 0x0937},    // , ष
    {'.', '>', "period", U'.', 0x0964},   // . । (danda)
    {'/', '?', "slash", 0x092F, 0x095F},  // य य़
}};

// Where each physical row starts in kInscript (rows E, D, C, B), and where the table ends.
constexpr std::array<std::size_t, 5> kRowStarts{0, 13, 26, 37, 47};

// Unicode Devanagari block: combining (Mn/Mc) signs that cannot stand alone on a key cap.
bool is_dependent_sign(char32_t cp) {
  return (cp >= 0x0900 && cp <= 0x0903) || (cp >= 0x093A && cp <= 0x093C) ||
         (cp >= 0x093E && cp <= 0x094F) || (cp >= 0x0951 && cp <= 0x0957) ||
         (cp >= 0x0962 && cp <= 0x0963);
}

std::string key_label(char32_t cp) {
  std::string label;
  if (is_dependent_sign(cp)) text::append_utf8(label, U'\u25CC');  // ◌ DOTTED CIRCLE
  text::append_utf8(label, cp);
  return label;
}

Key character_key(const InscriptKey& entry, bool shift) {
  const char32_t cp = shift ? entry.shifted : entry.plain;
  Key key{std::string("k.") + entry.name, key_label(cp), 1, KeyAction::Insert, {}};
  text::append_utf8(key.text, cp);
  return key;
}

std::vector<Key> character_row(std::size_t row, bool shift) {
  std::vector<Key> keys;
  for (std::size_t i = kRowStarts[row]; i < kRowStarts[row + 1]; ++i) {
    keys.push_back(character_key(kInscript[i], shift));
  }
  return keys;
}

}  // namespace

namespace detail {

// Control keys sit where a physical keyboard has them (Backspace after '=', Shift before
// 'z'); ZWNJ and ZWJ flank Space, as xkb puts them on Space's levels 3 and 4
// (symbols/nbsp "zwnj3zwj4"). Labels are Hindi defaults; ZWNJ/ZWJ have no common name.
KeyRows inscript_rows(bool shift) {
  KeyRows out;
  for (std::size_t row = 0; row + 1 < kRowStarts.size(); ++row) {
    out.push_back(character_row(row, shift));
  }
  out[0].push_back({"k.backspace", "मिटाएँ", 2, KeyAction::Backspace, {}});
  out[3].insert(out[3].begin(), Key{"k.shift", "शिफ़्ट", 2, KeyAction::Shift, {}});
  out.push_back({
      {"k.zwnj", "ZWNJ", 2, KeyAction::Zwnj, "\u200C"},
      {"k.space", "स्पेस", 6, KeyAction::Space, " "},
      {"k.zwj", "ZWJ", 2, KeyAction::Zwj, "\u200D"},
      {"k.done", "ठीक है", 2, KeyAction::Done, {}},
  });
  return out;
}

}  // namespace detail

std::string inscript_type(std::string_view keys) {
  std::string out;
  while (!keys.empty()) {
    if (keys.starts_with("<zwnj>")) {
      out += "\u200C";
      keys.remove_prefix(6);
      continue;
    }
    if (keys.starts_with("<zwj>")) {
      out += "\u200D";
      keys.remove_prefix(5);
      continue;
    }
    const char c = keys.front();
    keys.remove_prefix(1);
    bool found = false;
    for (const auto& entry : kInscript) {
      if (c != entry.us && c != entry.us_shift) continue;
      text::append_utf8(out, c == entry.us ? entry.plain : entry.shifted);
      found = true;
      break;
    }
    if (!found) out.push_back(c);  // space, or a byte of a non-ASCII character
  }
  return out;
}

}  // namespace kiosk::ui::keyboards
