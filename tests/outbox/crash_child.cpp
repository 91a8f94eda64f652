// The victim of the crash test (queue.md T1): commits transactions and delivers them as
// fast as it can, appending "ACK <idempotency key>" to --acks after each COMMIT returned,
// until the parent kills it with SIGKILL at a random moment. With --drain it instead
// delivers until nothing is pending and exits 0 (75 if it cannot).
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <string>
#include <thread>

#include "kiosk/store/outbox_writer.h"
#include "kiosk/sync/syncer.h"
#include "tests/support/samples.h"

namespace {

struct Args {
  std::string state;
  std::string url;
  std::string token;
  std::string acks;
  bool drain = false;
};

kiosk::store::NewTransaction transaction(int n) {
  return kiosk::testing::sample_transaction("Crash Test", n);
}

kiosk::sync::SyncSettings settings(const Args& a) {
  kiosk::sync::SyncSettings s;
  s.base_url = a.url;
  s.kiosk_id = "CG-RPR-0042";
  s.token = a.token;
  s.http.connect_timeout = std::chrono::seconds(2);
  s.http.total_timeout = std::chrono::seconds(5);
  s.backoff.base = std::chrono::milliseconds(5);
  s.backoff.cap = std::chrono::milliseconds(50);
  s.max_items = 20;
  return s;
}

kiosk::store::OutboxOptions options(const Args& a) {
  return {a.state + "/kiosk.db", a.state + "/outbox.key", "CG-RPR-0042"};
}

int drain(const Args& a) {
  kiosk::SystemClock clock;
  kiosk::SystemRng rng;
  auto outbox = kiosk::store::Outbox::open(options(a), clock);
  if (!outbox) return 1;
  for (int pass = 0; pass < 50; ++pass) {
    kiosk::sync::Syncer syncer(*outbox, settings(a), clock, rng);
    if (!syncer.run_pass(true)) return 1;
    if (outbox->views().stats()->pending == 0) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 75;
}

void deliver_forever(const Args& a, const kiosk::Clock& clock) {
  kiosk::SystemRng rng;
  auto outbox = kiosk::store::Outbox::open(options(a), clock);
  if (!outbox) return;
  for (;;) {
    kiosk::sync::Syncer syncer(*outbox, settings(a), clock, rng);
    (void)syncer.run_pass(false);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

int run(const Args& a) {
  kiosk::SystemClock clock;
  auto writer = kiosk::store::OutboxWriter::start(options(a), clock, {});
  if (!writer) return 1;
  const int acks = ::open(a.acks.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  std::thread(deliver_forever, std::cref(a), std::cref(clock)).detach();
  for (int n = 0;; ++n) {
    auto committed = (*writer)->commit(transaction(n));
    if (!committed) continue;
    const std::string line = "ACK " + committed->idempotency_key + "\n";
    if (::write(acks, line.data(), line.size()) < 0) return 1;  // one write: atomic append
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  CLI::App app{"outbox crash-test child"};
  app.add_option("--state", a.state)->required();
  app.add_option("--url", a.url)->required();
  app.add_option("--token", a.token)->required();
  app.add_option("--acks", a.acks);
  app.add_flag("--drain", a.drain);
  CLI11_PARSE(app, argc, argv);
  return a.drain ? drain(a) : run(a);
}
