// UPI payment URIs and the CRC the Bharat QR tests rely on (india.md §3).
#include "kiosk/qr/upi.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "kiosk/qr/crc16.h"

using kiosk::Errc;
using namespace kiosk::qr;

TEST_CASE("The CRC of 123456789 is the CCITT-FALSE check value 0x29B1", "[qr][crc]") {
  CHECK(crc16_ccitt_false("123456789") == 0x29B1);
  CHECK(crc16_ccitt_false("") == 0xFFFF);  // the init value, nothing shifted in
  CHECK(crc16_hex(0x29B1) == "29B1");
  CHECK(crc16_hex(0x093B) == "093B");
}

TEST_CASE("A merchant UPI URI parses into its fields with escapes decoded", "[qr][upi]") {
  const auto p = parse_upi_uri(
      "upi://pay?pa=nadeem@npci&pn=nadeem%20chinna&mc=0000&tid=cxnkjcnkjdfdvjndkjfvn"
      "&tr=4894398cndhcd23&tn=Pay%20to%20mystar%20store&am=10&cu=INR"
      "&url=https%3A%2F%2Fmystar.example%2Fo%3Fid%3D7&mam=5&sign=abc");
  REQUIRE(p);
  CHECK(p->pa == "nadeem@npci");
  CHECK(p->pn == "nadeem chinna");
  CHECK(p->mc == "0000");
  CHECK(p->tid == "cxnkjcnkjdfdvjndkjfvn");
  CHECK(p->tr == "4894398cndhcd23");
  CHECK(p->tn == "Pay to mystar store");
  CHECK(p->am == "10");
  CHECK(p->cu == "INR");
  CHECK(p->url == "https://mystar.example/o?id=7");
  REQUIRE(p->others.size() == 2);  // kept, in order
  CHECK(p->others[0] == std::pair<std::string, std::string>{"mam", "5"});
  CHECK(p->others[1] == std::pair<std::string, std::string>{"sign", "abc"});
}

TEST_CASE("Scheme, host and keys are read in any case and a plus is a space", "[qr][upi]") {
  // Upper case lets a QR use the denser alphanumeric mode; Android reads + as a space.
  const auto p = parse_upi_uri("UPI://PAY?PA=CSC.KIOSK@SBI&PN=CSC+KIOSK&AM=30.00&&");
  REQUIRE(p);
  CHECK(p->pa == "CSC.KIOSK@SBI");
  CHECK(p->pn == "CSC KIOSK");
  CHECK(p->am == "30.00");
}

TEST_CASE("A UPI URI without a payee address is refused", "[qr][upi]") {
  for (const char* uri : {"upi://pay?pn=Shop&am=10", "upi://pay?pa=&pn=Shop", "upi://pay?"}) {
    const auto p = parse_upi_uri(uri);
    REQUIRE_FALSE(p);
    CHECK(p.error().code == Errc::InvalidInput);
    CHECK(p.error().message.find("\"pa\" is missing") != std::string::npos);
  }
  for (const char* uri : {"upi://pay?pa=shop", "upi://pay?pa=@sbi", "upi://pay?pa=shop@",
                          "upi://pay?pa=a@b@c", "upi://pay?pa=sh%20op@sbi"}) {
    INFO(uri);
    CHECK_FALSE(parse_upi_uri(uri));
  }
}

TEST_CASE("Amounts with more than two decimals or other characters are refused", "[qr][upi]") {
  for (const char* am : {"10.005", "abc", "-5", "1e3", ".5", "10.", "1,000", "12345678901"}) {
    INFO(am);
    const auto p = parse_upi_uri(std::string("upi://pay?pa=shop@sbi&am=") + am);
    REQUIRE_FALSE(p);
    CHECK(p.error().message.find("\"am\"") != std::string::npos);
  }
  for (const char* am : {"10", "10.5", "10.50", "0.01", "1234567890.99"}) {
    INFO(am);
    CHECK(parse_upi_uri(std::string("upi://pay?pa=shop@sbi&am=") + am));
  }
}

