// The operator desk: operator mode's I/O on its own thread (app::OperatorDesk). The PIN is
// hashed here (Argon2id takes a tenth of a second and 64 MiB), never on the UI or the core
// thread; pages are read from the outbox through the desk's own connection; tests and
// reports run here; every answer goes back to the core as a command.
//
//  [X] Entry: refused while no PIN is set; the PIN zeroed once hashed
//  [X] Pages: payment intents, alerts, queue (with dead letters to redrive), the day-end
//      report, the recent log, the configuration; devices come from the core's snapshot
//  [X] Actions: test print / scan / capture, redrive one or all, print or export the report,
//      restart; each audited with its outcome
//  [X] No exception leaves the thread: a job that throws answers "failed"
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/alerts/alerts.h"
#include "kiosk/app/commands.h"
#include "kiosk/operator/operator_verbs.h"
#include "kiosk/store/outbox.h"

namespace kiosk::op {

// What a test or a print said, in words for the operator (English, from the driver), or
// why it failed.
using DeviceAnswer = Result<std::string>;

// Everything the desk reads or drives, wired in main (fakes in fast tests).
struct DeskSources {
  SharedStore* store = nullptr;                // PIN, lockout, audit
  std::optional<store::OutboxOptions> outbox;  // queue, report and intents (its own connection)
  std::function<std::vector<alerts::Alert>()> alerts;
  // The delivery's state ("idle", "backing-off" …) and why, in English for the engineer.
  std::function<std::pair<std::string, std::string>()> delivery_state;
  std::function<void()> nudge_delivery;  // after a redrive
  std::function<nlohmann::json()> config_status;
  std::function<std::vector<std::string>()> recent_log;
  std::function<DeviceAnswer(const std::string& printer)> test_print;
  std::function<DeviceAnswer(const std::string& scanner)> test_scan;  // the next scan's kind
  std::function<DeviceAnswer(const std::string& reader)> test_capture;
  std::function<DeviceAnswer(const std::vector<std::string>& lines)> print_lines;
  std::filesystem::path log_dir;  // where the day-end report is exported
  std::string kiosk_id;           // heads the printed report
  std::function<void()> restart;  // the app exits with kExitRestart
};

// How an action ended (the desk fills in the job), for the desk's own files.
inline app::OperatorActionDone action_result(bool ok, std::string key, std::string detail = {}) {
  return {0, ok, std::move(key), std::move(detail)};
}

class Desk final : public app::OperatorDesk {
 public:
  Desk(DeskSources sources, const Clock& clock, app::CommandSink& core);
  ~Desk() override;  // finishes the job in hand, drops the rest, joins
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  void ask_entry(std::uint64_t job) override;
  void check_pin(std::uint64_t job, Secret pin) override;
  void load(std::uint64_t job, app::OperatorPage page) override;
  void act(std::uint64_t job, std::string action, std::string subject) override;
  void audit(std::string actor, std::string action, std::string subject,
             std::string outcome) override;

 private:
  using Job = std::function<void()>;
  void enqueue(Job job);
  void loop(std::stop_token stop);
  app::OperatorPageData page_rows(app::OperatorPage page);
  app::OperatorPageData queue_page();
  app::OperatorPageData report_page();   // today's (IST) day-end report
  app::OperatorPageData intents_page();  // payment intents of the last two days
  app::OperatorActionDone run_action(const std::string& action, const std::string& subject);
  app::OperatorActionDone redrive(const std::string& subject);
  app::OperatorActionDone report_action(const std::string& action);
  void write_audit(const std::string& actor, const std::string& action, const std::string& subject,
                   const std::string& outcome);
  // The desk's own outbox connection, opened on first use.
  Result<store::Outbox*> outbox();

  DeskSources sources_;
  const Clock& clock_;
  app::CommandSink& core_;
  std::optional<store::Outbox> outbox_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<Job> jobs_;
  std::jthread thread_;  // last: started once the rest exists
};

}  // namespace kiosk::op
