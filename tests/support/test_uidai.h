// A throwaway "UIDAI" for tests: an RSA-2048 key and its self-signed certificate (PEM and
// DER on disk, one key per test run: keygen is slow), and Secure QRs (V1, V2) and older XML
// QRs built and signed with it. Used by the QR parser's tests and by the journey's (a
// citizen scanning their Aadhaar card). Format facts: /work/shared/research/india.md §1.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::testing::uidai {

using Bytes = std::vector<std::uint8_t>;

struct CertFiles {
  std::filesystem::path pem;
  std::filesystem::path der;
};
// The run's certificate files.
const CertFiles& pki();

void write_file(const std::filesystem::path& file, std::string_view data);
// SHA256withRSA with the run's key: 256 bytes.
Bytes sign(const Bytes& data);
Bytes gzip(const Bytes& data);
std::string to_decimal(const Bytes& bytes);
Bytes unhex(std::string_view hex);
void append(Bytes& out, std::string_view s);
// Each field followed by its 0xFF delimiter.
Bytes join_fields(const std::vector<std::string>& fields);
// A JP2 signature box and bytes that contain 0xFF, which must not split fields.
Bytes fake_photo();
// The 11 address fields of a Secure QR, in order: care of, district, landmark, house,
// location, PIN code, post office, state, street, sub-district, VTC. "Caf\xE9" is Latin-1.
extern const std::vector<std::string> kAddress;

// Who a test QR is about.
struct Person {
  std::string name = "Test Name";
  std::string dob = "01-01-1990";
  std::string gender = "M";
  std::vector<std::string> address = kAddress;
  std::string last4 = "1234";  // the reference id's first 4 characters: all a QR keeps
  std::string mobile_last4 = "3210";
};

// The signed data of a V2 (or "V3"…) Secure QR, before its signature.
Bytes v2_signed_data(const std::string& marker = "V2");
Bytes v2_signed_data_for(const Person& person, const std::string& marker = "V2");
// V1: no marker, no mobile tail; the hashes follow the photo (email first when both).
Bytes v1_signed_data(char indicator, const std::vector<Bytes>& hashes);
Bytes with_signature(Bytes data);
// The QR's text: the gzipped payload as one decimal number.
std::string secure_qr(const Bytes& payload);

// A signed V2 Secure QR's text for `person`; tampered: one byte of the name changed after
// signing (the signature no longer matches).
std::string secure_qr_for(const Person& person, bool tampered = false);
// A pre-2018 <PrintLetterBarcodeData …/> QR carrying the full 12-digit `uid`.
std::string legacy_xml_qr_for(const Person& person, std::string_view uid);

}  // namespace kiosk::testing::uidai
