#include "drivers/printer/escpos.h"

#include <algorithm>

namespace drivers::printer::escpos {

namespace {
constexpr std::uint8_t kEsc = 0x1B, kGs = 0x1D, kDle = 0x10, kDc4 = 0x14, kEot = 0x04;

bool bit(std::uint8_t byte, int n) {
  return (byte >> n) & 1;
}
}  // namespace

Bytes init() {
  return {kEsc, 0x40};
}

Bytes feed_lines(std::uint8_t n) {
  return {kEsc, 0x64, n};
}

Bytes feed_and_cut() {
  return {kGs, 0x56, 0x42, 0x00};
}

// GS v 0 m xL xH yL yH d1…dk: x = bytes per row, y = rows, k = x·y (usb.md §2).
Bytes raster(const Raster& image, int band_rows) {
  Bytes out;
  const int x = image.bytes_per_row();
  const int rows =
      std::min<int>(image.height, static_cast<int>(image.bits.size()) / std::max(1, x));
  band_rows = std::clamp(band_rows, 1, 0xFFFF);
  for (int top = 0; top < rows; top += band_rows) {
    const int y = std::min(band_rows, rows - top);
    out.insert(out.end(), {kGs, 0x76, 0x30, 0x00, static_cast<std::uint8_t>(x & 0xFF),
                           static_cast<std::uint8_t>(x >> 8), static_cast<std::uint8_t>(y & 0xFF),
                           static_cast<std::uint8_t>(y >> 8)});
    const auto first = image.bits.begin() + static_cast<std::ptrdiff_t>(top) * x;
    out.insert(out.end(), first, first + static_cast<std::ptrdiff_t>(y) * x);
  }
  return out;
}

Bytes justify(Justify j) {
  return {kEsc, 0x61, static_cast<std::uint8_t>(j)};
}

namespace {
// One QR function: GS ( k pL pH cn fn params, pL + 256·pH counting cn, fn and params.
void append_qr_function(Bytes& out, std::uint8_t fn, std::span<const std::uint8_t> params) {
  const std::size_t length = params.size() + 2;
  out.insert(out.end(), {kGs, 0x28, 0x6B, static_cast<std::uint8_t>(length & 0xFF),
                         static_cast<std::uint8_t>(length >> 8), 0x31, fn});
  out.insert(out.end(), params.begin(), params.end());
}
}  // namespace

Bytes qr_code(std::string_view data, std::uint8_t module_dots, QrEcc ecc) {
  constexpr std::size_t kMaxData = 7089;  // the most a model 2 QR holds (numeric)
  if (data.empty() || data.size() > kMaxData) return {};
  const std::uint8_t model[] = {0x32, 0x00};  // model 2
  const std::uint8_t size[] = {std::clamp<std::uint8_t>(module_dots, 1, 16)};
  const std::uint8_t level[] = {static_cast<std::uint8_t>(ecc)};
  Bytes store{0x30};  // m = 48
  store.insert(store.end(), data.begin(), data.end());
  const std::uint8_t print[] = {0x30};
  Bytes out;
  append_qr_function(out, 0x41, model);
  append_qr_function(out, 0x43, size);
  append_qr_function(out, 0x45, level);
  append_qr_function(out, 0x50, store);
  append_qr_function(out, 0x51, print);
  return out;
}

Bytes realtime_status(RealTime n) {
  return {kDle, kEot, static_cast<std::uint8_t>(n)};
}

Bytes paper_sensor_in_order() {
  return {kGs, 0x72, 0x01};
}

Bytes clear_buffers() {
  return {kDle, kDc4, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08};
}

bool is_clear_buffers_answer(std::span<const std::uint8_t> reply) {
  return reply.size() == 3 && reply[0] == 0x37 && reply[1] == 0x25 && reply[2] == 0x00;
}

std::optional<RealTimeStatus> decode_realtime(RealTime n, std::uint8_t b) {
  if ((b & 0x93) != 0x12) return std::nullopt;
  RealTimeStatus s;
  switch (n) {
    case RealTime::Printer:
      s.offline = bit(b, 3);
      s.waiting_recovery = bit(b, 5);
      break;
    case RealTime::Offline:
      s.cover_open = bit(b, 2);
      s.paper_end_stop = bit(b, 5);
      s.error = bit(b, 6);
      break;
    case RealTime::Error:
      s.cutter_error = bit(b, 3);
      s.unrecoverable = bit(b, 5);
      s.auto_recoverable = bit(b, 6);
      break;
    case RealTime::Paper:
      s.paper_near_end = (b & 0x0C) != 0;
      s.paper_end = (b & 0x60) != 0;
      break;
  }
  return s;
}

std::optional<PaperSensor> decode_paper_sensor(std::uint8_t b) {
  if (b & 0x90) return std::nullopt;
  return PaperSensor{(b & 0x03) != 0, (b & 0x0C) != 0};
}

}  // namespace drivers::printer::escpos
