// Smoke test: the real program, in a real X window (Xvfb), through the OpenGL3 backend on
// Mesa llvmpipe. The PNG is kept under build/<flavour>/artifacts/ for a person to look at.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <set>

#include "kiosk/core/image.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/ui_harness.h"
#include "tests/support/xvfb.h"

using kiosk::testing::run_process;

namespace {

// Share of pixels that differ from the top-left (background) pixel.
double ink_share(const kiosk::Image& img) {
  std::size_t ink = 0;
  const auto* bg = img.pixels.data();
  for (std::size_t i = 0; i < img.pixels.size(); i += img.channels) {
    if (!std::equal(bg, bg + img.channels, img.pixels.data() + i)) ++ink;
  }
  return static_cast<double>(ink) / (static_cast<double>(img.width) * img.height);
}

std::size_t distinct_colours(const kiosk::Image& img) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i + 2 < img.pixels.size(); i += img.channels) {
    colours.insert(img.pixels[i] << 16 | img.pixels[i + 1] << 8 | img.pixels[i + 2]);
  }
  return colours.size();
}

// True when all four corners show the same colour: the window filled the whole screen
// with its background (an undersized first frame leaves black bands on two sides).
// The header bar across the top and the background across the bottom: the top corners
// match each other, the bottom corners match each other, and the two differ.
bool frame_drawn(const kiosk::Image& img) {
  const auto at = [&](int x, int y) {
    const auto* p =
        img.pixels.data() + (static_cast<std::size_t>(y) * img.width + x) * img.channels;
    return std::vector<std::uint8_t>(p, p + img.channels);
  };
  const auto top = at(0, 0), bottom = at(0, img.height - 1);
  return at(img.width - 1, 0) == top && at(img.width - 1, img.height - 1) == bottom &&
         top != bottom;
}

// Mesa unloads its llvmpipe driver when the GL context goes, so LeakSanitizer sees that
// driver's process-lifetime allocations from an "<unknown module>" that no suppression can
// name. Leak checking stays on for every other test (the headless harness covers the UI
// code); address and UB checks stay on here too.
const std::vector<std::string> kGuiEnv{"LSAN_OPTIONS=detect_leaks=0",
                                       "ASAN_OPTIONS=detect_leaks=0"};

}  // namespace

TEST_CASE("The demo starts fullscreen under Xvfb and its first screen is drawn",
          "[smoke][xvfb][screenshot]") {
  std::filesystem::create_directories(kiosk::testing::artifacts_dir());
  const auto png = kiosk::testing::artifacts_dir() / "demo-welcome.png";
  std::filesystem::remove(png);
  const auto r = run_process(
      kiosk::testing::under_xvfb("1366x768x24",
                                 {CSC_KIOSK_PATH, "--demo", "--config",
                                  (kiosk::testing::source_dir() / "config" / "demo.json").string(),
                                  "--screenshot", png.string()}),
      kGuiEnv);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("first frame presented") != std::string::npos);
  const auto image = kiosk::read_png(png);
  REQUIRE(image);
  CHECK(image->width == 1366);  // fullscreen: the whole Xvfb screen
  CHECK(image->height == 768);
  CHECK(frame_drawn(*image));
  CHECK(ink_share(*image) > 0.01);       // buttons and text, not a blank clear colour
  CHECK(distinct_colours(*image) > 20);  // anti-aliased text, not a flat fill
}

TEST_CASE("The windowed demo opens a 1280x800 window", "[smoke][xvfb][screenshot]") {
  const auto png = kiosk::testing::artifacts_dir() / "demo-windowed.png";
  const auto r = run_process(
      kiosk::testing::under_xvfb("1920x1080x24",
                                 {CSC_KIOSK_PATH, "--demo", "--windowed", "--config",
                                  (kiosk::testing::source_dir() / "config" / "demo.json").string(),
                                  "--screenshot", png.string()}),
      kGuiEnv);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto image = kiosk::read_png(png);
  REQUIRE(image);
  CHECK(image->width == 1280);
  CHECK(image->height == 800);
}

TEST_CASE("SIGTERM and SIGINT end the kiosk cleanly with exit 0", "[smoke][xvfb][signals]") {
  for (const char* signal : {"TERM", "INT"}) {
    INFO("SIG" << signal);
    // timeout(1) delivers the signal to csc-kiosk itself after 3 s and passes on its status.
    const auto r = run_process(
        kiosk::testing::under_xvfb(
            "1024x768x24", {"timeout", "--preserve-status", "-s", signal, "3", CSC_KIOSK_PATH,
                            "--demo", "--windowed", "--config",
                            (kiosk::testing::source_dir() / "config" / "demo.json").string()}),
        kGuiEnv);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("first frame presented") != std::string::npos);
    CHECK(r.output.find("stopped cleanly") != std::string::npos);
  }
}

