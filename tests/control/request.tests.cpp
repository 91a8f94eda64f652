// The control socket's request line and verb registry, without a socket: every way a
// request can be wrong gets its own clear error, and nothing a client sends can throw.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "kiosk/config/config.h"
#include "kiosk/control/system_verbs.h"
#include "kiosk/control/verbs.h"
#include "kiosk/devices/device_service.h"

using namespace kiosk::control;
using nlohmann::json;

namespace {

const AccessPolicy kPolicy(/*service_uid=*/1500, /*operator_gid=*/1600);
const Peer kRoot{100, 0, 0, {}};
const Peer kOperator{101, 2000, 2000, {27, 1600}};
const Peer kStranger{102, 65534, 65534, {}};

kiosk::config::Config two_devices() {
  kiosk::config::Layers layers;
  layers.local = {{"devices",
                   {{"receipt_printer", {{"kind", "printer"}, {"simulated", true}}},
                    {"qr_scanner", {{"kind", "scanner"}, {"usb", "1eab:1303"}}}}}};
  auto config = kiosk::config::resolve(layers);
  REQUIRE(config);
  return *config;
}

// A device port whose resets are recorded and fail as a stalled device would.
struct RecordingPort final : kiosk::devices::DevicePort {
  std::vector<std::string> resets;
  std::vector<drivers::model::DeviceState> states() const override { return {}; }
  kiosk::Status reset(const std::string& name) override {
    resets.push_back(name);
    return kiosk::fail(kiosk::Errc::Pipe, "stalled");
  }
  kiosk::Status print(const std::string&, kiosk::devices::PrintImage) override {
    return kiosk::fail(kiosk::Errc::NotFound, "no printer here");
  }
  bool withdraw(const std::string&, std::int64_t) override { return false; }
  void on_scan(std::function<void(const kiosk::devices::ScanEvent&)>) override {}
  void on_printed(std::function<void(const kiosk::devices::PrintReport&)>) override {}
};

// The kiosk's real device and system verbs, over the recording port.
struct Rig {
  kiosk::devices::DeviceService devices{two_devices()};
  VerbRegistry verbs;
  RecordingPort port;
  std::vector<std::string>& resets = port.resets;
  Rig() {
    devices.set_port(&port);
    devices.register_verbs(verbs);
    register_system_verbs(verbs);
  }
  json ask(std::string_view line, const Peer& peer = kRoot) const {
    return verbs.dispatch(line, peer, kPolicy);
  }
};

std::string code_of(const json& reply) {
  const auto error = reply.find("error");
  if (error == reply.end()) return "";
  return error->value("code", "?");
}

std::string message_of(const json& reply) {
  return reply.contains("error") ? reply["error"].value("message", "") : "";
}

}  // namespace

TEST_CASE("A request line that is not a JSON object with a string verb is refused",
          "[control][request]") {
  const Rig rig;
  CHECK(code_of(rig.ask(R"({"verb": 5})")) == "invalid-input");
  CHECK(message_of(rig.ask(R"({"verb": 5})")).find("\"verb\" must be a string") !=
        std::string::npos);
  CHECK(message_of(rig.ask(R"({"hello": 1})")).find("no \"verb\"") != std::string::npos);
  CHECK(message_of(rig.ask("[1,2,3]")).find("must be a JSON object") != std::string::npos);
  CHECK(message_of(rig.ask("\"devices\"")).find("must be a JSON object") != std::string::npos);
  CHECK(message_of(rig.ask("null")).find("must be a JSON object") != std::string::npos);
  CHECK(message_of(rig.ask("{\"verb\": \"devi")).find("not JSON") != std::string::npos);
  CHECK(message_of(rig.ask("")).find("not JSON") != std::string::npos);
  CHECK(message_of(rig.ask(R"({"verb": "launch"})")).find("unknown verb \"launch\"") !=
        std::string::npos);
}

