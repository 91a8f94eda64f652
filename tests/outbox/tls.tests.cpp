// HTTPS delivery with a pinned CA made by openssl inside the test.
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/outbox/fixtures.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

void openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run_process(argv);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
}

// A CA, and a server certificate for IP 127.0.0.1 signed by it.
void make_pki(const std::filesystem::path& dir, const std::string& ca, bool with_server) {
  const auto p = [&](const std::string& f) { return (dir / f).string(); };
  openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + ca,
           "-keyout", p(ca + ".key"), "-out", p(ca + ".pem")});
  if (!with_server) return;
  openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
           p("server.key"), "-out", p("server.csr")});
  std::ofstream(p("ext.cnf")) << "subjectAltName=IP:127.0.0.1\n";
  openssl({"x509", "-req", "-in", p("server.csr"), "-CA", p(ca + ".pem"), "-CAkey", p(ca + ".key"),
           "-CAcreateserial", "-days", "2", "-extfile", p("ext.cnf"), "-out", p("server.pem")});
}

}  // namespace

TEST_CASE("HTTPS delivery trusts the pinned CA and refuses a server signed by another",
          "[sync][tls]") {
  const auto dir = scratch_dir("sync-tls");
  make_pki(dir, "kiosk-ca", true);
  make_pki(dir, "other-ca", false);
  BackendProcess backend(dir, {"--tls-cert", (dir / "server.pem").string(), "--tls-key",
                               (dir / "server.key").string()});
  SystemClock clock;
  SeededRng rng(1);
  auto outbox = store::Outbox::open(outbox_in(dir), clock);
  REQUIRE(outbox);
  REQUIRE(outbox->intake().insert_transaction(sample_transaction()));

  auto settings = settings_for(backend.port(), "https");
  settings.http.ca_file = (dir / "other-ca.pem").string();
  auto refused = sync::Syncer(*outbox, settings, clock, rng).run_pass(true);
  REQUIRE(refused);
  CHECK(refused->delivered == 0);
  REQUIRE(refused->backoff);
  CHECK(outbox->views().stats()->pending == 1);

  settings.http.ca_file = (dir / "kiosk-ca.pem").string();
  auto accepted = sync::Syncer(*outbox, settings, clock, rng).run_pass(true);
  REQUIRE(accepted);
  CHECK(accepted->delivered == 1);
  CHECK(outbox->views().stats()->pending == 0);
}
