// What the core is configured with, and how new configuration reaches it between sessions.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/i18n/strings.h"
#include "kiosk/services/catalogue.h"

namespace kiosk::app {

struct CoreSettings {
  explicit CoreSettings(std::vector<std::string> languages_ = {},
                        std::chrono::seconds idle_timeout_ = std::chrono::seconds(90),
                        bool demo_ = false)
      : languages(std::move(languages_)), idle_timeout(idle_timeout_), demo(demo_) {}
  std::vector<std::string> languages;  // non-empty; the first is the default
  std::chrono::seconds idle_timeout{90};
  // How long the welcome screen waits, untouched, before the attract screen (ui.attract_after_s).
  std::chrono::seconds attract_after{60};
  bool demo = false;
  std::string upi_payee_vpa;   // payment.upi_vpa; empty: no UPI QR (cash only)
  std::string upi_payee_name;  // payment.payee_name
  std::string consent_version = "v1";
  // Every committed transaction gets a print job for this devices entry; empty: no
  // receipt printer configured, no job.
  std::string receipt_printer;
  std::string csc_id;    // kiosk.csc_id, printed on receipts
  std::string kiosk_id;  // kiosk.id
  std::string csc_name;  // kiosk.csc_name, in the header of every screen
  // UIDAI's certificate for Secure QR signatures (uidai.cert_path); empty: a scanned QR
  // fills the form but is shown as unverified.
  std::filesystem::path uidai_cert_path;
};

// A whole new configuration for the core (main builds it from the signed bundle in force):
// taken at once on the welcome screen, else when the citizen's session ends.
struct LiveConfig {
  CoreSettings settings;
  services::Catalogue catalogue;
  std::shared_ptr<const i18n::Strings> strings;  // the screens' texts, overrides included
  std::uint64_t generation = 0;                  // increases with each configuration
};

}  // namespace kiosk::app
