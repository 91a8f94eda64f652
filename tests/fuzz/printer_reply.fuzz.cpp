// Fuzz target: what a printer answers to the printer-class requests (drivers/printer/
// protocol, escpos): GET_DEVICE_ID's length-prefixed IEEE 1284 string, GET_PORT_STATUS's
// byte, ESC/POS status bytes (DLE EOT 1-4, GS r 1) and the DLE DC4 answer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/printer/escpos.h"
#include "drivers/printer/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> reply(data, size);
  const auto fields = drivers::printer::parse_device_id(reply);
  for (const auto& [key, value] : fields) (void)(key.size() + value.size());
  namespace escpos = drivers::printer::escpos;
  (void)escpos::is_clear_buffers_answer(reply);
  for (const std::uint8_t byte : reply.first(std::min<std::size_t>(size, 16))) {
    (void)drivers::printer::decode_port_status(byte);
    (void)escpos::decode_paper_sensor(byte);
    for (int n = 1; n <= 4; ++n)
      (void)escpos::decode_realtime(static_cast<escpos::RealTime>(n), byte);
  }
  return 0;
}
