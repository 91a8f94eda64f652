#include "drivers/printer/driver.h"

#include <algorithm>
#include <array>

#include "drivers/printer/escpos.h"
#include "drivers/printer/protocol.h"
#include "drivers/usb/transfer.h"

namespace drivers::printer {

namespace {
constexpr std::uint8_t kClassPrinter = 7;
constexpr std::uint8_t kClassVendor = 0xFF;
constexpr std::size_t kChunk = 4096;
constexpr std::chrono::milliseconds kStaleRead{20};
constexpr int kMaxStaleReads = 8;
constexpr usb::ControlSetup kSoftReset{0x21, 2, 0, 0};  // class, interface, OUT (usb.md §1)
// The real-time statuses asked before a job, in this order: DLE EOT 1 says whether the
// printer is offline, 2 and 3 why, 4 how much paper is left.
constexpr std::array kPreflight{escpos::RealTime::Printer, escpos::RealTime::Offline,
                                escpos::RealTime::Error, escpos::RealTime::Paper};

std::optional<usb::EndpointInfo> bulk(const usb::InterfaceInfo& i, usb::Direction d) {
  return i.find_endpoint(d, usb::EndpointType::Bulk);
}
}  // namespace

PrinterClassDriver::PrinterClassDriver(usb::ClaimSetup setup, PrinterOptions options)
    : handle_(std::move(setup.handle)),
      interface_(setup.interface),
      out_(bulk(interface_, usb::Direction::Out)),
      in_(bulk(interface_, usb::Direction::In)),
      device_(std::move(setup.state)),
      sink_(setup.sink),
      cancel_(setup.cancel),
      options_(std::move(options)) {
  if (options_.queue_for) queue_ = options_.queue_for(device_.name);
  // Only a driver that can print serves the queue: one without both bulk endpoints never
  // takes a job, so none should wait for it.
  if (queue_ && out_ && in_) queue_->attach();
}

// The manager's pass is the poll period: every rescan (2 s), every hotplug event, and a
// submitted job (the queue pokes the manager).
usb::Next PrinterClassDriver::advance(usb::DriverClock::time_point) {
  switch (state_) {
    case State::Identify:
      return identify();
    case State::PollStatus:
      return poll_status();
    case State::Idle:
      return idle();
    case State::Discard:
      return discard();
    case State::AskStatus:
      return ask(escpos::realtime_status(kPreflight[preflight_]), State::ReadStatus);
    case State::ReadStatus:
      return read_status();
    case State::Send:
      return send();
    case State::AskDone:
      return ask(escpos::paper_sensor_in_order(), State::ReadDone);
    case State::ReadDone:
      return read_done();
    case State::AskWhy:
      return ask(escpos::realtime_status(escpos::RealTime::Offline), State::ReadWhy);
    case State::ReadWhy:
      return read_why();
    case State::AskPort:
      return ask_port();
    case State::Flush:
      return ask(escpos::clear_buffers(), State::ReadFlush);
    case State::ReadFlush:
      return read_flush();
    case State::FlushInit:
      return flush_init();
    case State::FlushReset:
      return flush_reset();
    case State::Released:
      return usb::Next::next_pass();
  }
  return usb::Next::next_pass();
}

// GET_DEVICE_ID names the model when the string descriptors do not (cheap clones).
usb::Next PrinterClassDriver::identify() {
  // A printer this kiosk prints on starts with clear buffers: a kiosk killed mid-receipt
  // (a crash, a power cut of the PC alone) left half a raster band in it, which would eat
  // the next receipt's first bytes and print the old tail after a refill.
  state_ = queue_ && out_ && in_ ? State::Flush : State::PollStatus;
  auto id =
      usb::control(handle_, get_device_id(interface_.number), {}, 1024, options(kTransferTimeout));
  if (!id) {
    if (usb::means_handle_lost_on_control(id.error().code)) return lost(id.error());
    return usb::Next::now();  // no device ID: the descriptors' names stand
  }
  auto fields = parse_device_id(*id);
  if (device_.identity) {
    if (device_.identity->product.empty()) device_.identity->product = fields["MDL"];
    if (device_.identity->manufacturer.empty()) device_.identity->manufacturer = fields["MFG"];
  }
  return usb::Next::now();  // PollStatus publishes identity and status together
}

usb::Next PrinterClassDriver::poll_status() {
  state_ = State::Idle;
  auto reply =
      usb::control(handle_, get_port_status(interface_.number), {}, 1, options(kTransferTimeout));
  if (!reply) {
    if (usb::means_handle_lost_on_control(reply.error().code)) return lost(reply.error());
    // A stall means the printer lacks the request; anything else (a timeout, access) is
    // kept for the operator as what it is.
    device_.fault = reply.error().code == usb::UsbErrc::Pipe ? model::Fault::None
                                                             : usb::fault_of(reply.error().code);
    sink_.publish(device_);
    return usb::Next::now();
  }
  device_.fault = model::Fault::None;
  if (!reply->empty()) {
    const auto port = decode_port_status((*reply)[0]);
    // Port status knows "out" only: near-end, which ESC/POS told us, stands otherwise.
    device_.supplies["paper"] = port.paper == model::SupplyLevel::Out ? port.paper
                                : near_end_                           ? model::SupplyLevel::Low
                                                                      : port.paper;
    device_.status = port.status;
    device_.action = port.action;
    if (port.status == model::Status::Online) escpos_action_.reset();
    if (port.status != model::Status::Online && escpos_action_) {
      device_.status = model::Status::Offline;
      device_.action = *escpos_action_;  // the detail stays what ESC/POS said
    } else {
      device_.detail = port.status == model::Status::Online
                           ? "claimed interface " + std::to_string(interface_.number)
                           : port.detail;
    }
  }
  sink_.publish(device_);
  return usb::Next::now();
}

usb::Next PrinterClassDriver::idle() {
  if (queue_ && out_ && in_) {
    if ((job_ = queue_->take())) {
      sent_ = 0;
      stale_reads_ = 0;
      state_ = State::Discard;
      return usb::Next::now();
    }
  }
  state_ = State::PollStatus;
  return usb::Next::next_pass();
}

// Bytes a printer sent earlier (an ASB push, a late reply) would be read as this job's
// answers: read them away first, one short read per state, until one finds nothing.
usb::Next PrinterClassDriver::discard() {
  auto stale = usb::read(handle_, *in_, 64, options(kStaleRead));
  if (!stale && usb::means_handle_lost(stale.error().code)) return lost(stale.error());
  if (stale && !stale->empty() && ++stale_reads_ < kMaxStaleReads) return usb::Next::now();
  preflight_ = 0;
  offline_ = false;
  state_ = State::AskStatus;
  return usb::Next::now();
}

usb::Next PrinterClassDriver::ask(std::span<const std::uint8_t> bytes, State next) {
  auto sent = usb::write(handle_, *out_, bytes, options(kTransferTimeout));
  if (!sent) {
    if (usb::means_handle_lost(sent.error().code)) return lost(sent.error());
    note_fault(sent.error());
    // A printer that takes no bytes: a stuck clear falls back to ESC @ and the reset; a
    // stuck question goes on to the port status, which a control request still reads.
    state_ = state_ == State::Flush    ? State::FlushInit
             : state_ == State::AskWhy ? State::AskPort
                                       : State::AskWhy;
    return usb::Next::now();
  }
  state_ = next;
  return usb::Next::now();
}

usb::UsbResult<std::vector<std::uint8_t>> PrinterClassDriver::read_byte(
    std::chrono::milliseconds timeout) {
  return usb::read(handle_, *in_, 64, options(timeout));
}

// One real-time status before the job. A printer that does not answer the first is asked
// no more (the in-order check after the cut still decides); one that skips a later one is
// asked the rest.
usb::Next PrinterClassDriver::read_status() {
  auto reply = read_byte(kTransferTimeout);
  if (!reply && usb::means_handle_lost(reply.error().code)) return lost(reply.error());
  const auto status = reply && reply->size() == 1
                          ? escpos::decode_realtime(kPreflight[preflight_], (*reply)[0])
                          : std::nullopt;
  if (!status && preflight_ == 0) {
    state_ = State::Send;
    return usb::Next::now();
  }
  if (status) {
    if (auto why = preflight_failure(*status)) return fail_job(*why);
  }
  if (++preflight_ < kPreflight.size()) {
    state_ = State::AskStatus;
    return usb::Next::now();
  }
  if (offline_) return fail_job(Cause::Offline);
  state_ = State::Send;
  return usb::Next::now();
}

// What the status just read says against printing now (decode_realtime fills only the
// fields of the asked n).
std::optional<PrinterClassDriver::Cause> PrinterClassDriver::preflight_failure(
    const escpos::RealTimeStatus& s) {
  switch (kPreflight[preflight_]) {
    case escpos::RealTime::Printer:
      offline_ = s.offline;
      return std::nullopt;
    case escpos::RealTime::Offline:
      if (s.cover_open) return Cause::CoverOpen;
      if (s.paper_end_stop) return Cause::PaperOut;
      return std::nullopt;  // an error: DLE EOT 3 says which
    case escpos::RealTime::Error:
      if (s.cutter_error) return Cause::CutterError;
      if (s.unrecoverable) return Cause::PrinterError;
      if (s.auto_recoverable) return Cause::Overheated;
      return std::nullopt;
    case escpos::RealTime::Paper:
      note_paper(s.paper_near_end, s.paper_end);
      if (s.paper_end) return Cause::PaperOut;
      return std::nullopt;
  }
  return std::nullopt;
}

usb::Next PrinterClassDriver::send() {
  const auto& bytes = job_->bytes;
  const std::size_t n = std::min(kChunk, bytes.size() - sent_);
  auto sent = usb::write(handle_, *out_, std::span(bytes).subspan(sent_, n),
                         options(options_.send_timeout));
  if (!sent) {
    sent_ += sent.error().transferred;  // a timed-out chunk may have gone in part
    if (usb::means_handle_lost(sent.error().code)) return lost(sent.error());
    note_fault(sent.error());
    state_ = State::AskWhy;  // it stopped taking bytes: ask why
    return usb::Next::now();
  }
  sent_ += *sent;
  if (sent_ >= bytes.size()) state_ = State::AskDone;
  return usb::Next::now();
}

usb::Next PrinterClassDriver::read_done() {
  auto reply = read_byte(options_.confirm_timeout);
  if (!reply && usb::means_handle_lost(reply.error().code)) return lost(reply.error());
  if (reply && reply->size() == 1) {
    if (auto paper = escpos::decode_paper_sensor((*reply)[0])) {
      note_paper(paper->near_end, paper->paper_end);
      if (!paper->paper_end) return end_job(PrintOutcome::Done, "");
      return fail_job(Cause::PaperOut);
    }
  }
  state_ = State::AskWhy;  // no in-order answer: it did not print everything
  return usb::Next::now();
}

// Why the receipt was not confirmed: DLE EOT 2 (answered even while stuck), else the
// printer class port status (AskPort).
usb::Next PrinterClassDriver::read_why() {
  auto reply = read_byte(kTransferTimeout);
  if (!reply && usb::means_handle_lost(reply.error().code)) return lost(reply.error());
  if (reply && reply->size() == 1) {
    if (auto why = escpos::decode_realtime(escpos::RealTime::Offline, (*reply)[0])) {
      if (why->cover_open) return fail_job(Cause::CoverOpen);
      if (why->paper_end_stop) return fail_job(Cause::PaperOut);
      if (why->error) return fail_job(Cause::PrinterError);
    }
  }
  state_ = State::AskPort;
  return usb::Next::now();
}

// The printer class port status: a control request, which works while bulk OUT is stuck.
// Paper out fails the job; otherwise nobody can say what printed.
usb::Next PrinterClassDriver::ask_port() {
  auto port =
      usb::control(handle_, get_port_status(interface_.number), {}, 1, options(kTransferTimeout));
  if (!port && usb::means_handle_lost_on_control(port.error().code)) return lost(port.error());
  if (port && port->size() == 1 && decode_port_status((*port)[0]).paper == model::SupplyLevel::Out)
    return fail_job(Cause::PaperOut);
  if (sent_ == 0) return end_job(PrintOutcome::Failed, "the printer does not take commands");
  return end_job(PrintOutcome::Unknown, "the printer did not confirm the receipt");
}

// DLE DC4 fn=8 answers 37 25 00 once both buffers are clear. A model without it gets
// ESC @ (FlushInit) and the printer class SOFT_RESET (FlushReset), which clears the device.
usb::Next PrinterClassDriver::read_flush() {
  auto reply = read_byte(kTransferTimeout);
  if (!reply && usb::means_handle_lost(reply.error().code)) return lost(reply.error());
  state_ = reply && escpos::is_clear_buffers_answer(*reply) ? State::PollStatus : State::FlushInit;
  return usb::Next::now();
}

usb::Next PrinterClassDriver::flush_init() {
  auto sent = usb::write(handle_, *out_, escpos::init(), options(kTransferTimeout));
  if (!sent && usb::means_handle_lost(sent.error().code)) return lost(sent.error());
  state_ = State::FlushReset;  // a printer that takes no bytes may still take the reset
  return usb::Next::now();
}

usb::Next PrinterClassDriver::flush_reset() {
  auto setup = kSoftReset;
  setup.index = interface_.number;
  auto reset = usb::control(handle_, setup, {}, 0, options(kTransferTimeout));
  if (!reset && usb::means_handle_lost_on_control(reset.error().code)) return lost(reset.error());
  state_ = State::PollStatus;
  return usb::Next::now();
}

// A job the printer's own status failed: what the operator must do goes into the state
// (kept through port polls that only say "error"), and the job ends with its reason.
usb::Next PrinterClassDriver::fail_job(Cause cause) {
  switch (cause) {
    case Cause::PaperOut:
      device_.status = model::Status::Offline;
      device_.supplies["paper"] = model::SupplyLevel::Out;
      device_.action = model::Action::LoadPaper;
      break;
    case Cause::CoverOpen:
      device_.status = model::Status::Offline;
      device_.action = model::Action::CloseCover;
      escpos_action_ = model::Action::CloseCover;
      break;
    case Cause::CutterError:
    case Cause::PrinterError:
    case Cause::Overheated:
      device_.status = model::Status::HardwareError;
      device_.action = model::Action::Maintenance;
      escpos_action_ = model::Action::Maintenance;
      break;
    case Cause::Offline:  // DLE EOT 1 said offline, and 2 to 4 said no more
      device_.status = model::Status::Offline;
      device_.action = model::Action::Reset;
      break;
  }
  return end_job(PrintOutcome::Failed, std::string(reason_of(cause)));
}

std::string_view PrinterClassDriver::reason_of(Cause cause) {
  switch (cause) {
    case Cause::PaperOut:
      return "paper out";
    case Cause::CoverOpen:
      return "cover open";
    case Cause::CutterError:
      return "cutter error";
    case Cause::PrinterError:
      return "printer error";
    case Cause::Overheated:
      return "printer overheated";
    case Cause::Offline:
      return "printer offline";
  }
  return "printer error";
}

usb::Next PrinterClassDriver::end_job(PrintOutcome outcome, std::string reason) {
  if (outcome != PrintOutcome::Done) device_.detail = "last receipt: " + reason;
  sink_.publish(device_);
  if (job_ && queue_) queue_->finish({job_->id, outcome, std::move(reason)});
  job_.reset();
  state_ = outcome == PrintOutcome::Done ? State::PollStatus : State::Flush;
  return usb::Next::now();
}

usb::Next PrinterClassDriver::lost(const usb::UsbError& e) {
  answer_all(e.code == usb::UsbErrc::NoDevice
                 ? "the printer went away while printing"
                 : "the printer stopped answering (" + std::string(usb::to_string(e.code)) +
                       ") while printing; it is being reconnected");
  return usb::Next::lost_handle(e);
}

// The job in hand is unknown when any of it went out, failed otherwise; the jobs still
// waiting failed (nothing of them was sent). Never left to print after a replug.
void PrinterClassDriver::answer_all(const std::string& reason) {
  if (!queue_ || !out_ || !in_) return;
  if (job_)
    queue_->finish({job_->id, sent_ > 0 ? PrintOutcome::Unknown : PrintOutcome::Failed, reason});
  job_.reset();
  queue_->detach(reason);
}

void PrinterClassDriver::note_paper(bool near_end, bool paper_end) {
  near_end_ = near_end;
  device_.supplies["paper"] = paper_end  ? model::SupplyLevel::Out
                              : near_end ? model::SupplyLevel::Low
                                         : model::SupplyLevel::Unknown;
  sink_.publish(device_);
}

void PrinterClassDriver::release() {
  // The cleanup state: the job in hand and the waiting ones are answered, never left.
  answer_all("the printer was let go (the kiosk stopped or lost it) before it confirmed this");
  state_ = State::Released;
}

void register_drivers(usb::DriverTable& table, PrinterOptions options) {
  table.add({.name = "printer",
             .kind = model::DeviceKind::Printer,
             .mode = model::Mode::Claim,
             .drives =
                 [](const usb::UsbDeviceInfo&, const usb::InterfaceInfo& i) {
                   return i.interface_class == kClassPrinter ||
                          (i.interface_class == kClassVendor && bulk(i, usb::Direction::Out));
                 },
             .make_claim = [options](usb::ClaimSetup s) -> std::unique_ptr<usb::ClaimDriver> {
               return std::make_unique<PrinterClassDriver>(std::move(s), options);
             },
             .make_watch = {}});
}

}  // namespace drivers::printer
