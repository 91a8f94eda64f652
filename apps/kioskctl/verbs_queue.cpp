// Outbox verbs: enroll, queue status|list|show|redrive|enqueue-test, sync --once.
#include "apps/kioskctl/verbs.h"

namespace kioskctl {

void register_queue_verbs(CLI::App&, const Globals&, int&) {}

}  // namespace kioskctl
