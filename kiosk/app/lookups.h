// The backend lookups a citizen waits for at the screen (contract §2): a bill for a consumer
// number, an application's status for a receipt number. The core asks through this
// interface, which it owns; the answer comes back later as a command (BillAnswered,
// StatusAnswered) carrying the same job number, so a late answer for a session that has
// moved on is recognised and dropped.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk::app {

class Lookups {
 public:
  virtual ~Lookups() = default;
  // Never blocks; false when the request could not be queued (nothing will answer it).
  virtual bool fetch_bill(std::uint64_t job, std::string biller_id, std::string consumer_no) = 0;
  virtual bool look_up_status(std::uint64_t job, std::string receipt_no) = 0;
};

}  // namespace kiosk::app
