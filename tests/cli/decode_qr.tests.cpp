#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/core/image.h"
#include "kiosk/qr/qr_generate.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using kiosk::testing::run_process;
using nlohmann::json;

namespace {

std::string qr_png(const std::string& dir_name, const std::string& text) {
  const auto dir = kiosk::testing::scratch_dir(dir_name);
  auto pixels = kiosk::qr::qr_pixels(text, 4, 4);
  REQUIRE(pixels);
  const auto file = (dir / "qr.png").string();
  REQUIRE(kiosk::write_png(file, *pixels));
  return file;
}

std::string corpus(const char* path) {
  std::ifstream in(kiosk::testing::source_dir() / "tests" / "fuzz" / "corpus" / path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("kioskctl decode-qr reads a UPI payment QR from a PNG", "[cli][kioskctl][qr][upi]") {
  const auto png =
      qr_png("decode-upi", "upi://pay?pa=csc.kiosk@sbi&pn=CSC%20KIOSK&am=40.00&cu=INR&tr=TXN0001");
  const auto r = run_process({KIOSKCTL_PATH, "decode-qr", png, "--json"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.output);
  REQUIRE(report["symbols"].size() == 1);
  CHECK(report["symbols"][0]["kind"] == "upi");
  CHECK(report["symbols"][0]["fields"]["pa"] == "csc.kiosk@sbi");
  CHECK(report["symbols"][0]["fields"]["am"] == "40.00");
}

TEST_CASE(
    "kioskctl decode-qr reports an Aadhaar Secure QR masked and unverified without a certificate",
    "[cli][kioskctl][qr][aadhaar][privacy]") {
  const auto png = qr_png("decode-aadhaar", corpus("secure_qr/v2_unsigned.txt"));
  const auto r = run_process({KIOSKCTL_PATH, "decode-qr", png, "--json"});
  INFO(r.output);
  REQUIRE(r.exit_code == 0);  // recognised, even unverified
  const json s = json::parse(r.output)["symbols"][0];
  CHECK(s["kind"] == "aadhaar-secure-qr");
  CHECK(s["verification"] == "unverified");
  CHECK(s["fields"]["aadhaar"] == "XXXX XXXX 1234");
  CHECK(s["fields"]["mobile"] == "XXXXXX3210");
  CHECK(r.output.find("123420190101") == std::string::npos);  // the reference id is not echoed
}

TEST_CASE("kioskctl decode-qr exits 1 for an unknown payload, a bad CRC or an unreadable file",
          "[cli][kioskctl][qr][exit-code]") {
  CHECK(run_process({KIOSKCTL_PATH, "decode-qr", qr_png("decode-unknown", "hello world")})
            .exit_code == 1);
  const auto bad =
      run_process({KIOSKCTL_PATH, "decode-qr",
                   qr_png("decode-bad-crc", corpus("bharat_qr/bad_crc.txt")), "--json"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.output.find("\"valid\": false") != std::string::npos);
  CHECK(run_process(
            {KIOSKCTL_PATH, "decode-qr", (kiosk::testing::source_dir() / "README.md").string()})
            .exit_code == 1);
  CHECK(run_process({KIOSKCTL_PATH, "decode-qr"}).exit_code == 2);
}
