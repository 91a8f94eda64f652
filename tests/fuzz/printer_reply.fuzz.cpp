// Fuzz target: what a printer answers to the printer-class requests (drivers/printer/
// protocol): GET_DEVICE_ID's length-prefixed IEEE 1284 string and GET_PORT_STATUS's byte.
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/printer/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> reply(data, size);
  const auto fields = drivers::printer::parse_device_id(reply);
  for (const auto& [key, value] : fields) (void)(key.size() + value.size());
  if (size > 0) (void)drivers::printer::decode_port_status(data[0]);
  return 0;
}
