// The catalogue loader's rules (docs/catalogue.md, "New rules"): a valid service of each
// kind parses, and one broken catalogue per rule is refused with a message that names the
// service, the field and the problem.
#include "kiosk/services/catalogue.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "kiosk/services/catalogue_texts.h"
#include "tests/support/paths.h"

using kiosk::forms::FieldKind;
using nlohmann::json;
using namespace kiosk::services;

namespace {

json text(const char* en) {
  return {{"en", en}, {"hi", std::string("हि ") + en}};
}

json consent() {
  return {{"version", "cg-edistrict-2026-1"},
          {"purpose", text("why")},
          {"data", text("what")},
          {"alternatives", text("instead")}};
}

json tile(const char* id, const char* kind) {
  return {{"id", id},       {"kind", kind},       {"amount_paise", 0},
          {"fee_paise", 0}, {"icon", "badge"},    {"category", "c"},
          {"minutes", 5},   {"title", text("t")}, {"summary", text("s")}};
}

json application() {
  json s = tile("cg.income", "application");
  s["amount_paise"] = 3000;
  s["fee_paise"] = 1000;
  s["identity"] = "either";
  s["requires"] = {"printer"};
  s["consent"] = consent();
  s["fields"] = {
      {{"id", "name"}, {"kind", "name"}, {"label", text("Name")}, {"help", text("As on card")}},
      {{"id", "aadhaar"}, {"kind", "aadhaar"}, {"required", false}, {"label", text("Aadhaar")}},
      {{"id", "income"}, {"kind", "amount"}, {"min_paise", 0}, {"label", text("Income")}},
      {{"id", "purpose"},
       {"kind", "choice"},
       {"label", text("Purpose")},
       {"choices",
        {{{"id", "education"}, {"label", text("Education")}},
         {{"id", "other"}, {"label", text("Other")}}}}},
      {{"id", "born"}, {"kind", "date"}, {"not_after", "today"}, {"label", text("Born")}}};
  return s;
}

json bill() {
  json s = tile("bbps.power", "bill_payment");
  s["fee_paise"] = 500;
  s["biller_id"] = "CSPDCL";
  s["consent"] = consent();
  s["fields"] = {{{"id", "consumer_no"},
                  {"kind", "consumer_no"},
                  {"pattern", "9999999999"},
                  {"label", text("Consumer number")}}};
  return s;
}

json status() {
  return tile("status.application", "status_lookup");
}

std::string catalogue_of(const json& service) {
  return json{{"categories", {{{"id", "c"}, {"icon", "home"}, {"title", text("C")}}}},
              {"services", {service}}}
      .dump();
}

// The message of the refusal of `service`, or "" when it parses.
std::string refusal(const json& service) {
  auto parsed = parse_catalogue(catalogue_of(service));
  return parsed ? "" : parsed.error().message;
}

struct Broken {
  const char* rule;
  std::function<json()> service;
  const char* where;    // the service and field the message must name
  const char* problem;  // and the words that say what is wrong
};

}  // namespace

TEST_CASE("A valid service of each kind parses into its kind, consent and form",
          "[services][catalogue]") {
  auto parsed = parse_catalogue(catalogue_of(application()));
  REQUIRE(parsed);
  const Service& app = parsed->services.at(0);
  CHECK(app.kind == ServiceKind::Application);
  CHECK(app.identity == Identity::Either);
  CHECK(app.required_devices == std::vector<Device>{Device::Printer});
  REQUIRE(app.consent);
  CHECK(app.consent->version == "cg-edistrict-2026-1");
  CHECK(app.consent->alternatives.at("hi") == "हि instead");
  REQUIRE(app.fields.size() == 5);
  CHECK(app.fields[0].label_key == "svc.cg.income.name");
  CHECK(app.fields[0].help_key == "svc.cg.income.name.help");
  CHECK(app.fields[0].icon == "person");  // the kind's default pictogram
  CHECK_FALSE(app.fields[1].required);
  CHECK(app.fields[2].min_paise == 0);
  CHECK(app.fields[3].choices.at(1).label_key == "svc.cg.income.purpose.other");
  CHECK(app.fields[4].kind == FieldKind::Date);
  CHECK(app.fields[4].not_after == "today");
  CHECK(app.field_texts.at("purpose").choices.at("education").at("en") == "Education");

  parsed = parse_catalogue(catalogue_of(bill()));
  REQUIRE(parsed);
  CHECK(parsed->services[0].kind == ServiceKind::BillPayment);
  CHECK(parsed->services[0].biller_id == "CSPDCL");
  CHECK(parsed->services[0].fields.at(0).masks == std::vector<std::string>{"9999999999"});

  parsed = parse_catalogue(catalogue_of(status()));
  REQUIRE(parsed);
  CHECK(parsed->services[0].kind == ServiceKind::StatusLookup);
  CHECK(parsed->services[0].fields.empty());
  CHECK_FALSE(parsed->services[0].consent);
}

