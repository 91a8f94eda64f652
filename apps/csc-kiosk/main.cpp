// csc-kiosk: the citizen-facing touch application. Thin: parses the command line, loads
// and validates the config, wires the app core to the UI, runs.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "apps/csc-kiosk/fleet.h"
#include "apps/csc-kiosk/operator_desk.h"
#include "apps/csc-kiosk/remote_config.h"
#include "apps/csc-kiosk/systemd_notify.h"
#include "apps/usb_device_port.h"
#include "kiosk/alerts/monitor.h"
#include "kiosk/alerts/status_verb.h"
#include "kiosk/app/app_core.h"
#include "kiosk/app/lookup_worker.h"
#include "kiosk/app/outbox_transactions.h"
#include "kiosk/app/screen_board.h"
#include "kiosk/biometric/auth_worker.h"
#include "kiosk/biometric/reader_config.h"
#include "kiosk/camera/frame_feed.h"
#include "kiosk/config/config.h"
#include "kiosk/config/config_verbs.h"
#include "kiosk/control/server.h"
#include "kiosk/control/system_verbs.h"
#include "kiosk/core/clock.h"
#include "kiosk/core/close_on_fork.h"
#include "kiosk/core/image.h"
#include "kiosk/core/log.h"
#include "kiosk/core/version.h"
#include "kiosk/core/watchdog.h"
#include "kiosk/ctl/scan_test.h"
#include "kiosk/devices/device_service.h"
#include "kiosk/devices/device_specs.h"
#include "kiosk/devices/instance_lock.h"
#include "kiosk/devices/scan_board.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/net/curl_memory.h"
#include "kiosk/operator/operator_verbs.h"
#include "kiosk/receipt/print_test_verb.h"
#include "kiosk/receipt/print_worker.h"
#include "kiosk/services/catalogue.h"
#include "kiosk/store/outbox_writer.h"
#include "kiosk/sync/settings.h"
#include "kiosk/sync/sync_worker.h"
#include "kiosk/text/engine.h"
#include "kiosk/text/icon_names.h"
#include "kiosk/text/input_method.h"
#include "ui/platform/quit_signals.h"
#include "ui/platform/run_loop.h"

