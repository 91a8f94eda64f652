// The service catalogue: what a citizen can do at this kiosk, with fees, how long it takes,
// the documents to bring and a pictogram for each. Loaded from
// assets/services/catalogue.json (schema: docs/catalogue.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/result.h"
#include "kiosk/forms/field.h"

namespace kiosk::services {

// Text in each language, keyed by language code ("en", "hi").
using LocalText = std::map<std::string, std::string, std::less<>>;

// A document the citizen must bring, with its pictogram (an icon name from the icon
// font's map, text.icon_names; "description" when the catalogue names none).
struct Document {
  LocalText title;
  std::string icon = "description";
  bool operator==(const Document&) const = default;
};

// A group of services on the home screen (shown as tabs once there are more than eight).
struct Category {
  std::string id;  // e.g. "certificates"
  LocalText title;
  std::string icon;
  bool operator==(const Category&) const = default;
};

// What the citizen does (docs/catalogue.md, "kind").
enum class ServiceKind { Application, BillPayment, StatusLookup };
// How an applicant may prove who they are; every value but None has a non-Aadhaar
// alternative (the consent says which, and the aadhaar field is optional).
enum class Identity { None, AadhaarQr, Fingerprint, Either };
// A device a service cannot finish without (the journey's pre-flight check).
enum class Device { Printer, Scanner, Fingerprint };

// What the citizen agrees to before any personal data is asked for or sent.
struct Consent {
  std::string version = {};  // recorded in the transaction's consent.text_version
  LocalText purpose = {}, data = {}, alternatives = {};
  bool operator==(const Consent&) const = default;
};

// A catalogue field's texts. The screens reach them through i18n keys
// (catalogue_texts.h): "svc.<service>.<field>", ".help", ".<choice>".
struct FieldText {
  LocalText label = {}, help = {};
  std::map<std::string, LocalText> choices = {};  // by choice id
  bool operator==(const FieldText&) const = default;
};

struct Service {
  std::string id;  // e.g. "cg.edistrict.income_certificate"
  ServiceKind kind = ServiceKind::Application;
  LocalText title;
  LocalText summary;
  std::vector<Document> documents;  // what the citizen must bring
  // A price has two parts (contract: amount and fee are different figures): the amount
  // (the government's fee, or the bill) and the CSC's service charge (the fee).
  std::int64_t amount_paise = 0;
  std::int64_t fee_paise = 0;
  std::string icon;      // the tile's pictogram: an icon name (text.icon_names)
  std::string category;  // a Category id of the same catalogue
  int minutes = 0;       // how long it takes at the kiosk, shown on the tile
  std::vector<Device> required_devices = {};
  Identity identity = Identity::None;
  std::optional<Consent> consent = {};  // none: no consent screen (status lookups)
  std::string biller_id = {};           // bill_payment only: the backend's biller id
  // The form, in the order asked. Empty for a status lookup (its receipt field is built
  // in) and for catalogues built in code by tests (forms::form_for gives those the
  // applicant's three fields).
  forms::Form fields = {};
  std::map<std::string, FieldText> field_texts = {};  // by field id
  std::int64_t total_paise() const { return amount_paise + fee_paise; }
  bool operator==(const Service&) const = default;
};

struct Catalogue {
  std::vector<Category> categories;  // in display order
  std::vector<Service> services;     // in display order
  bool operator==(const Catalogue&) const = default;
};

std::string_view to_string(ServiceKind kind);

// The text for `language`, falling back to English, then to any text at all.
std::string_view pick(const LocalText& text, std::string_view language);

// Bounded (1 MiB) and strict: a service's category must be declared, its icon a plain
// name, its minutes 1 to 600; every error names the entry. The catalogue may come from a
// signed bundle, so its parser has a fuzz target (tests/fuzz/catalogue.fuzz.cpp).
inline constexpr std::size_t kMaxCatalogueBytes = 1u << 20;
Result<Catalogue> parse_catalogue(std::string_view json_text);
Result<Catalogue> load_catalogue(const std::filesystem::path& file);

}  // namespace kiosk::services