TEST_CASE("Bad percent escapes are refused", "[qr][upi]") {
  for (const char* uri : {"upi://pay?pa=shop@sbi&pn=A%2", "upi://pay?pa=shop@sbi&pn=A%G1B",
                          "upi://pay?pa=shop@sbi&pn=%", "upi://pay?pa=shop%4@sbi"}) {
    INFO(uri);
    const auto p = parse_upi_uri(uri);
    REQUIRE_FALSE(p);
    CHECK(p.error().message.find("bad percent escape") != std::string::npos);
  }
  // Escapes that decode to control characters or broken UTF-8 are refused too.
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&pn=A%0AB"));
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&pn=%E0%A4"));
}

TEST_CASE("A UPI URI longer than 2 KiB is refused", "[qr][upi]") {
  const std::string head = "upi://pay?pa=shop@sbi&url=";
  std::string uri = head + std::string(kUpiUriMax - head.size(), 'a');
  CHECK(parse_upi_uri(uri));  // exactly 2048 bytes
  uri += 'a';
  const auto p = parse_upi_uri(uri);
  REQUIRE_FALSE(p);
  CHECK(p.error().message.find("2049 bytes") != std::string::npos);
}

TEST_CASE("Currency, note length, merchant code, scheme and duplicates are checked", "[qr][upi]") {
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&cu=USD"));
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&mc=54111"));
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&pa=thief@ybl"));
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&PA=thief@ybl"));
  CHECK_FALSE(parse_upi_uri("upi://mandate?pa=shop@sbi"));
  CHECK_FALSE(parse_upi_uri("https://pay?pa=shop@sbi"));
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&novalue"));
  // 80 characters are allowed, counted as characters: 80 Devanagari letters are 240 bytes.
  std::string note;
  for (int i = 0; i < 80; ++i) note += "%E0%A4%95";  // क
  CHECK(parse_upi_uri("upi://pay?pa=shop@sbi&tn=" + note));
  CHECK_FALSE(parse_upi_uri("upi://pay?pa=shop@sbi&tn=" + note + "x"));
}

TEST_CASE("Paise and rupee text convert both ways", "[qr][upi]") {
  CHECK(rupees_from_paise(12345) == "123.45");
  CHECK(rupees_from_paise(3000) == "30.00");
  CHECK(rupees_from_paise(5) == "0.05");
  CHECK(rupees_from_paise(0) == "0.00");
  CHECK(rupees_from_paise(-5) == "-0.05");
  CHECK(rupees_from_paise(INT64_MIN) == "-92233720368547758.08");
  CHECK(paise_from_rupees("123.45") == 12345);
  CHECK(paise_from_rupees("10") == 1000);
  CHECK(paise_from_rupees("0.5") == 50);
  CHECK(paise_from_rupees("9999999999.99") == 999999999999);
  CHECK_FALSE(paise_from_rupees(""));
  CHECK_FALSE(paise_from_rupees("1.234"));
}

TEST_CASE("A built UPI URI parses back to the same payment", "[qr][upi]") {
  UpiPayment p;
  p.pa = "csc.kiosk@sbi";
  p.pn = "CSC Kiosk & Co = 100% + more";
  p.am = rupees_from_paise(3000);
  p.cu = "INR";
  p.tn = "जन्म प्रमाण पत्र शुल्क";  // birth certificate fee
  p.tr = "CG-RPR-0042-20261128-000123";
  p.mc = "9399";
  p.url = "https://csc.example/r?id=1&x=2";
  p.mode = "01";
  p.others = {{"mam", "30.00"}, {"orgid", ""}};
  const std::string uri = build_upi_uri(p);
  CHECK(
      uri.starts_with("upi://pay?pa=csc.kiosk@sbi&pn=CSC%20Kiosk%20%26%20Co%20%3D%20100%25%20%2B"
                      "%20more&am=30.00&cu=INR&tn=%E0%A4%9C"));
  const auto back = parse_upi_uri(uri);
  REQUIRE(back);
  CHECK(*back == p);
  CHECK(build_upi_uri(*back) == uri);

  UpiPayment minimal;
  minimal.pa = "a@b";
  CHECK(build_upi_uri(minimal) == "upi://pay?pa=a@b");
  CHECK(parse_upi_uri(build_upi_uri(minimal)) == minimal);
}
