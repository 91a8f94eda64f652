// The RD Service's XML codec: the shapes vendors send (india.md §2), and what it refuses.
#include "kiosk/biometric/rd_xml.h"

#include <catch2/catch.hpp>

using namespace kiosk::biometric;

TEST_CASE("An RDService answer gives the status and the interface paths", "[biometric][rd-xml]") {
  const auto info = parse_rd_service(
      R"(<RDService status="READY" info="Mantra Authentication Vendor Device Manager">)"
      R"(<Interface id="DEVICEINFO" path="/rd/info"/><Interface id="CAPTURE" path="/rd/capture"/>)"
      R"(</RDService>)");
  REQUIRE(info);
  CHECK(info->status == RdStatus::Ready);
  CHECK(info->info == "Mantra Authentication Vendor Device Manager");
  CHECK(info->info_path == "/rd/info");
  CHECK(info->capture_path == "/rd/capture");
}

TEST_CASE("Morpho's paths lose their embedded host and INFO stands for DEVICEINFO",
          "[biometric][rd-xml][quirks]") {
  const auto info = parse_rd_service(
      "<?xml version=\"1.0\"?>\n<RDService status=\"NOTREADY\" info=\"Morpho_RD_Service\">\n"
      "  <Interface id=\"CAPTURE\" path=\"/127.0.0.1:11102/capture\" />\n"
      "  <Interface id=\"INFO\" path=\"/127.0.0.1:11102/getDeviceInfo\" />\n</RDService>");
  REQUIRE(info);
  CHECK(info->status == RdStatus::NotReady);
  CHECK(info->capture_path == "/capture");
  CHECK(info->info_path == "/getDeviceInfo");
}

TEST_CASE("Embedded hosts are stripped from every shape of path", "[biometric][rd-xml][quirks]") {
  CHECK(strip_embedded_host("/rd/capture") == "/rd/capture");
  CHECK(strip_embedded_host("rd/capture") == "/rd/capture");
  CHECK(strip_embedded_host("/127.0.0.1:11102/capture") == "/capture");
  CHECK(strip_embedded_host("127.0.0.1:11102/capture") == "/capture");
  CHECK(strip_embedded_host("http://127.0.0.1:11100/rd/capture") == "/rd/capture");
  CHECK(strip_embedded_host("https://localhost:11101") == "/");
  CHECK(strip_embedded_host("") == "/");
}

TEST_CASE("An RDService answer without a known status or a CAPTURE path is refused",
          "[biometric][rd-xml][refuse]") {
  CHECK_FALSE(parse_rd_service(
      R"(<RDService status="MAYBE"><Interface id="CAPTURE" path="/c"/></RDService>)"));
  CHECK_FALSE(parse_rd_service(R"(<RDService status="READY"></RDService>)"));
  CHECK_FALSE(parse_rd_service(R"(<html><body>It works!</body></html>)"));
  CHECK_FALSE(parse_rd_service("<RDService status=\"READY\""));  // cut short
  CHECK_FALSE(parse_rd_service(""));
}

