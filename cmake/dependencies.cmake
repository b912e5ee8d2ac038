# Dependencies come from Debian packages only (nlohmann-json3-dev, catch2 v2); nothing is
# downloaded. Under Emscripten the system include directory must never be added (its glibc headers
# shadow the wasm sysroot), so the two header-only libraries are copied into the build tree and
# exposed from their own directory.
set(CROHN_SYSTEM_INCLUDE_DIR "/usr/include" CACHE PATH
    "Where Debian installs nlohmann/ and catch2/ headers")

add_library(crohn_deps_json INTERFACE)
add_library(crohn_deps_catch2 INTERFACE)

if(EMSCRIPTEN)
  set(_deps_dir ${CMAKE_BINARY_DIR}/_deps/include)
  foreach(_lib nlohmann catch2)
    if(NOT EXISTS ${CROHN_SYSTEM_INCLUDE_DIR}/${_lib})
      message(FATAL_ERROR "${CROHN_SYSTEM_INCLUDE_DIR}/${_lib} not found: run scripts/setup.sh")
    endif()
    file(COPY ${CROHN_SYSTEM_INCLUDE_DIR}/${_lib} DESTINATION ${_deps_dir})
  endforeach()
  target_include_directories(crohn_deps_json SYSTEM INTERFACE ${_deps_dir})
  target_include_directories(crohn_deps_catch2 SYSTEM INTERFACE ${_deps_dir})
else()
  find_package(nlohmann_json 3.10 CONFIG REQUIRED)
  target_link_libraries(crohn_deps_json INTERFACE nlohmann_json::nlohmann_json)
  if(CROHN_BUILD_TESTS)
    find_package(Catch2 2 CONFIG REQUIRED)
    target_link_libraries(crohn_deps_catch2 INTERFACE Catch2::Catch2)
  endif()
endif()
