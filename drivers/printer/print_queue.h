// Receipt jobs between the app's print worker (any thread) and the printer's driver (the
// device thread). The worker submits ESC/POS bytes of one receipt; the driver takes a job
// when it is idle and answers with the outcome. An outcome is `done` only when the printer
// confirmed it in order (GS r 1 after the cut); `unknown` when it could not be told.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace drivers::printer {

struct PrintRequest {
  std::int64_t id = 0;              // the app's job id (store::PrintJob::id)
  std::vector<std::uint8_t> bytes;  // init, raster bands, feed and cut (escpos.h)
};

enum class PrintOutcome { Done, Failed, Unknown };

struct PrintResult {
  std::int64_t id = 0;
  PrintOutcome outcome = PrintOutcome::Unknown;
  std::string reason;  // operator-facing, English; empty when done
};

class PrintQueue {
 public:
  using OnResult = std::function<void(const PrintResult&)>;
  using OnSubmit = std::function<void()>;  // wakes the device thread (manager poke)

  void set_on_result(OnResult on_result);
  void set_on_submit(OnSubmit on_submit);
  // False, and nothing queued, while no driver serves the queue (the printer is unplugged,
  // not claimed, or being reconnected): a job waits only where someone will answer it.
  bool submit(PrintRequest request);
  std::optional<PrintRequest> take();
  bool empty() const;
  void finish(const PrintResult& result);  // on the device thread; calls on_result
  // Withdraws a job the driver has not taken yet (the app gave up waiting): it never
  // prints later. False when it was taken (its outcome still comes) or never submitted.
  bool cancel(std::int64_t id);
  // The printer's driver came (attach) or went (detach). Detaching fails every job not
  // taken yet, with `reason`: a job must never print by itself when the printer comes
  // back (only a reprint someone asked for does).
  void attach();
  void detach(const std::string& reason);

 private:
  mutable std::mutex mutex_;
  std::deque<PrintRequest> jobs_;
  bool attached_ = false;
  OnResult on_result_;
  OnSubmit on_submit_;
};

}  // namespace drivers::printer
