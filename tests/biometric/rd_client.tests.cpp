// The RD client against the RD Service simulator (tools/rdsim) on 127.0.0.1: every
// scenario of india.md §2's mock-server list, over real sockets.
#include "kiosk/biometric/rd_client.h"

#include <catch2/catch.hpp>

#include "tools/rdsim/rd_sim.h"

using namespace kiosk::biometric;
using kiosk::rdsim::CaptureOutcome;
using kiosk::rdsim::DeviceStatus;
using kiosk::rdsim::PathStyle;
using kiosk::rdsim::RdSim;
using kiosk::rdsim::RdSimOptions;
using namespace std::chrono_literals;

namespace {

// A simulator on a free port, and a client that looks only there.
struct Rig {
  RdSim sim;
  int port = 0;
  explicit Rig(RdSimOptions options)
      : sim([&] {
          options.log_requests = false;
          return options;
        }()) {
    auto bound = sim.start();
    REQUIRE(bound);
    port = *bound;
  }
  RdClientOptions client_options(int below = 0) const {
    RdClientOptions o;
    o.first_port = port - below;
    o.last_port = port;
    o.probe_timeout = 500ms;
    o.pid.timeout_ms = 2000;
    o.capture_margin = 2s;
    return o;
  }
};

RdEndpoint found(RdClient& client) {
  auto endpoint = client.discover();
  REQUIRE(endpoint);
  return *endpoint;
}

}  // namespace

TEST_CASE("A READY Mantra-style service is found and gives its device info",
          "[biometric][rd-client]") {
  Rig rig({.cert_days = 20, .serial = "MFS-1234"});
  RdClient client(rig.client_options());
  const auto endpoint = found(client);
  CHECK(endpoint.port == rig.port);
  CHECK_FALSE(endpoint.https);
  CHECK(endpoint.service.status == RdStatus::Ready);
  CHECK(endpoint.service.capture_path == "/rd/capture");
  const auto device = client.device_info(endpoint);
  REQUIRE(device);
  CHECK(device->info.provider == "MANTRA.MSIPL");
  CHECK(device->info.model == "MFS100");
  CHECK(device->info.serial == "MFS-1234");
  REQUIRE(device->certificate_expiry);
  const auto left = *device->certificate_expiry - std::chrono::system_clock::now();
  CHECK(left > std::chrono::days(19));
  CHECK(left <= std::chrono::days(20));
}

TEST_CASE("NOTREADY and USED are reported as the service says them", "[biometric][rd-client]") {
  Rig rig({.status = DeviceStatus::NotReady});
  RdClient client(rig.client_options());
  CHECK(found(client).service.status == RdStatus::NotReady);
  rig.sim.set_status(DeviceStatus::Used);
  CHECK(client.refresh(found(client))->service.status == RdStatus::Used);
}

TEST_CASE("Morpho's paths work once their embedded host is stripped",
          "[biometric][rd-client][quirks]") {
  Rig rig({.paths = PathStyle::Morpho});
  RdClient client(rig.client_options());
  const auto endpoint = found(client);
  CHECK(endpoint.service.capture_path == "/capture");
  CHECK(endpoint.service.info_path == "/getDeviceInfo");
  const auto device = client.device_info(endpoint);
  REQUIRE(device);
  CHECK(device->info.model == "MSO1300E3");
  CHECK(client.capture(endpoint));
}

TEST_CASE("Only one port of the range answers, and discovery walks to it",
          "[biometric][rd-client][discovery]") {
  Rig rig({});
  RdClient client(rig.client_options(5));
  CHECK(found(client).port == rig.port);
}

TEST_CASE("An HTTPS-only service with a self-signed certificate is found on 127.0.0.1",
          "[biometric][rd-client][https]") {
  Rig rig({.https = true});
  RdClient client(rig.client_options());
  const auto endpoint = found(client);
  CHECK(endpoint.https);
  CHECK(client.device_info(endpoint));
  CHECK(client.capture(endpoint));
}

