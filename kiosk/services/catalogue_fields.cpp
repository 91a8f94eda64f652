// A catalogue service's consent, biller and form: rules N1–N4, B1, L1–L3, F1–F14 and I3
// of docs/catalogue.md. Each refusal names the service, the field and the problem.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include "kiosk/forms/rules.h"
#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/services/catalogue_parse.h"

namespace kiosk::services::detail {
namespace {

using forms::FieldKind;
using forms::FieldSpec;
using nlohmann::json;

constexpr std::size_t kMaxFields = 20;
constexpr std::size_t kMaxChoices = 20;
constexpr std::int64_t kMaxPaise = 1'000'000'000;

struct KindInfo {
  std::string_view name;
  FieldKind kind;
  std::string_view icon;   // the default pictogram
  std::string_view extra;  // the keys only this kind takes, space-separated
};

constexpr std::array<KindInfo, 10> kKinds{{
    {"name", FieldKind::Name, "person", ""},
    {"hindi_text", FieldKind::HindiText, "edit_note", ""},
    {"text", FieldKind::Text, "edit_note", ""},
    {"mobile", FieldKind::Mobile, "phone_iphone", ""},
    {"aadhaar", FieldKind::Aadhaar, "badge", ""},
    {"pincode", FieldKind::PinCode, "pin_drop", ""},
    {"date", FieldKind::Date, "event", "not_before not_after"},
    {"amount", FieldKind::Amount, "currency_rupee", "min_paise max_paise"},
    {"choice", FieldKind::Choice, "checklist", "choices"},
    {"consumer_no", FieldKind::ConsumerNo, "receipt_long", "pattern"},
}};

// Ids the kiosk fills in itself (the bill's, the receipt's, the fingerprint's).
constexpr std::array<std::string_view, 8> kKioskSetIds{
    "bill_no",        "biller_ref",  "receipt_no",        "auth_ref",
    "identity_check", "identity_qr", "identity_document", "identity_fields"};

const KindInfo* kind_info(const json& node) {
  if (!node.is_string()) return nullptr;
  const auto name = node.get<std::string>();
  auto it = std::ranges::find(kKinds, name, &KindInfo::name);
  return it == kKinds.end() ? nullptr : &*it;
}

Status known_keys(const json& node, const std::string& at, const KindInfo& kind) {
  constexpr std::string_view kCommon = " id kind required label help icon from_aadhaar ";
  for (const auto& [key, value] : node.items()) {
    const std::string padded = " " + key + " ";
    if (kCommon.find(padded) != std::string_view::npos) continue;
    if ((" " + std::string(kind.extra) + " ").find(padded) != std::string::npos) continue;
    return invalid(
        fmt::format("{}: unknown key \"{}\" for a field of kind \"{}\"", at, key, kind.name));
  }
  return {};
}

// F5: the applicant's own fields keep their ids, so they reach `applicant`.
Status applicant_id(const std::string& at, const std::string& id, const KindInfo& kind) {
  for (std::string_view own : {"name", "mobile", "aadhaar"}) {
    if (id == own && kind.name != own)
      return invalid(fmt::format("{}: the field \"{}\" must be of kind \"{}\"", at, id, own));
  }
  for (std::string_view own : {"mobile", "aadhaar"}) {
    if (kind.name == own && id != own)
      return invalid(
          fmt::format("{}: a field of kind \"{}\" must have the id \"{}\"", at, own, own));
  }
  return {};
}

Status parse_required(const json& node, const std::string& at, FieldSpec& field) {
  if (node.contains("required") && !node["required"].is_boolean())
    return invalid(at + ": \"required\" must be true or false");
  field.required = node.value("required", true);
  if (field.kind == FieldKind::Aadhaar && field.required)
    return invalid(at +
                   ": \"required\" must be false for an Aadhaar number: a citizen without one "
                   "must be able to apply (india.md §5)");
  return {};
}

Status parse_choices(const json& node, const std::string& at, const std::string& key_prefix,
                     FieldSpec& field, FieldText& text) {
  const json list = node.value("choices", json());
  if (!list.is_array() || list.size() < 2 || list.size() > kMaxChoices)
    return invalid(at + ": \"choices\" must list 2 to 20 choices");
  static const std::regex id_pattern("[a-z0-9_]{1,32}");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string here = fmt::format("{}.choices[{}]", at, k);
    const json& c = list[k];
    if (!c.is_object() || !c.contains("id") || !c["id"].is_string() ||
        !std::regex_match(c["id"].get<std::string>(), id_pattern))
      return invalid(here + ": needs an \"id\" like \"education\"");
    const std::string id = c["id"].get<std::string>();
    if (text.choices.contains(id))
      return invalid(fmt::format("{} ({}): choice listed twice", here, id));
    for (const auto& [key, value] : c.items()) {
      if (key != "id" && key != "label" && key != "icon")
        return invalid(fmt::format("{} ({}): unknown key \"{}\"", here, id, key));
    }
    auto label = local_text(c.value("label", json()), here + ".label");
    if (!label) return std::unexpected(label.error());
    std::string icon;
    if (c.contains("icon")) {
      auto named = icon_name(c["icon"], here);
      if (!named) return std::unexpected(named.error());
      icon = std::move(*named);
    }
    text.choices.emplace(id, std::move(*label));
    field.choices.push_back({id, key_prefix + "." + id, std::move(icon)});
  }
  return {};
}

// 12 digits in a row, or three groups of four ("9999-9999-9999"): what the kiosk refuses
// to store (qr::contains_aadhaar_like_number), so it may not be asked for.
bool mask_could_hold_aadhaar(const std::string& mask) {
  std::string widest = mask;
  std::ranges::replace(widest, 'X', '9');
  std::ranges::replace(widest, '/', '-');
  return qr::contains_aadhaar_like_number(widest);
}

Status parse_pattern(const json& node, const std::string& at, FieldSpec& field) {
  json masks = node.value("pattern", json());
  if (masks.is_string()) masks = json::array({masks});
  if (!masks.is_array() || masks.empty() || masks.size() > forms::kMaxMasks)
    return invalid(at + ": \"pattern\" must be a mask or a list of 1 to 8 masks");
  for (const json& m : masks) {
    const std::string mask = m.is_string() ? m.get<std::string>() : m.dump();
    if (!m.is_string() || !forms::mask_well_formed(mask))
      return invalid(
          fmt::format("{}: \"pattern\" \"{}\" may only hold 9, A, X, - and /, 1 to "
                      "24 of them, at least one of 9, A, X",
                      at, mask));
    if (mask_could_hold_aadhaar(mask))
      return invalid(
          fmt::format("{}: \"pattern\" \"{}\" holds 12 digits in a row, which the "
                      "kiosk refuses to store (it could be an Aadhaar number)",
                      at, mask));
    field.masks.push_back(mask);
  }
  return {};
}

Status parse_amount_range(const json& node, const std::string& at, FieldSpec& field) {
  const auto bound = [&](const char* key, std::int64_t fallback) -> std::optional<std::int64_t> {
    if (!node.contains(key)) return fallback;
    if (!node[key].is_number_integer()) return std::nullopt;
    return node[key].get<std::int64_t>();
  };
  const auto low = bound("min_paise", field.min_paise), high = bound("max_paise", field.max_paise);
  if (!low || !high || *low < 0 || *low > *high || *high > kMaxPaise)
    return invalid(at +
                   ": \"min_paise\" and \"max_paise\" must be whole paise, 0 ≤ min ≤ max "
                   "≤ 1000000000");
  field.min_paise = *low;
  field.max_paise = *high;
  return {};
}

Status parse_date_range(const json& node, const std::string& at, FieldSpec& field) {
  field.not_after = "today";
  for (const char* key : {"not_before", "not_after"}) {
    if (!node.contains(key)) continue;
    const json& v = node[key];
    const std::string text = v.is_string() ? v.get<std::string>() : std::string();
    if (text != "today" && !forms::valid_iso_date(text))
      return invalid(
          fmt::format("{}: \"{}\" must be \"YYYY-MM-DD\" (a real date) or \"today\"", at, key));
    (std::string_view(key) == "not_before" ? field.not_before : field.not_after) = text;
  }
  // "today" is later than any date written as digits, and not earlier than itself.
  const auto order = [](const std::string& d) { return d == "today" ? std::string("9") : d; };
  if (order(field.not_before) > order(field.not_after))
    return invalid(at + ": \"not_before\" is later than \"not_after\"");
  return {};
}

// F15: what an Aadhaar QR may fill, into a field of a kind that can hold it.
Status parse_from_aadhaar(const json& node, const std::string& at, FieldSpec& field) {
  if (!node.contains("from_aadhaar")) return {};
  const json& from = node["from_aadhaar"];
  const auto known =
      std::ranges::find(forms::kIdentitySources, from.is_string() ? from.get<std::string>() : "");
  if (known == std::end(forms::kIdentitySources))
    return invalid(at +
                   ": \"from_aadhaar\" must be one of name, care_of, address, pincode, dob, "
                   "gender");
  const std::string_view source = *known;
  const bool text = field.kind == FieldKind::Name || field.kind == FieldKind::Text ||
                    field.kind == FieldKind::HindiText;
  const bool fits = (source == "name" || source == "care_of" || source == "address") ? text
                    : source == "pincode" ? field.kind == FieldKind::PinCode
                    : source == "dob"     ? field.kind == FieldKind::Date
                                          : field.kind == FieldKind::Choice;
  if (!fits)
    return invalid(
        fmt::format("{}: \"from_aadhaar\": \"{}\" cannot fill a field of this kind", at, source));
  if (source == "gender") {
    for (std::string_view id : {"male", "female", "transgender"})
      if (std::ranges::find(field.choices, id, &forms::Choice::id) == field.choices.end())
        return invalid(fmt::format(
            "{}: \"from_aadhaar\": \"gender\" needs the choices male, female and transgender", at));
  }
  field.from_aadhaar = std::string(source);
  return {};
}

Status parse_kind_keys(const json& node, const std::string& at, const std::string& key_prefix,
                       FieldSpec& field, FieldText& text) {
  switch (field.kind) {
    case FieldKind::Choice:
      return parse_choices(node, at, key_prefix, field, text);
    case FieldKind::ConsumerNo:
      return parse_pattern(node, at, field);
    case FieldKind::Amount:
      return parse_amount_range(node, at, field);
    case FieldKind::Date:
      return parse_date_range(node, at, field);
    default:
      return {};
  }
}

Status parse_texts(const json& node, const std::string& at, FieldSpec& field, FieldText& text) {
  auto label = local_text(node.value("label", json()), at + ".label");
  if (!label) return std::unexpected(label.error());
  text.label = std::move(*label);
  if (node.contains("help")) {
    auto help = local_text(node["help"], at + ".help");
    if (!help) return std::unexpected(help.error());
    text.help = std::move(*help);
    field.help_key = field.label_key + ".help";
  }
  if (node.contains("icon")) {
    auto icon = icon_name(node["icon"], at);
    if (!icon) return std::unexpected(icon.error());
    field.icon = std::move(*icon);
  }
  return {};
}

Result<FieldSpec> parse_field(const json& node, const std::string& where, std::size_t j,
                              Service& service) {
  static const std::regex id_pattern("[a-z][a-z0-9_]{0,31}");
  const std::string bare = fmt::format("{}.fields[{}]", where, j);
  if (!node.is_object() || !node.contains("id") || !node["id"].is_string() ||
      !std::regex_match(node["id"].get<std::string>(), id_pattern))
    return invalid(bare + ": needs an \"id\" like \"father_name\"");
  FieldSpec field{.id = node["id"].get<std::string>()};
  const std::string at = fmt::format("{} ({})", bare, field.id);
  if (service.field_texts.contains(field.id)) return invalid(at + ": field listed twice");
  if (std::ranges::find(kKioskSetIds, field.id) != kKioskSetIds.end())
    return invalid(fmt::format("{}: \"{}\" is set by the kiosk, not typed", at, field.id));
  const KindInfo* kind = kind_info(node.value("kind", json()));
  if (kind == nullptr)
    return invalid(at +
                   ": \"kind\" must be one of name, hindi_text, text, mobile, aadhaar, pincode, "
                   "date, amount, choice, consumer_no");
  field.kind = kind->kind;
  field.icon = std::string(kind->icon);
  field.label_key = fmt::format("svc.{}.{}", service.id, field.id);
  FieldText text;
  if (auto ok = known_keys(node, at, *kind); !ok) return std::unexpected(ok.error());
  if (auto ok = applicant_id(at, field.id, *kind); !ok) return std::unexpected(ok.error());
  if (auto ok = parse_required(node, at, field); !ok) return std::unexpected(ok.error());
  if (auto ok = parse_texts(node, at, field, text); !ok) return std::unexpected(ok.error());
  if (auto ok = parse_kind_keys(node, at, field.label_key, field, text); !ok)
    return std::unexpected(ok.error());
  if (field.kind == FieldKind::ConsumerNo && service.kind != ServiceKind::BillPayment)
    return invalid(at + ": a field of kind \"consumer_no\" belongs to a bill_payment service");
  if (auto ok = parse_from_aadhaar(node, at, field); !ok) return std::unexpected(ok.error());
  service.field_texts.emplace(field.id, std::move(text));
  return field;
}

}  // namespace

