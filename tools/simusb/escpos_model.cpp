#include "tools/simusb/escpos_model.h"

#include <algorithm>

#include "kiosk/qr/qr_generate.h"

namespace simusb {

namespace {
constexpr std::uint8_t kEsc = 0x1B, kGs = 0x1D, kDle = 0x10;
const std::vector<std::uint8_t> kClearBuffers{0x10, 0x14, 0x08, 0x01, 0x03,
                                              0x14, 0x01, 0x06, 0x02, 0x08};
}  // namespace

// Real-time commands are taken out of the stream as they arrive, whatever the buffer
// holds: that is what makes DLE EOT useful while the printer is stuck.
void EscPosModel::receive(const std::vector<std::uint8_t>& bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == kDle && i + 2 < bytes.size() && bytes[i + 1] == 0x04) {
      reply(realtime_status(bytes[i + 2]));
      i += 2;
      continue;
    }
    if (bytes[i] == kDle && bytes.size() - i >= kClearBuffers.size() &&
        std::equal(kClearBuffers.begin(), kClearBuffers.end(),
                   bytes.begin() + static_cast<std::ptrdiff_t>(i))) {
      buffer_.clear();
      current_ = {};
      replies_.push_back({0x37, 0x25, 0x00});
      i += kClearBuffers.size() - 1;
      continue;
    }
    buffer_.push_back(bytes[i]);
  }
  run();
}

std::optional<std::vector<std::uint8_t>> EscPosModel::take_reply() {
  if (replies_.empty()) return std::nullopt;
  auto r = std::move(replies_.front());
  replies_.pop_front();
  return r;
}

void EscPosModel::set_cover_open(bool on) {
  cover_open_ = on;
  run();
}

void EscPosModel::set_cutter_jammed(bool on) {
  cutter_jammed_ = on;
  run();
}

void EscPosModel::set_paper_out(bool on) {
  paper_out_ = on;
  if (!on) paper_left_.reset();
  run();
}

std::uint8_t EscPosModel::realtime_status(std::uint8_t n) const {
  std::uint8_t s = 0x12;  // the fixed bits of every DLE EOT answer
  if (n == 1 && !online()) s |= 0x08;
  if (n == 2 && cover_open_) s |= 0x04;
  if (n == 2 && paper_out_) s |= 0x20;
  if (n == 2 && cutter_jammed_) s |= 0x40;  // an error occurred: DLE EOT 3 says which
  if (n == 3 && cutter_jammed_) s |= 0x08;
  if (n == 4 && near_end_) s |= 0x0C;
  if (n == 4 && paper_out_) s |= 0x60;
  return s;
}

void EscPosModel::run() {
  while (online() && !buffer_.empty() && step()) {
  }
}

bool EscPosModel::step() {
  const auto at = [&](std::size_t i) { return buffer_[i]; };
  const auto drop = [&](std::size_t n) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(n));
    return true;
  };
  const std::size_t n = buffer_.size();
  if (at(0) == kEsc) {
    if (n < 2) return false;
    if (at(1) == 0x40) {  // ESC @: settings only
      centred_ = false;
      return drop(2);
    }
    if (at(1) == 0x61) {  // ESC a n: justification
      if (n < 3) return false;
      centred_ = at(2) == 1 || at(2) == '1';
      return drop(3);
    }
    if (at(1) == 0x64) return n < 3 ? false : drop(3);  // ESC d n: feed
    return drop(2);
  }
  if (at(0) == kGs) {
    if (n < 2) return false;
    if (at(1) == 0x76) return raster_band();
    if (at(1) == 0x28) return qr_function();
    if (at(1) == 0x72) {  // GS r n: in order, so it reports what is true after the data
      if (n < 3) return false;
      if (!ignores_gs_r_)
        reply(static_cast<std::uint8_t>((near_end_ ? 0x03 : 0) | (paper_out_ ? 0x0C : 0)));
      return drop(3);
    }
    if (at(1) == 0x56) {  // GS V 66 n: feed and cut ends the receipt
      if (n < 4) return false;
      if (current_.height > 0) receipts_.push_back(std::move(current_));
      current_ = {};
      return drop(4);
    }
    return drop(2);
  }
  return drop(1);  // text and anything else: printed as nothing we keep
}

