// The scanners' pure codecs: boot-keyboard reports to text, text to scans, and HID POS
// reports laid out by the device's own report descriptor.
#include <catch2/catch.hpp>

#include "drivers/scanner/hid_descriptor.h"
#include "drivers/scanner/hid_pos.h"
#include "drivers/scanner/protocol.h"
#include "tests/support/hid_descriptors.h"

using namespace drivers::scanner;
using namespace std::chrono_literals;
namespace hid = kiosk::testing::hid;

namespace {

// The reports a wedge scanner sends for `text`: each character pressed (with Left Shift
// where needed) and released, in the US layout.
// The key (and shift) that types `c` in the US layout.
BootReport key_for(char c) {
  for (std::uint8_t usage = 0x04; usage < 0x60; ++usage) {
    for (bool shift : {false, true}) {
      if (us_character(usage, shift) == c)
        return {static_cast<std::uint8_t>(shift ? 0x02 : 0), {usage}};
    }
  }
  FAIL("no key types " << c);
  return {};
}

std::vector<BootReport> reports_for(std::string_view text) {
  std::vector<BootReport> out;
  for (char c : text) {
    out.push_back(key_for(c));
    out.push_back({});  // every key is released before the next
  }
  return out;
}

std::string type(WedgeDecoder& d, std::string_view text) {
  std::string out;
  for (const auto& r : reports_for(text)) out += d.feed(r);
  return out;
}

}  // namespace

TEST_CASE("Boot reports become US-layout text with shift", "[scanner][wedge][protocol]") {
  WedgeDecoder d;
  const std::string text = "Hello, World! 0123456789 -=[]\\;'`,./ _+{}|:\"~<>? !@#$%^&*()";
  CHECK(type(d, text) == text);
  CHECK(us_character(0x28, false) == '\n');  // Enter
  CHECK(us_character(0x58, false) == '\n');  // keypad Enter
  CHECK(us_character(0x2B, false) == '\t');
  CHECK_FALSE(us_character(0x3A, false));  // F1 types nothing
  CHECK_FALSE(parse_boot_report(std::vector<std::uint8_t>(7)));
  const std::uint8_t bytes[] = {0x20, 0, 0x04, 0, 0, 0, 0, 0};  // Right Shift + a
  CHECK(d.feed(*parse_boot_report(bytes)) == "A");
}

TEST_CASE("A key held across reports is typed once", "[scanner][wedge][protocol]") {
  WedgeDecoder d;
  const BootReport a{0, {0x04}}, ab{0, {0x04, 0x05}}, none{};
  CHECK(d.feed(a) == "a");
  CHECK(d.feed(a).empty());
  CHECK(d.feed(ab) == "b");
  CHECK(d.feed(none).empty());
  CHECK(d.feed(a) == "a");  // pressed again after the release
  CHECK(d.feed(BootReport{0, {0x01, 0x01, 0x01, 0x01, 0x01, 0x01}}).empty());  // rollover
}

TEST_CASE("A scan ends at its Enter or Tab suffix, never holding it",
          "[scanner][wedge][protocol]") {
  ScanAssembler a;
  const auto t = Clock::time_point{};
  CHECK(a.feed("ABC", t).empty());
  CHECK(a.reading());
  CHECK(a.feed("\n", t) == std::vector<std::string>{"ABC"});
  CHECK_FALSE(a.reading());
  CHECK(a.feed("X1\tY2\n\n", t) == std::vector<std::string>{"X1", "Y2"});  // an empty one is none
  ScanAssembler enter_only({.end_on_enter = true, .end_on_tab = false});
  CHECK(enter_only.feed("a\tb\n", t) == std::vector<std::string>{"a\tb"});
  CHECK_FALSE(a.idle(t + 1h));  // no gap configured: only a suffix ends a scan
}

TEST_CASE("A scanner with no suffix ends a scan at the configured pause, and only then",
          "[scanner][wedge][protocol]") {
  ScanAssembler a({.end_on_gap = 50ms});
  auto t = Clock::time_point{} + 1s;
  // A Secure QR's 3,000 digits, one every 5 ms for 15 s: no pause, so no cut.
  std::string secure_qr;
  for (int i = 0; i < 3000; ++i) secure_qr.push_back(static_cast<char>('0' + i % 10));
  for (char c : secure_qr) {
    CHECK(a.feed(std::string(1, c), t).empty());
    t += 5ms;
    REQUIRE_FALSE(a.idle(t));
  }
  CHECK(a.gap_deadline() == t - 5ms + 50ms);
  CHECK_FALSE(a.idle(t + 40ms));
  CHECK(a.idle(t + 50ms) == secure_qr);
  CHECK_FALSE(a.reading());
  CHECK_FALSE(a.gap_deadline());
}

TEST_CASE("A scan longer than the cap is dropped whole, never cut", "[scanner][wedge][protocol]") {
  ScanAssembler a({.max_chars = 10});
  const auto t = Clock::time_point{};
  CHECK(a.feed("0123456789ABC\n", t).empty());
  CHECK(a.dropped() == 1);
  CHECK(a.feed("short\n", t) == std::vector<std::string>{"short"});  // the next one is fine
}

