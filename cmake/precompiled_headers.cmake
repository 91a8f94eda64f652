# Precompiled headers: the heavy headers most files include (the standard library, fmt,
# nlohmann-json, and Catch2 for the tests), parsed once per target instead of once per
# file. nlohmann-json alone costs ~3 s of every file that includes it, and half of the
# files do; the clean build and test run must stay under 30 minutes on two cores.
#
# CMake adds -Winvalid-pch, an error under -Werror: a PCH that GCC would silently ignore
# (flags that differ between a target and the PCH it reuses) fails the build instead of
# slowing it.
option(KIOSK_PCH "Precompile the common headers" ON)

set(KIOSK_PCH_STD <algorithm> <chrono> <cstdint> <expected> <filesystem> <functional> <map>
                  <memory> <mutex> <optional> <string> <string_view> <thread> <vector>)
set(KIOSK_PCH_COMMON ${KIOSK_PCH_STD} <fmt/format.h> <nlohmann/json.hpp>)

# kiosk_precompile(target [headers...]): the target's own PCH of the common set and more.
function(kiosk_precompile target)
  if(NOT KIOSK_PCH)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE ${KIOSK_PCH_COMMON} ${ARGN})
endfunction()

# kiosk_reuse_precompiled(target from): the PCH of `from`, whose flags it shares.
function(kiosk_reuse_precompiled target from)
  if(NOT KIOSK_PCH)
    return()
  endif()
  target_precompile_headers(${target} REUSE_FROM ${from})
endfunction()