// GS v 0 m xL xH yL yH d…: prints as far as the paper lasts.
bool EscPosModel::raster_band() {
  if (buffer_.size() < 8) return false;
  const int x = buffer_[4] | (buffer_[5] << 8);
  const int y = buffer_[6] | (buffer_[7] << 8);
  const std::size_t size = static_cast<std::size_t>(x) * static_cast<std::size_t>(y);
  if (buffer_.size() < 8 + size) return false;
  if (paper_left_ && *paper_left_ < size) {  // runs out inside this band
    paper_out_ = true;
    paper_left_ = 0;
    return false;  // the band stays in the buffer: it prints after a refill
  }
  std::vector<std::uint8_t> data(buffer_.begin() + 8,
                                 buffer_.begin() + 8 + static_cast<std::ptrdiff_t>(size));
  buffer_.erase(buffer_.begin(), buffer_.begin() + 8 + static_cast<std::ptrdiff_t>(size));
  if (paper_left_) *paper_left_ -= size;
  print_rows(data.data(), x, y);
  return true;
}

// GS ( k pL pH cn fn …: QR model 2 functions (cn 0x31); other symbols are skipped whole.
bool EscPosModel::qr_function() {
  if (buffer_.size() < 5) return false;
  const std::size_t length = buffer_[3] | (buffer_[4] << 8);
  if (buffer_.size() < 5 + length) return false;
  if (buffer_[2] == 0x6B && length >= 2 && buffer_[5] == 0x31) {
    const std::uint8_t fn = buffer_[6];
    if (fn == 0x43 && length >= 3) qr_module_ = std::max<int>(1, buffer_[7]);
    if (fn == 0x50 && length >= 3)
      qr_data_.assign(buffer_.begin() + 8,
                      buffer_.begin() + 5 + static_cast<std::ptrdiff_t>(length));
    if (fn == 0x51) print_qr();
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + 5 + static_cast<std::ptrdiff_t>(length));
  return true;
}

// The stored QR as the printer's head would put it: modules of qr_module_ dots, a quiet
// zone of 4 modules, at the justification ESC a set.
void EscPosModel::print_qr() {
  if (qr_data_.empty()) return;
  if (current_.width_dots == 0) current_.width_dots = 384;
  auto qr = kiosk::qr::qr_pixels(qr_data_, qr_module_, 4);
  if (!qr || qr->width > current_.width_dots) return;  // too big for the paper: nothing
  const int left = centred_ ? (current_.width_dots - qr->width) / 2 : 0;
  const auto stride = static_cast<std::size_t>(current_.width_dots / 8);
  for (int y = 0; y < qr->height; ++y) {
    std::vector<std::uint8_t> row(stride, 0);
    for (int x = 0; x < qr->width; ++x) {
      const auto grey = qr->pixels[static_cast<std::size_t>(y * qr->width + x) *
                                   static_cast<std::size_t>(qr->channels)];
      if (grey < 128) row[static_cast<std::size_t>((left + x) / 8)] |= 0x80 >> ((left + x) % 8);
    }
    current_.bits.insert(current_.bits.end(), row.begin(), row.end());
    ++current_.height;
  }
  current_.qr_codes.push_back(qr_data_);
}

void EscPosModel::print_rows(const std::uint8_t* data, int x, int y) {
  if (current_.width_dots == 0) current_.width_dots = x * 8;
  if (current_.width_dots != x * 8) return;  // a band of another width: not a receipt we keep
  current_.bits.insert(current_.bits.end(), data, data + static_cast<std::ptrdiff_t>(x) * y);
  current_.height += y;
}

}  // namespace simusb
