// Delivery throughput against a running csc-kiosk-backend over ONE keep-alive connection,
// the setup of anchors.md's "Loopback HTTP delivery ceiling" (libcurl client). Bodies are
// built before the clock starts, so the figure is the server's (HTTP + JSON + durable
// SQLite commit per request), not the client's JSON.
//
//   backend_bench_client --url http://127.0.0.1:PORT --items 20000 --sizes 1,50,200,500
#include <curl/curl.h>
#include <fmt/format.h>
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;

// A realistic ~600-byte transaction, as the kiosk sends it (contract §1).
json transaction(std::size_t n) {
  const auto receipt = fmt::format("CG-RPR-0042-20261128-{:06}", n % 1'000'000);
  return {{"txn_id", fmt::format("TXN-{}", n)},
          {"receipt_no", receipt},
          {"service_id", "cg.edistrict.income_certificate"},
          {"created_at", "2026-11-28T17:05:09+05:30"},
          {"status", "completed"},
          {"amount_paise", 3000},
          {"fee_paise", 1000},
          {"test", false},
          {"payment", {{"mode", "UPI"}, {"ref", "433412345678"}}},
          {"applicant",
           {{"name", "रमेश कुमार साहू"},
            {"mobile_masked", "XXXXXX3210"},
            {"aadhaar_masked", "XXXX XXXX 1234"}}},
          {"consent",
           {{"text_version", "2026-01"},
            {"language", "hi"},
            {"given_at", "2026-11-28T17:04:30+05:30"}}},
          {"fields",
           {{"father_name", "श्याम लाल साहू"},
            {"annual_income_paise", 12000000},
            {"purpose", "scholarship"}}}};
}

std::vector<std::string> bodies(const std::string& run, std::size_t items, std::size_t per) {
  std::vector<std::string> out;
  for (std::size_t first = 0; first < items; first += per) {
    json batch = {{"kiosk_id", "CG-RPR-0042"}, {"items", json::array()}};
    for (std::size_t n = first; n < std::min(items, first + per); ++n) {
      batch["items"].push_back({{"idempotency_key", fmt::format("{}-{}-{}", run, per, n)},
                                {"transaction", transaction(n)}});
    }
    out.push_back(batch.dump());
  }
  return out;
}

std::size_t discard(char*, std::size_t size, std::size_t n, void*) {
  return size * n;
}

struct Run {
  double items_per_s = 0;
  long failures = 0;
};

Run measure(CURL* curl, const std::string& url, const std::vector<std::string>& batches,
            std::size_t items) {
  Run run;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& body : batches) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    long status = 0;
    if (curl_easy_perform(curl) != CURLE_OK ||
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK || status != 200) {
      ++run.failures;
    }
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  run.items_per_s = static_cast<double>(items) / took.count();
  return run;
}

// anchors.md's "server JSON parse only" row, measured side by side: an httplib server in
// this process that parses each batch and answers "accepted" for every item, storing nothing.
int start_parse_only_server(httplib::Server& server, std::thread& listener) {
  server.set_keep_alive_max_count(10'000);
  server.set_tcp_nodelay(true);
  server.Post("/v1/transactions:batch", [](const httplib::Request& req, httplib::Response& res) {
    const json doc = json::parse(req.body);
    json results = json::array();
    for (const json& item : doc["items"]) {
      results.push_back({{"idempotency_key", item["idempotency_key"]}, {"status", "accepted"}});
    }
    res.set_content(json{{"results", std::move(results)}}.dump(), "application/json");
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  listener = std::thread([&server] { server.listen_after_bind(); });
  return port;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"items/s against csc-kiosk-backend over one keep-alive connection"};
  std::string base = "http://127.0.0.1:8080";
  std::string token = "bench";
  std::size_t items = 20'000;
  std::vector<std::size_t> sizes = {1, 50, 200, 500};
  app.add_option("--url", base, "backend base URL");
  app.add_option("--token", token, "bearer token");
  app.add_option("--items", items, "items per batch size");
  app.add_option("--sizes", sizes, "items per request")->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, fmt::format("Authorization: Bearer {}", token).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  const std::string url = base + "/v1/transactions:batch";
  const std::string run_id =
      fmt::format("bench{}", std::chrono::system_clock::now().time_since_epoch().count());
  httplib::Server parse_only;
  std::thread listener;
  const std::string baseline_url = fmt::format("http://127.0.0.1:{}/v1/transactions:batch",
                                               start_parse_only_server(parse_only, listener));
  fmt::print(
      "| items per request | requests | backend items/s | parse-only items/s | backend / "
      "parse-only "
      "| failed |\n|---:|---:|---:|---:|---:|---:|\n");
  for (std::size_t per : sizes) {
    const auto batches = bodies(run_id, items, per);
    const Run run = measure(curl, url, batches, items);
    const Run baseline = measure(curl, baseline_url, batches, items);
    fmt::print("| {} | {} | {:.0f} | {:.0f} | {:.0f}% | {} |\n", per, batches.size(),
               run.items_per_s, baseline.items_per_s,
               100.0 * run.items_per_s / baseline.items_per_s, run.failures + baseline.failures);
  }
  parse_only.stop();
  listener.join();
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  return 0;
}