TEST_CASE("A DOCTYPE, and so any entity expansion, is refused", "[biometric][rd-xml][refuse]") {
  const auto laughs = parse_rd_service(
      R"(<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>)"
      R"(<RDService status="READY" info="&b;"><Interface id="CAPTURE" path="/c"/></RDService>)");
  REQUIRE_FALSE(laughs);
  CHECK(laughs.error().message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("Answers past the size limit or nested too deeply are refused before use",
          "[biometric][rd-xml][refuse]") {
  const std::string big = "<RDService status=\"READY\" info=\"" +
                          std::string(kMaxRdAnswerBytes, 'x') +
                          "\"><Interface id=\"CAPTURE\" path=\"/c\"/></RDService>";
  CHECK_FALSE(parse_rd_service(big));
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "<a>";
  for (int i = 0; i < 40; ++i) deep += "</a>";
  const auto nested = parse_pid_data("<PidData>" + deep + "</PidData>");
  REQUIRE_FALSE(nested);
  CHECK(nested.error().message.find("nested") != std::string::npos);
}

TEST_CASE("DeviceInfo gives provider, model, serial and the certificate", "[biometric][rd-xml]") {
  const auto info = parse_device_info(
      R"(<DeviceInfo dpId="MANTRA.MSIPL" rdsId="MANTRA.WIN.001" rdsVer="1.0.8" dc="2f1c-uuid" )"
      R"(mi="MFS100" mc="TUlJQg=="><additional_info><Param name="srno" value="2019123"/>)"
      R"(<Param name="sysid" value="X"/></additional_info></DeviceInfo>)");
  REQUIRE(info);
  CHECK(info->provider == "MANTRA.MSIPL");
  CHECK(info->rds_id == "MANTRA.WIN.001");
  CHECK(info->rds_version == "1.0.8");
  CHECK(info->model == "MFS100");
  CHECK(info->serial == "2019123");
  CHECK(info->certificate_base64 == "TUlJQg==");
  // Without a srno, the device code stands in.
  const auto bare = parse_device_info(R"(<DeviceInfo dpId="X" dc="dc-1" mi="M"/>)");
  REQUIRE(bare);
  CHECK(bare->serial == "dc-1");
}

TEST_CASE("A successful PidData is read for its figures and its blocks' presence only",
          "[biometric][rd-xml][pid]") {
  const auto pid = parse_pid_data(
      R"(<PidData><Resp errCode="0" errInfo="Success" fCount="1" fType="2" nmPoints="49" qScore="87"/>)"
      R"(<DeviceInfo dpId="MANTRA.MSIPL" mi="MFS100"/><Skey ci="20291231">c2tleQ==</Skey>)"
      R"(<Hmac>aG1hYw==</Hmac><Data type="X">ZGF0YQ==</Data></PidData>)");
  REQUIRE(pid);
  CHECK(pid->error_code == 0);
  CHECK(pid->error_info == "Success");
  CHECK(pid->quality == 87);
  CHECK(pid->minutiae == 49);
  CHECK(pid->has_data);
  CHECK(pid->has_skey);
  CHECK(pid->has_hmac);
  CHECK(pid->usable());
}

TEST_CASE("Success needs errCode 0 and both Data and Skey", "[biometric][rd-xml][pid]") {
  const auto no_data = parse_pid_data(
      R"(<PidData><Resp errCode="0" errInfo="Success"/><Skey ci="1">c2tleQ==</Skey></PidData>)");
  REQUIRE(no_data);
  CHECK_FALSE(no_data->usable());
  const auto empty_data = parse_pid_data(
      R"(<PidData><Resp errCode="0"/><Skey ci="1">c2tleQ==</Skey><Data type="X"></Data></PidData>)");
  REQUIRE(empty_data);
  CHECK_FALSE(empty_data->usable());
  const auto failed = parse_pid_data(
      R"(<PidData><Resp errCode="720" errInfo="Device not ready" qScore="0"/></PidData>)");
  REQUIRE(failed);
  CHECK(failed->error_code == 720);
  CHECK_FALSE(failed->usable());
  const auto garbled = parse_pid_data(R"(<PidData><Resp errCode="seven"/></PidData>)");
  REQUIRE(garbled);
  CHECK(garbled->error_code == -1);
  CHECK_FALSE(parse_pid_data(R"(<PidData><Data>x</Data></PidData>)"));  // no Resp
}

TEST_CASE("PidOptions are one line with the configured values and no CustOpts",
          "[biometric][rd-xml][pid-options]") {
  // Built in place: GCC 12 reports a false maybe-uninitialized on a default-built one
  // whose strings are then assigned.
  const auto xml = pid_options_xml(PidOptions{.env = "PP", .wadh = "a\"b"});
  CHECK(xml ==
        R"(<PidOptions ver="1.0"><Opts fCount="1" fType="2" iCount="0" iType="0" pCount="0" )"
        R"(pType="0" format="0" pidVer="2.0" timeout="10000" otp="" wadh="a&quot;b" )"
        R"(posh="UNKNOWN" env="PP"/></PidOptions>)");
  CHECK(xml.find('\n') == std::string::npos);
  CHECK(xml.find("CustOpts") == std::string::npos);
}

TEST_CASE("PidOptions outside what RD Services accept are refused",
          "[biometric][rd-xml][pid-options]") {
  CHECK_FALSE(check_pid_options(PidOptions{}));
  auto bad = [](auto change) {
    PidOptions o;
    change(o);
    return check_pid_options(o).has_value();
  };
  CHECK(bad([](PidOptions& o) { o.finger_count = 0; }));
  CHECK(bad([](PidOptions& o) { o.finger_count = 11; }));
  CHECK(bad([](PidOptions& o) { o.finger_type = 3; }));
  CHECK(bad([](PidOptions& o) { o.format = 2; }));
  CHECK(bad([](PidOptions& o) { o.pid_version = "1.0"; }));
  CHECK(bad([](PidOptions& o) { o.timeout_ms = 100; }));
  CHECK(bad([](PidOptions& o) { o.env = "X"; }));
}
