// What each RD Service error code means to the citizen and to the operator
// (../shared/research/india.md §2: BioEnable's ErrorCode list, which other clients agree
// with). One table; the screens show `citizen_key` (assets/i18n, Hindi and English), the
// operator's log, alerts and `kioskctl capture-test` show `operator_action`.
#pragma once

#include <span>
#include <string_view>

namespace kiosk::biometric {

// What the kiosk does about a capture that failed this way.
enum class RdRecovery {
  RetryCapture,  // the citizen may simply try again (timeout, a poor read)
  ResetReader,   // the reader needs a USB reset and rediscovery (720, 740)
  Operator,      // nothing the citizen can do: the operator must act
};

struct RdErrorMeaning {
  int code = 0;
  std::string_view name;         // "timeout", "device-busy" … (logs, JSON)
  std::string_view citizen_key;  // i18n key, e.g. "fingerprint.error.timeout"
  std::string_view operator_action;
  RdRecovery recovery = RdRecovery::Operator;
};

// Every code the table knows, for tests and documentation.
std::span<const RdErrorMeaning> rd_error_table();

// The meaning of one errCode; codes the table lacks get a generic meaning by range
// (1xx: PidOptions, 7xx: device, anything else: the RD Service) with `code` set.
RdErrorMeaning explain_rd_error(int code);

// Failures of our own, with the same shape: no RD Service answered; a capture said
// success without the encrypted blocks; the RD Service answered nonsense.
RdErrorMeaning no_rd_service();
RdErrorMeaning capture_incomplete();
RdErrorMeaning rd_garbled_answer();

}  // namespace kiosk::biometric
