// Bharat QR (EMV MPM TLV), the kiosk's receipt QR and payload detection.
#include "kiosk/qr/bharat_qr.h"

#include <catch2/catch.hpp>
#include <string>

#include "kiosk/qr/crc16.h"
#include "kiosk/qr/payload.h"
#include "kiosk/qr/receipt_qr.h"

using kiosk::Errc;
using namespace kiosk::qr;

namespace {

// The generated vector of india.md §3.
const std::string kVector =
    "00020101021226310010A0000005240113csc.kiosk@sbi520493995303356540530.005802IN"
    "5909CSC KIOSK6006RAIPUR61064920016304093B";

// `body` followed by a correct CRC element.
std::string with_crc(std::string body) {
  body += "6304";
  return body + crc16_hex(crc16_ccitt_false(body));
}

}  // namespace

TEST_CASE("The india.md Bharat QR vector parses with its UPI template opened", "[qr][bharat]") {
  const auto qr = parse_bharat_qr(kVector);
  REQUIRE(qr);
  CHECK(qr->crc == "093B");
  CHECK(qr->value("00") == "01");
  CHECK(qr->value("01") == "12");  // dynamic: carries an amount
  CHECK(qr->value("52") == "9399");
  CHECK(qr->value("53") == "356");
  CHECK(qr->value("54") == "30.00");
  CHECK(qr->value("58") == "IN");
  CHECK(qr->value("59") == "CSC KIOSK");
  CHECK(qr->value("60") == "RAIPUR");
  CHECK(qr->value("61") == "492001");
  CHECK(qr->value("63").empty());  // the CRC is not a field
  CHECK(qr->value("26") == "0010A0000005240113csc.kiosk@sbi");
  CHECK(qr->value("26", "00") == "A000000524");
  CHECK(qr->value("26", "01") == "csc.kiosk@sbi");
  CHECK(qr->templates.size() == 1);

  const auto upi = upi_from_bharat_qr(*qr);
  REQUIRE(upi);
  CHECK(upi->pa == "csc.kiosk@sbi");
  CHECK(upi->pn == "CSC KIOSK");
  CHECK(upi->am == "30.00");
  CHECK(upi->cu == "INR");
  CHECK(upi->mc == "9399");
}

TEST_CASE("A Bharat QR with one character changed fails its CRC", "[qr][bharat]") {
  std::string bad = kVector;
  bad.replace(bad.find("RAIPUR"), 6, "RAIPUX");
  const auto qr = parse_bharat_qr(bad);
  REQUIRE_FALSE(qr);
  CHECK(qr.error().code == Errc::Corrupt);
  CHECK(qr.error().message.find("CRC mismatch") != std::string::npos);
  // The CRC digits themselves, and lower-case hex is accepted.
  std::string wrong_crc = kVector;
  wrong_crc.back() = 'C';
  CHECK(parse_bharat_qr(wrong_crc).error().code == Errc::Corrupt);
  std::string lower = kVector;
  lower.back() = 'b';
  CHECK(parse_bharat_qr(lower));
}

TEST_CASE("Truncated elements and lengths running past the end are refused", "[qr][bharat]") {
  // Cut inside the CRC element's header: "63" with no length.
  const auto truncated = parse_bharat_qr(kVector.substr(0, kVector.size() - 6));
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().code == Errc::InvalidInput);
  CHECK(truncated.error().message.find("truncated element") != std::string::npos);

  // 60 claims 16 bytes of city: past the end of the payload.
  std::string overrun = kVector;
  overrun.replace(overrun.find("6006RAIPUR"), 4, "6096");
  const auto past = parse_bharat_qr(overrun);
  REQUIRE_FALSE(past);
  CHECK(past.error().message.find("past the end") != std::string::npos);

  // Inside a template: 26/01 claims 19 bytes but the template holds 13.
  const auto inner =
      parse_bharat_qr(with_crc("000201010211"
                               "26310010A0000005240119csc.kiosk@sbi5303356"));
  REQUIRE_FALSE(inner);
  CHECK(inner.error().message.find("template 26") != std::string::npos);

  CHECK_FALSE(parse_bharat_qr(""));
  CHECK_FALSE(parse_bharat_qr("0002"));
  CHECK_FALSE(parse_bharat_qr(with_crc("0A0201")));  // tag not digits
}

TEST_CASE("Frame rules: 000201 first, CRC last, no duplicates, bounded size", "[qr][bharat]") {
  CHECK_FALSE(parse_bharat_qr(with_crc("010212000201")));               // 00 not first
  CHECK_FALSE(parse_bharat_qr("000201010212"));                         // no CRC
  CHECK_FALSE(parse_bharat_qr(with_crc("0002010102120102125303356")));  // 01 twice
  CHECK_FALSE(parse_bharat_qr(with_crc("0002010102135303356")));        // 01 is 11 or 12
  CHECK_FALSE(parse_bharat_qr(with_crc("0002010102125303840")));        // USD
  CHECK_FALSE(parse_bharat_qr(with_crc("00020101021254051.005")));      // 3 decimals
  // The CRC must be the last element.
  std::string after = kVector + "5802IN";
  CHECK_FALSE(parse_bharat_qr(after));
  // 512 bytes at most.
  std::string big = "000201";
  while (big.size() < 520) big += "8095" + std::string(95, 'x');  // unreserved tag 80
  CHECK(parse_bharat_qr(with_crc(big)).error().message.find("512") != std::string::npos);
}

