// HID usage tables 1.21, page 0x07 (Keyboard/Keypad), in the US layout.
#include "drivers/scanner/protocol.h"

#include <algorithm>

namespace drivers::scanner {
namespace {

constexpr std::uint8_t kLeftShift = 0x02, kRightShift = 0x20;

// 0x2D..0x38: - = [ ] \ (non-US # is 0x32, typed as \ by US layouts) ; ' ` , . /
constexpr std::string_view kPunct = "-=[]\\\\;'`,./";
constexpr std::string_view kPunctShifted = "_+{}||:\"~<>?";
constexpr std::string_view kDigitsShifted = "!@#$%^&*()";

}  // namespace

std::optional<BootReport> parse_boot_report(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != 8) return std::nullopt;
  BootReport r;
  r.modifiers = bytes[0];
  std::copy(bytes.begin() + 2, bytes.end(), r.keys.begin());
  return r;
}

std::optional<char> us_character(std::uint8_t usage, bool shift) {
  if (usage >= 0x04 && usage <= 0x1D) return static_cast<char>((shift ? 'A' : 'a') + usage - 0x04);
  if (usage >= 0x1E && usage <= 0x27) {
    const std::size_t i = usage - 0x1E;  // 1..9 then 0
    return shift ? kDigitsShifted[i] : static_cast<char>(i == 9 ? '0' : '1' + i);
  }
  if (usage >= 0x2D && usage <= 0x38) {
    const std::size_t i = usage - 0x2D;
    return shift ? kPunctShifted[i] : kPunct[i];
  }
  switch (usage) {
    case 0x28:  // Enter
    case 0x58:  // Keypad Enter
      return '\n';
    case 0x2B:
      return '\t';
    case 0x2C:
      return ' ';
    default:
      return std::nullopt;
  }
}

std::string WedgeDecoder::feed(const BootReport& report) {
  const bool shift = (report.modifiers & (kLeftShift | kRightShift)) != 0;
  std::string out;
  for (std::uint8_t key : report.keys) {
    if (key < 0x04) continue;  // no event, rollover and POST errors
    if (std::ranges::find(down_, key) != down_.end()) continue;  // still held
    if (auto c = us_character(key, shift)) out.push_back(*c);
  }
  down_ = report.keys;
  return out;
}

std::vector<std::string> ScanAssembler::feed(std::string_view characters, Clock::time_point now) {
  std::vector<std::string> scans;
  for (char c : characters) {
    const bool suffix = (c == '\n' && options_.end_on_enter) || (c == '\t' && options_.end_on_tab);
    if (suffix) {
      if (!overflowed_ && !pending_.empty()) scans.push_back(std::move(pending_));
      pending_.clear();
      overflowed_ = false;
      continue;
    }
    if (overflowed_) continue;
    if (pending_.size() >= options_.max_chars) {  // dropped whole: a cut scan would lie
      pending_.clear();
      overflowed_ = true;
      ++dropped_;
      continue;
    }
    pending_.push_back(c);
  }
  if (!characters.empty()) last_ = now;
  return scans;
}

std::optional<Clock::time_point> ScanAssembler::gap_deadline() const {
  if (!options_.end_on_gap || !reading()) return std::nullopt;
  return last_ + *options_.end_on_gap;
}

std::optional<std::string> ScanAssembler::idle(Clock::time_point now) {
  const auto deadline = gap_deadline();
  if (!deadline || now < *deadline) return std::nullopt;
  const bool overflowed = overflowed_;
  overflowed_ = false;
  std::string scan = std::move(pending_);
  pending_.clear();
  if (overflowed || scan.empty()) return std::nullopt;
  return scan;
}

}  // namespace drivers::scanner
