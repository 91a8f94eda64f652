#include "drivers/usb/descriptors.h"

#include <libusb.h>

namespace drivers::usb {

std::optional<EndpointInfo> InterfaceInfo::find_endpoint(Direction direction,
                                                         EndpointType type) const {
  for (const EndpointInfo& e : endpoints) {
    if (e.direction == direction && e.type == type) return e;
  }
  return std::nullopt;
}

namespace {

EndpointInfo endpoint_of(const libusb_endpoint_descriptor& d) {
  EndpointInfo e;
  e.address = d.bEndpointAddress;
  e.direction = (d.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN
                    ? Direction::In
                    : Direction::Out;
  switch (d.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) {
    case LIBUSB_TRANSFER_TYPE_CONTROL:
      e.type = EndpointType::Control;
      break;
    case LIBUSB_TRANSFER_TYPE_ISOCHRONOUS:
      e.type = EndpointType::Isochronous;
      break;
    case LIBUSB_TRANSFER_TYPE_BULK:
      e.type = EndpointType::Bulk;
      break;
    default:
      e.type = EndpointType::Interrupt;
      break;
  }
  e.max_packet_size = d.wMaxPacketSize;
  return e;
}

}  // namespace

std::vector<InterfaceInfo> parse_interfaces(const libusb_config_descriptor& config) {
  std::vector<InterfaceInfo> out;
  for (int i = 0; i < config.bNumInterfaces; ++i) {
    const libusb_interface& iface = config.interface[i];
    if (iface.num_altsetting < 1) continue;
    const libusb_interface_descriptor& alt = iface.altsetting[0];
    InterfaceInfo info;
    info.number = alt.bInterfaceNumber;
    info.alt_setting = alt.bAlternateSetting;
    info.interface_class = alt.bInterfaceClass;
    info.interface_subclass = alt.bInterfaceSubClass;
    info.interface_protocol = alt.bInterfaceProtocol;
    for (int e = 0; e < alt.bNumEndpoints; ++e)
      info.endpoints.push_back(endpoint_of(alt.endpoint[e]));
    out.push_back(std::move(info));
  }
  return out;
}

std::string to_string(EndpointType type) {
  switch (type) {
    case EndpointType::Control:
      return "control";
    case EndpointType::Isochronous:
      return "isochronous";
    case EndpointType::Bulk:
      return "bulk";
    case EndpointType::Interrupt:
      return "interrupt";
  }
  return "bulk";
}

}  // namespace drivers::usb