namespace {

// Where the harness (the same screens, sizes and fonts, no window) finds each widget on a
// 1366x768 screen at the demo's 96 dpi: the real window under Xvfb lays them out identically.
// Where a finger taps to open the Hindi form's name field and press `keys` (ids), laid out
// by the harness; the name they type there must be `typed`.
std::vector<ImVec2> name_journey_taps(const std::vector<std::string>& keys, const char* typed) {
  // .speaker: the app runs a voice guide, so its welcome screen has the listen picture too.
  kiosk::testing::UiHarness h({.screen_dpi = 96, .display = ImVec2(1366, 768), .speaker = true});
  std::vector<ImVec2> taps;
  const auto tap = [&](const std::string& id) {
    taps.push_back(h.rect(id).center());
    h.tap(id);
  };
  for (const char* id : {"welcome.language.hi", "home.service.cg.edistrict.income_certificate",
                         "service.apply", "consent.accept", "details.name"})
    tap(id);
  for (const auto& id : keys) tap(id);
  REQUIRE(h.snapshot().fields.at("name") == typed);
  return taps;
}

// Runs the demo under Xvfb, clicks `taps` with xdotool, and returns its screenshot.
kiosk::Image screenshot_after(const std::vector<ImVec2>& taps, const std::string& name) {
  std::filesystem::create_directories(kiosk::testing::artifacts_dir());
  const auto png = kiosk::testing::artifacts_dir() / name;
  std::filesystem::remove(png);
  // The photograph waits for every click: 3 s to start, then up to 0.6 s per click.
  const auto delay = 4000 + 600 * taps.size();
  std::string script = fmt::format(
      "'{}' --demo --config '{}' --screenshot '{}' --screenshot-delay {} & pid=$!; sleep 3;",
      CSC_KIOSK_PATH, (kiosk::testing::source_dir() / "config" / "demo.json").string(),
      png.string(), delay);
  for (const ImVec2& p : taps) {
    script += fmt::format(" xdotool mousemove {} {} click 1; sleep 0.4;", static_cast<int>(p.x),
                          static_cast<int>(p.y));
  }
  script += " wait $pid";
  const auto r =
      run_process(kiosk::testing::under_xvfb("1366x768x24", {"sh", "-c", script}), kGuiEnv);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto image = kiosk::read_png(png);
  REQUIRE(image);
  return std::move(*image);
}

// The share of the lower 40 % of the screen in key colour (the standard theme's secondary
// fill, 225 231 240): a keyboard is open there.
double key_share(const kiosk::Image& image) {
  std::size_t keys = 0, total = 0;
  for (int y = image.height * 6 / 10; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x, ++total) {
      const auto* p =
          image.pixels.data() + (static_cast<std::size_t>(y) * image.width + x) * image.channels;
      keys += std::abs(p[0] - 225) < 8 && std::abs(p[1] - 231) < 8 && std::abs(p[2] - 240) < 8;
    }
  }
  return static_cast<double>(keys) / static_cast<double>(total);
}

}  // namespace

TEST_CASE("A Hindi form with the InScript keyboard open, driven by real X clicks",
          "[smoke][xvfb][keyboard][inscript]") {
  const auto taps = name_journey_taps(
      {"keyboard.layout.inscript", "kb.k.u", "kb.k.f", "kb.k.x", "kb.k.o", "kb.k.r"}, "हिंदी");
  CHECK(key_share(screenshot_after(taps, "hindi-inscript-keyboard.png")) > 0.2);
}

TEST_CASE("A Hindi name typed by sound on the phonetic keyboard, driven by real X clicks",
          "[smoke][xvfb][keyboard][phonetic]") {
  std::vector<std::string> keys;
  for (char c : std::string_view("ramesh kumaar"))
    keys.push_back(c == ' ' ? "kb.k.space" : std::string("kb.k.") + c);
  const auto image =
      screenshot_after(name_journey_taps(keys, "रमेश कुमार"), "hindi-phonetic-keyboard.png");
  CHECK(key_share(image) > 0.2);
}

TEST_CASE("An empty form's errors at each field and in a summary, driven by real X clicks",
          "[smoke][xvfb][forms][errors]") {
  kiosk::testing::UiHarness h({.screen_dpi = 96, .display = ImVec2(1366, 768), .speaker = true});
  std::vector<ImVec2> taps;
  for (const char* id : {"welcome.language.en", "home.service.cg.edistrict.income_certificate",
                         "service.apply", "consent.accept", "details.continue", "kb.k.done"}) {
    std::string shown = h.snapshot().focused_field + ":";
    for (const auto& [target, r] : h.hits().all())
      shown +=
          " " + target + "@" + std::to_string(int(r.min.y)) + "-" + std::to_string(int(r.max.y));
    INFO(shown);
    taps.push_back(h.rect(id).center());
    h.tap(id);
  }
  // Every required field of the income certificate (the Aadhaar number is optional).
  REQUIRE(h.snapshot().field_errors.size() == 6);
  REQUIRE(h.has("details.summary.pincode"));
  REQUIRE_FALSE(h.has("details.summary.aadhaar"));
  const auto image = screenshot_after(taps, "form-errors.png");
  // The summary and the messages under their fields fill their boxes with the
  // standard theme's error colour (253 236 234).
  std::size_t error_fill = 0;
  for (std::size_t i = 0; i + 2 < image.pixels.size(); i += image.channels)
    error_fill +=
        image.pixels[i] == 253 && image.pixels[i + 1] == 236 && image.pixels[i + 2] == 234;
  CHECK(static_cast<double>(error_fill) / (image.width * image.height) > 0.03);
}
