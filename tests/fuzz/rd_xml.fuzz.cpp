// Fuzz target: the RD Service's answers (RDService, DeviceInfo, PidData), the paths in
// them, and the device certificate, all of which come from another vendor's program.
#include "kiosk/biometric/rd_xml.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/biometric/rd_certificate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace kiosk::biometric;
  if (auto service = parse_rd_service(text)) (void)strip_embedded_host(service->capture_path);
  if (auto info = parse_device_info(text)) (void)certificate_expiry(info->certificate_base64);
  if (auto pid = parse_pid_data(text)) (void)pid->usable();
  (void)strip_embedded_host(text);
  (void)certificate_expiry(text);
  return 0;
}
