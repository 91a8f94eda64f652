# The kiosk's Debian package (CPack DEB): `cpack -G DEB` in a built tree. docs/deploy.md.
#
# Only the install rules of the component `kiosk` go in: the simulators (tools/simusb,
# tools/rdsim) and the reference backend install into the tree's own prefix for developers
# but have no place on a kiosk in the field.
#
# Paths (docs/config.md, "Paths"): programs in /usr/bin, assets in /usr/share/csc-kiosk, the
# default config and the state's root keys in /etc/csc-kiosk (conffiles), the unit and the
# udev rules under /lib, the operator's and deployer's docs in /usr/share/doc/csc-kiosk.

include(${CMAKE_CURRENT_LIST_DIR}/check_root_keys.cmake)

set(KIOSK_ROOT_KEYS_FILE "" CACHE FILEPATH
    "The state's signed root document (trust.root_keys_file), shipped as /etc/csc-kiosk/root-keys.json; empty ships none")
if(KIOSK_ROOT_KEYS_FILE)
  kiosk_root_keys_problem("${KIOSK_ROOT_KEYS_FILE}" "${CMAKE_SOURCE_DIR}/config/keys" problem)
  if(problem)
    message(FATAL_ERROR "KIOSK_ROOT_KEYS_FILE: refusing to ship these root keys: ${problem}. "
                        "Give the state's root document (docs/deploy.md, \"Root keys\").")
  endif()
endif()

set(KIOSK_PACKAGE_COMPONENT kiosk)
install(TARGETS csc-kiosk kioskctl RUNTIME DESTINATION bin COMPONENT ${KIOSK_PACKAGE_COMPONENT})
install(DIRECTORY assets/ DESTINATION share/csc-kiosk COMPONENT ${KIOSK_PACKAGE_COMPONENT})
install(FILES config/csc-kiosk.json DESTINATION /etc/csc-kiosk RENAME config.json
        COMPONENT ${KIOSK_PACKAGE_COMPONENT})
set(kiosk_conffiles "/etc/csc-kiosk/config.json\n")
if(KIOSK_ROOT_KEYS_FILE)
  install(FILES ${KIOSK_ROOT_KEYS_FILE} DESTINATION /etc/csc-kiosk RENAME root-keys.json
          COMPONENT ${KIOSK_PACKAGE_COMPONENT})
  string(APPEND kiosk_conffiles "/etc/csc-kiosk/root-keys.json\n")
endif()
install(FILES config/systemd/csc-kiosk.service DESTINATION /lib/systemd/system
        COMPONENT ${KIOSK_PACKAGE_COMPONENT})
install(FILES packaging/udev/70-csc-kiosk.rules DESTINATION /lib/udev/rules.d
        COMPONENT ${KIOSK_PACKAGE_COMPONENT})
install(FILES docs/deploy.md docs/operator.md docs/cli.md DESTINATION share/doc/csc-kiosk
        COMPONENT ${KIOSK_PACKAGE_COMPONENT})

# dpkg takes every file listed here as a conffile: an administrator's change survives an
# upgrade (dpkg asks, or keeps it under unattended-upgrades). A listed file the package
# lacks is an error, so the list follows what is shipped.
file(WRITE ${CMAKE_BINARY_DIR}/packaging/conffiles "${kiosk_conffiles}")

# cpack packages the tree as built; without this it builds every target first (all the
# tests and benchmarks), minutes on two cores. Build csc-kiosk and kioskctl before cpack.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(CPACK_PACKAGE_NAME csc-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# A build with the fault verb (KIOSK_FAULT_INJECTION: tests and demos) says so in its
# version and description, so it is never mistaken for a field package: build those with
# -DKIOSK_FAULT_INJECTION=OFF (docs/deploy.md).
if(KIOSK_FAULT_INJECTION)
  set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}~faultinjection")
endif()
set(CPACK_PACKAGE_CONTACT "csc-kiosk maintainers <csc-kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Self-service kiosk for Common Services Centres")
set(CPACK_PACKAGE_DESCRIPTION
    "A touch kiosk for India's Common Services Centres: citizen services in Hindi and English, UPI and cash payments, receipts, USB printers, scanners and fingerprint readers. Runs full-screen under cage as the csc-kiosk user.")
if(KIOSK_FAULT_INJECTION)
  string(APPEND CPACK_PACKAGE_DESCRIPTION
         " TEST BUILD: the control socket's fault verb can crash or freeze threads; not for the field.")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};${PROJECT_NAME};${KIOSK_PACKAGE_COMPONENT};/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Libraries from dpkg-shlibdeps; what the kiosk reads or runs but does not link by hand:
# the compositor, adduser for postinst, the default fonts and icon map (docs/config.md
# text.*), espeak-ng's Hindi voice, m17n's hi-itrans, and EGL with Mesa's drivers, which SDL
# opens at run time under Wayland (dlopen: dpkg-shlibdeps cannot see them).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "cage, adduser, fonts-noto-core, fonts-material-design-icons-iconfont, espeak-ng-data, m17n-db, libegl1, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_BINARY_DIR}/packaging/conffiles ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm ${CMAKE_SOURCE_DIR}/packaging/debian/postrm)
# Scripts 0755 and the conffiles list 0644, whatever the checkout's modes.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
