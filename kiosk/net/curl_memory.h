// libcurl's (and OpenSSL's) allocator, zeroing every block before it goes back to the
// heap; http_client.cpp installs curl's, csc-kiosk's main OpenSSL's. The /v1/auth request carries
// the full Aadhaar number and the PID block (contract §5); curl copies small bodies into its send
// buffer and keeps headers and answers in its own blocks, which a later core dump or heap read
// would show. With curl_global_init_mem, none of curl's blocks is freed (or moved by realloc)
// unzeroed.
#pragma once

#include <curl/curl.h>

namespace kiosk::net {

// curl_global_init with the zeroing allocator. Must be the process's first curl call;
// http_client.cpp calls it once.
CURLcode global_init_with_zeroing_allocator();

// OpenSSL's heap zeroes what it frees too (TLS record buffers hold the auth body over an
// HTTPS backend, and a PID block from an HTTPS-only RD Service). Must run before OpenSSL
// allocates anything: the first thing main does. False when it was too late.
bool zero_openssl_heap();

// Blocks freed through the allocator since the process started, for tests that prove it
// is in place.
unsigned long long curl_blocks_zeroed();

}  // namespace kiosk::net
