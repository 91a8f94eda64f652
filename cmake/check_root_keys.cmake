# The signed-configuration root a package ships (KIOSK_ROOT_KEYS_FILE) must be the state's,
# never the demo's: the demo's private keys are in the repository (config/keys/), so a
# kiosk trusting them would take a bundle from anyone. docs/deploy.md, "Root keys".
#
# Included by cmake/packaging.cmake, and runnable on its own so the test can prove it:
#
#   cmake -DROOT_KEYS_FILE=FILE -DDEMO_KEYS_DIR=config/keys -P cmake/check_root_keys.cmake
#
# Exit 0 when FILE may be shipped; otherwise a fatal error that says why.

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  cmake_minimum_required(VERSION 3.25)  # script mode has no project's policies (IN_LIST)
endif()

# kiosk_root_keys_problem(<file> <demo-keys-dir> <out-var>): sets <out-var> to why <file>
# must not be shipped, or to "" when it may be.
function(kiosk_root_keys_problem file demo_dir out)
  set(${out} "" PARENT_SCOPE)
  if(NOT EXISTS "${file}" OR IS_DIRECTORY "${file}")
    set(${out} "${file} does not exist or is not a file" PARENT_SCOPE)
    return()
  endif()
  file(READ "${file}" text)
  string(JSON payload ERROR_VARIABLE json_error GET "${text}" payload)
  if(json_error)
    set(${out} "${file} is not a signed root document (no \"payload\": ${json_error})"
        PARENT_SCOPE)
    return()
  endif()
  set(demo_root "${demo_dir}/demo-root-keys.json")
  file(READ "${demo_root}" demo_text)
  string(JSON demo_payload GET "${demo_text}" payload)
  # The same bytes, or the same signed payload in another layout: the demo root either way.
  if(text STREQUAL demo_text OR payload STREQUAL demo_payload)
    set(${out} "${file} is the demo root (${demo_root})" PARENT_SCOPE)
    return()
  endif()
  # A root signed by one of the demo's keys chains to keys anyone has.
  _kiosk_demo_key_ids("${demo_dir}" demo_ids)
  _kiosk_signer_ids("${text}" signer_ids)
  foreach(id IN LISTS signer_ids)
    if(id IN_LIST demo_ids)
      set(${out} "${file} is signed by the demo key ${id} (${demo_dir})" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# The key ids of every demo key pair (config/keys/demo-*.pub).
function(_kiosk_demo_key_ids demo_dir out)
  file(GLOB pubs "${demo_dir}/demo-*.pub")
  set(ids "")
  foreach(pub IN LISTS pubs)
    file(READ "${pub}" pub_text)
    string(JSON id ERROR_VARIABLE ignored GET "${pub_text}" key_id)
    if(NOT ignored)
      list(APPEND ids "${id}")
    endif()
  endforeach()
  set(${out} "${ids}" PARENT_SCOPE)
endfunction()

# The key ids named by a root document's signatures.
function(_kiosk_signer_ids text out)
  set(ids "")
  string(JSON count ERROR_VARIABLE no_signatures LENGTH "${text}" signatures)
  if(NOT no_signatures AND count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON id ERROR_VARIABLE ignored GET "${text}" signatures ${i} key_id)
      if(NOT ignored)
        list(APPEND ids "${id}")
      endif()
    endforeach()
  endif()
  set(${out} "${ids}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  if(NOT DEFINED ROOT_KEYS_FILE OR NOT DEFINED DEMO_KEYS_DIR)
    message(FATAL_ERROR "usage: cmake -DROOT_KEYS_FILE=FILE -DDEMO_KEYS_DIR=DIR -P ${CMAKE_CURRENT_LIST_FILE}")
  endif()
  kiosk_root_keys_problem("${ROOT_KEYS_FILE}" "${DEMO_KEYS_DIR}" problem)
  if(problem)
    # NOTICE prints the reason on one line (FATAL_ERROR wraps it) for people and the test.
    message(NOTICE "refusing to ship these root keys: ${problem}")
    message(FATAL_ERROR "refused: ${ROOT_KEYS_FILE}")
  endif()
  message(STATUS "root keys may be shipped: ${ROOT_KEYS_FILE}")
endif()
