// Enqueue throughput of the outbox (issue 6): one commit per transaction against the
// group-commit writer with 16 callers, on this disk and under a VFS shim that makes each
// sync take 2 ms (kiosk eMMC/SD flash, anchors.md). Real SQLite files, real fsyncs.
//
//   build/release/bench/outbox_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <thread>

#include "kiosk/store/outbox_writer.h"
#include "tests/support/fault_vfs.h"
#include "tests/support/paths.h"
#include "tests/support/samples.h"

namespace {

using namespace kiosk;

constexpr int kCallers = 16;

store::NewTransaction sample() {
  return testing::sample_transaction();
}

store::OutboxOptions fresh(const std::string& name) {
  const auto dir = testing::scratch_dir(name);
  return {dir / "kiosk.db", dir / "outbox.key", "CG-RPR-0042"};
}

void set_sync_delay(const benchmark::State& state) {
  testing::FaultVfs::install().sync_delay_us = state.range(0);
}

// 16 callers, each with its own connection: every transaction pays its own sync and the
// callers queue on SQLite's write lock (what the kiosk would do without the writer).
void BM_OneCommitEach(benchmark::State& state) {
  set_sync_delay(state);
  SystemClock clock;
  const auto options = fresh("bench-one-each");
  { auto init = store::Outbox::open(options, clock); }
  std::vector<store::Outbox> outboxes;
  for (int i = 0; i < kCallers; ++i) outboxes.push_back(*store::Outbox::open(options, clock));
  const int per_caller = static_cast<int>(state.range(1));
  for (auto _ : state) {
    std::vector<std::thread> callers;
    for (auto& outbox : outboxes) {
      callers.emplace_back([&outbox, per_caller] {
        for (int i = 0; i < per_caller; ++i) {
          auto txn = outbox.begin();
          (void)outbox.intake().insert_transaction(sample());
          if (txn) (void)txn->commit();
        }
      });
    }
    for (auto& t : callers) t.join();
  }
  state.counters["enqueues/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kCallers * per_caller), benchmark::Counter::kIsRate);
}

// The same 16 callers through the group-commit writer.
void BM_GroupCommit(benchmark::State& state) {
  set_sync_delay(state);
  SystemClock clock;
  auto writer = store::OutboxWriter::start(fresh("bench-group"), clock, {});
  const int per_caller = static_cast<int>(state.range(1));
  const auto commits_before = (*writer)->commits();
  const long syncs_before = testing::FaultVfs::install().syncs;
  for (auto _ : state) {
    std::vector<std::thread> callers;
    for (int c = 0; c < kCallers; ++c) {
      callers.emplace_back([&] {
        for (int i = 0; i < per_caller; ++i) (void)(*writer)->commit(sample());
      });
    }
    for (auto& t : callers) t.join();
  }
  const double items = static_cast<double>(state.iterations() * kCallers * per_caller);
  state.counters["enqueues/s"] = benchmark::Counter(items, benchmark::Counter::kIsRate);
  const auto commits = static_cast<double>((*writer)->commits() - commits_before);
  state.counters["items/commit"] = items / commits;
  state.counters["syncs/commit"] =
      static_cast<double>(testing::FaultVfs::install().syncs - syncs_before) / commits;
}

// Arguments: {sync delay in µs, transactions per caller per iteration}.
BENCHMARK(BM_OneCommitEach)
    ->Args({0, 50})
    ->Args({2000, 5})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupCommit)
    ->Args({0, 50})
    ->Args({2000, 5})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
