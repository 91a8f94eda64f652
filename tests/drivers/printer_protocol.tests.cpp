// USB Printer Class replies decoded (no device needed).
#include <catch2/catch.hpp>
#include <string>

#include "drivers/printer/protocol.h"

using namespace drivers::printer;
using drivers::model::Action;
using drivers::model::Status;
using drivers::model::SupplyLevel;

namespace {
std::vector<std::uint8_t> device_id_reply(const std::string& text) {
  const auto n = text.size() + 2;  // the length counts its own two bytes, big-endian
  const std::string whole =
      std::string{static_cast<char>(n >> 8), static_cast<char>(n & 0xff)} + text;
  return std::vector<std::uint8_t>(whole.begin(), whole.end());
}
}  // namespace

TEST_CASE("An IEEE 1284 device ID is split into its keys, long forms folded",
          "[drivers][printer][device-id]") {
  auto fields =
      parse_device_id(device_id_reply("MANUFACTURER:EPSON;COMMAND SET:ESC/POS;model:TM-T20II;"));
  CHECK(fields["MFG"] == "EPSON");
  CHECK(fields["CMD"] == "ESC/POS");
  CHECK(fields["MDL"] == "TM-T20II");
  // A declared length shorter than the reply is honoured; a truncated reply does not crash.
  auto reply = device_id_reply("MFG:A;MDL:B;");
  reply[1] = 8;  // covers "MFG:A;" only
  CHECK(parse_device_id(reply).count("MDL") == 0);
  CHECK(parse_device_id(std::vector<std::uint8_t>{0x00}).empty());
}

TEST_CASE("Port status bits become status, paper supply and action", "[drivers][printer][status]") {
  CHECK(decode_port_status(0x18).status == Status::Online);  // not-error + selected
  const auto empty = decode_port_status(0x30);
  CHECK(empty.status == Status::Offline);
  CHECK(empty.paper == SupplyLevel::Out);
  CHECK(empty.action == Action::LoadPaper);
  const auto error = decode_port_status(0x10);  // not-error bit clear
  CHECK(error.status == Status::HardwareError);
  CHECK(error.action == Action::Maintenance);
  CHECK(decode_port_status(0x08).status == Status::Offline);  // deselected
  CHECK(get_device_id(1).index == 0x0100);                    // interface in the high byte
  CHECK(get_port_status(1).index == 1);
}
