# Tests of the npm-side judges (tools/): the validation corpus and its graphql-js verdicts must
# be exactly what the pinned graphql-js says, and the tools' own tests must pass. They need
# `npm ci` in tools/ (scripts/install-deps does it).
find_program(NODE_PROGRAM node)
if(SLUICE_TESTS AND NODE_PROGRAM)
  set(tools_dir ${PROJECT_SOURCE_DIR}/tools)
  add_test(NAME tools_node_test COMMAND ${NODE_PROGRAM} --test WORKING_DIRECTORY ${tools_dir})
  add_test(NAME graphql_corpus_documents_check
           COMMAND ${NODE_PROGRAM} gen-validation-corpus.mjs --check WORKING_DIRECTORY ${tools_dir})
  add_test(NAME graphql_corpus_verdicts_check
           COMMAND ${NODE_PROGRAM} graphql-oracle.mjs --check WORKING_DIRECTORY ${tools_dir})
  set_tests_properties(tools_node_test graphql_corpus_documents_check graphql_corpus_verdicts_check
                       PROPERTIES LABELS tools TIMEOUT 300)
endif()
