// ESC/POS, the pure codec (bytes in, values out; research usb.md §2). Commands the
// receipt driver sends and the status bytes it reads back. No I/O here.
//
//  [X] init (ESC @), raster GS v 0 in bands, feed (ESC d), feed and cut (GS V 66 0)
//  [X] DLE EOT 1-4 real-time status, decoded only when the byte has DLE EOT's fixed bits
//  [X] GS r 1 in-order paper sensor status: the completion check after a cut
//  [X] DLE DC4 fn=8 (clear buffers) and its 37 25 00 answer
//  [X] native QR (GS ( k, model 2), sent only for a printer whose entry declares it
//      (options.native_qr); every other model gets the QR in the raster
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace drivers::printer::escpos {

using Bytes = std::vector<std::uint8_t>;

// A 1-bit image: `height` rows of (width_dots + 7) / 8 bytes, most significant bit the
// leftmost dot, 1 = black (what GS v 0 takes as is).
struct Raster {
  int width_dots = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;
  int bytes_per_row() const { return (width_dots + 7) / 8; }
  bool operator==(const Raster&) const = default;
};

Bytes init();                      // 1B 40: clears the print buffer, resets settings
Bytes feed_lines(std::uint8_t n);  // 1B 64 n
Bytes feed_and_cut();              // 1D 56 42 00: feed to the cutter, full cut
// GS v 0, normal density, one command per band of at most `band_rows` rows (printers
// have small buffers; 24 rows is a common safe band). Rows past raster.height are not sent.
Bytes raster(const Raster& image, int band_rows = 24);

enum class Justify : std::uint8_t { Left = 0, Centre = 1 };
Bytes justify(Justify j);  // 1B 61 n: where the following lines (and a QR) sit

enum class QrEcc : std::uint8_t { L = 48, M = 49, Q = 50, H = 51 };
// GS ( k, QR model 2: select the model, module size (1-16 dots), error correction, store
// the data, print it (usb.md §2). Empty when the data does not fit the store command.
Bytes qr_code(std::string_view data, std::uint8_t module_dots, QrEcc ecc);

enum class RealTime : std::uint8_t { Printer = 1, Offline = 2, Error = 3, Paper = 4 };
Bytes realtime_status(RealTime n);  // 10 04 n: answered at once, before buffered lines print
Bytes paper_sensor_in_order();      // 1D 72 01: answered after everything sent before it
Bytes clear_buffers();              // 10 14 08 01 03 14 01 06 02 08 (DLE DC4 fn=8)
bool is_clear_buffers_answer(std::span<const std::uint8_t> reply);  // 37 25 00

// What DLE EOT n said. Only the fields of the asked n are filled.
struct RealTimeStatus {
  bool offline = false;           // n=1 bit 3
  bool waiting_recovery = false;  // n=1 bit 5
  bool cover_open = false;        // n=2 bit 2
  bool paper_end_stop = false;    // n=2 bit 5: stopped because the paper ran out
  bool error = false;             // n=2 bit 6
  bool cutter_error = false;      // n=3 bit 3
  bool unrecoverable = false;     // n=3 bit 5
  bool auto_recoverable = false;  // n=3 bit 6 (head overheat)
  bool paper_near_end = false;    // n=4 bits 2-3 (0x0C)
  bool paper_end = false;         // n=4 bits 5-6 (0x60)
  bool operator==(const RealTimeStatus&) const = default;
};
// nullopt unless (byte & 0x93) == 0x12, the fixed bits of every DLE EOT answer (an ASB
// push, 0x10 under that mask, or a stray byte is not one).
std::optional<RealTimeStatus> decode_realtime(RealTime n, std::uint8_t byte);

struct PaperSensor {
  bool near_end = false;   // bits 0-1 (0x03)
  bool paper_end = false;  // bits 2-3 (0x0C)
  bool operator==(const PaperSensor&) const = default;
};
// GS r 1's answer; nullopt when bit 4 or bit 7 (always 0) is set.
std::optional<PaperSensor> decode_paper_sensor(std::uint8_t byte);

}  // namespace drivers::printer::escpos
