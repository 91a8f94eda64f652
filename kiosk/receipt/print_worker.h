// The kiosk's printing: takes queued print jobs (store::PrintJobs) in order, lays each
// receipt out (receipt.h), hands it to the printer through the DevicePort and records the
// outcome the driver reports. Its own thread and its own outbox connection: the UI and the
// core never wait for a printer.
//
//  [X] At start, a job left `sending` by a crash becomes `unknown` (never reprinted)
//  [X] One job at a time per printer; the outcome is stored before the next starts
//  [X] No outcome within the job timeout: `unknown`, never `done`; a job the printer never
//      started is taken back (`failed`), so it cannot print by itself later
//  [X] A printer no driver serves (unplugged, not claimed) fails the job at once: nothing
//      waits to print by itself on a replug
//  [X] At start, jobs wait (up to kStartGrace) for the first device pass to find the printer
//  [X] Reprint on request only (the citizen's "print again", kioskctl receipt reprint)
//  [X] Every state change is told to the listener (the core's Done screen)
//  [X] A test receipt (kioskctl print-test) between jobs, never stored, its outcome to the
//      caller alone
//  [X] A plain document of text lines (the day-end report) the same way
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "kiosk/core/thread_guard.h"
#include "kiosk/devices/device_port.h"
#include "kiosk/receipt/receipt_data.h"
#include "kiosk/store/outbox.h"
#include "kiosk/text/engine.h"

namespace kiosk::receipt {

struct ReceiptStatus {
  std::string receipt_no;
  store::JobState state = store::JobState::Queued;
  std::string reason;
};

// OK when `printer` is a configured device that is connected; NoDevice otherwise, with why.
// A print to a printer that is not there would wait out the whole job timeout for nothing.
Status printer_connected(const std::vector<drivers::model::DeviceState>& states,
                         const std::string& printer);

struct PrintWorkerOptions {
  store::OutboxOptions outbox;
  std::string printer;  // the devices entry; empty: nothing is printed
  int width_dots = 384;
  std::chrono::milliseconds job_timeout{60'000};
  std::chrono::milliseconds recheck{2000};  // picks up jobs kioskctl queued
  bool native_qr = false;                   // the printer prints the QR itself (options.native_qr)
};

class PrintWorker {
 public:
  static constexpr std::chrono::seconds kStartGrace{10};
  using Listener = std::function<void(const ReceiptStatus&)>;

  PrintWorker(PrintWorkerOptions options, const Clock& clock, text::Engine& engine,
              devices::DevicePort& port, Listener listener);
  ~PrintWorker();  // stops and joins
  PrintWorker(const PrintWorker&) = delete;
  PrintWorker& operator=(const PrintWorker&) = delete;

  void start();
  void nudge();                          // a job was committed; thread-safe, non-blocking
  void reprint(std::string receipt_no);  // asked for; thread-safe, non-blocking
  // Prints `receipt` between jobs, never as a stored job, and waits up to `wait` for the
  // printer's outcome (nullopt: none came in time). NoDevice when no receipt printer is
  // configured or it is not connected; Timeout when the worker did not get to it.
  Result<std::optional<devices::PrintReport>> print_test(const ReceiptData& receipt,
                                                         std::chrono::milliseconds wait);
  // Prints `lines` (layout_lines: no QR) between jobs like print_test, with its answers.
  Result<std::optional<devices::PrintReport>> print_lines(std::vector<std::string> lines,
                                                          std::chrono::milliseconds wait);
  const std::string& printer() const { return options_.printer; }

 private:
  // Something printed between jobs and never stored: a test receipt or a plain document.
  struct TestPrint {
    std::variant<ReceiptData, std::vector<std::string>> content;
    std::int64_t job_id = 0;  // negative: never a stored job's id
    std::promise<std::optional<devices::PrintReport>> outcome;
  };

  void loop();
  void pass(store::Outbox& outbox);
  Result<std::optional<devices::PrintReport>> print_between_jobs(std::shared_ptr<TestPrint> test,
                                                                 std::chrono::milliseconds wait);
  void print_tests();
  void print_one(store::Outbox& outbox, const store::PrintJob& job);
  std::optional<devices::PrintReport> send(Result<ReceiptData> receipt, std::int64_t job_id);
  std::optional<devices::PrintReport> send_image(Result<devices::PrintImage> image,
                                                 std::int64_t job_id);
  std::optional<devices::PrintReport> wait_outcome(std::int64_t job_id);
  bool printer_known() const;
  void tell_stored(store::PrintJobs& jobs, const std::string& receipt_no);
  void tell(const std::string& receipt_no, store::JobState state, std::string reason);
  void on_report(const devices::PrintReport& report);

  // The port's listener outlives the worker (a device thread may hold a copy while it
  // reports); it reaches the worker only through this, which the destructor closes.
  struct Channel {
    std::mutex mutex;
    PrintWorker* worker = nullptr;
  };

  PrintWorkerOptions options_;
  std::shared_ptr<Channel> channel_ = std::make_shared<Channel>();
  const Clock& clock_;
  text::Engine& engine_;
  devices::DevicePort& port_;
  Listener listener_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool nudged_ = false;
  std::deque<std::string> reprints_;
  std::deque<std::shared_ptr<TestPrint>> tests_;
  std::int64_t next_test_id_ = -1;
  std::optional<devices::PrintReport> report_;
  Clock::SteadyTime started_{};
  std::optional<threads::Registration> registration_;
  std::thread thread_;
};

}  // namespace kiosk::receipt
