// The payment screen in the real window under Xvfb, reached by real X clicks: the QR in
// the screenshot must decode (ZXing) to the UPI request for the intent just written.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "kiosk/app/outbox_transactions.h"
#include "kiosk/qr/image_decode.h"
#include "kiosk/store/outbox_writer.h"
#include "tests/support/journeys.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/xvfb.h"

namespace {

// The harness needs somewhere to commit so that it reaches the payment screen too.
std::vector<ImVec2> payment_taps() {
  kiosk::ManualClock clock;
  const auto dir = kiosk::testing::scratch_dir("smoke-payment-harness");
  auto writer = kiosk::store::OutboxWriter::start(
      {dir / "kiosk.db", dir / "outbox.key", "DEMO-0001"}, clock, {});
  kiosk::app::OutboxTransactions sink(**writer);
  // .speaker: the app runs a voice guide, so its welcome screen has the listen picture too.
  kiosk::testing::UiHarness h({.screen_dpi = 96,
                               .display = ImVec2(1366, 768),
                               .demo = true,
                               .transactions = &sink,
                               .speaker = true});
  kiosk::testing::tap_to_payment(h);
  REQUIRE(h.snapshot().screen == kiosk::app::Screen::Payment);
  return h.tap_log();
}

}  // namespace

TEST_CASE("The payment screen's QR, photographed from the real window, is the UPI request",
          "[smoke][xvfb][payment][screenshot]") {
  std::filesystem::create_directories(kiosk::testing::artifacts_dir());
  const auto png = kiosk::testing::artifacts_dir() / "payment-qr.png";
  std::filesystem::remove(png);
  const auto taps = payment_taps();
  // The screenshot waits for every click (0.4 s apart, as the InScript test) plus margin.
  const int delay_ms = 3000 + static_cast<int>(taps.size()) * 600 + 4000;
  std::string script = fmt::format(
      "'{}' --demo --config '{}' --screenshot '{}' --screenshot-delay {} & pid=$!; sleep 3;",
      CSC_KIOSK_PATH, (kiosk::testing::source_dir() / "config" / "demo.json").string(),
      png.string(), delay_ms);
  for (const ImVec2& p : taps) {
    script += fmt::format(" xdotool mousemove {} {} click 1; sleep 0.4;", static_cast<int>(p.x),
                          static_cast<int>(p.y));
  }
  script += " wait $pid";
  const auto r =
      kiosk::testing::run_process(kiosk::testing::under_xvfb("1366x768x24", {"sh", "-c", script}),
                                  {"LSAN_OPTIONS=detect_leaks=0", "ASAN_OPTIONS=detect_leaks=0"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto symbols = kiosk::qr::decode_image_file(png);
  REQUIRE(symbols);
  REQUIRE(symbols->size() == 1);
  const std::string& uri = symbols->front().text;
  CHECK(uri.starts_with("upi://pay?"));
  CHECK(uri.find("pa=demo.csc@upi") != std::string::npos);
  CHECK(uri.find("am=40.00") != std::string::npos);  // ₹30 amount + ₹10 service charge
  CHECK(uri.find("tr=") != std::string::npos);
}
