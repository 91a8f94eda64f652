// Device verbs: devices [--json].
#include "apps/kioskctl/verbs.h"

namespace kioskctl {

void register_device_verbs(CLI::App&, const Globals&, int&) {}

}  // namespace kioskctl
