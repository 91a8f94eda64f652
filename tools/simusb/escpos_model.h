// A receipt printer's ESC/POS behaviour, as the simulator's bulk OUT endpoint sees it:
// bytes in, status replies out, printed receipts kept as images. Pure (no umockdev), so
// its own tests pin the behaviours real printers have (research usb.md §2):
//
//  [X] Real-time commands (DLE EOT n, DLE DC4 fn=8) are answered at once, even offline
//  [X] GS r 1 is answered in order: after everything before it printed; never while offline
//  [X] Paper near-end; paper out now; paper out after N raster bytes; cover open; a
//      cutter jam (offline, DLE EOT 2 error, DLE EOT 3 cutter error)
//  [X] Offline, received bytes wait in the buffer and print after a refill, unless the host
//      cleared the buffer (DLE DC4 fn=8 answers 37 25 00; ESC @ only resets settings)
//  [X] A cut ends a receipt: its raster rows become one printed image
//  [X] GS ( k model 2 QR: stored, then printed as a QR image (qr::qr_pixels) at its module
//      size and the justification ESC a set, and its data kept with the receipt
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace simusb {

struct PrintedImage {
  int width_dots = 0;
  int height = 0;
  std::vector<std::uint8_t> bits;          // rows of width_dots / 8 bytes, MSB leftmost, 1 black
  std::vector<std::string> qr_codes = {};  // what each GS ( k print held, in order
};

class EscPosModel {
 public:
  // Bytes the host sent. Real-time commands are answered now; the rest runs in order
  // while the printer is online.
  void receive(const std::vector<std::uint8_t>& bytes);
  // Status replies the host reads from bulk IN, oldest first.
  std::optional<std::vector<std::uint8_t>> take_reply();

  void set_near_end(bool on) { near_end_ = on; }
  void set_cover_open(bool on);
  void set_cutter_jammed(bool on);  // clearing it resumes the buffer
  void set_paper_out(bool on);      // loading paper (false) resumes the buffer
  // Paper runs out once this many more raster bytes have printed.
  void paper_out_after(std::size_t raster_bytes) { paper_left_ = raster_bytes; }
  bool paper_out() const { return paper_out_; }
  // The printer class SOFT_RESET: buffers cleared, the receipt in progress dropped.
  void reset() {
    buffer_.clear();
    current_ = {};
  }
  // A model that ignores GS r (some clones): no in-order answer, ever.
  void set_ignores_gs_r(bool on) { ignores_gs_r_ = on; }
  bool online() const { return !paper_out_ && !cover_open_ && !cutter_jammed_; }
  bool cover_open() const { return cover_open_; }

  const std::vector<PrintedImage>& receipts() const { return receipts_; }  // cut ones
  std::size_t rows_since_cut() const { return static_cast<std::size_t>(current_.height); }
  std::size_t buffered() const { return buffer_.size(); }  // received, not yet run

 private:
  void run();
  // Runs the command at the front of the buffer; false when it is incomplete.
  bool step();
  bool raster_band();
  bool qr_function();
  void print_qr();
  void print_rows(const std::uint8_t* data, int x, int y);
  void reply(std::uint8_t byte) { replies_.push_back({byte}); }
  std::uint8_t realtime_status(std::uint8_t n) const;

  std::deque<std::uint8_t> buffer_;
  std::deque<std::vector<std::uint8_t>> replies_;
  std::vector<PrintedImage> receipts_;
  PrintedImage current_;
  bool near_end_ = false;
  bool cover_open_ = false;
  bool cutter_jammed_ = false;
  bool paper_out_ = false;
  std::optional<std::size_t> paper_left_;
  bool ignores_gs_r_ = false;
  bool centred_ = false;  // ESC a 1
  std::string qr_data_;   // GS ( k fn 80, printed by fn 81
  int qr_module_ = 3;     // GS ( k fn 67
};

}  // namespace simusb