TEST_CASE("Invalid UTF-8, NUL bytes, deep nesting and over-long lines get their own errors",
          "[control][request]") {
  const Rig rig;
  CHECK(message_of(rig.ask("{\"verb\": \"dev\xff\xfeices\"}")).find("not JSON") !=
        std::string::npos);
  CHECK(message_of(rig.ask(std::string("{\"verb\": \"de\0vices\"}", 21))).find("not JSON") !=
        std::string::npos);
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  CHECK(message_of(rig.ask(deep)).find("nested deeper than 16") != std::string::npos);
  const std::string deep_in_field =
      R"({"verb": "devices", "x": )" + std::string(17, '[') + std::string(17, ']') + "}";
  CHECK(message_of(rig.ask(deep_in_field)).find("nested deeper") != std::string::npos);
  // Brackets inside strings are text, not nesting.
  CHECK(nesting_depth(R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[["})", 16) == 1);
  const std::string long_line =
      R"({"verb": "devices", "pad": ")" + std::string(kMaxRequestBytes, 'x') + "\"}";
  CHECK(message_of(rig.ask(long_line)).find("over 65536 bytes") != std::string::npos);
}

TEST_CASE("Every field of every verb is type-checked before the handler runs",
          "[control][request][types]") {
  Rig rig;
  for (const json& wrong : {json(5), json(nullptr), json(true), json::array({"a"}),
                            json::object({{"name", "x"}}), json(1.5)}) {
    INFO(wrong.dump());
    const json reset = rig.ask(json{{"verb", "reset"}, {"name", wrong}}.dump());
    CHECK(code_of(reset) == "invalid-input");
    CHECK(message_of(reset).find("\"name\" must be a string") != std::string::npos);
    const json fault = rig.ask(json{{"verb", "fault"}, {"thread", wrong}}.dump());
    CHECK(code_of(fault) == "invalid-input");
    if (kiosk::threads::fault_injection_built())
      CHECK(message_of(fault).find("\"thread\" must be a string") != std::string::npos);
    for (const char* verb : {"devices", "health"}) {
      const json extra = rig.ask(json{{"verb", verb}, {"name", wrong}}.dump());
      CHECK(message_of(extra).find("takes no field \"name\"") != std::string::npos);
    }
  }
  CHECK(message_of(rig.ask(R"({"verb": "reset"})")).find("\"name\" is missing") !=
        std::string::npos);
  CHECK(message_of(rig.ask(R"({"verb": "reset", "name": ""})")).find("device name") !=
        std::string::npos);
  CHECK(code_of(rig.ask(R"({"verb": "reset", "name": "no_such"})")) == "not-found");
  CHECK(rig.resets.empty());  // no handler ran for any of these
}

TEST_CASE("A verb's own error keeps its code in the reply", "[control][request]") {
  Rig rig;
  const json reply = rig.ask(R"({"verb": "reset", "name": "receipt_printer"})");
  CHECK(code_of(reply) == "pipe");
  CHECK(message_of(reply) == "stalled");
  REQUIRE(rig.resets == std::vector<std::string>{"receipt_printer"});
  const json devices = rig.ask(R"({"verb": "devices"})");
  REQUIRE(devices["devices"].size() == 2);
  CHECK(devices["devices"][0]["name"] == "qr_scanner");  // the table is kept in name order
  CHECK(devices["devices"][1]["name"] == "receipt_printer");
}

TEST_CASE("Change verbs are for root, the service user and the operator group only",
          "[control][access]") {
  Rig rig;
  const std::string reset = R"({"verb": "reset", "name": "qr_scanner"})";
  CHECK(code_of(rig.ask(reset, kStranger)) == "access");
  CHECK(rig.resets.empty());
  CHECK(code_of(rig.ask(reset, kOperator)) == "pipe");  // allowed: group 1600 is supplementary
  CHECK(code_of(rig.ask(reset, Peer{103, 1500, 1500, {}})) == "pipe");  // the service user
  CHECK(code_of(rig.ask(reset, Peer{104, 3000, 1600, {}})) == "pipe");  // primary group
  CHECK(rig.resets.size() == 3);
  // Read verbs are open to anyone who could open the socket.
  CHECK(rig.ask(R"({"verb": "devices"})", kStranger).contains("devices"));
  CHECK(AccessPolicy(1500, std::nullopt).may_change(kOperator) == false);
}

TEST_CASE("A handler that throws is answered internal and the registry goes on",
          "[control][request][fault]") {
  VerbRegistry verbs;
  verbs.add({"boom", Access::Read, std::chrono::milliseconds(100), "throws"}, parse_no_fields,
            [](const NoFields&, const Peer&) -> kiosk::Result<HealthReply> {
              throw std::runtime_error("handler bug");
            });
  verbs.add({"fine", Access::Read, std::chrono::milliseconds(100), "answers"}, parse_no_fields,
            [](const NoFields&, const Peer&) { return kiosk::Result<HealthReply>(HealthReply{}); });
  CHECK(code_of(verbs.dispatch(R"({"verb": "boom"})", kRoot, kPolicy)) == "internal");
  CHECK(verbs.dispatch(R"({"verb": "fine"})", kRoot, kPolicy).contains("threads"));
}

TEST_CASE("Replies with invalid UTF-8 become a line instead of throwing", "[control][request]") {
  const json reply = error_reply({kiosk::Errc::InvalidInput, "bad \xff byte"});
  const std::string line = to_line(reply);
  CHECK(line.back() == '\n');
  CHECK(line.find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD replaced it
  CHECK_THROWS(reply.dump());  // the positive control: plain dump() would have thrown
}

TEST_CASE("Error codes round-trip through their JSON names, each distinct", "[control][errc]") {
  using kiosk::Errc;
  std::set<std::string> names;
  for (const Errc code : {Errc::InvalidInput, Errc::NotFound, Errc::Config, Errc::Io, Errc::Busy,
                          Errc::NoDevice, Errc::Timeout, Errc::Corrupt, Errc::Unavailable,
                          Errc::Internal, Errc::Access, Errc::Pipe}) {
    CHECK(kiosk::errc_from_string(kiosk::to_string(code)) == code);
    names.insert(std::string(kiosk::to_string(code)));
  }
  CHECK(names.size() == 12);
  CHECK(kiosk::errc_from_string("made-up") == Errc::Internal);
  CHECK(kiosk::exit_code_for(Errc::NoDevice) == kiosk::ExitCode::DeviceUnavailable);
  CHECK(kiosk::exit_code_for(Errc::Busy) == kiosk::ExitCode::DeviceUnavailable);
  CHECK(kiosk::exit_code_for(Errc::Timeout) == kiosk::ExitCode::TryLater);
  CHECK(kiosk::exit_code_for(Errc::Access) == kiosk::ExitCode::Failed);
  CHECK(kiosk::exit_code_for(Errc::Pipe) == kiosk::ExitCode::Failed);
}