TEST_CASE("Each broken catalogue rule is refused with the service, the field and the problem",
          "[services][catalogue][validation]") {
  const auto with = [](json s, const std::function<void(json&)>& edit) {
    edit(s);
    return s;
  };
  const auto app = [&](const std::function<void(json&)>& edit) {
    return [=] { return with(application(), edit); };
  };
  const auto field = [&](std::size_t j, const std::function<void(json&)>& edit) {
    return app([=](json& s) { edit(s["fields"][j]); });
  };
  const std::vector<Broken> cases{
      {"K1", app([](json& s) { s["kind"] = "shop"; }), "services[0] (cg.income)",
       "\"kind\" must be"},
      {"K1 missing", app([](json& s) { s.erase("kind"); }), "services[0] (cg.income)", "\"kind\""},
      {"K2", app([](json& s) { s["requried"] = true; }), "services[0] (cg.income)",
       "unknown key \"requried\""},
      {"K2 field", field(0, [](json& f) { f["pattern"] = "99"; }),
       "services[0] (cg.income).fields[0] (name)",
       "unknown key \"pattern\" for a field of kind \"name\""},
      {"K3", [&] { return with(bill(), [](json& s) { s["amount_paise"] = 100; }); },
       "services[0] (bbps.power)", "must be 0 for a bill_payment"},
      {"K4", [&] { return with(status(), [](json& s) { s["fee_paise"] = 100; }); },
       "services[0] (status.application)", "a status_lookup service is free"},
      {"R1", app([](json& s) {
         s["requires"] = {"printer", "printer"};
       }),
       "services[0] (cg.income)", "\"requires\" must be a list"},
      {"R1 unknown", app([](json& s) { s["requires"] = {"camera"}; }), "services[0] (cg.income)",
       "\"requires\""},
      {"I1", app([](json& s) { s["identity"] = "iris"; }), "services[0] (cg.income)",
       "\"identity\" must be"},
      {"I2", [&] { return with(bill(), [](json& s) { s["identity"] = "either"; }); },
       "services[0] (bbps.power)", "must be \"none\" for a bill_payment service"},
      {"I3", app([](json& s) { s["fields"].erase(1); }), "services[0] (cg.income)",
       "needs a field of kind \"aadhaar\""},
      {"N1", app([](json& s) { s.erase("consent"); }), "services[0] (cg.income)",
       "needs a \"consent\""},
      {"N2", [&] { return with(status(), [](json& s) { s["consent"] = consent(); }); },
       "services[0] (status.application)", "no \"consent\""},
      {"N3", app([](json& s) { s["consent"]["version"] = "V 1"; }),
       "services[0] (cg.income).consent", "\"version\" must be an id"},
      {"N4", app([](json& s) {
         s["consent"]["data"] = {{"hi", "x"}};
       }),
       "services[0] (cg.income).consent.data", "at least \"en\""},
      {"B1", [&] { return with(bill(), [](json& s) { s["biller_id"] = "cspdcl"; }); },
       "services[0] (bbps.power)", "\"biller_id\" must be"},
      {"B1 elsewhere", app([](json& s) { s["biller_id"] = "CSPDCL"; }), "services[0] (cg.income)",
       "only for a bill_payment"},
      {"L1", app([](json& s) { s["fields"] = json::array(); }), "services[0] (cg.income)",
       "\"fields\" must be a list of 1 to 20"},
      {"L2", [&] { return with(status(), [](json& s) { s["fields"] = json::array(); }); },
       "services[0] (status.application)", "has no \"fields\""},
      {"L3", [&] { return with(bill(), [](json& s) { s["fields"][0]["id"] = "number"; }); },
       "services[0] (bbps.power)", "needs one field of kind \"consumer_no\""},
      {"F1", field(2, [](json& f) { f["id"] = "Income"; }), "services[0] (cg.income).fields[2]",
       "needs an \"id\""},
      {"F2", field(2, [](json& f) { f["id"] = "purpose"; }),
       "services[0] (cg.income).fields[3] (purpose)", "field listed twice"},
      {"F3", field(2, [](json& f) { f["id"] = "bill_no"; }),
       "services[0] (cg.income).fields[2] (bill_no)", "set by the kiosk"},
      {"F4", field(2, [](json& f) { f["kind"] = "photo"; }),
       "services[0] (cg.income).fields[2] (income)", "\"kind\" must be one of"},
      {"F5",
       field(2,
             [](json& f) {
               f["kind"] = "mobile";
               f.erase("min_paise");
             }),
       "services[0] (cg.income).fields[2] (income)", "must have the id \"mobile\""},
      {"F5 id", field(0, [](json& f) { f["kind"] = "text"; }),
       "services[0] (cg.income).fields[0] (name)", "must be of kind \"name\""},
      {"F6", field(1, [](json& f) { f["required"] = true; }),
       "services[0] (cg.income).fields[1] (aadhaar)", "must be false for an Aadhaar number"},
      {"F7", field(0, [](json& f) { f["required"] = "yes"; }),
       "services[0] (cg.income).fields[0] (name)", "true or false"},
      {"F8",
       field(0,
             [](json& f) {
               f["help"] = {{"en", ""}};
             }),
       "services[0] (cg.income).fields[0] (name).help.en", "non-empty text"},
      {"F8 label", field(0, [](json& f) { f.erase("label"); }),
       "services[0] (cg.income).fields[0] (name).label", "at least \"en\""},
      {"F9", field(0, [](json& f) { f["icon"] = "Big Person"; }),
       "services[0] (cg.income).fields[0] (name)", "icon name"},
      {"F10", field(3, [](json& f) { f["choices"].erase(1); }),
       "services[0] (cg.income).fields[3] (purpose)", "2 to 20 choices"},
      {"F10 twice", field(3, [](json& f) { f["choices"][1]["id"] = "education"; }),
       "services[0] (cg.income).fields[3] (purpose).choices[1] (education)", "choice listed twice"},
      {"F11", [&] { return with(bill(), [](json& s) { s["fields"][0]["pattern"] = "99?9"; }); },
       "services[0] (bbps.power).fields[0] (consumer_no)", "may only hold 9, A, X"},
      {"F11 Aadhaar-like",
       [&] { return with(bill(), [](json& s) { s["fields"][0]["pattern"] = "999999999999"; }); },
       "services[0] (bbps.power).fields[0] (consumer_no)", "12 digits in a row"},
      {"F11 groups of four",
       [&] { return with(bill(), [](json& s) { s["fields"][0]["pattern"] = "9999-XXXX/9999"; }); },
       "services[0] (bbps.power).fields[0] (consumer_no)", "12 digits in a row"},
      {"F11 list",
       [&] { return with(bill(), [](json& s) { s["fields"][0]["pattern"] = json::array(); }); },
       "services[0] (bbps.power).fields[0] (consumer_no)", "a list of 1 to 8 masks"},
      {"F12", field(2, [](json& f) { f["max_paise"] = -1; }),
       "services[0] (cg.income).fields[2] (income)", "\"min_paise\" and \"max_paise\""},
      {"F13", field(4, [](json& f) { f["not_before"] = "2023-02-29"; }),
       "services[0] (cg.income).fields[4] (born)", "\"not_before\" must be \"YYYY-MM-DD\""},
      {"F13 order",
       field(4,
             [](json& f) {
               f["not_before"] = "2000-01-01";
               f["not_after"] = "1999-12-31";
             }),
       "services[0] (cg.income).fields[4] (born)", "later than \"not_after\""},
      {"F14", app([](json& s) {
         s["fields"].push_back({{"id", "consumer_no"},
                                {"kind", "consumer_no"},
                                {"pattern", "99"},
                                {"label", text("C")}});
       }),
       "services[0] (cg.income).fields[5] (consumer_no)", "belongs to a bill_payment service"},
  };
  for (const Broken& b : cases) {
    INFO(b.rule);
    const std::string message = refusal(b.service());
    INFO(message);
    CHECK(message.find(b.where) != std::string::npos);
    CHECK(message.find(b.problem) != std::string::npos);
  }
  // The controls: the unbroken services parse.
  CHECK(refusal(application()).empty());
  CHECK(refusal(bill()).empty());
  CHECK(refusal(status()).empty());
}

TEST_CASE("The shipped catalogue's labels, help, choices and consent read in Hindi and English",
          "[services][catalogue][i18n]") {
  auto catalogue = load_catalogue(kiosk::testing::assets_dir() / "services" / "catalogue.json");
  REQUIRE(catalogue);
  std::map<std::string, std::set<std::string>> languages_of;  // key → languages
  for (const auto& t : catalogue_texts(*catalogue)) {
    CHECK_FALSE(t.text.empty());
    languages_of[t.key].insert(t.language);
  }
  const auto has_both = [&](const std::string& key) {
    INFO(key);
    CHECK(languages_of[key] == std::set<std::string>{"en", "hi"});
  };
  int fields = 0;
  for (const auto& s : catalogue->services) {
    if (s.consent) {
      for (const char* part : {"purpose", "data", "alternatives"})
        has_both("svc." + s.id + ".consent." + part);
    } else {
      CHECK(s.kind == ServiceKind::StatusLookup);
    }
    for (const auto& f : s.fields) {
      ++fields;
      has_both(f.label_key);
      if (!f.help_key.empty()) has_both(f.help_key);
      for (const auto& c : f.choices) has_both(c.label_key);
    }
  }
  CHECK(fields > 10);
}