TEST_CASE("No RD Service answering is its own failure, with the operator's action",
          "[biometric][rd-client][discovery]") {
  int free_port = 0;
  {
    Rig rig({});
    free_port = rig.port;
  }  // stopped: nothing listens there now
  RdClientOptions options;
  options.first_port = options.last_port = free_port;
  RdClient client(options);
  const auto endpoint = client.discover();
  REQUIRE_FALSE(endpoint);
  CHECK(endpoint.error().meaning.name == "no-rd-service");
  CHECK(endpoint.error().meaning.operator_action.find("RD Service") != std::string::npos);
}

TEST_CASE("A successful capture keeps the PID block, as sent, in a secret",
          "[biometric][rd-client][capture]") {
  Rig rig({.data_marker = "SENTINELPIDBLOCK", .qscore = 91, .nmpoints = 52});
  RdClient client(rig.client_options());
  const auto endpoint = found(client);
  auto capture = client.capture(endpoint);
  REQUIRE(capture);
  CHECK(capture->summary.usable());
  CHECK(capture->summary.quality == 91);
  CHECK(capture->summary.minutiae == 52);
  const auto block = capture->pid_block.view();
  CHECK(block.starts_with("<PidData>"));
  CHECK(block.find("<Data type=\"X\">SENTINELPIDBLOCK") != std::string_view::npos);
  CHECK(rig.sim.captures() == 1);
}

TEST_CASE("Each capture error code becomes its meaning", "[biometric][rd-client][capture]") {
  const auto [outcome, code, name] =
      GENERATE(std::tuple{CaptureOutcome::Timeout700, 700, "timeout"},
               std::tuple{CaptureOutcome::Busy710, 710, "device-busy"},
               std::tuple{CaptureOutcome::NotReady720, 720, "device-not-ready"},
               std::tuple{CaptureOutcome::Failed730, 730, "capture-failed"},
               std::tuple{CaptureOutcome::Reinit740, 740, "needs-reinit"});
  Rig rig({.capture = outcome});
  RdClient client(rig.client_options());
  const auto capture = client.capture(found(client));
  REQUIRE_FALSE(capture);
  CHECK(capture.error().meaning.code == code);
  CHECK(capture.error().meaning.name == name);
  CHECK(capture.error().detail.find(std::to_string(code)) != std::string::npos);
}

TEST_CASE("Success without Data is not a usable capture", "[biometric][rd-client][capture]") {
  Rig rig({.capture = CaptureOutcome::NoData});
  RdClient client(rig.client_options());
  const auto capture = client.capture(found(client));
  REQUIRE_FALSE(capture);
  CHECK(capture.error().meaning.name == "capture-incomplete");
}

TEST_CASE("A capture on a NOTREADY device answers 720", "[biometric][rd-client][capture]") {
  Rig rig({.status = DeviceStatus::NotReady});
  RdClient client(rig.client_options());
  const auto capture = client.capture(found(client));
  REQUIRE_FALSE(capture);
  CHECK(capture.error().meaning.code == 720);
}

TEST_CASE("A slow finger is waited for, a service slower than the probe is not found",
          "[biometric][rd-client][slow]") {
  Rig rig({.capture_delay_ms = 1200});
  RdClient client(rig.client_options());
  const auto endpoint = found(client);
  CHECK(client.capture(endpoint));  // within PidOptions' timeout and the margin
  rig.sim.set_delay_ms(1500);       // every answer now outlasts the 500 ms probe
  const auto slow = client.discover();
  REQUIRE_FALSE(slow);
  CHECK(slow.error().meaning.name == "no-rd-service");
}

TEST_CASE("PidOptions the RD Service would refuse are refused before sending",
          "[biometric][rd-client][capture]") {
  Rig rig({});
  auto options = rig.client_options();
  options.pid.finger_count = 0;
  RdClient client(options);
  const auto capture = client.capture(found(client));
  REQUIRE_FALSE(capture);
  CHECK(capture.error().meaning.citizen_key == "fingerprint.error.setup");
  CHECK(rig.sim.captures() == 0);
}