Status parse_consent(const json& node, const std::string& where, Service& service) {
  if (service.kind == ServiceKind::StatusLookup) {
    if (node.contains("consent"))
      return invalid(where + ": a status_lookup service asks for no personal data: no \"consent\"");
    return {};
  }
  const json c = node.value("consent", json());
  if (!c.is_object())
    return invalid(where +
                   ": needs a \"consent\" with \"version\", \"purpose\", \"data\" and "
                   "\"alternatives\"");
  static const std::regex version_pattern("[a-z0-9][a-z0-9._-]{0,63}");
  if (!c.contains("version") || !c["version"].is_string() ||
      !std::regex_match(c["version"].get<std::string>(), version_pattern))
    return invalid(where + ".consent: \"version\" must be an id like \"cg-edistrict-2026-1\"");
  Consent consent{.version = c["version"].get<std::string>()};
  for (auto [key, text] : {std::pair{"purpose", &consent.purpose}, std::pair{"data", &consent.data},
                           std::pair{"alternatives", &consent.alternatives}}) {
    auto parsed = local_text(c.value(key, json()), fmt::format("{}.consent.{}", where, key));
    if (!parsed) return std::unexpected(parsed.error());
    *text = std::move(*parsed);
  }
  service.consent = std::move(consent);
  return {};
}

