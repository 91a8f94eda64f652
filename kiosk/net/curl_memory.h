// Internal to kiosk/net: libcurl's allocator, zeroing every block before it goes back to
// the heap. The /v1/auth request carries the full Aadhaar number and the PID block
// (contract §5); curl copies small bodies into its send buffer and keeps headers and
// answers in its own blocks, which a later core dump or heap read would show. With
// curl_global_init_mem, none of curl's blocks is freed (or moved by realloc) unzeroed.
#pragma once

#include <curl/curl.h>

namespace kiosk::net {

// curl_global_init with the zeroing allocator. Must be the process's first curl call;
// http_client.cpp calls it once.
CURLcode global_init_with_zeroing_allocator();

// Blocks freed through the allocator since the process started, for tests that prove it
// is in place.
unsigned long long curl_blocks_zeroed();

}  // namespace kiosk::net
