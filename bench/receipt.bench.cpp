// A Hindi + English receipt with its QR: layout and rasterisation (text engine, QR), and
// the ESC/POS encoding of the raster. Figures in docs/benchmarks.md.
#include "kiosk/receipt/receipt.h"

#include <benchmark/benchmark.h>

#include "bench/receipt_sample.h"
#include "drivers/printer/escpos.h"

namespace {

using bench::engine;
using bench::sample;

void BM_ReceiptLayout(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0));
  auto data = sample();
  for (auto _ : state) {
    auto bitmap = kiosk::receipt::layout_receipt(engine(), data, width);
    benchmark::DoNotOptimize(bitmap);
  }
}
BENCHMARK(BM_ReceiptLayout)->Arg(384)->Arg(576)->Unit(benchmark::kMillisecond);

void BM_ReceiptEscPos(benchmark::State& state) {
  auto bitmap = kiosk::receipt::layout_receipt(engine(), sample(), 384);
  const drivers::printer::escpos::Raster raster{bitmap->width, bitmap->height, bitmap->bits};
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto out = drivers::printer::escpos::raster(raster, 24);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["rows"] = bitmap->height;
}
BENCHMARK(BM_ReceiptEscPos)->Unit(benchmark::kMicrosecond);

}  // namespace
