#include "drivers/printer/protocol.h"

#include <algorithm>
#include <cctype>

namespace drivers::printer {
namespace {

constexpr std::uint8_t kClassInterfaceIn = 0xA1;
constexpr std::uint8_t kGetDeviceId = 0;
constexpr std::uint8_t kGetPortStatus = 1;
constexpr std::uint8_t kNotError = 0x08;
constexpr std::uint8_t kSelected = 0x10;
constexpr std::uint8_t kPaperEmpty = 0x20;

std::string trim_upper(std::string text) {
  const auto first = text.find_first_not_of(' ');
  const auto last = text.find_last_not_of(' ');
  text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

std::string short_key(const std::string& key) {
  if (key == "MANUFACTURER") return "MFG";
  if (key == "MODEL") return "MDL";
  if (key == "COMMAND SET") return "CMD";
  return key;
}

}  // namespace

usb::ControlSetup get_device_id(std::uint8_t interface_number) {
  return {kClassInterfaceIn, kGetDeviceId, 0, static_cast<std::uint16_t>(interface_number << 8)};
}

usb::ControlSetup get_port_status(std::uint8_t interface_number) {
  return {kClassInterfaceIn, kGetPortStatus, 0, interface_number};
}

std::map<std::string, std::string> parse_device_id(std::span<const std::uint8_t> reply) {
  std::map<std::string, std::string> fields;
  if (reply.size() < 2) return fields;
  const std::size_t declared = (std::size_t{reply[0]} << 8) | reply[1];
  const std::size_t end = std::min(reply.size(), std::max<std::size_t>(declared, 2));
  const std::string text(reply.begin() + 2, reply.begin() + static_cast<std::ptrdiff_t>(end));
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t semi = text.find(';', pos);
    if (semi == std::string::npos) semi = text.size();
    const std::string item = text.substr(pos, semi - pos);
    if (const auto colon = item.find(':'); colon != std::string::npos) {
      fields[short_key(trim_upper(item.substr(0, colon)))] = item.substr(colon + 1);
    }
    pos = semi + 1;
  }
  return fields;
}

PortStatus decode_port_status(std::uint8_t bits) {
  if (bits & kPaperEmpty) {
    return {model::Status::Offline, model::SupplyLevel::Out, model::Action::LoadPaper,
            "paper out (port status)"};
  }
  if (!(bits & kNotError)) {
    return {model::Status::HardwareError, model::SupplyLevel::Unknown, model::Action::Maintenance,
            "printer reports an error (port status)"};
  }
  if (!(bits & kSelected)) {
    return {model::Status::Offline, model::SupplyLevel::Unknown, model::Action::None,
            "printer not selected (offline button)"};
  }
  return {};
}

}  // namespace drivers::printer
