# Redis backend of the storage component (owned by the redis work). Integration cases start a
# private redis-server on a unix socket (tests/support/redis_server.hpp).
koubei_add_test(NAME storage_redis_tests
  SRCS
    redis_batch_test.cpp
    redis_endpoint_test.cpp
    redis_connection_test.cpp
    redis_dedup_store_test.cpp
    redis_stream_sink_test.cpp
    redis_author_cache_test.cpp
    redis_checkpoint_store_test.cpp
    redis_job_leases_test.cpp
  DEPS koubei::storage)
