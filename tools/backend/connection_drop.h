// Closing a client connection with no answer at all: the "drop" faults.
//
// cpp-httplib 0.11 gives handlers no socket, and a content provider that fails only cuts
// the body short after the status line and headers are out. So the socket is found by its
// address pair (Request::local_port/remote_port, which httplib fills in) and shut down
// before httplib writes anything: the client reads end-of-stream with zero bytes, which curl
// calls "Empty reply from server" (error 52) and libcurl CURLE_GOT_NOTHING. httplib's own
// write then fails quietly (EPIPE; SIGPIPE is ignored by main) and it closes the socket.
#pragma once

#include <httplib.h>

namespace kiosk::backend {

// True when the connection of `req` was found and shut down.
bool drop_connection(const httplib::Request& req);

// Shuts down the reading side of every accepted connection on `local_port`. Used when
// stopping: httplib's workers otherwise sit in their keep-alive wait (5 s) before they see
// the server is gone. A handler that is running still writes its answer (only reading is
// shut), then finds end-of-stream and closes; an idle connection closes at once.
void stop_reading_connections(int local_port);

}  // namespace kiosk::backend
