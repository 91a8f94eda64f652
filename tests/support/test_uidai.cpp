#include "tests/support/test_uidai.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>

#include "kiosk/core/c_free.h"
#include "tests/support/paths.h"

namespace kiosk::testing::uidai {

namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, CFree<&EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, CFree<&X509_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, CFree<&EVP_MD_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, CFree<&BN_free>>;

// A throwaway "UIDAI": RSA-2048 key and a self-signed certificate, PEM and DER on disk.
struct TestPki {
  PkeyPtr key;
  X509Ptr cert;
  std::filesystem::path pem;
  std::filesystem::path der;
};

X509Ptr self_signed(EVP_PKEY* key) {
  X509Ptr cert(X509_new());
  REQUIRE(cert);
  REQUIRE(X509_set_version(cert.get(), 2) == 1);
  REQUIRE(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1);
  REQUIRE(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr);
  REQUIRE(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600) != nullptr);
  REQUIRE(X509_set_pubkey(cert.get(), key) == 1);
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>("kiosk test UIDAI");
  REQUIRE(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) == 1);
  REQUIRE(X509_set_issuer_name(cert.get(), name) == 1);
  REQUIRE(X509_sign(cert.get(), key, EVP_sha256()) > 0);
  return cert;
}

TestPki make_pki() {
  TestPki p;
  p.key.reset(EVP_RSA_gen(2048));
  REQUIRE(p.key);
  p.cert = self_signed(p.key.get());
  const auto dir = kiosk::testing::scratch_dir("aadhaar-pki");
  p.pem = dir / "uidai.pem";
  p.der = dir / "uidai.cer";
  std::unique_ptr<BIO, CFree<&BIO_free>> bio(BIO_new_file(p.pem.c_str(), "w"));
  REQUIRE(bio);
  REQUIRE(PEM_write_bio_X509(bio.get(), p.cert.get()) == 1);
  bio.reset();
  unsigned char* der = nullptr;
  const int len = i2d_X509(p.cert.get(), &der);
  REQUIRE(len > 0);
  write_file(p.der,
             std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_free(der);
  return p;
}

const TestPki& test_pki() {
  static const TestPki p = make_pki();  // one key for the whole run: keygen is slow
  return p;
}

}  // namespace

void write_file(const std::filesystem::path& file, std::string_view data) {
  std::ofstream out(file, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  REQUIRE(out.good());
}

const CertFiles& pki() {
  static const CertFiles files{test_pki().pem, test_pki().der};
  return files;
}

Bytes sign(const Bytes& data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, test_pki().key.get()) == 1);
  std::size_t len = 0;
  REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &len, data.data(), data.size()) == 1);
  Bytes sig(len);
  REQUIRE(EVP_DigestSign(ctx.get(), sig.data(), &len, data.data(), data.size()) == 1);
  sig.resize(len);
  REQUIRE(sig.size() == 256);
  return sig;
}

Bytes gzip(const Bytes& data) {
  z_stream zs{};
  REQUIRE(deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK);
  Bytes out(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = const_cast<Bytef*>(data.data());
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

std::string to_decimal(const Bytes& bytes) {
  BnPtr bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  REQUIRE(bn);
  char* text = BN_bn2dec(bn.get());
  REQUIRE(text != nullptr);
  std::string out(text);
  OPENSSL_free(text);
  return out;
}

Bytes unhex(std::string_view hex) {
  Bytes out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

void append(Bytes& out, std::string_view s) {
  out.insert(out.end(), s.begin(), s.end());
}

Bytes join_fields(const std::vector<std::string>& fields) {
  Bytes out;
  for (const auto& f : fields) {
    append(out, f);
    out.push_back(0xFF);  // every text field ends in a 0xFF delimiter
  }
  return out;
}

// JP2 signature box (india.md §1a) followed by fake image bytes that contain 0xFF, which
// the parser must not mistake for delimiters.
Bytes fake_photo() {
  Bytes photo{0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};
  for (int i = 0; i < 200; ++i) photo.push_back(static_cast<std::uint8_t>((i * 37) ^ 0xA5));
  photo.push_back(0xFF);
  photo.push_back(0xFF);
  return photo;
}

// "Caf\xE9" is ISO-8859-1 for "Café".
extern const std::vector<std::string> kAddress;
const std::vector<std::string> kAddress{"S/O Ram Kumar", "Raipur", "Caf\xE9 Chowk", "12",
                                        "Civil Lines",   "492001", "Raipur GPO",    "Chhattisgarh",
                                        "MG Road",       "Raipur", "Raipur"};

Bytes v2_signed_data(const std::string& marker) {
  std::vector<std::string> f{marker, "3", "123420190101120000123", "Test Name", "01-01-1990", "M"};
  f.insert(f.end(), kAddress.begin(), kAddress.end());
  f.push_back("3210");
  Bytes data = join_fields(f);
  const Bytes photo = fake_photo();
  data.insert(data.end(), photo.begin(), photo.end());
  return data;
}

// V1: no marker, no mobile tail; the hashes follow the photo (email first when both).
Bytes v1_signed_data(char indicator, const std::vector<Bytes>& hashes) {
  std::vector<std::string> f{std::string(1, indicator), "123520190101120000123", "Test Name",
                             "01-01-1990", "F"};
  f.insert(f.end(), kAddress.begin(), kAddress.end());
  Bytes data = join_fields(f);
  const Bytes photo = fake_photo();
  data.insert(data.end(), photo.begin(), photo.end());
  for (const auto& h : hashes) data.insert(data.end(), h.begin(), h.end());
  return data;
}

Bytes with_signature(Bytes data) {
  const Bytes sig = sign(data);
  data.insert(data.end(), sig.begin(), sig.end());
  return data;
}

std::string secure_qr(const Bytes& payload) {
  return to_decimal(gzip(payload));
}

Bytes v2_signed_data_for(const Person& person, const std::string& marker) {
  std::vector<std::string> f{marker,      "3",        person.last4 + "20190101120000123",
                             person.name, person.dob, person.gender};
  f.insert(f.end(), person.address.begin(), person.address.end());
  f.push_back(person.mobile_last4);
  Bytes data = join_fields(f);
  const Bytes photo = fake_photo();
  data.insert(data.end(), photo.begin(), photo.end());
  return data;
}

std::string secure_qr_for(const Person& person, bool tampered) {
  Bytes payload = with_signature(v2_signed_data_for(person));
  if (tampered) payload[30] ^= 0x01;  // inside the name, which starts after 3 short fields
  return secure_qr(payload);
}

std::string legacy_xml_qr_for(const Person& person, std::string_view uid) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PrintLetterBarcodeData uid=\"" +
         std::string(uid) + "\" name=\"" + person.name + "\" gender=\"" + person.gender +
         "\" yob=\"" + person.dob.substr(person.dob.size() - 4) + "\" co=\"" +
         person.address.at(0) + "\" pc=\"" + person.address.at(5) + "\" dist=\"" +
         person.address.at(1) + "\" state=\"" + person.address.at(7) + "\"/>";
}

}  // namespace kiosk::testing::uidai