namespace {

using kiosk::ExitCode;

struct Options {
  std::optional<std::string> config;
  bool windowed = false;
  bool demo = false;
  std::optional<std::string> screenshot;
  int screenshot_delay_ms = 0;
  bool screenshot_live = false;  // the screenshot with devices, lock and socket running
  bool render_continuously = false;
  std::optional<std::string> camera_frames;  // a frame source for the QR decoder (demo, tests)
};

int exit_with(ExitCode code) {
  return static_cast<int>(code);
}

int report(const kiosk::Error& error) {
  kiosk::log::error("csc-kiosk", "{}", error.message);
  return exit_with(kiosk::exit_code_for(error.code));
}

struct RenderTextOptions {
  float size = 32;
  float width = 0;
  std::string out = "text.png";
  std::string text;
};

// `csc-kiosk render-text`: the text engine alone, black on white, no display needed.
int render_text(const Options& opts, const RenderTextOptions& r) {
  auto config = kiosk::config::load(opts.config);
  if (!config) return report(config.error());
  auto engine = kiosk::text::Engine::create(
      {config->font_latin, config->font_devanagari, config->font_icons});
  if (!engine) return report(engine.error());
  const auto layout = (*engine)->layout(r.text, {r.size, r.width, kiosk::text::Align::Left});
  const auto image = (*engine)->render_grey(*layout, /*margin=*/static_cast<int>(r.size / 4));
  if (auto written = kiosk::write_png(r.out, image); !written) return report(written.error());
  std::printf("%s: %dx%d, %zu glyphs, %zu lines\n", r.out.c_str(), image.width, image.height,
              layout->glyphs.size(), layout->lines.size());
  return exit_with(ExitCode::Ok);
}

// The USB layer on its own device thread, its faults counted like every other thread's.
// The fingerprint reader's USB state goes to its monitor, which publishes the merged state
// (USB + RD Service); every other device's state goes straight to the device service.
void start_usb(const kiosk::config::Config& c, const kiosk::Clock& clock,
               kiosk::devices::DeviceService& devices, const apps::PrintQueues& queues,
               apps::ScanRelay& scans, std::optional<kiosk::threads::Registration>& device_thread,
               std::unique_ptr<drivers::usb::UsbDeviceManager>& usb,
               kiosk::biometric::ReaderMonitor* reader) {
  // The fault verb arrives only once the control socket serves, after `usb` is set.
  device_thread.emplace("device", [&usb] {
    if (usb) usb->poke();
  });
  drivers::usb::ManagerOptions usb_options;
  usb_options.now = [&clock] { return clock.steady_now(); };
  usb_options.on_fault = [](std::string_view thread, std::string_view what) {
    kiosk::threads::record_fault(thread, what);
  };
  usb_options.checkpoint = [&device_thread] { device_thread->checkpoint(); };
  usb_options.ignored = kiosk::devices::ignored_matches(c);
  auto scanner_config = [&c](const std::string& name) {
    return kiosk::devices::scanner_config(c, name);
  };
  usb = std::make_unique<drivers::usb::UsbDeviceManager>(
      kiosk::devices::device_specs(c), apps::kiosk_drivers(&queues, &scans, scanner_config),
      usb_options, [d = &devices, reader](const drivers::model::DeviceState& s) {
        if (reader != nullptr && s.name == reader->name())
          reader->usb_state(s);
        else
          d->publish(s);
      });
  usb->start();
}

// The fingerprint reader's monitor, when one is configured. It hears USB states at once;
// its thread (which asks the RD Service and resets through the port) is started by the
// caller once the port exists.
std::unique_ptr<kiosk::biometric::ReaderMonitor> start_reader_monitor(
    const kiosk::config::Config& c, const kiosk::Clock& clock,
    kiosk::devices::DeviceService& devices, std::optional<apps::UsbDevicePort>& port) {
  auto settings = kiosk::biometric::reader_settings(c);
  if (!settings) return nullptr;
  auto reader = std::make_unique<kiosk::biometric::ReaderMonitor>(
      settings->client, settings->monitor, clock,
      [&devices](const drivers::model::DeviceState& s) { devices.publish(s); },
      [&port](const std::string& name) -> kiosk::Status {
        if (!port) return kiosk::fail(kiosk::Errc::Unavailable, "the USB layer is not running");
        return port->reset(name);
      });
  return reader;
}

// The core's fingerprint authentication, on the auth worker's thread: its answers come back
// to the core as commands.
class CoreAuthenticator final : public kiosk::app::Authenticator {
 public:
  CoreAuthenticator(kiosk::biometric::AuthWorkerSettings settings,
                    kiosk::biometric::ReaderMonitor* reader, kiosk::app::AppCore& core)
      : worker_(
            std::move(settings), reader,
            [&core](const kiosk::biometric::AuthOutcome& o) {
              core.post(kiosk::app::FingerprintDone{o.id, o.verified, o.auth_ref, o.message_key,
                                                    o.retry});
            },
            [&core](std::uint64_t job, std::string_view) {
              core.post(kiosk::app::FingerprintSending{job});
            }),
        core_(core) {}
  ~CoreAuthenticator() override { core_.set_authenticator(nullptr); }
  void update_backend(const kiosk::config::Config& c) {
    worker_.update_backend(c.backend_url, kiosk::sync::sync_settings(c).http);
  }
  bool authenticate(kiosk::app::FingerprintRequest request) override {
    return worker_.submit({request.job, std::move(request.txn_id), std::move(request.uid),
                           std::move(request.consent)});
  }

