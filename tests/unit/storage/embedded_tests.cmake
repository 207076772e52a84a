# Embedded (serverless) backend of the storage component (owned by the redis work).
koubei_add_test(NAME storage_embedded_tests
  SRCS
    embedded_checksum_test.cpp
    embedded_record_log_test.cpp
    embedded_fingerprint_table_test.cpp
    embedded_dedup_store_test.cpp
    embedded_crash_test.cpp
    embedded_checkpoint_store_test.cpp
    embedded_author_cache_test.cpp
    embedded_state_stores_test.cpp
  DEPS koubei::storage)
# The process the crash test kills with SIGKILL while it confirms ids.
add_executable(embedded_dedup_writer embedded_dedup_writer.cpp)
target_link_libraries(embedded_dedup_writer PRIVATE koubei::storage koubei_project_options)
add_dependencies(storage_embedded_tests embedded_dedup_writer)
target_compile_definitions(storage_embedded_tests PRIVATE
  KOUBEI_DEDUP_WRITER="$<TARGET_FILE:embedded_dedup_writer>")
