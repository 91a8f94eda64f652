#include "kiosk/text/utf8.h"

namespace kiosk::text {
namespace {

// RFC 3629 §4: lead byte → sequence length and the smallest value that length may encode.
struct Lead {
  int length;
  char32_t bits;
  char32_t minimum;
};

std::optional<Lead> classify(unsigned char byte) {
  if (byte < 0x80) return Lead{1, byte, 0};
  if ((byte & 0xE0) == 0xC0) return Lead{2, char32_t(byte & 0x1F), 0x80};
  if ((byte & 0xF0) == 0xE0) return Lead{3, char32_t(byte & 0x0F), 0x800};
  if ((byte & 0xF8) == 0xF0) return Lead{4, char32_t(byte & 0x07), 0x10000};
  return std::nullopt;  // a continuation byte or 0xF8..0xFF cannot start a sequence
}

}  // namespace

std::optional<std::vector<char32_t>> decode_utf8(std::string_view utf8) {
  std::vector<char32_t> out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = classify(static_cast<unsigned char>(utf8[i]));
    if (!lead || i + lead->length > utf8.size()) return std::nullopt;
    char32_t cp = lead->bits;
    for (int k = 1; k < lead->length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (next & 0x3F);
    }
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (cp < lead->minimum || surrogate || cp > 0x10FFFF) return std::nullopt;
    out.push_back(cp);
    i += lead->length;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string encode_utf8(const std::vector<char32_t>& codepoints) {
  std::string out;
  for (char32_t cp : codepoints) append_utf8(out, cp);
  return out;
}

void pop_last_codepoint(std::string& utf8) {
  while (!utf8.empty()) {
    const auto byte = static_cast<unsigned char>(utf8.back());
    utf8.pop_back();
    if ((byte & 0xC0) != 0x80) return;  // removed the lead byte: one codepoint gone
  }
}

}  // namespace kiosk::text
