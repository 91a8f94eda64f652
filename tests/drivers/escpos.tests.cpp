// ESC/POS on exact bytes. Every expected byte string below is typed from the facts in
// ../shared/research/usb.md §2 (Epson's ESC/POS reference), never produced by the codec.
#include "drivers/printer/escpos.h"

#include <catch2/catch.hpp>

using namespace drivers::printer::escpos;

namespace {

// An independent reading of a GS v 0 stream: bands back into one image. Returns nullopt
// on any byte that is not a well-formed GS v 0 m=0 band of the same width.
std::optional<Raster> decode_bands(const Bytes& stream) {
  Raster out;
  std::size_t i = 0;
  while (i < stream.size()) {
    if (stream.size() - i < 8 || stream[i] != 0x1D || stream[i + 1] != 0x76 ||
        stream[i + 2] != 0x30 || stream[i + 3] != 0x00)
      return std::nullopt;
    const int x = stream[i + 4] | (stream[i + 5] << 8);
    const int y = stream[i + 6] | (stream[i + 7] << 8);
    i += 8;
    if (out.width_dots == 0) out.width_dots = x * 8;
    if (x * 8 != out.width_dots || stream.size() - i < static_cast<std::size_t>(x * y))
      return std::nullopt;
    out.bits.insert(out.bits.end(), stream.begin() + static_cast<std::ptrdiff_t>(i),
                    stream.begin() + static_cast<std::ptrdiff_t>(i + x * y));
    out.height += y;
    i += static_cast<std::size_t>(x * y);
  }
  return out;
}

Raster checkerboard(int width, int height) {
  Raster r{width, height, {}};
  r.bits.resize(static_cast<std::size_t>(r.bytes_per_row() * height));
  for (int row = 0; row < height; ++row)
    for (int b = 0; b < r.bytes_per_row(); ++b)
      r.bits[static_cast<std::size_t>(row * r.bytes_per_row() + b)] =
          static_cast<std::uint8_t>(row % 2 ? 0xAA : 0x55) ^ static_cast<std::uint8_t>(b);
  return r;
}

}  // namespace

TEST_CASE("Setup, feed, cut and status commands are the documented bytes",
          "[drivers][printer][escpos][golden]") {
  CHECK(init() == Bytes{0x1B, 0x40});
  CHECK(feed_lines(3) == Bytes{0x1B, 0x64, 0x03});
  CHECK(feed_and_cut() == Bytes{0x1D, 0x56, 0x42, 0x00});
  CHECK(realtime_status(RealTime::Printer) == Bytes{0x10, 0x04, 0x01});
  CHECK(realtime_status(RealTime::Paper) == Bytes{0x10, 0x04, 0x04});
  CHECK(paper_sensor_in_order() == Bytes{0x1D, 0x72, 0x01});
  CHECK(clear_buffers() == Bytes{0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08});
  CHECK(is_clear_buffers_answer(Bytes{0x37, 0x25, 0x00}));
  CHECK_FALSE(is_clear_buffers_answer(Bytes{0x37, 0x25}));
  CHECK_FALSE(is_clear_buffers_answer(Bytes{0x12}));
}

TEST_CASE("A native QR is GS ( k model 2, size, error correction, store and print, by hand",
          "[drivers][printer][escpos][golden][qr]") {
  // usb.md §2: model 1D 28 6B 04 00 31 41 32 00; size …03 00 31 43 n; ECC …03 00 31 45 n
  // (49 = M); store 1D 28 6B pL pH 31 50 30 data with pL + 256·pH = len + 3; print
  // …03 00 31 51 30.
  CHECK(qr_code("AB", 6, QrEcc::M) ==
        Bytes{0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,  //
              0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,        //
              0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,        //
              0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50, 0x30, 0x41,
              0x42, 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30});
  const std::string long_data(300, 'x');  // pL + 256·pH = 303 = 0x012F
  const auto big = qr_code(long_data, 8, QrEcc::L);
  REQUIRE(big.size() == 9 + 8 + 8 + 8 + 300 + 8);
  CHECK(big[28] == 0x2F);
  CHECK(big[29] == 0x01);
  CHECK(qr_code("", 6, QrEcc::M).empty());
  CHECK(qr_code(std::string(7090, '1'), 6, QrEcc::M).empty());
  CHECK(justify(Justify::Centre) == Bytes{0x1B, 0x61, 0x01});
  CHECK(justify(Justify::Left) == Bytes{0x1B, 0x61, 0x00});
}

