// The receipt the receipt benchmarks measure (tests/support/samples.h), and its raster.
#pragma once

#include "kiosk/devices/device_port.h"
#include "kiosk/receipt/receipt.h"
#include "tests/support/samples.h"

namespace bench {

inline kiosk::text::Engine& engine() {
  static auto e = kiosk::text::Engine::create(
      {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
       "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"});
  return **e;
}

inline kiosk::receipt::ReceiptData sample() {
  return kiosk::testing::sample_receipt();
}

// The 384-dot raster of sample(), as the print worker hands it to the port.
inline kiosk::devices::PrintImage sample_image() {
  auto bitmap = kiosk::receipt::layout_receipt(engine(), sample(), 384);
  return {1, bitmap->width, bitmap->height, bitmap->bits};
}

}  // namespace bench
