// Backlog drain (issue 6): N committed transactions delivered to the reference backend over
// loopback by one Syncer pass, batched (500 per request) against one per request. Compare
// with the loopback ceiling in anchors.md and tools/backend's bench_client run beside it.
//
//   build/release/bench/drain_bench --items 100000 --batch 500 --batch 1
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>

#include "kiosk/store/outbox.h"
#include "kiosk/sync/syncer.h"
#include "tests/backend/backend_process.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

namespace {

using namespace kiosk;

store::NewTransaction sample(int n) {
  return testing::sample_transaction("Sita Devi", n);
}

store::Outbox backlog(const std::filesystem::path& dir, int items, const Clock& clock) {
  auto outbox = store::Outbox::open({dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"}, clock);
  {
    auto txn = outbox->begin();
    for (int i = 0; i < items; ++i) (void)outbox->intake().insert_transaction(sample(i));
    if (txn) (void)txn->commit();
  }
  return std::move(*outbox);
}

void drain(int items, int batch) {
  const auto dir = testing::scratch_dir(fmt::format("drain-{}", batch));
  SystemClock clock;
  SeededRng rng(1);
  auto outbox = backlog(dir, items, clock);
  testing::BackendProcess backend(dir);
  sync::SyncSettings s;
  s.base_url = fmt::format("http://127.0.0.1:{}", backend.port());
  s.kiosk_id = "CG-RPR-0042";
  s.token = testing::kKioskToken;
  s.max_items = static_cast<std::size_t>(batch);
  sync::Syncer syncer(outbox, s, clock, rng);
  const auto start = std::chrono::steady_clock::now();
  auto report = syncer.run_pass(true);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto stored = backend.stats()["stored"].get<long>();
  fmt::print("batch {:>3}: {} items in {:.2f} s = {:.0f} items/s ({} requests, {} stored)\n", batch,
             report ? report->delivered : -1, seconds, report ? report->delivered / seconds : 0.0,
             report ? report->requests : -1, stored);
}

}  // namespace

int main(int argc, char** argv) {
  int items = 100'000;
  std::vector<int> batches{500, 1};
  CLI::App app{"outbox backlog drain over loopback"};
  app.add_option("--items", items);
  app.add_option("--batch", batches);
  CLI11_PARSE(app, argc, argv);
  for (int batch : batches) drain(items, batch);
}
