# Unity builds: the libraries, programs and tools compile as batches of 8 source files, so
# nlohmann-json's, fmt's and the standard library's templates are instantiated and optimised
# once per batch instead of once per file (docs/benchmarks.md, "Clean build and test"). The
# test command on a fresh clone must stay under 30 minutes on two cores.
#
# A file that cannot share a batch is marked where it is listed, with the reason:
#   set_source_files_properties(FILE PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
# Developers who rebuild one file at a time may configure with -DKIOSK_UNITY=OFF; the
# per-file build must keep compiling too (every header includes what it uses).
option(KIOSK_UNITY "Compile the libraries and programs in batches (unity build)" ON)
if(KIOSK_UNITY)
  set(CMAKE_UNITY_BUILD ON)
  set(CMAKE_UNITY_BUILD_BATCH_SIZE 8)
endif()
