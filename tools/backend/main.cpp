// csc-kiosk-backend: the reference backend of shared/contracts/backend-api.md, for tests
// and the demo. Options and the control API: tools/backend/README.md.
#include <fmt/format.h>
#include <pthread.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include "kiosk/core/clock.h"
#include "kiosk/core/log.h"
#include "tools/backend/server.h"

using namespace kiosk;
using namespace kiosk::backend;

namespace {

void add_fault_options(CLI::App& app, FaultSettings& f) {
  const auto rate = CLI::Range(0.0, 1.0);
  app.add_option("--error-rate", f.error_rate, "fraction of batch requests answered 500")
      ->check(rate);
  app.add_option("--rate-429", f.rate_429, "fraction of batch requests answered 429")->check(rate);
  app.add_option("--rate-503", f.rate_503, "fraction of batch requests answered 503")->check(rate);
  app.add_option("--retry-after-s", f.retry_after_s,
                 "Retry-After seconds on 429/503 (negative: no header)");
  app.add_option("--drop-rate", f.drop_rate,
                 "fraction of batch requests whose connection is closed, nothing stored")
      ->check(rate);
  app.add_option("--commit-then-drop-rate", f.commit_then_drop_rate,
                 "fraction of batch requests stored, then closed with no answer")
      ->check(rate);
  app.add_option("--slow-ms", f.slow_ms, "delay before answering any /v1 request")
      ->check(CLI::Range(0, 600'000));
  app.add_flag("--unauthorized", f.unauthorized, "answer every /v1 request 401");
  app.add_flag("--deny-all", f.deny, "answer every /v1 request 403");
  app.add_option("--status-override", f.status_override,
                 "answer every batch request with this HTTP status (0 = off)")
      ->check(CLI::Range(0, 599));
  app.add_option("--fault-seed", f.seed, "seed of the fault dice (\"seed\" in the control API)");
  app.add_option("--date-offset-s", f.date_offset_s, "seconds added to every Date header");
}

// SIGINT/SIGTERM are blocked in every thread and taken here, so stopping is ordinary code,
// not a signal handler. `finished` is set when the server ended on its own (main then wakes
// this thread with SIGTERM so it can be joined).
void stop_on_signal(Backend& backend, const sigset_t& signals, const std::atomic<bool>& finished) {
  int signal = 0;
  sigwait(&signals, &signal);
  // httplib's stop() does nothing until listening has begun: wait for that moment.
  while (!finished && !backend.running())
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (finished) return;
  log::info("backend", "signal {}: stopping", signal);
  backend.stop();
}

int serve(const BackendOptions& options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a dropped client must not kill the server

  SystemClock clock;
  auto backend = Backend::create(options, clock);
  if (!backend) {
    log::error("backend", "{}", backend.error().message);
    return static_cast<int>(exit_code_for(backend.error().code));
  }
  auto port = (*backend)->bind();
  if (!port) {
    log::error("backend", "{}", port.error().message);
    return static_cast<int>(ExitCode::TryLater);
  }
  // Tests read exactly this line to learn the port.
  fmt::print("listening on 127.0.0.1:{}\n", *port);
  std::fflush(stdout);
  std::atomic<bool> finished{false};
  std::thread waiter(stop_on_signal, std::ref(**backend), std::cref(signals), std::cref(finished));
  const bool ok = (*backend)->run();
  finished = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // stays pending if it already had one
  waiter.join();
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csc-kiosk reference backend (loopback only)"};
  BackendOptions options;
  options.seed = KIOSK_BACKEND_DEFAULT_SEED;
  std::string log_level = "info";
  app.add_option("--port", options.port, "TCP port on 127.0.0.1 (0 = any free port)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--token", options.tokens,
                 "accepted bearer token (repeatable; none = any non-empty token)");
  app.add_option("--db", options.db, "SQLite file of stored transactions");
  app.add_option("--seed", options.seed, "seed file with bills and application statuses");
  app.add_option("--config-bundle", options.config_bundle, "signed bundle for GET /v1/config");
  app.add_option("--auth-refuse-ending", options.auth_refuse_ending,
                 "POST /v1/auth answers \"n\" for an Aadhaar number ending in these digits")
      ->check([](const std::string& v) {
        return v.size() >= 1 && v.size() <= 4 &&
                       v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("1 to 4 digits");
      });
  app.add_option("--auth-refuse-code", options.auth_refuse_code,
                 "the error code of that \"n\" (UIDAI's 300 mismatch, 330 locked …)");
  app.add_option("--root-doc", options.root_doc, "root document for GET /v1/config/root.json");
  app.add_option("--root-dir", options.root_dir,
                 "folder of root documents N.json for GET /v1/config/root/N.json");
  app.add_option("--tls-cert", options.tls_cert, "PEM certificate: serve HTTPS")
      ->check(CLI::ExistingFile);
  app.add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert")
      ->check(CLI::ExistingFile);
  app.add_option("--threads", options.threads, "worker threads (one per open connection)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--log-level", log_level, "debug | info | warn | error");
  add_fault_options(app, options.faults);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : static_cast<int>(ExitCode::Usage);  // --help is not an error
  }
  log::Level level{};
  if (!log::parse_level(log_level, level)) {
    fmt::print(stderr, "--log-level: unknown level {}\n", log_level);
    return static_cast<int>(ExitCode::Usage);
  }
  log::set_level(level);
  return serve(options);
}