 private:
  kiosk::biometric::AuthWorker worker_;
  kiosk::app::AppCore& core_;
};

std::unique_ptr<CoreAuthenticator> start_authenticator(const kiosk::config::Config& c,
                                                       kiosk::biometric::ReaderMonitor* reader,
                                                       kiosk::app::AppCore& core) {
  auto reader_settings = kiosk::biometric::reader_settings(c);
  if (!reader_settings || c.backend_url.empty()) return nullptr;
  kiosk::biometric::AuthWorkerSettings settings;
  settings.rd = reader_settings->client;
  settings.backend_url = c.backend_url;
  settings.token_file = c.token_file;
  settings.http = kiosk::sync::sync_settings(c).http;
  settings.kiosk_id = c.kiosk_id;
  auto authenticator = std::make_unique<CoreAuthenticator>(std::move(settings), reader, core);
  core.set_authenticator(authenticator.get());
  return authenticator;
}

bool has_scanner(const kiosk::config::Config& c) {
  return std::ranges::any_of(c.devices, [](const kiosk::config::DeviceEntry& e) {
    return e.kind == drivers::model::DeviceKind::Scanner;
  });
}

std::optional<std::filesystem::path> uidai_cert(const kiosk::config::Config& c) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(c.uidai_cert_path, ec)) return c.uidai_cert_path;
  return std::nullopt;
}

std::vector<std::string> printer_names(const std::string& receipt_printer) {
  if (receipt_printer.empty()) return {};
  return {receipt_printer};
}

kiosk::app::ReceiptPrint print_state(kiosk::store::JobState s) {
  using kiosk::app::ReceiptPrint;
  using kiosk::store::JobState;
  switch (s) {
    case JobState::Queued:
      return ReceiptPrint::Queued;
    case JobState::Sending:
      return ReceiptPrint::Printing;
    case JobState::Done:
      return ReceiptPrint::Printed;
    case JobState::Failed:
      return ReceiptPrint::Failed;
    case JobState::Unknown:
      return ReceiptPrint::Unknown;
  }
  return ReceiptPrint::Unknown;
}

// The receipt printing (kiosk/receipt): queued jobs to the printer, outcomes to the core.
std::unique_ptr<kiosk::receipt::PrintWorker> start_printing(
    const kiosk::config::Config& c, const std::string& printer, const kiosk::Clock& clock,
    kiosk::text::Engine& engine, kiosk::devices::DevicePort& port, kiosk::app::AppCore& core) {
  kiosk::receipt::PrintWorkerOptions options;
  options.outbox = kiosk::sync::outbox_options(c);
  options.printer = printer;
  options.width_dots = kiosk::devices::receipt_width_dots(c);
  options.native_qr = kiosk::devices::receipt_native_qr(c);
  auto worker = std::make_unique<kiosk::receipt::PrintWorker>(
      options, clock, engine, port, [&core](const kiosk::receipt::ReceiptStatus& s) {
        core.post(kiosk::app::ReceiptChanged{s.receipt_no, print_state(s.state), s.reason});
      });
  worker->start();
  return worker;
}

// The commit hook's way to the print worker. The hook runs on the outbox writer's thread,
// which outlives the worker, so the worker is unhooked (under the lock) before it goes.
class CommitNudges {
 public:
  void nudge() {
    std::lock_guard lock(mutex_);
    if (printing_ != nullptr) printing_->nudge();
  }
  void set_printing(kiosk::receipt::PrintWorker* worker) {
    std::lock_guard lock(mutex_);
    printing_ = worker;
  }

 private:
  std::mutex mutex_;
  kiosk::receipt::PrintWorker* printing_ = nullptr;
};

// The print worker, hooked to commits while it lives.
struct Printing {
  Printing(CommitNudges& hook, std::unique_ptr<kiosk::receipt::PrintWorker> w)
      : commits(hook), worker(std::move(w)) {
    commits.set_printing(worker.get());
  }
  ~Printing() { commits.set_printing(nullptr); }  // before `worker` stops and joins
  Printing(const Printing&) = delete;
  Printing& operator=(const Printing&) = delete;
  CommitNudges& commits;
  std::unique_ptr<kiosk::receipt::PrintWorker> worker;
};

// "Print again" from the Done screen, handed to the print worker.
class CoreReprints final : public kiosk::app::ReceiptSink {
 public:
  explicit CoreReprints(kiosk::receipt::PrintWorker& worker) : worker_(worker) {}
  void reprint(const std::string& receipt_no) override { worker_.reprint(receipt_no); }

