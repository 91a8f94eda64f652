// Searching for a secret the kiosk must never keep (a full Aadhaar number): every way it can
// be spelt, and where it was found. Shared by the privacy checks on the real binary, whose
// positive controls plant a spelling in the searched bytes to show a miss means absence.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::testing {

inline std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string utf16le(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// U+0966..U+096F for 0..9: E0 A5 A6..AF in UTF-8.
inline std::string devanagari_digits(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    if (c < '0' || c > '9') {
      out.push_back(c);
      continue;
    }
    out += "\xE0\xA5";
    out.push_back(static_cast<char>(0xA6 + (c - '0')));
  }
  return out;
}

// Every way the number can be spelt: ASCII, 4-4-4 spaced, Devanagari digits, UTF-16.
inline std::vector<std::string> spellings(std::string_view number) {
  const std::string spaced = std::string(number.substr(0, 4)) + " " +
                             std::string(number.substr(4, 4)) + " " +
                             std::string(number.substr(8, 4));
  return {std::string(number), spaced, devanagari_digits(number), utf16le(number), utf16le(spaced)};
}

inline std::vector<std::string> found_in(const std::string& haystack,
                                         const std::vector<std::string>& needles) {
  std::vector<std::string> found;
  for (const auto& n : needles)
    if (haystack.find(n) != std::string::npos) found.push_back(n);
  return found;
}

}  // namespace kiosk::testing
