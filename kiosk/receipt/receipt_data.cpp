#include "kiosk/receipt/receipt_data.h"

#include "kiosk/qr/aadhaar_number.h"

namespace kiosk::receipt {

using nlohmann::json;

json to_json(const ReceiptData& d) {
  json j{
      {"csc_id", d.csc_id},
      {"kiosk_id", d.kiosk_id},
      {"service_hi", d.service_hi},
      {"service_en", d.service_en},
      {"receipt_no", d.receipt_no},
      // Seconds: a 13-digit millisecond count would look like an Aadhaar number.
      {"at_s", std::chrono::duration_cast<std::chrono::seconds>(d.at.time_since_epoch()).count()},
      {"amount_paise", d.amount_paise},
      {"fee_paise", d.fee_paise},
      {"payment_mode", d.payment_mode},
      {"payment_ref", d.payment_ref},
      {"applicant_masked", d.applicant_masked},
      {"mobile_masked", d.mobile_masked},
      {"aadhaar_masked", d.aadhaar_masked},
      {"completed", d.completed},
      {"reason_hi", d.reason_hi},
      {"reason_en", d.reason_en}};
  if (d.bill) {
    j["bill"] = {{"bill_no", d.bill->bill_no},
                 {"biller_ref", d.bill->biller_ref},
                 {"consumer_no", d.bill->consumer_no}};
  }
  return j;
}

namespace {

Result<std::string> text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    return fail(Errc::InvalidInput, std::string("receipt field \"") + key + "\" must be text");
  return it->get<std::string>();
}

Result<std::int64_t> integer(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer())
    return fail(Errc::InvalidInput, std::string("receipt field \"") + key + "\" must be a number");
  return it->get<std::int64_t>();
}

}  // namespace

Result<ReceiptData> receipt_from_json(const json& j) {
  if (!j.is_object()) return fail(Errc::InvalidInput, "a receipt's fields must be an object");
  // Searched without the payment reference (a UPI UTR is itself 12 digits, and so is a
  // CSC id), as the outbox searches a transaction without its payment ref.
  auto searched = j;
  searched.erase("payment_ref");
  searched.erase("csc_id");
  if (qr::contains_aadhaar_like_number(
          searched.dump(-1, ' ', false, json::error_handler_t::replace)))
    return fail(Errc::InvalidInput, "a receipt holds a 12-digit number; only masked numbers print");
  ReceiptData d;
  std::string* texts[] = {&d.csc_id,        &d.kiosk_id,       &d.service_hi,  &d.service_en,
                          &d.receipt_no,    &d.payment_mode,   &d.payment_ref, &d.applicant_masked,
                          &d.mobile_masked, &d.aadhaar_masked, &d.reason_hi,   &d.reason_en};
  const char* keys[] = {"csc_id",        "kiosk_id",       "service_hi",  "service_en",
                        "receipt_no",    "payment_mode",   "payment_ref", "applicant_masked",
                        "mobile_masked", "aadhaar_masked", "reason_hi",   "reason_en"};
  for (std::size_t i = 0; i < std::size(keys); ++i) {
    auto v = text(j, keys[i]);
    if (!v) return std::unexpected(v.error());
    *texts[i] = std::move(*v);
  }
  auto at = integer(j, "at_s");
  auto amount = integer(j, "amount_paise");
  auto fee = integer(j, "fee_paise");
  if (!at) return std::unexpected(at.error());
  if (!amount) return std::unexpected(amount.error());
  if (!fee) return std::unexpected(fee.error());
  if (*amount < 0 || *fee < 0) return fail(Errc::InvalidInput, "a receipt's amounts must be >= 0");
  d.at = Clock::WallTime(std::chrono::seconds(*at));
  d.amount_paise = *amount;
  d.fee_paise = *fee;
  auto completed = j.find("completed");
  if (completed == j.end() || !completed->is_boolean())
    return fail(Errc::InvalidInput, "receipt field \"completed\" must be true or false");
  d.completed = completed->get<bool>();
  if (auto bill = j.find("bill"); bill != j.end()) {
    auto no = text(*bill, "bill_no");
    auto ref = text(*bill, "biller_ref");
    auto consumer = text(*bill, "consumer_no");
    if (!no || !ref || !consumer) return fail(Errc::InvalidInput, "a receipt's bill is incomplete");
    d.bill = BillDetails{*no, *ref, *consumer};
  }
  return d;
}

}  // namespace kiosk::receipt