 private:
  kiosk::receipt::PrintWorker& worker_;
};

// The operator alerts (kiosk/alerts), fed by the device states and the delivery pause.
std::unique_ptr<kiosk::alerts::AlertMonitor> start_alerts(
    const kiosk::config::Config& c, const kiosk::Clock& clock,
    const kiosk::devices::DeviceService& devices, const kiosk::sync::SyncWorker& delivery,
    const kiosk::app::AppCore& core) {
  kiosk::alerts::MonitorSources sources;
  sources.help_requested = [&core] { return core.snapshot()->help_requested; };
  sources.devices = [&c, &devices] { return kiosk::devices::device_facts(c, devices.states()); };
  sources.delivery_pause = [&delivery]() -> std::optional<kiosk::store::Failure> {
    const auto s = delivery.status();
    if (s.state != kiosk::sync::DeliveryState::Paused || !s.pause_code) return std::nullopt;
    return kiosk::store::Failure{*s.pause_code, s.reason};
  };
  sources.outbox = kiosk::sync::outbox_options(c);
  sources.state_dir = c.state_dir;
  sources.low_disk_mb = static_cast<std::uint64_t>(c.outbox_low_disk_mb);
  auto monitor = std::make_unique<kiosk::alerts::AlertMonitor>(std::move(sources), clock);
  monitor->start();
  return monitor;
}

// Not fatal either: without its database the kiosk serves citizens, and operator mode and
// the audit verbs are off (logged).
std::unique_ptr<kiosk::op::SharedStore> open_operator_store(const kiosk::config::Config& c) {
  auto store = kiosk::op::OperatorStore::open(c.state_dir / "operator.db");
  if (!store) {
    kiosk::log::error("operator", "operator mode is off: {}", store.error().message);
    return nullptr;
  }
  return std::make_unique<kiosk::op::SharedStore>(std::move(*store));
}

// The socket is not fatal: the kiosk serves citizens without it, and says so.
std::unique_ptr<kiosk::control::ControlServer> serve_control(
    const kiosk::config::Config& c, const kiosk::control::VerbRegistry& verbs) {
  auto server = kiosk::control::ControlServer::start(
      c.control_socket, verbs, kiosk::control::AccessPolicy::for_this_process(c.operator_group));
  if (!server) {
    kiosk::log::warn("control", "{}; kioskctl cannot reach this kiosk", server.error().message);
    return nullptr;
  }
  kiosk::log::info("control", "control socket {}", c.control_socket.string());
  return std::move(*server);
}

// New configuration from the config service's thread: resolved, handed to the core (taken
// between sessions) and to the delivery (its next pass).
struct ConfigChanges {
  kiosk::config::ConfigService* service = nullptr;
  apps::CurrentConfig& current;
  kiosk::app::AppCore& core;
  kiosk::sync::SyncWorker& delivery;
  CoreAuthenticator* authenticator = nullptr;  // set once it runs; its relay follows backend.url
  bool demo = false;
  std::string receipt_printer;
  std::atomic<std::uint64_t> generation{0};
  kiosk::app::LookupWorker* lookups = nullptr;  // asks the new backend.url from then on

  void operator()() {
    auto resolved = kiosk::config::resolve(service->layers());
    if (!resolved) {
      kiosk::log::error("config", "the new configuration does not resolve: {}",
                        resolved.error().message);
      return;
    }
    resolved->source_file = current.get()->source_file;
    auto live = apps::live_config(*resolved, service->in_force(),
                                  apps::core_settings(*resolved, demo, receipt_printer));
    if (!live) {
      kiosk::log::error("config", "the new configuration cannot be loaded: {}",
                        live.error().message);
      return;
    }
    live->generation = ++generation;
    delivery.update_settings(kiosk::sync::sync_settings(*resolved));
    if (authenticator != nullptr) authenticator->update_backend(*resolved);
    if (lookups != nullptr)
      lookups->update_backend(resolved->backend_url, kiosk::sync::sync_settings(*resolved).http);
    current.set(std::move(*resolved));
    core.post(kiosk::app::ConfigChanged{
        std::make_shared<const kiosk::app::LiveConfig>(std::move(*live))});
  }
};

