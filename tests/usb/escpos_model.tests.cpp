// The simulated ESC/POS printer's own behaviour (tools/simusb/escpos_model): the facts of
// usb.md §2 that the receipt driver is tested against must hold in the simulator first.
#include "tools/simusb/escpos_model.h"

#include <catch2/catch.hpp>

#include "drivers/printer/escpos.h"
#include "kiosk/qr/image_decode.h"

using simusb::EscPosModel;
namespace escpos = drivers::printer::escpos;

namespace {

escpos::Bytes receipt_bytes(int rows) {
  escpos::Raster r{384, rows, std::vector<std::uint8_t>(static_cast<std::size_t>(48 * rows), 0xF0)};
  auto out = escpos::init();
  const auto raster = escpos::raster(r, 24);
  out.insert(out.end(), raster.begin(), raster.end());
  const auto cut = escpos::feed_and_cut();
  out.insert(out.end(), cut.begin(), cut.end());
  return out;
}

std::optional<std::uint8_t> reply_byte(EscPosModel& m) {
  auto r = m.take_reply();
  if (!r || r->size() != 1) return std::nullopt;
  return r->front();
}

}  // namespace

TEST_CASE("The simulated printer cuts a receipt and answers GS r 1 after it, in order",
          "[simusb][escpos]") {
  EscPosModel m;
  auto job = receipt_bytes(50);
  const auto check = escpos::paper_sensor_in_order();
  job.insert(job.end(), check.begin(), check.end());
  m.receive(job);
  REQUIRE(m.receipts().size() == 1);
  CHECK(m.receipts()[0].height == 50);
  CHECK(m.receipts()[0].width_dots == 384);
  CHECK(reply_byte(m) == std::uint8_t{0x00});  // printed, paper fine
  CHECK_FALSE(m.take_reply());
}

TEST_CASE("Out of paper, the simulated printer answers DLE EOT at once but GS r 1 never",
          "[simusb][escpos][paper]") {
  EscPosModel m;
  m.paper_out_after(48 * 30);  // the paper ends 30 rows into a 50-row receipt
  auto job = receipt_bytes(50);
  const auto check = escpos::paper_sensor_in_order();
  job.insert(job.end(), check.begin(), check.end());
  m.receive(job);
  CHECK(m.paper_out());
  CHECK(m.receipts().empty());  // never cut
  CHECK_FALSE(m.take_reply());  // GS r 1 waits behind the stuck band
  m.receive(escpos::realtime_status(escpos::RealTime::Paper));
  const auto status = escpos::decode_realtime(escpos::RealTime::Paper, *reply_byte(m));
  REQUIRE(status);
  CHECK(status->paper_end);
  CHECK(m.buffered() > 0);
  // A refill prints the failed receipt's tail: what the driver must prevent...
  m.set_paper_out(false);
  CHECK(m.receipts().size() == 1);
}

TEST_CASE("Clearing the buffers while out of paper means a refill prints nothing",
          "[simusb][escpos][paper]") {
  EscPosModel m;
  m.paper_out_after(48 * 30);
  m.receive(receipt_bytes(50));
  REQUIRE(m.paper_out());
  m.receive(escpos::clear_buffers());
  const auto answer = m.take_reply();
  REQUIRE(answer);
  CHECK(escpos::is_clear_buffers_answer(*answer));
  CHECK(m.buffered() == 0);
  m.set_paper_out(false);
  CHECK(m.receipts().empty());  // ...and what clearing achieves
  CHECK(m.rows_since_cut() == 0);
}

TEST_CASE("Near end and cover open show in DLE EOT, an open cover holds the job",
          "[simusb][escpos][status]") {
  EscPosModel m;
  m.set_near_end(true);
  m.receive(escpos::realtime_status(escpos::RealTime::Paper));
  CHECK(escpos::decode_realtime(escpos::RealTime::Paper, *reply_byte(m))->paper_near_end);
  m.receive(escpos::paper_sensor_in_order());
  CHECK(escpos::decode_paper_sensor(*reply_byte(m))->near_end);
  m.set_cover_open(true);
  m.receive(receipt_bytes(10));
  CHECK(m.receipts().empty());
  m.receive(escpos::realtime_status(escpos::RealTime::Offline));
  CHECK(escpos::decode_realtime(escpos::RealTime::Offline, *reply_byte(m))->cover_open);
  m.set_cover_open(false);
  CHECK(m.receipts().size() == 1);
}

TEST_CASE("A jammed cutter shows as offline, an error, and a cutter error in DLE EOT 1 to 3",
          "[simusb][escpos][status]") {
  EscPosModel m;
  m.set_cutter_jammed(true);
  m.receive(escpos::realtime_status(escpos::RealTime::Printer));
  CHECK(escpos::decode_realtime(escpos::RealTime::Printer, *reply_byte(m))->offline);
  m.receive(escpos::realtime_status(escpos::RealTime::Offline));
  CHECK(escpos::decode_realtime(escpos::RealTime::Offline, *reply_byte(m))->error);
  m.receive(escpos::realtime_status(escpos::RealTime::Error));
  CHECK(escpos::decode_realtime(escpos::RealTime::Error, *reply_byte(m))->cutter_error);
  m.receive(receipt_bytes(10));
  CHECK(m.receipts().empty());
  m.set_cutter_jammed(false);
  m.receive(escpos::realtime_status(escpos::RealTime::Error));
  CHECK_FALSE(escpos::decode_realtime(escpos::RealTime::Error, *reply_byte(m))->cutter_error);
  CHECK(m.receipts().size() == 1);
}

TEST_CASE("A native QR is stored, printed centred at its module size, and kept with the receipt",
          "[simusb][escpos][qr]") {
  EscPosModel m;
  const std::string payload = "csckiosk:r1:CG-RPR-0042-20261203-000017";
  auto bytes = escpos::init();
  for (const auto& part :
       {escpos::justify(escpos::Justify::Centre), escpos::qr_code(payload, 8, escpos::QrEcc::M),
        escpos::justify(escpos::Justify::Left), escpos::feed_and_cut()})
    bytes.insert(bytes.end(), part.begin(), part.end());
  m.receive(bytes);
  REQUIRE(m.receipts().size() == 1);
  const auto& printed = m.receipts()[0];
  CHECK(printed.qr_codes == std::vector<std::string>{payload});
  CHECK(printed.width_dots == 384);
  CHECK(printed.height > 200);  // 8-dot modules: 29 modules and the quiet zone, 296 dots
  // Centred (296 of 384 dots): the first 8 dots of every row are blank.
  for (int y = 0; y < printed.height; ++y)
    CHECK(printed.bits[static_cast<std::size_t>(y * 48)] == 0);
  std::vector<std::uint8_t> grey;
  for (int y = 0; y < printed.height; ++y)
    for (int x = 0; x < printed.width_dots; ++x)
      grey.push_back(
          printed.bits[static_cast<std::size_t>(y * 48 + x / 8)] & (0x80 >> (x % 8)) ? 0 : 255);
  auto symbols =
      kiosk::qr::decode_grey(grey, printed.width_dots, printed.height, printed.width_dots);
  REQUIRE(symbols);
  REQUIRE(symbols->size() == 1);
  CHECK(symbols->front().text == payload);
}
