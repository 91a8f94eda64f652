// A Hindi + English receipt with its QR: layout and rasterisation (text engine, QR), and
// the ESC/POS encoding of the raster. Figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include "drivers/printer/escpos.h"
#include "kiosk/receipt/receipt.h"

namespace {

kiosk::text::Engine& engine() {
  static auto e = kiosk::text::Engine::create(
      {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
       "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"});
  return **e;
}

kiosk::receipt::ReceiptData sample() {
  kiosk::receipt::ReceiptData d;
  d.csc_id = "123456789012";
  d.kiosk_id = "CG-RPR-0042";
  d.service_hi = "आय प्रमाण पत्र";
  d.service_en = "Income certificate";
  d.receipt_no = "CG-RPR-0042-20261203-000017";
  d.at = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3};
  d.amount_paise = 3000;
  d.fee_paise = 1000;
  d.payment_mode = "UPI";
  d.payment_ref = "412345678901";
  d.applicant_masked = "R***** K****";
  d.aadhaar_masked = "XXXX XXXX 0124";
  return d;
}

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