TEST_CASE("Building the kiosk's merchant QR gives the india.md vector", "[qr][bharat]") {
  BharatUpiMerchant m;
  m.vpa = "csc.kiosk@sbi";
  m.name = "CSC KIOSK";
  m.city = "RAIPUR";
  m.pin_code = "492001";
  m.mcc = "9399";
  m.amount_paise = 3000;
  const auto built = build_bharat_upi_qr(m);
  REQUIRE(built);
  CHECK(*built == kVector);

  m.amount_paise.reset();  // static sticker: 01 = 11 and no 54
  m.reference = "CG-RPR-0042-20261128-000123";
  const auto sticker = build_bharat_upi_qr(m);
  REQUIRE(sticker);
  const auto qr = parse_bharat_qr(*sticker);
  REQUIRE(qr);
  CHECK(qr->value("01") == "11");
  CHECK(qr->value("54").empty());
  CHECK(qr->value("27", "01") == "CG-RPR-0042-20261128-000123");
  CHECK(upi_from_bharat_qr(*qr)->tr == "CG-RPR-0042-20261128-000123");

  m.name = std::string(24, 'N');
  CHECK_FALSE(build_bharat_upi_qr(m));
}

TEST_CASE("Build then parse round-trips fields and templates", "[qr][bharat]") {
  const auto parsed = parse_bharat_qr(kVector);
  REQUIRE(parsed);
  const auto rebuilt = build_bharat_qr(*parsed);
  REQUIRE(rebuilt);
  CHECK(*rebuilt == kVector);

  BharatQr qr;
  qr.fields = {{"01", "11"}, {"52", "5411"},       {"53", "356"},
               {"58", "IN"}, {"59", "अमर किराना"}, {"60", "DURG"}};  // lengths count bytes
  qr.templates["62"] = {{"01", "BILL-7"}, {"07", "KIOSK0042"}};
  qr.templates["26"] = {{"00", "A000000524"}, {"01", "amar@upi"}};
  const auto text = build_bharat_qr(qr);
  REQUIRE(text);
  CHECK(text->find("5928अमर किराना") != std::string::npos);  // 28 bytes, 10 characters
  const auto back = parse_bharat_qr(*text);
  REQUIRE(back);
  CHECK(back->templates == qr.templates);
  CHECK(back->value("59") == "अमर किराना");
  CHECK(back->value("62", "07") == "KIOSK0042");
  CHECK(back->value("26") == "0010A0000005240108amar@upi");

  qr.fields["59"] = std::string(100, 'x');  // LL has two digits
  CHECK_FALSE(build_bharat_qr(qr));
}

TEST_CASE("A receipt QR carries the receipt number and gives its parts back", "[qr][receipt]") {
  const auto text = build_receipt_qr("CG-RPR-0042-20261128-000123");
  REQUIRE(text);
  CHECK(*text == "csckiosk:r1:CG-RPR-0042-20261128-000123");
  const auto r = parse_receipt_qr(*text);
  REQUIRE(r);
  CHECK(r->kiosk_id == "CG-RPR-0042");
  CHECK(r->date == "20261128");
  CHECK(r->sequence == 123);
  CHECK(r->text() == "CG-RPR-0042-20261128-000123");
  CHECK(parse_receipt_qr("CSCKIOSK:R1:K1-20240229-999999"));  // leap day, 1-group kiosk id

  for (const char* bad :
       {"CG-RPR-0042-20261131-000123", "CG-RPR-0042-20261128-00123", "cg-rpr-0042-20261128-000123",
        "CG--0042-20261128-000123", "20261128-000123", "A-B-C-D-E-F-20261128-000123",
        "CG-RPR-0042-20250229-000123", "CG-RPR-0042-2026112-0001234"}) {
    INFO(bad);
    CHECK_FALSE(build_receipt_qr(bad));
  }
  CHECK_FALSE(parse_receipt_qr("csckiosk:r2:CG-RPR-0042-20261128-000123"));
}

TEST_CASE("Payload kinds are told apart by their first bytes", "[qr][payload]") {
  CHECK(detect_payload(
            R"(<?xml version="1.0" encoding="UTF-8"?><PrintLetterBarcodeData uid="x"/>)") ==
        PayloadKind::AadhaarXml);
  CHECK(detect_payload("\xEF\xBB\xBF  <PrintLetterBarcodeData uid=\"x\"/>") ==
        PayloadKind::AadhaarXml);
  CHECK(detect_payload(R"(<QPDB u="xxxxxxxx1234" n="A"/>)") == PayloadKind::AadhaarQpdb);
  CHECK(detect_payload(R"(<?xml version="1.0"?> <QDA n="A"/>)") == PayloadKind::AadhaarQpdb);
  CHECK(detect_payload(std::string(2400, '7')) == PayloadKind::AadhaarSecureQr);
  CHECK(detect_payload("123412341234") == PayloadKind::Unknown);  // too short to be signed
  CHECK(detect_payload("upi://pay?pa=a@b") == PayloadKind::Upi);
  CHECK(detect_payload("UPI://PAY?PA=A@B") == PayloadKind::Upi);
  CHECK(detect_payload(kVector) == PayloadKind::BharatQr);
  CHECK(detect_payload("csckiosk:r1:CG-RPR-0042-20261128-000123") == PayloadKind::KioskReceipt);
  CHECK(detect_payload("") == PayloadKind::Unknown);
  CHECK(detect_payload("https://example.org") == PayloadKind::Unknown);
  CHECK(to_string(PayloadKind::BharatQr) == "bharat-qr");
  CHECK(to_string(PayloadKind::AadhaarSecureQr) == "aadhaar-secure-qr");
}
