// The USB printer driver (interface class 7, or a vendor interface named by its usb id):
// it names the printer, reports its paper and error state, and prints receipt jobs on
// ESC/POS honestly.
//
//   Identify -> PollStatus -> Idle --(next pass)--> PollStatus ...
//     (a printer with a receipt queue: Identify -> Flush -> ReadFlush -> PollStatus, so a
//     crashed kiosk's half receipt never prints)
//   Idle --(a job)--> Discard* -> AskStatus <-> ReadStatus -> Send* -> AskDone -> ReadDone -> Idle
//     Discard, one short read per state until one finds nothing (at most 8)
//     ReadStatus, DLE EOT 1 to 4 one at a time: offline, cover open, paper out, a cutter or
//       other error --> the job fails before a byte is sent
//     Send, one 4 KiB chunk per state
//     ReadDone: no answer --> AskWhy -> ReadWhy (DLE EOT 2 says why) -> AskPort (the class
//       port status, a control request that works while bulk OUT is stuck): failed, else
//       unknown
//     failed or unknown --> Flush -> ReadFlush (DLE DC4 fn=8 answered: clear), else
//       FlushInit (ESC @) -> FlushReset (class SOFT_RESET)
//   any state --(release)--> Released
//
// Each state makes at most one transfer, bounded by its own timeout and ended at once by
// the manager's cancel. `done` only when GS r 1, sent after the cut and executed in buffer
// order, comes back clean (DLE EOT answers before buffered lines print, so it cannot say
// a receipt printed). After a failed or unknown job the buffers are cleared, so loading
// paper never prints the failed receipt's tail. Near-end is the driver's own: a port-status
// poll (which cannot see it) never overwrites it.
//
// Errors keep their meaning: NO_DEVICE, IO and a bulk PIPE drop the handle (usb_error.h
// means_handle_lost; the manager finds the printer again and clears its halts), a stalled
// control request means "not supported", and every other failure is kept as the state's
// fault. When the handle goes, the job in hand and every job still waiting are answered:
// none prints by itself after a replug.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "drivers/printer/escpos.h"
#include "drivers/printer/print_queue.h"
#include "drivers/usb/driver_api.h"

namespace drivers::printer {

inline constexpr std::chrono::milliseconds kTransferTimeout{500};

struct PrinterOptions {
  // The receipt queue of a configured printer (by device name); nullptr: it prints nothing.
  std::function<std::shared_ptr<PrintQueue>(const std::string& device)> queue_for;
  std::chrono::milliseconds send_timeout{3000};     // per 4 KiB of job bytes
  std::chrono::milliseconds confirm_timeout{5000};  // GS r 1: the receipt must print first
};

class PrinterClassDriver final : public usb::ClaimDriver {
 public:
  enum class State {
    Identify,
    PollStatus,
    Idle,
    Discard,
    AskStatus,
    ReadStatus,
    Send,
    AskDone,
    ReadDone,
    AskWhy,
    ReadWhy,
    AskPort,
    Flush,
    ReadFlush,
    FlushInit,
    FlushReset,
    Released
  };

  PrinterClassDriver(usb::ClaimSetup setup, PrinterOptions options);
  usb::Next advance(usb::DriverClock::time_point now) override;
  void release() override;
  State state() const { return state_; }

 private:
  usb::Next identify();
  usb::Next poll_status();
  usb::Next idle();
  usb::Next discard();
  usb::Next ask(std::span<const std::uint8_t> bytes, State next);
  // Why the printer's own status fails a job; its reason text is the PrintResult's.
  enum class Cause { PaperOut, CoverOpen, CutterError, PrinterError, Overheated, Offline };
  static std::string_view reason_of(Cause cause);

  usb::Next read_status();
  std::optional<Cause> preflight_failure(const escpos::RealTimeStatus& status);
  usb::Next send();
  usb::Next read_done();
  usb::Next read_why();
  usb::Next ask_port();
  usb::Next read_flush();
  usb::Next flush_init();
  usb::Next flush_reset();
  usb::Next fail_job(Cause cause);
  usb::Next end_job(PrintOutcome outcome, std::string reason);
  usb::Next lost(const usb::UsbError& e);
  void answer_all(const std::string& reason);  // the job in hand and every waiting one
  void note_fault(const usb::UsbError& e) { device_.fault = usb::fault_of(e.code); }
  usb::UsbResult<std::vector<std::uint8_t>> read_byte(std::chrono::milliseconds timeout);
  void note_paper(bool near_end, bool paper_end);
  model::CommandOptions options(std::chrono::milliseconds t) const { return {t, &cancel_}; }

  std::shared_ptr<usb::UsbDeviceHandle> handle_;
  usb::InterfaceInfo interface_;
  std::optional<usb::EndpointInfo> out_, in_;
  model::DeviceState device_;
  usb::StateSink& sink_;
  model::CancelToken& cancel_;
  PrinterOptions options_;
  std::shared_ptr<PrintQueue> queue_;
  State state_ = State::Identify;
  std::optional<PrintRequest> job_;
  std::size_t sent_ = 0;
  int stale_reads_ = 0;        // Discard's reads for this job
  std::size_t preflight_ = 0;  // which DLE EOT before the job is asked now
  bool offline_ = false;       // DLE EOT 1 said so
  bool near_end_ = false;
  // What ESC/POS said the operator must do (close the cover, clear a cutter jam), kept with
  // its detail while the port status, which only knows "error", says it is not ready.
  std::optional<model::Action> escpos_action_;
};

// Registers the printer driver: kind printer, claim mode, interfaces of class 7, and
// vendor-specific ones (0xFF) with a bulk OUT when the entry names the printer's usb id.
void register_drivers(usb::DriverTable& table, PrinterOptions options = {});

}  // namespace drivers::printer