TEST_CASE("Honeywell's HID POS layout is read from its report descriptor",
          "[scanner][hidpos][protocol]") {
  const auto descriptor = parse_report_descriptor(hid::honeywell_like());
  REQUIRE(descriptor);
  const auto layout = pos_layout(*descriptor);
  REQUIRE(layout);
  CHECK(layout->report_id == 2);
  CHECK(layout->payload_bytes == 63);
  CHECK(layout->data.size() == 56);
  CHECK(layout->data.front().offset == 32);  // after the count and the AIM id
  CHECK(layout->symbology.size() == 3);
  REQUIRE(layout->byte_count);
  CHECK(layout->byte_count->offset == 0);
  REQUIRE(layout->continued);
  CHECK(layout->continued->offset == 62 * 8);

  std::vector<std::uint8_t> report(64, 0);
  report[0] = 2;  // the report id
  report[1] = 4;  // four bytes, NULs among them
  report[2] = ']', report[3] = 'Q', report[4] = '1';
  report[5] = 'a', report[6] = 0, report[7] = 'b', report[8] = 0;
  report[63] = 1;  // more follow
  const auto chunk = decode_pos_report(*layout, report);
  REQUIRE(chunk);
  CHECK(chunk->data == std::string("a\0b\0", 4));
  CHECK(chunk->symbology == "]Q1");
  CHECK(chunk->continued);
  report[0] = 3;
  CHECK_FALSE(decode_pos_report(*layout, report));                       // another report
  CHECK_FALSE(decode_pos_report(*layout, std::span(report).first(10)));  // too short
}

TEST_CASE("Another maker's HID POS layout decodes from its descriptor alone",
          "[scanner][hidpos][protocol]") {
  // Report 7; "continued" first, 40 data bytes, a 16-bit count after them, the AIM id last.
  const auto descriptor = parse_report_descriptor(hid::other_vendor());
  REQUIRE(descriptor);
  const auto layout = pos_layout(*descriptor);
  REQUIRE(layout);
  CHECK(layout->report_id == 7);
  CHECK(layout->payload_bytes == 1 + 40 + 2 + 3);
  std::vector<std::uint8_t> report(1 + layout->payload_bytes, 0);
  report[0] = 7;
  report[1] = 0;  // the last report of this scan
  const std::string text = "csckiosk:r1:CG-RPR-0042";
  std::copy(text.begin(), text.end(), report.begin() + 2);
  report[42] = static_cast<std::uint8_t>(text.size());  // little-endian 16-bit count
  report[44] = ']', report[45] = 'Q', report[46] = '1';
  const auto chunk = decode_pos_report(*layout, report);
  REQUIRE(chunk);
  CHECK(chunk->data == text);
  CHECK(chunk->symbology == "]Q1");
  CHECK_FALSE(chunk->continued);
  // The feature report the device needs to start scanning is in its descriptor too.
  CHECK(descriptor->report_bytes(ReportType::Feature, 0xFE) == 1);
}

TEST_CASE("Long scans arrive over several reports and are joined", "[scanner][hidpos][protocol]") {
  PosAssembler a;
  CHECK_FALSE(a.feed({"first ", "]Q1", true}));
  CHECK(a.reading());
  CHECK_FALSE(a.feed({"second ", "]Q1", true}));
  CHECK(a.feed({"third", "]Q1", false}) == "first second third");
  CHECK_FALSE(a.reading());
  PosAssembler small(8);
  CHECK_FALSE(small.feed({"12345", "", true}));
  CHECK_FALSE(small.feed({"67890", "", false}));  // past the cap: dropped whole
  CHECK(small.feed({"ok", "", false}) == "ok");
}

TEST_CASE("A keyboard's descriptor has no scan data, and malformed ones are refused",
          "[scanner][hidpos][protocol]") {
  const auto keyboard = parse_report_descriptor(hid::boot_keyboard());
  REQUIRE(keyboard);
  CHECK(keyboard->report_bytes(ReportType::Input, 0) == 8);
  CHECK_FALSE(pos_layout(*keyboard));
  const auto whole = hid::honeywell_like();
  REQUIRE(whole.size() > 20);
  std::vector<std::uint8_t> truncated(whole.begin(), whole.end() - 20);
  truncated.push_back(0x26);  // a 2-byte item with one byte left
  truncated.push_back(0xFF);
  CHECK_FALSE(parse_report_descriptor(truncated));
  CHECK_FALSE(parse_report_descriptor(std::vector<std::uint8_t>{0xC0}));  // end, no collection
  CHECK_FALSE(parse_report_descriptor(std::vector<std::uint8_t>{0xB4}));  // pop, nothing pushed
  std::vector<std::uint8_t> deep;
  for (int i = 0; i < 40; ++i) deep.insert(deep.end(), {0xA1, 0x01});
  CHECK_FALSE(parse_report_descriptor(deep));
  CHECK_FALSE(parse_report_descriptor(hid::join(
      {hid::report_size(32), hid::report_count(1000), hid::input(hid::kData)})));  // 4 KB report
  CHECK_FALSE(parse_report_descriptor(std::vector<std::uint8_t>(5000, 0)));
}
