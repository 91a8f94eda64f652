// HTTPS with a certificate made in the test (OpenSSL API, no openssl CLI needed).
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <memory>

#include "tests/backend/backend_process.h"
#include "tests/backend/fixtures.h"
#include "tests/support/paths.h"

using namespace kiosk::testing;

namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct FileClose {
  void operator()(FILE* f) const { std::fclose(f); }
};

// A self-signed P-256 certificate for 127.0.0.1 (SAN IP), valid for a day.
void make_certificate(const std::filesystem::path& cert_file,
                      const std::filesystem::path& key_file) {
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_EC_gen("P-256"));
  REQUIRE(key);
  std::unique_ptr<X509, X509Free> cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86'400);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
  REQUIRE(san);
  X509_add_ext(cert.get(), san, -1);
  X509_EXTENSION_free(san);
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  std::unique_ptr<FILE, FileClose> c(std::fopen(cert_file.c_str(), "w"));
  std::unique_ptr<FILE, FileClose> k(std::fopen(key_file.c_str(), "w"));
  REQUIRE(PEM_write_X509(c.get(), cert.get()) == 1);
  REQUIRE(PEM_write_PrivateKey(k.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1);
}

}  // namespace

TEST_CASE("With a certificate and key the backend serves HTTPS and only HTTPS", "[backend][tls]") {
  const auto dir = scratch_dir("backend-tls");
  make_certificate(dir / "cert.pem", dir / "key.pem");
  BackendProcess backend(
      dir, {"--tls-cert", (dir / "cert.pem").string(), "--tls-key", (dir / "key.pem").string()});

  httplib::SSLClient tls("127.0.0.1", backend.port());
  tls.set_ca_cert_path((dir / "cert.pem").c_str());
  tls.enable_server_certificate_verification(true);
  tls.set_bearer_token_auth(kKioskToken);
  auto res = tls.Post("/v1/transactions:batch", batch_of(items("k", 2)).dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->has_header("Date"));

  httplib::Client plain("127.0.0.1", backend.port());
  plain.set_read_timeout(5, 0);
  CHECK_FALSE(plain.Get("/_control/stats"));

  auto stats = tls.Get("/_control/stats");
  REQUIRE(stats);
  CHECK(nlohmann::json::parse(stats->body)["stored"] == 2);
}

TEST_CASE("Commit-then-drop over TLS leaves the client with no answer", "[backend][tls][faults]") {
  const auto dir = scratch_dir("backend-tls-drop");
  make_certificate(dir / "cert.pem", dir / "key.pem");
  BackendProcess backend(dir, {"--tls-cert", (dir / "cert.pem").string(), "--tls-key",
                               (dir / "key.pem").string(), "--commit-then-drop-rate", "1"});
  httplib::SSLClient tls("127.0.0.1", backend.port());
  tls.enable_server_certificate_verification(false);
  tls.set_bearer_token_auth(kKioskToken);
  CHECK_FALSE(
      tls.Post("/v1/transactions:batch", batch_of(items("k", 1)).dump(), "application/json"));
  tls.set_bearer_token_auth(kKioskToken);
  auto stats = tls.Get("/_control/stats");
  REQUIRE(stats);
  CHECK(nlohmann::json::parse(stats->body)["stored"] == 1);
  CHECK(backend.stop() == 0);
}
