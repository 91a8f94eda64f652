#include "kiosk/devices/scan_board.h"

namespace kiosk::devices {

void ScanBoard::deliver(const ScanEvent& event) {
  if (!event.text) return;
  {
    std::lock_guard lock(mutex_);
    last_ = event;
    ++count_;
  }
  delivered_.notify_all();
}

std::optional<ScanEvent> ScanBoard::wait_next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const std::uint64_t seen = count_;
  if (!delivered_.wait_for(lock, timeout, [&] { return count_ != seen; })) return std::nullopt;
  return last_;
}

}  // namespace kiosk::devices
