// UTF-8 at the edges of the text engine: decoding with validation, encoding, and editing
// by codepoint (an on-screen keyboard's backspace removes one codepoint, not one byte
// and not one grapheme: "कि" is two keystrokes, so two backspaces).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::text {

// Codepoints of `utf8`, or nothing when it is not valid UTF-8 (overlong forms,
// surrogates, values above U+10FFFF and truncated sequences are all invalid).
std::optional<std::vector<char32_t>> decode_utf8(std::string_view utf8);

// Appends the UTF-8 form of `cp` (which must be a valid scalar value).
void append_utf8(std::string& out, char32_t cp);
std::string encode_utf8(const std::vector<char32_t>& codepoints);

// Removes the last codepoint of a valid UTF-8 string; no-op when empty.
void pop_last_codepoint(std::string& utf8);

}  // namespace kiosk::text