std::unique_ptr<kiosk::config::ConfigService> start_config_service(
    std::unique_ptr<kiosk::config::ConfigApplier> applier, kiosk::config::HealthProbe& health,
    const kiosk::config::Config& c, const kiosk::Clock& clock, kiosk::Rng& rng,
    ConfigChanges& changes) {
  std::unique_ptr<kiosk::config::BundleSource> source;
  if (!c.backend_url.empty() && c.config_poll_s > 0) {
    const auto sync = kiosk::sync::sync_settings(c);
    source = std::make_unique<kiosk::config::HttpBundleSource>(
        kiosk::config::FetchSettings{sync.base_url, c.kiosk_id, c.token_file, sync.http});
  }
  kiosk::config::ServiceSettings settings;
  settings.trial = std::chrono::seconds(c.config_trial_s);
  settings.poll_every = std::chrono::seconds(c.config_poll_s);
  auto service = std::make_unique<kiosk::config::ConfigService>(
      std::move(applier), health, std::move(source), clock, rng, settings,
      [&changes] { changes(); });
  changes.service = service.get();
  service->start();
  return service;
}

int run(const Options& opts, std::chrono::steady_clock::time_point started) {
  kiosk::ui::QuitSignals::block();  // before any thread starts: they all inherit the mask
  kiosk::SystemClock clock;
  kiosk::SystemRng rng;
  auto config_start = apps::start_config(opts.config, clock);
  if (!config_start) return report(config_start.error());
  // A --screenshot run is a one-shot drawing beside a live kiosk: it neither counts as a
  // start of a trial nor applies or fetches configuration.
  const bool with_devices = !opts.screenshot || opts.screenshot_live;
  if (with_devices && config_start->applier) {
    if (auto rolled = config_start->applier->note_start(); !rolled) {
      kiosk::log::error("config", "the trial's start count not saved: {}", rolled.error().message);
    } else if (*rolled) {  // back on the last-known-good bundle: resolve again
      if (auto again = kiosk::config::resolve(config_start->applier->layers())) {
        again->source_file = config_start->local_config.source_file;
        config_start->config = std::move(*again);
      }
    }
  }
  apps::CurrentConfig current(config_start->config);
  const auto config = current.get();  // the configuration this run started with
  kiosk::log::set_level(config->log_level);
  const auto& c = *config;
  const std::string receipt_printer = with_devices ? kiosk::devices::receipt_printer(c) : "";
  auto live =
      apps::live_config(c, config_start->applier ? config_start->applier->in_force() : std::nullopt,
                        apps::core_settings(c, opts.demo, receipt_printer));
  if (!live) return report(live.error());

  auto engine = kiosk::text::Engine::create({c.font_latin, c.font_devanagari, c.font_icons});
  if (!engine) return report(engine.error());

  // Transactions first: the kiosk takes no citizen further than the review without them.
  std::error_code ec;
  std::filesystem::create_directories(c.state_dir, ec);
  kiosk::sync::SyncWorker delivery(kiosk::sync::outbox_options(c), kiosk::sync::sync_settings(c),
                                   c.token_file, clock, rng);
  // Told of each commit: delivery, and the receipt printing once it runs.
  CommitNudges commits;
  auto writer = kiosk::store::OutboxWriter::start(
      kiosk::sync::outbox_options(c), clock,
      {static_cast<std::uint64_t>(c.outbox_low_disk_mb) << 20, [&] {
         delivery.nudge();
         commits.nudge();
       }});
  if (!writer) return report(writer.error());
  kiosk::app::OutboxTransactions transactions(**writer);
  delivery.start();

  // A --screenshot run has no devices: no receipt is promised (receipt_printer is empty).
  kiosk::app::AppCore core(clock, live->settings, live->catalogue);
  core.set_transactions(&transactions);
  kiosk::Liveness core_liveness;  // the watchdog's proof that the core thread turns
  kiosk::app::CoreThread core_thread(core, &core_liveness);
  // Bills and statuses, asked of the backend off the core thread (contract §2).
  kiosk::app::LookupWorker lookups(
      {c.backend_url, c.token_file, kiosk::sync::sync_settings(c).http,
       kiosk::sync::outbox_options(c)},
      clock, [&core](kiosk::app::Command answer) { core.post(std::move(answer)); });
  core.set_lookups(&lookups);
  struct DetachLookups {
    kiosk::app::AppCore& core;
    ~DetachLookups() { core.set_lookups(nullptr); }  // before the worker goes
  } detach_lookups{core};

  // Devices (docs/usb.md) and the control socket (docs/cli.md). A --screenshot run is a
  // one-shot drawing that may run beside a live kiosk: it leaves the lock, the devices and
  // the socket alone, unless --screenshot-live asks for them. Destroyed in reverse: the
  // socket stops before what its verbs use.
  kiosk::control::VerbRegistry verbs;
  kiosk::app::ScreenBoard screen_board;  // --demo: what the screen shows, for the `ui` verb
  const apps::PrintQueues queues(printer_names(receipt_printer));  // before the port
  apps::ScanRelay scans;                 // before the port too: the scanner drivers hold it
  kiosk::devices::ScanBoard scan_board;  // the next scan, for the scan-test verb
  std::optional<kiosk::devices::InstanceLock> lock;
  std::unique_ptr<kiosk::devices::DeviceService> devices;
  std::unique_ptr<kiosk::alerts::AlertMonitor> alerts;
  std::optional<kiosk::threads::Registration> device_thread;  // outlives the device thread
  // The reader outlives the device thread that publishes to it; its own thread, which
  // resets through the port, stops before the port goes (stop_reader).
  std::unique_ptr<kiosk::biometric::ReaderMonitor> reader;
  std::unique_ptr<drivers::usb::UsbDeviceManager> usb;
  std::optional<apps::UsbDevicePort> port;
  struct StopReader {
    kiosk::biometric::ReaderMonitor* reader = nullptr;
    ~StopReader() {
      if (reader != nullptr) reader->stop();
    }
  } stop_reader;
  // Its thread captures through the reader's RD Service; it stops before the reader goes.
  std::unique_ptr<CoreAuthenticator> authenticator;
  std::optional<Printing> printing;
  std::optional<CoreReprints> reprints;
  // The trial's probes read the UI's beat, the delivery, the devices and the config in force;
  // the service stops before them, and the socket (its verbs) before the service.
  kiosk::Liveness ui_liveness;
  std::optional<apps::KioskHealth> health;
  ConfigChanges changes{nullptr, current, core, delivery, nullptr, opts.demo, receipt_printer};
  changes.lookups = &lookups;
  std::unique_ptr<kiosk::config::ConfigService> config_service;
  std::unique_ptr<kiosk::fleet::HeartbeatWorker> heartbeat;  // stops before what it reads
  std::unique_ptr<kiosk::op::SharedStore> operator_store;    // PIN, lockout, audit
  std::unique_ptr<kiosk::op::Desk> desk;                     // operator mode's I/O
  struct DetachDesk {
    kiosk::app::AppCore& core;
    ~DetachDesk() { core.set_operator_desk(nullptr); }  // before the desk goes
  } detach_desk{core};
  kiosk::op::PaymentVerbContext payments;
  std::unique_ptr<kiosk::control::ControlServer> control;
  if (with_devices) {
    auto held = kiosk::devices::InstanceLock::acquire(kiosk::devices::lock_file(c));
    if (!held) return report(held.error());
    lock.emplace(std::move(*held));
    devices = std::make_unique<kiosk::devices::DeviceService>(c);
    alerts = start_alerts(c, clock, *devices, delivery, core);
    // The screens and the alerts hear of every change: the header's device banner.
    devices->on_change(
        [&core, &c, a = alerts.get()](const std::vector<drivers::model::DeviceState>& states) {
          core.post(kiosk::app::DevicesChanged{kiosk::devices::device_views(c, states)});
          a->poke();
        });
    reader = start_reader_monitor(c, clock, *devices, port);
    start_usb(c, clock, *devices, queues, scans, device_thread, usb, reader.get());
    port.emplace(*usb, queues, &scans);
    devices->set_port(&*port);
    if (reader) {
      reader->start();
      stop_reader.reader = reader.get();
    }
    authenticator = start_authenticator(c, reader.get(), core);
    changes.authenticator = authenticator.get();
    // Scans go to the core (one command each) and to a waiting scan-test.
    port->on_scan([&core, &scan_board](const kiosk::devices::ScanEvent& e) {
      scan_board.deliver(e);
      if (e.text)
        core.post(kiosk::app::ScanReceived{e.device, *e.text});
      else
        core.post(kiosk::app::ScannerReading{e.device, e.reading});
    });
    printing.emplace(commits, start_printing(c, receipt_printer, clock, **engine, *port, core));
    reprints.emplace(*printing->worker);
    kiosk::receipt::register_print_test_verb(verbs, *printing->worker, clock, c.csc_id, c.kiosk_id);
    core.set_receipts(&*reprints);
    devices->register_verbs(verbs);
    kiosk::ctl::register_scan_test_verb(verbs, scan_board, has_scanner(c), uidai_cert(c));
    kiosk::alerts::register_status_verb(verbs, *alerts, [&delivery] { return delivery.status(); });
    kiosk::control::register_system_verbs(verbs);
    if (opts.demo) kiosk::app::register_screen_verbs(verbs, screen_board);
    if (config_start->applier) {
      health.emplace(ui_liveness, delivery, devices.get(), current, clock);
      config_service =
          start_config_service(std::move(config_start->applier), *health, c, clock, rng, changes);
      kiosk::config::register_config_verbs(verbs, *config_service, [&current, config] {
        return kiosk::config::restart_needed(*config, *current.get());
      });
    }
    heartbeat = apps::start_heartbeat(
        {current, clock, rng, started, devices.get(), alerts.get(), config_service.get()});
    operator_store = open_operator_store(c);
    if (operator_store) kiosk::op::register_operator_verbs(verbs, *operator_store, clock);
    desk = apps::start_desk({c, clock, core, operator_store.get(), delivery, alerts.get(),
                             config_service.get(), printing->worker.get(), &scan_board});
    payments = {writer->get(),
                kiosk::sync::outbox_options(c),
                operator_store.get(),
                &core,
                [&core] { return core.snapshot(); },
                apps::late_receipts(c, core, receipt_printer),
                &clock};
    kiosk::op::register_payment_verbs(verbs, payments);
    control = serve_control(c, verbs);
  }

  // Camera frames (no V4L2 yet): played at 5 frames a second; payloads reach the core as
  // scans from "camera".
  std::unique_ptr<kiosk::camera::FrameFeed> camera;
  if (opts.camera_frames) {
    auto source = kiosk::camera::open_frame_source(*opts.camera_frames);
    if (!source) return report(source.error());
    camera = std::make_unique<kiosk::camera::FrameFeed>(
        std::move(*source), std::chrono::milliseconds(200), [&core](std::string text) {
          core.post(kiosk::app::ScanReceived{"camera", std::move(text)});
        });
  }

  kiosk::ui::RunOptions run;
  if (opts.demo) run.screen_board = &screen_board;
  // Catalogue pictograms by name; without the map, tiles get a generic document picture.
  auto icon_names = kiosk::text::IconNames::load(c.icon_names);
  if (icon_names)
    run.icon_names = &*icon_names;
  else
    kiosk::log::warn("csc-kiosk", "catalogue icons unavailable: {}", icon_names.error().message);
  // Phonetic Hindi typing: m17n-db's hi-itrans, read now so that typing does no I/O.
  auto phonetic = kiosk::text::M17nInputMethod::open("hi", "itrans");
  if (phonetic)
    run.phonetic = phonetic->get();
  else
    kiosk::log::warn("csc-kiosk",
                     "phonetic Hindi typing unavailable (InScript and English remain): {}",
                     phonetic.error().message);
  run.window.windowed = opts.windowed;
  run.latin_font = c.font_latin;
  run.screen_dpi = static_cast<float>(c.screen_dpi);
  run.render_continuously = opts.render_continuously;
  run.liveness = &ui_liveness;
  // systemd (docs/deploy.md): READY=1 once the first frame is on screen, and watchdog pings
  // only while both the UI loop and the core thread beat.
  std::optional<kiosk::WatchdogPinger> watchdog;
  if (with_devices) {
    run.on_ready = [] { apps::notify_systemd("READY=1"); };
    if (const auto period = apps::watchdog_period())
      watchdog.emplace(std::vector<const kiosk::Liveness*>{&ui_liveness, &core_liveness}, *period,
                       apps::notify_systemd);
  }
  if (opts.screenshot) run.screenshot = *opts.screenshot;
  run.screenshot_delay = std::chrono::milliseconds(opts.screenshot_delay_ms);
  run.started = started;
  kiosk::log::info("csc-kiosk", "version {} starting{}", kiosk::kVersion,
                   opts.demo ? " (demo)" : "");
  const auto status = kiosk::ui::run_kiosk(core, *live->strings, **engine, run);
  if (with_devices) apps::notify_systemd("STOPPING=1");
  if (!status) return report(status.error());
  if (apps::g_restart_requested) {
    kiosk::log::info("csc-kiosk", "stopped cleanly for the operator's restart");
    return exit_with(ExitCode::Restart);
  }
  kiosk::log::info("csc-kiosk", "stopped cleanly");
  return exit_with(ExitCode::Ok);
}

}  // namespace