TEST_CASE("A raster goes out as GS v 0 bands with x bytes per row and y rows, little-endian",
          "[drivers][printer][escpos][raster][golden]") {
  // 10 dots wide (2 bytes a row, the last 6 bits padding), 30 rows, bands of 24.
  Raster image{10, 30, {}};
  for (int row = 0; row < 30; ++row) image.bits.insert(image.bits.end(), {0xFF, 0xC0});
  const Bytes out = raster(image, 24);
  REQUIRE(out.size() == 8 + 24 * 2 + 8 + 6 * 2);
  CHECK(Bytes(out.begin(), out.begin() + 8) ==
        Bytes{0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x18, 0x00});
  CHECK(Bytes(out.begin() + 56, out.begin() + 64) ==
        Bytes{0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x06, 0x00});
  // 576 dots (80 mm) is 72 bytes a row: xL 0x48, xH 0.
  Raster wide{576, 1, std::vector<std::uint8_t>(72, 0)};
  const Bytes w = raster(wide);
  CHECK(Bytes(w.begin(), w.begin() + 8) == Bytes{0x1D, 0x76, 0x30, 0x00, 0x48, 0x00, 0x01, 0x00});
}

TEST_CASE("Raster bands read back into the same image", "[drivers][printer][escpos][raster]") {
  for (int band : {1, 7, 24, 255}) {
    const Raster image = checkerboard(384, 101);
    const auto back = decode_bands(raster(image, band));
    INFO("band " << band);
    REQUIRE(back);
    CHECK(*back == image);
  }
  CHECK(raster(Raster{384, 0, {}}).empty());  // nothing to print, nothing sent
}

TEST_CASE("DLE EOT answers decode per n, and bytes without its fixed bits are refused",
          "[drivers][printer][escpos][status]") {
  // n=4: 0x12 fixed bits; | 0x0C near end; | 0x60 paper end.
  CHECK(decode_realtime(RealTime::Paper, 0x12) == RealTimeStatus{});
  CHECK(decode_realtime(RealTime::Paper, 0x1E)->paper_near_end);
  CHECK_FALSE(decode_realtime(RealTime::Paper, 0x1E)->paper_end);
  CHECK(decode_realtime(RealTime::Paper, 0x72)->paper_end);
  // n=2: bit 2 cover open, bit 5 stopped by paper end, bit 6 error.
  const auto offline = decode_realtime(RealTime::Offline, 0x12 | 0x04 | 0x20);
  REQUIRE(offline);
  CHECK(offline->cover_open);
  CHECK(offline->paper_end_stop);
  CHECK_FALSE(offline->error);
  // n=1: bit 3 offline.
  CHECK(decode_realtime(RealTime::Printer, 0x1A)->offline);
  // n=3: bit 3 cutter, bit 5 unrecoverable, bit 6 auto-recoverable.
  CHECK(decode_realtime(RealTime::Error, 0x12 | 0x08)->cutter_error);
  // ASB's first byte (0x10 under the mask) and stray bytes are not DLE EOT answers.
  CHECK_FALSE(decode_realtime(RealTime::Paper, 0x10));
  CHECK_FALSE(decode_realtime(RealTime::Paper, 0x00));
  CHECK_FALSE(decode_realtime(RealTime::Paper, 0xFF));
}

TEST_CASE("GS r 1 answers decode near end and paper end, set fixed-zero bits are refused",
          "[drivers][printer][escpos][status]") {
  CHECK(decode_paper_sensor(0x00) == PaperSensor{false, false});
  CHECK(decode_paper_sensor(0x03) == PaperSensor{true, false});
  CHECK(decode_paper_sensor(0x0C) == PaperSensor{false, true});
  CHECK(decode_paper_sensor(0x0F) == PaperSensor{true, true});
  CHECK_FALSE(decode_paper_sensor(0x10));
  CHECK_FALSE(decode_paper_sensor(0x80));
}
