// The keyboard-wedge scanner's pure codec (bytes in, values out): HID boot-keyboard
// reports become text in the US layout, and text becomes scans at their suffix or, for a
// scanner sending none, at a pause (research usb.md §3). The state machine that reads the
// reports is driver.h; HID POS scanners are hid_pos.h.
//
//  [X] Boot report [modifiers, reserved, k1..k6]: a key counts when it appears, not while
//      it stays down; Left/Right Shift select the shifted character
//  [X] US layout: a–z, 1–0, space, - = [ ] \ ; ' ` , . / and their shifted forms, Enter
//      (main and keypad) and Tab
//  [X] Scans end at Enter or Tab, or after a configured pause; never by a timer while keys
//      keep coming, so a 3,000-character Secure QR arrives in one piece
//  [X] A scan longer than the cap is dropped whole (never cut into a wrong, shorter scan)
//  [ ] Non-US layouts (the scanner must be set to US, as every CSC scanner ships)
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drivers::scanner {

struct BootReport {
  std::uint8_t modifiers = 0;
  std::array<std::uint8_t, 6> keys{};
};

// An 8-byte boot-protocol keyboard report; nullopt for any other length.
std::optional<BootReport> parse_boot_report(std::span<const std::uint8_t> bytes);

// The character a key types in the US layout; nullopt for keys that type none (F-keys,
// arrows, modifiers, "no event" and the rollover error 0x01). Enter is '\n', Tab '\t'.
std::optional<char> us_character(std::uint8_t usage, bool shift);

// Boot reports to characters. Scanners release every key (an all-zero report) before the
// next, so "11" arrives as press, release, press; a key still down in the next report is
// not typed again.
class WedgeDecoder {
 public:
  std::string feed(const BootReport& report);
  void reset() { down_ = {}; }

 private:
  std::array<std::uint8_t, 6> down_{};
};

using Clock = std::chrono::steady_clock;

struct AssemblerOptions {
  bool end_on_enter = true;
  bool end_on_tab = true;
  // A scanner set to send no suffix: the scan ends when no character came for this long.
  // nullopt: only a suffix ends a scan.
  std::optional<std::chrono::milliseconds> end_on_gap = std::nullopt;
  std::size_t max_chars = 8192;  // a Secure QR is 2,000–3,000; past this, the scan is dropped
};

// Characters to scans. `feed` returns every scan its characters complete; `idle` ends a
// suffix-less scan once the gap has passed. A scan's text never holds its suffix.
class ScanAssembler {
 public:
  explicit ScanAssembler(AssemblerOptions options = {}) : options_(options) {}
  std::vector<std::string> feed(std::string_view characters, Clock::time_point now);
  std::optional<std::string> idle(Clock::time_point now);
  // A scan is arriving (characters since the last one ended): the screen says "reading…".
  bool reading() const { return !pending_.empty() || overflowed_; }
  // When idle() would end the scan in progress; nullopt when no gap applies.
  std::optional<Clock::time_point> gap_deadline() const;
  // Scans dropped because they passed max_chars (counted, never shown).
  std::size_t dropped() const { return dropped_; }

 private:
  AssemblerOptions options_;
  std::string pending_;
  bool overflowed_ = false;
  Clock::time_point last_{};
  std::size_t dropped_ = 0;
};

}  // namespace drivers::scanner