Status parse_biller(const json& node, const std::string& where, Service& service) {
  const bool bill = service.kind == ServiceKind::BillPayment;
  if (!bill) {
    if (node.contains("biller_id"))
      return invalid(where + ": \"biller_id\" is only for a bill_payment service");
    return {};
  }
  static const std::regex pattern("[A-Z0-9][A-Z0-9_-]{0,31}");
  const json id = node.value("biller_id", json());
  if (!id.is_string() || !std::regex_match(id.get<std::string>(), pattern))
    return invalid(where + ": \"biller_id\" must be the backend's biller id, like \"CSPDCL\"");
  service.biller_id = id.get<std::string>();
  return {};
}

Status parse_fields(const json& node, const std::string& where, Service& service) {
  if (service.kind == ServiceKind::StatusLookup) {
    if (node.contains("fields"))
      return invalid(where +
                     ": a status_lookup service has no \"fields\" (the receipt number is built "
                     "in)");
    return {};
  }
  const json list = node.value("fields", json());
  if (!list.is_array() || list.empty() || list.size() > kMaxFields)
    return invalid(where + ": \"fields\" must be a list of 1 to 20 fields");
  for (std::size_t j = 0; j < list.size(); ++j) {
    auto field = parse_field(list[j], where, j, service);
    if (!field) return std::unexpected(field.error());
    service.fields.push_back(std::move(*field));
  }
  const auto has = [&](std::string_view id, FieldKind kind) {
    return std::ranges::any_of(service.fields,
                               [&](const FieldSpec& f) { return f.id == id && f.kind == kind; });
  };
  if (service.kind == ServiceKind::BillPayment && !has("consumer_no", FieldKind::ConsumerNo))
    return invalid(where +
                   ": a bill_payment service needs one field of kind \"consumer_no\" with the "
                   "id \"consumer_no\"");
  const bool by_fingerprint =
      service.identity == Identity::Fingerprint || service.identity == Identity::Either;
  if (by_fingerprint && !has("aadhaar", FieldKind::Aadhaar))
    return invalid(
        fmt::format("{}: \"identity\" \"{}\" needs a field of kind \"aadhaar\" (the "
                    "number the fingerprint authenticates)",
                    where, service.identity == Identity::Either ? "either" : "fingerprint"));
  return {};
}

}  // namespace kiosk::services::detail
