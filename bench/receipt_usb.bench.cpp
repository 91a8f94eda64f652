// USB time to send one Hindi + English receipt (ESC/POS, ~49 KB) to the simulated printer
// through real libusb on umockdev, from submit until GS r 1 confirms it: the driver's own
// cost (DLE EOT before the job, 4 KiB bulk transfers, the in-order check). umockdev's usbfs
// emulation is not a 12 Mbit/s link and has no print head, so this is the kiosk side only.
// Figures in docs/benchmarks.md.
//
//   umockdev-wrapper build/release/bench/receipt_usb_bench
#include <benchmark/benchmark.h>

#include <mutex>

#include "apps/usb_device_port.h"
#include "bench/receipt_sample.h"
#include "drivers/printer/driver.h"
#include "tools/simusb/sim_usb.h"

namespace {

namespace printer = drivers::printer;

struct Rig {
  simusb::SimBus bus;
  std::shared_ptr<simusb::SimDevice> sim = bus.plug(simusb::receipt_printer(), 1);
  std::shared_ptr<printer::PrintQueue> queue = std::make_shared<printer::PrintQueue>();
  std::mutex mutex;
  std::optional<printer::PrintResult> result;
  std::unique_ptr<drivers::usb::UsbDeviceManager> manager;

  Rig() {
    printer::PrinterOptions options;
    options.queue_for = [q = queue](const std::string&) { return q; };
    drivers::usb::DriverTable table;
    printer::register_drivers(table, options);
    drivers::usb::ManagerOptions manager_options;
    manager_options.settle_delay = std::chrono::milliseconds(0);
    const drivers::model::DeviceSpec spec{"receipt_printer", drivers::model::DeviceKind::Printer,
                                          drivers::model::Mode::Claim,
                                          drivers::model::MatchSpec{.interface_class = 7}};
    manager = std::make_unique<drivers::usb::UsbDeviceManager>(std::vector{spec}, std::move(table),
                                                               manager_options);
    queue->set_on_result([this](const printer::PrintResult& r) {
      std::lock_guard lock(mutex);
      result = r;
    });
    manager->step();
  }
  bool print(std::int64_t id, std::vector<std::uint8_t> bytes) {
    {
      std::lock_guard lock(mutex);
      result.reset();
    }
    queue->submit({id, std::move(bytes)});
    for (int pass = 0; pass < 50; ++pass) {
      manager->step();
      std::lock_guard lock(mutex);
      if (result) return result->outcome == printer::PrintOutcome::Done;
    }
    return false;
  }
};

void BM_ReceiptOverUsb(benchmark::State& state) {
  Rig rig;
  auto image = bench::sample_image();
  const auto bytes = apps::escpos_receipt(image);
  std::int64_t id = 0;
  for (auto _ : state) {
    if (!rig.print(++id, bytes)) {
      state.SkipWithError("the simulated printer did not confirm the receipt");
      break;
    }
  }
  state.counters["bytes"] = static_cast<double>(bytes.size());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(BM_ReceiptOverUsb)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
