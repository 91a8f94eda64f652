// The one thread that asks the backend for bills and statuses (app::Lookups), so the core
// thread never waits on the network. One job at a time; a newer request replaces a queued
// one that has not started (a citizen's newer question wins). Each answer is posted to the
// core as a command. The consumer's name is masked here, before it reaches the core.
//
//   [X] a bill: services::LookupClient::fetch_bill → BillAnswered
//   [X] a status: look_up_status → StatusAnswered, with what this kiosk's own receipt index
//       knows when the backend does not know the number or cannot be reached
//   [X] a shorter HTTP timeout than delivery's (kLookupTimeout): a citizen is waiting
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/app/commands.h"
#include "kiosk/app/lookups.h"
#include "kiosk/net/http_client.h"
#include "kiosk/services/lookups.h"
#include "kiosk/store/outbox.h"

namespace kiosk::app {

inline constexpr std::chrono::seconds kLookupTimeout{15};

struct LookupWorkerSettings {
  std::string backend_url;
  std::filesystem::path token_file;
  net::HttpOptions http;
  // This kiosk's outbox, opened read-only on the worker's own thread for the receipt index;
  // empty database path: no local index.
  store::OutboxOptions outbox = {};
};

class LookupWorker final : public Lookups {
 public:
  using Post = std::function<void(Command)>;
  LookupWorker(LookupWorkerSettings settings, const Clock& clock, Post post);
  ~LookupWorker() override;  // joins; a job in flight finishes first
  LookupWorker(const LookupWorker&) = delete;
  LookupWorker& operator=(const LookupWorker&) = delete;

  bool fetch_bill(std::uint64_t job, std::string biller_id, std::string consumer_no) override;
  bool look_up_status(std::uint64_t job, std::string receipt_no) override;
  // A signed bundle changed backend.url or its timeouts: the next job asks there.
  void update_backend(std::string backend_url, net::HttpOptions http);

 private:
  struct Job {
    std::uint64_t id = 0;
    bool bill = true;
    std::string biller_id, consumer_no, receipt_no;
  };
  bool submit(Job job);
  void run();
  Command perform(const Job& job, services::LookupClient& client);
  Command status_answer(const Job& job, services::LookupClient& client, const std::string& token);
  std::optional<store::LocalReceipt> local_receipt(const std::string& receipt_no);

  LookupWorkerSettings settings_;
  const Clock& clock_;
  Post post_;
  std::optional<store::Outbox> outbox_;  // opened on the worker thread, on first use
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Job> job_;
  bool stopping_ = false;
  bool backend_changed_ = false;
  std::thread thread_;
};

}  // namespace kiosk::app
