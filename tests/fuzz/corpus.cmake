# The fuzz targets' seed corpora and dictionaries, generated at build time by make_corpus.py into
# ${CROHN_FUZZ_CORPUS_DIR} (build/<preset>/fuzz-corpus/<name>/ and <name>.dict for evaluate, record
# and cohort) from tests/conformance/vectors.json, examples/records/*.json, examples/*.csv and the
# definition set ids of the built crohnscore (when the CLI is built). Nothing is written into the
# source tree. Target: crohn_fuzz_corpus.
set(CROHN_FUZZ_CORPUS_DIR ${CMAKE_BINARY_DIR}/fuzz-corpus)
include_guard(GLOBAL)

find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(_crohn_fuzz_cli)
if(TARGET crohnscore)
  set(_crohn_fuzz_cli --crohnscore $<TARGET_FILE:crohnscore>)
endif()
# The new instruments' public vectors (tests/conformance/vectors-<instrument>.json) seed it too.
file(GLOB _crohn_fuzz_vectors CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/conformance/vectors-*.json)
set(_crohn_fuzz_vector_args)
foreach(_file IN LISTS _crohn_fuzz_vectors)
  list(APPEND _crohn_fuzz_vector_args --vectors ${_file})
endforeach()
file(GLOB _crohn_fuzz_records CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/records/*.json
                                                ${PROJECT_SOURCE_DIR}/examples/*.csv)
add_custom_command(
  OUTPUT ${CROHN_FUZZ_CORPUS_DIR}/evaluate.dict ${CROHN_FUZZ_CORPUS_DIR}/record.dict
         ${CROHN_FUZZ_CORPUS_DIR}/cohort.dict
  COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/make_corpus.py
          --vectors ${PROJECT_SOURCE_DIR}/tests/conformance/vectors.json ${_crohn_fuzz_vector_args}
          --records ${PROJECT_SOURCE_DIR}/examples/records
          --cohorts ${PROJECT_SOURCE_DIR}/examples
          ${_crohn_fuzz_cli} ${CROHN_FUZZ_CORPUS_DIR}
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/make_corpus.py
          ${PROJECT_SOURCE_DIR}/tests/conformance/vectors.json ${_crohn_fuzz_vectors}
          ${_crohn_fuzz_records} $<TARGET_NAME_IF_EXISTS:crohnscore>
  COMMENT "Generating the fuzz seed corpora in ${CROHN_FUZZ_CORPUS_DIR}"
  VERBATIM)
add_custom_target(crohn_fuzz_corpus ALL
  DEPENDS ${CROHN_FUZZ_CORPUS_DIR}/evaluate.dict ${CROHN_FUZZ_CORPUS_DIR}/record.dict
          ${CROHN_FUZZ_CORPUS_DIR}/cohort.dict)
