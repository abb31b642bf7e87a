# Embeds docs/openapi.json in `carecap serve` (GET /v1/openapi.json serves it, cli/openapi_document.h), so the
# document kept in docs/ and the one served are one source. Sets `out` to the C++ file written; editing
# docs/openapi.json makes CMake write it again. Used by the main build and by tests/fuzz.
function(carecap_openapi_source root out)
  file(READ ${root}/docs/openapi.json CARECAP_OPENAPI_JSON)
  if(CARECAP_OPENAPI_JSON MATCHES "\\)carecap_openapi\"")
    message(FATAL_ERROR "docs/openapi.json holds the raw string's closing delimiter")
  endif()
  configure_file(${root}/cli/openapi_document.cpp.in ${CMAKE_BINARY_DIR}/generated/openapi_document.cpp @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${root}/docs/openapi.json)
  set(${out} ${CMAKE_BINARY_DIR}/generated/openapi_document.cpp PARENT_SCOPE)
endfunction()