// Before any thread starts (setenv is not thread-safe): a kiosk has no session bus, and
// without an address libdbus "autolaunches" one from SDL_Init by forking a helper. That
// child deadlocked once under an LD_PRELOAD shim while holding the instance lock.
void prepare_process() {
  // Before anything allocates through OpenSSL: its freed blocks are zeroed (secrets pass
  // through TLS buffers on the way to /v1/auth).
  if (!kiosk::net::zero_openssl_heap())
    kiosk::log::warn("csc-kiosk", "OpenSSL allocated before its zeroing heap was set");
  const char* bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
  if (!bus || !*bus) ::setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", /*overwrite=*/1);
  kiosk::close_on_fork::install();
}

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  prepare_process();
  Options opts;
  CLI::App app{"csc-kiosk: self-service kiosk for Common Services Centres"};
  app.set_version_flag("--version", kiosk::kVersion);
  app.add_option("--config", opts.config, "Local config file (default /etc/csc-kiosk/config.json)");
  app.add_flag("--windowed", opts.windowed, "Run in a 1280x800 window instead of fullscreen");
  app.add_flag("--demo", opts.demo, "Demo mode: simulated devices, local reference backend");
  app.add_option("--screenshot", opts.screenshot, "Draw until settled, save a PNG, exit");
  app.add_option("--screenshot-delay", opts.screenshot_delay_ms,
                 "Take the --screenshot no sooner than this many milliseconds after start")
      ->check(CLI::Range(0, 600000));
  app.add_flag("--screenshot-live", opts.screenshot_live,
               "Run the --screenshot kiosk with its devices, lock and socket (device banners)");
  app.add_option(
      "--camera-frames", opts.camera_frames,
      "Play camera frames to the QR decoder: a directory of images, or NAME.WxH.grey|yuyv");
  app.add_flag("--render-continuously", opts.render_continuously,
               "Draw every frame even when idle (for measurement only)");
  RenderTextOptions text_opts;
  CLI::App* render = app.add_subcommand("render-text", "Render TEXT with the text engine to a PNG");
  render->add_option("--size", text_opts.size, "Em size in pixels (as hb-view --font-size)")
      ->check(CLI::Range(4.0f, 512.0f));
  render->add_option("--width", text_opts.width, "Wrap at this width in pixels (0: no wrap)")
      ->check(CLI::Range(0.0f, 100000.0f));
  render->add_option("--out", text_opts.out, "Output PNG (default text.png)");
  render->add_option("TEXT", text_opts.text, "UTF-8 text")->required();
  render->fallthrough();
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_with(ExitCode::Usage);
  }
  if (render->parsed()) return render_text(opts, text_opts);
  return run(opts, started);
}
