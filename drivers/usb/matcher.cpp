#include "drivers/usb/matcher.h"

namespace drivers::usb {
namespace {

bool interface_matches(const model::MatchSpec& spec, const InterfaceInfo& i) {
  return (!spec.interface_class || *spec.interface_class == i.interface_class) &&
         (!spec.interface_subclass || *spec.interface_subclass == i.interface_subclass) &&
         (!spec.interface_protocol || *spec.interface_protocol == i.interface_protocol);
}

std::string class_label(const model::MatchSpec& spec) {
  std::string label = "class " + std::to_string(*spec.interface_class);
  if (spec.interface_subclass) label += "/" + std::to_string(*spec.interface_subclass);
  if (spec.interface_protocol) label += "/" + std::to_string(*spec.interface_protocol);
  return label;
}

std::string how_matched(const model::MatchSpec& spec) {
  std::string how;
  const auto add = [&](const std::string& part) { how += (how.empty() ? "" : "+") + part; };
  if (spec.vendor_id || spec.product_id) add("vid:pid");
  if (spec.serial) add("serial");
  if (spec.interface_class) add(class_label(spec));
  return how;
}

}  // namespace

std::optional<MatchResult> match_device(const model::MatchSpec& spec, const UsbDeviceInfo& device,
                                        const SerialReader& read_serial) {
  if (spec.vendor_id && *spec.vendor_id != device.vendor_id) return std::nullopt;
  if (spec.product_id && *spec.product_id != device.product_id) return std::nullopt;
  if (!spec.vendor_id && !spec.product_id && !spec.serial && !spec.interface_class) {
    return std::nullopt;  // an empty rule would take the first device on the bus
  }
  std::vector<InterfaceInfo> candidates;
  for (const InterfaceInfo& i : device.interfaces) {
    if (interface_matches(spec, i)) candidates.push_back(i);
  }
  if (candidates.empty()) return std::nullopt;
  if (spec.serial) {
    if (device.serial_index == 0) return std::nullopt;
    const auto serial = read_serial(device);
    if (!serial || *serial != *spec.serial) return std::nullopt;
  }
  return MatchResult{how_matched(spec), std::move(candidates)};
}

}  // namespace drivers::usb
